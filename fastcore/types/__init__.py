"""LiteLLM's `litellm.types` package path, for code that imports from it."""
