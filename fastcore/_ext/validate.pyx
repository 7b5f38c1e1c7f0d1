# cython: language_level=3
"""Request validation: model, messages, tool_choice, stop.

LiteLLM fixes some inputs silently (a missing role becomes "assistant", None
fields are dropped, stop lists are cut to four) and crashes deep inside on
others (`messages="hi"` raises AttributeError). We keep the fixes and turn the
crashes into BadRequestError naming the argument.

The messages list belongs to the caller, who may trim it from another thread
or from a message's own model_dump(): it is read once, into a snapshot.
"""
cimport cython

from fastcore._ext.safety cimport plain_str

from fastcore.exceptions import BadRequestError
from fastcore.redact import short_repr

VALID_ROLES = frozenset(("system", "user", "assistant", "tool", "function", "developer"))
VALID_USER_CONTENT_TYPES = frozenset((
    "text", "image_url", "input_audio", "audio_url", "document", "guarded_text",
    "grounding_source", "query", "video_url", "file",
))
MAX_STOP_SEQUENCES = 4

cdef frozenset _ROLES = VALID_ROLES
cdef frozenset _USER_TYPES = VALID_USER_CONTENT_TYPES


cdef inline object _bad(str message, str param, object model):
    return BadRequestError(message, model, None, param=param)


cpdef str check_model(object model):
    """The model name as a plain str (str subclasses and str enums are accepted)."""
    if type(model) is str:
        if model:
            return <str>model
    elif isinstance(model, str):
        if model:
            return <str>plain_str(model)
    elif model is not None:
        raise _bad(f"`model` must be a str, got {type(model).__name__}", "model", None)
    raise _bad("`model` is required: pass a model name such as 'openai/gpt-4o'", "model", None)


cdef dict _as_dict(object m, Py_ssize_t i, object model):
    # pydantic models (LiteLLM's Message, openai's params) and our own objects
    # expose model_dump(); anything else is a caller mistake.
    dump = getattr(m, "model_dump", None)
    if dump is not None:
        d = dump()
        if isinstance(d, dict):
            return d
    raise _bad(f"messages[{i}] must be a dict with 'role' and 'content', got {type(m).__name__}",
               "messages", model)


cdef dict _fix_message(dict m, Py_ssize_t i, object model):
    """Return `m`, or a fixed copy; never mutate the caller's dict."""
    cdef dict fixed = None
    role = m.get("role")
    if role is None or (type(role) is str and not role):
        # LiteLLM's rule: a message without a role is the assistant's.
        fixed = dict(m)
        fixed["role"] = role = "assistant"
    else:
        role = plain_str(role)
        if type(role) is not str or role not in _ROLES:
            raise _bad(f"messages[{i}] has an invalid role {short_repr(role)}; expected one of "
                       f"{', '.join(sorted(_ROLES))}", "messages", model)
    content = m.get("content")
    if content is not None and type(content) is not str:
        if isinstance(content, list):
            _check_parts(list(<list>content), i, <str>role, model)
        elif not isinstance(content, str):
            raise _bad(f"messages[{i}].content must be a str, a list of content parts or None, "
                       f"got {type(content).__name__}", "messages", model)
    # No snapshot needed: this loop runs no Python code, so nothing can change m under it.
    for v in m.values():
        if v is None:
            # Some providers reject explicit nulls ({"function_call": None}).
            src = fixed if fixed is not None else m
            return {k: x for k, x in list(src.items()) if x is not None}
    return fixed if fixed is not None else m


cdef void _check_parts(list parts, Py_ssize_t i, str role, object model) except *:
    for part in parts:
        if isinstance(part, dict):
            kind = plain_str((<dict>part).get("type"))
            if role == "user" and (type(kind) is not str or kind not in _USER_TYPES):
                raise _bad(f"messages[{i}].content has a part of invalid type "
                           f"{short_repr(kind)}; user content parts must be one of "
                           f"{', '.join(sorted(_USER_TYPES))}", "messages", model)
        elif not isinstance(part, str):
            raise _bad(f"messages[{i}].content parts must be dicts, got {type(part).__name__}",
                       "messages", model)


cpdef list check_messages(object messages, object model=None):
    """Validated messages, as a new list (a snapshot: the caller's list is never read twice)."""
    cdef list src
    cdef Py_ssize_t i
    cdef dict m, f
    if messages is None:
        return []
    if isinstance(messages, (list, tuple)):
        src = list(messages)
    else:
        raise _bad(f"`messages` must be a list of message dicts, got {type(messages).__name__}"
                   + (" (wrap it: [{'role': 'user', 'content': ...}])" if isinstance(messages, str) else ""),
                   "messages", model)
    for i in range(len(src)):
        item = src[i]
        if type(item) is dict:
            m = <dict>item
        else:
            m = _as_dict(item, i, model) if not isinstance(item, dict) else dict(item)
        f = _fix_message(m, i, model)
        if f is not item:
            src[i] = f
    return src


cpdef object check_tool_choice(object tool_choice, object model=None):
    if tool_choice is None or type(tool_choice) is str:
        return tool_choice
    if isinstance(tool_choice, str):
        return plain_str(tool_choice)
    if isinstance(tool_choice, dict):
        kind = plain_str((<dict>tool_choice).get("type"))
        if kind in ("auto", "none", "required") and "function" not in tool_choice:
            return kind
        fn = (<dict>tool_choice).get("function")
        if kind is None or not isinstance(fn, dict) or not isinstance(fn.get("name"), str):
            raise _bad(f"`tool_choice` must be 'auto', 'none', 'required' or "
                       f"{{'type': 'function', 'function': {{'name': ...}}}}, got {short_repr(tool_choice)}",
                       "tool_choice", model)
        return tool_choice
    raise _bad(f"`tool_choice` must be a str or a dict, got {type(tool_choice).__name__}",
               "tool_choice", model)


cpdef object check_stop(object stop):
    # OpenAI takes at most four stop sequences; LiteLLM cuts longer lists.
    if isinstance(stop, str):
        return plain_str(stop)
    if isinstance(stop, (list, tuple)):
        stop = [plain_str(s) for s in stop]
        if len(<list>stop) > MAX_STOP_SEQUENCES:
            return (<list>stop)[:MAX_STOP_SEQUENCES]
    return stop


# ----------------------------------------------------- control arguments ----
# Arguments the core itself acts on (the mock, the transport, the mapping's
# drop lists). Each is checked where it is read, so that a value can never fail
# later inside the core with a bare TypeError or OverflowError.

from libc.math cimport isfinite

MAX_MOCK_CHOICES = 128          # OpenAI's own limit for `n`


cdef inline bint _is_number(object v):
    return (type(v) is float or type(v) is int or isinstance(v, (int, float))) and not isinstance(v, bool)


cpdef object check_price(object value, str param, object model=None):
    """A price in USD: a finite number (or numeric string) >= 0; numbers come back as given."""
    cdef double p
    if _is_number(value):
        p = float(value) if not isinstance(value, int) or -(1 << 62) < value < (1 << 62) else float("inf")
    elif isinstance(value, str):
        try:
            value = p = float(value)
        except ValueError:
            raise _bad(f"`{param}` must be a price (a number), got {short_repr(value)}", param, model) from None
    else:
        raise _bad(f"`{param}` must be a price (a number), got {type(value).__name__}", param, model)
    if not isfinite(p) or p < 0:
        raise _bad(f"`{param}` must be a finite price >= 0, got {short_repr(value)}", param, model)
    return value


cpdef double check_seconds(object value, str param, object model=None, bint allow_zero=True) except -1:
    """A duration in seconds: a finite number (or numeric string) >= 0 (> 0 unless allow_zero)."""
    cdef double t
    if _is_number(value):
        try:
            t = <double>float(value)
        except OverflowError:
            t = float("inf")
    elif isinstance(value, str):
        try:
            t = float(value)
        except ValueError:
            raise _bad(f"`{param}` must be a number of seconds, got {short_repr(value)}", param, model) from None
    else:
        raise _bad(f"`{param}` must be a number of seconds, got {type(value).__name__}", param, model)
    if not isfinite(t) or t < 0 or (t == 0 and not allow_zero):
        raise _bad(f"`{param}` must be a finite number of seconds {'>=' if allow_zero else '>'} 0, "
                   f"got {short_repr(value)}", param, model)
    return t


TIMEOUT_PARTS = ("connect", "read", "write", "pool")


cpdef object check_timeout(object value, str param="timeout", object model=None):
    """None, seconds as a float, or (connect, read, write, pool) with None for "no limit".

    Accepts what LiteLLM accepts: a number, a numeric string, an httpx.Timeout
    (or any object with connect/read/write/pool attributes), and also a dict of
    those parts or a (connect, read) pair.
    """
    if value is None:
        return None
    if _is_number(value) or isinstance(value, str):
        return check_seconds(value, param, model, False)
    if isinstance(value, dict):
        unknown = [k for k in value if k not in TIMEOUT_PARTS]
        if unknown:
            raise _bad(f"`{param}` parts must be among {', '.join(TIMEOUT_PARTS)}, got {short_repr(unknown)}",
                       param, model)
        parts = [value.get(k) for k in TIMEOUT_PARTS]
    elif isinstance(value, tuple) and len(value) == 2:
        parts = [value[0], value[1], value[1], value[1]]
    elif all([hasattr(value, k) for k in TIMEOUT_PARTS[:2]]):
        parts = [getattr(value, k, None) for k in TIMEOUT_PARTS]
    else:
        raise _bad(f"`{param}` must be a number of seconds, a (connect, read) pair or an httpx.Timeout, "
                   f"got {type(value).__name__}", param, model)
    return tuple([None if p is None else check_seconds(p, param, model, False) for p in parts])


cpdef object check_count(object value, str param, object model=None, Py_ssize_t low=0,
                         Py_ssize_t high=1 << 30):
    """An int in [low, high] (bools refused)."""
    if type(value) is not int and (not isinstance(value, int) or isinstance(value, bool)):
        raise _bad(f"`{param}` must be an integer, got {type(value).__name__}", param, model)
    if not low <= value <= high:
        raise _bad(f"`{param}` must be between {low} and {high}, got {short_repr(value)}", param, model)
    return int(value)


cpdef list check_names(object value, str param, object model=None):
    """A list of names (str): for additional_drop_params and allowed_openai_params."""
    if not isinstance(value, (list, tuple, set, frozenset)):
        raise _bad(f"`{param}` must be a list of parameter names, got {type(value).__name__}", param, model)
    out = [plain_str(v) for v in value]
    for v in out:
        if type(v) is not str:
            raise _bad(f"`{param}` must be a list of parameter names (str), got an item of type "
                       f"{type(v).__name__}", param, model)
    return out


cpdef dict check_headers(object value, str param="extra_headers", object model=None):
    """HTTP headers: a mapping of str names to str values (a copy)."""
    if not isinstance(value, dict):
        if hasattr(value, "keys") and hasattr(value, "__getitem__"):
            try:
                value = {k: value[k] for k in value.keys()}
            except Exception:
                raise _bad(f"`{param}` must be a dict of header names to values", param, model) from None
        else:
            raise _bad(f"`{param}` must be a dict of header names to values, got {type(value).__name__}",
                       param, model)
    cdef dict out = {}
    for k, v in list((<dict>value).items()):
        if not isinstance(k, str):
            raise _bad(f"`{param}` names must be str, got {type(k).__name__}", param, model)
        if v is None:
            continue
        if not isinstance(v, str):
            raise _bad(f"`{param}`[{short_repr(k)}] must be a str, got {type(v).__name__}", param, model)
        out[plain_str(k)] = plain_str(v)
    return out


cpdef dict check_dict(object value, str param, object model=None):
    if not isinstance(value, dict):
        raise _bad(f"`{param}` must be a dict, got {type(value).__name__}", param, model)
    return <dict>value


cpdef object check_str(object value, str param, object model=None):
    """None or a str (str subclasses as plain str)."""
    if value is None or type(value) is str:
        return value
    if isinstance(value, str):
        return plain_str(value)
    raise _bad(f"`{param}` must be a str, got {type(value).__name__}", param, model)
