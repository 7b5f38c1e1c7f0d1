"""Every fault the upstream can inject ends in the right exception or a successful retry,
sync and async, with no connection left open."""
import asyncio

import pytest

import fastcore
from fastcore import exceptions as E
from tests.network.conftest import MSGS, wait_closed

# fault -> (exception class, requests made with the default retries of provider "openai" (2 retries))
ANSWERS = {
    "400": (E.BadRequestError, 1),
    "401": (E.AuthenticationError, 1),
    "403": (E.PermissionDeniedError, 1),
    "404": (E.NotFoundError, 1),
    "408": (E.Timeout, 3),
    "409": (E.APIError, 3),
    "422": (E.UnprocessableEntityError, 1),
    "429": (E.RateLimitError, 3),
    "500": (E.InternalServerError, 3),
    "502": (E.BadGatewayError, 3),
    "503": (E.ServiceUnavailableError, 3),
    "context": (E.ContextWindowExceededError, 1),
    "policy": (E.ContentPolicyViolationError, 1),
    "not-json": (E.APIError, 1),
    "bad-shape": (E.APIError, 1),
    "drop": (E.APIConnectionError, 3),
}


def _kw(up, fault, **kw):
    return dict(model="openai/gpt-4o", messages=MSGS, api_key="sk-test", api_base=up.url(f"/fault/{fault}/v1"),
                **kw)


def _check(err, fault, cls, tries, up):
    assert type(err) is cls, (fault, type(err), err)
    assert len(up.requests) == tries, (fault, len(up.requests))
    assert err.llm_provider == "openai" and err.model == "gpt-4o"
    if fault.isdigit():
        assert err.status_code == int(fault)
        assert err.litellm_response_headers.get("content-type", "").startswith("application/json")
        assert err.body["message"] == f"upstream says {fault}"
    if tries > 1:
        assert err.num_retries == tries - 1 and f"Retried: {tries - 1} times" in str(err)
    if fault == "not-json":
        assert "502 Bad Gateway from a proxy" in str(err)     # quotes the start of the body


@pytest.mark.parametrize("fault", sorted(ANSWERS))
def test_sync(upstream, fault):
    cls, tries = ANSWERS[fault]
    with pytest.raises(E.FastcoreError) as ei:
        fastcore.completion(**_kw(upstream, fault))
    _check(ei.value, fault, cls, tries, upstream)
    assert wait_closed(upstream) == 0


@pytest.mark.parametrize("fault", sorted(ANSWERS))
def test_async(upstream, fault):
    cls, tries = ANSWERS[fault]

    async def main():
        with pytest.raises(E.FastcoreError) as ei:
            await fastcore.acompletion(**_kw(upstream, fault))
        return ei.value

    _check(asyncio.run(main()), fault, cls, tries, upstream)
    assert wait_closed(upstream) == 0


def test_retry_succeeds_after_a_transient_error(upstream):
    r = fastcore.completion(**_kw(upstream, "flaky"), extra_headers={"x-test-id": "sync-1"})
    assert r.choices[0].message.content == "Hello, world!" and len(upstream.requests) == 2

    async def main():
        return await fastcore.acompletion(**_kw(upstream, "flaky"), extra_headers={"x-test-id": "async-1"})

    assert asyncio.run(main()).choices[0].message.content == "Hello, world!"
    assert wait_closed(upstream) == 0


@pytest.mark.parametrize("setting", ["num_retries", "max_retries"])
def test_retry_count_is_the_callers(upstream, setting):
    with pytest.raises(E.RateLimitError) as ei:
        fastcore.completion(**_kw(upstream, "429"), **{setting: 4})
    assert len(upstream.requests) == 5 and ei.value.num_retries == 4
    upstream.requests.clear()
    with pytest.raises(E.RateLimitError) as ei:
        fastcore.completion(**_kw(upstream, "429"), **{setting: 0})
    assert len(upstream.requests) == 1 and not ei.value.num_retries


def test_module_setting_and_provider_default(upstream, monkeypatch):
    monkeypatch.setattr(fastcore, "num_retries", 1)
    with pytest.raises(E.InternalServerError):
        fastcore.completion(**_kw(upstream, "500"))
    assert len(upstream.requests) == 2
    monkeypatch.setattr(fastcore, "num_retries", None)
    upstream.requests.clear()
    # Providers LiteLLM sends through its own handler get no retries by default.
    with pytest.raises(E.InternalServerError):
        fastcore.completion(model="groq/llama-3.1-8b-instant", messages=MSGS, api_key="gsk-test",
                            api_base=upstream.url("/fault/500/v1"))
    assert len(upstream.requests) == 1


def test_retry_after_is_honoured_and_capped(monkeypatch):
    from fastcore._ext.call import RETRY_AFTER_CAP
    from fastcore._ext import call

    monkeypatch.setattr(call, "BACKOFF_BASE", 0.5)

    delay = call.retry_delay
    assert delay(0, {"retry-after-ms": "250"}) == 0.25
    assert delay(0, {"retry-after": "2"}) == 2.0
    assert delay(0, {"retry-after": "100000"}) == RETRY_AFTER_CAP
    assert 0 <= delay(0, {"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) <= 0.01     # a date in the past
    assert 0.375 <= delay(0, {}) <= 0.5 and 0.75 <= delay(1, {}) <= 1.0     # backoff with jitter
    assert delay(10, {}) <= 8.0


STREAM_FAULTS = {
    "drop-mid-stream": E.APIConnectionError,
    "stall": E.Timeout,
    "sse-error": E.InternalServerError,
}


@pytest.mark.parametrize("fault", sorted(STREAM_FAULTS))
def test_stream_faults_after_the_first_chunks(upstream, fault):
    stream = fastcore.completion(**_kw(upstream, fault, stream=True, timeout=0.5, num_retries=0))
    got = []
    with pytest.raises(STREAM_FAULTS[fault]):
        for chunk in stream:
            got.append(chunk)
    assert got and got[0].choices[0].delta.role == "assistant"
    del stream
    assert wait_closed(upstream) == 0


@pytest.mark.parametrize("fault", sorted(STREAM_FAULTS))
def test_async_stream_faults_after_the_first_chunks(upstream, fault):
    async def main():
        stream = await fastcore.acompletion(**_kw(upstream, fault, stream=True, timeout=0.5, num_retries=0))
        got = []
        with pytest.raises(STREAM_FAULTS[fault]):
            async for chunk in stream:
                got.append(chunk)
        return got

    assert asyncio.run(main())
    assert wait_closed(upstream) == 0


def test_error_status_on_a_stream_request_is_raised_at_the_call(upstream):
    with pytest.raises(E.RateLimitError):
        fastcore.completion(**_kw(upstream, "429", stream=True, num_retries=0))
    assert wait_closed(upstream) == 0


def test_stream_closed_early_drops_its_connection(upstream):
    stream = fastcore.completion(model="openai/gpt-4o", messages=MSGS, api_key="sk-test",
                                 api_base=upstream.url("/chunks/50/v1"), stream=True)
    next(stream)
    stream.close()
    assert wait_closed(upstream) == 0
    for _ in fastcore.completion(model="openai/gpt-4o", messages=MSGS, api_key="sk-test",
                                 api_base=upstream.url("/chunks/50/v1"), stream=True):
        break       # break, then let the stream go
    assert wait_closed(upstream) == 0


def test_a_finished_stream_returns_its_connection_to_the_pool(upstream):
    for _ in range(3):
        assert len(list(fastcore.completion(model="openai/gpt-4o", messages=MSGS, api_key="sk-test",
                                            api_base=upstream.url("/chunks/5/v1"), stream=True))) == 7
    assert upstream.open_connections == 1
    assert wait_closed(upstream) == 0


def test_chunks_before_an_error_in_the_same_read_come_first(upstream):
    # One write holds a chunk and then an error event: the chunk is the caller's before the error.
    from fastcore.bench.upstream import error_body, stream_events
    import json as _json

    both = stream_events(1)[0] + b"data: " + _json.dumps(error_body("mid-stream failure", "server_error")).encode() \
        + b"\n\n"
    prefix = upstream.canned_answer("chunk-then-error", events=[both])
    kw = dict(model="openai/gpt-4o", messages=MSGS, api_key="sk-test", api_base=upstream.url(prefix + "/v1"),
              stream=True)
    got = []
    with pytest.raises(E.InternalServerError, match="mid-stream failure"):
        for chunk in fastcore.completion(**kw):
            got.append(chunk)
    assert len(got) == 1

    async def main():
        got = []
        with pytest.raises(E.InternalServerError):
            async for chunk in await fastcore.acompletion(**kw):
                got.append(chunk)
        return got

    assert len(asyncio.run(main())) == 1
    assert wait_closed(upstream) == 0
