from typing import Any, Callable

from fastcore._ext.completion import Request
from fastcore._ext.response import ModelResponse, ModelResponseStream, Usage
from fastcore._ext.sse import SSEEvent
from fastcore._ext.transport import Response
from fastcore._ext.wire import Wire

USER_AGENT: str
OPENAI_BASE: str
AZURE_DEFAULT_API_VERSION: str
QUIRKS: dict[str, tuple[int, int, dict[str, str] | None, dict[str, Any] | None, str | None]]
RATE_LIMIT_HEADERS: tuple[str, ...]
STREAM_RATE_LIMIT_HEADERS: tuple[str, ...]

class StreamState:
    id: str | None
    finished: bool
    done: bool
    usage: dict[str, Any] | None
    headers: dict[str, str]

def default_retries(provider: str) -> int: ...
def build_request(req: Request, settings: dict[str, Any]) -> tuple[str, dict[str, str], bytes]: ...
def parse_response(req: Request, resp: Response, url: str) -> ModelResponse: ...
def parse_error(req: Request, status: int, headers: dict[str, str], body: bytes) -> Exception: ...
def new_stream(req: Request, headers: dict[str, str], url: str) -> StreamState: ...
def parse_chunk(st: StreamState, event: SSEEvent) -> list[ModelResponseStream]: ...
def end_stream(st: StreamState, count_usage: Callable[[], Usage]) -> list[ModelResponseStream]: ...
def _additional_headers(headers: dict[str, str], stream: bool) -> dict[str, str]: ...

class OpenAIWire(Wire): ...

WIRE: OpenAIWire
