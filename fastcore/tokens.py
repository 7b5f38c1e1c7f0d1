"""Token counting, offline and exact (tiktoken is never imported by `import fastcore`).

The two BPE files LiteLLM counts with (`o200k_base`, `cl100k_base`) ship in
`fastcore/encodings/`, byte for byte OpenAI's public files. They are read from
there, checked against OpenAI's published SHA-256 and handed to tiktoken, so a
count never touches the network and is the same on every machine. Set
`FASTCORE_ENCODINGS_DIR` to a directory holding `<name>.tiktoken` files to use
another copy (it is checked against the same hashes).

The counting (LiteLLM's accounting, compiled) is in fastcore/_ext/tokens.pyx.
"""
from __future__ import annotations

import os
import threading

from fastcore.exceptions import BadRequestError, FastcoreError

ENCODINGS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "encodings")
ENCODINGS_DIR_ENV = "FASTCORE_ENCODINGS_DIR"

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


def reset_encodings() -> None:
    """Load the encodings again on next use (after FASTCORE_ENCODINGS_DIR changes)."""
    from fastcore._ext.tokens import forget_encodings

    with _lock:
        _loaded.clear()
        forget_encodings()


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


# The counting itself is compiled (fastcore/_ext/tokens.pyx); these are its public names.
from fastcore._ext.tokens import decode, encode, encoding_name_for, format_tools, token_counter  # noqa: E402,F401
