"""Differential tests: fastcore's param tables against LiteLLM's, same inputs to both."""
import copy
import pprint

import pytest

from fastcore._ext import params

pytestmark = [
    pytest.mark.litellm,
    # LiteLLM's own pydantic models warn while it builds provider configs.
    pytest.mark.filterwarnings("ignore:.*ReadOnly.*:UserWarning"),
]

TOOLS = [{"type": "function", "function": {
    "name": "f", "description": "d",
    "parameters": {"type": "object", "properties": {"a": {"type": "string"}}}}}]
SCHEMA_RF = {"type": "json_schema", "json_schema": {
    "name": "n", "schema": {"type": "object", "properties": {"a": {"type": "string"}}}}}

# (provider, model) pairs: a representative model or two per provider.
CASES = [
    ("openai", "gpt-4o"), ("openai", "gpt-4.1"), ("openai", "o1"), ("openai", "o3-mini"),
    ("openai", "o4-mini"), ("openai", "gpt-5"), ("openai", "gpt-5-mini"),
    ("openai", "gpt-5-chat-latest"), ("text-completion-openai", "gpt-3.5-turbo-instruct"),
    ("azure", "gpt-4o"), ("azure", "o3"), ("azure", "gpt-5"), ("azure_ai", "mistral-large"),
    ("anthropic", "claude-3-5-sonnet-20240620"), ("anthropic", "claude-3-7-sonnet-20250219"),
    ("anthropic", "claude-sonnet-4-20250514"), ("anthropic", "claude-sonnet-4-5"),
    ("gemini", "gemini-2.0-flash"), ("gemini", "gemini-2.5-pro"),
    ("vertex_ai", "gemini-2.0-flash"), ("vertex_ai", "gemini-2.5-flash"),
    ("vertex_ai", "claude-3-5-sonnet@20240620"),
    ("bedrock", "anthropic.claude-3-5-sonnet-20240620-v1:0"),
    ("bedrock", "us.anthropic.claude-3-5-sonnet-20240620-v1:0"),
    ("bedrock", "meta.llama3-70b-instruct-v1:0"), ("bedrock", "mistral.mistral-large-2402-v1:0"),
    ("bedrock", "amazon.nova-pro-v1:0"),
    ("mistral", "mistral-large-latest"), ("codestral", "codestral-latest"),
    ("groq", "llama-3.1-8b-instant"), ("deepseek", "deepseek-chat"),
    ("together_ai", "meta-llama/Llama-3-70b-chat-hf"),
    ("fireworks_ai", "accounts/fireworks/models/llama-v3-70b-instruct"),
    ("openrouter", "openai/gpt-4o"), ("perplexity", "sonar"),
    ("deepinfra", "meta-llama/Meta-Llama-3-70B-Instruct"), ("xai", "grok-2"),
    ("xai", "grok-3-mini"), ("xai", "grok-4"), ("cerebras", "llama3.1-8b"),
    ("sambanova", "Meta-Llama-3.1-8B-Instruct"), ("nvidia_nim", "meta/llama3-70b-instruct"),
    ("ollama", "llama3"), ("ollama_chat", "llama3"), ("cohere", "command-r"),
    ("cohere_chat", "command-r"), ("hosted_vllm", "facebook/opt-125m"), ("lm_studio", "llama-3"),
    ("huggingface", "meta-llama/Llama-3.1-8B-Instruct"),
    ("databricks", "databricks-meta-llama-3-70b-instruct"),
    ("watsonx", "ibm/granite-13b-chat-v2"),
] + [(p, "some-model") for p in sorted(params.OPENAI_LIKE_PROVIDERS)]

GRID = [
    {}, {"temperature": 0.5}, {"temperature": 1}, {"top_p": 0.9}, {"max_tokens": 10},
    {"max_completion_tokens": 10}, {"stop": "x"}, {"stop": ["x", "y"]}, {"n": 1}, {"n": 2},
    {"seed": 1}, {"user": "u"}, {"user": "someone@example.com"}, {"tools": TOOLS}, {"tools": []},
    {"tool_choice": "auto"}, {"tool_choice": "required"}, {"tool_choice": "none"},
    {"tool_choice": {"type": "function", "function": {"name": "f"}}},
    {"response_format": {"type": "json_object"}}, {"response_format": SCHEMA_RF},
    {"presence_penalty": 0.1}, {"frequency_penalty": 0.1}, {"logprobs": True},
    {"top_logprobs": 2}, {"stream": True}, {"stream": None}, {"reasoning_effort": "low"},
    {"reasoning_effort": "high"}, {"parallel_tool_calls": False}, {"logit_bias": {"1": 1}},
    {"extra_headers": {"a": "b"}}, {"max_retries": 2}, {"stream_options": {"include_usage": True}},
    # combinations
    {"temperature": 0.2, "max_tokens": 100, "stop": ["\n"]},
    {"tools": TOOLS, "tool_choice": "auto", "parallel_tool_calls": True},
    {"tools": TOOLS, "response_format": SCHEMA_RF},
    {"n": 3, "seed": 7, "presence_penalty": 0.5},
    {"reasoning_effort": "medium", "max_tokens": 9000},
    {"max_tokens": 5, "allowed_openai_params": ["seed"], "seed": 3},
    {"top_p": 0.5, "temperature": 0.3, "additional_drop_params": ["top_p"]},
    {"temperature": 0.5, "custom_flag": 1},
]

# Cases where LiteLLM reads its model-cost map or other machinery we do not
# mirror; each is a known, documented gap rather than a silent skip.
KNOWN_GAPS = {
    # LiteLLM maps reasoning_effort on xai only for models the cost map marks as reasoning.
    ("xai", "grok-3-mini"), ("xai", "grok-4"),
}
# Param combinations whose LiteLLM result depends on model-map lookups we do not mirror.
KNOWN_COMBO_GAPS = {
    # Fireworks turns json_schema + tools into json_mode only for models the map lists.
    ("fireworks_ai", "response_format+tools"),
}


def _run(fn):
    try:
        return ("ok", fn())
    except Exception as e:  # the exception *type* is what must match
        return ("exc", type(e).__name__)


def _ours(provider, model, kw, drop):
    return _run(lambda: params.get_optional_params(
        model, provider, drop_params=drop, **copy.deepcopy(kw)))


def _theirs(litellm, provider, model, kw, drop):
    from litellm.utils import get_optional_params
    return _run(lambda: get_optional_params(
        model=model, custom_llm_provider=provider, drop_params=drop, **copy.deepcopy(kw)))


def _same(a, b):
    if a[0] != b[0]:
        return False
    if a[0] == "exc":
        # LiteLLM's UnsupportedParamsError is ours too; other types must be equal.
        return a[1] == b[1]
    return a[1] == b[1]


@pytest.fixture(scope="module")
def quiet_litellm(litellm):
    import logging
    logging.getLogger("LiteLLM").setLevel(logging.ERROR)
    litellm.suppress_debug_info = True
    return litellm


def test_supported_params_match(quiet_litellm):
    bad = []
    for provider, model in CASES:
        theirs = quiet_litellm.get_supported_openai_params(model=model,
                                                            custom_llm_provider=provider)
        ours = params.get_supported_openai_params(model, provider)
        if (theirs is None) != (ours is None) or (ours is not None and set(ours) != set(theirs)):
            bad.append((provider, model, "ours-theirs", sorted(set(ours or ()) - set(theirs or ())),
                        "theirs-ours", sorted(set(theirs or ()) - set(ours or ()))))
    assert not bad, pprint.pformat(bad, width=120)


def test_supported_params_unknown_provider(quiet_litellm):
    assert quiet_litellm.get_supported_openai_params(model="m", custom_llm_provider="nope") is None
    assert params.get_supported_openai_params("m", "nope") is None


@pytest.mark.parametrize("drop", [None, True])
def test_optional_params_grid(quiet_litellm, drop):
    bad = []
    for provider, model in CASES:
        for kw in GRID:
            if (provider, model) in KNOWN_GAPS and "reasoning_effort" in kw:
                continue
            if ("tools" in kw and "response_format" in kw
                    and (provider, "response_format+tools") in KNOWN_COMBO_GAPS):
                continue
            ours = _ours(provider, model, kw, drop)
            theirs = _theirs(quiet_litellm, provider, model, kw, drop)
            if not _same(ours, theirs):
                bad.append(f"{provider}/{model} {kw}\n   ours:   {ours}\n   theirs: {theirs}")
    assert not bad, f"{len(bad)} mismatches:\n" + "\n".join(bad)


# --- every provider of the provider table --------------------------------------------

# A model per provider where LiteLLM's answer for a generic name would pick a
# config other than the one real traffic uses (its model-map lookups decide).
REPRESENTATIVE = {
    "openai": "gpt-4o", "azure_ai": "mistral-large", "gemini": "gemini-2.0-flash",
    "vertex_ai": "gemini-2.0-flash", "vertex_ai_beta": "gemini-2.5-flash", "perplexity": "sonar",
    "bedrock": "anthropic.claude-3-5-sonnet-20240620-v1:0",
}
SMALL_GRID = [
    {"temperature": 0.2}, {"max_tokens": 10}, {"stop": ["x"]}, {"tools": TOOLS},
    {"response_format": {"type": "json_object"}},
    # unsupported almost everywhere: exercises the reject / drop path
    {"verbosity": "low"},
]
# Providers whose LiteLLM mapping needs logic the tables do not model yet;
# each is a documented gap (the supported-param list still has to match).
MAPPING_GAPS = {
    "anthropic_text": "builds a prompt-completion request (max_tokens_to_sample, stop list)",
    "gigachat": "rewrites tools into its legacy functions format and drops stop",
    "oci": "camelCase request body (isStream, topP, maxTokens, responseFormat)",
    "replicate": "tool params are converted into prompt text",
    # Embedding-only providers: LiteLLM validates against their embedding params
    # but maps like a generic OpenAI server; a chat call to them is not meaningful.
    "infinity": "embedding-only provider", "voyage": "embedding-only provider",
}


def test_every_provider_supported_params_match(quiet_litellm):
    from fastcore._ext.providers import provider_list
    bad = []
    for provider in provider_list:
        model = REPRESENTATIVE.get(provider, "some-model")
        theirs = _run(lambda: quiet_litellm.get_supported_openai_params(
            model=model, custom_llm_provider=provider))
        ours = _run(lambda: params.get_supported_openai_params(model, provider))
        if theirs[0] != ours[0] or (theirs[0] == "exc" and theirs[1] != ours[1]):
            bad.append((provider, model, ours, theirs))
        elif theirs[0] == "ok" and (theirs[1] is None) != (ours[1] is None):
            bad.append((provider, model, ours[1], theirs[1]))
        elif theirs[0] == "ok" and theirs[1] is not None and set(theirs[1]) != set(ours[1]):
            bad.append((provider, model, "ours-theirs", sorted(set(ours[1]) - set(theirs[1])),
                        "theirs-ours", sorted(set(theirs[1]) - set(ours[1]))))
    assert not bad, f"{len(bad)} providers differ:\n" + pprint.pformat(bad, width=120)


@pytest.mark.parametrize("drop", [None, True])
def test_every_provider_optional_params_match(quiet_litellm, drop):
    from fastcore._ext.providers import provider_list
    bad = []
    for provider in provider_list:
        if provider in MAPPING_GAPS:
            continue
        model = REPRESENTATIVE.get(provider, "some-model")
        for kw in SMALL_GRID:
            ours = _ours(provider, model, kw, drop)
            theirs = _theirs(quiet_litellm, provider, model, kw, drop)
            if not _same(ours, theirs):
                bad.append(f"{provider}/{model} {kw}\n   ours:   {ours}\n   theirs: {theirs}")
    assert not bad, f"{len(bad)} mismatches:\n" + "\n".join(bad)


def test_mapping_gaps_are_real_providers():
    from fastcore._ext.providers import provider_list
    assert set(MAPPING_GAPS) <= set(provider_list)
