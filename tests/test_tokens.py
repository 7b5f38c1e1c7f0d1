"""token_counter, encode and decode against LiteLLM 1.106.2, offline.

A corpus of texts (several scripts, emoji, code, long inputs) and of message
lists (names, tool calls, tools, content parts, images sized from data URLs)
must count the same for models of each encoding. The deliberate differences
(docs/compat.md): LiteLLM's packaged Claude tokenizer for its 22 newest Claude
names, an http(s) image at high detail (LiteLLM downloads it, fastcore sizes it
at LiteLLM's default), and fastcore's BadRequestError where LiteLLM raises a
bare ValueError, TypeError, KeyError or UnboundLocalError.
"""
import base64
import random
import struct
import zlib

import pytest

import fastcore
from fastcore._ext import tokens as T

O200K_MODELS = ["gpt-4o", "gpt-4.1", "gpt-5", "o3"]
CL100K_MODELS = ["gpt-4", "gpt-3.5-turbo", "claude-3-5-sonnet", "llama3", "mistral/mistral-large", "unknown-model",
                 "openai/gpt-4o", "azure/gpt-4o"]
MODELS = O200K_MODELS + CL100K_MODELS


def _long_doc() -> str:
    rng = random.Random(20240601)
    words = ["model", "token", "latency", "the", "of", "stream", "数据", "données", "🚀", "function", "2024", "API",
             "call", "response", "user", "système", "データ", "and", "in", "ключ"]
    return "\n\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(40, 90))) for _ in range(300))


TEXTS = {
    "empty": "",
    "hello": "hello world",
    "english": "The quick brown fox jumps over the lazy dog. It's 3:45pm on 2024-06-01!",
    "chinese": "我们今天去公园散步，天气非常好。机器学习模型需要大量数据。",
    "japanese": "東京は日本の首都です。ひらがなとカタカナも使います。",
    "arabic": "مرحبا بالعالم، كيف حالك اليوم؟",
    "hindi": "नमस्ते दुनिया, आप कैसे हैं?",
    "russian": "Привет, мир! Как дела сегодня?",
    "emoji": "I love 🍕 and 🚀! 👨‍👩‍👧‍👦 family 🏳️‍🌈 flag 👍🏽",
    "code": "def fib(n: int) -> int:\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n",
    "special": "<|endoftext|> and <|im_start|>user",
    "whitespace": "   \n\n\t  \n",
    "a_x5000": "a" * 5000,
    "space_x3000": " " * 3000,
    "mixed_x300": "héllo wörld 🚀 " * 300,
    "long_doc": _long_doc(),
}


# -- images: headers only (the sizes are all that is read) --------------------------------------
def _png(w, h):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b""))


def _jpeg(w, h):
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, h, w, 3) + b"\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


def _gif(w, h):
    return b"GIF89a" + struct.pack("<HH", w, h) + b"\x00\x00\x00;"


def _webp(kind, w, h):
    if kind == b"VP8X":
        body = kind + struct.pack("<I", 10) + b"\x00" * 4 + struct.pack("<I", w - 1)[:3] + struct.pack("<I", h - 1)[:3]
    elif kind == b"VP8 ":
        body = kind + struct.pack("<I", 10) + b"\x00\x00\x00\x9d\x01\x2a" + struct.pack("<HH", w, h)
    else:
        body = kind + struct.pack("<I", 5) + b"\x2f" + struct.pack("<I", ((w - 1) & 0x3FFF) | (((h - 1) & 0x3FFF) << 14))
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def _url(data, mime="image/png"):
    return f"data:{mime};base64," + base64.b64encode(data).decode()


def _img(url, detail=None):
    return {"type": "image_url", "image_url": {"url": url} if detail is None else {"url": url, "detail": detail}}


def _user(*parts):
    return [{"role": "user", "content": list(parts)}]


U = {"role": "user", "content": "Hello, how are you?"}
S = {"role": "system", "content": "You are a helpful assistant."}
TOOLS = [
    {"type": "function", "function": {"name": "get_weather", "description": "Get the current weather", "parameters": {
        "type": "object", "required": ["location", "opts"], "properties": {
            "location": {"type": "string", "description": "City and state"},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            "days": {"type": "integer", "description": "Forecast days"},
            "level": {"type": "number", "enum": [1, 2, 3]},
            "tags": {"type": "array", "items": {"type": "string"}},
            "verbose": {"type": "boolean"}, "nothing": {"type": "null"}, "anything": {"description": "untyped"},
            "opts": {"type": "object", "description": "Options", "required": ["lang"], "properties": {
                "lang": {"type": "string"}, "depth": {"type": "integer"},
                "inner": {"type": "object", "properties": {"flag": {"type": "boolean"}}, "required": ["flag"]}}}}}}},
    {"type": "function", "function": {"name": "get_time", "description": "Get the current time"}},
    {"type": "function", "function": {"name": "noop", "parameters": {"type": "object", "properties": {}}}},
]
ANTHROPIC_TOOLS = [{"name": "search", "description": "Search the web", "input_schema": {
    "type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]}}]
GEMINI_TOOLS = [{"function_declarations": [{"name": "lookup", "description": "Look up", "parameters": {
    "type": "object", "properties": {"id": {"type": "integer"}}}}]}]
NAMED = {"type": "function", "function": {"name": "get_weather"}}
AUDIO = {"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}}

CASES = {
    "one_user": ([U], {}),
    "empty_list": ([], {}),
    "sys_user": ([S, U], {}),
    "with_name": ([S, {"role": "user", "content": "Hi", "name": "alice"}], {}),
    "empty_name": ([{"role": "user", "content": "Hi", "name": ""}], {}),
    "content_none": ([{"role": "assistant", "content": None}], {}),
    "extra_keys": ([{"role": "user", "content": "Hi", "foo": "bar baz", "n": 5, "d": {"a": "b"}}], {}),
    "tool_roundtrip": ([U, {"role": "assistant", "content": None, "tool_calls": [
        {"id": "call_abc123", "type": "function", "function": {"name": "get_weather", "arguments": '{"location": "Paris"}'}},
        {"id": "call_def456", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "call_abc123", "content": '{"temp": 21}'},
        {"role": "tool", "tool_call_id": "call_def456", "name": "get_time", "content": "12:00"}], {}),
    "tool_call_args_dict": ([{"role": "assistant", "tool_calls": [
        {"id": "c", "type": "function", "function": {"name": "f", "arguments": {"a": 1}}}]}], {}),
    "tool_call_args_none": ([{"role": "assistant", "tool_calls": [
        {"id": "c", "type": "function", "function": {"name": "f", "arguments": None}}]}], {}),
    "function_call": ([{"role": "assistant", "content": None, "function_call": {"name": "w", "arguments": '{"a": 1}'}},
                       {"role": "function", "name": "w", "content": "sunny"}], {}),
    "content_parts": (_user({"type": "text", "text": "Hello"}, {"type": "text", "text": " world"}, "raw part"), {}),
    "text_part_none": (_user({"type": "text", "text": None}), {}),
    "img_http_auto": (_user(_img("https://example.com/cat.png")), {}),
    "img_http_low": (_user(_img("https://example.com/cat.png", "low")), {}),
    "img_str": (_user({"type": "text", "text": "What?"}, {"type": "image_url", "image_url": "https://x/c.png"}), {}),
    "img_http_high_flag": (_user(_img("https://example.com/cat.png", "high")), {"use_default_image_token_count": True}),
    "img_png1024_auto": (_user(_img(_url(_png(1024, 1024)))), {}),
    "img_png1024_high": (_user(_img(_url(_png(1024, 1024)), "high")), {}),
    "img_png100_high": (_user(_img(_url(_png(100, 100)), "high")), {}),
    "img_png769x100_high": (_user(_img(_url(_png(769, 100)), "high")), {}),
    "img_png2048x4096_high": (_user(_img(_url(_png(2048, 4096)), "high")), {}),
    "img_png4096x2048_high": (_user(_img(_url(_png(4096, 2048)), "high")), {}),
    "img_png512x2048_high": (_user(_img(_url(_png(512, 2048)), "high")), {}),
    "img_jpeg1920x1080_high": (_user(_img(_url(_jpeg(1920, 1080), "image/jpeg"), "high")), {}),
    "img_gif640x480_high": (_user(_img(_url(_gif(640, 480), "image/gif"), "high")), {}),
    "img_webp_vp8x_high": (_user(_img(_url(_webp(b"VP8X", 3000, 1000), "image/webp"), "high")), {}),
    "img_webp_vp8_high": (_user(_img(_url(_webp(b"VP8 ", 1200, 800), "image/webp"), "high")), {}),
    "img_webp_vp8l_high": (_user(_img(_url(_webp(b"VP8L", 512, 2048), "image/webp"), "high")), {}),
    "img_unknown_bytes_high": (_user(_img(_url(b"not an image at all"), "high")), {}),
    "anthropic_image": (_user({"type": "image", "source": {"type": "base64", "media_type": "image/png",
                                                           "data": "AAAA"}}), {}),
    "audio_with_default": (_user({"type": "text", "text": "hi"}, AUDIO), {"default_token_count": 7}),
    "file_pdf": (_user({"type": "file", "file": {"filename": "report.pdf",
                                                 "file_data": "data:application/pdf;base64,JVBERi0xLjQK"}}), {}),
    "file_id_only": (_user({"type": "file", "file": {"file_id": "file-abc123"}}), {}),
    "thinking": ([{"role": "assistant", "content": [{"type": "thinking", "thinking": "Let me think.", "signature": "s"},
                                                    {"type": "text", "text": "Answer"}]}], {}),
    "tool_use_blocks": ([{"role": "assistant", "content": [
        {"type": "tool_use", "id": "t1", "name": "get_weather", "input": {"location": "Paris"}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1", "content": "21 degrees"}]}], {}),
    "document_text": (_user({"type": "document", "title": "T", "source": {"type": "text", "data": "Hello doc"}}), {}),
    "tools": ([U], {"tools": TOOLS}),
    "tools_with_system": ([S, U], {"tools": TOOLS}),
    "tools_anthropic": ([U], {"tools": ANTHROPIC_TOOLS}),
    "tools_gemini": ([U], {"tools": GEMINI_TOOLS}),
    "tools_empty": ([U], {"tools": []}),
    "tools_not_dicts": ([U], {"tools": ["x", 5]}),
    "tool_choice_none": ([U], {"tools": TOOLS, "tool_choice": "none"}),
    "tool_choice_required": ([U], {"tools": TOOLS, "tool_choice": "required"}),
    "tool_choice_named": ([U], {"tools": TOOLS, "tool_choice": NAMED}),
    "tool_choice_named_no_tools": ([U], {"tool_choice": NAMED}),
    "count_response_true": ([U], {"count_response_tokens": True, "tools": TOOLS}),
    "count_response_none": ([U], {"count_response_tokens": None}),
    "long_doc": ([{"role": "user", "content": TEXTS["long_doc"]}], {}),
    "multilingual": ([S, {"role": "user", "content": TEXTS["chinese"], "name": "li"},
                      {"role": "assistant", "content": TEXTS["emoji"]},
                      {"role": "user", "content": [{"type": "text", "text": TEXTS["code"]},
                                                   {"type": "text", "text": TEXTS["arabic"]}]}], {}),
}
# LiteLLM raises a bare exception for these; fastcore a BadRequestError naming the argument.
ERRORS = {
    "neither": dict(),
    "both": dict(text="a", messages=[U]),
    "text_with_tools": dict(text="a", tools=TOOLS),
    "text_int": dict(text=5),
    "messages_str": dict(messages="hello"),
    "messages_int": dict(messages=5),
    "message_not_a_dict": dict(messages=["hello"]),
    "tool_calls_not_list": dict(messages=[{"role": "assistant", "tool_calls": "x"}]),
    "tool_call_no_function": dict(messages=[{"role": "assistant", "tool_calls": [{"id": "x"}]}]),
    "function_call_str": dict(messages=[{"role": "assistant", "function_call": "x"}]),
    "tool_choice_without_function": dict(messages=[U], tool_choice={"type": "function"}),
    "array_without_items": dict(messages=[U], tools=[{"type": "function", "function": {"name": "f", "parameters": {
        "type": "object", "properties": {"a": {"type": "array"}}}}}]),
    "bad_detail": dict(messages=_user(_img(_url(_png(9, 9)), "ultra"))),
    "detail_none": dict(messages=_user({"type": "image_url", "image_url": {"url": _url(_png(9, 9)), "detail": None}})),
    "missing_url": dict(messages=_user({"type": "image_url", "image_url": {"detail": "low"}})),
    "blank_url": dict(messages=_user({"type": "image_url", "image_url": "  "})),
    "input_audio": dict(messages=_user(AUDIO)),
    "part_without_type": dict(messages=_user({"text": "x"})),
}

pytestmark = pytest.mark.litellm


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("name", sorted(TEXTS))
def test_text_counts_match(litellm, model, name):
    assert fastcore.token_counter(model=model, text=TEXTS[name]) == litellm.token_counter(model=model,
                                                                                        text=TEXTS[name])


@pytest.mark.parametrize("model", ["gpt-4o", "gpt-4", "unknown-model"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_message_counts_match(litellm, model, name):
    messages, kw = CASES[name]
    assert fastcore.token_counter(model=model, messages=messages, **kw) == \
        litellm.token_counter(model=model, messages=messages, **kw)


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_bad_input_is_a_bad_request_where_litellm_raises(litellm, name):
    with pytest.raises(Exception):
        litellm.token_counter(model="gpt-4o", **ERRORS[name])
    with pytest.raises(fastcore.BadRequestError):
        fastcore.token_counter(model="gpt-4o", **ERRORS[name])


def test_encoding_of_each_model_is_litellms(litellm):
    # Only LiteLLM's own OpenAI chat names (unprefixed) are counted with o200k_base.
    for model in list(fastcore.model_cost)[:600] + MODELS:
        assert fastcore.token_counter(model=model, text="héllo 数据 🚀") == \
            litellm.token_counter(model=model, text="héllo 数据 🚀"), model


def test_tools_render_as_litellm_renders_them(litellm):
    from litellm.litellm_core_utils.token_counter import _format_function_definitions
    for tools in (TOOLS, ANTHROPIC_TOOLS, GEMINI_TOOLS, [], ["x"]):
        assert T.format_tools(tools) == _format_function_definitions(tools)


def test_pydantic_and_fastcore_messages_count_like_dicts(litellm):
    theirs = litellm.token_counter(model="gpt-4o", messages=[litellm.Message(role="assistant", content="Hello there")])
    assert fastcore.token_counter(model="gpt-4o", messages=[fastcore.Message(role="assistant",
                                                                              content="Hello there")]) == theirs
    assert fastcore.token_counter(model="gpt-4o", messages=(U,)) == litellm.token_counter(model="gpt-4o", messages=(U,))


def test_text_as_a_list_of_strings(litellm):
    assert fastcore.token_counter(model="gpt-4o", text=["hello", " world", 5, None]) == \
        litellm.token_counter(model="gpt-4o", text=["hello", " world", 5, None])


@pytest.mark.parametrize("model", ["gpt-4o", "gpt-4", "unknown-model"])
def test_encode_and_decode_are_litellms(litellm, model):
    text = "hello world 🚀 <|endoftext|> " + TEXTS["chinese"]
    ids = fastcore.encode(model=model, text=text)
    assert ids == list(litellm.encode(model=model, text=text))
    assert fastcore.decode(model=model, tokens=ids) == litellm.decode(model=model, tokens=ids) == text


def test_http_image_at_high_detail_is_sized_at_the_default_without_a_fetch(monkeypatch):
    # LiteLLM downloads it (and raises offline); fastcore never fetches (docs/compat.md).
    import socket
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: pytest.fail("fetched"))
    n = fastcore.token_counter(model="gpt-4o", messages=_user(_img("https://example.com/cat.png", "high")))
    assert n == 3 + 1 + (85 + 170) + 3


def test_very_long_text_is_sampled_as_litellm_does(litellm, monkeypatch):
    text = TEXTS["long_doc"][:5000]
    monkeypatch.setenv("TOKEN_COUNTER_MAX_EXACT_CHARS", "1000")
    code = ("import fastcore, sys; t = sys.stdin.read(); print(fastcore.token_counter(model='gpt-4o', text=t))")
    import subprocess
    import sys
    ours = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True,
                          encoding="utf-8").stdout.strip()
    theirs = subprocess.run([sys.executable, "-c", code.replace("fastcore", "litellm")], input=text,
                            capture_output=True, text=True, check=True, encoding="utf-8").stdout.strip()
    assert ours == theirs


def test_disable_token_counter(monkeypatch):
    monkeypatch.setattr(fastcore, "disable_token_counter", True)
    assert fastcore.token_counter(model="gpt-4o", text="hello") == 0


def test_custom_tokenizer_is_refused_clearly():
    with pytest.raises(fastcore.BadRequestError, match="custom_tokenizer"):
        fastcore.token_counter(model="gpt-4o", text="x", custom_tokenizer={"type": "huggingface_tokenizer"})
