"""Keep secrets out of every message and repr fastcore writes.

Three kinds of secret can reach a message: an API key (the caller's own, or
anything shaped like one), credentials inside a URL (`https://user:pass@host`,
`?key=...`, an Azure SAS `sig=`), and fields whose name says they are secret
(`aws_secret_access_key`, `vertex_credentials`, ...). `re` is imported on the
first use, never by `import fastcore`.
"""
from __future__ import annotations

MASK = "***"

# Bearer tokens and the key shapes of the big providers.
KEY_PATTERN = (
    r"(sk-[A-Za-z0-9_\-]{8,}|sk_[A-Za-z0-9_\-]{8,}|AIza[0-9A-Za-z_\-]{20,}|gsk_[A-Za-z0-9]{8,}"
    r"|xai-[A-Za-z0-9]{8,}|(?i:bearer)\s+[A-Za-z0-9._\-]{8,})"
)
# user:password@ (or a bare token@) right after a URL scheme.
USERINFO_PATTERN = r"(?<=://)[^/?#@\s'\"]+@"
# A query (or fragment) parameter whose name says it carries a secret.
QUERY_PATTERN = (
    r"(?i)([?&;#](?:[\w.\-]*(?:key|token|secret|passw|pwd|sig|auth|credential|session|code)[\w.\-]*)=)"
    r"[^&;#\s'\"]*"
)
_SECRET_WORDS = ("secret", "password", "passwd", "credential", "private_key", "access_key")
_SECRET_ENDINGS = ("key", "token", "signature", "cookie", "authorization", "sig")

_patterns = None


def _compiled():
    global _patterns
    if _patterns is None:
        import re

        _patterns = (re.compile(KEY_PATTERN), re.compile(USERINFO_PATTERN), re.compile(QUERY_PATTERN))
    return _patterns


def redact_secrets(text: str, *secrets: object) -> str:
    """`text` with the given secrets, key shapes and URL credentials masked."""
    if not isinstance(text, str):
        text = str(text)
    for s in secrets:
        if isinstance(s, str) and len(s) >= 4:
            text = text.replace(s, MASK)
    keys, userinfo, query = _compiled()
    text = keys.sub(MASK, text)
    if "://" in text:
        text = userinfo.sub(MASK + "@", text)
    if "=" in text:
        text = query.sub(r"\1" + MASK, text)
    return text


def redact_url(url: object) -> object:
    """A URL with its userinfo and secret query parameters masked (non-strings pass through)."""
    if not isinstance(url, str):
        return url
    return redact_secrets(url)


def is_secret_name(name: object) -> bool:
    """True for a field or header name that holds a credential."""
    if not isinstance(name, str):
        return False
    n = name.lower().replace("-", "_")
    return n.endswith(_SECRET_ENDINGS) or any(w in n for w in _SECRET_WORDS)


def redact_mapping(value: object, _depth: int = 0) -> object:
    """A copy of a (nested) dict for display, secret-named values masked and URLs redacted."""
    if _depth > 20:
        return "..."
    if isinstance(value, dict):
        return {k: (MASK if is_secret_name(k) and v is not None else redact_mapping(v, _depth + 1))
                for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(redact_mapping(v, _depth + 1) for v in value) if type(value) in (list, tuple) \
            else value
    if isinstance(value, str) and ("://" in value or "=" in value):
        return redact_secrets(value)
    return value


def short_repr(value: object, limit: int = 80) -> str:
    """repr() for error messages: never fails, never huge, secrets masked."""
    try:
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
            return f"<int of {value.bit_length()} bits>"
        text = repr(value)
    except Exception:
        return f"<{type(value).__name__} object>"
    # Mask before cutting, so that a key is never shown in part.
    text = redact_secrets(text[:4 * limit])
    return text if len(text) <= limit else text[:limit - 3] + "..."
