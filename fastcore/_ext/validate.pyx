# cython: language_level=3
"""Request validation: model, messages, tool_choice, stop.

LiteLLM fixes some inputs silently (a missing role becomes "assistant", None
fields are dropped, stop lists are cut to four) and crashes deep inside on
others (`messages="hi"` raises AttributeError). We keep the fixes and turn the
crashes into BadRequestError naming the argument.
"""
cimport cython

from fastcore.exceptions import BadRequestError

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
    if model is None or model == "":
        raise _bad("`model` is required: pass a model name such as 'openai/gpt-4o'", "model", model)
    if type(model) is not str:
        if not isinstance(model, str):
            raise _bad(f"`model` must be a str, got {type(model).__name__}", "model", None)
    return <str>model


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
    if not role:
        # LiteLLM's rule: a message without a role is the assistant's.
        fixed = dict(m)
        fixed["role"] = role = "assistant"
    elif type(role) is not str or role not in _ROLES:
        raise _bad(f"messages[{i}] has an invalid role {role!r}; expected one of "
                   f"{', '.join(sorted(_ROLES))}", "messages", model)
    content = m.get("content")
    if content is not None and type(content) is not str:
        if isinstance(content, list):
            _check_parts(<list>content, i, <str>role, model)
        elif not isinstance(content, str):
            raise _bad(f"messages[{i}].content must be a str, a list of content parts or None, "
                       f"got {type(content).__name__}", "messages", model)
    for v in m.values():
        if v is None:
            # Some providers reject explicit nulls ({"function_call": None}).
            src = fixed if fixed is not None else m
            return {k: x for k, x in src.items() if x is not None}
    return fixed if fixed is not None else m


cdef void _check_parts(list parts, Py_ssize_t i, str role, object model) except *:
    for part in parts:
        if isinstance(part, dict):
            if role == "user" and (<dict>part).get("type") not in _USER_TYPES:
                raise _bad(f"messages[{i}].content has a part of invalid type "
                           f"{(<dict>part).get('type')!r}; user content parts must be one of "
                           f"{', '.join(sorted(_USER_TYPES))}", "messages", model)
        elif not isinstance(part, str):
            raise _bad(f"messages[{i}].content parts must be dicts, got {type(part).__name__}",
                       "messages", model)


cpdef list check_messages(object messages, object model=None):
    """Validated messages: the caller's list when nothing needed fixing."""
    cdef list out
    cdef list src
    cdef Py_ssize_t i, n
    cdef dict m, f
    if messages is None:
        return []
    if type(messages) is list:
        src = <list>messages
    elif isinstance(messages, (list, tuple)):
        src = list(messages)
    else:
        raise _bad(f"`messages` must be a list of message dicts, got {type(messages).__name__}"
                   + (" (wrap it: [{'role': 'user', 'content': ...}])" if isinstance(messages, str) else ""),
                   "messages", model)
    out = src
    n = len(src)
    for i in range(n):
        item = src[i]
        if type(item) is dict:
            m = <dict>item
        else:
            m = _as_dict(item, i, model) if not isinstance(item, dict) else dict(item)
        f = _fix_message(m, i, model)
        if f is not item:
            if out is messages:
                out = list(src)
            out[i] = f
    return out


cpdef object check_tool_choice(object tool_choice, object model=None):
    if tool_choice is None or type(tool_choice) is str:
        return tool_choice
    if isinstance(tool_choice, dict):
        kind = (<dict>tool_choice).get("type")
        if kind in ("auto", "none", "required") and "function" not in tool_choice:
            return kind
        if kind is None or (<dict>tool_choice).get("function") is None:
            raise _bad(f"`tool_choice` must be 'auto', 'none', 'required' or "
                       f"{{'type': 'function', 'function': {{'name': ...}}}}, got {tool_choice!r}",
                       "tool_choice", model)
        return tool_choice
    raise _bad(f"`tool_choice` must be a str or a dict, got {type(tool_choice).__name__}",
               "tool_choice", model)


cpdef object check_stop(object stop):
    # OpenAI takes at most four stop sequences; LiteLLM cuts longer lists.
    if type(stop) is list and len(<list>stop) > MAX_STOP_SEQUENCES:
        return (<list>stop)[:MAX_STOP_SEQUENCES]
    return stop
