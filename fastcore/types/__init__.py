"""LiteLLM's `litellm.types` package path, for code that imports from it."""
from fastcore.types import utils  # noqa: F401  (litellm.types.utils is reachable as an attribute, as in LiteLLM)
