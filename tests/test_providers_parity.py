"""Differential tests: fastcore's get_llm_provider against LiteLLM's, same inputs."""

import pytest

pytestmark = pytest.mark.litellm

# LiteLLM runs an OAuth device flow (github_copilot, chatgpt) or derives an AWS region
# (bedrock_mantle) for these; fastcore passes the arguments through instead.
NOT_COMPARED = {"github_copilot", "chatgpt", "bedrock_mantle"}


from fastcore._ext import providers as P  # noqa: E402



def _all_env_names():
    names = set()
    for row in P.PROVIDER_TABLE:
        names.update(row[4])
        names.update(row[5])
    for row in P.ENDPOINT_TABLE:
        names.update(row[2])
    return sorted(names)


@pytest.fixture
def clean_env(monkeypatch, litellm):
    for name in _all_env_names():
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("USE_LITELLM_PROXY", raising=False)
    monkeypatch.setattr(litellm, "suppress_debug_info", True)
    return monkeypatch


@pytest.fixture
def fake_env(clean_env):
    for name in _all_env_names():
        clean_env.setenv(name, f"fake-{name.lower()}")
    return clean_env


def _outcome(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001  (the exception type is what is compared)
        return type(exc).__name__


def _compare(litellm, cases):
    """Run every (model, kwargs) case through both; return readable mismatches."""
    bad = []
    for model, kwargs in cases:
        if model.partition("/")[0] in NOT_COMPARED or kwargs.get("custom_llm_provider") in NOT_COMPARED:
            continue
        ref = _outcome(litellm.get_llm_provider, model, **kwargs)
        if isinstance(ref, tuple) and ref[1] in NOT_COMPARED:
            continue
        ours = _outcome(P.get_llm_provider, model, **kwargs)
        clp = kwargs.get("custom_llm_provider")
        if (ours == "BadRequestError" and isinstance(ref, tuple) and ref[1] == clp
                and not P.is_valid_provider(clp)):
            continue  # deliberate: LiteLLM passes an unknown custom_llm_provider through
        if ours != ref:
            bad.append(f"{model!r} {kwargs}: litellm={ref!r} fastcore={ours!r}")
    return bad


def _model_names(litellm):
    return sorted(k for k in litellm.model_cost if k != "sample_spec")


@pytest.mark.parametrize("env", ["clean_env", "fake_env"])
def test_every_bundled_model_name(litellm, request, env):
    request.getfixturevalue(env)
    cases = [(m, {}) for m in _model_names(litellm)]
    bad = _compare(litellm, cases)
    assert not bad, f"{len(bad)} of {len(cases)} differ:\n" + "\n".join(bad[:40])


def test_bundled_model_names_with_key_and_base(litellm, fake_env):
    names = _model_names(litellm)[::7]
    cases = [(m, {"api_key": "sk-caller"}) for m in names]
    cases += [(m, {"api_base": "https://proxy.example.com/v1"}) for m in names]
    cases += [(m, {"api_key": "", "api_base": ""}) for m in names]
    bad = _compare(litellm, cases)
    assert not bad, f"{len(bad)} of {len(cases)} differ:\n" + "\n".join(bad[:40])


def _prefixed_cases():
    names = [row[0] for row in P.PROVIDER_TABLE]
    models = ("some-model", "org/some-model", "command-r", "claude-2", "gpt-4o", "jamba-1.5",
              "abcd1234", "chat/chat-id/m")
    kwargs_list = ({}, {"api_key": "sk-caller"}, {"api_base": "https://proxy.example.com"},
                   {"api_key": "", "api_base": ""}, {"api_base": "https://x.services.ai.azure.com/models"},
                   {"api_base": "https://api.getnadir.com/v1/", "api_key": "k"})
    return [(f"{p}/{m}", kw) for p in names for m in models for kw in kwargs_list]


@pytest.mark.parametrize("env", ["clean_env", "fake_env"])
def test_prefixed_models(litellm, request, env):
    request.getfixturevalue(env)
    cases = _prefixed_cases()
    bad = _compare(litellm, cases)
    assert not bad, f"{len(bad)} of {len(cases)} differ:\n" + "\n".join(bad[:40])


def _api_base_cases():
    bases = []
    for endpoint, *_ in P.ENDPOINT_TABLE:
        url = endpoint if "://" in endpoint else "https://" + endpoint
        bases += [url, url.rstrip("/") + "/chat/completions", "http://" + url.split("://", 1)[1]]
    bases += ["https://attacker.example/api.groq.com/openai/v1", "https://API.GROQ.COM/openai/v1/",
              "api.groq.com/openai/v10", "https://localhost:8000"]
    cases = []
    for base in bases:
        for model in ("my-model", "gpt-4o", "claude-3-5-sonnet"):
            cases.append((model, {"api_base": base}))
            cases.append((model, {"api_base": base, "api_key": "sk-caller"}))
        cases.append(("my-model", {"api_base": base, "custom_llm_provider": "not_a_provider"}))
    return cases


@pytest.mark.parametrize("env", ["clean_env", "fake_env"])
def test_api_base_detection(litellm, request, env):
    request.getfixturevalue(env)
    cases = _api_base_cases()
    bad = _compare(litellm, cases)
    assert not bad, f"{len(bad)} of {len(cases)} differ:\n" + "\n".join(bad[:40])


def test_custom_llm_provider(litellm, fake_env):
    cases = []
    for row in P.PROVIDER_TABLE:
        for model in ("m1", f"{row[0]}/m1", "org/m1", "command-r", "claude-2"):
            cases.append((model, {"custom_llm_provider": row[0]}))
    cases += [
        ("openrouter/anthropic/claude-3.5-sonnet", {"custom_llm_provider": "openrouter"}),
        ("openrouter/auto", {"custom_llm_provider": "openrouter"}),
        ("anthropic/claude-3.5-sonnet", {"custom_llm_provider": "openrouter"}),
        ("cohere/command-r", {"custom_llm_provider": "openai"}),
        ("gpt-4o", {"custom_llm_provider": "azure"}),
        ("azure/gpt-4o", {"custom_llm_provider": "azure"}),
        ("gpt-4o", {"custom_llm_provider": "not_a_provider"}),
    ]
    bad = _compare(litellm, cases)
    assert not bad, f"{len(bad)} of {len(cases)} differ:\n" + "\n".join(bad[:40])


def test_unresolvable_names(litellm, clean_env):
    cases = [(m, {}) for m in ("", "unknown-model", "foo/bar", "openai", "groq", "maritalk", "mistral",
                               "claude-", "claude-x-1-123", "us.anthropic.claude-x", "Claude-Opus-9",
                               "anthropic.claude-new", "a:" + "x" * 64, "o:" + "x" * 70,
                               "ragflow/bad", "ragflow/chat/id")]
    bad = _compare(litellm, cases)
    assert not bad, "\n".join(bad)


def test_provider_list_matches(litellm):
    assert set(P.provider_list) == {str(getattr(p, "value", p)) for p in litellm.provider_list}
    assert len(P.provider_list) == len(set(P.provider_list))


def test_json_providers_all_present(litellm):
    from litellm.llms.openai_like.json_loader import JSONProviderRegistry
    for slug in JSONProviderRegistry.list_providers():
        cfg = JSONProviderRegistry.get(slug)
        row = P.get_provider(slug)
        assert row is not None, slug
        assert row.api_base == cfg.base_url, slug
        assert row.api_key_env == cfg.api_key_env, slug
        assert row.api_base_env == cfg.api_base_env, slug


def test_endpoint_table_order_matches(litellm):
    assert [e[0] for e in P.ENDPOINT_TABLE] == list(litellm.openai_compatible_endpoints)
