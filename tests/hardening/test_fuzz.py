"""Property: whatever a caller passes, the outcome is a result or one of fastcore's exceptions.

Constructors may instead raise a TypeError or ValueError (as pydantic's
ValidationError is one) whose message names the field. The default profile
is short and reproducible; `FASTCORE_FUZZ=long pytest tests/hardening/test_fuzz.py`
searches much harder (tests/conftest.py registers both).
"""
import asyncio
import copy
import enum
import pickle

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, strategies as st  # noqa: E402

import fastcore  # noqa: E402
import fastcore._ext.response as R  # noqa: E402
from fastcore.exceptions import FastcoreError  # noqa: E402


class Text(str, enum.Enum):
    USER = "user"
    AUTO = "auto"
    OPENAI = "openai"


class Odd:
    """An object no validator knows."""


ODD_VALUES = [10 ** 30, -(10 ** 30), -1, 0, float("inf"), float("-inf"), float("nan"), True,
              Text.USER, Text.AUTO, Odd(), b"\xff", (), frozenset([1]), "", " ", "\x00", "x" * 300,
              "litellm.RateLimitError", "https://u:p@h/?key=k"]
# Built, not sampled: hypothesis would repr a 5,000-digit int, which Python refuses.
HUGE = st.builds(lambda: 10 ** 5000)
leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
                 st.sampled_from(ODD_VALUES), HUGE)
keys = st.one_of(st.sampled_from(["role", "content", "type", "text", "name", "function", "arguments", "index",
                                  "id", "schema", "json_schema", "tool_calls", "delta", "choices", "usage",
                                  "budget_tokens", "effort", "include_usage", "image_url", "url"]),
                 st.text(max_size=6))
value = st.recursive(leaf, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
                     max_leaves=12)

MODELS = st.one_of(st.sampled_from(["openai/gpt-4o", "gpt-4o", "anthropic/claude-sonnet-4-5", "claude-3-5-sonnet-20240620",
                                    "gemini/gemini-2.5-pro", "bedrock/anthropic.claude-3-sonnet", "groq/llama-3.1-8b",
                                    "azure/gpt-4o", "ollama/llama3", "o3", "mistral/mistral-large", "x", "/", "a/",
                                    "vertex_ai/gemini-2.5-pro", "together_ai/meta-llama/Llama-3-8b", Text.OPENAI]),
                   value)
PROVIDERS = st.one_of(st.sampled_from(["openai", "anthropic", "gemini", "vertex_ai", "bedrock", "groq", "azure",
                                       "ollama", "mistral", "cohere", "together_ai", "", "bogus", Text.OPENAI]),
                      value)
ROLES = st.sampled_from(["user", "assistant", "system", "tool", "developer", "function", Text.USER, "bot", None, 5])
MESSAGE = st.fixed_dictionaries({"role": ROLES}, optional={"content": value, "name": value,
                                                          "tool_calls": value, "tool_call_id": value})
VALID_MESSAGES = st.lists(st.fixed_dictionaries({"role": st.sampled_from(["user", "system", "assistant"]),
                                                 "content": st.text(max_size=20)}), min_size=1, max_size=3)
# Mostly well-formed, so that the search reaches past validation into the mapping and the mock.
MESSAGES = st.one_of(VALID_MESSAGES, VALID_MESSAGES, VALID_MESSAGES, st.lists(MESSAGE, max_size=3), value)

PARAM_NAMES = ["temperature", "top_p", "n", "max_tokens", "max_completion_tokens", "stop", "stream",
               "stream_options", "tools", "tool_choice", "response_format", "seed", "logprobs", "top_logprobs",
               "presence_penalty", "frequency_penalty", "logit_bias", "user", "reasoning_effort", "thinking",
               "parallel_tool_calls", "functions", "function_call", "extra_headers", "extra_body", "metadata",
               "drop_params", "additional_drop_params", "allowed_openai_params", "timeout", "num_retries",
               "max_retries", "api_key", "api_base", "base_url", "api_version", "custom_llm_provider",
               "mock_tool_calls", "modalities", "audio", "prediction", "web_search_options", "verbosity",
               "aws_region_name", "top_k", "safety_settings", "litellm_logging_obj"]
TOOL = {"type": "function", "function": {"name": "f", "parameters": {"type": "object", "properties": {}}}}
GOOD = {"temperature": [0.2, 1], "max_tokens": [10], "n": [1, 2], "stop": ["\n", ["a", "b"]],
        "tools": [[TOOL]], "tool_choice": ["auto", "required", {"type": "function", "function": {"name": "f"}}],
        "response_format": [{"type": "json_object"},
                            {"type": "json_schema", "json_schema": {"name": "a", "schema": {"type": "object"}}}],
        "reasoning_effort": ["low", "high"], "thinking": [{"type": "enabled", "budget_tokens": 1024}],
        "stream": [True, False], "stream_options": [{"include_usage": True}], "timeout": [5, "5", (1, 2)],
        "drop_params": [True], "additional_drop_params": [["n"]]}
# Each param: usually a value its provider takes, sometimes anything at all.
PARAMS = st.fixed_dictionaries({}, optional={
    name: st.one_of(st.sampled_from(GOOD[name]), st.sampled_from(GOOD[name]), value) if name in GOOD else value
    for name in PARAM_NAMES})
MOCK = st.one_of(st.text(max_size=20), st.text(max_size=20), st.sampled_from(["litellm.RateLimitError", "fastcore.Timeout",
                                                        "Exception: content_filter_policy", "litellm.Nope"]),
                 st.dictionaries(st.sampled_from(["id", "choices", "model", "usage", "created", "object"]), value,
                                 max_size=3),
                 st.sampled_from([Odd(), 5, Text.USER, fastcore.ModelResponse()]))


def _drain(result):
    """Consume what a call returned, as a user would."""
    if isinstance(result, fastcore.CustomStreamWrapper):
        chunks = list(result)
        fastcore.stream_chunk_builder(chunks)
        return chunks
    assert isinstance(result, fastcore.ModelResponse), type(result)
    result.model_dump()
    return result


def _expect_fastcore(fn):
    try:
        return fn()
    except FastcoreError as e:
        str(e), repr(e)
        return e


@given(model=MODELS, messages=MESSAGES, params=PARAMS, mock=MOCK)
def test_completion(model, messages, params, mock):
    _expect_fastcore(lambda: _drain(fastcore.completion(model=model, messages=messages, mock_response=mock,
                                                        **params)))


@given(model=MODELS, messages=MESSAGES, params=PARAMS, mock=MOCK)
def test_acompletion(model, messages, params, mock):
    async def run():
        result = await fastcore.acompletion(model=model, messages=messages, mock_response=mock, **params)
        if isinstance(result, fastcore.CustomStreamWrapper):
            return [c async for c in result]
        return _drain(result)

    _expect_fastcore(lambda: asyncio.run(run()))


@given(model=MODELS, provider=st.one_of(st.none(), PROVIDERS), api_base=st.one_of(st.none(), value, st.sampled_from(
    ["http://[x", "https://u:p@h:99999/v1", "api.groq.com/openai/v1", "https://x.services.ai.azure.com"])),
    api_key=st.one_of(st.none(), value))
def test_get_llm_provider(model, provider, api_base, api_key):
    out = _expect_fastcore(lambda: fastcore.get_llm_provider(model, provider, api_base, api_key))
    assert isinstance(out, (tuple, FastcoreError))


@given(model=MODELS, provider=PROVIDERS, params=PARAMS)
def test_get_optional_params(model, provider, params):
    params.pop("custom_llm_provider", None)
    out = _expect_fastcore(lambda: fastcore.get_optional_params(model=model, custom_llm_provider=provider,
                                                                **params))
    assert isinstance(out, (dict, FastcoreError))


@given(model=MODELS, provider=st.one_of(st.none(), PROVIDERS))
def test_get_supported_openai_params(model, provider):
    out = _expect_fastcore(lambda: fastcore.get_supported_openai_params(model, provider))
    assert out is None or isinstance(out, (list, FastcoreError))


CHUNK = st.one_of(
    st.fixed_dictionaries({}, optional={"id": value, "model": value, "created": value, "usage": value,
                                        "choices": st.one_of(value, st.lists(st.fixed_dictionaries(
                                            {}, optional={"index": value, "finish_reason": value,
                                                          "delta": st.one_of(value, st.fixed_dictionaries(
                                                              {}, optional={"content": value, "role": value,
                                                                            "tool_calls": value,
                                                                            "reasoning_content": value,
                                                                            "function_call": value}))}),
                                            max_size=2))}),
    value)


@given(chunks=st.one_of(st.lists(CHUNK, max_size=4), value), messages=st.one_of(st.none(), MESSAGES))
def test_stream_chunk_builder(chunks, messages):
    out = _expect_fastcore(lambda: fastcore.stream_chunk_builder(chunks, messages=messages))
    assert out is None or isinstance(out, (fastcore.ModelResponse, FastcoreError))


CLASSES = [R.ModelResponse, R.ModelResponseStream, R.Message, R.Choices, R.Usage, R.Delta, R.StreamingChoices,
           R.ChatCompletionMessageToolCall, R.ChatCompletionDeltaToolCall, R.Function,
           R.PromptTokensDetailsWrapper, R.CompletionTokensDetailsWrapper]
FIELDS = st.sampled_from(["id", "choices", "created", "model", "object", "usage", "content", "role", "tool_calls",
                          "function_call", "finish_reason", "index", "message", "delta", "logprobs",
                          "prompt_tokens", "completion_tokens", "total_tokens", "reasoning_tokens",
                          "prompt_tokens_details", "completion_tokens_details", "cached_tokens", "function",
                          "arguments", "name", "type", "provider_specific_fields", "system_fingerprint",
                          "reasoning_content", "audio", "hidden_params", "extra"])


@given(cls=st.sampled_from(CLASSES), kwargs=st.dictionaries(FIELDS, value, max_size=4))
def test_constructors(cls, kwargs):
    try:
        obj = cls(**kwargs)
    except (TypeError, ValueError) as e:
        assert str(e), "a constructor error must say what is wrong"
        return
    for read in (lambda o: o.model_dump(), lambda o: o.model_dump(exclude_none=True), _repr,
                 lambda o: pickle.loads(pickle.dumps(o)), copy.deepcopy, lambda o: o == copy.copy(o)):
        read(obj)
    try:
        obj.model_dump_json()
    except TypeError as e:      # a value JSON cannot hold (an object, bytes in a set, ...)
        assert "serialise" in str(e) or "JSON" in str(e) or "not" in str(e)
    except ValueError as e:     # only cycles, and Python's own refusal to print a huge int, end here
        assert "Circular" in str(e) or "integer string conversion" in str(e)


def _repr(obj):
    # An extra attribute holding a 5,000-digit int cannot be printed by Python
    # itself (repr(10 ** 5000) raises ValueError); anything else must print.
    try:
        return repr(obj)
    except ValueError as e:
        assert "integer string conversion" in str(e)


@given(model=MODELS, messages=st.one_of(st.none(), MESSAGES), text=st.one_of(st.none(), value),
       tools=st.one_of(st.none(), value), tool_choice=st.one_of(st.none(), value),
       count_response=st.sampled_from([False, True, None]))
def test_token_counter(model, messages, text, tools, tool_choice, count_response):
    out = _expect_fastcore(lambda: fastcore.token_counter(model=model, messages=messages, text=text, tools=tools,
                                                          tool_choice=tool_choice,
                                                          count_response_tokens=count_response))
    assert isinstance(out, (int, FastcoreError))


@given(model=MODELS, provider=st.one_of(st.none(), PROVIDERS))
def test_model_info_and_supports(model, provider):
    out = _expect_fastcore(lambda: fastcore.get_model_info(model, provider))
    assert isinstance(out, (dict, FastcoreError))
    for check in (fastcore.supports_function_calling, fastcore.supports_vision, fastcore.supports_response_schema):
        assert isinstance(_expect_fastcore(lambda: check(model, provider)), (bool, FastcoreError))
    assert _expect_fastcore(lambda: fastcore.get_max_tokens(model)) is not None or True


@given(model=MODELS, provider=st.one_of(st.none(), PROVIDERS), prompt=value, completion=value, usage=value,
       tier=st.one_of(st.none(), value))
def test_costs(model, provider, prompt, completion, usage, tier):
    out = _expect_fastcore(lambda: fastcore.cost_per_token(model=model, prompt_tokens=prompt,
                                                           completion_tokens=completion,
                                                           custom_llm_provider=provider, service_tier=tier))
    assert isinstance(out, (tuple, FastcoreError))
    response = fastcore.ModelResponse(model=model if isinstance(model, str) else "gpt-4o")
    out = _expect_fastcore(lambda: fastcore.completion_cost(completion_response=response, model=model,
                                                            custom_llm_provider=provider, service_tier=tier))
    assert isinstance(out, (float, FastcoreError))
    out = _expect_fastcore(lambda: fastcore.completion_cost(model=model, prompt=prompt, completion=completion))
    assert isinstance(out, (float, FastcoreError))
