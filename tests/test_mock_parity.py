"""Differential tests: the same mock call to LiteLLM and to fastcore gives the same dump."""
import asyncio

import pytest

import fastcore
from fastcore import exceptions as E

MSGS = [{"role": "user", "content": "hi"}]
GENERATED = ("id", "created")


def _strip(d):
    return {k: v for k, v in d.items() if k not in GENERATED}


CASES = [
    dict(model="openai/gpt-4o", mock_response="Hello, world!"),
    dict(model="gpt-4o", mock_response="Hello, world!"),
    dict(model="anthropic/claude-sonnet-4-5", mock_response="x", temperature=0.1, max_tokens=5),
    dict(model="groq/llama-3.1-8b-instant", mock_response="multi\nline ü"),
    dict(model="openai/gpt-4o", mock_response="x", n=2),
    dict(model="openai/gpt-4o", mock_response="x", mock_tool_calls=[
        {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{\"a\": 1}"}}]),
    dict(model="openai/gpt-4o", mock_response={
        "id": "abc", "created": 1, "model": "m", "object": "chat.completion",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "d"}}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}}),
]


@pytest.mark.parametrize("kw", CASES, ids=lambda kw: f"{kw['model']}-{sorted(kw)}")
def test_mock_completion_dump_matches(litellm, kw):
    ours = fastcore.completion(messages=MSGS, **kw)
    theirs = litellm.completion(messages=MSGS, **kw)
    strip = _strip if not isinstance(kw["mock_response"], dict) else (lambda d: d)
    assert strip(ours.model_dump()) == strip(theirs.model_dump())
    assert strip(ours.to_dict()) == strip(theirs.to_dict())


def test_acompletion_dump_matches(litellm):
    async def both():
        a = await fastcore.acompletion(model="openai/gpt-4o", messages=MSGS, mock_response="Hello, world!")
        b = await litellm.acompletion(model="openai/gpt-4o", messages=MSGS, mock_response="Hello, world!")
        return a, b
    a, b = asyncio.run(both())
    assert _strip(a.model_dump()) == _strip(b.model_dump())


@pytest.mark.parametrize("name", ["RateLimitError", "ContextWindowExceededError", "InternalServerError"])
def test_mock_error_names_match(litellm, name):
    with pytest.raises(Exception) as theirs:
        litellm.completion(model="openai/gpt-4o", messages=MSGS, mock_response=f"litellm.{name}")
    with pytest.raises(getattr(E, name)) as ours:
        fastcore.completion(model="openai/gpt-4o", messages=MSGS, mock_response=f"litellm.{name}")
    assert type(theirs.value).__name__ == name
    assert ours.value.status_code == theirs.value.status_code
    assert (ours.value.model, ours.value.llm_provider) == (theirs.value.model, theirs.value.llm_provider)


def test_unsupported_param_matches(litellm):
    kw = dict(model="anthropic/claude-sonnet-4-5", messages=MSGS, mock_response="x", logit_bias={"1": 1})
    with pytest.raises(Exception) as theirs:
        litellm.completion(**kw)
    with pytest.raises(E.UnsupportedParamsError):
        fastcore.completion(**kw)
    assert type(theirs.value).__name__ == "UnsupportedParamsError"


def _chunk_dumps(stream):
    return [_strip(c.model_dump()) for c in stream]


@pytest.mark.parametrize("text", ["Hello, world!", "ab", "exactly9!", "a\nb ü" * 5])
def test_mock_stream_chunks_match(litellm, text):
    ours = _chunk_dumps(fastcore.completion(model="openai/gpt-4o", messages=MSGS, mock_response=text, stream=True))
    theirs = _chunk_dumps(litellm.completion(model="openai/gpt-4o", messages=MSGS, mock_response=text, stream=True))
    assert ours == theirs


def test_async_mock_stream_chunks_match(litellm):
    async def collect(mod):
        s = await mod.acompletion(model="openai/gpt-4o", messages=MSGS, mock_response="Hello, world!", stream=True)
        return [_strip(c.model_dump()) async for c in s]
    assert asyncio.run(collect(fastcore)) == asyncio.run(collect(litellm))


def test_stream_chunk_builder_content_matches(litellm):
    chunks = list(fastcore.completion(model="openai/gpt-4o", messages=MSGS, mock_response="Hello, world!", stream=True))
    ours = fastcore.stream_chunk_builder(chunks, messages=MSGS)
    ref_chunks = list(litellm.completion(model="openai/gpt-4o", messages=MSGS, mock_response="Hello, world!", stream=True))
    theirs = litellm.stream_chunk_builder(ref_chunks, messages=MSGS)
    a, b = ours.model_dump(), theirs.model_dump()
    assert a["choices"] == b["choices"]
    assert (a["model"], a["object"]) == (b["model"], b["object"])
    assert ours.id == chunks[0].id


def test_include_usage_chunk_matches(litellm):
    kw = dict(model="openai/gpt-4o", messages=MSGS, mock_response="Hello, world!", stream=True,
              stream_options={"include_usage": True})
    ours = list(fastcore.completion(**kw))
    theirs = list(litellm.completion(**kw))
    assert len(ours) == len(theirs)
    u_ours, u_theirs = ours[-1].usage, theirs[-1].usage
    assert (u_ours.prompt_tokens, u_ours.completion_tokens) == (u_theirs.prompt_tokens, u_theirs.completion_tokens)
