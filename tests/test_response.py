"""Unit tests of the compiled response objects."""
import copy
import json
import os
import pickle
import re
import time

import pytest

from fastcore._ext import response as R
from fastcore.exceptions import BadRequestError

UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")

OPENAI_JSON = {
    "id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000, "model": "gpt-4o",
    "choices": [{"index": 0, "finish_reason": "tool_calls", "logprobs": None,
                 "message": {"role": "assistant", "content": None, "tool_calls": [
                     {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]}}],
    "usage": {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10,
              "prompt_tokens_details": {"cached_tokens": 4},
              "completion_tokens_details": {"reasoning_tokens": 1}},
    "system_fingerprint": "fp_x", "service_tier": "default",
}


def test_is_compiled():
    assert R.__file__.endswith(".so")


def test_ids_are_uuid4_and_unique():
    ids = {R.new_id() for _ in range(100_000)}
    assert len(ids) == 100_000
    sample = next(iter(ids))
    assert sample.startswith("chatcmpl-") and UUID4.match(sample[9:])
    assert all(UUID4.match(i[9:]) for i in list(ids)[:1000])


def test_ids_differ_after_fork():
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.write(w, R.new_id().encode())
        os._exit(0)
    os.waitpid(pid, 0)
    child_id = os.read(r, 100).decode()
    os.close(r)
    os.close(w)
    assert child_id != R.new_id() and UUID4.match(child_id[9:])


def test_defaults():
    before = int(time.time())
    r = R.ModelResponse()
    assert UUID4.match(r.id[9:]) and r.id.startswith("chatcmpl-")
    assert before <= r.created <= int(time.time())
    assert r.object == "chat.completion" and r.model is None and r.system_fingerprint is None
    assert len(r.choices) == 1
    c = r.choices[0]
    assert (c.finish_reason, c.index, c.message.content, c.message.role) == ("stop", 0, None, "assistant")
    assert not hasattr(r, "usage") and r.get("usage") is None
    assert r._hidden_params == {} and r.hidden_params is r._hidden_params
    assert R.ModelResponse()._hidden_params is not R.ModelResponse()._hidden_params
    assert r._response_headers is None
    s = R.ModelResponseStream()
    assert s.object == "chat.completion.chunk" and s.choices[0].delta.content is None
    assert s.choices[0].finish_reason is None


def test_from_openai_json():
    r = R.ModelResponse(**copy.deepcopy(OPENAI_JSON))
    tc = r.choices[0].message.tool_calls[0]
    assert isinstance(tc, R.ChatCompletionMessageToolCall) and isinstance(tc.function, R.Function)
    assert (tc.id, tc.function.name, tc["function"]["arguments"]) == ("call_1", "f", "{}")
    assert isinstance(r.usage, R.Usage) and r.usage.total_tokens == 10
    assert isinstance(r.usage.prompt_tokens_details, R.PromptTokensDetails)
    assert r.usage.prompt_tokens_details.cached_tokens == 4
    assert r.usage.completion_tokens_details.reasoning_tokens == 1
    assert r.service_tier == "default" and r["service_tier"] == "default"
    assert r["choices"][0]["message"]["content"] is None
    dumped = r.model_dump()
    assert list(dumped) == ["id", "created", "model", "object", "system_fingerprint", "choices", "usage",
                            "service_tier"]
    assert dumped["usage"]["prompt_tokens_details"] == {"cached_tokens": 4}
    assert json.loads(r.model_dump_json())["choices"][0]["message"]["provider_specific_fields"] is None


def test_attribute_and_item_access():
    m = R.Message(content="hi")
    assert m["content"] == m.get("content") == "hi" and "content" in m
    m["content"] = "bye"
    m.reasoning_content = "why"
    m.custom = 1
    assert m.content == "bye" and m.get("reasoning_content") == "why" and m.custom == 1
    assert "audio" not in m and m.get("audio", 5) == 5
    with pytest.raises(AttributeError):
        m.audio
    del m.audio  # missing field: a no-op, as in LiteLLM
    del m.custom
    assert "custom" not in m
    r = R.ModelResponse()
    with pytest.raises(TypeError, match="item assignment"):
        r["id"] = "x"
    r.id = "x"
    assert r.id == "x"
    assert dict(m)["content"] == "bye"


def test_exclude_unset_tracks_assignment():
    m = R.Message(content="hi")
    assert "provider_specific_fields" not in m.model_dump(exclude_unset=True)
    m.provider_specific_fields = {"a": 1}
    assert m.model_dump(exclude_unset=True)["provider_specific_fields"] == {"a": 1}
    assert R.Message(content="x").model_dump(exclude_none=True) == {"content": "x", "role": "assistant"}


def test_usage():
    u = R.Usage(prompt_tokens=1, completion_tokens=2)
    assert (u.prompt_tokens, u.completion_tokens, u.total_tokens) == (1, 2, 0)  # LiteLLM does not add them up
    assert R.Usage(prompt_tokens=1.0, completion_tokens="2").completion_tokens == 2
    u = R.Usage(prompt_tokens=3, completion_tokens=10, reasoning_tokens=4, cache_read_input_tokens=2)
    assert u.completion_tokens_details.text_tokens == 6 and u.prompt_tokens_details.cached_tokens == 2
    assert u._cache_read_input_tokens == 2 and u._cache_creation_input_tokens == 0
    p = R.PromptTokensDetailsWrapper(cache_creation_tokens=5)
    assert p.cache_write_tokens == 5
    p.cache_write_tokens = 9
    assert p.cache_creation_tokens == 9
    with pytest.raises(TypeError, match="completion_tokens"):
        R.Usage(completion_tokens=[1])
    with pytest.raises(ValueError, match="completion_tokens"):
        R.Usage(completion_tokens="5x", reasoning_tokens=2)
    # Numeric strings are converted before any arithmetic on them.
    assert R.Usage(completion_tokens="5", reasoning_tokens=2).completion_tokens_details.text_tokens == 3


def test_choices_finish_reason_mapping():
    c = R.Choices(finish_reason="end_turn")
    assert c.finish_reason == "stop" and c.provider_specific_fields == {"native_finish_reason": "end_turn"}
    assert not hasattr(R.Choices(finish_reason="stop"), "provider_specific_fields")
    assert R.Choices(finish_reason="unheard-of").finish_reason == "stop"
    assert R.StreamingChoices(finish_reason="max_tokens").finish_reason == "length"
    assert R.StreamingChoices(finish_reason="").finish_reason is None
    with pytest.raises(TypeError, match="finish_reason"):
        R.Choices(finish_reason=["stop"])


def test_streaming_types():
    s = R.ModelResponseStream(id="c", created=1, model="m", choices=[
        {"index": 0, "delta": {"content": "hi", "tool_calls": [{"function": {"name": "f", "arguments": ""}}]}}],
        usage={"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2})
    d = s.choices[0].delta
    assert isinstance(d, R.Delta) and d.content == "hi"
    tc = d.tool_calls[0]
    assert isinstance(tc, R.ChatCompletionDeltaToolCall) and (tc.index, tc.type, tc.id) == (0, "function", None)
    assert isinstance(s.usage, R.Usage)
    assert R.Delta(reasoning="r").reasoning_content == "r"
    dumped = s.model_dump()
    assert "system_fingerprint" not in dumped and dumped["model"] == "m"
    assert list(dumped["choices"][0]["delta"])[:2] == ["content", "role"]


def test_repr_shape():
    r = R.ModelResponse(id="chatcmpl-1", created=5, model="m")
    assert repr(r).startswith("ModelResponse(id='chatcmpl-1', created=5, model='m', object='chat.completion', ")
    assert repr(R.Function(name="f", arguments="{}")) == "Function(arguments='{}', name='f')"
    assert repr(R.Usage()) == ("Usage(completion_tokens=0, prompt_tokens=0, total_tokens=0, "
                               "completion_tokens_details=None, prompt_tokens_details=None)")


def test_equality():
    a = R.ModelResponse(**copy.deepcopy(OPENAI_JSON))
    b = R.ModelResponse(**copy.deepcopy(OPENAI_JSON))
    assert a == b
    b.choices[0].message.content = "changed"
    assert a != b
    assert R.Message(content="x") == R.Message(content="x") != R.Delta(content="x")
    assert R.Message(content="x") != R.Message(content="x", audio={"id": "a"})
    b = R.ModelResponse(**copy.deepcopy(OPENAI_JSON))
    b._hidden_params["k"] = 1
    assert a != b


@pytest.mark.parametrize("clone", [lambda o: pickle.loads(pickle.dumps(o)), copy.copy, copy.deepcopy])
def test_pickle_and_copy(clone):
    r = R.ModelResponse(**copy.deepcopy(OPENAI_JSON))
    r._hidden_params["model_id"] = "x"
    r._response_headers = {"h": "1"}
    got = clone(r)
    assert got == r and got is not r
    assert got._hidden_params == {"model_id": "x"} and got._response_headers == {"h": "1"}
    assert got.model_dump() == r.model_dump() and repr(got) == repr(r)
    got.extra_attr = 1
    assert not hasattr(r, "extra_attr")
    s = R.ModelResponseStream(model="m")
    assert clone(s) == s and clone(s).model_dump() == s.model_dump()


def test_deepcopy_is_deep():
    r = R.ModelResponse(**copy.deepcopy(OPENAI_JSON))
    d = copy.deepcopy(r)
    d.choices[0].message.tool_calls[0].function.name = "g"
    assert r.choices[0].message.tool_calls[0].function.name == "f"


def test_json_and_to_dict():
    r = R.ModelResponse(id="x", created=1)
    assert r.json() == r.model_dump() == r.to_dict()
    assert json.loads(R.Choices().json())["finish_reason"] == "stop"
    assert json.loads(r.to_json()) == json.loads(r.model_dump_json(exclude_unset=True)) == r.model_dump()
    assert r.model_dump(include={"id"}) == {"id": "x"}
    assert "choices" not in r.model_dump(exclude={"choices"})
    assert r.model_dump(exclude={"choices": {"__all__": {"message"}}})["choices"] == [
        {"finish_reason": "stop", "index": 0}]
    assert json.loads(R.Message(content="é").model_dump_json())["content"] == "é"


def test_bad_constructor_input_is_a_type_or_value_error_naming_the_field():
    # As pydantic's ValidationError (a ValueError): constructors are not API calls.
    with pytest.raises(TypeError, match="message content"):
        R.Message(content=5)
    with pytest.raises(ValueError, match="role"):
        R.Message(role="robot")
    with pytest.raises(ValueError, match="role"):
        R.Message(role=10 ** 5000)          # the message itself must not fail
    with pytest.raises(TypeError, match="tool_calls"):
        R.Message(tool_calls="nope")
    with pytest.raises(TypeError, match="function"):
        R.ChatCompletionMessageToolCall(function=3)
    with pytest.raises(TypeError, match="choice message"):
        R.Choices(message=3)
    with pytest.raises(ValueError, match="created"):
        R.ModelResponse(created="yesterday")
    with pytest.raises(TypeError, match="id"):
        R.ModelResponse(id=5)
    with pytest.raises(TypeError, match="delta"):
        R.StreamingChoices(delta=3)
    with pytest.raises(TypeError, match="delta tool_calls"):
        R.Delta(tool_calls=[3])
    with pytest.raises(ValueError, match="choice index"):
        R.StreamingChoices(index="first")
    with pytest.raises(TypeError, match="_hidden_params"):
        R.ModelResponse()._hidden_params = 5


def test_atomic_objects_are_untracked_and_retracked_on_container_assignment():
    import gc

    import fastcore

    r = fastcore.completion(model="openai/gpt-4o", messages=[{"role": "user", "content": "hi"}],
                            mock_response="x")
    msg, usage = r.choices[0].message, r.usage
    assert not gc.is_tracked(msg) and not gc.is_tracked(usage)
    msg.content = "still atomic"
    assert not gc.is_tracked(msg)
    msg.note = [msg]            # a cycle is now possible: the GC must see it
    assert gc.is_tracked(msg)
    usage.prompt_tokens_details = fastcore.PromptTokensDetails(cached_tokens=1)
    assert gc.is_tracked(usage)
    assert gc.is_tracked(r) and gc.is_tracked(r.choices[0])


# -- ids, and the record machinery shared by every class --------------------
def test_ids_module():
    from fastcore._ext import ids
    assert R.new_id is ids.new_id
    uuids = {ids.new_uuid() for _ in range(10_000)}
    assert len(uuids) == 10_000 and all(UUID4.match(u) for u in list(uuids)[:1000])
    tc = R.ChatCompletionMessageToolCall(function={"name": "f", "arguments": "{}"})
    assert UUID4.match(tc.id)


def test_created_is_shared_within_a_second():
    # The clock cache lives in ids and is read from response through a pointer.
    for _ in range(3):
        a, b = R.ModelResponse(), R.ModelResponse()
        if a.created == b.created:
            assert a.created is b.created
            break
    else:
        pytest.fail("three pairs of responses straddled a second boundary")
    assert abs(a.created - time.time()) < 5


def test_every_class_shares_the_record_base_and_pickles_by_name():
    for cls in (R.Message, R.Choices, R.Usage, R.Delta, R.StreamingChoices, R.ModelResponse,
                R.ModelResponseStream, R.Function, R.ChatCompletionDeltaToolCall):
        assert issubclass(cls, R._Record) and cls.__module__ == "fastcore._ext.response"
    r = R.ModelResponse(id="x", created=1, model="m")
    assert b"fastcore._ext.response" in pickle.dumps(r)
    assert pickle.loads(pickle.dumps(r)) == r


def test_record_helpers_raise_type_and_value_errors():
    with pytest.raises(TypeError, match="model must be a string"):
        R.ModelResponse(model=3)
    with pytest.raises(ValueError, match="created must be an integer"):
        R.ModelResponse(created="soon")
    with pytest.raises(TypeError, match="cannot serialise"):
        R.Message(content="x", foo=object()).model_dump_json()


def test_usage_is_a_slot_that_can_be_absent():
    r = R.ModelResponse()
    assert not hasattr(r, "usage") and "usage" not in r and "usage" not in r.model_dump()
    with pytest.raises(AttributeError):
        r.usage
    r.usage = R.Usage(prompt_tokens=1, completion_tokens=2, total_tokens=3)
    assert r["usage"].total_tokens == 3 and r.model_dump()["usage"]["total_tokens"] == 3
    assert "usage" in r.model_fields_set and "usage" not in vars(r)
    for clone in (pickle.loads(pickle.dumps(r)), copy.deepcopy(r), copy.copy(r)):
        assert clone == r
    del r.usage
    assert not hasattr(r, "usage") and pickle.loads(pickle.dumps(r)) == r
