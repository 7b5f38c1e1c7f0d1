"""Token counting, offline and exact (tiktoken is never imported by `import fastcore`).

The two BPE files LiteLLM counts with (`o200k_base`, `cl100k_base`) ship in
`fastcore/encodings/`, byte for byte OpenAI's public files. They are read from
there, checked against OpenAI's published SHA-256 and handed to tiktoken, so a
count never touches the network and is the same on every machine. Set
`FASTCORE_ENCODINGS_DIR` to a directory holding `<name>.tiktoken` files to use
another copy (it is checked against the same hashes).

Counts follow OpenAI's chat accounting: each message costs a fixed overhead
plus its fields, and the reply is primed with a few tokens.
"""
from __future__ import annotations

import os
import threading

from fastcore.exceptions import BadRequestError, FastcoreError

ENCODINGS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "encodings")
ENCODINGS_DIR_ENV = "FASTCORE_ENCODINGS_DIR"

TOKENS_PER_MESSAGE = 3
TOKENS_PER_NAME = 1
REPLY_PRIMING = 3
_O200K_PREFIXES = ("gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4", "chatgpt-4o")

ENDOFTEXT = "<|endoftext|>"
ENDOFPROMPT = "<|endofprompt|>"
# OpenAI's definitions of the two encodings: SHA-256 of the public BPE file,
# the pre-tokenizer pattern and the special tokens.
ENCODINGS = {
    "cl100k_base": (
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
        r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s""",
        {ENDOFTEXT: 100257, "<|fim_prefix|>": 100258, "<|fim_middle|>": 100259,
         "<|fim_suffix|>": 100260, ENDOFPROMPT: 100276},
    ),
    "o200k_base": (
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
        "|".join([
            r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
            r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
            r"""\p{N}{1,3}""",
            r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
            r"""\s*[\r\n]+""",
            r"""\s+(?!\S)""",
            r"""\s+""",
        ]),
        {ENDOFTEXT: 199999, ENDOFPROMPT: 200018},
    ),
}


class EncodingUnavailableError(FastcoreError):
    """A BPE file is missing or is not OpenAI's (a broken install or a bad FASTCORE_ENCODINGS_DIR)."""

    _label = "EncodingUnavailableError"


_lock = threading.Lock()
_loaded: dict = {}          # at most one entry per name in ENCODINGS; failures are not kept


def encodings_dir() -> str:
    return os.environ.get(ENCODINGS_DIR_ENV) or ENCODINGS_DIR


def get_encoding(name: str):
    """The tiktoken Encoding `name`, loaded once from the shipped file."""
    enc = _loaded.get(name)
    if enc is None:
        with _lock:
            enc = _loaded.get(name)
            if enc is None:
                enc = _loaded[name] = _load(name)
    return enc


def _load(name: str):
    import base64
    import hashlib

    import tiktoken

    if name not in ENCODINGS:
        raise BadRequestError(f"unknown encoding {name!r}; fastcore ships {', '.join(ENCODINGS)}",
                              None, None, param="encoding")
    sha256, pattern, special = ENCODINGS[name]
    path = os.path.join(encodings_dir(), name + ".tiktoken")
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise EncodingUnavailableError(f"cannot read the {name} BPE file {path}: {e.strerror}") from None
    if hashlib.sha256(data).hexdigest() != sha256:
        raise EncodingUnavailableError(f"{path} is not OpenAI's {name} file (SHA-256 mismatch)")
    ranks = {}
    for line in data.splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return tiktoken.Encoding(name=name, pat_str=pattern, mergeable_ranks=ranks, special_tokens=special)


def encoding_name_for(model: object) -> str:
    if model is not None and not isinstance(model, str):
        raise BadRequestError(f"`model` must be a str, got {type(model).__name__}", None, None, param="model")
    bare = (model or "").rsplit("/", 1)[-1]
    return "o200k_base" if bare.startswith(_O200K_PREFIXES) else "cl100k_base"


def _count_text(enc, text: str) -> int:
    if not text:
        return 0
    return len(enc.encode(text, disallowed_special=()))


def _text_of(content) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join([p["text"] for p in content if isinstance(p, dict) and isinstance(p.get("text"), str)])
    return ""


def token_counter(model: str = "", text: str | None = None, messages: list | None = None,
                  count_response_tokens: bool = False, **kwargs) -> int:
    """Tokens in `text`, or in `messages` as a chat prompt."""
    enc = get_encoding(encoding_name_for(model))
    if text is not None:
        if not isinstance(text, str):
            raise BadRequestError(f"`text` must be a str, got {type(text).__name__}", model, None, param="text")
        return _count_text(enc, text)
    if messages is None:
        raise BadRequestError("token_counter needs `text` or `messages`", model, None, param="messages")
    if not isinstance(messages, (list, tuple)):
        raise BadRequestError(f"`messages` must be a list of dicts, got {type(messages).__name__}", model, None,
                              param="messages")
    total = 0
    for m in list(messages):
        if not isinstance(m, dict):
            raise BadRequestError("`messages` must be a list of dicts", model, None, param="messages")
        total += TOKENS_PER_MESSAGE
        for key, value in list(m.items()):
            if key == "content":
                total += _count_text(enc, _text_of(value))
            elif isinstance(value, str):
                total += _count_text(enc, value)
                if key == "name":
                    total += TOKENS_PER_NAME
    return total if count_response_tokens else total + REPLY_PRIMING
