# Compiled, LiteLLM-compatible response classes and the factories the
# completion core builds them with. The ids live in ids.pxd; _new_id and
# _new_uuid are cimported here so that `from fastcore._ext.response cimport
# _new_id` keeps working. The record machinery below is defined in record.pxi.

from fastcore._ext.ids cimport _new_id, _new_uuid

# The machinery every LiteLLM-compatible response class is built on.
#
# A class stores the fields LiteLLM always carries in typed C slots; fields
# LiteLLM deletes when empty (audio, reasoning_content, usage, ...) and extra
# attributes live in the instance __dict__, so that hasattr/`in`/AttributeError
# behave as they do on LiteLLM's pydantic models. `_unset` has bit i set while
# typed slot i holds a default that pydantic would not count as "set"
# (model_dump(exclude_unset=True) leaves those out).

from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF, Py_XDECREF

cdef extern from "Python.h":
    # Reads the __dict__ slot without creating it (Cython forbids `self.__dict__` here).
    PyObject** _PyObject_GetDictPtr(object o)
    void PyObject_GC_UnTrack(object o)
    void _gc_track "PyObject_GC_Track" (object o)
    int _gc_is_tracked "PyObject_GC_IsTracked" (object o)
    int PyObject_IS_GC(object o)

cdef enum:
    # _unset bits of slots the factories and wire formats write directly.
    _MESSAGE_PSF_BIT = 1 << 4
    _DELTA_PSF_BIT = 1 << 5
    _STREAM_MODEL_BIT = 1 << 2
    _STREAM_FINGERPRINT_BIT = 1 << 4

cdef enum:
    _EXCLUDE_UNSET = 1  # _dump() flags
    _EXCLUDE_NONE = 2
    _IN_DICT = -1       # layout slot: the field lives in __dict__ while present
    _EXTRAS = -2        # layout slot: extra attributes are emitted here
    _XSLOT = -3         # layout slot _XSLOT - i: typed extra i (see _Record._xget)


cdef class _Spec:
    cdef:
        tuple layout          # (field name, slot) in dump order; slot _IN_DICT or _EXTRAS for the rest
        dict slots            # typed field name -> slot index
        frozenset declared    # declared names that live in __dict__ (not extras)
        bint dump_unset       # model_dump() defaults to exclude_unset=True
        bint lenient_del      # `del obj.missing` is a no-op (LiteLLM's SafeAttributeModel)
        bint item_assign      # obj[key] = value is allowed
        bint json_dict        # .json() returns model_dump() rather than a JSON string
        tuple xnames          # typed extras, by index: attributes LiteLLM keeps as pydantic
                              # extras that the wire formats set on every object, held in
                              # typed slots (no __dict__ per object) while counting as extras


cdef class _Record:
    cdef:
        dict __dict__
        unsigned long long _unset

        # Each class overrides the first three.
        _Spec _spec(self)
        tuple _values(self)             # the typed slots, in slot order
        int _load(self, tuple values) except -1
        list _items(self, bint exclude_unset)
        dict _dump(self, int flags)
        int _setattr(self, object name, object value) except -1
        # Typed extras (classes with spec.xnames override both): _ABSENT while unset.
        object _xget(self, int i)
        int _xset(self, int i, object value) except -1


cdef:
    object _as_int(object v, str what)
    object _dump_value(object v, int flags)
    str _dumps(object value)
    int _raise_not_str(object v, str what) except -1


cdef inline object _as_opt_int(object v, str what):
    return None if v is None else _as_int(v, what)


cdef inline int _check_str(object v, str what) except -1:
    if v is not None and not isinstance(v, str):
        _raise_not_str(v, what)   # out of line: the raise needs this module's globals
    return 0


cdef inline dict _dict(_Record o):
    # NULL until first use; Cython's tp_clear leaves None there.
    cdef PyObject** p = _PyObject_GetDictPtr(o)
    return None if p == NULL or p[0] == NULL or p[0] == <PyObject*>None else <dict>p[0]


cdef inline _Record _no_dict(_Record o):
    # Cython's tp_new gives every instance an empty __dict__ up front; the
    # factories drop it so that the common object holds none (CPython creates
    # one on the first extra attribute, through tp_dictoffset).
    cdef PyObject** p = _PyObject_GetDictPtr(o)
    Py_XDECREF(p[0])
    p[0] = NULL
    return o


cdef inline void _set_dict(_Record o, dict d):
    cdef PyObject** p = _PyObject_GetDictPtr(o)
    Py_INCREF(d)
    Py_XDECREF(p[0])
    p[0] = <PyObject*>d
    if not _gc_is_tracked(o):
        _gc_track(o)        # untracked objects never have a __dict__


cdef inline void _put_extras(_Record obj, dict params):
    # Extra keyword arguments become attributes, as pydantic's extra="allow" does.
    cdef dict d
    if params:
        d = _dict(obj)
        if d is None:
            _set_dict(obj, params)
        else:
            d.update(params)


cdef inline void _slot_written(_Record o, object value, unsigned long long bit):
    # After a typed slot was assigned directly (no descriptor): it counts as
    # set, and a container in it needs the GC to see the object.
    o._unset &= ~bit
    if PyObject_IS_GC(value) and not _gc_is_tracked(o):
        _gc_track(o)


cdef inline void _put(_Record obj, str name, object value):
    cdef dict d = _dict(obj)
    if d is None:
        _set_dict(obj, {name: value})
    else:
        d[name] = value


cdef inline void _untrack_if_atomic(_Record o, object a, object b) noexcept:
    # As CPython does for tuples and dicts (and msgspec for Structs): an object
    # whose fields hold only atomic values cannot be part of a cycle, so the GC
    # need not scan it. _setattr re-tracks it when a container is assigned.
    if not PyObject_IS_GC(a) and not PyObject_IS_GC(b) and _PyObject_GetDictPtr(o)[0] == NULL:
        PyObject_GC_UnTrack(o)



cdef class Function(_Record):
    cdef:
        _Spec _spec(self)
        tuple _values(self)
        int _load(self, tuple values) except -1
        public object arguments
        public object name


cdef class FunctionCall(Function):
    pass


cdef class ChatCompletionMessageToolCall(_Record):
    cdef:
        _Spec _spec(self)
        tuple _values(self)
        int _load(self, tuple values) except -1
        public object function
        public object id
        public object type


cdef class ChatCompletionDeltaToolCall(_Record):
    cdef:
        _Spec _spec(self)
        tuple _values(self)
        int _load(self, tuple values) except -1
        public object id
        public object function
        public object type
        public object index


cdef class Message(_Record):
    cdef:
        _Spec _spec(self)
        tuple _values(self)
        int _load(self, tuple values) except -1
        public object content
        public object role
        public object tool_calls
        public object function_call
        public object provider_specific_fields


cdef class Choices(_Record):
    cdef:
        _Spec _spec(self)
        tuple _values(self)
        int _load(self, tuple values) except -1
        public object finish_reason
        public object index
        public object message


cdef class CompletionTokensDetailsWrapper(_Record):
    cdef:
        _Spec _spec(self)
        tuple _values(self)
        int _load(self, tuple values) except -1
        public object accepted_prediction_tokens
        public object audio_tokens
        public object reasoning_tokens
        public object rejected_prediction_tokens
        public object text_tokens
        public object image_tokens
        public object video_tokens


cdef class PromptTokensDetailsWrapper(_Record):
    cdef:
        _Spec _spec(self)
        tuple _values(self)
        int _load(self, tuple values) except -1
        int _setattr(self, object name, object value) except -1
        public object audio_tokens
        public object cached_tokens
        public object text_tokens
        public object image_tokens
        public object video_tokens


cdef class Usage(_Record):
    cdef:
        _Spec _spec(self)
        tuple _values(self)
        int _load(self, tuple values) except -1
        public object completion_tokens
        public object prompt_tokens
        public object total_tokens
        public object completion_tokens_details
        public object prompt_tokens_details


cdef class Delta(_Record):
    cdef:
        _Spec _spec(self)
        tuple _values(self)
        int _load(self, tuple values) except -1
        object _xget(self, int i)
        int _xset(self, int i, object value) except -1
        unsigned char _xbits        # bit i: typed extra i is present
        object _refusal             # typed extra 0
        public object content
        public object role
        public object function_call
        public object tool_calls
        public object audio
        public object provider_specific_fields


cdef class StreamingChoices(_Record):
    cdef:
        _Spec _spec(self)
        tuple _values(self)
        int _load(self, tuple values) except -1
        public object finish_reason
        public object index
        public object delta
        public object logprobs


cdef class _LazyHidden:
    # Builds a response's _hidden_params on first access (a wire format subclasses it);
    # most callers never look, so real calls skip that work. `answer` is the response
    # headers (a dict) or the transport's answer, whose headers are built on first use.
    cdef object answer
    cdef dict build(self)


cdef class _ResponseBase(_Record):
    cdef:
        tuple _values(self)
        int _load(self, tuple values) except -1
        object _origin          # a _LazyHidden, until _hidden is built from it
        public object id
        public object created
        public object model
        public object object
        public object system_fingerprint
        public list choices
        object _hidden          # LiteLLM's `_hidden_params`, created on first use


cdef class ModelResponse(_ResponseBase):
    cdef:
        _Spec _spec(self)
        tuple _values(self)
        int _load(self, tuple values) except -1
        # A typed slot, not a __dict__ entry: no dict per response. _ABSENT
        # (see record.pxi) stands for LiteLLM's "no usage attribute".
        object _usage


cdef class ModelResponseStream(_ResponseBase):
    cdef:
        _Spec _spec(self)
        tuple _values(self)
        int _load(self, tuple values) except -1
        object _xget(self, int i)
        int _xset(self, int i, object value) except -1
        public object provider_specific_fields
        unsigned char _xbits        # bit i: typed extra i is present
        object _citations           # typed extras 0, 1, 2
        object _service_tier
        object _moderation


cdef:
    Usage _usage_from_dict(dict raw)
    Message _new_message(object content, object role, object tool_calls, object function_call)
    Choices _new_choices(object finish_reason, Py_ssize_t index, Message message)
    Usage _new_usage(Py_ssize_t prompt_tokens, Py_ssize_t completion_tokens, Py_ssize_t total_tokens)
    ModelResponse _new_model_response(object id, object created, object model, list choices, Usage usage)
    Delta _new_delta(object content, object role, object tool_calls, object function_call)
    StreamingChoices _new_streaming_choices(object finish_reason, Py_ssize_t index, Delta delta)
    ModelResponseStream _new_stream_chunk(object id, object created, object model, list choices)


# Typed extras written by the wire formats (the properties do the same for callers).
cdef inline void _x_tracked(_Record o, object value) noexcept:
    if PyObject_IS_GC(value) and not _gc_is_tracked(o):
        _gc_track(o)


cdef inline void _set_refusal(Delta d, object refusal) noexcept:
    d._refusal = refusal
    d._xbits |= 1
    _x_tracked(d, refusal)


cdef inline void _set_chunk_extras(ModelResponseStream c, bint citations, object tier, bint moderation) noexcept:
    # LiteLLM's chunk attributes: citations=None, service_tier (when the provider
    # sent one), moderation=None (its SDK path).
    c._xbits = (1 if citations else 0) | (0 if tier is None else 2) | (4 if moderation else 0)
    if tier is not None:
        c._service_tier = tier
        _x_tracked(c, tier)
