# cython: language_level=3
"""token_counter, encode and decode with LiteLLM's results, offline.

The encodings come from the BPE files fastcore ships (fastcore/tokens.py loads
and hash-checks them). Counting follows LiteLLM's accounting: every string is
counted in slices of 1,024 characters (so a long text counts a little more
than one tiktoken pass), a message costs 3 tokens plus its string fields, a
name 1 more, the reply is primed with 3, tool definitions are rendered as
LiteLLM renders them, and images are sized from their data URL. No URL is
ever fetched: an http(s) image asked for at high detail is sized at LiteLLM's
default 300x300 (docs/compat.md).
"""
cimport cython

import os
import sys

from fastcore._ext.safety cimport enter_recursion, leave_recursion
from fastcore.exceptions import BadRequestError

DEFAULT_CHUNK_CHARS = 1024
DEFAULT_MAX_EXACT_CHARS = 4_000_000
IMAGE_BASE_TOKENS = 85
IMAGE_TILE_TOKENS = 170
DEFAULT_IMAGE_TOKENS = 250          # use_default_image_token_count=True
DEFAULT_IMAGE_SIZE = (300, 300)     # an image whose size cannot be read
SHORT_CACHE_LIMIT = 4096            # counts of short strings kept per encoding
SHORT_CACHE_CHARS = 64

cdef Py_ssize_t _CHUNK = 0          # both read from the environment on first use, as LiteLLM reads them at import
cdef Py_ssize_t _MAX_EXACT = 0
cdef dict _ENCODING_OF = {}         # model -> encoding name; bounded below
cdef frozenset _OPENAI_CHAT = None  # LiteLLM's OpenAI chat model names (from the model table)


cdef Py_ssize_t _env_int(str name, Py_ssize_t default, Py_ssize_t low, Py_ssize_t high):
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        return default
    return value if low <= value <= high else default


cdef void _settings():
    global _CHUNK, _MAX_EXACT
    if _CHUNK == 0:
        _CHUNK = _env_int("TIKTOKEN_ENCODE_CHUNK_SIZE_CHARS", DEFAULT_CHUNK_CHARS, 1, 4096)
        _MAX_EXACT = _env_int("TOKEN_COUNTER_MAX_EXACT_CHARS", DEFAULT_MAX_EXACT_CHARS, 1, 1_000_000_000)


cdef frozenset _openai_chat_models():
    # LiteLLM's open_ai_chat_completion_models: the table's OpenAI rows, fine-tune price keys aside.
    global _OPENAI_CHAT
    if _OPENAI_CHAT is None:
        from fastcore._ext.models import model_cost
        _OPENAI_CHAT = frozenset([k for k, v in model_cost().items()
                                  if type(v) is dict and v.get("litellm_provider") == "openai"
                                  and not (k.startswith("ft:") and k.count(":") <= 1)])
    return _OPENAI_CHAT


cpdef str encoding_name_for(object model):
    """The encoding LiteLLM's token_counter uses for `model`: o200k_base for the OpenAI
    chat models tiktoken maps to it, cl100k_base for every other name."""
    if model is None:
        return "cl100k_base"
    if not isinstance(model, str):
        raise BadRequestError(f"`model` must be a str, got {type(model).__name__}", None, None, param="model")
    name = _ENCODING_OF.get(model)
    if name is not None:
        return name
    name = "cl100k_base"
    if model in _openai_chat_models():
        if "gpt-4o" in model:
            name = "o200k_base"
        else:
            import tiktoken.model
            try:
                found = tiktoken.model.encoding_name_for_model(model)
            except KeyError:
                found = None
            if found == "o200k_base":
                name = found
    if len(_ENCODING_OF) >= 4096:
        _ENCODING_OF.clear()
    _ENCODING_OF[str(model)] = name
    return name


@cython.final
cdef class _Counter:
    """count(s) for one encoding: LiteLLM's sliced count, with a bounded cache of short strings."""
    cdef object encode
    cdef dict short

    cdef Py_ssize_t exact(self, str s) except -1:
        cdef Py_ssize_t n = len(s), i = 0, total = 0
        if n <= _CHUNK:
            return len(self.encode(s))
        while i < n:
            total += len(self.encode(s[i:i + _CHUNK]))
            i += _CHUNK
        return total

    cdef Py_ssize_t count(self, object text) except -1:
        # A str subclass (a str enum) counts as its text: tiktoken takes exact str only, and str() of an enum
        # gives its name.
        cdef str s = text if type(text) is str else str.__str__(text)
        cdef Py_ssize_t n = len(s)
        if n == 0:
            return 0
        if n <= SHORT_CACHE_CHARS:
            hit = self.short.get(s)
            if hit is not None:
                return hit
            c = self.exact(s)
            if len(self.short) >= SHORT_CACHE_LIMIT:
                self.short.clear()
            self.short[s] = c
            return c
        if n > _MAX_EXACT:
            return self.sampled(s)
        return self.exact(s)

    cdef Py_ssize_t sampled(self, str s) except -1:
        # LiteLLM's estimate for very long strings: 16 evenly spread samples, scaled up.
        cdef Py_ssize_t n = len(s), k = min(16, _MAX_EXACT), length = _MAX_EXACT // k, j, start
        cdef Py_ssize_t tokens = 0, chars = 0
        for j in range(k):
            start = (n - length) * j // max(k - 1, 1)
            piece = s[start:start + length]
            tokens += self.exact(piece)
            chars += len(piece)
        return round(tokens * n / chars)


cdef dict _COUNTERS = {}


cpdef void forget_encodings():
    """Drop the loaded encodings (fastcore.tokens.reset_encodings(): after FASTCORE_ENCODINGS_DIR changes)."""
    _COUNTERS.clear()


cdef _Counter _counter(str encoding):
    c = _COUNTERS.get(encoding)
    if c is not None:
        return <_Counter>c
    from fastcore.tokens import get_encoding
    cdef _Counter made = _Counter.__new__(_Counter)
    made.encode = get_encoding(encoding).encode_ordinary
    made.short = {}
    _COUNTERS[encoding] = made
    return made


# ------------------------------------------------------------------ images ----

cdef tuple _image_size(bytes data):
    """(width, height) read from an image's header, or LiteLLM's default when the format is not one it reads."""
    cdef Py_ssize_t n = len(data), i
    if n >= 24 and data[:8] == b"\x89PNG\r\n\x1a\n":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if n >= 10 and data[:4] == b"GIF8" and data[5:6] == b"a":
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    if n >= 3 and data[:3] == b"\xff\xd8\xff":
        i = 2
        while i + 4 <= n:
            while i < n and data[i] == 0xFF:
                i += 1
            if i >= n:
                break
            marker = data[i]
            i += 1
            if i + 2 > n:
                break
            seg = int.from_bytes(data[i:i + 2], "big")
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                if i + 7 > n:
                    break
                return int.from_bytes(data[i + 5:i + 7], "big"), int.from_bytes(data[i + 3:i + 5], "big")
            i += seg
        return DEFAULT_IMAGE_SIZE
    if n >= 16 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        kind = data[12:16]
        if kind == b"VP8X" and n >= 30:
            return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
        if kind == b"VP8 " and n >= 30:
            return (int.from_bytes(data[26:28], "little") & 0x3FFF,
                    int.from_bytes(data[28:30], "little") & 0x3FFF)
        if kind == b"VP8L" and n >= 25:
            bits = int.from_bytes(data[21:25], "little")
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return DEFAULT_IMAGE_SIZE


cdef tuple _data_url_size(str url):
    import base64
    import binascii
    comma = url.find(",")
    if comma < 0:
        raise ValueError("the image URL is neither http(s) nor a data URL")
    try:
        raw = base64.b64decode(url[comma + 1:])
    except (binascii.Error, ValueError) as e:
        raise ValueError(f"the image's base64 data cannot be decoded: {e}") from None
    return _image_size(raw)


cdef Py_ssize_t _high_detail_tokens(Py_ssize_t w, Py_ssize_t h):
    # LiteLLM's resize (shortest side to 768, longest capped at 2,000), then 512-pixel tiles.
    cdef double a
    if w > 768 or h > 768:
        a = <double>max(w, h) / <double>min(w, h) if min(w, h) > 0 else 1.0
        if w <= h:
            w, h = 768, <Py_ssize_t>(768 * a)
            if h > 2000:
                h, w = 2000, <Py_ssize_t>(2000 / a)
        else:
            h, w = 768, <Py_ssize_t>(768 * a)
            if w > 2000:
                w, h = 2000, <Py_ssize_t>(2000 / a)
    return IMAGE_BASE_TOKENS + IMAGE_TILE_TOKENS * (((w + 511) // 512) * ((h + 511) // 512))


cdef Py_ssize_t _image_tokens(object url, str detail, bint default_count) except -1:
    if default_count:
        return DEFAULT_IMAGE_TOKENS
    if detail != "high":
        return IMAGE_BASE_TOKENS
    if url.startswith(("http://", "https://")):
        w, h = DEFAULT_IMAGE_SIZE       # LiteLLM would download it; fastcore never fetches
    else:
        w, h = _data_url_size(url)
    return _high_detail_tokens(w, h)


cdef Py_ssize_t _image_url_part(object image_url, bint default_count) except -1:
    if isinstance(image_url, dict):
        detail = image_url.get("detail", "auto")
        if detail not in ("low", "high", "auto"):
            raise ValueError(f"Invalid detail value: {detail}. Expected 'low', 'high', or 'auto'.")
        url = image_url.get("url")
        if not url or not isinstance(url, str):
            raise ValueError("Missing required key 'url' in image_url dict.")
        return _image_tokens(url, detail, default_count)
    if isinstance(image_url, str):
        if not image_url.strip():
            raise ValueError("Empty image_url string is not valid.")
        return _image_tokens(image_url, "auto", default_count)
    raise ValueError(f"Invalid image_url type: {type(image_url).__name__}. Expected str or dict with 'url' field.")


# ----------------------------------------------------------- content parts ----

_PART_KINDS = ("text, image_url, image, document, file, tool_use, tool_result, thinking, redacted_thinking, "
               "tool_reference")
# The fields of Anthropic's tool blocks LiteLLM counts.
cdef dict _TOOL_BLOCK_FIELDS = {"tool_use": ("name", "input", "caller"), "tool_result": ("content",)}


cdef Py_ssize_t _opaque_document(bint default_count):
    # A PDF or other binary document: LiteLLM without pypdf counts it as one image at auto detail.
    return DEFAULT_IMAGE_TOKENS if default_count else IMAGE_BASE_TOKENS


cdef Py_ssize_t _field(_Counter c, object value, bint default_count) except -1:
    if isinstance(value, str):
        return c.count(value)
    if isinstance(value, list):
        return _parts(c, value, default_count)
    if isinstance(value, dict):
        return c.count(str(value))
    return 0


cdef Py_ssize_t _part(_Counter c, object part, bint default_count) except -1:
    if isinstance(part, str):
        return c.count(part)
    if not isinstance(part, dict):
        raise ValueError(f"Invalid content item type: {type(part).__name__}. Expected str or dict with 'type' field "
                         f"({_PART_KINDS}).")
    if "type" not in part:
        raise ValueError("a content part has no 'type'")
    kind = part["type"]
    if kind == "text":
        return c.count(str(part.get("text", "")))
    if kind == "image_url":
        return _image_url_part(part.get("image_url"), default_count)
    if kind == "image":
        return DEFAULT_IMAGE_TOKENS if default_count else IMAGE_BASE_TOKENS
    if kind == "document":
        return _document(c, part, default_count)
    if kind == "file":
        f = part.get("file")
        if not isinstance(f, dict):
            return 0
        n = 0
        name = f.get("filename")
        if isinstance(name, str) and name:
            n += c.count(name)
        data = f.get("file_data")
        if isinstance(data, str) and data:
            n += _opaque_document(default_count)
        return n
    if kind == "tool_use" or kind == "tool_result":
        if kind == "tool_result" and "tool_use_id" not in part:
            raise ValueError("Missing required fields in tool_result block: tool_use_id")
        n = 0
        for key in _TOOL_BLOCK_FIELDS[kind]:
            if key in part:
                n += _field(c, part[key], default_count)
        return n
    if kind == "thinking" or kind == "redacted_thinking":
        thinking = str(part.get("thinking", ""))
        return c.count(thinking) if thinking else 0
    if kind == "tool_reference":
        name = part.get("tool_name")
        return c.count(str(name)) if name else 0
    raise ValueError(f"Invalid content item type: {kind}. Expected str or dict with 'type' field ({_PART_KINDS}).")


cdef Py_ssize_t _document(_Counter c, dict part, bint default_count) except -1:
    cdef Py_ssize_t n = 0
    for key in ("title", "context"):
        v = part.get(key)
        if v:
            n += c.count(str(v))
    source = part.get("source")
    if isinstance(source, dict):
        kind = source.get("type")
        if kind == "text":
            return n + c.count(str(source.get("data", "")))
        if kind == "content":
            content = source.get("content")
            if isinstance(content, str):
                return n + c.count(content)
            if isinstance(content, list):
                return n + _parts(c, content, default_count)
            return n
    return n + _opaque_document(default_count)


cdef Py_ssize_t _parts(_Counter c, list parts, bint default_count) except -1:
    cdef Py_ssize_t n = 0
    enter_recursion(" while counting nested content")
    try:
        for part in list(parts):
            n += _part(c, part, default_count)
    finally:
        leave_recursion()
    return n


cdef Py_ssize_t _content_list(_Counter c, list parts, bint default_count, object default_token_count) except -1:
    try:
        return _parts(c, parts, default_count)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as e:
        if default_token_count is not None:
            return default_token_count
        raise BadRequestError(f"cannot count the tokens of a content list: {e}", None, None,
                              param="messages") from None


cdef Py_ssize_t _search_results(_Counter c, list results) except -1:
    import json
    pieces = []
    for r in results:
        if not isinstance(r, dict):
            continue
        for key in ("source", "title"):
            if isinstance(r.get(key), str):
                pieces.append(r[key])
        content = r.get("content")
        if isinstance(content, list):
            for item in content:
                if isinstance(item, dict) and isinstance(item.get("text"), str):
                    pieces.append(item["text"])
        if "citations" in r:
            pieces.append(json.dumps(r["citations"], separators=(",", ":")))
    return c.count("".join(pieces))


# ---------------------------------------------------------------- messages ----

cdef dict _as_message(object m):
    if isinstance(m, dict):
        d = m
    elif hasattr(m, "model_dump"):
        d = m.model_dump(exclude_none=True)
    else:
        raise BadRequestError(f"each message must be a dict or a pydantic model, got {type(m).__name__}", None, None,
                              param="messages")
    return {k: v for k, v in list(d.items()) if v is not None}


cdef Py_ssize_t _message(_Counter c, dict m, bint default_count, object default_token_count) except -1:
    cdef Py_ssize_t n = 3
    for key, value in m.items():
        if key == "tool_calls":
            if not isinstance(value, list):
                raise BadRequestError(f"`tool_calls` must be a list, got {type(value).__name__}", None, None,
                                      param="messages")
            for call in value:
                if not isinstance(call, dict) or "function" not in call:
                    raise BadRequestError("each tool call must be a dict with a 'function' key", None, None,
                                          param="messages")
                fn = call["function"]
                n += c.count(str(fn.get("arguments", ""))) if isinstance(fn, dict) else 0
        elif key == "function_call":
            if not isinstance(value, dict):
                raise BadRequestError(f"`function_call` must be a dict, got {type(value).__name__}", None, None,
                                      param="messages")
            n += c.count(str(value.get("arguments", "")))
        elif isinstance(value, str):
            n += c.count(value)
            if key == "name":
                n += 1
        elif key == "content" and isinstance(value, list):
            n += _content_list(c, value, default_count, default_token_count)
        elif key == "search_results" and isinstance(value, list):
            n += _search_results(c, value)
    return n


# ------------------------------------------------------------------- tools ----

cdef str _schema_type(dict prop, Py_ssize_t indent):
    enter_recursion(" while rendering a tool schema")
    try:
        return _schema_type_of(prop, indent)
    finally:
        leave_recursion()


cdef str _schema_type_of(dict prop, Py_ssize_t indent):
    kind = prop.get("type")
    if kind == "string" or kind == "integer" or kind == "number":
        if "enum" in prop:
            return " | ".join([f'"{v}"' for v in prop["enum"]])
        return "string" if kind == "string" else "number"
    if kind == "array":
        items = prop.get("items")
        if not isinstance(items, dict):
            raise BadRequestError("an array parameter of a tool has no 'items' schema", None, None, param="tools")
        return _schema_type(items, indent) + "[]"
    if kind == "object":
        return "{\n" + _object_body(prop, indent + 2) + "\n}"
    if kind == "boolean":
        return "boolean"
    if kind == "null":
        return "null"
    return "any"


cdef str _object_body(dict obj, Py_ssize_t indent):
    props = obj.get("properties")
    if not props or not isinstance(props, dict):
        return ""
    required = obj.get("required") or []
    pad = " " * indent
    lines = []
    for key, prop in props.items():
        if not isinstance(prop, dict):
            raise BadRequestError(f"the schema of tool parameter {key!r} is not an object", None, None,
                                  param="tools")
        if prop.get("description"):
            lines.append(f"{pad}// {prop['description']}")
        optional = "" if key in required else "?"
        lines.append(f"{pad}{key}{optional}: {_schema_type(prop, indent)},")
    return "\n".join(lines)


cdef list _definitions(object tools):
    out = []
    for tool in tools:
        if not isinstance(tool, dict):
            continue
        fn = tool.get("function")
        if isinstance(fn, dict):
            out.append(fn)
            continue
        decls = tool.get("function_declarations", tool.get("functionDeclarations"))
        if isinstance(decls, list):
            out.extend([d for d in decls if isinstance(d, dict)])
            continue
        schema = tool.get("input_schema") or tool.get("parameters") or {}
        out.append({"name": tool.get("name"), "description": tool.get("description"),
                    "parameters": schema if isinstance(schema, dict) else {}})
    return out


cpdef str format_tools(object tools):
    """Tool definitions as the text LiteLLM counts for them (a TypeScript-like namespace)."""
    lines = ["namespace functions {", ""]
    for d in _definitions(tools):
        name = d.get("name")
        if not name:
            continue
        params = d.get("parameters") or {}
        if not isinstance(params, dict):
            params = {}
        if d.get("description"):
            lines.append(f"// {d['description']}")
        props = params.get("properties")
        if props and isinstance(props, dict):
            lines.extend([f"type {name} = (_: {{", _object_body(params, 0), "}) => any;", ""])
        else:
            lines.extend([f"type {name} = () => any;", ""])
    lines.append("} // namespace functions")
    return "\n".join(lines)


cdef Py_ssize_t _extras(_Counter c, object tools, object tool_choice, bint has_system) except -1:
    cdef Py_ssize_t n = 3      # the reply is primed
    if tools:
        n += c.count(format_tools(tools)) + 9
        if has_system:
            n -= 4
    if isinstance(tool_choice, str):
        if tool_choice == "none":
            n += 1
    elif isinstance(tool_choice, dict):
        fn = tool_choice.get("function")
        if not isinstance(fn, dict) or "name" not in fn:
            raise BadRequestError("`tool_choice` names no function", None, None, param="tool_choice")
        n += 7 + c.count(str(fn["name"]))
    return n


# ------------------------------------------------------------------ public ----

def token_counter(model="", custom_tokenizer=None, text=None, messages=None, count_response_tokens=False,
                  tools=None, tool_choice=None, use_default_image_token_count=False, default_token_count=None):
    """LiteLLM's token_counter: the tokens of `text`, or of `messages` as a chat prompt
    (with the reply priming, `tools` and `tool_choice` unless count_response_tokens)."""
    if sys.modules["fastcore"].__dict__.get("disable_token_counter") is True:
        return 0
    if custom_tokenizer is not None:
        raise BadRequestError("fastcore counts with the tiktoken encodings it ships; custom_tokenizer is not "
                              "supported", model, None, param="custom_tokenizer")
    if text is not None and messages is not None:
        raise BadRequestError("text and messages cannot both be set", model, None, param="text")
    if default_token_count is not None and (type(default_token_count) is not int or not 0 <= default_token_count < 1 << 62):
        raise BadRequestError("`default_token_count` must be a non-negative int", model, None,
                              param="default_token_count")
    _settings()
    cdef _Counter c = _counter(encoding_name_for(model))
    cdef bint default_count = bool(use_default_image_token_count)
    cdef Py_ssize_t n = 0
    cdef bint has_system = False
    if text is not None:
        if tools or tool_choice:
            raise BadRequestError("tools or tool_choice cannot be set if using text", model, None, param="tools")
        if isinstance(text, list):
            text = "".join([t for t in text if isinstance(t, str)])
        elif not isinstance(text, str):
            raise BadRequestError(f"`text` must be a str or a list of str, got {type(text).__name__}", model, None,
                                  param="text")
        return c.count(text)
    if messages is None:
        raise BadRequestError("Either text or messages must be provided", model, None, param="messages")
    if isinstance(messages, (str, bytes, dict)) or not hasattr(messages, "__iter__"):
        if isinstance(messages, (str, dict)) and not messages:
            messages = []
        else:
            raise BadRequestError(f"`messages` must be a list of dicts, got {type(messages).__name__}", model, None,
                                  param="messages")
    try:
        for raw in list(messages):
            m = _as_message(raw)
            if m.get("role") == "system":
                has_system = True
            n += _message(c, m, default_count, default_token_count)
    except _BAD_INPUT as e:
        raise BadRequestError(f"cannot count the tokens of `messages`: {e}", model, None, param="messages") from None
    if count_response_tokens is False:
        if tools is not None and not isinstance(tools, (list, tuple)):
            raise BadRequestError(f"`tools` must be a list, got {type(tools).__name__}", model, None, param="tools")
        try:
            n += _extras(c, tools, tool_choice, has_system)
        except _BAD_INPUT as e:
            raise BadRequestError(f"cannot count the tokens of `tools`: {e}", model, None, param="tools") from None
    return n


# What malformed input raises from inside the counting (a non-iterable, a number too large to
# print, nesting past the recursion limit, a dict changed while it is read); it reaches the caller as a
# BadRequestError.
_BAD_INPUT = (ValueError, TypeError, KeyError, AttributeError, RecursionError, RuntimeError)


def encode(model="", text="", custom_tokenizer=None):
    """Token ids of `text`, as LiteLLM's encode gives them (cl100k_base, LiteLLM's default encoding)."""
    if custom_tokenizer is not None:
        raise BadRequestError("custom_tokenizer is not supported", model, None, param="custom_tokenizer")
    if not isinstance(text, str):
        raise BadRequestError(f"`text` must be a str, got {type(text).__name__}", model, None, param="text")
    return _counter("cl100k_base").encode(text)


def decode(model="", tokens=(), custom_tokenizer=None):
    """The text of token ids, as LiteLLM's decode gives it (cl100k_base)."""
    from fastcore.tokens import get_encoding
    if custom_tokenizer is not None:
        raise BadRequestError("custom_tokenizer is not supported", model, None, param="custom_tokenizer")
    ids = list(tokens) if not isinstance(tokens, (str, bytes)) else None
    if ids is None or not all(type(t) is int for t in ids):
        raise BadRequestError("`tokens` must be a list of ints", model, None, param="tokens")
    enc = get_encoding("cl100k_base")
    try:
        return enc.decode(ids)
    except (KeyError, ValueError, OverflowError) as e:
        raise BadRequestError(f"`tokens` holds an id cl100k_base does not have: {e}", model, None,
                              param="tokens") from None
