"""Rules LiteLLM's own unit tests check in get_optional_params (differential, one test per rule)."""
import copy

import pytest

import fastcore

pytestmark = pytest.mark.litellm


def _both(litellm, *args, **kw):
    out = []
    for fn in (lambda: litellm.get_optional_params(*args, **kw), lambda: fastcore.get_optional_params(*args, **kw)):
        try:
            out.append(fn())
        except Exception as e:      # noqa: BLE001  (the class is what is compared)
            out.append(type(e).__name__)
    return out


@pytest.mark.parametrize("provider, model", [("together_ai", "meta-llama/Llama-3-8b-chat-hf"),
                                             ("openai", "gpt-4o"), ("groq", "llama-3.1-8b-instant"),
                                             ("hosted_vllm", "my-model")])
@pytest.mark.parametrize("logprobs", [True, False, 0, 1, 5])
def test_logprobs_as_a_flag_or_a_count(litellm, provider, model, logprobs):
    theirs, ours = _both(litellm, model=model, custom_llm_provider=provider, logprobs=logprobs)
    assert ours == theirs


@pytest.mark.parametrize("provider", ["azure", "openai", "hosted_vllm"])
@pytest.mark.parametrize("kw", [
    {"extra_body": {"meta": "hi"}},
    {"extra_body": {"meta": "hi"}, "enhancements": {"grounding": True}, "dataSources": [1]},
    {"extra_body": {"a": 1}, "a": 2},
    {"extra_body": {"model": "m2", "x": 1, "y": 2}, "additional_drop_params": ["x"]},
    {"extra_body": {"meta": "hi"}, "additional_drop_params": ["extra_body"]},
], ids=["alone", "with-extras", "clash", "model-and-drop", "drop-all"])
def test_a_callers_extra_body_is_merged_not_nested(litellm, provider, kw):
    theirs, ours = _both(litellm, model="gpt-4o", custom_llm_provider=provider, temperature=0.2, **kw)
    assert ours == theirs


@pytest.fixture
def module_drop(litellm, monkeypatch):
    monkeypatch.setattr(litellm, "drop_params", True)
    monkeypatch.setattr(fastcore, "drop_params", True)


@pytest.mark.parametrize("stop", ["\n", ["\n"], ["\n", "END"], [" ", "\t\n"], ["finish_reason"], "", [""]],
                         ids=repr)
@pytest.mark.parametrize("model, provider", [("claude-3", "anthropic"),
                                             ("claude-3-5-sonnet@20240620", "vertex_ai")])
def test_anthropic_whitespace_stops_under_the_module_flag(litellm, module_drop, model, provider, stop):
    theirs, ours = _both(litellm, model=model, custom_llm_provider=provider, stop=stop)
    assert ours == theirs


@pytest.mark.parametrize("stop", ["\n", ["\n", "END"]], ids=repr)
def test_anthropic_whitespace_stops_kept_with_a_per_call_flag(litellm, stop):
    theirs, ours = _both(litellm, model="claude-3", custom_llm_provider="anthropic", stop=stop, drop_params=True)
    assert ours == theirs


THINK = {"type": "enabled", "budget_tokens": 1024}


@pytest.mark.parametrize("kw", [{"thinking": THINK}, {"thinking": THINK, "temperature": 0.1},
                                {"thinking": THINK, "extra_body": {"x": 1}},
                                {"thinking": THINK, "custom_flag": True}, {"thinking": {"type": "disabled"}}],
                         ids=["alone", "temperature", "extra-body", "extra-kwarg", "disabled"])
def test_litellm_proxy_sends_thinking_in_extra_body(litellm, kw):
    theirs, ours = _both(litellm, model="gpt-4o", custom_llm_provider="litellm_proxy", **kw)
    assert ours == theirs


@pytest.mark.parametrize("model, provider, kw", [
    ("gemini-1.5-pro", "gemini", {"modalities": ["text", "image"]}),
    ("gemini-2.0-flash", "vertex_ai", {"modalities": ["text", "audio"]}),
    ("gemini-2.0-flash", "gemini", {"modalities": ["image", "video"]}),
    ("gemini-2.0-flash", "gemini", {"modalities": ["TEXT", "pdf"]}),
    ("gemini-2.0-flash", "vertex_ai", {"modalities": "text"}),
    ("gemini-2.5-flash-preview-tts", "gemini", {"modalities": ["text"], "audio": {"voice": "Kore", "format": "pcm16"}}),
    ("gemini-2.0-flash", "vertex_ai", {"audio": {"voice": "Kore", "language_code": "en-US"}}),
    ("gemini-2.0-flash", "vertex_ai", {"modalities": ["audio"], "audio": {"voice": "Kore"}}),
], ids=["gemini", "vertex", "image-video", "unknown", "not-a-list", "tts", "audio-only", "audio-twice"])
def test_gemini_modalities_and_speech(litellm, model, provider, kw):
    theirs, ours = _both(litellm, model=model, custom_llm_provider=provider, **kw)
    assert ours == theirs


def test_gemini_speech_format_other_than_pcm16_names_the_argument(litellm):
    with pytest.raises(ValueError):
        litellm.get_optional_params(model="gemini-2.0-flash", custom_llm_provider="vertex_ai",
                                    audio={"voice": "Kore", "format": "mp3"})
    with pytest.raises(fastcore.BadRequestError, match="audio format 'mp3'") as e:
        fastcore.get_optional_params(model="gemini-2.0-flash", custom_llm_provider="vertex_ai",
                                     audio={"voice": "Kore", "format": "mp3"})
    assert e.value.param == "audio"


SAFETY = [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE"},
          {"category": "HARM_CATEGORY_HATE_SPEECH", "threshold": "BLOCK_NONE"}]


@pytest.mark.parametrize("model, provider, kw", [
    ("gemini-1.5-pro", "vertex_ai", {}), ("gemini-1.5-pro", "vertex_ai_beta", {}),
    ("gemini-2.5-flash", "gemini", {"temperature": 0.3}),
    ("gemini-2.5-flash", "gemini", {"safety_settings": [{"category": "X", "threshold": "Y"}]}),
    ("claude-3-5-sonnet@20240620", "vertex_ai", {}),
], ids=["vertex", "vertex-beta", "gemini", "callers-own", "not-gemini"])
def test_module_vertex_ai_safety_settings(litellm, monkeypatch, model, provider, kw):
    for lib in (litellm, fastcore):
        monkeypatch.setattr(lib, "vertex_ai_safety_settings", SAFETY)
    theirs, ours = _both(litellm, model=model, custom_llm_provider=provider, **kw)
    assert ours == theirs
    for lib in (litellm, fastcore):
        monkeypatch.setattr(lib, "vertex_ai_safety_settings", None)
    assert _both(litellm, model=model, custom_llm_provider=provider, **kw)[1] == \
        _both(litellm, model=model, custom_llm_provider=provider, **kw)[0]


AZURE_TOOLS = [{"type": "function", "function": {"name": "f", "parameters": {"type": "object", "properties": {}}}}]


@pytest.mark.parametrize("api_version", ["2024-02-01", "2024-03-01-preview", "2024-05-01-preview",
                                         "2023-07-01-preview", "2024-06-01", "2024-07-01", "2023-12-01-preview",
                                         "2024-5-1", "2024-05", "latest", None])
@pytest.mark.parametrize("tool_choice", ["required", "auto", {"type": "function", "function": {"name": "f"}}],
                         ids=["required", "auto", "named"])
@pytest.mark.parametrize("drop", [True, False, None])
def test_azure_tool_choice_by_api_version(litellm, api_version, tool_choice, drop):
    kw = {"drop_params": drop} if drop is not None else {}
    theirs, ours = _both(litellm, model="chatgpt-v-2", custom_llm_provider="azure", api_version=api_version,
                         tool_choice=tool_choice, tools=AZURE_TOOLS, **kw)
    assert ours == theirs


@pytest.mark.parametrize("where", ["env", "module"])
def test_azure_api_version_from_the_environment_or_the_module(litellm, monkeypatch, module_drop, where):
    if where == "env":
        monkeypatch.setenv("AZURE_API_VERSION", "2024-02-01")
    else:
        for lib in (litellm, fastcore):
            monkeypatch.setattr(lib, "api_version", "2024-02-01")
    theirs, ours = _both(litellm, model="chatgpt-v-2", custom_llm_provider="azure", tool_choice="required",
                         tools=AZURE_TOOLS)
    assert ours == theirs and "tool_choice" not in ours


def test_azure_old_api_version_refuses_before_a_mock_answer(litellm):
    kw = dict(model="azure/chatgpt-v-2", messages=[{"role": "user", "content": "hi"}], api_version="2024-02-01",
              tools=AZURE_TOOLS, tool_choice="required", mock_response="ok", api_key="k",
              api_base="http://127.0.0.1:9")
    with pytest.raises(litellm.UnsupportedParamsError):
        litellm.completion(**kw, _skip_mcp_handler=True)
    with pytest.raises(fastcore.UnsupportedParamsError, match="2024-02-01"):
        fastcore.completion(**kw)
    assert fastcore.completion(**kw, drop_params=True).choices[0].message.content == "ok"


@pytest.mark.parametrize("provider, model", [
    ("vertex_ai", "1984786713414729728"), ("vertex_ai", "meta/llama3-405b-instruct-maas"), ("vertex_ai", "llama-3-8b"),
    ("vertex_ai", "mistral-large@2407"), ("vertex_ai", "codestral@2405"), ("vertex_ai", "deepseek-ai/deepseek-r1"),
    ("vertex_ai", "openai/gpt-oss-20b-maas"), ("vertex_ai", "claude-3-5-sonnet-v250@20241022"),
    ("azure_ai", "claude-sonnet-4@20250514"), ("azure_ai", "claude-3-5-sonnet"), ("azure_ai", "gpt-4o"),
    ("bedrock_mantle", "claude-sonnet-4"), ("bedrock_mantle", "gpt-oss"), ("openai", "gpt-4o"), ("azure", "my-deploy"),
])
@pytest.mark.parametrize("kw", [{"max_retries": 10}, {"max_retries": 10, "temperature": 0.2, "max_tokens": 5},
                                {"max_completion_tokens": 7, "stop": ["x"], "seed": 1}, {}],
                         ids=["alone", "with-params", "renames", "none"])
def test_max_retries_only_where_the_providers_config_lists_it(litellm, provider, model, kw):
    theirs, ours = _both(litellm, model=model, custom_llm_provider=provider, **kw)
    assert ours == theirs


def _computer(**params):
    return {"type": "computer_20241022", "function": {"name": "computer", "parameters": params}}


@pytest.mark.parametrize("tools", [
    [_computer(display_height_px=100, display_width_px=100, display_number=1)],
    [{"type": "computer_20250124", "function": {"parameters": {"display_height_px": 768, "display_width_px": 1024}}}],
    [dict(_computer(display_height_px=1, display_width_px=2), cache_control={"type": "ephemeral"})],
    [_computer(display_width_px=100)],
    [{"type": "computer_20241022", "function": {"name": "computer"}}],
    [{"type": "text_editor_20250124", "function": {"name": "str_replace_editor"}}],
    [{"type": "bash_20241022", "name": "bash"}],
    [{"type": "web_search_20250305", "name": "web_search", "max_uses": 3}],
    [{"type": "web_search_20250305"}],
    [{"type": "weird_tool", "function": {"name": "x"}}],
    [{"type": "function", "function": {"name": "f", "parameters": {"type": "object", "title": "T",
                                                                  "properties": {"a": {"type": "string"}}}}}],
    [{"type": "function", "function": {"name": "f"}, "cache_control": {"type": "ephemeral"}, "defer_loading": True}],
    [{"type": "function", "function": {"name": "f", "cache_control": {"type": "ephemeral"}, "allowed_callers": ["x"],
                                       "input_examples": [{"a": 1}]}}],
], ids=["computer", "computer-unnamed", "computer-cache", "computer-no-height", "computer-no-parameters",
        "text-editor", "bash", "web-search", "hosted-no-name", "unknown-type", "schema-filtered",
        "cache-and-defer", "function-level-fields"])
@pytest.mark.parametrize("model, provider", [("claude-3-5-sonnet-v250@20241022", "anthropic"),
                                             ("claude-3-5-sonnet@20240620", "vertex_ai")])
def test_anthropic_tool_shapes(litellm, model, provider, tools):
    # LiteLLM raises a bare ValueError for a malformed tool; fastcore a BadRequestError naming `tools`.
    theirs, ours = _both(litellm, model=model, custom_llm_provider=provider, tools=copy.deepcopy(tools))
    if theirs == "ValueError":
        assert ours == "BadRequestError"
        with pytest.raises(fastcore.BadRequestError) as e:
            fastcore.get_optional_params(model=model, custom_llm_provider=provider, tools=tools)
        assert e.value.param == "tools"
    else:
        assert ours == theirs


BEDROCK_CLAUDE = ["anthropic.claude-3-7-sonnet-20250219-v1:0", "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                  "converse/anthropic.claude-3-7-sonnet-20250219-v1:0", "us.anthropic.claude-opus-4-20250514-v1:0",
                  "invoke/anthropic.claude-3-7-sonnet-20240620-v1:0", "anthropic.claude-3-5-sonnet-20240620-v1:0",
                  "invoke/us.anthropic.claude-3-5-sonnet-20240620-v1:0", "invoke/anthropic.claude-v2:1"]


@pytest.mark.parametrize("model", BEDROCK_CLAUDE)
@pytest.mark.parametrize("kw", [{"reasoning_effort": e} for e in ("minimal", "low", "medium", "high", "xhigh", "max",
                                                                   "none", "bogus")]
                         + [{"reasoning_effort": "high", "max_tokens": 10000},
                            {"thinking": {"type": "enabled", "budget_tokens": 2000}},
                            {"max_completion_tokens": 1024, "temperature": 0.8}, {"stop": ["\n", "END"]},
                            {"tools": AZURE_TOOLS, "tool_choice": "required"}],
                         ids=["minimal", "low", "medium", "high", "xhigh", "max", "none", "bogus", "with-max-tokens",
                              "thinking", "max-completion-tokens", "stop", "tools"])
def test_bedrock_claude_reasoning_and_the_invoke_route(litellm, model, kw):
    theirs, ours = _both(litellm, model=model, custom_llm_provider="bedrock", **copy.deepcopy(kw))
    assert ours == theirs


@pytest.mark.parametrize("model", BEDROCK_CLAUDE)
def test_bedrock_claude_supported_params(litellm, model):
    assert fastcore.get_supported_openai_params(model, "bedrock") == \
        litellm.get_supported_openai_params(model, "bedrock")


@pytest.mark.parametrize("model, provider, base_model", [
    ("converse/my-claude-alias", "bedrock", "us.anthropic.claude-sonnet-4-20250514-v1:0"),
    ("eu.anthropic.claude-haiku-4-5-20251001-v1:0", "bedrock", "claude-haiku-4-5"),
    ("gemini-exp-9999", "gemini", "gemini-3.1-pro-preview"), ("my-deployment", "azure", "gpt-4o"),
    ("gpt-4o", "openai", "gpt-4o"), ("gpt-4o", "openai", None), ("gpt-4o", None, None),
])
def test_supported_params_with_a_base_model(litellm, model, provider, base_model):
    assert fastcore.get_supported_openai_params(model, provider, base_model=base_model) == \
        litellm.get_supported_openai_params(model, provider, base_model=base_model)


@pytest.mark.parametrize("base_model", ["gpt-5", "o3-mini"])
def test_azure_base_model_picks_the_parameter_set(litellm, base_model):
    # Same params; the order inside LiteLLM's list depends on per-model details of its configs.
    ours = fastcore.get_supported_openai_params("my-deployment", "azure", base_model=base_model)
    assert sorted(ours) == sorted(litellm.get_supported_openai_params("my-deployment", "azure",
                                                                      base_model=base_model))
    assert len(ours) == len(set(ours))


@pytest.mark.parametrize("base_model", ["gpt-5", "o3-mini", "gpt-4o"])
@pytest.mark.parametrize("kw", [{"max_tokens": 100}, {"reasoning_effort": "high"}, {"temperature": 0.5},
                                {"temperature": 1}], ids=["max-tokens", "effort", "temperature", "temperature-1"])
def test_azure_maps_params_for_the_base_model(litellm, base_model, kw):
    theirs, ours = _both(litellm, model="my-deploy", custom_llm_provider="azure", base_model=base_model, **kw)
    assert ours == theirs


def test_base_model_must_be_a_string():
    with pytest.raises(fastcore.BadRequestError) as e:
        fastcore.get_supported_openai_params("my-deployment", "azure", base_model=5)
    assert e.value.param == "base_model"


_SMALL = {"type": "json_schema", "json_schema": {"name": "s", "strict": True, "schema": {
    "type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "string"}}, "required": ["a"],
    "additionalProperties": False}}}
_MATH = {"type": "json_schema", "json_schema": {"name": "math_reasoning", "strict": True, "schema": {
    "type": "object", "properties": {
        "steps": {"type": "array", "items": {"type": "object", "properties": {
            "explanation": {"type": "string"}, "output": {"type": "string"}}, "required": ["explanation", "output"],
            "additionalProperties": False}},
        "final_answer": {"type": "string"}}, "required": ["steps", "final_answer"], "additionalProperties": False}}}
_NESTED = {"type": "json_schema", "json_schema": {"name": "n", "schema": {
    "$defs": {"Item": {"type": "object", "properties": {"x": {"type": "string", "enum": ["a", ""]}}, "title": "Item"}},
    "type": "object", "title": "Top", "properties": {
        "item": {"$ref": "#/$defs/Item"},
        "maybe": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None, "title": "Maybe"},
        "tags": {"type": "array"}, "multi": {"type": ["string", "null"]}, "num": {"type": "integer", "enum": [1, 2]},
        "when": {"type": "string", "format": "date-time"}, "mail": {"type": "string", "format": "email"},
        "empty": {"type": "object", "properties": {}}},
    "required": ["item"]}}}


@pytest.mark.parametrize("model", ["gemini-1.5-pro", "gemini-1.5-flash", "gemini-pro", "gemini-2.0-flash",
                                   "gemini-2.5-pro"])
@pytest.mark.parametrize("provider", ["gemini", "vertex_ai", "vertex_ai_beta"])
@pytest.mark.parametrize("rf", [{"type": "json_object"}, {"type": "text"}, _SMALL, _MATH, _NESTED,
                                {"type": "json_object", "response_schema": {"type": "object",
                                                                            "properties": {"a": {"type": "string"}}}},
                                {"type": "json_schema", "json_schema": {"name": "x"}}],
                         ids=["json-object", "text", "small", "math", "nested", "response-schema", "no-schema"])
def test_gemini_response_schema(litellm, model, provider, rf):
    theirs, ours = _both(litellm, model=model, custom_llm_provider=provider, response_format=copy.deepcopy(rf))
    assert ours == theirs


def test_gemini_response_schema_refuses_cycles_and_ref_bombs():
    cyclic = {"type": "object", "properties": {}}
    cyclic["properties"]["self"] = cyclic
    defs = {f"D{i}": {"type": "object", "properties": {"a": {"$ref": f"#/$defs/D{i + 1}"},
                                                      "b": {"$ref": f"#/$defs/D{i + 1}"}}} for i in range(40)}
    defs["D40"] = {"type": "string"}
    for schema in (cyclic, {"$defs": defs, "$ref": "#/$defs/D0"}):
        with pytest.raises(fastcore.BadRequestError) as e:
            fastcore.get_optional_params(model="gemini-1.5-pro", custom_llm_provider="gemini",
                                         response_format={"type": "json_schema", "json_schema": {"schema": schema}})
        assert e.value.param == "response_format"
