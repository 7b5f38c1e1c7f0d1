# cython: language_level=3
"""LiteLLM-compatible response objects (ModelResponse, Choices, Message, ...).

Each class here declares its typed fields and how LiteLLM lays them out; the
behaviour they share (dumps, repr, ==, pickle, ...) comes from _Record in the
included record.pxi, and ids from the ids module. The cdef factories at the
end are the completion core's fast way to build them.
"""
from cpython.object cimport PyTypeObject
from cpython.type cimport PyType_Modified

from fastcore._ext.ids cimport _new_id, _new_uuid, _now
from fastcore._ext.safety cimport plain_str
from fastcore.redact import short_repr

# Re-exported: new_id lived here before the ids module was split out.
from fastcore._ext.ids import new_id  # noqa: F401

include "record.pxi"


# ----------------------------------------------------- LiteLLM vocabulary ----
# Provider finish reasons normalised to OpenAI's; unknown ones become "stop".
FINISH_REASONS = {
    "stop_sequence": "stop", "end_turn": "stop", "max_tokens": "length", "tool_use": "tool_calls",
    "refusal": "content_filter", "compaction": "length",
    "COMPLETE": "stop", "ERROR_TOXIC": "content_filter", "ERROR": "stop",
    "eos_token": "stop", "eos": "stop",
    "STOP": "stop", "MAX_TOKENS": "length", "SAFETY": "content_filter", "RECITATION": "content_filter",
    "FINISH_REASON_UNSPECIFIED": "stop", "MALFORMED_FUNCTION_CALL": "stop", "LANGUAGE": "content_filter",
    "OTHER": "content_filter", "BLOCKLIST": "content_filter", "PROHIBITED_CONTENT": "content_filter",
    "SPII": "content_filter", "IMAGE_SAFETY": "content_filter", "IMAGE_PROHIBITED_CONTENT": "content_filter",
    "TOO_MANY_TOOL_CALLS": "stop", "MALFORMED_RESPONSE": "stop", "NO_IMAGE": "content_filter",
    "IMAGE_RECITATION": "content_filter", "IMAGE_OTHER": "content_filter", "ESCALATION": "content_filter",
    "UNEXPECTED_TOOL_CALL": "stop", "MISSING_THOUGHT_SIGNATURE": "stop",
    "network_error": "stop", "sensitive": "content_filter",
    "guardrail_intervened": "content_filter",
    "stop": "stop", "length": "length", "tool_calls": "tool_calls", "function_call": "function_call",
    "content_filter": "content_filter", "content_filtered": "content_filter",
    "error": "stop",
}
cdef dict _FINISH = FINISH_REASONS
cdef frozenset _ROLES = frozenset(("assistant", "user", "system", "tool", "function"))
MESSAGE_ROLES = _ROLES


cdef inline object _map_finish(object reason):
    return _FINISH.get(reason, "stop")


# ------------------------------------------------------------ helpers ----
cdef object _MISSING = object()

cdef object _as_function(object f, type cls, str what):
    if isinstance(f, Function):
        return f
    if isinstance(f, dict):
        return cls(**f)
    if hasattr(type(f), "model_dump"):
        return cls(**f.model_dump())
    raise TypeError(f"{what} must be a dict or Function, got {type(f).__name__}")

cdef inline bint _is_custom_call(dict tc):
    return tc.get("type") == "custom" or tc.get("custom") is not None

cdef object _message_tool_calls(object tool_calls):
    # OpenAI JSON dicts become tool-call objects; an empty list means "none".
    if tool_calls is None:
        return None
    if not isinstance(tool_calls, (list, tuple)):
        raise TypeError(f"tool_calls must be a list, got {type(tool_calls).__name__}")
    if not tool_calls:
        return None
    cdef list out = []
    for tc in tool_calls:
        if isinstance(tc, dict) and not _is_custom_call(<dict>tc):
            out.append(ChatCompletionMessageToolCall(**tc))
        else:
            out.append(tc)
    return out

cdef object _delta_tool_calls(object tool_calls):
    if not isinstance(tool_calls, (list, tuple)):
        return tool_calls
    cdef list out = []
    cdef Py_ssize_t next_index = 0
    cdef dict tc
    for item in tool_calls:
        if isinstance(item, dict):
            tc = dict(item)
            if tc.get("index") is None:
                tc["index"] = next_index
                next_index += 1
            if _is_custom_call(tc):
                out.append(tc)
                continue
            if tc.get("type") is None:
                tc["type"] = "function"
            out.append(ChatCompletionDeltaToolCall(**tc))
        elif isinstance(item, (ChatCompletionDeltaToolCall, ChatCompletionMessageToolCall)):
            out.append(item)
        else:
            raise TypeError(
                f"delta tool_calls entries must be dicts or tool-call objects, got {type(item).__name__}")
    return out

cdef object _as_model(object value, type cls, str what):
    if isinstance(value, cls):
        return value
    if isinstance(value, dict):
        return cls(**value)
    if hasattr(type(value), "model_dump"):
        return cls(**value.model_dump())
    raise TypeError(f"{what} must be a dict or {cls.__name__}, got {type(value).__name__}")

cdef int _init_counts(_Record obj, dict kwargs, Py_ssize_t n) except -1:
    # Token-detail fields count as "set" only when the caller named them.
    cdef list vals = [None] * n
    cdef unsigned long long unset = 0
    cdef Py_ssize_t slot
    for name, slot in obj._spec().slots.items():
        v = kwargs.pop(name, _MISSING)
        if v is _MISSING:
            unset |= 1ULL << slot
        else:
            vals[slot] = _as_opt_int(v, name)
    obj._load(tuple(vals))
    obj._unset = unset
    return 0

cdef inline object _finish_or_none(object reason):
    try:
        return _map_finish(reason) if reason else None
    except TypeError:
        raise TypeError(f"finish_reason must be a string, got {type(reason).__name__}") from None


# ---------------------------------------------------- function / tools ----
cdef _Spec _FUNCTION_SPEC = _Spec((("arguments", 0), ("name", 1), (None, _EXTRAS)), lenient_del=False)
cdef _Spec _TOOL_CALL_SPEC = _Spec(((None, _EXTRAS), ("function", 0), ("id", 1), ("type", 2)), lenient_del=False)
cdef _Spec _DELTA_TOOL_CALL_SPEC = _Spec((("id", 0), ("function", 1), ("type", 2), ("index", 3), (None, _EXTRAS)),
                              lenient_del=False)


# No class here uses @cython.no_gc: all accept extra attributes in a __dict__, which can form cycles.
cdef class Function(_Record):
    """A function the model called: `name` and JSON-encoded `arguments`."""

    def __init__(self, arguments=None, name=None, **params):
        if arguments is None:
            if isinstance(params.get("parameters"), dict):
                arguments = _dumps(params.pop("parameters"))
            else:
                arguments = ""
        elif isinstance(arguments, dict):
            arguments = _dumps(arguments)
        elif not isinstance(arguments, str):
            raise TypeError(f"function arguments must be a str or dict, got {type(arguments).__name__}")
        _check_str(name, "function name")
        self.arguments = arguments
        self.name = name
        _put_extras(self, params)

    cdef _Spec _spec(self):
        return _FUNCTION_SPEC

    cdef tuple _values(self):
        return (self.arguments, self.name)

    cdef int _load(self, tuple values) except -1:
        self.arguments, self.name = values
        return 0


cdef class FunctionCall(Function):
    """A legacy `function_call` on a message."""


cdef class ChatCompletionMessageToolCall(_Record):
    """One tool call in a complete message."""

    def __init__(self, function=None, id=None, type=None, **params):
        self.function = _as_function(function, Function, "tool call 'function'")
        self.id = _new_uuid() if id is None else id
        self.type = "function" if type is None else type
        _put_extras(self, params)

    cdef _Spec _spec(self):
        return _TOOL_CALL_SPEC

    cdef tuple _values(self):
        return (self.function, self.id, self.type)

    cdef int _load(self, tuple values) except -1:
        self.function, self.id, self.type = values
        return 0


cdef class ChatCompletionDeltaToolCall(_Record):
    """A fragment of a tool call in a streaming delta."""

    def __init__(self, id=_MISSING, function=None, type=None, index=None, **params):
        if id is _MISSING:
            id = None
            self._unset = 1  # pydantic leaves an omitted id out of exclude_unset dumps
        if function is None:
            raise ValueError("delta tool call is missing 'function'")
        if index is None:
            raise ValueError("delta tool call is missing 'index'")
        self.id = id
        self.function = _as_function(function, Function, "delta tool call 'function'")
        self.type = type
        self.index = _as_int(index, "delta tool call index")
        _put_extras(self, params)

    cdef _Spec _spec(self):
        return _DELTA_TOOL_CALL_SPEC

    cdef tuple _values(self):
        return (self.id, self.function, self.type, self.index)

    cdef int _load(self, tuple values) except -1:
        self.id, self.function, self.type, self.index = values
        return 0


# ------------------------------------------------------- message/choice ----

cdef _Spec _MESSAGE_SPEC = _Spec((
    ("content", 0), ("role", 1), ("tool_calls", 2), ("function_call", 3), ("audio", _IN_DICT),
    ("images", _IN_DICT), ("reasoning_content", _IN_DICT), ("thinking_blocks", _IN_DICT),
    ("reasoning_items", _IN_DICT), ("provider_specific_fields", 4), ("annotations", _IN_DICT),
    (None, _EXTRAS)), json_dict=True)
cdef _Spec _CHOICES_SPEC = _Spec((
    ("finish_reason", 0), ("index", 1), ("message", 2), ("logprobs", _IN_DICT),
    ("provider_specific_fields", _IN_DICT), (None, _EXTRAS)))

cdef int _init_message(Message m, object content, object role, object tool_calls,
                       object function_call) except -1:
    _check_str(content, "message content")
    if role is None or role == "":
        role = "assistant"
    else:
        role = plain_str(role)
        if type(role) is not str or role not in _ROLES:
            raise ValueError(f"message role must be one of {sorted(_ROLES)}, got {short_repr(role)}")
    m.content = content
    m.role = role
    m.tool_calls = _message_tool_calls(tool_calls)
    if function_call is not None:
        function_call = _as_function(function_call, FunctionCall, "function_call")
    m.function_call = function_call
    m._unset = _MESSAGE_PSF_BIT
    return 0


cdef class Message(_Record):
    """The assistant message of a non-streaming choice."""

    def __init__(self, content=None, role="assistant", function_call=None, tool_calls=None,
                 audio=None, images=None, provider_specific_fields=None, reasoning_content=None,
                 thinking_blocks=None, reasoning_items=None, annotations=None, **params):
        _init_message(self, content, role, tool_calls, function_call)
        _check_str(reasoning_content, "reasoning_content")
        # LiteLLM drops these when None, so that strict OpenAI-compatible servers accept the echo.
        if audio is not None:
            params["audio"] = audio
        if images is not None:
            params["images"] = images
        if reasoning_content is not None:
            params["reasoning_content"] = reasoning_content
        if thinking_blocks is not None:
            params["thinking_blocks"] = thinking_blocks
        if reasoning_items is not None:
            params["reasoning_items"] = reasoning_items
        if annotations is not None:
            params["annotations"] = annotations
        if provider_specific_fields:
            self.provider_specific_fields = provider_specific_fields
            self._unset = 0
        _put_extras(self, params)

    cdef _Spec _spec(self):
        return _MESSAGE_SPEC

    cdef tuple _values(self):
        return (self.content, self.role, self.tool_calls, self.function_call, self.provider_specific_fields)

    cdef int _load(self, tuple values) except -1:
        (self.content, self.role, self.tool_calls, self.function_call,
         self.provider_specific_fields) = values
        return 0

cdef int _init_choice_finish(Choices c, object finish_reason, object psf) except -1:
    if finish_reason is None:
        c.finish_reason = "stop"
    else:
        mapped = _finish_or_none(finish_reason)
        c.finish_reason = mapped
        if mapped != finish_reason:
            # The provider's own reason stays visible next to the OpenAI one.
            psf = dict(psf) if psf else {}
            psf["native_finish_reason"] = finish_reason
    if psf is not None:
        _put(c, "provider_specific_fields", psf)
    return 0


cdef class Choices(_Record):
    """One choice of a non-streaming response."""

    def __init__(self, finish_reason=None, index=0, message=None, logprobs=None, enhancements=None,
                 provider_specific_fields=None, **params):
        self.index = 0 if index is None else _as_int(index, "choice index")
        self.message = _new_message(None, None, None, None) if message is None else _as_model(
            message, Message, "choice message")
        if logprobs is not None:
            params["logprobs"] = logprobs
        if enhancements is not None:
            params["enhancements"] = enhancements
        _put_extras(self, params)
        _init_choice_finish(self, finish_reason, provider_specific_fields)

    cdef _Spec _spec(self):
        return _CHOICES_SPEC

    cdef tuple _values(self):
        return (self.finish_reason, self.index, self.message)

    cdef int _load(self, tuple values) except -1:
        self.finish_reason, self.index, self.message = values
        return 0


# -------------------------------------------------------------- usage ----
cdef _Spec _CTD_SPEC = _Spec((
    ("accepted_prediction_tokens", 0), ("audio_tokens", 1), ("reasoning_tokens", 2),
    ("rejected_prediction_tokens", 3), ("text_tokens", 4), ("image_tokens", 5), ("video_tokens", 6),
    (None, _EXTRAS)))
cdef _Spec _PTD_SPEC = _Spec((
    ("audio_tokens", 0), ("cache_write_tokens", _IN_DICT), ("cached_tokens", 1), ("text_tokens", 2),
    ("image_tokens", 3), ("video_tokens", 4), ("web_search_requests", _IN_DICT),
    ("google_maps_grounding_requests", _IN_DICT), ("tool_use_tokens", _IN_DICT),
    ("character_count", _IN_DICT), ("image_count", _IN_DICT), ("video_length_seconds", _IN_DICT),
    ("audio_length_seconds", _IN_DICT), ("query_count", _IN_DICT), ("cache_creation_tokens", _IN_DICT),
    ("cache_creation_token_details", _IN_DICT), ("cached_tokens_details", _IN_DICT), (None, _EXTRAS)))
cdef _Spec _USAGE_SPEC = _Spec((
    ("completion_tokens", 0), ("prompt_tokens", 1), ("total_tokens", 2), ("completion_tokens_details", 3),
    ("prompt_tokens_details", 4), ("server_tool_use", _IN_DICT), ("cost", _IN_DICT), (None, _EXTRAS)))
# Cache-write tokens have an OpenAI and an Anthropic name; LiteLLM keeps both in sync.
cdef dict _CACHE_WRITE_MIRROR = {"cache_write_tokens": "cache_creation_tokens",
                                 "cache_creation_tokens": "cache_write_tokens"}


cdef class CompletionTokensDetailsWrapper(_Record):
    """Breakdown of completion tokens (reasoning, audio, text, ...)."""

    def __init__(self, **kwargs):
        _init_counts(self, kwargs, 7)
        _put_extras(self, kwargs)

    cdef _Spec _spec(self):
        return _CTD_SPEC

    cdef tuple _values(self):
        return (self.accepted_prediction_tokens, self.audio_tokens, self.reasoning_tokens,
                self.rejected_prediction_tokens, self.text_tokens, self.image_tokens, self.video_tokens)

    cdef int _load(self, tuple values) except -1:
        (self.accepted_prediction_tokens, self.audio_tokens, self.reasoning_tokens,
         self.rejected_prediction_tokens, self.text_tokens, self.image_tokens, self.video_tokens) = values
        return 0


cdef class PromptTokensDetailsWrapper(_Record):
    """Breakdown of prompt tokens (cached, audio, text, ...)."""

    def __init__(self, **kwargs):
        _init_counts(self, kwargs, 5)
        cdef dict d = {}
        for name in _PTD_SPEC.declared:
            v = kwargs.pop(name, None)
            if v is not None:
                d[name] = v
        cache_write = d.get("cache_write_tokens")
        if cache_write is None:
            cache_write = d.get("cache_creation_tokens")
        if cache_write is None and isinstance(kwargs.get("cache_creation_input_tokens"), int):
            cache_write = kwargs["cache_creation_input_tokens"]
        if cache_write is not None:
            d["cache_write_tokens"] = d["cache_creation_tokens"] = cache_write
        d.update(kwargs)
        _put_extras(self, d)

    cdef int _setattr(self, object name, object value) except -1:
        _Record._setattr(self, name, value)
        other = _CACHE_WRITE_MIRROR.get(name)
        if other is not None:
            _Record._setattr(self, other, value)
        return 0

    cdef _Spec _spec(self):
        return _PTD_SPEC

    cdef tuple _values(self):
        return (self.audio_tokens, self.cached_tokens, self.text_tokens, self.image_tokens, self.video_tokens)

    cdef int _load(self, tuple values) except -1:
        self.audio_tokens, self.cached_tokens, self.text_tokens, self.image_tokens, self.video_tokens = values
        return 0

cdef tuple _PROVIDER_CACHE_KEYS = (("prompt_cache_hit_tokens", "cached_tokens"),
                                   ("cache_read_input_tokens", "cached_tokens"),
                                   ("cache_creation_input_tokens", "cache_write_tokens"))


cdef class Usage(_Record):
    """Token counts of one call."""

    _cache_creation_input_tokens = 0
    _cache_read_input_tokens = 0

    def __init__(self, prompt_tokens=None, completion_tokens=None, total_tokens=None, reasoning_tokens=None,
                 prompt_tokens_details=None, completion_tokens_details=None, server_tool_use=None, cost=None,
                 **params):
        cdef CompletionTokensDetailsWrapper ctd = None
        cdef PromptTokensDetailsWrapper ptd = None
        prompt_tokens = _as_opt_int(prompt_tokens, "prompt_tokens")
        completion_tokens = _as_opt_int(completion_tokens, "completion_tokens")
        total_tokens = _as_opt_int(total_tokens, "total_tokens")
        reasoning_tokens = _as_opt_int(reasoning_tokens, "reasoning_tokens")
        if completion_tokens_details:
            ctd = _as_model(completion_tokens_details, CompletionTokensDetailsWrapper, "completion_tokens_details")
        if reasoning_tokens:
            if ctd is None:
                ctd = CompletionTokensDetailsWrapper()
            if ctd.reasoning_tokens is None:
                ctd._setattr("reasoning_tokens", reasoning_tokens)
            if ctd.text_tokens is None and completion_tokens is not None:
                # Whatever is neither reasoning nor another modality is text.
                text = completion_tokens - reasoning_tokens
                if ctd.image_tokens:
                    text -= _as_int(ctd.image_tokens, "image_tokens")
                if ctd.audio_tokens:
                    text -= _as_int(ctd.audio_tokens, "audio_tokens")
                ctd._setattr("text_tokens", max(0, text))
        if prompt_tokens_details:
            ptd = _as_model(prompt_tokens_details, PromptTokensDetailsWrapper, "prompt_tokens_details")
        # DeepSeek and Anthropic report cache hits/writes as top-level counts.
        for key, field in (_PROVIDER_CACHE_KEYS if params else ()):
            v = params.get(key)
            if isinstance(v, int):
                if ptd is None:
                    ptd = PromptTokensDetailsWrapper(**{field: v})
                else:
                    ptd._setattr(field, v)
        self.prompt_tokens = prompt_tokens or 0
        self.completion_tokens = completion_tokens or 0
        self.total_tokens = total_tokens or 0
        self.completion_tokens_details = ctd
        self.prompt_tokens_details = ptd
        if not (params or server_tool_use is not None or cost is not None):
            return
        cdef dict d = {}
        if server_tool_use is not None:
            d["server_tool_use"] = server_tool_use
        if cost is not None:
            d["cost"] = cost
        if isinstance(params.get("cache_creation_input_tokens"), int):
            d["_cache_creation_input_tokens"] = params["cache_creation_input_tokens"]
        for key in ("cache_read_input_tokens", "prompt_cache_hit_tokens"):
            if isinstance(params.get(key), int):
                d["_cache_read_input_tokens"] = params[key]
        d.update(params)
        _put_extras(self, d)

    cdef _Spec _spec(self):
        return _USAGE_SPEC

    cdef tuple _values(self):
        return (self.completion_tokens, self.prompt_tokens, self.total_tokens,
                self.completion_tokens_details, self.prompt_tokens_details)

    cdef int _load(self, tuple values) except -1:
        (self.completion_tokens, self.prompt_tokens, self.total_tokens,
         self.completion_tokens_details, self.prompt_tokens_details) = values
        return 0


# ---------------------------------------------------------- streaming ----
# LiteLLM keeps Delta's content/role/... as pydantic extras, so they dump after
# the declared reasoning fields and any extra keyword arguments.
cdef _Spec _DELTA_SPEC = _Spec((
    ("reasoning_content", _IN_DICT), ("thinking_blocks", _IN_DICT), ("reasoning_items", _IN_DICT),
    ("provider_specific_fields", 5), ("refusal", _XSLOT), (None, _EXTRAS), ("content", 0), ("role", 1), ("function_call", 2),
    ("tool_calls", 3), ("audio", 4), ("images", _IN_DICT), ("annotations", _IN_DICT)))
cdef _Spec _STREAMING_CHOICES_SPEC = _Spec(((None, _EXTRAS), ("finish_reason", 0), ("index", 1), ("delta", 2),
                                 ("logprobs", 3)), lenient_del=False)

cdef int _init_delta(Delta d, object content, object role, object tool_calls, object function_call) except -1:
    d.content = content
    d.role = role
    if isinstance(function_call, dict):
        function_call = FunctionCall(**function_call)
    d.function_call = function_call
    d.tool_calls = None if tool_calls is None else _delta_tool_calls(tool_calls)
    d._unset = _DELTA_PSF_BIT
    return 0


cdef class Delta(_Record):
    """The increment carried by one streaming choice."""

    def __init__(self, content=None, role=None, function_call=None, tool_calls=None, audio=None,
                 images=None, reasoning_content=None, thinking_blocks=None, reasoning_items=None,
                 annotations=None, **params):
        if reasoning_content is None and "reasoning" in params:
            reasoning_content = params.pop("reasoning")
        _init_delta(self, content, role, tool_calls, function_call)
        self.audio = audio
        psf = params.pop("provider_specific_fields", _MISSING)
        if psf is not _MISSING:
            self.provider_specific_fields = psf
            self._unset = 0
        if images:
            params["images"] = images
        if annotations is not None:
            params["annotations"] = annotations
        if reasoning_content is not None:
            params["reasoning_content"] = reasoning_content
        if thinking_blocks is not None:
            params["thinking_blocks"] = thinking_blocks
        if reasoning_items is not None:
            params["reasoning_items"] = reasoning_items
        if params:
            _route_typed_extras(self, params)
            _put_extras(self, params)

    cdef _Spec _spec(self):
        return _DELTA_SPEC

    cdef object _xget(self, int i):
        return self._refusal if self._xbits & 1 else _ABSENT

    cdef int _xset(self, int i, object value) except -1:
        if value is _ABSENT:
            self._xbits &= ~1
            self._refusal = None
        else:
            _set_refusal(self, value)
        return 0

    # LiteLLM's Delta gets `refusal` as an extra (from the openai SDK's delta).
    @property
    def refusal(self):
        return _xattr(self, 0)

    @refusal.setter
    def refusal(self, value):
        self._xset(0, value)

    @refusal.deleter
    def refusal(self):
        _xdel(self, 0)

    cdef tuple _values(self):
        return (self.content, self.role, self.function_call, self.tool_calls, self.audio,
                self.provider_specific_fields)

    cdef int _load(self, tuple values) except -1:
        (self.content, self.role, self.function_call, self.tool_calls, self.audio,
         self.provider_specific_fields) = values
        return 0


cdef class StreamingChoices(_Record):
    """One choice of a streaming chunk."""

    def __init__(self, finish_reason=None, index=0, delta=None, logprobs=None, enhancements=None, **params):
        # Some providers send `message` next to `delta`; clients would print the text twice.
        params.pop("message", None)
        if enhancements is not None:
            params["enhancements"] = enhancements
        _put_extras(self, params)
        self.finish_reason = _finish_or_none(finish_reason)
        self.index = None if index is None else _as_int(index, "choice index")   # LiteLLM keeps None
        self.delta = _new_delta(None, None, None, None) if delta is None else _as_model(
            delta, Delta, "streaming choice delta")
        self.logprobs = logprobs

    cdef _Spec _spec(self):
        return _STREAMING_CHOICES_SPEC

    cdef tuple _values(self):
        return (self.finish_reason, self.index, self.delta, self.logprobs)

    cdef int _load(self, tuple values) except -1:
        self.finish_reason, self.index, self.delta, self.logprobs = values
        return 0


# ---------------------------------------------------------- responses ----
cdef _Spec _MODEL_RESPONSE_SPEC = _Spec((
    ("id", 0), ("created", 1), ("model", 2), ("object", 3), ("system_fingerprint", 4), ("choices", 5),
    ("usage", 7), (None, _EXTRAS)), dump_unset=True, lenient_del=False, item_assign=False, json_dict=True)
cdef _Spec _STREAM_SPEC = _Spec((
    ("id", 0), ("created", 1), ("model", 2), ("object", 3), ("system_fingerprint", 4), ("choices", 5),
    ("provider_specific_fields", 7), ("citations", _XSLOT), ("service_tier", _XSLOT - 1),
    ("moderation", _XSLOT - 2), (None, _EXTRAS)),
    dump_unset=True, lenient_del=False, item_assign=False, json_dict=True)

cdef list _convert_choices(object choices, type cls, str what):
    cdef list out = []
    for c in choices:
        out.append(_as_model(c, cls, what))
    return out

cdef int _init_header(_ResponseBase r, object id, object created, object model) except -1:
    if id is None:
        id = _new_id()
    elif not isinstance(id, str):
        raise TypeError(f"response id must be a string, got {type(id).__name__}")
    r.id = id
    r.created = _now() if created is None else _as_int(created, "created")
    _check_str(model, "model")
    r.model = model
    return 0


cdef class _LazyHidden:
    cdef dict build(self):
        return {}

    @property
    def headers(self):
        a = self.answer
        return a if a is None or type(a) is dict else a.headers


cdef object _hidden_dict(_ResponseBase r):
    # The completion core stores just the provider name, a real call its
    # _LazyHidden; most callers never look at _hidden_params, so the dict is
    # built on first access.
    h = r._hidden
    if h is None:
        h = r._hidden = {} if r._origin is None else (<_LazyHidden>r._origin).build()
        if "response_cost" in h and type(r) is ModelResponse:
            _add_cost(r, h)
    elif type(h) is str:
        h = r._hidden = {"custom_llm_provider": h}
        if type(r) is ModelResponse:
            _add_cost(r, h)
    return h


cdef object _COMPLETION_COST = None


cdef void _add_cost(_ResponseBase r, dict h) except *:
    # LiteLLM's response_cost: the answer's cost, None when it cannot be priced. Computed on
    # first access (after _hidden is set: completion_cost reads the provider from it).
    global _COMPLETION_COST
    if _COMPLETION_COST is None:
        from fastcore._ext.cost import completion_cost
        _COMPLETION_COST = completion_cost
    try:
        h["response_cost"] = _COMPLETION_COST(completion_response=r)
    except Exception:
        h["response_cost"] = None


cdef object _check_hidden(object value):
    if value is not None and not isinstance(value, dict):
        raise TypeError(f"_hidden_params must be a dict, got {type(value).__name__}")
    return value


cdef class _ResponseBase(_Record):
    """Fields shared by complete responses and stream chunks."""

    @property
    def _response_headers(self):
        d = _dict(self)
        if d is not None and "_response_headers" in d:
            return d["_response_headers"]
        return None if self._origin is None else (<_LazyHidden>self._origin).headers

    @_response_headers.setter
    def _response_headers(self, value):
        _put(self, "_response_headers", value)

    @property
    def _hidden_params(self):
        return _hidden_dict(self)

    @_hidden_params.setter
    def _hidden_params(self, value):
        self._hidden = _check_hidden(value)

    @property
    def hidden_params(self):
        return self._hidden_params

    @hidden_params.setter
    def hidden_params(self, value):
        self._hidden = _check_hidden(value)

    cdef tuple _values(self):
        return (self.id, self.created, self.model, self.object, self.system_fingerprint, self.choices,
                _hidden_dict(self))

    cdef int _load(self, tuple values) except -1:
        (self.id, self.created, self.model, self.object, self.system_fingerprint, self.choices,
         self._hidden) = values
        return 0


cdef object _as_usage(object usage):
    # Dicts and pydantic-style objects become Usage; anything else is kept as given.
    if isinstance(usage, Usage) or not (isinstance(usage, dict) or hasattr(type(usage), "model_dump")):
        return usage
    return _as_model(usage, Usage, "usage")


cdef class ModelResponse(_ResponseBase):
    """A complete chat-completion response."""

    def __init__(self, id=None, choices=None, created=None, model=None, object=None, system_fingerprint=None,
                 usage=None, stream=None, stream_options=None, response_ms=None, hidden_params=None,
                 _response_headers=None, **params):
        _init_header(self, id, created, model)
        self.object = "chat.completion"
        _check_str(system_fingerprint, "system_fingerprint")
        self.system_fingerprint = system_fingerprint
        if isinstance(choices, list):
            self.choices = _convert_choices(choices, Choices, "response choice")
        else:
            self.choices = [_new_choices(None, 0, None)]
        if hidden_params:
            self._hidden = _check_hidden(hidden_params)
        if usage is None:
            self._usage = _ABSENT
        else:
            self._usage = _as_usage(usage)
        if not params and not _response_headers:
            return
        cdef dict d = {}
        if _response_headers:
            d["_response_headers"] = _response_headers
        d.update(params)
        _put_extras(self, d)

    cdef _Spec _spec(self):
        return _MODEL_RESPONSE_SPEC

    cdef tuple _values(self):
        return _ResponseBase._values(self) + (self._usage,)

    cdef int _load(self, tuple values) except -1:
        _ResponseBase._load(self, values[:7])
        self._usage = values[7]
        return 0

    @property
    def usage(self):
        if self._usage is _ABSENT:
            raise AttributeError("'ModelResponse' object has no attribute 'usage'")
        return self._usage

    @usage.setter
    def usage(self, value):
        self._usage = value

    @usage.deleter
    def usage(self):
        if self._usage is _ABSENT:
            raise AttributeError("usage")
        self._usage = _ABSENT


cdef class ModelResponseStream(_ResponseBase):
    """One chunk of a streaming chat completion."""

    def __init__(self, choices=None, id=None, created=None, provider_specific_fields=None, **kwargs):
        model = kwargs.pop("model", _MISSING)
        fingerprint = kwargs.pop("system_fingerprint", _MISSING)
        kwargs.pop("object", None)
        _init_header(self, id, created, None if model is _MISSING else model)
        self.object = "chat.completion.chunk"
        if fingerprint is not _MISSING:
            _check_str(fingerprint, "system_fingerprint")
            self.system_fingerprint = fingerprint
        self._unset = ((_STREAM_MODEL_BIT if model is _MISSING else 0)
                       | (_STREAM_FINGERPRINT_BIT if fingerprint is _MISSING else 0))
        if isinstance(choices, list):
            self.choices = _convert_choices(choices, StreamingChoices, "stream choice")
        else:
            self.choices = [_new_streaming_choices(None, 0, None)]
        self.provider_specific_fields = provider_specific_fields
        if kwargs.get("usage") is not None:
            kwargs["usage"] = _as_usage(kwargs["usage"])
        if kwargs:
            _route_typed_extras(self, kwargs)
            _put_extras(self, kwargs)

    cdef _Spec _spec(self):
        return _STREAM_SPEC

    cdef object _xget(self, int i):
        if not (self._xbits >> i) & 1:
            return _ABSENT
        return self._citations if i == 0 else self._service_tier if i == 1 else self._moderation

    cdef int _xset(self, int i, object value) except -1:
        cdef bint present = value is not _ABSENT
        v = value if present else None
        if i == 0:
            self._citations = v
        elif i == 1:
            self._service_tier = v
        else:
            self._moderation = v
        if present:
            self._xbits |= 1 << i
            _x_tracked(self, value)
        else:
            self._xbits &= ~(1 << i)
        return 0

    # The attributes LiteLLM's chunks carry as extras (see _set_chunk_extras).
    @property
    def citations(self):
        return _xattr(self, 0)

    @citations.setter
    def citations(self, value):
        self._xset(0, value)

    @citations.deleter
    def citations(self):
        _xdel(self, 0)

    @property
    def service_tier(self):
        return _xattr(self, 1)

    @service_tier.setter
    def service_tier(self, value):
        self._xset(1, value)

    @service_tier.deleter
    def service_tier(self):
        _xdel(self, 1)

    @property
    def moderation(self):
        return _xattr(self, 2)

    @moderation.setter
    def moderation(self, value):
        self._xset(2, value)

    @moderation.deleter
    def moderation(self):
        _xdel(self, 2)

    cdef tuple _values(self):
        return _ResponseBase._values(self) + (self.provider_specific_fields,)

    cdef int _load(self, tuple values) except -1:
        _ResponseBase._load(self, values[:7])
        self.provider_specific_fields = values[7]
        return 0


# ---------------------------------------------------------- factories ----
# Used by the completion core: no argument parsing, fields written directly.
# Each builds what the matching constructor builds from the same arguments.

cdef Message _new_message(object content, object role, object tool_calls, object function_call):
    cdef Message m = <Message>_no_dict(Message.__new__(Message))
    _init_message(m, content, role, tool_calls, function_call)
    if m.tool_calls is None and m.function_call is None:
        _untrack_if_atomic(m, m.content, m.role)
    return m

cdef Choices _new_choices(object finish_reason, Py_ssize_t index, Message message):
    cdef Choices c = <Choices>_no_dict(Choices.__new__(Choices))
    c.index = index
    c.message = _new_message(None, None, None, None) if message is None else message
    _init_choice_finish(c, finish_reason, None)
    return c

cdef inline object _or_none(object v):
    return None if v is _MISSING else v


cdef object _details(type cls, _Spec spec, object raw, Py_ssize_t n):
    # A details object straight from the provider's dict when it holds only typed
    # counts (the usual answer); _ABSENT means "use the full constructor".
    cdef _Record d
    cdef list vals
    cdef unsigned long long unset
    cdef int overflow = 0
    if raw is None:
        return None
    if type(raw) is not dict:
        return _ABSENT
    vals = [None] * n
    unset = (1ULL << n) - 1
    for k, v in (<dict>raw).items():
        slot = spec.slots.get(k)
        if slot is None:
            return _ABSENT
        if v is not None:
            if type(v) is not int:
                return _ABSENT
            PyLong_AsLongLongAndOverflow(v, &overflow)
            if overflow:
                return _ABSENT
        vals[<Py_ssize_t>slot] = v
        unset &= ~(1ULL << <int>slot)
    d = _no_dict(<_Record>cls.__new__(cls))
    d._load(tuple(vals))
    d._unset = unset
    return d


cdef Usage _usage_from_dict(dict raw):
    """Usage(**raw), without keyword parsing for the shape every OpenAI-style answer has."""
    p = raw.get("prompt_tokens", _MISSING)
    c = raw.get("completion_tokens", _MISSING)
    t = raw.get("total_tokens", _MISSING)
    raw_ctd = raw.get("completion_tokens_details", _MISSING)
    raw_ptd = raw.get("prompt_tokens_details", _MISSING)
    # Any other key (counted: the five known ones present must be all of them) takes the constructor.
    if len(raw) != ((p is not _MISSING) + (c is not _MISSING) + (t is not _MISSING) + (raw_ctd is not _MISSING)
                    + (raw_ptd is not _MISSING)):
        return Usage(**raw)
    p, c, t = _or_none(p), _or_none(c), _or_none(t)
    if not ((p is None or type(p) is int) and (c is None or type(c) is int) and (t is None or type(t) is int)):
        return Usage(**raw)
    ctd = _details(CompletionTokensDetailsWrapper, _CTD_SPEC, _or_none(raw_ctd), 7)
    ptd = _details(PromptTokensDetailsWrapper, _PTD_SPEC, _or_none(raw_ptd), 5)
    if ctd is _ABSENT or ptd is _ABSENT:
        return Usage(**raw)
    cdef Usage u = _new_usage(p or 0, c or 0, t or 0)
    if ctd is not None or ptd is not None:
        u.completion_tokens_details = ctd
        u.prompt_tokens_details = ptd
        if not _gc_is_tracked(u):       # tracking twice aborts the interpreter
            _gc_track(u)                # it now holds objects: a cycle through them is possible
    return u


cdef Usage _new_usage(Py_ssize_t prompt_tokens, Py_ssize_t completion_tokens, Py_ssize_t total_tokens):
    cdef Usage u = <Usage>_no_dict(Usage.__new__(Usage))
    u.prompt_tokens = prompt_tokens
    u.completion_tokens = completion_tokens
    u.total_tokens = total_tokens
    _untrack_if_atomic(u, None, None)
    return u

cdef ModelResponse _new_model_response(object id, object created, object model, list choices, Usage usage):
    cdef ModelResponse r = <ModelResponse>_no_dict(ModelResponse.__new__(ModelResponse))
    _init_header(r, id, created, model)
    r.object = "chat.completion"
    r.choices = [_new_choices(None, 0, None)] if choices is None else choices
    r._usage = _ABSENT if usage is None else usage
    return r

cdef Delta _new_delta(object content, object role, object tool_calls, object function_call):
    cdef Delta d = <Delta>_no_dict(Delta.__new__(Delta))
    _init_delta(d, content, role, tool_calls, function_call)
    return d

cdef StreamingChoices _new_streaming_choices(object finish_reason, Py_ssize_t index, Delta delta):
    cdef StreamingChoices c = <StreamingChoices>_no_dict(StreamingChoices.__new__(StreamingChoices))
    c.finish_reason = _finish_or_none(finish_reason)
    c.index = index
    c.delta = _new_delta(None, None, None, None) if delta is None else delta
    return c

cdef ModelResponseStream _new_stream_chunk(object id, object created, object model, list choices):
    cdef ModelResponseStream r = <ModelResponseStream>_no_dict(ModelResponseStream.__new__(ModelResponseStream))
    _init_header(r, id, created, model)
    r.object = "chat.completion.chunk"
    r.choices = [_new_streaming_choices(None, 0, None)] if choices is None else choices
    r._unset = _STREAM_FINGERPRINT_BIT
    return r


# LiteLLM's own names for the details wrappers' openai bases.
CompletionTokensDetails = CompletionTokensDetailsWrapper
PromptTokensDetails = PromptTokensDetailsWrapper


# Registered for pickling (number of slot values per class) and given tracking
# descriptors (see fc_patch_tracking in record.pxi).
for _cls, _n in ((Function, 2), (FunctionCall, 2), (ChatCompletionMessageToolCall, 3),
                 (ChatCompletionDeltaToolCall, 4), (Message, 5), (Choices, 3),
                 (CompletionTokensDetailsWrapper, 7), (PromptTokensDetailsWrapper, 5), (Usage, 5),
                 (Delta, 6), (StreamingChoices, 4), (ModelResponse, 8), (ModelResponseStream, 8)):
    _STATE_LEN[_cls] = _n
for _cls in (_Record, Function, FunctionCall, ChatCompletionMessageToolCall, ChatCompletionDeltaToolCall,
             Message, Choices, CompletionTokensDetailsWrapper, PromptTokensDetailsWrapper, Usage, Delta,
             StreamingChoices, _ResponseBase, ModelResponse, ModelResponseStream):
    _fc_patch_tracking(_cls)


cdef list _TYPE_NAMES = []      # the C strings rename_type points types at: kept for the process's life


def rename_type(type cls, str qualified):
    """Give a compiled class the dotted name `qualified` ("package.module.Class").

    A static type's __module__ and __name__ are read from its C tp_name and
    cannot be assigned; fastcore.install_as_litellm() uses this so that code
    testing `type(x).__module__.startswith("litellm")` sees LiteLLM's module.
    Only names of the form "<module>.<cls.__name__>" are accepted.
    """
    if cls.__flags__ & (1 << 9):    # Py_TPFLAGS_HEAPTYPE: a Python class, whose __module__ is assignable
        raise TypeError(f"{cls.__name__} is not a compiled class")
    module, _, name = qualified.rpartition(".")
    if not module or name != cls.__name__:
        raise ValueError(f"rename_type wants '<module>.{cls.__name__}', got {qualified!r}")
    cdef bytes c_name = qualified.encode("ascii")
    _TYPE_NAMES.append(c_name)
    (<PyTypeObject*>cls).tp_name = <const char*>c_name
    PyType_Modified(cls)
