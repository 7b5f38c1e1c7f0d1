# Compiled, LiteLLM-compatible response objects.
#
# Every class stores the fields LiteLLM always carries in typed C slots; fields
# LiteLLM deletes when empty (audio, reasoning_content, usage, ...) and extra
# attributes live in the instance __dict__, so that hasattr/`in`/AttributeError
# behave as they do on LiteLLM's pydantic models. `_unset` has bit i set while
# typed slot i holds a default that pydantic would not count as "set"
# (model_dump(exclude_unset=True) leaves those out).

cdef class _Spec:
    cdef tuple layout          # (field name, slot) in dump order; slot -1: in __dict__, -2: extras go here
    cdef dict slots            # typed field name -> slot index
    cdef frozenset declared    # declared names that live in __dict__ (not extras)
    cdef bint dump_unset       # model_dump() defaults to exclude_unset=True
    cdef bint lenient_del      # `del obj.missing` is a no-op (LiteLLM's SafeAttributeModel)
    cdef bint item_assign      # obj[key] = value is allowed
    cdef bint json_dict        # .json() returns model_dump() rather than a JSON string


cdef class _Record:
    cdef dict __dict__
    cdef unsigned long long _unset
    cdef _Spec _spec(self)
    cdef tuple _values(self)
    cdef int _load(self, tuple values) except -1
    cdef list _items(self, bint exclude_unset)
    cdef dict _dump(self, int flags)
    cdef int _setattr(self, object name, object value) except -1


cdef class Function(_Record):
    cdef _Spec _spec(self)
    cdef tuple _values(self)
    cdef int _load(self, tuple values) except -1
    cdef public object arguments
    cdef public object name


cdef class FunctionCall(Function):
    pass


cdef class ChatCompletionMessageToolCall(_Record):
    cdef _Spec _spec(self)
    cdef tuple _values(self)
    cdef int _load(self, tuple values) except -1
    cdef public object function
    cdef public object id
    cdef public object type


cdef class ChatCompletionDeltaToolCall(_Record):
    cdef _Spec _spec(self)
    cdef tuple _values(self)
    cdef int _load(self, tuple values) except -1
    cdef public object id
    cdef public object function
    cdef public object type
    cdef public object index


cdef class Message(_Record):
    cdef _Spec _spec(self)
    cdef tuple _values(self)
    cdef int _load(self, tuple values) except -1
    cdef public object content
    cdef public object role
    cdef public object tool_calls
    cdef public object function_call
    cdef public object provider_specific_fields


cdef class Choices(_Record):
    cdef _Spec _spec(self)
    cdef tuple _values(self)
    cdef int _load(self, tuple values) except -1
    cdef public object finish_reason
    cdef public object index
    cdef public object message


cdef class CompletionTokensDetailsWrapper(_Record):
    cdef _Spec _spec(self)
    cdef tuple _values(self)
    cdef int _load(self, tuple values) except -1
    cdef public object accepted_prediction_tokens
    cdef public object audio_tokens
    cdef public object reasoning_tokens
    cdef public object rejected_prediction_tokens
    cdef public object text_tokens
    cdef public object image_tokens
    cdef public object video_tokens


cdef class PromptTokensDetailsWrapper(_Record):
    cdef _Spec _spec(self)
    cdef tuple _values(self)
    cdef int _load(self, tuple values) except -1
    cdef int _setattr(self, object name, object value) except -1
    cdef public object audio_tokens
    cdef public object cached_tokens
    cdef public object text_tokens
    cdef public object image_tokens
    cdef public object video_tokens


cdef class Usage(_Record):
    cdef _Spec _spec(self)
    cdef tuple _values(self)
    cdef int _load(self, tuple values) except -1
    cdef public object completion_tokens
    cdef public object prompt_tokens
    cdef public object total_tokens
    cdef public object completion_tokens_details
    cdef public object prompt_tokens_details


cdef class Delta(_Record):
    cdef _Spec _spec(self)
    cdef tuple _values(self)
    cdef int _load(self, tuple values) except -1
    cdef public object content
    cdef public object role
    cdef public object function_call
    cdef public object tool_calls
    cdef public object audio
    cdef public object provider_specific_fields


cdef class StreamingChoices(_Record):
    cdef _Spec _spec(self)
    cdef tuple _values(self)
    cdef int _load(self, tuple values) except -1
    cdef public object finish_reason
    cdef public object index
    cdef public object delta
    cdef public object logprobs


cdef class _ResponseBase(_Record):
    cdef tuple _values(self)
    cdef int _load(self, tuple values) except -1
    cdef public object id
    cdef public object created
    cdef public object model
    cdef public object object
    cdef public object system_fingerprint
    cdef public list choices
    cdef object _hidden          # LiteLLM's `_hidden_params`, created on first use


cdef class ModelResponse(_ResponseBase):
    cdef _Spec _spec(self)


cdef class ModelResponseStream(_ResponseBase):
    cdef _Spec _spec(self)
    cdef tuple _values(self)
    cdef int _load(self, tuple values) except -1
    cdef public object provider_specific_fields


cdef:
    str _new_id()
    str _new_uuid()
    Message _new_message(object content, object role, object tool_calls, object function_call)
    Choices _new_choices(object finish_reason, Py_ssize_t index, Message message)
    Usage _new_usage(Py_ssize_t prompt_tokens, Py_ssize_t completion_tokens, Py_ssize_t total_tokens)
    ModelResponse _new_model_response(object id, object created, object model, list choices, Usage usage)
    Delta _new_delta(object content, object role, object tool_calls, object function_call)
    StreamingChoices _new_streaming_choices(object finish_reason, Py_ssize_t index, Delta delta)
    ModelResponseStream _new_stream_chunk(object id, object created, object model, list choices)
