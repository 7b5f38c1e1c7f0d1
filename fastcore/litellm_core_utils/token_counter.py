"""`litellm.litellm_core_utils.token_counter`."""
from fastcore._ext.tokens import token_counter  # noqa: F401
