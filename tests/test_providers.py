"""Unit tests for the provider table and get_llm_provider (no LiteLLM needed)."""
import importlib
import importlib.machinery

import pytest


from fastcore._ext import providers as P  # noqa: E402

BadRequestError = P.BadRequestError


@pytest.fixture
def env(monkeypatch):
    for row in P.PROVIDER_TABLE:
        for name in row[4] + row[5]:
            monkeypatch.delenv(name, raising=False)
    for row in P.ENDPOINT_TABLE:
        for name in row[2]:
            monkeypatch.delenv(name, raising=False)
    return monkeypatch


# -- table integrity ---------------------------------------------------------

def test_is_compiled_extension():
    assert isinstance(P.__loader__, importlib.machinery.ExtensionFileLoader)
    assert P.__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def test_rows_are_well_formed():
    names = [row[0] for row in P.PROVIDER_TABLE]
    assert len(names) == len(set(names))
    for name, wire, _resolve, base, base_envs, key_envs, key_default, _flags in P.PROVIDER_TABLE:
        assert wire in P.WIRE_NAMES, name
        assert base is None or base.startswith(("https://", "http://")), name
        assert all(e.isupper() or "_" in e for e in base_envs + key_envs), name
        assert key_default is None or isinstance(key_default, str), name
        row = P.get_provider(name)
        assert (row.name, row.wire, row.api_base) == (name, wire, base)
        assert row.api_key_env == (key_envs[0] if key_envs else None)
        assert P.provider_wire(name) == wire


def test_required_providers_present():
    required = """openai text-completion-openai azure azure_ai anthropic gemini vertex_ai bedrock mistral
        codestral groq deepseek together_ai fireworks_ai openrouter perplexity deepinfra xai cerebras
        sambanova nvidia_nim ollama ollama_chat cohere cohere_chat hosted_vllm lm_studio huggingface
        databricks watsonx""".split()
    for name in required:
        assert P.is_valid_provider(name), name
    assert P.provider_wire("anthropic") == "anthropic"
    assert P.provider_wire("azure") == "azure"
    assert P.provider_wire("groq") == "openai"
    assert P.provider_wire("vertex_ai") == "vertex_ai"


def test_indices_and_views():
    for i, row in enumerate(P.PROVIDER_TABLE):
        assert P.get_provider(row[0]).index == i
    p = P.get_provider("groq")
    with pytest.raises(AttributeError):
        p.name = "x"
    assert "groq" in repr(p)
    assert P.get_provider("nope") is None and P.get_provider(3) is None
    assert P.provider_wire("nope") is None and P.provider_wire(None) is None


def test_validity_check():
    assert P.is_valid_provider("openai")
    assert not P.is_valid_provider("anyscale")      # known only through its API base
    assert not P.is_valid_provider("veniceai")      # JSON-described, not in provider_list
    assert not P.is_valid_provider(None) and not P.is_valid_provider(["openai"])
    assert len(P.provider_list) == len(set(P.provider_list))


def test_endpoint_providers_are_rows():
    for endpoint, provider, _envs, _mode in P.ENDPOINT_TABLE:
        assert provider is None or P.get_provider(provider) is not None, endpoint


# -- resolution --------------------------------------------------------------

def test_prefixed(env):
    assert P.get_llm_provider("openai/gpt-4o") == ("gpt-4o", "openai", None, None)
    assert P.get_llm_provider("groq/llama-3.1-8b") == (
        "llama-3.1-8b", "groq", None, "https://api.groq.com/openai/v1")
    assert P.get_llm_provider("openrouter/anthropic/claude-3.5") == (
        "anthropic/claude-3.5", "openrouter", None, None)
    assert P.get_llm_provider("veniceai/m", api_key="k") == ("m", "veniceai", "k", "https://api.venice.ai/api/v1")


def test_bare_names(env):
    assert P.get_llm_provider("gpt-4o") == ("gpt-4o", "openai", None, None)
    assert P.get_llm_provider("ft:gpt-4o:org::id")[1] == "openai"
    assert P.get_llm_provider("claude-haiku-4-5")[1] == "anthropic"
    assert P.get_llm_provider("anthropic/claude-2")[:2] == ("claude-2", "anthropic_text")
    assert P.get_llm_provider("claude-newfamily-7")[1] == "anthropic"        # fallback rule
    assert P.get_llm_provider("claude-newfamily-7-1-20300101")[1] == "anthropic"
    assert P.get_llm_provider("eu.anthropic.claude-future-v9")[1] == "bedrock"
    assert P.get_llm_provider("*")[1] == "openai"
    # api_key is not echoed for bare names, as in LiteLLM
    assert P.get_llm_provider("gpt-4o", api_key="k") == ("gpt-4o", "openai", None, None)


def test_api_base_detection(env):
    assert P.get_llm_provider("my-model", api_base="https://api.groq.com/openai/v1") == (
        "my-model", "groq", None, "https://api.groq.com/openai/v1")
    # the host must match exactly, not appear anywhere in the URL
    with pytest.raises(BadRequestError):
        P.get_llm_provider("my-model", api_base="https://evil.example/api.groq.com/openai/v1")
    env.setenv("GROQ_API_KEY", "gsk-env")
    assert P.get_llm_provider("my-model", api_base="https://api.groq.com/openai/v1")[2] == "gsk-env"


def test_explicit_provider(env):
    assert P.get_llm_provider("llama3", custom_llm_provider="groq")[:2] == ("llama3", "groq")
    assert P.get_llm_provider("groq/llama3", custom_llm_provider="groq")[:2] == ("llama3", "groq")
    assert P.get_llm_provider("command-a-03-2025", custom_llm_provider="cohere")[1] == "cohere_chat"
    assert P.get_llm_provider("x", custom_llm_provider="openrouter") == ("openrouter/x", "openrouter", None, None)


def test_env_keys_and_bases(env):
    env.setenv("GROQ_API_KEY", "gsk-1")
    assert P.get_llm_provider("groq/m")[2] == "gsk-1"
    env.setenv("GROQ_API_KEY", "gsk-2")                     # re-read on every call
    assert P.get_llm_provider("groq/m")[2] == "gsk-2"
    assert P.get_llm_provider("groq/m", api_key="mine")[2] == "mine"
    env.setenv("GROQ_API_BASE", "http://local")
    assert P.get_llm_provider("groq/m")[3] == "http://local"
    env.setenv("TOGETHER_AI_TOKEN", "tok")                   # the last of four names
    assert P.get_llm_provider("together_ai/m")[2] == "tok"
    assert P.get_llm_provider("hosted_vllm/m")[2] == "fake-api-key"
    assert P.get_llm_provider("mistral/m", api_base="http://x")[3] == "http://x/v1"


def test_guarded_key_not_sent_to_custom_base(env):
    env.setenv("INCEPTION_API_KEY", "secret")
    assert P.get_llm_provider("inception/m")[2] == "secret"
    assert P.get_llm_provider("inception/m", api_base="https://elsewhere")[2] is None
    env.setenv("NADIR_API_KEY", "n-secret")
    assert P.get_llm_provider("nadir/m", api_base="https://elsewhere")[2] is None
    assert P.get_llm_provider("nadir/m", api_base="https://api.getnadir.com/v1/")[2] == "n-secret"


def test_azure_ai_openai_model_on_azure_base(env):
    assert P.get_llm_provider("azure_ai/gpt-4o", api_base="https://x.openai.azure.com")[1] == "azure"
    assert P.get_llm_provider("azure_ai/gpt-4o", api_base="https://x.services.ai.azure.com/models")[1] == "azure_ai"


# -- errors ------------------------------------------------------------------

@pytest.mark.parametrize("model", ["", None, 3, ["gpt-4o"]])
def test_bad_model(model):
    with pytest.raises(BadRequestError, match="model"):
        P.get_llm_provider(model)


def test_unknown_provider_message(env):
    with pytest.raises(BadRequestError) as info:
        P.get_llm_provider("nosuch/some-model")
    text = str(info.value)
    assert "nosuch/some-model" in text and "custom_llm_provider" in text and "'nosuch'" in text
    with pytest.raises(BadRequestError, match="unknown-model"):
        P.get_llm_provider("unknown-model")
    with pytest.raises(BadRequestError, match="names a provider"):
        P.get_llm_provider("groq")


def test_bad_argument_types():
    with pytest.raises(BadRequestError, match="custom_llm_provider"):
        P.get_llm_provider("m", custom_llm_provider=5)
    with pytest.raises(BadRequestError, match="api_base"):
        P.get_llm_provider("openai/m", api_base=5)
    with pytest.raises(BadRequestError, match="api_key") as info:
        P.get_llm_provider("gpt-4o", api_key=12345678)
    assert "12345678" not in str(info.value)
    with pytest.raises(BadRequestError, match="api_base"):
        P.get_llm_provider("m", api_base="http://[::1")


def test_unknown_explicit_provider_raises(env):
    # Deliberate difference: LiteLLM returns ("x/gpt-4o", "x", None, None) here.
    with pytest.raises(BadRequestError):
        P.get_llm_provider("gpt-4o", custom_llm_provider="not_a_provider")


def test_keys_never_in_errors(env):
    with pytest.raises(BadRequestError) as info:
        P.get_llm_provider("nosuch/m", api_key="sk-very-secret-key-123")
    assert "sk-very-secret" not in str(info.value) and "sk-very-secret" not in repr(info.value)


def test_cached_results_are_stable(env):
    first = P.get_llm_provider("openai/gpt-4o")
    assert P.get_llm_provider("openai/gpt-4o") is first
    assert P.get_llm_provider("openai/gpt-4o", api_key="k") == ("gpt-4o", "openai", "k", None)
    assert P.get_llm_provider("openai/gpt-4o", api_base="b") == ("gpt-4o", "openai", None, "b")
    P._clear_caches()
    assert P.get_llm_provider("openai/gpt-4o") == first


def test_litellm_params_accepted(env):
    assert P.get_llm_provider("openai/gpt-4o", litellm_params={"x": 1})[1] == "openai"
