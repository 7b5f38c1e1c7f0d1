"""cost_per_token, completion_cost and _hidden_params["response_cost"] against LiteLLM 1.106.2.

The floats must be the same doubles: random usages (cache reads and writes,
prompts across every price threshold, service tiers) over every chat model of
the table, mock answers of the main providers, parsed answers with usage
details, and costs of text. Not compared (docs/compat.md): dashscope's own
formula, off-peak prices (they depend on the clock), and providers whose
lookup LiteLLM makes over the network.
"""
import random

import pytest

import fastcore
from fastcore._ext import cost as C

pytestmark = pytest.mark.litellm

SKIP_PROVIDERS = {"dashscope", "qwencloud", "qwen_ai_platform", "ollama", "ollama_chat", "lemonade", "huggingface",
                  "github_copilot", "chatgpt", "bedrock_mantle"}
MOCKED = ["gpt-4o", "openai/gpt-4o", "gpt-4o-2024-08-06", "gpt-4o-mini", "o3", "gpt-5", "gpt-5.5",
          "anthropic/claude-sonnet-4-5", "anthropic/claude-opus-4-6", "claude-haiku-4-5", "gemini/gemini-2.5-pro",
          "vertex_ai/gemini-3-pro-preview", "deepseek/deepseek-chat", "groq/openai/gpt-oss-120b",
          "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0", "mistral/mistral-large-latest",
          "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo",
          "fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct", "perplexity/sonar", "xai/grok-4.3",
          "claude-sonnet-9", "openai/gpt-7", "openai/unknown-model-xyz", "groq/unknown-x"]
MSGS = [{"role": "user", "content": "hi"}]


def _outcome(fn, *args, **kw):
    try:
        return fn(*args, **kw)
    except Exception as e:          # noqa: BLE001  (the class is what is compared)
        return type(e).__name__


@pytest.fixture(scope="module")
def quiet(litellm):
    litellm.suppress_debug_info = True
    return litellm


def _chat_models(litellm):
    return [k for k, v in litellm.model_cost.items() if isinstance(v, dict) and v.get("mode") == "chat"
            and v.get("litellm_provider") not in SKIP_PROVIDERS and not v.get("off_peak_pricing")]


def test_cost_per_token_over_every_chat_model(quiet):
    rng, bad = random.Random(7), []
    for model in _chat_models(quiet):
        provider = quiet.model_cost[model].get("litellm_provider")
        p, c = rng.choice([10, 1000, 150000, 300000]), rng.choice([5, 500, 20000])
        kw = {"prompt_tokens": p, "completion_tokens": c}
        if rng.random() < 0.4:
            kw["cache_read_input_tokens"] = p // 3
        if rng.random() < 0.3:
            kw["cache_creation_input_tokens"] = p // 5
        tier = rng.choice([None, None, "flex", "priority"])
        for extra in ({"service_tier": tier}, {"custom_llm_provider": provider}):
            theirs = _outcome(quiet.cost_per_token, model=model, **kw, **extra)
            ours = _outcome(C.cost_per_token, model=model, **kw, **extra)
            if theirs != ours and not (isinstance(theirs, str) and isinstance(ours, str)):
                bad.append((model, kw, extra, theirs, ours))
    assert not bad, f"{len(bad)} differ: {bad[:5]}"


@pytest.mark.parametrize("model", MOCKED)
def test_mock_answers_cost_the_same(quiet, model):
    theirs = quiet.completion(model=model, messages=MSGS, mock_response="hello")
    ours = fastcore.completion(model=model, messages=MSGS, mock_response="hello")
    expected = _outcome(quiet.completion_cost, completion_response=theirs)
    assert _outcome(fastcore.completion_cost, completion_response=ours) == expected
    assert ours._hidden_params["response_cost"] == theirs._hidden_params["response_cost"]


USAGES = [
    {"prompt_tokens": 1234, "completion_tokens": 567, "total_tokens": 1801,
     "prompt_tokens_details": {"cached_tokens": 1024}, "completion_tokens_details": {"reasoning_tokens": 256}},
    {"prompt_tokens": 5100, "completion_tokens": 50, "total_tokens": 5150,
     "prompt_tokens_details": {"cached_tokens": 3000, "text_tokens": 100, "cache_creation_tokens": 2000,
                               "cache_creation_token_details": {"ephemeral_5m_input_tokens": 1500,
                                                                "ephemeral_1h_input_tokens": 500}}},
    {"prompt_tokens": 300000, "completion_tokens": 1000, "total_tokens": 301000,
     "prompt_tokens_details": {"audio_tokens": 200}, "completion_tokens_details": {"audio_tokens": 100}},
]


@pytest.mark.parametrize("model", ["gpt-4o-2024-08-06", "o3", "anthropic/claude-sonnet-4-5",
                                   "gemini/gemini-2.5-pro", "gpt-5.4", "deepseek/deepseek-chat", "xai/grok-4.3",
                                   "gpt-4o-audio-preview"])
@pytest.mark.parametrize("usage", range(len(USAGES)))
def test_parsed_answers_with_usage_details_cost_the_same(quiet, model, usage):
    body = {"id": "x", "object": "chat.completion", "created": 1, "model": model.rpartition("/")[2],
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "x"}}],
            "usage": USAGES[usage]}
    provider = model.partition("/")[0] if "/" in model else None
    theirs = _outcome(quiet.completion_cost, completion_response=quiet.ModelResponse(**body),
                      custom_llm_provider=provider)
    ours = _outcome(fastcore.completion_cost, completion_response=fastcore.ModelResponse(**body),
                    custom_llm_provider=provider)
    assert ours == theirs


@pytest.mark.parametrize("kw", [
    dict(model="gpt-4o", prompt="Hello world", completion="Hi there"),
    dict(model="gpt-4o", messages=[{"role": "user", "content": "hello there"}], completion="hi"),
    dict(model="gpt-4o"),
    dict(model="claude-sonnet-4-5", prompt="Hello world", completion="Hi there"),
    dict(model="gemini/gemini-2.5-pro", prompt="Hello world", completion="Hi there"),
    dict(model="unknown-model-xyz", prompt="x", completion="y"),
])
def test_cost_of_text(quiet, kw):
    assert _outcome(fastcore.completion_cost, **kw) == _outcome(quiet.completion_cost, **kw)


def test_service_tiers_and_thresholds(quiet):
    for model, kw in (("gpt-5", {"service_tier": "flex"}), ("gpt-5", {"service_tier": "PRIORITY"}),
                      ("gpt-5.4", {"service_tier": "flex"}), ("gemini/gemini-2.5-pro", {"service_tier": "priority"}),
                      ("xai/grok-4.3", {})):
        for p in (1000, 200000, 250000, 300000):
            assert C.cost_per_token(model, p, 1000, **kw) == quiet.cost_per_token(model, p, 1000, **kw)


def test_custom_prices_and_bad_input(quiet):
    prices = {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}
    assert C.cost_per_token("gpt-4o", 1000, 500, custom_cost_per_token=prices) == \
        quiet.cost_per_token("gpt-4o", 1000, 500, custom_cost_per_token=prices)
    with pytest.raises(fastcore.BadRequestError, match="prompt_tokens"):
        C.cost_per_token("gpt-4o", -1, 5)
    with pytest.raises(fastcore.BadRequestError, match="model"):
        fastcore.completion_cost()
    with pytest.raises(fastcore.ModelNotMappedError):
        C.cost_per_token("dashscope/qwen-plus", 10, 20)     # LiteLLM's own formula, not implemented (compat.md)


def test_an_unpriced_answer_has_no_cost_and_the_call_still_works():
    r = fastcore.completion(model="openai/unknown-model-xyz", messages=MSGS, mock_response="x")
    assert r._hidden_params["response_cost"] is None and r.choices[0].message.content == "x"


@pytest.mark.parametrize("model, prices", [
    # New names only: LiteLLM keeps answers about table entries in caches a test cannot reset.
    ("openai/my-priced-model", {"input_cost_per_token": 1, "output_cost_per_token": 2}),
    ("groq/my-own-model", {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6,
                           "cache_read_input_token_cost": 5e-7}),
    ("groq/my-half-priced", {"input_cost_per_token": 1}),          # one price alone registers nothing
])
def test_per_call_prices_are_registered_as_litellm_does(quiet, model, prices):
    from fastcore._ext import models as M
    touched = (model, model.split("/", 1)[1])
    saved = [{k: dict(t[k]) for k in touched if k in t} for t in (quiet.model_cost, fastcore.model_cost)]
    try:
        got = []
        for lib in (quiet, fastcore):
            r = lib.completion(model=model, messages=MSGS, mock_response="hi", **prices)
            again = lib.completion(model=model, messages=MSGS, mock_response="hi")
            # LiteLLM's register_model also writes its whole model info into the entry (docs/compat.md).
            entries = {k: lib.model_cost.get(k) for k in touched}
            got.append((r._hidden_params.get("response_cost"), again._hidden_params.get("response_cost"),
                        {k: e and {f: e.get(f) for f in (*prices, "litellm_provider")} for k, e in entries.items()}))
        assert got[0] == got[1]
    finally:
        for t, keep in zip((quiet.model_cost, fastcore.model_cost), saved):
            for k in touched:
                t.pop(k, None)
            t.update(keep)
        M.register_model({})


def test_a_per_call_price_must_be_a_number():
    with pytest.raises(fastcore.BadRequestError, match="output_cost_per_token") as e:
        fastcore.completion(model="gpt-4o", messages=MSGS, mock_response="hi", input_cost_per_token=1,
                            output_cost_per_token=[1])
    assert e.value.param == "output_cost_per_token"


@pytest.mark.parametrize("model", ["gpt-4o", "anthropic/claude-sonnet-4-5", "groq/unknown-x"])
def test_stream_costs(quiet, model):
    # The usage chunk's usage.cost, and the built response's response_cost, as LiteLLM gives them.
    got = []
    for lib in (quiet, fastcore):
        chunks = list(lib.completion(model=model, messages=MSGS, mock_response="hello there", stream=True,
                                     stream_options={"include_usage": True}))
        built = lib.stream_chunk_builder(chunks, messages=MSGS)
        got.append((chunks[-1].model_dump()["usage"].get("cost"), built._hidden_params.get("response_cost"),
                    built._hidden_params.get("custom_llm_provider")))
    assert got[0] == got[1]
