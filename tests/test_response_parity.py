"""Differential tests: the same input to LiteLLM's response types and to ours."""
import copy
import json

import pytest

from fastcore._ext import response as R

pytestmark = [
    pytest.mark.litellm,
    # LiteLLM's types make pydantic warn while it builds their schemas; not ours.
    pytest.mark.filterwarnings("ignore::UserWarning:pydantic.*"),
]

TOOL_CALL = {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}}

OPENAI_JSON = {
    "id": "chatcmpl-abc", "object": "chat.completion", "created": 1700000000, "model": "gpt-4o",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi", "refusal": None, "annotations": []},
                 "logprobs": None, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3,
              "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
              "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                            "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}},
    "service_tier": "default", "system_fingerprint": "fp_1",
}

# (class name, kwargs): each is built by both libraries and compared.
CASES = [
    ("Message", {"content": "hello"}),
    ("Message", {}),
    ("Message", {"content": None, "tool_calls": [TOOL_CALL]}),
    ("Message", {"content": "x", "tool_calls": []}),
    ("Message", {"content": None, "function_call": {"name": "f", "arguments": "{}"}}),
    ("Message", {"content": "x", "reasoning_content": "because", "provider_specific_fields": {"a": 1},
                 "annotations": [], "thinking_blocks": [{"type": "thinking", "thinking": "t"}]}),
    ("Message", {"content": "x", "role": None, "refusal": None, "extra_field": 3}),
    ("Message", {"content": "x", "provider_specific_fields": {}}),
    ("Choices", {}),
    ("Choices", {"finish_reason": "end_turn", "index": 2, "message": {"content": "a"}}),
    ("Choices", {"finish_reason": "weird", "message": {"content": "a"}}),
    ("Choices", {"finish_reason": "length", "provider_specific_fields": {"x": 1}, "enhancements": [1]}),
    ("Usage", {}),
    ("Usage", {"prompt_tokens": 1, "completion_tokens": 2}),
    ("Usage", {"prompt_tokens": 5, "completion_tokens": 10, "total_tokens": 15, "reasoning_tokens": 3}),
    ("Usage", {"prompt_tokens": 5, "completion_tokens": 10, "total_tokens": 15,
               "prompt_tokens_details": {"cached_tokens": 1, "audio_tokens": None},
               "completion_tokens_details": {"reasoning_tokens": 1, "image_tokens": 2}, "cost": 0.5}),
    ("Usage", {"prompt_tokens": 5, "completion_tokens": 1, "cache_creation_input_tokens": 3}),
    ("Usage", {"prompt_tokens": 5, "completion_tokens": 1, "cache_read_input_tokens": 2}),
    ("Usage", {"prompt_tokens": 5, "completion_tokens": 1, "prompt_cache_hit_tokens": 4,
               "prompt_cache_miss_tokens": 1}),
    ("PromptTokensDetailsWrapper", {"cached_tokens": 2, "cache_creation_tokens": 5, "web_search_requests": 1}),
    ("PromptTokensDetailsWrapper", {"audio_tokens": None, "text_tokens": 3, "cache_write_tokens": 7}),
    ("CompletionTokensDetailsWrapper", {"reasoning_tokens": 4, "foo": 1}),
    ("Function", {"name": "f", "arguments": {"a": 1}}),
    ("Function", {"parameters": {"a": 1}}),
    ("ChatCompletionMessageToolCall", dict(TOOL_CALL)),
    ("Delta", {}),
    ("Delta", {"content": "x", "role": "assistant"}),
    ("Delta", {"content": "a", "reasoning_content": "r", "foo": 1}),
    ("Delta", {"reasoning": "thinking", "provider_specific_fields": {"k": 1}}),
    ("Delta", {"tool_calls": [{"function": {"arguments": '{"a'}, "index": 0}]}),
    ("Delta", {"tool_calls": [{"id": "c", "function": {"name": "f", "arguments": ""}}],
               "function_call": {"name": "g", "arguments": ""}, "images": [], "annotations": []}),
    ("StreamingChoices", {}),
    ("StreamingChoices", {"delta": {"content": "x"}, "finish_reason": "length"}),
    ("StreamingChoices", {"delta": {"content": "x"}, "finish_reason": "end_turn", "index": 1,
                          "message": {"content": "dup"}}),
    ("StreamingChoices", {"finish_reason": "", "index": None}),
    ("ModelResponse", {"id": "x", "created": 1}),
    ("ModelResponse", dict(OPENAI_JSON)),
    ("ModelResponse", {"id": "x", "created": 1, "model": "m", "usage": {"prompt_tokens": 3},
                       "choices": [{"message": {"content": None, "tool_calls": [TOOL_CALL]},
                                    "finish_reason": "tool_calls"}]}),
    ("ModelResponse", {"id": "x", "created": 1, "stream": True, "response_ms": 3, "custom": {"a": None}}),
    ("ModelResponseStream", {"id": "x", "created": 1}),
    ("ModelResponseStream", {"id": "x", "created": 1, "model": "gpt",
                             "choices": [{"delta": {"content": "hi", "role": "assistant"}, "index": 0,
                                          "finish_reason": None}]}),
    ("ModelResponseStream", {"id": "x", "created": 1, "model": "gpt", "system_fingerprint": "fp",
                             "choices": [{"delta": {}, "finish_reason": "stop"}],
                             "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}),
    ("ModelResponseStream", {"id": "x", "created": 1, "provider_specific_fields": {"a": 1}, "usage": None}),
]


def _both(litellm, name, kwargs):
    from litellm.types import utils

    return getattr(utils, name)(**copy.deepcopy(kwargs)), getattr(R, name)(**copy.deepcopy(kwargs))


def _ids(case):
    return f"{case[0]}-{'-'.join(case[1]) or 'default'}"


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_dumps_match(litellm, case):
    theirs, ours = _both(litellm, *case)
    for kwargs in ({}, {"exclude_none": True}, {"exclude_unset": True}, {"exclude_unset": False}):
        expected, got = theirs.model_dump(**kwargs), ours.model_dump(**kwargs)
        assert got == expected, kwargs
        assert list(got) == list(expected), kwargs  # key order too
    assert ours.to_dict() == theirs.to_dict()
    assert ours.model_dump_json() == theirs.model_dump_json()
    assert ours.dict() == theirs.dict()


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_repr_and_json_match(litellm, case):
    theirs, ours = _both(litellm, *case)
    assert repr(ours) == repr(theirs)
    expected, got = theirs.json(), ours.json()
    assert type(got) is type(expected)
    if isinstance(got, str):
        assert json.loads(got) == json.loads(expected)
    else:
        assert got == expected


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_access_matches(litellm, case):
    theirs, ours = _both(litellm, *case)
    names = set(theirs.model_dump(exclude_unset=False)) | {"audio", "usage", "reasoning_content", "logprobs",
                                                           "provider_specific_fields", "cost", "nope"}
    for name in sorted(names):
        assert hasattr(ours, name) == hasattr(theirs, name), name
        if hasattr(theirs, "get"):  # LiteLLM's token-detail wrappers have no .get(); ours do
            assert (ours.get(name, "<d>") == "<d>") == (theirs.get(name, "<d>") == "<d>"), name


def test_generated_fields_match_in_shape(litellm):
    from litellm.types import utils

    for name in ("ModelResponse", "ModelResponseStream"):
        theirs, ours = getattr(utils, name)(), getattr(R, name)()
        a, b = theirs.model_dump(), ours.model_dump()
        assert a.pop("id")[:9] == b.pop("id")[:9] == "chatcmpl-"
        assert abs(a.pop("created") - b.pop("created")) <= 2
        assert a == b
    theirs = utils.ChatCompletionMessageToolCall(function={"name": "f", "arguments": ""})
    ours = R.ChatCompletionMessageToolCall(function={"name": "f", "arguments": ""})
    assert len(theirs.id) == len(ours.id) == 36


def test_roundtrip_through_dump_equals(litellm):
    ours = R.ModelResponse(**copy.deepcopy(OPENAI_JSON))
    assert R.ModelResponse(**ours.model_dump()) == ours
    theirs = litellm.ModelResponse(**copy.deepcopy(OPENAI_JSON))
    assert R.ModelResponse(**theirs.model_dump()).model_dump() == theirs.model_dump()


def test_message_contains_is_fixed(litellm):
    # LiteLLM's Message has no __contains__, so `"content" in msg` is always False; ours answers it.
    assert "content" not in litellm.Message(content="x")
    assert "content" in R.Message(content="x")
    assert "audio" not in R.Message(content="x")


def test_bad_input_is_a_clear_error(litellm):
    from litellm.types import utils

    with pytest.raises(ValueError):
        utils.Usage(prompt_tokens="many")
    with pytest.raises(ValueError, match="prompt_tokens"):
        R.Usage(prompt_tokens="many")
    # LiteLLM silently drops a choice it cannot convert and fails later; we name the argument.
    with pytest.raises(TypeError, match="choice"):
        R.ModelResponse(choices=[42])


def test_late_field_order_differs_but_content_matches(litellm):
    # LiteLLM sets cache_write_tokens after building the details, so it dumps last;
    # ours keeps declaration order. Same keys and values.
    kwargs = {"prompt_tokens": 5, "completion_tokens": 1, "cache_read_input_tokens": 2,
              "cache_creation_input_tokens": 3}
    theirs, ours = litellm.Usage(**kwargs), R.Usage(**kwargs)
    assert ours.model_dump() == theirs.model_dump()
    assert json.loads(ours.model_dump_json()) == json.loads(theirs.model_dump_json())


def test_logprobs_stay_plain_dicts(litellm):
    # LiteLLM wraps logprobs in ChoiceLogprobs; we keep the provider's dict (same data when dumped).
    lp = {"content": [{"token": "a", "logprob": -0.1, "bytes": [97], "top_logprobs": []}]}
    theirs = litellm.Choices(message={"content": "a"}, logprobs=copy.deepcopy(lp))
    ours = R.Choices(message={"content": "a"}, logprobs=copy.deepcopy(lp))
    assert ours.logprobs == lp
    assert ours.model_dump() == theirs.model_dump()
    assert ours["logprobs"]["content"][0]["token"] == theirs.logprobs.content[0].token
