"""`litellm.main`: the completion entry points."""
from fastcore._ext.completion import acompletion, completion  # noqa: F401
from fastcore._ext.response import ModelResponse  # noqa: F401
from fastcore._ext.streaming import CustomStreamWrapper, stream_chunk_builder  # noqa: F401
