"""One local upstream (fastcore/bench/upstream.py) for the network tests, on 127.0.0.1."""
import json
import time

import pytest

import fastcore
from fastcore.bench.upstream import ThreadedUpstream

MSGS = [{"role": "user", "content": "hi"}]


@pytest.fixture(scope="session")
def upstream_server():
    with ThreadedUpstream() as up:
        yield up


@pytest.fixture
def upstream(upstream_server, monkeypatch):
    """The upstream with a clean request log; provider keys and bases from the environment are cleared."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_BASE", "AZURE_API_KEY", "AZURE_OPENAI_API_KEY",
                 "AZURE_API_BASE", "AZURE_OPENAI_ENDPOINT", "AZURE_API_VERSION", "AZURE_AD_TOKEN",
                 "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    upstream_server.requests.clear()
    # Backoff in tests: the same schedule, a hundred times shorter.
    from fastcore._ext import call
    monkeypatch.setattr(call, "BACKOFF_BASE", 0.005)
    yield upstream_server
    fastcore.close()


def last_body(up) -> dict:
    return json.loads(up.requests[-1]["body"])


def wait_closed(up, timeout=5.0) -> int:
    """Open connections at the upstream once the client closed its pools (0 when nothing leaked)."""
    fastcore.close()
    deadline = time.monotonic() + timeout
    while up.open_connections and time.monotonic() < deadline:
        time.sleep(0.02)
    return up.open_connections
