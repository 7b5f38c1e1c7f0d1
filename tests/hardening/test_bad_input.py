"""Inputs that once escaped as a bare TypeError/ValueError/OverflowError/AttributeError.

Each now gives a fastcore exception naming the argument (or a result, where
LiteLLM accepts the input).
"""
import enum

import pytest

import fastcore
from fastcore.exceptions import BadRequestError, FastcoreError, UnsupportedParamsError

from tests.helpers import MSGS, mock_call


def call(mock_response="x", **kw):
    return mock_call(mock_response, **kw)


@pytest.mark.parametrize("kw,param", [
    (dict(extra_headers=5), "extra_headers"),
    (dict(extra_headers={"X-Count": 1}), "extra_headers"),
    (dict(extra_headers={1: "x"}), "extra_headers"),
    (dict(allowed_openai_params=5), "allowed_openai_params"),
    (dict(allowed_openai_params=[["n"]]), "allowed_openai_params"),
    (dict(additional_drop_params=True), "additional_drop_params"),
    (dict(additional_drop_params=["n"], n="abc"), "n"),
    (dict(n=10 ** 30), "n"),
    (dict(n=0), "n"),
    (dict(n=129), "n"),
    (dict(n=10 ** 30, stream=True), "n"),
    (dict(model="anthropic/claude-sonnet-4-5", max_tokens=float("inf")), "max_tokens"),
    (dict(model="anthropic/claude-sonnet-4-5", max_tokens=float("nan")), "max_tokens"),
    (dict(temperature=float("nan")), "temperature"),
    (dict(model="anthropic/claude-sonnet-4-5", thinking={"type": "enabled", "budget_tokens": "1024"}), "thinking"),
    (dict(model="gemini/gemini-2.5-pro",
          response_format={"type": "json_schema", "json_schema": {"name": "a", "schema": "not a dict"}}),
     "response_format"),
    (dict(model="anthropic/claude-sonnet-4-5",
          response_format={"type": "json_schema", "json_schema": {"name": "a", "schema": [1]}}), "response_format"),
    (dict(mock_delay="x"), "mock_delay"),
    (dict(mock_delay=-1), "mock_delay"),
    (dict(mock_delay=float("nan")), "mock_delay"),
    (dict(timeout="abc", mock_timeout=True), "timeout"),
    (dict(timeout=-5), "timeout"),
    (dict(timeout=[1, 2, 3]), "timeout"),
    (dict(num_retries="3"), "num_retries"),
    (dict(num_retries=-1), "num_retries"),
    (dict(metadata="x"), "metadata"),
    (dict(stream_options="yes", stream=True), "stream_options"),
    (dict(mock_tool_calls="call"), "mock_tool_calls"),
    (dict(mock_tool_calls=[{"function": 3}]), "mock_tool_calls"),
    (dict(mock_response={"choices": [42]}), "mock_response"),
    (dict(mock_response={"created": "soon"}), "mock_response"),
    (dict(api_key=5), "api_key"),
    (dict(api_base=["x"]), "api_base"),
    (dict(model=10 ** 5000), "model"),
    (dict(messages=[{"role": 10 ** 5000, "content": "hi"}]), "messages"),
    (dict(messages=[{"role": ["user"], "content": "hi"}]), "messages"),
    (dict(tool_choice={"type": "function", "function": "f"}), "tool_choice"),
])
def test_completion_names_the_argument(kw, param):
    with pytest.raises(BadRequestError) as ei:
        call(**kw)
    assert ei.value.param == param, ei.value
    str(ei.value), repr(ei.value)


def test_huge_int_model_does_not_break_the_message():
    with pytest.raises(BadRequestError, match="model"):
        fastcore.get_llm_provider(10 ** 5000)


def test_invalid_url_names_api_base():
    with pytest.raises(BadRequestError) as ei:
        fastcore.get_llm_provider("azure_ai/gpt-4o", api_base="http://[x")
    assert ei.value.param == "api_base"
    with pytest.raises(BadRequestError):
        fastcore.get_llm_provider("gpt-4o", api_base="http://[::1:bad")


class Provider(str, enum.Enum):
    OPENAI = "openai"
    ANTHROPIC = "anthropic"


class Role(str, enum.Enum):          # smolagents' MessageRole has this shape
    USER = "user"
    ASSISTANT = "assistant"


def test_litellm_provider_enum_is_accepted(litellm):
    from litellm.types.utils import LlmProviders

    for prov in (LlmProviders.OPENAI, Provider.OPENAI):
        assert fastcore.get_optional_params(model="gpt-4o", custom_llm_provider=prov, temperature=0.1) == \
            fastcore.get_optional_params(model="gpt-4o", custom_llm_provider="openai", temperature=0.1)
        assert fastcore.get_supported_openai_params("gpt-4o", prov) == \
            fastcore.get_supported_openai_params("gpt-4o", "openai")
        assert fastcore.get_llm_provider("gpt-4o", prov)[1] == "openai"
    assert litellm.get_supported_openai_params("gpt-4o", LlmProviders.OPENAI) == \
        fastcore.get_supported_openai_params("gpt-4o", LlmProviders.OPENAI)


def test_str_enums_are_accepted_where_a_string_is_expected():
    r = call(messages=[{"role": Role.USER, "content": "hi"}], model=Provider.ANTHROPIC.value + "/claude-sonnet-4-5",
             custom_llm_provider=Provider.ANTHROPIC, tool_choice=Role.USER.value and "auto",
             reasoning_effort=_Effort.LOW, stop=[_Effort.LOW])
    assert r.choices[0].message.content == "x"
    assert fastcore.Message(role=Role.ASSISTANT).role == "assistant"
    params = fastcore.get_optional_params(model="claude-sonnet-4-5", custom_llm_provider="anthropic",
                                          reasoning_effort=_Effort.LOW)
    assert params["thinking"] == {"type": "enabled", "budget_tokens": 1024}


class _Effort(str, enum.Enum):
    LOW = "low"


def test_stream_chunk_builder_on_litellm_chunks_with_pydantic_usage(litellm):
    chunks = list(litellm.completion(model="openai/gpt-4o", messages=MSGS, mock_response="Hello there",
                                     stream=True, stream_options={"include_usage": True}))
    assert any(getattr(c, "usage", None) is not None for c in chunks)
    built = fastcore.stream_chunk_builder(chunks)
    assert built.choices[0].message.content == "Hello there"
    assert built.usage.total_tokens == built.usage.prompt_tokens + built.usage.completion_tokens


@pytest.mark.parametrize("chunks", [
    5, [5], [{"choices": 5}], [{"choices": [{"index": "a"}]}], [{"choices": [{"delta": {"content": 5}}]}],
    [{"choices": [{"delta": {"tool_calls": 5}}]}], [{"choices": [{"delta": {"tool_calls": [{"index": 0,
                                                                                              "function": {"arguments": 3}}]}}]}],
    [{"id": 5, "choices": []}], [{"created": "soon"}], [{"usage": "lots"}], [{"usage": {"prompt_tokens": "x"}}],
    [{"choices": [{"delta": {"role": "robot", "content": "x"}}]}], [{"model": 5}],
])
def test_stream_chunk_builder_names_chunks(chunks):
    with pytest.raises(BadRequestError) as ei:
        fastcore.stream_chunk_builder(chunks)
    assert ei.value.param == "chunks"


def test_get_optional_params_bad_control_arguments():
    for kw, param in ((dict(additional_drop_params=True), "additional_drop_params"),
                      (dict(allowed_openai_params=5), "allowed_openai_params"),
                      (dict(custom_llm_provider=5), "custom_llm_provider"),
                      (dict(model=5), "model")):
        kw.setdefault("model", "gpt-4o")
        kw.setdefault("custom_llm_provider", "openai")
        with pytest.raises(BadRequestError) as ei:
            fastcore.get_optional_params(**kw)
        assert ei.value.param == param


def test_unsupported_value_message_survives_a_huge_int():
    with pytest.raises(UnsupportedParamsError):
        fastcore.get_optional_params(model="o3", custom_llm_provider="openai", temperature=10 ** 5000)


def test_constructor_errors_are_type_or_value_errors():
    with pytest.raises(ValueError, match="completion_tokens"):
        fastcore.Usage(completion_tokens="five", reasoning_tokens=2)
    assert fastcore.Usage(completion_tokens="5", reasoning_tokens=2).completion_tokens == 5


def test_every_error_is_in_the_hierarchy_with_a_message():
    try:
        call(n=10 ** 30)
    except FastcoreError as e:
        assert "n" in str(e)
