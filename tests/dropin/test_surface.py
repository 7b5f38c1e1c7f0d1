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


@pytest.mark.litellm
def test_pydantic_surface_as_litellm(litellm):
    got = []
    for lib in (litellm, fastcore):
        r = lib.completion(model="gpt-4o", messages=MSGS, mock_response="hi")
        copy = r.model_copy(update={"id": "other"})
        msg = lib.Message.model_validate({"role": "assistant", "content": "a"})
        got.append((sorted(r.model_extra), r.model_extra["usage"].total_tokens, sorted(r.model_fields_set),
                    copy.id, r.id != "other", copy.choices[0].message.content, type(msg).__name__,
                    msg.content, r.choices[0].message.model_extra,
                    sorted(r.model_dump(exclude_none=True, exclude={"usage"}))))
    assert got[0] == got[1]


@pytest.mark.litellm
def test_a_pydantic_model_as_response_format(litellm):
    import enum

    import pydantic

    class Color(str, enum.Enum):
        RED = "red"

    class Address(pydantic.BaseModel):
        city: str
        zip: int | None = None

    class Person(pydantic.BaseModel):
        name: str
        home: Address
        work: Address | None = None
        tags: list[str] = []
        color: Color = Color.RED

    for rf in (Address, Person):
        theirs = litellm.get_optional_params(model="gpt-4o", custom_llm_provider="openai", response_format=rf)
        ours = fastcore.get_optional_params("gpt-4o", "openai", response_format=rf)
        assert ours["response_format"] == theirs["response_format"]
    # An instance stands for its class (LiteLLM raises a TypeError for it).
    assert fastcore.get_optional_params("gpt-4o", "openai", response_format=Address(city="y")) == \
        fastcore.get_optional_params("gpt-4o", "openai", response_format=Address)
    r = fastcore.completion(model="gpt-4o", messages=MSGS, mock_response='{"city": "Paris"}', response_format=Address)
    assert r.choices[0].message.content == '{"city": "Paris"}'


def test_str_enum_roles_are_counted_as_their_text():
    import enum

    class Role(str, enum.Enum):         # smolagents' MessageRole
        USER = "user"
    chunks = list(fastcore.completion(model="gpt-4o", messages=[{"role": Role.USER, "content": "hi"}],
                                      mock_response="hello", stream=True, stream_options={"include_usage": True}))
    assert chunks[-1].usage.prompt_tokens == fastcore.token_counter(model="gpt-4o", messages=MSGS)
