from typing import Any

TIER_SUFFIXES: tuple[str, ...]
TIERS: dict[str, str]
THRESHOLD_PREFIXES: tuple[str, ...]
PER_SECOND_MODES: tuple[str | None, ...]
VERTEX_TOKEN_FAMILIES: tuple[str, ...]
NOT_PRICED: frozenset[str]

def cost_per_token(model: str = "", prompt_tokens: int = 0, completion_tokens: int = 0, response_time_ms: float = 0.0,
                   custom_llm_provider: str | None = None, region_name: str | None = None,
                   prompt_characters: int | None = None, completion_characters: int | None = None,
                   cache_creation_input_tokens: int = 0, cache_read_input_tokens: int = 0,
                   custom_cost_per_token: dict[str, float] | None = None,
                   custom_cost_per_second: float | None = None, usage_object: Any = None,
                   call_type: str = "completion", service_tier: str | None = None, data_residency: str | None = None,
                   vertex_location: str | None = None, response: Any = None,
                   request_model: str | None = None) -> tuple[float, float]: ...
def completion_cost(completion_response: Any = None, model: str | None = None, prompt: str = "",
                    messages: list[Any] | None = None, completion: str = "", total_time: float = 0.0,
                    call_type: str | None = None, custom_llm_provider: str | None = None,
                    region_name: str | None = None, size: Any = None, quality: Any = None, n: Any = None,
                    custom_cost_per_token: dict[str, float] | None = None,
                    custom_cost_per_second: float | None = None, optional_params: dict[str, Any] | None = None,
                    custom_pricing: bool | None = None, base_model: str | None = None,
                    standard_built_in_tools_params: Any = None, litellm_model_name: str | None = None,
                    router_model_id: str | None = None, litellm_logging_obj: Any = None,
                    service_tier: str | None = None, data_residency: str | None = None,
                    vertex_location: str | None = None) -> float: ...
def usage_cost(model: str, provider: str | None, usage: object) -> float | None: ...
