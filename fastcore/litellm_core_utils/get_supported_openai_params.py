"""`litellm.litellm_core_utils.get_supported_openai_params`."""
from fastcore._ext.params import get_supported_openai_params  # noqa: F401
