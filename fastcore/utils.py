"""`litellm.utils`: the helpers projects import from LiteLLM's utils module.

Model data and cost functions load with the model table, on first use.
"""
from fastcore._ext.params import get_optional_params, get_supported_openai_params  # noqa: F401
from fastcore._ext.providers import get_llm_provider  # noqa: F401
from fastcore._ext.response import (  # noqa: F401
    ChatCompletionDeltaToolCall, ChatCompletionMessageToolCall, Choices, Delta, Message, ModelResponse,
    ModelResponseStream, StreamingChoices, Usage,
)
from fastcore._ext.streaming import CustomStreamWrapper, stream_chunk_builder  # noqa: F401
from fastcore._ext.tokens import decode, encode, token_counter  # noqa: F401

_LAZY = {
    "fastcore._ext.models": ("get_model_info", "get_max_tokens", "register_model", "supports_function_calling",
                             "supports_parallel_function_calling", "supports_response_schema", "supports_vision",
                             "supports_reasoning", "supports_prompt_caching", "supports_audio_input",
                             "supports_audio_output", "supports_pdf_input", "supports_web_search",
                             "supports_tool_choice", "supports_system_messages"),
    "fastcore._ext.cost": ("cost_per_token", "completion_cost"),
}
_WHERE = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'fastcore.utils' has no attribute {name!r} (fastcore provides LiteLLM's "
                             f"completion path, not all of litellm.utils)")
    import importlib

    value = globals()[name] = getattr(importlib.import_module(module), name)
    return value


def __dir__():
    return sorted(set(globals()) | set(_WHERE))
