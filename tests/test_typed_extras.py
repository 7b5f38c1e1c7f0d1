"""Typed extras: attributes LiteLLM keeps as pydantic extras (a chunk's citations,
service_tier and moderation, a delta's refusal) that fastcore holds in typed slots.

They must behave as extras in every way a caller can see: absent until set,
in model_extra and model_fields_set, dumped in LiteLLM's order, deletable,
compared, pickled (as attributes, readable by builds that keep them in __dict__),
and GC-tracked when they hold a container.
"""
import ctypes
import gc
import pickle

import pytest

import fastcore._ext.response as R
from fastcore import ModelResponseStream
from fastcore.types.utils import Delta


def test_absent_until_set():
    c = ModelResponseStream()
    for name in ("citations", "service_tier", "moderation"):
        assert not hasattr(c, name) and name not in c and c.get(name, 7) == 7
        with pytest.raises(AttributeError, match=name):
            getattr(c, name)
    assert not hasattr(Delta(), "refusal")
    assert "citations" not in c.model_dump() and c.model_extra == {}


def test_constructor_keywords_land_in_the_slots_in_litellm_order():
    c = ModelResponseStream(moderation=None, foo=1, citations=["u"], service_tier="flex")
    assert c.citations == ["u"] and c.service_tier == "flex" and c.moderation is None
    assert "citations" not in vars(c) and vars(c) == {"foo": 1}
    assert list(c.model_dump())[-4:] == ["citations", "service_tier", "moderation", "foo"]
    assert c.model_extra == {"citations": ["u"], "service_tier": "flex", "moderation": None, "foo": 1}
    assert {"citations", "service_tier", "moderation", "foo"} <= c.model_fields_set
    d = Delta(content="x", refusal="no")
    assert d.refusal == "no" and d.model_extra == {"refusal": "no"} and "refusal" not in vars(d)


def test_set_delete_and_compare():
    a, b = Delta(content="x"), Delta(content="x")
    a.refusal = None
    assert a != b and a.model_dump()["refusal"] is None
    del a.refusal
    assert a == b and not hasattr(a, "refusal")
    del a.refusal       # Delta is lenient, as LiteLLM's SafeAttributeModel
    c = ModelResponseStream()
    with pytest.raises(AttributeError):
        del c.citations
    c.service_tier = "default"
    assert c.model_dump()["service_tier"] == "default"


def test_pickles_carry_them_as_attributes():
    c = ModelResponseStream(citations=None, service_tier="default", foo=1)
    fn, args = c.__reduce__()
    assert args[4] == {"citations": None, "service_tier": "default", "foo": 1}
    again = pickle.loads(pickle.dumps(c))
    assert again == c and again.service_tier == "default" and vars(again) == {"foo": 1}
    # State from a build that kept them in __dict__ loads into the slots.
    old = R._restore(Delta, R.STATE_VERSION, ("x", None, None, None, None, None), 0, {"refusal": None, "z": 2})
    assert old.refusal is None and vars(old) == {"z": 2}


def test_a_container_in_a_typed_extra_tracks_the_object():
    # An object holding only atomic values may be untracked (see _untrack_if_atomic);
    # the typed extras' setters must re-track it, as the slots' descriptors do.
    d = Delta(content="x")
    gc.disable()
    try:
        ctypes.pythonapi.PyObject_GC_UnTrack(ctypes.py_object(d))
        assert not gc.is_tracked(d)
        d.refusal = "atomic"
        assert not gc.is_tracked(d)
        d.refusal = []
        assert gc.is_tracked(d)
    finally:
        gc.enable()
    d.refusal = [d]     # a cycle through the typed slot is collected
    del d
    assert gc.collect() >= 1


def test_network_chunks_carry_them():
    from fastcore._ext import wire_openai
    from fastcore._ext.completion import prepare_request
    from fastcore._ext.sse import SSEDecoder

    req = prepare_request("openai/gpt-4o", [{"role": "user", "content": "hi"}], stream=True, api_key="sk-x",
                          api_base="http://127.0.0.1:1/v1")
    st = wire_openai.new_stream(req, {}, "http://127.0.0.1:1/v1/chat/completions")
    body = (b'data: {"id":"c","service_tier":"default","choices":[{"index":0,"delta":{"content":"hi"}}]}\n\n'
            b'data: {"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n')
    chunks = [c for e in SSEDecoder().feed(body) for c in wire_openai.parse_chunk(st, e)]
    first, last = chunks[0], chunks[-1]
    assert first.citations is None and first.service_tier == "default" and first.moderation is None
    assert first.choices[0].delta.refusal is None and vars(first) == {}
    assert not hasattr(last, "citations") and last.service_tier == "default"
