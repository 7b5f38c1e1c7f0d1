# cython: language_level=3
"""The OpenAI chat-completions wire format (OpenAI, Azure OpenAI and every
OpenAI-compatible provider of the table).

Four entry points, as every wire module has: build_request, parse_response,
parse_chunk (with new_stream / end_stream around it) and parse_error.
Providers differ only by data: the provider table gives base URL and key
env vars, and QUIRKS below says what LiteLLM's handler for that provider
does to a request (message flattening, fixed headers, auth style, ...).
A provider with no entry gets LiteLLM's default OpenAI behaviour.
"""
cimport cython
from cpython.dict cimport PyDict_Copy

from fastcore._ext.completion cimport Request
from fastcore._ext.ids cimport _new_id, _new_uuid, _now
from fastcore._ext.params cimport azure_api_version
from fastcore._ext.providers cimport Provider, _get_provider
from fastcore._ext.response cimport (
    ChatCompletionMessageToolCall, Choices, Delta, Message, ModelResponse, ModelResponseStream, StreamingChoices, _Record,
    Usage, _LazyHidden, _new_choices, _new_delta, _new_message, _new_model_response, _new_stream_chunk,
    _new_streaming_choices, _new_usage, _put, _put_extras, _usage_from_dict, _gc_is_tracked, _gc_track,
    _slot_written, _set_refusal, _set_chunk_extras, _DELTA_PSF_BIT, _STREAM_FINGERPRINT_BIT,
)
from fastcore._ext.safety cimport plain_str
from fastcore._ext.sse cimport SSEEvent
from fastcore._ext.streaming cimport add_usage_cost
from fastcore._ext.transport cimport Response
from fastcore._ext.wire cimport Wire

import orjson

from fastcore._ext.response import FINISH_REASONS, ChatCompletionMessageToolCall as _ToolCall, FunctionCall
from fastcore.exceptions import (
    APIConnectionError, APIError, AuthenticationError, exception_for_status, provider_label,
)

USER_AGENT = "fastcore/0.1.0"
OPENAI_BASE = "https://api.openai.com/v1"
CHAT_PATH = "/chat/completions"
AZURE_PATH = "/openai/deployments/{model}/chat/completions"

# -- provider quirks ------------------------------------------------------------
# Message rules (bits), applied to a copy of each message that needs one.
cdef enum:
    MQ_FLATTEN = 1              # text parts joined into one string (every role)
    MQ_FLATTEN_NO_IMAGES = 2    # the same, skipped when any message holds an image or file
    MQ_DROP_IMAGES = 4          # image parts removed
    MQ_NAME_USER_ONLY = 8       # `name` kept on user messages only
    MQ_NAME_TOOL_ONLY = 16      # `name` kept on tool messages only (skipped with images, as MQ_FLATTEN_NO_IMAGES)
    MQ_DROP_EMPTY_ASSISTANT = 32
    MQ_STRIP_REASONING = 64     # reasoning_content and thinking_blocks removed
    MQ_STRIP_EXTRAS = 128       # thinking_blocks and provider_specific_fields removed
    MQ_FLATTEN_TOOL = 256       # tool-message parts joined
    MQ_FLATTEN_ASSISTANT = 512  # assistant-message parts joined with newlines, thinking_blocks removed

# Request rules.
cdef enum:
    RQ_HTTPX = 1                # LiteLLM's own HTTP handler: an explicit stream=False is sent, no SDK retries
    RQ_KEEP_STREAM_FALSE = 2    # with RQ_HTTPX: send "stream": false when the caller said so
    RQ_STREAM_USAGE = 4         # every stream asks for usage (include_usage)
    RQ_KEY_REQUIRED = 8         # no key anywhere is an AuthenticationError before any request
    RQ_AZURE = 16               # deployment URL, api-version query, api-key header

# provider -> (request rules, message rules, fixed headers, fixed body keys, model prefix)
QUIRKS = {
    "openai": (RQ_KEY_REQUIRED, 0, None, None, None),
    "azure": (RQ_KEY_REQUIRED | RQ_AZURE, 0, None, None, None),
    "azure_text": (RQ_KEY_REQUIRED | RQ_AZURE, 0, None, None, None),
    "groq": (RQ_HTTPX | RQ_KEEP_STREAM_FALSE | RQ_KEY_REQUIRED, 0, None, None, None),
    "deepseek": (RQ_HTTPX | RQ_KEEP_STREAM_FALSE | RQ_KEY_REQUIRED, MQ_FLATTEN | MQ_DROP_IMAGES, None, None, None),
    "together_ai": (RQ_HTTPX | RQ_KEEP_STREAM_FALSE | RQ_KEY_REQUIRED, MQ_STRIP_EXTRAS, None, None, None),
    "fireworks_ai": (RQ_HTTPX | RQ_KEEP_STREAM_FALSE | RQ_STREAM_USAGE | RQ_KEY_REQUIRED, MQ_STRIP_EXTRAS, None,
                     None, "accounts/fireworks/models/"),
    "openrouter": (RQ_HTTPX | RQ_KEEP_STREAM_FALSE | RQ_KEY_REQUIRED, 0,
                   {"HTTP-Referer": "https://litellm.ai", "X-Title": "liteLLM"}, {"usage": {"include": True}}, None),
    "mistral": (RQ_HTTPX | RQ_KEY_REQUIRED,
                MQ_FLATTEN_NO_IMAGES | MQ_NAME_TOOL_ONLY | MQ_DROP_EMPTY_ASSISTANT | MQ_STRIP_REASONING,
                None, None, None),
    "xai": (RQ_HTTPX | RQ_KEEP_STREAM_FALSE | RQ_KEY_REQUIRED, MQ_NAME_USER_ONLY, None, None, None),
    "hosted_vllm": (RQ_HTTPX | RQ_KEEP_STREAM_FALSE, MQ_FLATTEN_ASSISTANT, None, None, None),
    "perplexity": (RQ_KEY_REQUIRED, 0, {"X-Pplx-Integration": "litellm"}, None, None),
    "deepinfra": (RQ_KEY_REQUIRED, MQ_FLATTEN_TOOL, None, None, None),
}
# The other providers LiteLLM sends through its own handler rather than the openai SDK.
QUIRKS["azure_ai"] = (RQ_HTTPX | RQ_KEEP_STREAM_FALSE, MQ_FLATTEN | MQ_STRIP_REASONING | MQ_STRIP_EXTRAS, None,
                      None, None)
for _name in ("datarobot", "nadir", "databricks", "ragflow", "compactifai", "aiohttp_openai",
              "gradient_ai", "heroku", "cometapi", "vercel_ai_gateway", "edenai", "ovhcloud", "lemonade",
              "amazon_nova", "minimax", "bedrock_mantle"):
    QUIRKS.setdefault(_name, (RQ_HTTPX | RQ_KEEP_STREAM_FALSE, 0, None, None, None))

# Never part of a request body: transport settings, and the flags LiteLLM's mapping
# leaves for its own handlers (json_mode, fake_stream).
cdef frozenset _NOT_SENT = frozenset(("extra_body", "extra_headers", "max_retries", "metadata", "json_mode",
                                      "fake_stream"))
# Message fields OpenAI defines; the rest of a provider's message goes to provider_specific_fields.
cdef frozenset _MESSAGE_FIELDS = frozenset((
    "content", "role", "tool_calls", "function_call", "audio", "images", "reasoning_content", "thinking_blocks",
    "reasoning_items", "provider_specific_fields", "annotations"))
cdef frozenset _CHOICE_FIELDS = frozenset(("finish_reason", "index", "message", "logprobs", "delta",
                                           "provider_specific_fields", "enhancements"))
cdef frozenset _RESPONSE_FIELDS = frozenset(("id", "choices", "created", "model", "object", "system_fingerprint",
                                             "usage", "error"))
# Response headers LiteLLM copies into _hidden_params["additional_headers"] without a prefix.
RATE_LIMIT_HEADERS = ("x-ratelimit-limit-requests", "x-ratelimit-remaining-requests",
                      "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens")
STREAM_RATE_LIMIT_HEADERS = RATE_LIMIT_HEADERS + ("x-ratelimit-reset-requests", "x-ratelimit-reset-tokens")
# o-series models that take no system message (LiteLLM turns it into a user message).
NO_SYSTEM_MODELS = ("o3", "o4")
cdef dict _FINISH = FINISH_REASONS
cdef object _MISSING = object()
cdef object _loads = orjson.loads
cdef object _dumps = orjson.dumps
cdef object _JSONDecodeError = orjson.JSONDecodeError


@cython.final
cdef class _Quirks:
    cdef int rq
    cdef int mq
    cdef dict headers           # the request headers every call of the provider starts from
    cdef dict body
    cdef str model_prefix


cdef dict _BASE_HEADERS = {"Content-Type": "application/json", "Accept": "application/json",
                           "User-Agent": USER_AGENT}


cdef _Quirks _new_quirks(int rq, int mq, dict headers, dict body, str prefix):
    cdef _Quirks q = _Quirks.__new__(_Quirks)
    q.rq = rq
    q.mq = mq
    q.headers = {**_BASE_HEADERS, **(headers or {})}
    q.body = body
    q.model_prefix = prefix
    return q


cdef dict _QUIRKS = {name: _new_quirks(rq, mq, hdrs, body, prefix)
                     for name, (rq, mq, hdrs, body, prefix) in QUIRKS.items()}
cdef _Quirks _DEFAULT = _new_quirks(0, 0, None, None, None)


cdef inline _Quirks _quirks(str provider):
    q = _QUIRKS.get(provider)
    return _DEFAULT if q is None else <_Quirks>q


def default_retries(provider):
    """LiteLLM's effective retry count when the call names none: the openai SDK's 2, or 0 on its own handler."""
    return _default_retries(plain_str(provider))


cdef inline int _default_retries(str provider):
    return 0 if _quirks(provider).rq & RQ_HTTPX else 2


# -- settings and credentials -----------------------------------------------------

cdef object _env(tuple names):
    import os
    for n in names:
        v = os.environ.get(n)
        if v:
            return v
    return None


cdef tuple _endpoint(Request req, _Quirks q, dict settings):
    """(base URL, key) for the call: arguments, then fastcore's settings, then the row's env vars and defaults."""
    cdef Provider row = _get_provider(req.provider)
    base = req.api_base or settings.get("api_base")
    # fastcore.<provider>_key, as LiteLLM's openai_key / azure_key.
    key = req.api_key or settings.get("api_key") or settings.get(req.provider + "_key")
    if row is not None:
        if not base:
            base = _env(row.api_base_envs) or row.api_base
        if not key:
            key = _env(row.api_key_envs) or row.key_default
    if not base:
        raise APIConnectionError(
            f"no API base for provider {req.provider!r}: pass api_base=..." +
            (f" or set {row.api_base_env}" if row is not None and row.api_base_env else ""),
            req.provider, req.model)
    return base, key


cdef str _key_env_hint(Request req):
    cdef Provider row = _get_provider(req.provider)
    if req.provider in ("azure", "azure_text"):
        return "AZURE_API_KEY (or pass api_key=... or azure_ad_token=...)"
    if row is not None and row.api_key_env:
        return f"{row.api_key_env} (or pass api_key=...)"
    return "pass api_key=..."


cdef str _join(str base, str path):
    if base.endswith("/"):
        base = base[:-1]
    return base if base.endswith(path) else base + path


cdef str _azure_url(Request req, str base, dict settings):
    from urllib.parse import urlsplit, urlunsplit
    version = azure_api_version(req.api_version, settings.get("api_version"))
    parts = urlsplit(base)
    path = parts.path.rstrip("/")
    if "/openai/deployments" in path:
        path = path[:path.index("/chat/completions")] if "/chat/completions" in path else path
        path += CHAT_PATH
    else:
        path += AZURE_PATH.format(model=req.model)
    from urllib.parse import quote
    return urlunsplit((parts.scheme, parts.netloc, path, f"api-version={quote(str(version), safe='')}", ""))


# -- request ----------------------------------------------------------------------

cpdef tuple build_request(Request req, dict settings):
    """(url, headers, body bytes) for this call."""
    cdef _Quirks q = _quirks(req.provider)
    cdef dict body
    cdef dict headers
    base, key = _endpoint(req, q, settings)
    if q.rq & RQ_AZURE:
        url = _azure_url(req, <str>base, settings)
    else:
        url = _join(<str>base, CHAT_PATH)
    token = req.azure_ad_token
    if token is None and q.rq & RQ_AZURE:
        token = _env(("AZURE_AD_TOKEN",))
    if not key and not token and q.rq & RQ_KEY_REQUIRED:
        raise AuthenticationError(f"no API key for {req.provider}: set {_key_env_hint(req)}",
                                  req.provider, req.model)
    headers = q.headers.copy()
    auth = None
    if q.rq & RQ_AZURE:
        auth = ("Authorization", "Bearer " + token) if token else ("api-key", key)
    elif key:
        auth = ("Authorization", "Bearer " + key)
    if q.rq & RQ_HTTPX:
        # LiteLLM's own handler sets the key after the caller's headers.
        if req.headers:
            headers.update(req.headers)
        if auth is not None:
            headers[auth[0]] = auth[1]
    else:
        if auth is not None:
            headers[auth[0]] = auth[1]
        if req.headers:
            headers.update(req.headers)
    body = _request_body(req, q, url)
    return url, headers, _dumps(body)


cdef dict _request_body(Request req, _Quirks q, str url):
    cdef dict params = req.optional_params
    cdef dict body = {"model": req.model if q.model_prefix is None or req.model.startswith(q.model_prefix)
                      else q.model_prefix + req.model,
                      "messages": _messages(req, q)}
    extra = None
    for k, v in params.items():
        if k in _NOT_SENT:
            if k == "extra_body":
                extra = v
            continue
        if k == "stream":
            if v is True or (q.rq & RQ_KEEP_STREAM_FALSE and v is False):
                body[k] = v
            continue
        body[k] = v
    if not req.stream:
        body.pop("stream_options", None)
    elif q.rq & RQ_STREAM_USAGE or (req.provider == "openai" and "api.openai.com" in url):
        if "stream_options" not in body:
            body["stream_options"] = {"include_usage": True}
    if "tool_choice" in body and not body.get("tools") and not body.get("functions"):
        del body["tool_choice"]
    if q.body:
        body.update(q.body)
    if extra:
        for k, v in (<dict>extra).items():
            if k != "model":
                body[k] = v
    return body


cdef list _messages(Request req, _Quirks q):
    cdef list out = []
    cdef int mq = q.mq
    cdef bint o_series = req.provider in ("openai", "azure") and _is_o_series(req.model)
    cdef bint images = False
    if mq & (MQ_FLATTEN_NO_IMAGES | MQ_NAME_TOOL_ONLY):
        images = _has_images(req.messages)
        if images:
            mq &= ~(MQ_FLATTEN_NO_IMAGES | MQ_NAME_TOOL_ONLY)
    for m in req.messages:
        m = _message(<dict>m, mq, o_series, req.model)
        if m is not None:
            out.append(m)
    return out


cdef bint _is_o_series(str model):
    cdef Py_ssize_t i = model.rfind("/") + 1
    cdef Py_UCS4 digit
    if len(model) - i < 2 or model[i] != "o":
        return False
    digit = model[i + 1]
    return digit.isdigit()


cdef bint _has_images(list messages):
    for m in messages:
        content = (<dict>m).get("content")
        if isinstance(content, list):
            for part in content:
                if isinstance(part, dict) and part.get("type") in ("image_url", "file"):
                    return True
    return False


cdef object _message(dict m, int mq, bint o_series, str model):
    # A message is copied only when a rule changes it.
    role = m.get("role")
    cdef dict out = None
    if role == "developer" and not o_series:
        out = dict(m)
        out["role"] = "system"
        role = "system"
    elif role == "system" and o_series and model.rpartition("/")[2].startswith(NO_SYSTEM_MODELS):
        out = {"content": m.get("content"), "role": "user"}
        return out
    content = m.get("content")
    if isinstance(content, list):
        parts = _parts(<list>content, mq, role)
        if parts is not content:
            out = dict(m) if out is None else out
            out["content"] = parts
    if mq == 0:
        return m if out is None else out
    if mq & MQ_NAME_USER_ONLY and role != "user" and "name" in m:
        out = dict(m) if out is None else out
        del out["name"]
    if mq & MQ_NAME_TOOL_ONLY and role != "tool" and "name" in m:
        out = dict(m) if out is None else out
        del out["name"]
    if mq & MQ_STRIP_REASONING and ("reasoning_content" in m or "thinking_blocks" in m):
        out = dict(m) if out is None else out
        out.pop("reasoning_content", None)
        out.pop("thinking_blocks", None)
    if mq & MQ_STRIP_EXTRAS and ("thinking_blocks" in m or "provider_specific_fields" in m):
        out = dict(m) if out is None else out
        out.pop("thinking_blocks", None)
        out.pop("provider_specific_fields", None)
    if mq & MQ_FLATTEN_ASSISTANT and role == "assistant" and "thinking_blocks" in m:
        out = dict(m) if out is None else out
        out.pop("thinking_blocks", None)
    if mq & MQ_DROP_EMPTY_ASSISTANT and role == "assistant":
        c = (out or m).get("content")
        if (c is None or c == "") and not m.get("tool_calls"):
            return None
    return m if out is None else out


cdef object _parts(list parts, int mq, object role):
    # Content parts: image_url strings become objects (all providers); some
    # providers want text-only lists joined, or images dropped.
    cdef list out = None
    cdef bint flatten = (mq & (MQ_FLATTEN | MQ_FLATTEN_NO_IMAGES) or (mq & MQ_FLATTEN_TOOL and role == "tool")
                         or (mq & MQ_FLATTEN_ASSISTANT and role == "assistant"))
    for i, part in enumerate(parts):
        if isinstance(part, dict) and part.get("type") == "image_url":
            if mq & MQ_DROP_IMAGES:
                out = list(parts[:i]) if out is None else out
                continue
            url = part.get("image_url")
            if isinstance(url, str):
                out = list(parts[:i]) if out is None else out
                out.append({**part, "image_url": {"url": url}})
                continue
        if out is not None:
            out.append(part)
    result = parts if out is None else out
    if flatten and all([isinstance(p, dict) and p.get("type") == "text" for p in result]):
        sep = "\n" if mq & MQ_FLATTEN_ASSISTANT and role == "assistant" else ""
        return sep.join([p.get("text") or "" for p in result])
    return result


# -- response ---------------------------------------------------------------------

cdef object _bad_body(Request req, Response resp, str why):
    start = resp.body[:200].decode("utf-8", "replace")
    return APIError(resp.status, f"{provider_label(req.provider)}Exception - {why}; the answer starts with "
                                 f"{start!r}", req.provider, req.model)


cpdef object parse_response(Request req, Response resp, str url):
    """A ModelResponse from a 2xx answer to a request sent to `url`."""
    try:
        data = _loads(resp.body)
    except _JSONDecodeError:
        raise _bad_body(req, resp, "the answer is not JSON") from None
    if type(data) is not dict:
        raise _bad_body(req, resp, "the answer is not a JSON object")
    err = (<dict>data).get("error")
    if err:
        status = err.get("code") if isinstance(err, dict) else None
        raise exception_for_status(status if isinstance(status, int) and 400 <= status < 600 else 422,
                                   data, req.provider, req.model, resp.headers, resp.body)
    rid = created = model = fp = raw_usage = None
    raw_choices = _MISSING
    cdef dict extras = None
    cdef int key
    for k, v in (<dict>data).items():
        slot = _RESPONSE_KEYS.get(k)
        if slot is None:
            if extras is None:
                extras = {}
            extras[k] = v
            continue
        key = slot
        if key == R_CHOICES:
            raw_choices = v
        elif key == R_USAGE:
            raw_usage = v
        elif key == R_ID:
            rid = v
        elif key == R_CREATED:
            created = v
        elif key == R_MODEL:
            model = v
        elif key == R_FINGERPRINT:
            fp = v
    if type(raw_choices) is not list:
        raise _bad_body(req, resp, f"'choices' is missing or not a list "
                                   f"({'missing' if raw_choices is _MISSING else type(raw_choices).__name__})")
    cdef list choices = []
    # LiteLLM reads answers on its openai-SDK path through the SDK's models,
    # whose dumps always carry these keys: the same answer dumps the same here.
    cdef bint sdk = not _quirks(req.provider).rq & RQ_HTTPX
    for i, c in enumerate(<list>raw_choices):
        if type(c) is not dict or type((<dict>c).get("message")) is not dict:
            raise _bad_body(req, resp, f"choice {i} has no message object")
        try:
            choices.append(_choice(<dict>c, i, sdk))
        except (TypeError, ValueError) as e:
            raise _bad_body(req, resp, f"choice {i} is malformed: {e}") from None
    usage = _usage(raw_usage)
    try:
        r = _new_model_response(rid if isinstance(rid, str) and rid else None,
                                int(created) if isinstance(created, (int, float)) and not isinstance(created, bool)
                                else None,
                                plain_str(model) if isinstance(model, str) else None, choices, usage)
    except (TypeError, ValueError) as e:
        raise _bad_body(req, resp, str(e)) from None
    if isinstance(fp, str):
        r.system_fingerprint = fp
    if sdk:
        extras = {"moderation": None, "service_tier": None, **extras} if extras else \
            {"moderation": None, "service_tier": None}
    if extras:
        _put_extras(r, extras)
    r._origin = _hidden_source(req, resp, url, r.model, False)
    return r


cdef int _optional_fields(_Record o, object reasoning, object audio, object annotations, object images,
                         object thinking, object items) except -1:
    # A message's or a delta's optional fields, in LiteLLM's order, each only when the provider sent it.
    if reasoning is not None:
        o._setattr("reasoning_content", reasoning)
    if audio is not None:
        o._setattr("audio", audio)
    if annotations is not None:
        o._setattr("annotations", annotations)
    if images is not None:
        o._setattr("images", images)
    if thinking is not None:
        o._setattr("thinking_blocks", thinking)
    if items is not None:
        o._setattr("reasoning_items", items)
    return 0


# Message keys read by the parser (one pass over the provider's dict); the
# other keys go to provider_specific_fields.
cdef enum:
    K_CONTENT = 1
    K_ROLE
    K_TOOL_CALLS
    K_FUNCTION_CALL
    K_REASONING_CONTENT
    K_PSF
    K_THINKING_BLOCKS
    K_AUDIO
    K_ANNOTATIONS
    K_IMAGES
    K_REASONING_ITEMS

cdef dict _MESSAGE_KEYS = {
    "content": K_CONTENT, "role": K_ROLE, "tool_calls": K_TOOL_CALLS, "function_call": K_FUNCTION_CALL,
    "reasoning_content": K_REASONING_CONTENT, "provider_specific_fields": K_PSF,
    "thinking_blocks": K_THINKING_BLOCKS, "audio": K_AUDIO, "annotations": K_ANNOTATIONS, "images": K_IMAGES,
    "reasoning_items": K_REASONING_ITEMS}
assert frozenset(_MESSAGE_KEYS) == _MESSAGE_FIELDS


# Top-level keys of an answer the parser reads; the rest are kept as extras.
cdef enum:
    R_KNOWN = 0                 # known, nothing to read (object, error: handled before)
    R_CHOICES
    R_USAGE
    R_ID
    R_CREATED
    R_MODEL
    R_FINGERPRINT

cdef dict _RESPONSE_KEYS = {"choices": R_CHOICES, "usage": R_USAGE, "id": R_ID, "created": R_CREATED,
                            "model": R_MODEL, "system_fingerprint": R_FINGERPRINT, "object": R_KNOWN,
                            "error": R_KNOWN}
assert frozenset(_RESPONSE_KEYS) == _RESPONSE_FIELDS

# Keys of a choice: finish_reason and logprobs are read, the rest of the known ones skipped.
cdef enum:
    C_FINISH = 1
    C_LOGPROBS
cdef dict _CHOICE_KEYS = {k: 0 for k in _CHOICE_FIELDS}
_CHOICE_KEYS["finish_reason"] = C_FINISH
_CHOICE_KEYS["logprobs"] = C_LOGPROBS


cdef Choices _choice(dict c, Py_ssize_t index, bint sdk):
    content = role = raw_calls = fc = reasoning = given = None
    thinking = audio = annotations = images = items = None
    cdef dict psf = None
    cdef bint refusal = False
    cdef int key
    for k, v in (<dict>c["message"]).items():
        slot = _MESSAGE_KEYS.get(k)
        if slot is None:
            if psf is None:
                psf = {}
            psf[k] = v
            if k == "refusal":
                refusal = True
            continue
        key = slot
        if key == K_CONTENT:
            content = v
        elif key == K_ROLE:
            role = v
        elif key == K_TOOL_CALLS:
            raw_calls = v
        elif key == K_FUNCTION_CALL:
            fc = v
        elif key == K_REASONING_CONTENT:
            reasoning = v
        elif key == K_PSF:
            given = v
        elif key == K_THINKING_BLOCKS:
            thinking = v
        elif key == K_AUDIO:
            audio = v
        elif key == K_ANNOTATIONS:
            annotations = v
        elif key == K_IMAGES:
            images = v
        else:
            items = v
    cdef Message msg = _new_message(content, role or "assistant", _tool_calls(raw_calls), fc)
    if reasoning is None and psf is not None and isinstance(psf.get("reasoning"), str):
        reasoning = psf["reasoning"]
    if reasoning is None and isinstance(content, str) and (<str>content).startswith("<"):
        reasoning, rest = _split_think(content)
        if reasoning is not None:
            msg.content = rest
    _optional_fields(msg, reasoning, audio, annotations, images, thinking, items)
    if sdk and not refusal:
        psf = {"refusal": None} if psf is None else {"refusal": None, **psf}
    if isinstance(given, dict) and given:
        psf = {**given, **psf} if psf else dict(given)
    if thinking is not None:
        psf = dict(psf or {})
        psf["thinking_blocks"] = thinking
    if psf:
        msg.provider_specific_fields = psf
        msg._unset = 0                      # provider_specific_fields counts as set
        if not _gc_is_tracked(msg):         # a dict now hangs off it (tracking twice would abort)
            _gc_track(msg)
    reason = lp = None
    cdef dict choice_psf = {}
    for k, v in c.items():
        slot = _CHOICE_KEYS.get(k)
        if slot is None:
            choice_psf[k] = v
        elif <int>slot == C_FINISH:
            reason = v
        elif <int>slot == C_LOGPROBS:
            lp = v
    mapped = _FINISH.get(reason, "stop") if isinstance(reason, str) else (c.get("finish_details") or "stop")
    if mapped == "stop" and msg.tool_calls:
        mapped = "tool_calls"
    cdef Choices ch = _new_choices(mapped, index, msg)
    if isinstance(reason, str) and reason and mapped != reason and not (reason == "stop" and mapped == "tool_calls"):
        choice_psf["native_finish_reason"] = reason
    _put(ch, "provider_specific_fields", choice_psf)
    if lp is not None:
        ch._setattr("logprobs", lp)
    return ch


cdef tuple _split_think(str content):
    for tag in ("think", "thinking", "budget:thinking"):
        opening = f"<{tag}>"
        if content.startswith(opening):
            end = content.find(f"</{tag}>")
            if end >= 0:
                return content[len(opening):end], content[end + len(tag) + 3:]
    return None, content


cdef object _tool_calls(object raw):
    if not raw:
        return None
    if not isinstance(raw, list):
        raise TypeError(f"tool_calls must be a list, got {type(raw).__name__}")
    cdef list out = []
    for tc in raw:
        if not isinstance(tc, dict):
            raise TypeError("each tool call must be an object")
        fn = tc.get("function")
        call = _ToolCall.__new__(_ToolCall)
        (<ChatCompletionMessageToolCall>call).function = FunctionCall(**fn) if isinstance(fn, dict) else fn
        (<ChatCompletionMessageToolCall>call).id = tc.get("id") or _new_uuid()
        (<ChatCompletionMessageToolCall>call).type = tc.get("type") or "function"
        for k, v in tc.items():
            if k not in ("function", "id", "type"):
                setattr(call, k, v)
        out.append(call)
    return out


cdef Usage _usage(object raw):
    if raw is None:
        return _new_usage(0, 0, 0)
    if not isinstance(raw, dict):
        raise APIError(500, f"usage must be an object, got {type(raw).__name__}")
    return _usage_from_dict(raw)


@cython.final
cdef class _Hidden(_LazyHidden):
    """A real call's _hidden_params, built only if someone reads them."""
    cdef Request req
    cdef str url
    cdef object provider_model
    cdef bint stream

    cdef dict build(self):
        return _hidden_params(self.req, self.headers, _api_base(self.url), self.provider_model, self.stream)


cdef str _api_base(str url):
    # LiteLLM's api_base: the URL it sent to, without the endpoint's path.
    cut = url.find(CHAT_PATH)
    return url if cut < 0 else url[:cut]


cdef _Hidden _hidden_source(Request req, object answer, str url, object provider_model, bint stream):
    cdef _Hidden h = _Hidden.__new__(_Hidden)
    h.req = req
    h.answer = answer
    h.url = url
    h.provider_model = provider_model
    h.stream = stream
    return h


cdef dict _hidden_params(Request req, dict headers, object api_base, object provider_model, bint stream):
    return {
        "custom_llm_provider": req.provider,
        "region_name": None,
        "additional_headers": _additional_headers(headers, stream),
        "api_base": api_base,
        "model_id": (req.model_info or {}).get("id") if isinstance(req.model_info, dict) else None,
        "response_cost": None,
        "litellm_model_name": req.original_model,
        "provider_response_model": provider_model,
    }


cpdef dict _additional_headers(dict headers, bint stream):
    """LiteLLM's additional_headers: every header as llm_provider-<name>, rate limits also bare."""
    cdef dict out = {}
    for name in (STREAM_RATE_LIMIT_HEADERS if stream else RATE_LIMIT_HEADERS):
        v = headers.get(name)
        if v is not None:
            out[name] = v
    for name, v in headers.items():
        out[name if "llm_provider" in name else "llm_provider-" + name] = v
    rid = headers.get("request-id") or headers.get("x-request-id")
    if rid:
        if not stream:
            out["llm_provider-request-id"] = rid
        out["request-id"] = rid
    return out


# -- errors -------------------------------------------------------------------------

cpdef object parse_error(Request req, int status, dict headers, bytes body):
    """The fastcore exception for an HTTP error answer."""
    try:
        data = _loads(body) if body else None
    except _JSONDecodeError:
        data = None
    return exception_for_status(status, data, req.provider, req.model, headers, body)


# -- streams ----------------------------------------------------------------------

cdef enum:
    KEY_CACHE = 16      # key positions remembered per table


@cython.final
cdef class _KeyCache:
    """A key table's answers for the key order one stream keeps sending.

    orjson hands out the same str object for a key it has seen, so a chunk's
    keys are usually the very objects of the chunk before: an identity check
    per position replaces a table lookup. `seen` holds the keys (so their
    addresses stay theirs); `slots[j]` is the table's answer for seen[j].
    """
    cdef dict table
    cdef list seen
    cdef int slots[KEY_CACHE]

    cdef inline int slot(self, Py_ssize_t i, object k) except -2:
        """The table's value for key `k` at position `i` of its dict; -1 for a key the table lacks."""
        cdef Py_ssize_t n = len(self.seen)
        if i < n and self.seen[i] is k:
            return self.slots[i]
        found = self.table.get(k)
        cdef int slot = -1 if found is None else <int>found
        if i < n:
            self.seen[i] = k
            self.slots[i] = slot
        elif i == n and n < KEY_CACHE:
            self.seen.append(k)
            self.slots[i] = slot
        return slot


cdef _KeyCache _key_cache(dict table):
    cdef _KeyCache c = _KeyCache.__new__(_KeyCache)
    c.table = table
    c.seen = []
    return c


@cython.final
cdef class StreamState:
    """What one network stream has seen so far, for chunks shaped as LiteLLM shapes them."""
    cdef Request req
    cdef public object id
    cdef object created
    cdef bint role_sent
    cdef public bint finished          # a finish_reason came
    cdef public bint done              # [DONE] came
    cdef bint saw_tool_calls
    cdef public list texts          # content so far, to count the usage asked for when the provider sends none
    cdef ModelResponseStream last   # the last chunk handed out
    cdef public object usage
    cdef public dict headers
    cdef object api_base
    cdef bint include_usage
    cdef bint sdk                   # LiteLLM reads this provider through the openai SDK's models
    cdef object fingerprint
    cdef object service_tier
    cdef _Hidden hidden
    cdef _KeyCache chunk_keys, choice_keys, delta_keys


cpdef StreamState new_stream(Request req, dict headers, str url):
    cdef StreamState st = StreamState.__new__(StreamState)
    st.req = req
    st.texts = []
    st.headers = headers
    st.api_base = _api_base(url)
    st.created = _now()
    opts = req.stream_options
    st.include_usage = bool(isinstance(opts, dict) and opts.get("include_usage"))
    st.sdk = not _quirks(req.provider).rq & RQ_HTTPX
    st.hidden = _hidden_source(req, headers, url, None, True)
    st.chunk_keys = _key_cache(_CHUNK_KEYS)
    st.choice_keys = _key_cache(_STREAM_CHOICE_KEYS)
    st.delta_keys = _key_cache(_DELTA_KEYS)
    return st


# Top-level keys of a stream chunk the parser reads.
cdef enum:
    S_CHOICES = 1
    S_ID
    S_USAGE
    S_FINGERPRINT
    S_SERVICE_TIER
    S_ERROR

cdef dict _CHUNK_KEYS = {"choices": S_CHOICES, "id": S_ID, "usage": S_USAGE, "system_fingerprint": S_FINGERPRINT,
                         "service_tier": S_SERVICE_TIER, "error": S_ERROR, "object": 0, "created": 0, "model": 0,
                         "provider_specific_fields": 0, "citations": 0, "moderation": 0}


def parse_chunk(StreamState st, SSEEvent event):
    """The chunks (zero, one or two) that one SSE event becomes."""
    cdef list out = []
    _parse_chunk(st, event, out)
    return out


cdef int _parse_chunk(StreamState st, SSEEvent event, list out) except -1:
    cdef int key
    cdef bytes data = event.data
    if len(data) == 6 and data == b"[DONE]":
        st.done = True
        return 0
    if not data or data.isspace():
        return 0
    try:
        obj = _loads(data)
    except _JSONDecodeError:
        raise APIConnectionError(f"{provider_label(st.req.provider)}Exception - the stream sent an event that is "
                                 f"not JSON: {data[:200].decode('utf-8', 'replace')!r}",
                                 st.req.provider, st.req.model) from None
    if type(obj) is not dict:
        return 0
    choices = cid = None
    cdef dict extras = None         # keys LiteLLM's SDK path copies onto content chunks
    cdef Py_ssize_t i = 0
    for k, v in (<dict>obj).items():
        key = st.chunk_keys.slot(i, k)
        i += 1
        if key < 0:
            if extras is None:
                extras = {}
            extras[k] = v
            continue
        if key == S_CHOICES:
            choices = v
        elif key == S_ID:
            cid = v
        elif key == S_USAGE:
            if isinstance(v, dict):
                st.usage = v
        elif key == S_FINGERPRINT:
            if st.sdk and v is not None:
                st.fingerprint = v
        elif key == S_SERVICE_TIER:
            if v is not None:
                st.service_tier = v
        elif key == S_ERROR:
            if v:
                raise _stream_error(st, <dict>obj)
            if extras is None:      # an empty "error" is kept as it came
                extras = {}
            extras[k] = v
    if event.event is not None and event.event == "error":
        raise _stream_error(st, <dict>obj)
    if st.id is None and isinstance(cid, str) and cid:
        st.id = cid
    if type(choices) is not list:
        return 0
    for c in <list>choices:
        if type(c) is not dict:
            continue
        _chunk_choice(st, <dict>c, extras, out)
    return 0


# Keys of a stream choice the parser reads.
cdef enum:
    SC_DELTA = 1
    SC_FINISH
    SC_INDEX
    SC_LOGPROBS

cdef dict _STREAM_CHOICE_KEYS = {"delta": SC_DELTA, "finish_reason": SC_FINISH, "index": SC_INDEX,
                                 "logprobs": SC_LOGPROBS}


# Delta keys the parser reads (one pass over the provider's delta).
cdef enum:
    D_CONTENT = 1
    D_TOOL_CALLS
    D_FUNCTION_CALL
    D_REASONING_CONTENT
    D_REASONING
    D_PSF
    D_ANNOTATIONS
    D_AUDIO
    D_IMAGES
    D_REASONING_ITEMS
    D_THINKING_BLOCKS
    D_REFUSAL

cdef dict _DELTA_KEYS = {
    "content": D_CONTENT, "tool_calls": D_TOOL_CALLS, "function_call": D_FUNCTION_CALL,
    "reasoning_content": D_REASONING_CONTENT, "reasoning": D_REASONING, "provider_specific_fields": D_PSF,
    "annotations": D_ANNOTATIONS, "audio": D_AUDIO, "images": D_IMAGES, "reasoning_items": D_REASONING_ITEMS,
    "thinking_blocks": D_THINKING_BLOCKS, "refusal": D_REFUSAL}


cdef void _chunk_choice(StreamState st, dict c, dict extras, list out) except *:
    content = tool_calls = fc = reasoning = alt_reasoning = psf = None
    annotations = audio = images = items = thinking = refusal = None
    cdef bint has_refusal = False
    cdef int key
    cdef Py_ssize_t i = 0
    delta = reason = index = lp = None
    for k, v in c.items():
        key = st.choice_keys.slot(i, k)
        i += 1
        if key == SC_DELTA:
            delta = v
        elif key == SC_FINISH:
            reason = v
        elif key == SC_INDEX:
            index = v
        elif key == SC_LOGPROBS:
            lp = v
    i = 0
    if type(delta) is dict:
        for k, v in (<dict>delta).items():
            key = st.delta_keys.slot(i, k)
            i += 1
            if key < 0:
                continue
            if key == D_CONTENT:
                content = v
            elif key == D_TOOL_CALLS:
                tool_calls = v
            elif key == D_FUNCTION_CALL:
                fc = v
            elif key == D_REASONING_CONTENT:
                reasoning = v
            elif key == D_REASONING:
                alt_reasoning = v
            elif key == D_PSF:
                psf = v
            elif key == D_ANNOTATIONS:
                annotations = v
            elif key == D_AUDIO:
                audio = v
            elif key == D_IMAGES:
                images = v
            elif key == D_REASONING_ITEMS:
                items = v
            elif key == D_THINKING_BLOCKS:
                thinking = v
            else:
                refusal = v
                has_refusal = True
    if reasoning is None and isinstance(alt_reasoning, str):
        reasoning = alt_reasoning
    index = index or 0
    cdef bint has_content = isinstance(content, str) and len(<str>content) != 0
    cdef bint first = not st.role_sent
    cdef bint non_empty = (first or has_content or bool(tool_calls) or fc is not None or reasoning is not None
                           or bool(psf) or annotations is not None or audio is not None or bool(images)
                           or bool(items))
    cdef Delta d
    if non_empty:
        # The first chunk always goes out, carrying the role.
        d = _new_delta(content if (has_content or first) else None, "assistant" if first else None, None, None)
        if tool_calls:
            st.saw_tool_calls = True
            d.tool_calls = _delta_tool_calls(tool_calls)
        if fc is not None:
            d.function_call = FunctionCall(**fc) if isinstance(fc, dict) else fc
        _optional_fields(d, reasoning, audio, annotations, images, thinking, items)
        # LiteLLM's SDK path: the SDK's delta model carries `refusal`, and its
        # first chunk is rebuilt without provider_specific_fields.
        if not (st.sdk and first):
            d.provider_specific_fields = psf
            _slot_written(d, psf, _DELTA_PSF_BIT)
        if st.sdk or has_refusal:
            _set_refusal(d, refusal)
        if has_content and st.include_usage:
            st.texts.append(content)
        out.append(_chunk(st, d, None, index, True, extras, True, lp))
        st.role_sent = True
    if isinstance(reason, str) and reason:
        st.finished = True
        mapped = _FINISH.get(reason, "stop")
        if mapped == "stop" and st.saw_tool_calls:
            mapped = "tool_calls"
        # Split off a content chunk, the finish chunk is LiteLLM's own (no SDK fields).
        out.append(_chunk(st, _new_delta(None, None, None, None), mapped, index, not non_empty, None, False, None))


cdef object _delta_tool_calls(object raw):
    if not isinstance(raw, list):
        raise APIConnectionError("the stream sent tool_calls that are not a list")
    # A fragment without an id dumps id=None, as LiteLLM's do.
    return Delta(tool_calls=[dict(tc, type=tc.get("type") or "function", id=tc.get("id"))
                             if isinstance(tc, dict) else tc for tc in raw]).tool_calls


cdef ModelResponseStream _chunk(StreamState st, Delta delta, object finish, object index, bint from_provider,
                                dict extras, bint content, object logprobs):
    """A chunk as LiteLLM shapes it: its id, its clock, the requested model name.

    `from_provider`: built from a provider's chunk (not one LiteLLM adds);
    `content`: a content chunk, with `extras` (the provider's unknown top-level
    keys) and the choice's `logprobs`.
    """
    cdef StreamingChoices sc = _new_streaming_choices(finish, index if isinstance(index, int) else 0, delta)
    if content and logprobs is not None:
        sc.logprobs = logprobs
    cdef ModelResponseStream chunk = _new_stream_chunk(st.id or _new_id(), st.created, st.req.model, [sc])
    if st.id is None:
        st.id = chunk.id
    if st.sdk or from_provider:
        chunk.system_fingerprint = st.fingerprint
        _slot_written(chunk, st.fingerprint, _STREAM_FINGERPRINT_BIT)
    if from_provider:
        _set_chunk_extras(chunk, content, st.service_tier, st.sdk)
        if st.sdk and extras and content:
            _put_extras(chunk, PyDict_Copy(extras))     # one dict per chunk: a choice each
    chunk._origin = st.hidden
    st.last = chunk
    return chunk


cpdef list end_stream(StreamState st, object count_usage):
    """Chunks owed when the body ends: a finish chunk if none came, then usage if asked for."""
    cdef list out = []
    if not st.finished:
        if not st.done and not st.role_sent:
            raise APIConnectionError(f"{provider_label(st.req.provider)}Exception - the stream ended before any "
                                     f"event", st.req.provider, st.req.model)
        if not st.done:
            raise APIConnectionError(f"{provider_label(st.req.provider)}Exception - the stream ended before its "
                                     f"last event (no finish_reason, no [DONE])", st.req.provider, st.req.model)
        st.finished = True
        out.append(_chunk(st, _new_delta(None, None, None, None), "tool_calls" if st.saw_tool_calls else "stop",
                          0, False, None, False, None))
    usage = _full_usage(st.usage) if st.usage is not None else None
    if st.include_usage:
        chunk = _new_stream_chunk(st.id or _new_id(), st.created, st.req.model,
                                  [_new_streaming_choices(None, 0, _new_delta(None, None, None, None))])
        if st.sdk:
            chunk._setattr("system_fingerprint", st.fingerprint)
        chunk._setattr("provider_specific_fields", None)
        if st.service_tier is not None:
            chunk._setattr("service_tier", st.service_tier)
        chunk.usage = usage if usage is not None else count_usage()
        add_usage_cost(chunk.usage, st.req.model, st.req.provider)
        chunk._origin = st.hidden
        out.append(chunk)
    elif usage is not None and st.last is not None:
        st.last._hidden_params["usage"] = usage     # where LiteLLM keeps it; stream_chunk_builder reads it there
    return out


cdef Usage _full_usage(dict raw):
    # LiteLLM's stream usage comes from its chunk builder, whose details
    # objects have every field set: they dump in full.
    cdef Usage u = Usage(**raw)
    if isinstance(u.completion_tokens_details, _Record):
        (<_Record>u.completion_tokens_details)._unset = 0
    if isinstance(u.prompt_tokens_details, _Record):
        (<_Record>u.prompt_tokens_details)._unset = 0
    return u


cdef object _stream_error(StreamState st, dict obj):
    err = obj.get("error")
    code = err.get("code") if isinstance(err, dict) else None
    status = code if isinstance(code, int) and 400 <= code < 600 else 500
    exc = exception_for_status(status, obj, st.req.provider, st.req.model, st.headers, b"")
    return exc


# -- the format, as call.pyx sees it ---------------------------------------------

@cython.final
cdef class OpenAIWire(Wire):
    cdef tuple build_request(self, Request req, dict settings):
        return build_request(req, settings)

    cdef object parse_response(self, Request req, Response resp, str url):
        return parse_response(req, resp, url)

    cdef object parse_error(self, Request req, int status, dict headers, bytes body):
        return parse_error(req, status, headers, body)

    cdef object new_stream(self, Request req, dict headers, str url):
        return new_stream(req, headers, url)

    cdef int parse_chunk(self, object state, SSEEvent event, list out) except -1:
        return _parse_chunk(<StreamState?>state, event, out)

    cdef list end_stream(self, object state, object count_usage):
        return end_stream(<StreamState?>state, count_usage)

    cdef int default_retries(self, str provider) except -1:
        return _default_retries(provider)


WIRE = OpenAIWire("openai")
