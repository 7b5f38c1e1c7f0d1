"""fastcore: a compiled, drop-in replacement for LiteLLM's completion path.

`import fastcore as litellm` keeps code on the completion path working.
Importing this package loads only the compiled core: transports, tokenizers
and LiteLLM itself are never imported here.
"""
import sys

from fastcore import exceptions  # noqa: F401  (fastcore.exceptions, as litellm.exceptions)
from fastcore.exceptions import *  # noqa: F401,F403  (LiteLLM exposes them at top level)
from fastcore._ext.response import (  # noqa: F401
    ChatCompletionMessageToolCall, Choices, CompletionTokensDetails, Delta, Function, Message,
    ModelResponse, ModelResponseStream, PromptTokensDetails, StreamingChoices, Usage,
)
from fastcore._ext.providers import (  # noqa: F401
    get_llm_provider, is_valid_provider, provider_list,
)
from fastcore._ext.params import get_optional_params, get_supported_openai_params  # noqa: F401
from fastcore._ext.streaming import CustomStreamWrapper, stream_chunk_builder  # noqa: F401
from fastcore._ext.completion import acompletion, completion  # noqa: F401
from fastcore._ext.tokens import decode, encode, token_counter  # noqa: F401  (tiktoken loads on first count)

__version__ = "0.1.0"

# Module settings under LiteLLM's names, read on every call.
drop_params = False
modify_params = False
num_retries = None          # None: LiteLLM's default for the provider (2 through the openai SDK, else 0)
request_timeout = None      # seconds, or an httpx.Timeout-like object; None: 600 s per phase
api_key = None
api_base = None
api_version = None
openai_key = None
azure_key = None
ssl_verify = True           # False, or a CA bundle file or directory
vertex_ai_safety_settings = None    # sent as safety_settings on every Gemini call (a caller's own wins)

# LiteLLM's logging switches, which code on the completion path often sets;
# fastcore does not print debug output either way.
set_verbose = False
suppress_debug_info = False
telemetry = False
disable_token_counter = False   # True: token_counter returns 0, as in LiteLLM

model_alias_map: dict = {}      # alias -> model name, resolved at the start of every call
model_fallbacks = None          # read by projects; fastcore has no fallbacks (None, as LiteLLM's default)
use_litellm_proxy = False
cache = None                    # assigning a cache raises: fastcore has no caching yet
REPEATED_STREAMING_CHUNK_LIMIT = 100
# The parameters of OpenAI's chat API as LiteLLM lists them (with its duplicate).
OPENAI_CHAT_COMPLETION_PARAMS = [
    "functions", "function_call", "temperature", "temperature", "top_p", "n", "stream", "stream_options", "stop",
    "max_completion_tokens", "modalities", "prediction", "audio", "max_tokens", "presence_penalty",
    "frequency_penalty", "logit_bias", "user", "request_timeout", "api_base", "api_version", "api_key",
    "deployment_id", "organization", "base_url", "default_headers", "timeout", "response_format", "seed", "tools",
    "tool_choice", "max_retries", "parallel_tool_calls", "logprobs", "top_logprobs", "reasoning_effort",
    "extra_headers", "thinking", "web_search_options", "include_server_side_tool_invocations", "service_tier",
    "prompt_cache_key", "prompt_cache_retention", "safety_identifier", "verbosity", "store",
]

from fastcore._ext.completion import CALLBACK_LISTS as _CALLBACK_LISTS, _arm_callbacks  # noqa: E402


class _CallbackList(list):
    """A callback list of the module settings: a change arms the per-call callback check."""

    def _arm(self, result=None):
        _arm_callbacks()
        return result

    def append(self, item):
        self._arm(list.append(self, item))

    def extend(self, items):
        self._arm(list.extend(self, items))

    def insert(self, index, item):
        self._arm(list.insert(self, index, item))

    def __setitem__(self, index, item):
        self._arm(list.__setitem__(self, index, item))

    def __iadd__(self, items):  # type: ignore[override, misc]
        list.extend(self, items)
        return self._arm(self)


# LiteLLM's callback lists (see fastcore.logging_callbacks): plain functions or CustomLogger instances.
callbacks = _CallbackList()
success_callback = _CallbackList()
failure_callback = _CallbackList()
input_callback = _CallbackList()
_async_success_callback = _CallbackList()
_async_failure_callback = _CallbackList()
_CALLBACK_SETTINGS = frozenset(_CALLBACK_LISTS)


class _Module(type(sys)):  # type: ignore[misc]
    """fastcore's module: assigning a setting that needs work (callbacks, cache) is seen."""

    def __setattr__(self, name, value):
        if name in _CALLBACK_SETTINGS:
            _arm_callbacks()
        elif name == "cache" and value is not None:
            raise FastcoreError("fastcore has no caching yet: `fastcore.cache` (litellm.cache) must stay None. "
                                "Cache answers in your own code, or keep LiteLLM for cached calls")
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Module


def install_as_litellm() -> None:
    """Make `import litellm` give fastcore in this process (see fastcore.switch)."""
    from fastcore.switch import install_as_litellm as install

    install()


def close() -> None:
    """Close the pooled connections of the sync transport (also done at exit)."""
    transport = sys.modules.get("fastcore._ext.transport")
    if transport is not None:
        transport.close()


async def aclose() -> None:
    """Close the running event loop's connections (asyncio.run() does it when the loop ends)."""
    transport = sys.modules.get("fastcore._ext.transport")
    if transport is not None:
        await transport.aclose()


_MODEL_FUNCTIONS = frozenset((
    "get_model_info", "get_max_tokens", "register_model", "supports_function_calling",
    "supports_parallel_function_calling", "supports_response_schema", "supports_vision", "supports_reasoning",
    "supports_prompt_caching", "supports_audio_input", "supports_audio_output", "supports_pdf_input",
    "supports_web_search", "supports_tool_choice", "supports_system_messages"))


_COST_FUNCTIONS = frozenset(("cost_per_token", "completion_cost"))
_SUBMODULES = frozenset(("types", "utils", "integrations", "litellm_core_utils", "_logging", "main",
                         "cost_calculator"))


def __getattr__(name: str):
    # The model table and its functions load on first use: `import fastcore` stays cheap.
    if name == "model_cost":
        from fastcore._ext.models import model_cost

        value = globals()["model_cost"] = model_cost()
        return value
    if name in _MODEL_FUNCTIONS:
        from fastcore._ext import models

        value = globals()[name] = getattr(models, name)
        return value
    if name in _SUBMODULES:
        # LiteLLM imports these at import time, so code reads `litellm.types.utils.X` without importing it.
        import importlib

        return importlib.import_module(f"fastcore.{name}")
    if name in _COST_FUNCTIONS:
        from fastcore._ext import cost

        value = globals()[name] = getattr(cost, name)
        return value
    raise AttributeError(f"module 'fastcore' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _MODEL_FUNCTIONS | _COST_FUNCTIONS | _SUBMODULES | {"model_cost"})
