from typing import Any

from fastcore._ext.completion import Request
from fastcore._ext.response import ModelResponse
from fastcore._ext.streaming import CustomStreamWrapper

WIRES: dict[str, Any]
RETRY_STATUSES: frozenset[int]
RETRY_AFTER_CAP: float
BACKOFF_BASE: float
BACKOFF_CAP: float

def send(req: Request) -> ModelResponse | CustomStreamWrapper: ...
async def asend(req: Request) -> ModelResponse | CustomStreamWrapper: ...
def retry_delay(attempt: int, headers: dict[str, str] | None = None) -> float: ...
