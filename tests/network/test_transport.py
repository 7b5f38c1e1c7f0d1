"""Transports: kept-alive pools, threads, one session per event loop, clean shutdown, timeouts, TLS, proxies."""
import asyncio
import shutil
import subprocess
import threading
import time

import pytest

import fastcore
from fastcore._ext import transport
from tests.hardening._subprocess import run_isolated
from tests.network.conftest import MSGS, wait_closed


def call(up, prefix="/v1", **kw):
    kw.setdefault("api_key", "sk-test")
    return fastcore.completion(model="openai/gpt-4o", messages=MSGS, api_base=up.url(prefix), **kw)


async def acall(up, prefix="/v1", **kw):
    kw.setdefault("api_key", "sk-test")
    return await fastcore.acompletion(model="openai/gpt-4o", messages=MSGS, api_base=up.url(prefix), **kw)


def test_sequential_calls_reuse_one_connection(upstream):
    for _ in range(5):
        assert call(upstream).choices[0].message.content == "Hello, world!"
    assert upstream.open_connections == 1
    assert list(transport.pool_stats().values()) == [1]
    assert wait_closed(upstream) == 0


def test_threads_share_the_pool(upstream):
    errors = []

    def work():
        try:
            for _ in range(10):
                call(upstream)
        except Exception as e:      # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(upstream.requests) == 80
    assert upstream.open_connections <= 8
    assert wait_closed(upstream) == 0


def test_async_calls_share_one_session_per_loop(upstream):
    async def main():
        results = await asyncio.gather(*[acall(upstream) for _ in range(50)])
        assert {r.choices[0].message.content for r in results} == {"Hello, world!"}
        return upstream.open_connections

    assert 0 < asyncio.run(main()) <= 50
    # asyncio.run() ends the loop; the session closes with it (no aclose() needed).
    deadline = time.monotonic() + 5
    while upstream.open_connections and time.monotonic() < deadline:
        time.sleep(0.02)
    assert upstream.open_connections == 0


def test_aclose_closes_the_running_loops_session(upstream):
    async def main():
        await acall(upstream)
        assert upstream.open_connections == 1
        await fastcore.aclose()
        await asyncio.sleep(0.1)
        return upstream.open_connections

    assert asyncio.run(main()) == 0


def test_no_unclosed_session_or_resource_warning_at_exit(upstream):
    # asyncio.run, a loop the caller keeps and never closes, and the sync pool: all closed
    # without a warning, with no fastcore.close() / aclose().
    out = run_isolated(f"""
import asyncio, gc, warnings
warnings.simplefilter("error")
import fastcore
M = [{{"role": "user", "content": "hi"}}]
kw = dict(model="openai/gpt-4o", messages=M, api_key="sk-test", api_base="{upstream.url('/v1')}")
fastcore.completion(**kw)
asyncio.run(fastcore.acompletion(**kw))
loop = asyncio.new_event_loop()
loop.run_until_complete(fastcore.acompletion(**kw))
s = loop.run_until_complete(fastcore.acompletion(stream=True, **kw))
loop.run_until_complete(s.__anext__())     # a stream left half read
del s
gc.collect()
print("OK")
""", env={"PYTHONWARNINGS": "error", "PYTHONDEVMODE": "1"})
    assert "OK" in out


def test_read_timeout_is_a_timeout(upstream):
    t0 = time.monotonic()
    with pytest.raises(fastcore.Timeout):
        call(upstream, "/fault/slow/v1", timeout=0.3, num_retries=0)
    assert time.monotonic() - t0 < 1.5

    async def main():
        with pytest.raises(fastcore.Timeout):
            await acall(upstream, "/fault/slow/v1", timeout=0.3, num_retries=0)

    asyncio.run(main())
    assert wait_closed(upstream) == 0


@pytest.mark.parametrize("timeout", [0.3, "0.3", (0.3, 0.3), {"connect": 1, "read": 0.3}])
def test_timeout_shapes(upstream, timeout):
    with pytest.raises(fastcore.Timeout):
        call(upstream, "/fault/slow/v1", timeout=timeout, num_retries=0)


def test_httpx_timeout_object_and_the_module_setting(upstream, monkeypatch):
    httpx = pytest.importorskip("httpx")
    with pytest.raises(fastcore.Timeout):
        call(upstream, "/fault/slow/v1", timeout=httpx.Timeout(0.3), num_retries=0)
    monkeypatch.setattr(fastcore, "request_timeout", 0.3)
    with pytest.raises(fastcore.Timeout):
        call(upstream, "/fault/slow/v1", num_retries=0)


def test_refused_connection(upstream):
    with pytest.raises(fastcore.APIConnectionError) as ei:
        fastcore.completion(model="openai/gpt-4o", messages=MSGS, api_key="sk-test",
                            api_base="http://127.0.0.1:9/v1", num_retries=0)
    assert not isinstance(ei.value, fastcore.Timeout) and "127.0.0.1:9" in str(ei.value)


def test_extra_headers_reach_the_server_and_response_headers_come_back(upstream):
    r = call(upstream, extra_headers={"X-Trace": "abc"}, headers={"X-Other": "1"})
    sent = upstream.requests[-1]["headers"]
    assert sent["X-Trace"] == "abc" and sent["X-Other"] == "1" and sent["Authorization"] == "Bearer sk-test"
    assert r._response_headers["x-request-id"] == "req-upstream"
    extra = r._hidden_params["additional_headers"]
    assert extra["x-ratelimit-remaining-requests"] == "99" and extra["llm_provider-x-request-id"] == "req-upstream"
    s = call(upstream, stream=True)
    assert s.response_headers["x-request-id"] == "req-upstream"
    list(s)


def test_http_proxy_from_the_environment(upstream, monkeypatch):
    # The upstream stands in for the proxy: it receives the absolute URL of a host
    # nobody resolves (only the proxy is connected to).
    monkeypatch.setenv("HTTP_PROXY", upstream.url())
    r = fastcore.completion(model="openai/gpt-4o", messages=MSGS, api_key="sk-test",
                            api_base="http://upstream.invalid:8080/v1")
    assert r.choices[0].message.content == "Hello, world!"
    assert upstream.requests[-1]["headers"]["Host"] == "upstream.invalid:8080"

    async def main():
        return await fastcore.acompletion(model="openai/gpt-4o", messages=MSGS, api_key="sk-test",
                                          api_base="http://upstream.invalid:8080/v1")

    assert asyncio.run(main()).choices[0].message.content == "Hello, world!"
    assert upstream.requests[-1]["headers"]["Host"] == "upstream.invalid:8080"


def test_no_proxy_bypasses_the_proxy(upstream, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")     # a proxy that does not answer
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    assert call(upstream).choices[0].message.content == "Hello, world!"


@pytest.fixture(scope="module")
def tls_upstream(tmp_path_factory):
    """The upstream behind TLS with a self-signed certificate for 127.0.0.1."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key),
                    "-out", str(cert)], check=True, capture_output=True)
    import ssl

    from fastcore.bench.upstream import ThreadedUpstream

    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    with ThreadedUpstream(ssl_context=ctx) as up:
        yield up, str(cert)


def test_tls_verification(tls_upstream):
    up, cert = tls_upstream
    base = f"https://127.0.0.1:{up.port}/v1"
    kw = dict(model="openai/gpt-4o", messages=MSGS, api_key="sk-test", api_base=base, num_retries=0)
    with pytest.raises(fastcore.APIConnectionError, match="(?i)certificate"):
        fastcore.completion(**kw)
    assert fastcore.completion(ssl_verify=False, **kw).choices[0].message.content == "Hello, world!"
    assert fastcore.completion(ssl_verify=cert, **kw).choices[0].message.content == "Hello, world!"

    async def main():
        with pytest.raises(fastcore.APIConnectionError):
            await fastcore.acompletion(**kw)
        return await fastcore.acompletion(ssl_verify=cert, **kw)

    assert asyncio.run(main()).choices[0].message.content == "Hello, world!"
    with pytest.raises(fastcore.APIConnectionError, match="CA bundle"):
        fastcore.completion(ssl_verify="/nonexistent/ca.pem", **kw)
    fastcore.close()


@pytest.mark.parametrize("model", ["anthropic/claude-sonnet-4-5", "gemini/gemini-2.5-pro", "ollama/llama3"])
def test_native_formats_say_they_are_not_spoken_yet(model):
    with pytest.raises(fastcore.APIConnectionError, match="does not speak") as e:
        fastcore.completion(model=model, messages=MSGS, api_key="sk-secret-123456789")
    assert "sk-secret-123456789" not in str(e.value) and "mock_response" in str(e.value)
