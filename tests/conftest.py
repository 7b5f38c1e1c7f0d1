import os

# Without this, importing LiteLLM retries a network fetch of its cost map for ~8 s.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
# LiteLLM counts llama tokens with a Hugging Face tokenizer it would try to download (~23 s offline).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
# LiteLLM waits 6,000 s for an answer by default: a stuck upstream should fail a test, not hang the run.
os.environ.setdefault("REQUEST_TIMEOUT", "60")

import pytest

try:
    from hypothesis import HealthCheck, settings
except ImportError:     # the fuzz tests skip themselves
    pass
else:
    # The default run is short and reproducible; FASTCORE_FUZZ=long searches much harder.
    settings.register_profile("default", max_examples=150, deadline=None, derandomize=True,
                              database=None, suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("long", max_examples=5_000, deadline=None, database=None,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile("long" if os.environ.get("FASTCORE_FUZZ") == "long" else "default")


LOOPBACK = ("127.0.0.1", "::1", "localhost")


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch):
    """Tests talk only to servers they start on 127.0.0.1: anything else is refused at once."""
    import socket

    real_connect, real_connect_ex, real_getaddrinfo = socket.socket.connect, socket.socket.connect_ex, \
        socket.getaddrinfo

    def local(address):
        return not isinstance(address, tuple) or address[0] in LOOPBACK

    def connect(self, address):
        if not local(address):
            raise ConnectionRefusedError(f"test network: {address[0]} is not loopback")
        return real_connect(self, address)

    def connect_ex(self, address):
        if not local(address):
            return 111
        return real_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if host not in LOOPBACK and host is not None:
            raise socket.gaierror(socket.EAI_NONAME, f"test network: {host} is not loopback")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture(autouse=True)
def _close_a_loop_left_by_litellm():
    """LiteLLM's sync path calls asyncio.get_event_loop(), which on Python 3.11 makes a
    loop it never closes; close it here so its ResourceWarning does not land on a later
    test. fastcore never sets a current loop, so its own leaks still fail."""
    yield
    import asyncio
    import threading

    if threading.current_thread() is not threading.main_thread():
        return
    loop = getattr(asyncio.get_event_loop_policy(), "_local", None)
    loop = getattr(loop, "_loop", None)
    if loop is not None and not loop.is_running() and not loop.is_closed():
        loop.close()
        asyncio.set_event_loop(None)


@pytest.fixture(scope="session")
def litellm():
    """The behaviour reference, for differential tests."""
    return pytest.importorskip("litellm")
