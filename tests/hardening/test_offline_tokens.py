"""Token counts come from the BPE files shipped with fastcore: no network, same on every machine."""
import hashlib
import os
import pathlib
import shutil

import pytest

import fastcore
from fastcore import tokens
from tests.hardening._subprocess import run_isolated

# Every way a socket could reach the network fails loudly, and tiktoken's own
# cache is disabled (an empty TIKTOKEN_CACHE_DIR means "always download").
NO_NETWORK = """
import socket
def _refuse(*a, **k):
    raise RuntimeError("network access attempted")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""


def test_mock_stream_with_usage_runs_with_the_network_blocked():
    run_isolated(NO_NETWORK + """
import asyncio, fastcore
msgs = [{"role": "user", "content": "Hello, how are you?"}]
chunks = list(fastcore.completion(model="openai/gpt-4o", messages=msgs, mock_response="Hello, world!",
                                  stream=True, stream_options={"include_usage": True}))
usage = chunks[-1].usage
assert (usage.prompt_tokens, usage.completion_tokens, usage.total_tokens) == (13, 4, 17), usage

async def main():
    s = await fastcore.acompletion(model="anthropic/claude-sonnet-4-5", messages=msgs, mock_response="Hi!",
                                   stream=True, stream_options={"include_usage": True})
    return [c async for c in s]
achunks = asyncio.run(main())
assert achunks[-1].usage.prompt_tokens == 13

# chunks without usage: stream_chunk_builder counts them
plain = list(fastcore.completion(model="openai/gpt-4o", messages=msgs, mock_response="Hello, world!", stream=True))
built = fastcore.stream_chunk_builder(plain, messages=msgs)
assert (built.usage.prompt_tokens, built.usage.completion_tokens) == (13, 4), built.usage
assert fastcore.token_counter(model="gpt-3.5-turbo", text="Hello, world!") == 4
print("OK")
""", env={"TIKTOKEN_CACHE_DIR": "", "HTTPS_PROXY": "http://10.255.255.1:9", "HTTP_PROXY": "http://10.255.255.1:9"})


def test_shipped_files_are_openais():
    for name, (sha256, _, _) in tokens.ENCODINGS.items():
        data = (pathlib.Path(tokens.ENCODINGS_DIR) / f"{name}.tiktoken").read_bytes()
        assert hashlib.sha256(data).hexdigest() == sha256


@pytest.mark.parametrize("model,text", [
    ("gpt-4o", "Hello, world!"), ("gpt-4", "Hello, world!"),
    ("gpt-4o", "日本語のテキストと emoji 🎉 and code: def f(x): return x ** 2"),
    ("gpt-3.5-turbo", "Привет, мир! مرحبا بالعالم"),
])
def test_counts_match_tiktoken_and_litellm(litellm, model, text):
    assert fastcore.token_counter(model=model, text=text) == \
        litellm.token_counter(model=model, text=text, count_response_tokens=True)


@pytest.fixture
def fresh_encodings():
    tokens.reset_encodings()
    yield
    tokens.reset_encodings()


def test_another_copy_can_be_used(tmp_path, monkeypatch, fresh_encodings):
    for name in tokens.ENCODINGS:
        shutil.copy(pathlib.Path(tokens.ENCODINGS_DIR) / f"{name}.tiktoken", tmp_path)
    monkeypatch.setenv(tokens.ENCODINGS_DIR_ENV, str(tmp_path))
    assert tokens.token_counter(model="gpt-4o", text="Hello, world!") == 4


def test_a_wrong_file_is_refused_not_estimated(tmp_path, monkeypatch, fresh_encodings):
    (tmp_path / "o200k_base.tiktoken").write_bytes(b"SGVsbG8= 0\n")
    monkeypatch.setenv(tokens.ENCODINGS_DIR_ENV, str(tmp_path))
    with pytest.raises(tokens.EncodingUnavailableError, match="SHA-256"):
        tokens.token_counter(model="gpt-4o", text="Hello")
    with pytest.raises(tokens.EncodingUnavailableError, match="cannot read"):
        tokens.token_counter(model="gpt-4", text="Hello")
    assert issubclass(tokens.EncodingUnavailableError, fastcore.exceptions.FastcoreError)


def test_encodings_load_once(monkeypatch):
    first = tokens.get_encoding("cl100k_base")
    assert tokens.get_encoding("cl100k_base") is first


def test_package_data_declares_the_files():
    text = (pathlib.Path(__file__).parents[2] / "pyproject.toml").read_text()
    assert "encodings/*.tiktoken" in text
    assert not os.environ.get(tokens.ENCODINGS_DIR_ENV)
