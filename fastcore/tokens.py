"""Token counting, loaded on first use (tiktoken is never imported by `import fastcore`).

Counts follow OpenAI's chat accounting: each message costs a fixed overhead
plus its fields, and the reply is primed with a few tokens. When tiktoken or
its encoding file is not available (no network, no cache) the count falls back
to an estimate of four characters per token, so that usage is never missing.
"""
from __future__ import annotations

from functools import lru_cache

from fastcore.exceptions import BadRequestError

TOKENS_PER_MESSAGE = 3
TOKENS_PER_NAME = 1
REPLY_PRIMING = 3
_O200K_PREFIXES = ("gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4", "chatgpt-4o")


@lru_cache(maxsize=8)
def _encoding(name: str):
    try:
        import tiktoken

        return tiktoken.get_encoding(name)
    except Exception:  # missing package, or the encoding file cannot be fetched
        return None


def _encoding_for(model: str | None):
    bare = (model or "").rsplit("/", 1)[-1]
    return _encoding("o200k_base" if bare.startswith(_O200K_PREFIXES) else "cl100k_base")


def _count_text(enc, text: str) -> int:
    if not text:
        return 0
    if enc is None:
        return max(1, (len(text) + 3) // 4)
    return len(enc.encode(text, disallowed_special=()))


def _text_of(content) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
    return ""


def token_counter(model: str = "", text: str | None = None, messages: list | None = None,
                  count_response_tokens: bool = False, **kwargs) -> int:
    """Tokens in `text`, or in `messages` as a chat prompt."""
    enc = _encoding_for(model)
    if text is not None:
        if not isinstance(text, str):
            raise BadRequestError(f"`text` must be a str, got {type(text).__name__}", model, None, param="text")
        return _count_text(enc, text)
    if messages is None:
        raise BadRequestError("token_counter needs `text` or `messages`", model, None, param="messages")
    total = 0
    for m in messages:
        if not isinstance(m, dict):
            raise BadRequestError("`messages` must be a list of dicts", model, None, param="messages")
        total += TOKENS_PER_MESSAGE
        for key, value in m.items():
            if key == "content":
                total += _count_text(enc, _text_of(value))
            elif isinstance(value, str):
                total += _count_text(enc, value)
                if key == "name":
                    total += TOKENS_PER_NAME
    return total if count_response_tokens else total + REPLY_PRIMING
