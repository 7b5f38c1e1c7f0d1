"""LiteLLM's `litellm.integrations` package path: the CustomLogger base only.

fastcore ships no third-party logging integrations.
"""
