"""The stream parser's per-stream key cache (wire_openai._KeyCache).

It remembers which table entry each key position of the last chunk had and
checks identity first; these tests show the answers never depend on it.
"""
import random

import orjson

from fastcore._ext import wire_openai
from fastcore._ext.completion import prepare_request
from fastcore._ext.sse import SSEDecoder

URL = "http://127.0.0.1:1/v1/chat/completions"


def _chunk(i, keys_order, extra):
    delta = {"content": f"w{i} ", "reasoning_content": f"r{i}"}
    choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": None}
    top = {"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o",
           "system_fingerprint": "fp", "service_tier": "default", "choices": [choice]}
    top.update(extra)
    return {k: top[k] for k in keys_order(list(top))}


def _parse(events):
    req = prepare_request("openai/gpt-4o", [{"role": "user", "content": "hi"}], stream=True, api_key="sk-x",
                          api_base="http://127.0.0.1:1/v1")
    st = wire_openai.new_stream(req, {}, URL)
    out = []
    for e in SSEDecoder().feed(b"".join(b"data: " + orjson.dumps(ev) + b"\n\n" for ev in events)):
        out.extend(c.model_dump() for c in wire_openai.parse_chunk(st, e))
    return out


def test_key_order_and_unknown_keys_changing_mid_stream():
    rnd = random.Random(7)
    extras = [{}, {"x_extra": 1}, {"x_extra": 1, "y_extra": [2]}, {f"k{j}": j for j in range(20)}]

    def shuffled(keys):
        rnd.shuffle(keys)
        return keys
    events = [_chunk(i, shuffled, extras[i % len(extras)]) for i in range(40)]
    canonical = [_chunk(i, sorted, extras[i % len(extras)]) for i in range(40)]
    mixed = _parse(events)
    assert mixed == _parse(canonical)
    assert [c["choices"][0]["delta"]["content"] for c in mixed] == [f"w{i} " for i in range(40)]
    assert [c["choices"][0]["delta"]["reasoning_content"] for c in mixed] == [f"r{i}" for i in range(40)]
    assert mixed[3]["k19"] == 19 and mixed[1]["x_extra"] == 1 and "x_extra" not in mixed[0]


def test_orjson_hands_out_the_same_key_objects():
    # The cache's speed (not its answers) rests on this: if it stops being
    # true, every lookup falls back to the table and the cache is dead weight.
    a, b = orjson.loads(b'{"choices":1,"delta":2}'), orjson.loads(b'{"choices":3,"delta":4}')
    assert all(x is y for x, y in zip(a, b))
