"""`litellm.litellm_core_utils.get_llm_provider_logic`."""
from fastcore._ext.providers import get_llm_provider  # noqa: F401
