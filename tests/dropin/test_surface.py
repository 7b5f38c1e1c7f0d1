"""What projects inspect: coroutine-ness, signatures, settings, exception classes."""
import asyncio
import inspect
import pickle

import pytest

import fastcore

MSGS = [{"role": "user", "content": "hi"}]
PUBLIC = ["completion", "acompletion", "token_counter", "encode", "decode", "get_llm_provider",
          "get_optional_params", "get_supported_openai_params", "stream_chunk_builder", "get_model_info",
          "get_max_tokens", "supports_vision", "supports_function_calling", "completion_cost", "cost_per_token",
          "register_model", "is_valid_provider", "close", "aclose", "install_as_litellm"]


def test_acompletion_is_a_coroutine_function_and_keeps_the_fast_path():
    f = fastcore.acompletion
    assert inspect.iscoroutinefunction(f) and asyncio.iscoroutinefunction(f)
    assert pickle.loads(pickle.dumps(f)) is f and f.__name__ == "acompletion"

    async def main():
        aw = f(model="gpt-4o", messages=MSGS, mock_response="hi")
        assert not inspect.iscoroutine(aw)          # a ready mock answer needs no coroutine frame
        return (await aw).choices[0].message.content
    assert asyncio.run(main()) == "hi"
    assert not inspect.iscoroutinefunction(fastcore.completion)


@pytest.mark.parametrize("name", PUBLIC)
def test_signature_works(name):
    assert inspect.signature(getattr(fastcore, name)) is not None


def test_settings_projects_read():
    assert fastcore.cache is None and fastcore.model_fallbacks is None and fastcore.use_litellm_proxy is False
    assert "temperature" in fastcore.OPENAI_CHAT_COMPLETION_PARAMS
    with pytest.raises(fastcore.FastcoreError, match="no caching"):
        fastcore.cache = object()
    fastcore.cache = None


def test_model_alias_map(monkeypatch):
    monkeypatch.setattr(fastcore, "model_alias_map", {"fast": "openai/gpt-4o-mini"})
    assert fastcore.completion(model="fast", messages=MSGS, mock_response="x").model == "gpt-4o-mini"


def test_litellm_exception_names():
    e = fastcore.RateLimitError("slow down", "openai", "gpt-4o")
    assert (e.code, e.type, e.status_code) == ("429", "throttling_error", 429)
    assert fastcore.BadRequestError("x", "gpt-4o", "openai").code is None
    assert isinstance(fastcore.InvalidRequestError("bad", "gpt-4o", "openai"), fastcore.BadRequestError)
    assert isinstance(fastcore.ImageFetchError("no image"), fastcore.BadRequestError)
    assert fastcore.JSONSchemaValidationError("m", "openai", "{}", "{}").raw_response == "{}"
    assert fastcore.BudgetExceededError(2.0, 1.0).max_budget == 1.0
    assert isinstance(fastcore.RouterRateLimitError("m", 1.0, False, []), ValueError)
