"""get_model_info, get_max_tokens, the supports_* checks and register_model against LiteLLM 1.106.2.

Every entry of the model table is looked up by its own name and with its own
provider, and a set of names LiteLLM resolves by its rules (dated snapshots,
fine-tunes, Bedrock regions and ARNs, Vertex versions, case, Azure aliases,
unknown names its data file's rules describe) must give the same dict
(supported_openai_params aside: docs/compat.md) or both raise ModelNotMappedError.
Not compared: providers whose LiteLLM lookup goes to the network (ollama,
lemonade, huggingface) or through an OAuth flow (github_copilot, chatgpt), and
bedrock_mantle region ids (docs/compat.md, provider lookup).
"""
import pytest

import fastcore
from fastcore._ext import models as M

pytestmark = pytest.mark.litellm

NETWORK = {"ollama", "ollama_chat", "lemonade", "huggingface"}
OAUTH = {"github_copilot", "chatgpt"}
SUPPORTS = ["function_calling", "parallel_function_calling", "response_schema", "vision", "reasoning",
            "prompt_caching", "audio_input", "audio_output", "pdf_input", "web_search", "tool_choice",
            "system_messages"]
VARIANTS = [
    ("gpt-4o-2099-01-01", None), ("openai/gpt-4o-2099-01-01", None), ("gpt-4o-2099-01-01", "openai"),
    ("GPT-4O", None), ("gpt-4o", "OPENAI"), ("ft:gpt-4o-2024-08-06:org::id", None), ("ft:gpt-4o-mini:org::id", None),
    ("openai/ft:gpt-4o-2024-08-06:org::id", None), ("deepseek-chat", None), ("deepseek-chat", "deepseek"),
    ("apac.anthropic.claude-3-5-sonnet-20241022-v2:0", "bedrock"),
    ("bedrock/us-east-1/anthropic.claude-3-5-sonnet-20240620-v1:0", None),
    ("bedrock/converse/anthropic.claude-3-5-sonnet-20240620-v1:0", None),
    ("arn:aws:bedrock:us-east-1:123:application-inference-profile/anthropic.claude-3-haiku-20240307-v1:0", "bedrock"),
    ("anthropic.claude-3-haiku-20240307-v1:0:51k", "bedrock"),
    ("gemini-2.5-pro-001", "vertex_ai"), ("vertex_ai/gemini-2.5-pro-001", None), ("gemini/gemini-2.5-flash-002", None),
    ("mistral-large", "vertex_ai"), ("vertex_ai/mistral-large", None), ("gpt-35-turbo", None), ("azure/gpt-41", None),
    ("azure/gpt-4o", None), ("gpt-4o", "azure"), ("gpt-4o", "azure_ai"), ("gpt-7", None), ("o9-mini", None),
    ("claude-newfamily-5", None), ("claude-newfamily-5", "bedrock"), ("my/claude-newfamily-5", None),
    ("gemini/gemini-9-pro", None), ("wandb/foo/bar", None), ("perplexity/glm-5.2", "perplexity"),
    ("fireworks_ai/llama-v3p1-8b-instruct", None), ("llama-v3p1-8b-instruct", "fireworks_ai"),
    ("grok-3", "xai"), ("xai/grok-unknown-9", None), ("databricks/databricks-claude-sonnet-4-9", None),
    ("claude-opus-4-6", "bedrock"), ("claude-opus-4-6", None), ("no-such-model", None), ("", None),
    ("groq/no-such-model", None), ("sample_spec", None),
]


def _outcome(fn, *args):
    try:
        out = fn(*args)
    except Exception as e:          # noqa: BLE001  (the class is what is compared)
        return type(e).__name__
    if isinstance(out, dict):
        out = dict(out)
        out.pop("supported_openai_params", None)
        return list(out.items())
    return out


@pytest.fixture(scope="module")
def quiet(litellm):
    litellm.suppress_debug_info = True
    return litellm


def _keys(litellm):
    return [k for k, v in litellm.model_cost.items()
            if v.get("litellm_provider") not in NETWORK and k.partition("/")[0] not in NETWORK]


def test_every_entry_by_its_name_and_with_its_provider(quiet):
    litellm, bad = quiet, []
    for k in _keys(litellm):
        for args in ((k,), (k, litellm.model_cost[k].get("litellm_provider"))):
            theirs, ours = _outcome(litellm.get_model_info, *args), _outcome(M.get_model_info, *args)
            if theirs != ours:
                bad.append(args)
    assert not bad, f"{len(bad)} differ: {bad[:10]}"


@pytest.mark.parametrize("model,provider", VARIANTS)
def test_names_resolved_by_rules(quiet, model, provider):
    assert _outcome(M.get_model_info, model, provider) == _outcome(quiet.get_model_info, model, provider)


def test_supports_checks_over_every_entry(quiet):
    from litellm import utils
    bad = []
    for k in _keys(quiet):
        if k.partition("/")[0] in OAUTH | {"bedrock_mantle"}:
            continue
        for name in SUPPORTS:
            theirs = getattr(utils, "supports_" + name)
            expected = _outcome(theirs, k, None) if name == "system_messages" else _outcome(theirs, k)
            if _outcome(getattr(fastcore, "supports_" + name), k) != expected:
                bad.append((name, k))
    assert not bad, f"{len(bad)} differ: {bad[:10]}"


def test_max_tokens_over_every_entry(quiet):
    bad = []
    for k in _keys(quiet) + [m for m, _ in VARIANTS]:
        if k.partition("/")[0] in OAUTH:
            continue
        theirs, ours = _outcome(quiet.get_max_tokens, k), _outcome(fastcore.get_max_tokens, k)
        if theirs != ours and not (theirs == "Exception" and ours == "ModelNotMappedError"):
            bad.append((k, theirs, ours))
    assert not bad, f"{len(bad)} differ: {bad[:10]}"


def test_an_unmapped_model_says_how_to_register_it():
    with pytest.raises(fastcore.ModelNotMappedError, match="register_model") as e:
        fastcore.get_model_info("groq/no-such-model")
    assert isinstance(e.value, fastcore.FastcoreError)
    assert fastcore.supports_vision("groq/no-such-model") is False


def test_register_model_is_seen_by_every_lookup(tmp_path):
    table = fastcore.model_cost
    saved = {k: dict(table[k]) for k in ("gpt-4o-mini",)}
    try:
        fastcore.register_model({"my-new-model": {"litellm_provider": "openai", "mode": "chat",
                                                  "max_tokens": "8192", "input_cost_per_token": "1e-06",
                                                  "supports_vision": True, "rpm": None}})
        info = fastcore.get_model_info("my-new-model")
        assert (info["key"], info["max_tokens"], info["input_cost_per_token"]) == ("my-new-model", 8192, 1e-06)
        assert fastcore.supports_vision("my-new-model", "openai") and "rpm" not in table["my-new-model"]
        fastcore.register_model({"openai/gpt-4o-mini": {"max_output_tokens": 7}})
        assert table["gpt-4o-mini"]["max_output_tokens"] == 7 and fastcore.get_max_tokens("gpt-4o-mini") == 7
        path = tmp_path / "models.json"
        path.write_text('{"My-File-Model": {"litellm_provider": "openai", "mode": "chat", "max_tokens": 5}}')
        fastcore.register_model(str(path))
        assert fastcore.get_model_info("my-file-model")["key"] == "My-File-Model"
        with pytest.raises(fastcore.BadRequestError, match="never fetches"):
            fastcore.register_model("https://example.com/models.json")
        with pytest.raises(fastcore.BadRequestError, match="name -> dict"):
            fastcore.register_model({"x": 5})
    finally:
        for k in ("my-new-model", "My-File-Model"):
            table.pop(k, None)
        table.update(saved)
        M.register_model({})        # refresh the lookup maps


def test_lookups_load_the_table_lazily():
    import subprocess
    import sys
    code = ("import sys, fastcore\nprint('fastcore._ext.models' in sys.modules)\n"
            "print(fastcore.supports_function_calling('gpt-4o'), 'get_model_info' in dir(fastcore))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "True"]


def test_answers_are_cached_but_never_a_miss_and_never_shared():
    table = fastcore.model_cost
    with pytest.raises(fastcore.ModelNotMappedError):
        fastcore.get_model_info("groq/cache-probe-model")
    assert not fastcore.supports_vision("groq/cache-probe-model")
    table["groq/cache-probe-model"] = {"litellm_provider": "groq", "mode": "chat", "supports_vision": True}
    try:
        first = fastcore.get_model_info("groq/cache-probe-model")       # a key added directly is seen at once
        assert first["key"] == "groq/cache-probe-model" and fastcore.supports_vision("groq/cache-probe-model")
        first["max_tokens"] = -5
        first["supported_openai_params"].append("poison")
        again = fastcore.get_model_info("groq/cache-probe-model")       # the caller's copy is its own
        assert again["max_tokens"] is None and "poison" not in again["supported_openai_params"]
        table["groq/cache-probe-model"]["supports_vision"] = False     # an edit in place: seen after a refresh
        fastcore.register_model({})
        assert not fastcore.supports_vision("groq/cache-probe-model")
    finally:
        del table["groq/cache-probe-model"]
        fastcore.register_model({})


def test_a_registered_price_is_seen_by_the_next_cost():
    # completion_cost keeps the last model's resolution and rates; register_model must reach past both.
    r = fastcore.completion(model="openai/gpt-4o-mini", messages=[{"role": "user", "content": "hi"}],
                            mock_response="hello")
    saved = dict(fastcore.model_cost["gpt-4o-mini"])
    try:
        before = fastcore.completion_cost(completion_response=r)
        assert fastcore.completion_cost(completion_response=r) == before
        fastcore.register_model({"gpt-4o-mini": {"input_cost_per_token": 1.0, "output_cost_per_token": 2.0}})
        u = r.usage
        assert fastcore.completion_cost(completion_response=r) == u.prompt_tokens * 1.0 + u.completion_tokens * 2.0
        fastcore.model_cost["zz-probe-model"] = {"litellm_provider": "openai", "mode": "chat"}  # size change alone
        fastcore.model_cost["gpt-4o-mini"] = dict(saved)
        assert fastcore.completion_cost(completion_response=r) == before
    finally:
        fastcore.model_cost.pop("zz-probe-model", None)
        fastcore.model_cost["gpt-4o-mini"] = saved
        M.register_model({})
