from typing import Any, Literal

OPENAI_PARAMS: tuple[str, ...]
OPENAI_LIKE_PROVIDERS: dict[str, tuple[bool, bool, float | None]]
PROVIDERS: frozenset[str]
# spec name -> (supported params, rules, whole-request step)
SHARED_SPECS: dict[str, tuple[tuple[str, ...], dict[str, tuple[int, Any]], int]]
# provider -> SHARED_SPECS key ("none": LiteLLM has no chat config for it)
PROVIDER_SPECS: dict[str, str]
EXTRA_BODY_PROVIDERS: frozenset[str]

def get_supported_openai_params(
    model: str,
    custom_llm_provider: str | None = None,
    request_type: Literal["chat_completion", "embeddings", "transcription"] = "chat_completion",
    base_model: str | None = None,
) -> list[str] | None: ...
def get_optional_params(
    model: str,
    custom_llm_provider: str = "",
    *,
    drop_params: bool | str | None = None,
    additional_drop_params: list[str] | None = None,
    allowed_openai_params: list[str] | None = None,
    stream: bool | None = False,
    **params: Any,
) -> dict[str, Any]: ...
def profile_names() -> frozenset[str]: ...
def _clear_caches() -> None: ...
