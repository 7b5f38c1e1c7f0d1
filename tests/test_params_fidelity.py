"""Rules LiteLLM's own unit tests check in get_optional_params (differential, one test per rule)."""
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
