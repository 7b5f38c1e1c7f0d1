"""Pickled responses: versioned state, old builds' pickles upgraded, foreign state refused."""
import base64
import copy
import json
import pathlib
import pickle

import pytest

import fastcore
import fastcore._ext.response as R

OLD = json.loads((pathlib.Path(__file__).parent.parent / "data" / "old_pickles.json").read_text())


@pytest.mark.parametrize("name", sorted(OLD["pickles"]))
def test_pickles_of_an_earlier_build_load_and_dump_the_same(name):
    # Written by fastcore at commit 4f7fdf7, when ModelResponse had 7 state values
    # and kept usage in __dict__ (tests/data/old_pickles.json says how).
    obj = pickle.loads(base64.b64decode(OLD["pickles"][name]))
    assert obj.model_dump() == OLD["dumps"][name]
    again = pickle.loads(pickle.dumps(obj))
    assert again == obj and again.model_dump() == OLD["dumps"][name]


def test_old_response_usage_moves_into_its_slot():
    obj = pickle.loads(base64.b64decode(OLD["pickles"]["response_with_tools"]))
    assert obj.usage.total_tokens == 8 and "usage" not in vars(obj)
    assert obj.extra_field == "kept"
    bare = R._rebuild(R.ModelResponse, ("id", 1, "m", "chat.completion", None, [], None), 0, None)
    assert not hasattr(bare, "usage") and bare.id == "id"


def test_state_carries_a_version():
    r = fastcore.ModelResponse(id="x", created=1, model="m", usage={"prompt_tokens": 1})
    fn, args = r.__reduce__()
    assert fn is R._restore and args[1] == R.STATE_VERSION
    assert pickle.loads(pickle.dumps(r)) == r
    assert copy.deepcopy(r) == r


def test_state_of_a_newer_version_is_a_clear_error():
    r = fastcore.Message(content="x")
    _, (cls, _, values, unset, d) = r.__reduce__()
    with pytest.raises(pickle.UnpicklingError, match="version 2"):
        R._restore(cls, 2, values, unset, d)


def test_subclasses_round_trip():
    r = Sub(id="x", created=1, model="m")
    r.note = "n"
    again = pickle.loads(pickle.dumps(r))
    assert type(again) is Sub and again == r and again.note == "n"


class Sub(fastcore.ModelResponse):
    pass
