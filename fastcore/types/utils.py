"""`litellm.types.utils`: the response classes, one class per concept.

The names are fastcore's own classes, so `isinstance` and `except` work
whichever path a caller imported them from.
"""
from fastcore._ext.response import (  # noqa: F401
    ChatCompletionDeltaToolCall, ChatCompletionMessageToolCall, Choices, CompletionTokensDetails,
    CompletionTokensDetailsWrapper, Delta, Function, FunctionCall, Message, ModelResponse, ModelResponseStream,
    PromptTokensDetails, PromptTokensDetailsWrapper, StreamingChoices, Usage,
    _ResponseBase as ModelResponseBase,
)
from fastcore._ext.streaming import CustomStreamWrapper  # noqa: F401

__all__ = [
    "ChatCompletionDeltaToolCall", "ChatCompletionMessageToolCall", "Choices", "CompletionTokensDetails",
    "CompletionTokensDetailsWrapper", "CustomStreamWrapper", "Delta", "Function", "FunctionCall", "Message",
    "ModelResponse", "ModelResponseBase", "ModelResponseStream", "PromptTokensDetails",
    "PromptTokensDetailsWrapper", "StreamingChoices", "Usage",
]
