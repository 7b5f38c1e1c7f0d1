"""LiteLLM's `litellm.litellm_core_utils` package path."""
