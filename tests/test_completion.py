"""The completion facade on the mock path: arguments, validation, mapping, answers."""
import asyncio
import time

import pytest

import fastcore
from fastcore import exceptions as E
from fastcore._ext.completion import prepare_request

from tests.helpers import MSGS, mock_call as call


def test_mock_string_response():
    r = call()
    assert isinstance(r, fastcore.ModelResponse)
    assert r.model == "gpt-4o"
    assert r.choices[0].message.content == "Hello, world!"
    assert r["choices"][0]["message"]["content"] == "Hello, world!"
    assert r.choices[0].finish_reason == "stop"
    assert r.choices[0].message.role == "assistant"
    assert (r.usage.prompt_tokens, r.usage.completion_tokens, r.usage.total_tokens) == (10, 20, 30)
    assert r.id.startswith("chatcmpl-") and abs(r.created - time.time()) < 5
    assert r._hidden_params["custom_llm_provider"] == "openai"


def test_each_call_gets_a_new_id():
    assert call().id != call().id


def test_n_choices():
    r = call(n=3)
    assert [c.index for c in r.choices] == [0, 1, 2]
    assert all(c.message.content == "Hello, world!" for c in r.choices)


def test_mock_tool_calls():
    tc = [{"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{}"}}]
    r = call(mock_tool_calls=tc)
    got = r.choices[0].message.tool_calls
    assert got[0].id == "call_1" and got[0].function.name == "get_weather"
    assert r.model_dump()["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] == "{}"


def test_mock_response_none_uses_default_text():
    r = call(mock_response=None, mock_tool_calls=[{"id": "a", "type": "function",
                                                     "function": {"name": "f", "arguments": "{}"}}])
    assert r.choices[0].message.content == "This is a mock request"


def test_mock_exception_instance_is_raised():
    err = E.RateLimitError("limited", "openai", "gpt-4o")
    with pytest.raises(E.RateLimitError) as ei:
        call(mock_response=err)
    assert ei.value is err


class _Http(Exception):
    def __init__(self, status):
        super().__init__(f"upstream said {status}")
        self.status_code = status


@pytest.mark.litellm
@pytest.mark.parametrize("err", [ValueError("boom"), _Http(429), _Http(401), _Http(404), _Http(500), _Http(503),
                                 _Http(400), _Http(408), _Http(502), Exception("rate limit reached")],
                         ids=repr)
def test_a_mock_exception_instance_is_mapped_as_litellm_maps_it(litellm, err):
    # Another library's exception becomes a MockException mapped by its status_code (LiteLLM's rule).
    got = []
    for lib in (litellm, E):
        with pytest.raises(Exception) as ei:
            (litellm.completion if lib is litellm else fastcore.completion)(
                model="gpt-4o", messages=[{"role": "user", "content": "hi"}], mock_response=err)
        got.append((type(ei.value).__name__, ei.value.status_code, "MockException" in str(ei.value)))
    assert got[0] == got[1]


@pytest.mark.parametrize("prefix", ["litellm", "fastcore"])
@pytest.mark.parametrize("name", ["RateLimitError", "ContextWindowExceededError", "InternalServerError",
                                  "AuthenticationError", "Timeout", "NotFoundError"])
def test_mock_exception_by_name(prefix, name):
    with pytest.raises(getattr(E, name)) as ei:
        call(mock_response=f"{prefix}.{name}")
    assert ei.value.model == "gpt-4o" and ei.value.llm_provider == "openai"


def test_unknown_exception_name_is_plain_text():
    assert call(mock_response="litellm.NoSuchThing").choices[0].message.content == "litellm.NoSuchThing"


def test_mock_dict_and_model_response():
    d = {"id": "abc", "created": 1, "model": "m", "object": "chat.completion",
         "choices": [{"index": 0, "finish_reason": "stop",
                      "message": {"role": "assistant", "content": "from dict"}}]}
    r = call(mock_response=d)
    assert r.id == "abc" and r.choices[0].message.content == "from dict"
    same = call(mock_response=r)
    assert same is r


def test_mock_response_of_wrong_type():
    with pytest.raises(E.BadRequestError, match="mock_response"):
        call(mock_response=3.5)


def test_mock_timeout():
    with pytest.raises(E.Timeout):
        call(mock_timeout=True, timeout=0.01)


def test_acompletion_matches_completion():
    r = asyncio.run(fastcore.acompletion(model="openai/gpt-4o", messages=MSGS, mock_response="x"))
    assert r.choices[0].message.content == "x" and r.model == "gpt-4o"


def test_acompletion_under_gather_gives_unique_ids():
    async def many():
        return await asyncio.gather(*[fastcore.acompletion(model="gpt-4o", messages=MSGS, mock_response="x")
                                      for _ in range(500)])
    rs = asyncio.run(many())
    assert len({r.id for r in rs}) == 500


def test_positional_arguments_follow_litellm_order():
    req = prepare_request("openai/gpt-4o", MSGS, 30, 0.5)
    assert req.timeout == 30 and req.optional_params["temperature"] == 0.5
    with pytest.raises(E.BadRequestError, match="multiple values"):
        prepare_request("openai/gpt-4o", MSGS, 30, temperature=0.5, timeout=3)


def test_request_carries_what_the_transport_needs():
    req = prepare_request(model="groq/llama-3.1-8b-instant", messages=MSGS, temperature=0.2,
                          api_key="sk-secretsecretsecret", extra_headers={"X-A": "1"}, timeout=5)
    assert (req.model, req.provider) == ("llama-3.1-8b-instant", "groq")
    assert req.optional_params["temperature"] == 0.2
    assert req.headers == {"X-A": "1"} and req.timeout == 5
    assert "secret" not in repr(req)


def test_base_url_is_an_alias_of_api_base():
    req = prepare_request(model="openai/gpt-4o", messages=MSGS, base_url="http://127.0.0.1:9/v1")
    assert req.api_base == "http://127.0.0.1:9/v1"


def test_litellm_bookkeeping_kwargs_are_not_sent():
    req = prepare_request(model="openai/gpt-4o", messages=MSGS, metadata={"a": 1},
                          litellm_call_id="x", num_retries=2, mock_response="x")
    assert "metadata" not in req.optional_params and "litellm_call_id" not in req.optional_params
    assert req.num_retries == 2 and req.metadata == {"a": 1}


def test_without_mock_a_refused_connection_is_a_clear_error():
    with pytest.raises(E.APIConnectionError, match="127.0.0.1") as ei:
        fastcore.completion(model="openai/gpt-4o", messages=MSGS, api_key="sk-donotleakthiskey1234",
                            api_base="http://127.0.0.1:9/v1", num_retries=0)
    assert "donotleak" not in str(ei.value)


def test_without_a_key_the_error_names_the_env_var(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(E.AuthenticationError, match="OPENAI_API_KEY"):
        fastcore.completion(model="openai/gpt-4o", messages=MSGS)


# -- the mock path runs the same checks as a real call --------------------------------

@pytest.mark.parametrize("messages,fragment", [
    ("hi", "`messages` must be a list"),
    ([{"role": "bot", "content": "x"}], "invalid role"),
    ([{"role": "user", "content": 5}], "content must be"),
    ([{"role": "user", "content": [{"type": "bogus"}]}], "invalid type"),
    ([42], "messages[0]"),
])
def test_bad_messages(messages, fragment):
    with pytest.raises(E.BadRequestError) as ei:
        call(messages=messages)
    assert fragment in str(ei.value) and ei.value.param == "messages"


@pytest.mark.parametrize("model", [None, "", 42])
def test_bad_model(model):
    with pytest.raises(E.BadRequestError) as ei:
        fastcore.completion(model=model, messages=MSGS, mock_response="x")
    assert ei.value.param == "model" or "model" in str(ei.value)


@pytest.mark.parametrize("name,value", [("temperature", "hot"), ("max_tokens", "many"), ("top_p", True)])
def test_non_numeric_params(name, value):
    with pytest.raises(E.BadRequestError) as ei:
        call(**{name: value})
    assert name in str(ei.value) and ei.value.param == name


def test_bad_tool_choice():
    with pytest.raises(E.BadRequestError, match="tool_choice"):
        call(tool_choice=5)


def test_unknown_provider_is_a_bad_request():
    with pytest.raises(E.BadRequestError):
        call(model="nosuchprovider/some-model")


def test_unsupported_param_raises_on_the_mock_path_too():
    with pytest.raises(E.UnsupportedParamsError):
        call(model="anthropic/claude-sonnet-4-5", logit_bias={"1": 1})


def test_drop_params_per_call_and_module_setting():
    call(model="anthropic/claude-sonnet-4-5", logit_bias={"1": 1}, drop_params=True)
    fastcore.drop_params = True
    try:
        call(model="anthropic/claude-sonnet-4-5", logit_bias={"1": 1})
    finally:
        fastcore.drop_params = False


def test_missing_role_becomes_assistant_without_mutating_input():
    msgs = [{"content": "hi"}]
    req = prepare_request(model="openai/gpt-4o", messages=msgs, mock_response="x")
    assert req.messages[0]["role"] == "assistant" and "role" not in msgs[0]


def test_stop_list_is_cut_to_four():
    req = prepare_request(model="openai/gpt-4o", messages=MSGS, stop=list("abcdef"))
    assert req.optional_params["stop"] == list("abcd")


def test_empty_mock_response_is_an_empty_answer():
    # LiteLLM treats "" as falsy and makes a real network call instead (docs/compat.md).
    r = call(mock_response="")
    assert r.choices[0].message.content == ""


def test_mock_response_none_is_not_a_mock():
    # A real call: here to a loopback port where nothing listens.
    with pytest.raises(E.APIConnectionError):
        fastcore.completion(model="openai/gpt-4o", messages=MSGS, mock_response=None, api_key="sk-x",
                            api_base="http://127.0.0.1:9/v1", num_retries=0)


def test_provider_specific_kwargs_are_forwarded():
    req = prepare_request(model="anthropic/claude-sonnet-4-5", messages=MSGS, top_k=3)
    assert req.optional_params["top_k"] == 3
    req = prepare_request(model="openai/gpt-4o", messages=MSGS, some_flag=True)
    assert req.optional_params["extra_body"] == {"some_flag": True}


def test_optional_params_match_get_optional_params():
    kw = dict(temperature=0.3, max_tokens=7, stop=["x"], user="u1")
    req = prepare_request(model="anthropic/claude-sonnet-4-5", messages=MSGS, **kw)
    assert req.optional_params == fastcore.get_optional_params(
        model="claude-sonnet-4-5", custom_llm_provider="anthropic", stream=None, **kw)


def test_acompletion_result_works_with_every_asyncio_entry_point():
    import inspect

    async def main():
        aw = fastcore.acompletion(model="openai/gpt-4o", messages=MSGS, mock_response="t")
        assert inspect.isawaitable(aw) and asyncio.iscoroutine(aw)
        task = asyncio.create_task(aw)
        r1 = await task
        r2 = await asyncio.wait_for(fastcore.acompletion(model="gpt-4o", messages=MSGS, mock_response="w"), 5)
        (r3,) = await asyncio.gather(fastcore.acompletion(model="gpt-4o", messages=MSGS, mock_response="g"))
        return r1, r2, r3
    r1, r2, r3 = asyncio.run(main())
    assert [r.choices[0].message.content for r in (r1, r2, r3)] == ["t", "w", "g"]


def test_acompletion_errors_surface_at_await_not_at_call():
    aw = fastcore.acompletion(model="openai/gpt-4o", messages="not a list", mock_response="x")

    async def main():
        with pytest.raises(E.BadRequestError, match="messages"):
            await aw
    asyncio.run(main())


def test_acompletion_mock_exception_is_raised_at_await():
    async def main():
        with pytest.raises(E.RateLimitError):
            await fastcore.acompletion(model="gpt-4o", messages=MSGS, mock_response="litellm.RateLimitError")
        results = await asyncio.gather(
            fastcore.acompletion(model="gpt-4o", messages=MSGS, mock_response="litellm.RateLimitError"),
            fastcore.acompletion(model="gpt-4o", messages=MSGS, mock_response="fine"),
            return_exceptions=True)
        assert isinstance(results[0], E.RateLimitError) and results[1].choices[0].message.content == "fine"
    asyncio.run(main())


def test_awaiting_twice_is_an_error_like_a_coroutine():
    async def main():
        aw = fastcore.acompletion(model="gpt-4o", messages=MSGS, mock_response="x")
        await aw
        with pytest.raises(RuntimeError, match="already awaited"):
            await aw
    asyncio.run(main())


def test_acompletion_with_mock_delay_really_waits():
    async def main():
        t0 = time.perf_counter()
        r = await fastcore.acompletion(model="gpt-4o", messages=MSGS, mock_response="late", mock_delay=0.05)
        return r, time.perf_counter() - t0
    r, waited = asyncio.run(main())
    assert r.choices[0].message.content == "late" and waited >= 0.04
