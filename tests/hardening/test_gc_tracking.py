"""GC tracking: atomic-only objects are untracked, and re-tracked on every path to a container.

fastcore swaps the response classes' getset descriptors for tracking ones
(fc_patch_tracking in record.pxi); these tests fail the day that stops working.
"""
import ctypes
import gc

import fastcore
import fastcore._ext.response as R

MSGS = [{"role": "user", "content": "hi"}]


def _mock_message():
    r = fastcore.completion(model="openai/gpt-4o", messages=MSGS, mock_response="x")
    m = r.choices[0].message
    assert not gc.is_tracked(m) and not gc.is_tracked(r.usage)
    return r, m


def test_vars_hands_out_the_dict_and_tracks_the_object():
    _, m = _mock_message()
    vars(m)["x"] = 1
    assert gc.is_tracked(m)


def test_dunder_dict_access_tracks_the_object():
    _, m = _mock_message()
    m.__dict__
    assert gc.is_tracked(m)


def test_an_atomic_extra_attribute_tracks_the_object():
    # An untracked object never has a __dict__: whoever gets it could fill it.
    _, m = _mock_message()
    m.note = "atomic"
    assert gc.is_tracked(m)


def test_slot_set_through_its_descriptor_tracks_the_object():
    _, m = _mock_message()
    type(m).content.__set__(m, [m])
    assert gc.is_tracked(m)
    r, _ = _mock_message()
    type(r.usage).prompt_tokens_details.__set__(r.usage, {"cached_tokens": 1})
    assert gc.is_tracked(r.usage)


def test_atomic_slot_keeps_the_object_untracked():
    _, m = _mock_message()
    m.content = "still atomic"
    assert not gc.is_tracked(m)


def test_a_cycle_through_dict_is_collected():
    gc.collect()
    before = len(gc.get_objects())
    for _ in range(200):
        r, m = _mock_message()
        vars(m)["x"] = [r]
        del r, m
    gc.collect()
    assert len(gc.get_objects()) - before < 50


def test_every_response_class_has_tracking_descriptors():
    for cls in (R.Function, R.FunctionCall, R.ChatCompletionMessageToolCall, R.ChatCompletionDeltaToolCall,
                R.Message, R.Choices, R.CompletionTokensDetailsWrapper, R.PromptTokensDetailsWrapper, R.Usage,
                R.Delta, R.StreamingChoices, R.ModelResponse, R.ModelResponseStream):
        obj = cls.__new__(cls)
        ctypes.pythonapi.PyObject_GC_UnTrack(ctypes.py_object(obj))
        assert not gc.is_tracked(obj)
        vars(obj)
        assert gc.is_tracked(obj), cls
