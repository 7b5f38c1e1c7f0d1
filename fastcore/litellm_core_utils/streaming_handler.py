"""`litellm.litellm_core_utils.streaming_handler`."""
from fastcore._ext.streaming import CustomStreamWrapper  # noqa: F401
