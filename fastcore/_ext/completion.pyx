# cython: language_level=3
"""The completion path.

Each call sorts its keyword arguments once against a table of kinds, validates
what it must, resolves the provider and maps the OpenAI parameters, and then
answers from the mock or hands the prepared Request to the transport. The mock
is a fast path through the same checks, not a bypass: an unsupported param or
a bad message fails there exactly as it would on a real call.
"""
cimport cython

from fastcore._ext.params cimport _map_params_ex, mapping_model
from fastcore._ext.providers cimport get_llm_provider
from fastcore._ext.response cimport (
    Message, ModelResponse, Usage, _new_choices, _new_message, _new_model_response, _new_usage,
)
from fastcore._ext.streaming cimport _count_usage, _new_mock_stream, _wrap_chunks
from fastcore._ext.safety cimport plain_str
from fastcore._ext.validate cimport (
    check_count, check_dict, check_headers, check_messages, check_model, check_names,
    check_price, check_seconds, check_stop, check_str, check_timeout, check_tool_choice,
)

from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF

cdef extern from "Python.h":
    ctypedef int PySendResult
    int PYGEN_RETURN, PYGEN_ERROR
    ctypedef PySendResult (*_sendfunc)(PyObject*, PyObject*, PyObject**) except? -1
    ctypedef struct _AsyncMethods "PyAsyncMethods":
        _sendfunc am_send
    ctypedef struct _AsyncType "PyTypeObject":
        _AsyncMethods* tp_as_async

import collections.abc
import sys
import time

from fastcore.exceptions import (
    APIConnectionError, BadRequestError, ContentPolicyViolationError, FastcoreError, Timeout,
    exception_by_name, exception_for_status, make_exception, redact_secrets,
)
from fastcore.redact import redact_mapping, redact_url

MOCK_TEXT = "This is a mock request"
MAX_MOCK_CHOICES = 128          # OpenAI's own limit for `n`
MOCK_PROMPT_TOKENS = 10
MOCK_COMPLETION_TOKENS = 20

cdef enum _Kind:
    K_OTHER = 0       # provider-specific: passed on to the parameter mapping
    K_OPENAI          # an OpenAI chat param: type-checked and mapped per provider
    K_STOP
    K_TOOL_CHOICE
    K_STREAM
    K_API_BASE
    K_API_KEY
    K_API_VERSION
    K_PROVIDER
    K_TIMEOUT
    K_RETRIES
    K_HEADERS
    K_METADATA
    K_DROP
    K_ADDITIONAL_DROP
    K_ALLOWED
    K_MOCK
    K_MOCK_TOOLS
    K_MOCK_TIMEOUT
    K_MOCK_DELAY
    K_SSL_VERIFY
    K_AZURE_AD_TOKEN
    K_MODEL_INFO
    K_ORGANIZATION
    K_EXTRA_BODY
    K_IGNORE          # LiteLLM bookkeeping that never reaches a provider
    K_PRICING         # a per-call price: registered for the model, as LiteLLM does
    K_BASE_MODEL      # the model behind a deployment name (Azure maps params for it)

cdef dict _KINDS = {}
for _name in ("functions", "function_call", "stream_options", "modalities", "prediction",
              "audio", "logit_bias", "user", "response_format", "tools", "logprobs",
              "parallel_tool_calls", "reasoning_effort", "verbosity", "thinking",
              "web_search_options", "include_server_side_tool_invocations",
              "safety_identifier", "service_tier", "store", "prompt_cache_key",
              "prompt_cache_retention", "temperature", "top_p", "n", "max_tokens",
              "max_completion_tokens", "presence_penalty", "frequency_penalty", "seed",
              "top_logprobs"):
    _KINDS[_name] = K_OPENAI
_KINDS.update({
    "stop": K_STOP, "tool_choice": K_TOOL_CHOICE, "stream": K_STREAM,
    "api_base": K_API_BASE, "base_url": K_API_BASE, "api_key": K_API_KEY,
    "api_version": K_API_VERSION, "custom_llm_provider": K_PROVIDER,
    "timeout": K_TIMEOUT, "request_timeout": K_TIMEOUT,
    "num_retries": K_RETRIES, "max_retries": K_RETRIES,
    "extra_headers": K_HEADERS, "headers": K_HEADERS, "metadata": K_METADATA,
    "drop_params": K_DROP, "additional_drop_params": K_ADDITIONAL_DROP,
    "allowed_openai_params": K_ALLOWED, "mock_response": K_MOCK,
    "mock_tool_calls": K_MOCK_TOOLS, "mock_timeout": K_MOCK_TIMEOUT,
    "mock_delay": K_MOCK_DELAY, "ssl_verify": K_SSL_VERIFY, "azure_ad_token": K_AZURE_AD_TOKEN,
    "model_info": K_MODEL_INFO, "organization": K_ORGANIZATION, "extra_body": K_EXTRA_BODY,
    "base_model": K_BASE_MODEL,
})
for _name in ("acompletion", "model_list", "deployment_id", "client",
              "shared_session", "enable_json_schema_validation", "logger_fn", "verbose",
              "fallbacks", "context_window_fallback_dict", "caching", "cache", "tags",
              "id", "proxy_server_request", "preset_cache_key",
              "cooldown_time", "default_headers", "force_timeout", "stream_timeout", "_skip_mcp_handler",
              "no-log", "mock_testing_fallbacks"):
    _KINDS[_name] = K_IGNORE
for _name in ("input_cost_per_token", "output_cost_per_token", "cost_per_second", "input_cost_per_second",
              "output_cost_per_second"):
    _KINDS[_name] = K_PRICING

# LiteLLM's positional order after (model, messages), for callers that use it.
POSITIONAL = (
    "timeout", "temperature", "top_p", "n", "stream", "stream_options", "stop",
    "max_completion_tokens", "max_tokens", "modalities", "prediction", "audio",
    "presence_penalty", "frequency_penalty", "logit_bias", "user", "reasoning_effort",
    "verbosity", "response_format", "seed", "tools", "tool_choice", "logprobs",
    "top_logprobs", "parallel_tool_calls", "web_search_options",
    "include_server_side_tool_invocations", "deployment_id", "extra_headers",
    "safety_identifier", "service_tier", "store", "prompt_cache_key", "functions",
    "function_call", "base_url", "api_version", "api_key", "model_list", "thinking",
)

cdef dict _SETTINGS = None


cdef inline dict _settings():
    # The facade module holds the user-set globals (fastcore.drop_params, ...).
    global _SETTINGS
    if _SETTINGS is None:
        _SETTINGS = sys.modules["fastcore"].__dict__
    return _SETTINGS


@cython.final
@cython.freelist(32)
cdef class Request:
    """One prepared call: everything the transport needs, nothing it must re-check.

    `api_key` is readable but never part of the repr (fields: completion.pxd).
    """

    def __repr__(self):
        # Forwarded extras can carry credentials (aws_secret_access_key, ...).
        return (f"Request(model={self.model!r}, provider={self.provider!r}, "
                f"api_base={redact_url(self.api_base)!r}, "
                f"optional_params={redact_mapping(self.optional_params)!r})")


cdef Request _prepare(object model, object messages, tuple args, dict kwargs):
    cdef str m = check_model(model)
    aliases = _settings().get("model_alias_map")
    if aliases and type(aliases) is dict and m in <dict>aliases:
        m = check_model((<dict>aliases)[m])
    cdef Request req = Request.__new__(Request)
    cdef dict params = {}
    cdef dict extras = None        # provider-specific kwargs, forwarded as LiteLLM does
    cdef dict pricing = None
    cdef int kind
    cdef object custom_provider = None, api_base = None, api_key = None
    cdef object drop = None, add_drop = None, allowed = None, base_model = None
    if args:
        kwargs = _merge_positional(args, kwargs)
    req.original_model = m
    req.messages = check_messages(messages, m)
    for key, value in kwargs.items():
        kind = _KINDS.get(key, K_OTHER)
        if kind == K_OPENAI:
            if value is not None:
                params[key] = value
        elif kind == K_MOCK:
            # Unlike LiteLLM, "" is an empty mock answer, not a real call.
            if value is not None:
                req.mock_response = value
                req.is_mock = True
        elif kind == K_STREAM:
            if value is not None:
                params["stream"] = value
                req.stream = value is True
        elif kind == K_STOP:
            if value is not None:
                params["stop"] = check_stop(value)
        elif kind == K_TOOL_CHOICE:
            if value is not None:
                params["tool_choice"] = check_tool_choice(value, m)
        elif kind == K_API_BASE:
            if value is not None:
                api_base = check_str(value, key, m)
        elif kind == K_API_KEY:
            api_key = check_str(value, key, m)
        elif kind == K_PROVIDER:
            custom_provider = check_str(value, key, m)
        elif kind == K_API_VERSION:
            req.api_version = check_str(value, key, m)
        elif kind == K_TIMEOUT:
            if value is not None:
                req.timeout = check_timeout(value, key, m)
        elif kind == K_RETRIES:
            if value is not None:
                req.num_retries = check_count(value, key, m, 0, 100)
        elif kind == K_HEADERS:
            if value is not None:
                value = check_headers(value, key, m)
                req.headers = value if req.headers is None else {**req.headers, **value}
        elif kind == K_METADATA:
            req.metadata = None if value is None else check_dict(value, key, m)
        elif kind == K_DROP:
            drop = value
        elif kind == K_ADDITIONAL_DROP:
            add_drop = None if value is None else check_names(value, key, m)
        elif kind == K_ALLOWED:
            allowed = None if value is None else check_names(value, key, m)
        elif kind == K_MOCK_TOOLS:
            if value is not None:
                _check_mock_tool_calls(value, m)
            req.mock_tool_calls = value
            if value:
                req.is_mock = True
        elif kind == K_MOCK_TIMEOUT:
            req.mock_timeout = value
            if value:
                req.is_mock = True
        elif kind == K_MOCK_DELAY:
            if value is not None:
                req.mock_delay = check_seconds(value, key, m)
        elif kind == K_SSL_VERIFY:
            if value is not None and not isinstance(value, (bool, str)):
                raise BadRequestError(f"`ssl_verify` must be a bool or a CA bundle path, got "
                                      f"{type(value).__name__}", m, None, param=key)
            req.ssl_verify = plain_str(value)
        elif kind == K_AZURE_AD_TOKEN:
            req.azure_ad_token = check_str(value, key, m)
        elif kind == K_MODEL_INFO:
            req.model_info = None if value is None else check_dict(value, key, m)
        elif kind == K_BASE_MODEL:
            base_model = check_str(value, key, m)
        elif kind == K_ORGANIZATION:
            if value is not None:
                org = {"OpenAI-Organization": check_str(value, key, m)}
                req.headers = org if req.headers is None else {**org, **req.headers}
        elif kind == K_PRICING or (kind == K_OTHER and _is_price_name(key)):
            if value is not None:
                if pricing is None:
                    pricing = {}
                pricing[key] = check_price(value, key, m)
        elif kind == K_OTHER:
            if value is not None and not (<str>key).startswith("litellm_"):
                if extras is None:
                    extras = {}
                extras[key] = value
        elif kind == K_EXTRA_BODY:
            # The caller's extra_body joins the forwarded extras (the body's top level, as the SDK merges it).
            if value is not None:
                if extras is None:
                    extras = {}
                extras.update(check_dict(value, key, m))
    # The core reads these two itself, so they are checked even when a drop
    # list later keeps them out of the provider's request.
    if "stream_options" in params:
        req.stream_options = check_dict(params["stream_options"], "stream_options", m)
    if "n" in params:
        req.n = check_count(params["n"], "n", m, 1)
    if api_base is None:
        api_base = _settings().get("api_base")
    resolved = get_llm_provider(m, custom_provider, api_base, api_key)
    req.model = resolved[0]
    req.provider = resolved[1]
    req.api_key = api_key if api_key is not None else resolved[2]
    req.api_base = resolved[3]
    if pricing is not None:
        _register_pricing(req, pricing)
    # A drop_params left at None falls back to fastcore.drop_params inside the mapping.
    if base_model is None and req.model_info is not None:
        base_model = req.model_info.get("base_model")
    req.optional_params = _map_params_ex(mapping_model(req.model, req.provider, base_model), req.provider, params,
                                         drop, add_drop, allowed, extras, req.api_version)
    return req


cdef inline bint _is_price_name(str key):
    # The price fields of the model table (input_cost_per_token_above_200k_tokens,
    # cache_read_input_token_cost, ...) are LiteLLM call settings, never provider params.
    return "cost_per_" in key or "_token_cost" in key


cdef void _register_pricing(Request req, dict pricing) except *:
    """LiteLLM's per-call prices: with both token prices, or any per-second one,
    every price given is registered for `provider/model` (for this and later
    calls, as LiteLLM does), so the answer's cost uses them."""
    if not (("input_cost_per_token" in pricing and "output_cost_per_token" in pricing)
            or "cost_per_second" in pricing or "input_cost_per_second" in pricing
            or "output_cost_per_second" in pricing):
        return
    entry = {"litellm_provider": req.provider}
    entry.update(pricing)
    if req.model_info is not None:
        for k in ("mode", "supports_prompt_caching", "max_tokens"):
            if req.model_info.get(k) is not None:
                entry.setdefault(k, req.model_info[k])
    from fastcore._ext.models import register_model
    register_model({f"{req.provider}/{req.model}": entry})


cdef void _check_mock_tool_calls(object value, str model) except *:
    # Built once here so that a bad entry fails now, naming the argument, and
    # the answer itself needs no error handling.
    if not isinstance(value, list):
        raise BadRequestError(f"`mock_tool_calls` must be a list of tool calls, got {type(value).__name__}",
                              model, None, param="mock_tool_calls")
    try:
        _new_message(None, "assistant", list(value), None)
    except (TypeError, ValueError) as e:
        raise BadRequestError(f"`mock_tool_calls` is not valid: {e}", model, None,
                              param="mock_tool_calls") from None


cdef dict _merge_positional(tuple args, dict kwargs):
    if len(args) > len(POSITIONAL):
        raise BadRequestError(f"completion() takes at most {len(POSITIONAL) + 2} positional "
                              f"arguments ({len(args) + 2} given)", None, None)
    merged = dict(zip(POSITIONAL, args))
    for key in kwargs:
        if key in merged:
            raise BadRequestError(f"completion() got multiple values for argument '{key}'",
                                  None, None, param=key)
    merged.update(kwargs)
    return merged


cdef object _raise_mock_error(Request req):
    """Raise what mock_response asks for, if it asks for an error."""
    mr = req.mock_response
    if type(mr) is not str:
        if isinstance(mr, BaseException):
            if isinstance(mr, FastcoreError) or not isinstance(mr, Exception):
                raise mr
            raise _mock_exception(<Exception>mr, req) from mr
        return None
    cdef str s = <str>mr
    if not s or s[0] not in "lfE":      # cheap exit for ordinary text
        return None
    if s.startswith("litellm.") or s.startswith("fastcore."):
        cls = exception_by_name(s)
        if cls is not None:
            label = cls.__name__
            raise make_exception(cls, f"this is a mock {label} error", req.model, req.provider)
    elif s.startswith("Exception: content_filter_policy"):
        raise ContentPolicyViolationError(s, req.model, req.provider)
    return None


cdef object _mock_exception(Exception err, Request req):
    # As LiteLLM: another library's exception becomes a MockException with its status_code
    # (else 500) and text, mapped to a class as a provider's error answer would be.
    status = getattr(err, "status_code", None)
    if type(status) is not int or not 100 <= status <= 599:
        status = 500
    text = getattr(err, "text", None)
    message = "litellm.MockException: " + (text if isinstance(text, str) else str(err))
    return exception_for_status(status, {"error": {"message": message}}, req.provider, req.model)


cdef inline Usage _mock_usage():
    return _new_usage(MOCK_PROMPT_TOKENS, MOCK_COMPLETION_TOKENS,
                      MOCK_PROMPT_TOKENS + MOCK_COMPLETION_TOKENS)


cdef object _mock_answer(Request req):
    """The mock's answer once any delay or timeout has passed."""
    _raise_mock_error(req)
    mr = req.mock_response
    if type(mr) is str:
        return _mock_text_answer(req, <str>mr)
    if mr is None:
        return _mock_text_answer(req, MOCK_TEXT)
    if isinstance(mr, str):
        return _mock_text_answer(req, <str>plain_str(mr))
    if isinstance(mr, ModelResponse):
        resp = mr
    elif isinstance(mr, dict) or hasattr(type(mr), "model_dump"):
        # A dict, or another library's response object (LiteLLM's own ModelResponse).
        try:
            resp = ModelResponse(**(mr if isinstance(mr, dict) else mr.model_dump()))
        except (TypeError, ValueError) as e:
            raise BadRequestError(f"`mock_response` is not a valid response: {e}", req.model,
                                  req.provider, param="mock_response") from None
    else:
        raise BadRequestError(f"`mock_response` must be a str, an exception, a dict or a "
                              f"ModelResponse, got {type(mr).__name__}", req.model, req.provider,
                              param="mock_response")
    if not req.stream:
        return resp
    try:
        chunks = _response_to_chunks(resp)
    except (TypeError, ValueError, AttributeError) as e:
        raise BadRequestError(f"`mock_response` cannot be streamed: {e}", req.model, req.provider,
                              param="mock_response") from None
    return _wrap_chunks(chunks, req.model, req.provider)


cdef object _mock_text_answer(Request req, str text):
    cdef Message msg
    cdef list choices
    cdef Py_ssize_t i, n
    if req.n is not None and req.n > MAX_MOCK_CHOICES:
        raise BadRequestError(f"`n` must be at most {MAX_MOCK_CHOICES}, got {req.n}", req.model,
                              req.provider, param="n")
    if req.stream:
        return _mock_text_stream(req, text)
    tool_calls = req.mock_tool_calls or None
    if req.n is None:
        choices = [_new_choices("stop", 0, _new_message(text, "assistant", tool_calls, None))]
    else:
        # As LiteLLM: every choice repeats the text, only the first one carries tool calls.
        choices = []
        n = req.n
        for i in range(n):
            msg = _new_message(text, "assistant", tool_calls if i == 0 else None, None)
            choices.append(_new_choices("stop", i, msg))
    cdef ModelResponse resp = _new_model_response(None, None, req.model, choices, _mock_usage())
    resp._hidden = req.provider     # expanded to {"custom_llm_provider": ...} on first access
    return resp


cdef object _mock_text_stream(Request req, str text):
    usage = None
    if req.stream_options and req.stream_options.get("include_usage"):
        usage = _count_usage(req.model, req.messages, text)
    try:
        return _new_mock_stream(text, req.model, req.provider, req.n, req.mock_tool_calls, usage)
    except (TypeError, ValueError) as e:
        # The tool calls passed as message tool calls, but not as stream deltas.
        raise BadRequestError(f"`mock_tool_calls` cannot be streamed: {e}", req.model, req.provider,
                              param="mock_tool_calls") from None


cdef list _response_to_chunks(ModelResponse resp):
    """A full response replayed as one chunk: each choice's message becomes its delta."""
    from fastcore._ext.response import ModelResponseStream, StreamingChoices, Delta
    choices = []
    for c in list(resp.choices or ()):
        m = c.message
        # Stream deltas carry tool calls with their index (LiteLLM's ChatCompletionDeltaToolCall).
        tcs = None if not m.tool_calls else [
            dict(tc if isinstance(tc, dict) else tc.model_dump(), index=i) for i, tc in enumerate(m.tool_calls)]
        choices.append(StreamingChoices(index=c.index, finish_reason=c.finish_reason,
                                        delta=Delta(content=m.content, role=m.role, tool_calls=tcs)))
    return [ModelResponseStream(id=resp.id, created=resp.created, model=resp.model, choices=choices)]


cdef double _timeout_seconds(object timeout):
    # req.timeout is checked: seconds, or (connect, read, write, pool); LiteLLM's
    # mock sleeps for the connect part of an httpx.Timeout.
    if type(timeout) is float:
        return timeout
    connect = (<tuple>timeout)[0]
    return 0.0 if connect is None else connect


cdef object _mock_timeout_error(Request req):
    return Timeout("This is a mock timeout error", req.model, "openai")


cdef object _CALL = None


cdef object _call():
    # The real-call machinery (transports, orjson, aiohttp) loads on the first real call.
    global _CALL
    if _CALL is None:
        from fastcore._ext import call
        _CALL = call
    return _CALL


@cython.final
@cython.freelist(64)
@cython.no_gc      # nothing it holds points back to it, and thousands live at once under gather
cdef class _Ready:
    """An awaitable whose answer is already known: a mock needs no I/O.

    acompletion() does its CPU work at call time and hands back this object,
    so a gather of thousands holds no argument dicts or frames while it waits.
    It is a Coroutine to asyncio (create_task, gather, run) and answers
    `await` through am_send without raising StopIteration. An error found
    while preparing is raised at the await, as a coroutine would raise it.
    """
    cdef object _value
    cdef BaseException _error
    cdef bint _done

    def __await__(self):
        return self

    def __iter__(self):
        return self

    def __next__(self):
        return self.send(None)

    def send(self, value):
        cdef object out = self._take()
        raise StopIteration(out)

    def throw(self, typ, val=None, tb=None):
        self._done = True
        self._value = self._error = None
        if val is None:
            raise typ
        raise val

    def close(self):
        self._done = True
        self._value = self._error = None

    cdef object _take(self):
        if self._done:
            raise RuntimeError("cannot reuse already awaited coroutine")
        self._done = True
        if self._error is not None:
            err = self._error
            self._error = None
            raise err
        out = self._value
        self._value = None
        return out


cdef PySendResult _ready_send(PyObject* obj, PyObject* arg, PyObject** result) except? -1:
    # -1 with an exception set is PYGEN_ERROR, so a stored error just raises.
    cdef _Ready r = <_Ready>obj
    result[0] = NULL
    out = r._take()
    Py_INCREF(out)
    result[0] = <PyObject*>out
    return PYGEN_RETURN


(<_AsyncType*>_Ready).tp_as_async.am_send = _ready_send
collections.abc.Coroutine.register(_Ready)


cdef inline _Ready _ready(object value, BaseException error):
    cdef _Ready r = _Ready.__new__(_Ready)
    r._value = value
    r._error = error
    return r


# Callbacks: fastcore.logging_callbacks runs the call when a callback list has entries.
# Until a list is assigned or changed (fastcore's module hook and list type arm
# this), a call checks one C flag and nothing else.
cdef bint _CB_ARMED = False
cdef object _CB = None
CALLBACK_LISTS = ("callbacks", "success_callback", "failure_callback", "_async_success_callback",
                  "_async_failure_callback", "input_callback")     # the settings' names, as LiteLLM's
cdef tuple _CB_LISTS = CALLBACK_LISTS


def callbacks_active():
    """True when a call goes through the callbacks (a callback list has entries)."""
    return _callbacks() is not None


def _arm_callbacks():
    """Called when a callback list is assigned or changed: calls check the lists from now on."""
    global _CB_ARMED
    _CB_ARMED = True


cdef object _callbacks():
    global _CB
    cdef dict settings = _settings()
    for name in _CB_LISTS:
        if settings.get(name):
            if _CB is None:
                from fastcore import logging_callbacks     # not `callbacks`: that name is the setting
                _CB = logging_callbacks
            return _CB
    return None


def completion(model=None, messages=None, *args, **kwargs):
    """Call a chat model in OpenAI format: LiteLLM's `completion()`, compiled."""
    if _CB_ARMED:
        cb = _callbacks()
        if cb is not None:
            return cb.run_sync(model, messages, args, kwargs)
    return _complete(_prepare(model, messages, args, kwargs))


def complete_request(Request req):
    """Carry out a prepared call (the callbacks' way in: they prepare the call themselves)."""
    return _complete(req)


def acomplete_request(Request req):
    """The awaitable answer of a prepared call."""
    return _acomplete(req)


cdef object _complete(Request req):
    if not req.is_mock:
        return _call().send(req)
    if req.mock_timeout is True and req.timeout is not None:
        time.sleep(_timeout_seconds(req.timeout))
        raise _mock_timeout_error(req)
    if req.mock_delay:
        time.sleep(req.mock_delay)
    return _mock_answer(req)


cdef object _acompletion(object model, object messages, tuple args, dict kwargs):
    cdef Request req
    if _CB_ARMED:
        cb = _callbacks()
        if cb is not None:
            return cb.run_async(model, messages, args, kwargs)
    try:
        req = _prepare(model, messages, args, kwargs)
    except Exception as e:
        return _ready(None, e)
    return _acomplete(req)


cdef object _acomplete(Request req):
    try:
        if req.is_mock and not req.mock_delay and not (req.mock_timeout is True and req.timeout is not None):
            return _ready(_mock_answer(req), None)
    except Exception as e:
        return _ready(None, e)
    if not req.is_mock:
        return _call().asend(req)     # the call's own coroutine: no frame of ours around it on each resume
    return _mock_later(req)


cdef object _ASYNC_CODE = None


@cython.final
cdef class _AsyncEntry:
    """acompletion: called like a function, seen by inspect and asyncio as an `async def`.

    Awaiting it gives the answer; a mock answer that is ready comes without
    a coroutine frame. `inspect.iscoroutinefunction` (and asyncio's) read the
    coroutine flag of `__code__`, here the code of an `async def` with the
    same signature, so projects that pick a sync or async wrapper by it
    (instructor, ...) pick the async one; inspect.signature reads it too.
    """
    def __call__(self, model=None, messages=None, *args, **kwargs):
        return _acompletion(model, messages, args, kwargs)

    @property
    def __code__(self):
        global _ASYNC_CODE
        if _ASYNC_CODE is None:
            ns = {}
            exec(compile("async def acompletion(model=None, messages=None, *args, **kwargs):\n    pass\n",
                         "<fastcore.acompletion>", "exec"), ns)
            _ASYNC_CODE = ns["acompletion"].__code__
        return _ASYNC_CODE

    @property
    def __name__(self):
        return "acompletion"

    @property
    def __qualname__(self):
        return "acompletion"

    @property
    def __module__(self):
        return "fastcore"

    @property
    def __doc__(self):
        return "The async twin of `completion()`: await it; with stream=True the answer is an async iterator."

    @property
    def __defaults__(self):
        return (None, None)

    @property
    def __kwdefaults__(self):
        return None

    @property
    def __annotations__(self):
        return {}

    def __repr__(self):
        return "<function fastcore.acompletion>"

    def __reduce__(self):
        return "acompletion"        # pickled by reference, as a module-level function is


acompletion = _AsyncEntry()


async def _mock_later(Request req):
    import asyncio      # only for real waits: asyncio costs ~40 ms at import
    if req.mock_timeout is True and req.timeout is not None:
        await asyncio.sleep(_timeout_seconds(req.timeout))
        raise _mock_timeout_error(req)
    if req.mock_delay:
        await asyncio.sleep(req.mock_delay)
    return _mock_answer(req)


def prepare_request(model=None, messages=None, *args, **kwargs):
    """The Request a call would send, after validation and mapping (for tests and tooling)."""
    return _prepare(model, messages, args, kwargs)
