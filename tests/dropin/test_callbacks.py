"""Callbacks with LiteLLM's routing (see /docs/compat.md for where fastcore differs):
which entries hear which event, what they receive, and that a failing one never breaks the call."""
import asyncio
import logging

import pytest

import fastcore
from fastcore.integrations.custom_logger import CustomLogger

MSGS = [{"role": "user", "content": "hi"}]
LISTS = ("callbacks", "success_callback", "failure_callback", "input_callback", "_async_success_callback",
         "_async_failure_callback")


@pytest.fixture(autouse=True)
def clean_lists(monkeypatch):
    for name in LISTS:
        monkeypatch.setattr(fastcore, name, [])
    yield


class Recorder(CustomLogger):
    def __init__(self):
        super().__init__()
        self.events = []

    def log_pre_api_call(self, model, messages, kwargs):
        self.events.append(("pre", model))

    def log_success_event(self, kwargs, response_obj, start_time, end_time):
        self.events.append(("success", kwargs, response_obj))

    def log_failure_event(self, kwargs, response_obj, start_time, end_time):
        self.events.append(("failure", kwargs, response_obj))

    def log_stream_event(self, kwargs, response_obj, start_time, end_time):
        self.events.append(("chunk",))

    async def async_log_success_event(self, kwargs, response_obj, start_time, end_time):
        self.events.append(("async_success", kwargs, response_obj))

    async def async_log_failure_event(self, kwargs, response_obj, start_time, end_time):
        self.events.append(("async_failure", kwargs, response_obj))

    def names(self):
        return [e[0] for e in self.events]


def call(**kw):
    return fastcore.completion(model="gpt-4o", messages=MSGS, **kw)


async def acall(**kw):
    return await fastcore.acompletion(model="gpt-4o", messages=MSGS, **kw)


def test_a_logger_in_callbacks_hears_every_event():
    rec = Recorder()
    fastcore.callbacks = [rec]
    call(mock_response="hello", temperature=0.2, user="u-1", metadata={"trace": "t1"})
    assert rec.names() == ["pre", "success"]
    _, kwargs, response = rec.events[1]
    assert response.choices[0].message.content == "hello"
    assert kwargs["model"] == "gpt-4o" and kwargs["call_type"] == "completion" and kwargs["stream"] is False
    assert kwargs["optional_params"]["temperature"] == 0.2 and kwargs["user"] == "u-1"
    assert kwargs["response_cost"] == response._hidden_params["response_cost"] > 0
    slo = kwargs["standard_logging_object"]
    assert (slo["status"], slo["model"], slo["custom_llm_provider"], slo["stream"]) == ("success", "gpt-4o",
                                                                                        "openai", None)
    assert (slo["prompt_tokens"], slo["completion_tokens"]) == (response.usage.prompt_tokens,
                                                                response.usage.completion_tokens)
    assert slo["response"] == response.model_dump() and slo["model_parameters"]["temperature"] == 0.2
    assert "api_key" not in kwargs and "api_key" not in kwargs["litellm_params"]
    with pytest.raises(fastcore.RateLimitError) as err:
        call(mock_response="litellm.RateLimitError")
    assert rec.names()[-1] == "failure"
    _, kwargs, response = rec.events[-1]
    assert response is None and kwargs["exception"] is err.value
    assert kwargs["standard_logging_object"]["status"] == "failure"

    rec.events.clear()
    asyncio.run(acall(mock_response="hey"))
    assert rec.names() == ["pre", "async_success"]


def test_plain_functions_get_four_positional_arguments():
    seen = []

    def fn(kwargs, completion_response, start_time, end_time):
        seen.append((kwargs["call_type"], completion_response, end_time >= start_time))
    fastcore.success_callback.append(fn)
    r = call(mock_response="x")
    assert seen == [("completion", r, True)]
    asyncio.run(acall(mock_response="x"))
    assert len(seen) == 1       # a sync function in success_callback is not called for acompletion


def test_async_functions_run_on_async_calls_only():
    seen = []

    async def afn(kwargs, completion_response, start_time, end_time):
        seen.append(kwargs["call_type"])
    fastcore.success_callback = [afn]
    call(mock_response="x")
    asyncio.run(acall(mock_response="x"))
    assert seen == ["acompletion"]


def test_where_a_logger_is_registered_decides_what_it_hears():
    sync_only, async_only = Recorder(), Recorder()
    fastcore.success_callback = [sync_only]
    fastcore._async_success_callback = [async_only]
    call(mock_response="x")
    asyncio.run(acall(mock_response="x"))
    assert sync_only.names() == ["success"] and async_only.names() == ["async_success"]


def test_streams_report_once_with_the_assembled_answer():
    rec = Recorder()
    fastcore.callbacks = [rec]
    chunks = list(call(mock_response="hello there", stream=True))
    assert rec.names().count("chunk") == len(chunks) and rec.names()[-1] == "success"
    _, kwargs, response = rec.events[-1]
    assert response.choices[0].message.content == "hello there"
    assert kwargs["complete_streaming_response"] is response

    async def consume():
        return [c async for c in await fastcore.acompletion(model="gpt-4o", messages=MSGS, mock_response="hey",
                                                              stream=True)]
    rec.events.clear()
    asyncio.run(consume())
    assert rec.names() == ["pre", "async_success"]
    assert rec.events[-1][1]["async_complete_streaming_response"].choices[0].message.content == "hey"

    rec.events.clear()
    for _ in call(mock_response="hello there", stream=True):
        break           # stopped early: no success event, as in LiteLLM
    assert "success" not in rec.names()


def test_a_failing_callback_is_logged_and_never_breaks_the_call(caplog):
    def boom(kwargs, completion_response, start_time, end_time):
        raise RuntimeError("callback bug sk-abcdefghijklmnopqrstuvwx")
    fastcore.success_callback = [boom]
    with caplog.at_level(logging.WARNING, logger="LiteLLM"):
        assert call(mock_response="fine").choices[0].message.content == "fine"
    assert "callback bug" in caplog.text and "sk-abcdefghijklmnopqrstuvwx" not in caplog.text


def test_an_integration_name_fails_clearly():
    fastcore.success_callback = ["langfuse"]
    with pytest.raises(fastcore.BadRequestError, match="ships none") as e:
        call(mock_response="x")
    assert e.value.param == "success_callback"


def test_no_callbacks_no_detour(monkeypatch):
    # With every list empty a call takes the plain path.
    import fastcore._ext.completion as core
    assert not core.callbacks_active()
    fastcore.success_callback.append(lambda *a: None)
    assert core.callbacks_active()


def test_credentials_in_the_api_base_never_reach_a_callback():
    rec = Recorder()
    fastcore.callbacks = [rec]
    call(mock_response="x", api_base="https://user:s3cret-pass@proxy.example/v1")
    _, kwargs, _ = rec.events[-1]
    assert "s3cret-pass" not in repr(kwargs)
