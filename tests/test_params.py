"""Unit tests of fastcore's param tables and rewrite rules."""
import importlib.machinery
import sys

import pytest

from fastcore._ext import params
from fastcore.exceptions import BadRequestError, UnsupportedParamsError

TOOLS = [{"type": "function", "function": {"name": "f", "description": "d",
                                           "parameters": {"type": "object", "properties": {}}}}]
SCHEMA_RF = {"type": "json_schema", "json_schema": {"name": "n", "schema": {"type": "object"}}}


def gop(model, provider, **kw):
    return params.get_optional_params(model, provider, **kw)


def test_is_compiled_extension():
    assert params.__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


# Providers LiteLLM gives no chat config: no supported list, generic mapping.
NO_CHAT_CONFIG = frozenset(n for n, spec in params.PROVIDER_SPECS.items() if spec == "none")


def test_every_provider_has_a_supported_list():
    for name in params.profile_names():
        if name in ("vertex_ai", "vertex_ai_beta") or name in NO_CHAT_CONFIG:
            continue  # vertex_ai answers per model family
        assert params.get_supported_openai_params("some-model", name), name


def test_every_table_provider_resolves_to_a_profile():
    from fastcore._ext.providers import provider_list
    assert params.profile_names() == frozenset(provider_list)
    for name in provider_list:
        out = params.get_optional_params("some-model", name, temperature=0.2, drop_params=True)
        assert isinstance(out, dict), name
        if name in ("vertex_ai", "vertex_ai_beta"):
            continue  # answers per model family (see the parity tests)
        listed = params.get_supported_openai_params("some-model", name)
        assert (listed is None) == (name in NO_CHAT_CONFIG), name


def test_no_chat_config_providers_map_generically():
    assert "voyage" not in NO_CHAT_CONFIG and "aiml" in NO_CHAT_CONFIG
    assert params.get_supported_openai_params("m", "aiml") is None
    # aiml is on LiteLLM's OpenAI-compatible list, so it always sends extra_body.
    assert gop("m", "aiml", temperature=0.1) == {"temperature": 0.1, "stream": False,
                                                 "extra_body": {}}
    assert gop("m", "deepgram", max_completion_tokens=5) == {"stream": False, "max_tokens": 5}


def test_openai_compatible_table_rows():
    assert gop("m", "novita", temperature=0.2) == {"temperature": 0.2, "stream": False,
                                                  "extra_body": {}}
    assert gop("m", "github", max_completion_tokens=3)["max_tokens"] == 3
    assert gop("m", "ovhcloud", max_completion_tokens=3) == {"stream": False,
                                                             "max_completion_tokens": 3}
    assert "functions" not in params.get_supported_openai_params("m", "moonshot")
    with pytest.raises(UnsupportedParamsError):
        gop("m", "zai", seed=1)
    assert gop("m", "meta_llama", response_format={"type": "json_object"}) == {
        "stream": False, "extra_body": {}}
    assert gop("m", "meta_llama", response_format=SCHEMA_RF)["response_format"] == SCHEMA_RF


def test_text_generation_renames():
    assert gop("m", "watsonx_text", max_tokens=5, stop=["x"], seed=2, frequency_penalty=0.1) == {
        "stream": False, "max_new_tokens": 5, "stop_sequences": ["x"], "random_seed": 2,
        "repetition_penalty": 0.1}
    assert gop("m", "nlp_cloud", max_tokens=5, n=2) == {"stream": False, "max_length": 5,
                                                       "num_return_sequences": 2}
    assert gop("m", "fal_ai", reasoning_effort="low", stream=None) == {"reasoning": True}
    assert gop("m", "langgraph", stream=True) == {}


def test_unknown_provider_and_other_request_types():
    assert params.get_supported_openai_params("m", "not-a-provider") is None
    assert params.get_supported_openai_params("gpt-4o", "openai", "embeddings") is None


def test_supported_list_is_a_fresh_copy():
    a = params.get_supported_openai_params("gpt-4o", "openai")
    a.append("bogus")
    assert "bogus" not in params.get_supported_openai_params("gpt-4o", "openai")


def test_openai_plain_copy_and_extras():
    assert gop("gpt-4o", "openai", temperature=0.5, foo=1) == {
        "stream": False, "temperature": 0.5, "extra_body": {"foo": 1}}


@pytest.mark.parametrize("model", ["o3", "o1-mini", "gpt-5", "openai/gpt-5-mini"])
def test_reasoning_models_rename_max_tokens(model):
    assert gop(model, "openai", max_tokens=7)["max_completion_tokens"] == 7
    with pytest.raises(UnsupportedParamsError):
        gop(model, "openai", temperature=0.3)
    assert "temperature" not in gop(model, "openai", temperature=0.3, drop_params=True)
    assert gop(model, "openai", temperature=1)["temperature"] == 1


def test_anthropic_renames_and_value_maps():
    out = gop("claude-3-5-sonnet-20240620", "anthropic", stop="x", user="u",
              tool_choice="required", max_completion_tokens=9.6)
    assert out == {"stop_sequences": ["x"], "metadata": {"user_id": "u"},
                   "tool_choice": {"type": "any"}, "max_tokens": 10}


def test_anthropic_user_email_is_not_sent():
    assert gop("claude-3-5-sonnet-20240620", "anthropic", user="a@b.co") == {}


def test_anthropic_tools_and_json_tool():
    out = gop("claude-3-5-sonnet-20240620", "anthropic", tools=TOOLS, response_format=SCHEMA_RF)
    assert [t["name"] for t in out["tools"]] == ["json_tool_call", "f"]
    assert out["tools"][1]["input_schema"] == {"type": "object", "properties": {}}
    assert out["tool_choice"] == {"name": "json_tool_call", "type": "tool"}
    assert out["json_mode"] is True


def test_anthropic_native_structured_output_closes_objects():
    out = gop("claude-sonnet-4-5", "anthropic", response_format={
        "type": "json_schema", "json_schema": {"name": "n", "schema": {
            "type": "object", "properties": {"x": {"type": "object", "minProperties": 1}}}}})
    schema = out["output_format"]["schema"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["x"] == {"type": "object", "additionalProperties": False}


def test_anthropic_reasoning_effort_sets_budget_and_max_tokens():
    assert gop("claude-sonnet-4-5", "anthropic", reasoning_effort="low") == {
        "thinking": {"type": "enabled", "budget_tokens": 1024}, "max_tokens": 5120}
    with pytest.raises(BadRequestError, match="reasoning_effort"):
        gop("claude-sonnet-4-5", "anthropic", reasoning_effort="extreme")


def test_anthropic_parallel_tool_calls_inverts():
    assert gop("claude-3-5-sonnet-20240620", "anthropic", parallel_tool_calls=False) == {
        "tool_choice": {"type": "auto", "disable_parallel_tool_use": True}}


def test_gemini_maps():
    out = gop("gemini-2.0-flash", "gemini", max_tokens=5, n=2, stop="s", logprobs=True,
              tool_choice={"type": "function", "function": {"name": "f"}},
              response_format={"type": "json_object"})
    assert out == {"max_output_tokens": 5, "candidate_count": 2, "stop_sequences": ["s"],
                   "responseLogprobs": True, "response_mime_type": "application/json",
                   "tool_choice": {"functionCallingConfig": {
                       "mode": "ANY", "allowed_function_names": ["f"]}}}
    assert gop("gemini-2.0-flash", "gemini", tools=TOOLS)["tools"] == [
        {"function_declarations": [{"name": "f", "description": "d",
                                    "parameters": {"type": "object", "properties": {}}}]}]


def test_other_renames():
    assert gop("llama3", "ollama", max_tokens=3) == {"stream": False, "num_predict": 3}
    assert gop("command-r", "cohere", top_p=0.2)["p"] == 0.2
    assert gop("mistral-large-latest", "mistral", seed=4) == {"extra_body": {"random_seed": 4}}
    assert gop("anthropic.claude-3-5-sonnet-20240620-v1:0", "bedrock", top_p=0.1)["topP"] == 0.1


def test_bedrock_tool_choice_none_is_unsupported():
    with pytest.raises(UnsupportedParamsError):
        gop("anthropic.claude-3-5-sonnet-20240620-v1:0", "bedrock", tool_choice="none")


def test_unsupported_param_error_names_param_provider_and_fix():
    with pytest.raises(UnsupportedParamsError) as ei:
        gop("claude-3-5-sonnet-20240620", "anthropic", seed=1, n=3)
    msg = str(ei.value)
    assert "['n', 'seed']" in msg and "anthropic" in msg and "drop_params" in msg
    assert ei.value.status_code == 400


def test_n_equal_one_is_tolerated():
    assert gop("claude-3-5-sonnet-20240620", "anthropic", n=1) == {}


def test_drop_params_per_call_and_string_form():
    assert gop("claude-3-5-sonnet-20240620", "anthropic", seed=1, drop_params=True) == {}
    assert gop("claude-3-5-sonnet-20240620", "anthropic", seed=1, drop_params="true") == {}


def test_drop_params_module_setting():
    mod = sys.modules["fastcore"]
    old = mod.drop_params
    mod.drop_params = True
    try:
        assert gop("claude-3-5-sonnet-20240620", "anthropic", seed=1) == {}
    finally:
        mod.drop_params = old
    with pytest.raises(UnsupportedParamsError):
        gop("claude-3-5-sonnet-20240620", "anthropic", seed=1)


def test_additional_drop_params():
    assert gop("gpt-4o", "openai", top_p=0.5, additional_drop_params=["top_p"]) == {
        "stream": False, "extra_body": {}}
    assert gop("gpt-4o", "openai", foo=1, additional_drop_params=["extra_body"]) == {
        "stream": False}


def test_allowed_openai_params_pass_through():
    assert gop("claude-3-5-sonnet-20240620", "anthropic", seed=3,
               allowed_openai_params=["seed"]) == {"seed": 3}


def test_none_means_not_given():
    assert gop("claude-3-5-sonnet-20240620", "anthropic", seed=None, temperature=None) == {}


def test_openai_like_json_providers():
    assert gop("m", "publicai", max_completion_tokens=3)["max_tokens"] == 3
    assert gop("m", "scx-ai", temperature=2.5)["temperature"] == 1.99
    with pytest.raises(UnsupportedParamsError):
        gop("m", "publicai", tools=TOOLS)


@pytest.mark.parametrize("kw", [
    {"temperature": "hot"}, {"top_p": True}, {"n": 1.5}, {"stop": [1]}, {"tools": "x"},
    {"tool_choice": 3}, {"response_format": "json"}, {"max_tokens": "10"},
])
def test_bad_types_raise_clear_bad_request(kw):
    with pytest.raises(BadRequestError, match=next(iter(kw))):
        gop("gpt-4o", "openai", **kw)


def test_bad_model_and_provider_types():
    with pytest.raises(BadRequestError, match="model"):
        params.get_optional_params(None, "openai")
    with pytest.raises(BadRequestError, match="custom_llm_provider"):
        params.get_optional_params("gpt-4o", 3)
