from typing import Any

from fastcore._ext.response import ModelResponse
from fastcore._ext.streaming import CustomStreamWrapper

MOCK_TEXT: str
MOCK_PROMPT_TOKENS: int
MOCK_COMPLETION_TOKENS: int
POSITIONAL: tuple[str, ...]

class Request:
    model: str
    original_model: str
    provider: str
    messages: list[dict[str, Any]]
    optional_params: dict[str, Any]
    api_base: str | None
    api_key: str | None
    api_version: str | None
    timeout: Any
    num_retries: int | None
    headers: dict[str, str] | None
    metadata: dict[str, Any] | None
    stream: bool
    stream_options: dict[str, Any] | None
    n: int | None
    mock_response: Any
    mock_tool_calls: list[dict[str, Any]] | None
    mock_timeout: bool | None
    mock_delay: float | None
    is_mock: bool

def completion(model: str | None = ..., messages: list[dict[str, Any]] | None = ..., *args: Any,
               **kwargs: Any) -> ModelResponse | CustomStreamWrapper: ...
async def acompletion(model: str | None = ..., messages: list[dict[str, Any]] | None = ..., *args: Any,
                      **kwargs: Any) -> ModelResponse | CustomStreamWrapper: ...
def prepare_request(model: str | None = ..., messages: list[dict[str, Any]] | None = ..., *args: Any,
                    **kwargs: Any) -> Request: ...

def _arm_callbacks() -> None: ...
def callbacks_active() -> bool: ...
def complete_request(req: Request) -> Any: ...
def acomplete_request(req: Request) -> Any: ...
CALLBACK_LISTS: tuple[str, ...]
