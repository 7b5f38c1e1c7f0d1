import asyncio

import pytest

import fastcore
from fastcore import exceptions as E

MSGS = [{"role": "user", "content": "hi"}]


def stream(**kw):
    kw.setdefault("mock_response", "Hello, world!")
    return fastcore.completion(model="openai/gpt-4o", messages=MSGS, stream=True, **kw)


def test_sync_stream_pieces_and_finish():
    chunks = list(stream())
    assert isinstance(chunks[0], fastcore.ModelResponseStream)
    assert [c.choices[0].delta.content for c in chunks] == ["Hel", "lo,", " wo", "rld", "!", None]
    assert chunks[0].choices[0].delta.role == "assistant"
    assert all(c.choices[0].delta.role is None for c in chunks[1:])
    assert [c.choices[0].finish_reason for c in chunks][-2:] == [None, "stop"]
    assert len({c.id for c in chunks}) == 1
    assert all(c.object == "chat.completion.chunk" and c.model == "gpt-4o" for c in chunks)


def test_stream_is_a_custom_stream_wrapper():
    s = stream()
    assert isinstance(s, fastcore.CustomStreamWrapper)
    assert s.model == "gpt-4o" and s.custom_llm_provider == "openai"


def test_async_stream():
    async def run():
        s = await fastcore.acompletion(model="openai/gpt-4o", messages=MSGS, stream=True, mock_response="abcdef")
        return [c async for c in s]
    chunks = asyncio.run(run())
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "abcdef"


def test_builder_roundtrip():
    chunks = list(stream())
    r = fastcore.stream_chunk_builder(chunks, messages=MSGS)
    assert isinstance(r, fastcore.ModelResponse)
    assert r.choices[0].message.content == "Hello, world!"
    assert r.choices[0].finish_reason == "stop" and r.id == chunks[0].id
    assert r.usage.total_tokens == r.usage.prompt_tokens + r.usage.completion_tokens
    assert r.usage.prompt_tokens > 0 and r.usage.completion_tokens > 0


def test_builder_uses_provider_usage_when_sent():
    chunks = list(stream(stream_options={"include_usage": True}))
    assert chunks[-1].usage is not None
    chunks[-1].usage.prompt_tokens = 42
    r = fastcore.stream_chunk_builder(chunks, messages=MSGS)
    assert r.usage.prompt_tokens == 42


def test_stream_with_tool_calls():
    tc = [{"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{\"x\": 1}"}}]
    chunks = list(stream(mock_tool_calls=tc))
    r = fastcore.stream_chunk_builder(chunks)
    got = r.choices[0].message.tool_calls[0]
    assert (got.id, got.function.name, got.function.arguments) == ("c1", "f", "{\"x\": 1}")


def test_builder_joins_split_tool_call_arguments_from_dicts():
    base = {"id": "x", "created": 1, "model": "m", "object": "chat.completion.chunk"}
    parts = ['{"ci', 'ty": "Pa', 'ris"}']
    chunks = [dict(base, choices=[{"index": 0, "finish_reason": None, "delta": {
        "role": "assistant", "tool_calls": [{"index": 0, "id": "call_9", "type": "function",
                                             "function": {"name": "weather", "arguments": parts[0]}}]}}])]
    for p in parts[1:]:
        chunks.append(dict(base, choices=[{"index": 0, "finish_reason": None, "delta": {
            "tool_calls": [{"index": 0, "function": {"arguments": p}}]}}]))
    chunks.append(dict(base, choices=[{"index": 0, "finish_reason": "tool_calls", "delta": {}}]))
    r = fastcore.stream_chunk_builder(chunks)
    tc = r.choices[0].message.tool_calls[0]
    assert tc.function.arguments == '{"city": "Paris"}' and tc.id == "call_9"
    assert r.choices[0].finish_reason == "tool_calls" and r.choices[0].message.content is None


def test_builder_edge_cases():
    assert fastcore.stream_chunk_builder([]) is None
    with pytest.raises(E.APIError):
        fastcore.stream_chunk_builder(None)


def test_stream_of_a_model_response_mock():
    full = fastcore.completion(model="openai/gpt-4o", messages=MSGS, mock_response="whole")
    chunks = list(fastcore.completion(model="openai/gpt-4o", messages=MSGS, mock_response=full, stream=True))
    assert fastcore.stream_chunk_builder(chunks).choices[0].message.content == "whole"


def _tb(text="", sig=None):
    return {"type": "thinking", "thinking": text, **({"signature": sig} if sig else {})}


_RED = {"type": "redacted_thinking", "data": "ENC"}


@pytest.mark.litellm
@pytest.mark.parametrize("fragments", [
    [[_tb("Let me ")], [_tb("think.")], [_tb("", "sigA")], None],
    [[_tb("one")], [_tb("", "s1")], [_tb("two")], [_tb("", "s2")]],
    [[_tb("unsigned ")], [_tb("text")]],
    [[_tb("pending")], [_RED], [_tb("after", "s3")]],
    [[_tb("whole", "x")]],
    [[{"type": "redacted_thinking", "data": ""}]],
    [None, None],
], ids=["signed", "two-blocks", "never-signed", "redacted", "one-fragment", "empty-redacted", "no-thinking"])
def test_stream_chunk_builder_folds_thinking_blocks_as_litellm(litellm, fragments):
    def rebuilt(lib):
        chunks = []
        for frag in fragments + ["end"]:
            delta = {} if frag == "end" else {"content": "x"} if frag is None else {"thinking_blocks": frag}
            choice = {"index": 0, "delta": delta, **({"finish_reason": "stop"} if frag == "end" else {})}
            chunks.append(lib.ModelResponseStream(id="c", created=1, model="claude-3-7-sonnet", choices=[choice]))
        msg = lib.stream_chunk_builder(chunks).choices[0].message
        return getattr(msg, "thinking_blocks", "absent"), "thinking_blocks" in msg.model_dump()
    assert rebuilt(fastcore) == rebuilt(litellm)
