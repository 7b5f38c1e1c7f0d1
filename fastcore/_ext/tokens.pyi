from typing import Any, Iterable

DEFAULT_CHUNK_CHARS: int
DEFAULT_MAX_EXACT_CHARS: int
IMAGE_BASE_TOKENS: int
IMAGE_TILE_TOKENS: int
DEFAULT_IMAGE_TOKENS: int
DEFAULT_IMAGE_SIZE: tuple[int, int]
SHORT_CACHE_LIMIT: int
SHORT_CACHE_CHARS: int

def encoding_name_for(model: object) -> str: ...
def format_tools(tools: Iterable[Any]) -> str: ...
def token_counter(model: str | None = "", custom_tokenizer: Any = None, text: str | list[str] | None = None,
                  messages: Iterable[Any] | None = None, count_response_tokens: bool | None = False,
                  tools: list[Any] | None = None, tool_choice: Any = None,
                  use_default_image_token_count: bool | None = False,
                  default_token_count: int | None = None) -> int: ...
def encode(model: str | None = "", text: str = "", custom_tokenizer: Any = None) -> list[int]: ...
def decode(model: str | None = "", tokens: Iterable[int] = (), custom_tokenizer: Any = None) -> str: ...
def forget_encodings() -> None: ...
