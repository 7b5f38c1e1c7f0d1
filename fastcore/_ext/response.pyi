"""Python-visible API of fastcore._ext.response (LiteLLM-compatible response objects)."""
import builtins
from typing import Self, Any, Iterator


FINISH_REASONS: dict[str, str]
MESSAGE_ROLES: frozenset[str]

from fastcore._ext.ids import new_id as new_id

class _Spec:
    def __init__(self, layout: tuple[tuple[str | None, int], ...], dump_unset: bool = False,
                 lenient_del: bool = True, item_assign: bool = True, json_dict: bool = False) -> None: ...

class _Record:
    def __getitem__(self, key: str) -> Any: ...
    def __setitem__(self, key: str, value: Any) -> None: ...
    def __contains__(self, key: object) -> bool: ...
    def __iter__(self) -> Iterator[tuple[str, Any]]: ...
    def __eq__(self, other: object) -> bool: ...
    def get(self, key: str, default: Any = None) -> Any: ...
    def model_dump(self, *, mode: str = "python", include: Any = None, exclude: Any = None,
                   by_alias: bool | None = None, exclude_unset: bool | None = None,
                   exclude_defaults: bool = False, exclude_none: bool | None = None,
                   round_trip: bool = False, warnings: bool = True, **kw: Any) -> dict[str, Any]: ...
    def model_dump_json(self, *, indent: int | None = None, include: Any = None, exclude: Any = None,
                        by_alias: bool | None = None, exclude_unset: bool = False,
                        exclude_defaults: bool = False, exclude_none: bool = False,
                        round_trip: bool = False, warnings: bool = True, **kw: Any) -> str: ...
    def dict(self, *, include: Any = None, exclude: Any = None, by_alias: bool = False,
             exclude_unset: bool = False, exclude_defaults: bool = False,
             exclude_none: bool = False) -> builtins.dict[str, Any]: ...
    def json(self, **kwargs: Any) -> builtins.dict[str, Any] | str: ...
    def to_dict(self, *, mode: str = "python", use_api_names: bool = True, exclude_unset: bool = True,
                exclude_defaults: bool = False, exclude_none: bool = False,
                warnings: bool = True) -> builtins.dict[str, Any]: ...
    def to_json(self, *, indent: int | None = 2, use_api_names: bool = True, exclude_unset: bool = True,
                exclude_defaults: bool = False, exclude_none: bool = False, warnings: bool = True) -> str: ...
    @property
    def model_fields_set(self) -> set[str]: ...
    @property
    def model_extra(self) -> builtins.dict[str, Any]: ...
    def model_copy(self, *, update: builtins.dict[str, Any] | None = ..., deep: bool = ...) -> Self: ...
    @classmethod
    def model_validate(cls, obj: Any, *, strict: bool | None = ..., from_attributes: bool | None = ...,
                       context: Any = ..., **kw: Any) -> Self: ...
    def __getattr__(self, name: str) -> Any: ...  # extra attributes, as pydantic's extra="allow"


class Function(_Record):
    arguments: str
    name: str | None
    def __init__(self, arguments: dict | str | None = None, name: str | None = None, **params: Any) -> None: ...

class FunctionCall(Function): ...

class ChatCompletionMessageToolCall(_Record):
    function: Function
    id: str
    type: str
    def __init__(self, function: dict | Function, id: str | None = None, type: str | None = None,
                 **params: Any) -> None: ...

class ChatCompletionDeltaToolCall(_Record):
    id: str | None
    function: Function
    type: str | None
    index: int
    def __init__(self, id: str | None = None, function: dict | Function | None = None, type: str | None = None,
                 index: int | None = None, **params: Any) -> None: ...

class Message(_Record):
    content: str | None
    role: str
    tool_calls: list[ChatCompletionMessageToolCall] | None
    function_call: FunctionCall | None
    provider_specific_fields: dict[str, Any] | None
    audio: Any
    images: list[Any] | None
    reasoning_content: str | None
    thinking_blocks: list[dict[str, Any]] | None
    reasoning_items: list[dict[str, Any]] | None
    annotations: list[dict[str, Any]] | None
    def __init__(self, content: str | None = None, role: str = "assistant", function_call: Any = None,
                 tool_calls: list | None = None, audio: Any = None, images: list | None = None,
                 provider_specific_fields: dict[str, Any] | None = None, reasoning_content: str | None = None,
                 thinking_blocks: list | None = None, reasoning_items: list | None = None,
                 annotations: list | None = None, **params: Any) -> None: ...

class Choices(_Record):
    finish_reason: str
    index: int
    message: Message
    logprobs: Any
    provider_specific_fields: dict[str, Any] | None
    def __init__(self, finish_reason: str | None = None, index: int | None = 0,
                 message: Message | dict | None = None, logprobs: Any = None, enhancements: Any = None,
                 provider_specific_fields: dict[str, Any] | None = None, **params: Any) -> None: ...

class CompletionTokensDetailsWrapper(_Record):
    accepted_prediction_tokens: int | None
    audio_tokens: int | None
    reasoning_tokens: int | None
    rejected_prediction_tokens: int | None
    text_tokens: int | None
    image_tokens: int | None
    video_tokens: int | None
    def __init__(self, *, accepted_prediction_tokens: int | None = ..., audio_tokens: int | None = ...,
                 reasoning_tokens: int | None = ..., rejected_prediction_tokens: int | None = ...,
                 text_tokens: int | None = ..., image_tokens: int | None = ..., video_tokens: int | None = ...,
                 **params: Any) -> None: ...

class PromptTokensDetailsWrapper(_Record):
    audio_tokens: int | None
    cached_tokens: int | None
    text_tokens: int | None
    image_tokens: int | None
    video_tokens: int | None
    cache_write_tokens: int | None
    cache_creation_tokens: int | None
    def __init__(self, *, audio_tokens: int | None = ..., cached_tokens: int | None = ...,
                 text_tokens: int | None = ..., image_tokens: int | None = ..., video_tokens: int | None = ...,
                 **params: Any) -> None: ...

CompletionTokensDetails = CompletionTokensDetailsWrapper
PromptTokensDetails = PromptTokensDetailsWrapper

class Usage(_Record):
    completion_tokens: int
    prompt_tokens: int
    total_tokens: int
    completion_tokens_details: CompletionTokensDetailsWrapper | None
    prompt_tokens_details: PromptTokensDetailsWrapper | None
    server_tool_use: Any
    cost: float | None
    _cache_creation_input_tokens: int
    _cache_read_input_tokens: int
    def __init__(self, prompt_tokens: int | None = None, completion_tokens: int | None = None,
                 total_tokens: int | None = None, reasoning_tokens: int | None = None,
                 prompt_tokens_details: PromptTokensDetailsWrapper | dict | None = None,
                 completion_tokens_details: CompletionTokensDetailsWrapper | dict | None = None,
                 server_tool_use: Any = None, cost: float | None = None, **params: Any) -> None: ...

class Delta(_Record):
    content: str | None
    role: str | None
    function_call: FunctionCall | None
    tool_calls: list[ChatCompletionDeltaToolCall] | None
    audio: Any
    provider_specific_fields: dict[str, Any] | None
    reasoning_content: str | None
    def __init__(self, content: str | None = None, role: str | None = None, function_call: Any = None,
                 tool_calls: list | None = None, audio: Any = None, images: list | None = None,
                 reasoning_content: str | None = None, thinking_blocks: list | None = None,
                 reasoning_items: list | None = None, annotations: list | None = None, **params: Any) -> None: ...

class StreamingChoices(_Record):
    finish_reason: str | None
    index: int | None
    delta: Delta
    logprobs: Any
    def __init__(self, finish_reason: str | None = None, index: int | None = 0, delta: Delta | dict | None = None,
                 logprobs: Any = None, enhancements: Any = None, **params: Any) -> None: ...

class _ResponseBase(_Record):
    id: str
    created: int
    model: str | None
    object: str
    system_fingerprint: str | None
    _hidden_params: dict[str, Any]
    hidden_params: dict[str, Any]
    _response_headers: dict[str, Any] | None

class ModelResponse(_ResponseBase):
    choices: list[Choices]
    usage: Usage
    def __init__(self, id: str | None = None, choices: list | None = None, created: int | None = None,
                 model: str | None = None, object: str | None = None, system_fingerprint: str | None = None,
                 usage: Usage | dict | None = None, stream: bool | None = None, stream_options: Any = None,
                 response_ms: Any = None, hidden_params: dict | None = None,
                 _response_headers: dict | None = None, **params: Any) -> None: ...

class ModelResponseStream(_ResponseBase):
    choices: list[StreamingChoices]
    provider_specific_fields: dict[str, Any] | None
    usage: Usage | None
    def __init__(self, choices: list | None = None, id: str | None = None, created: int | None = None,
                 provider_specific_fields: dict[str, Any] | None = None, **kwargs: Any) -> None: ...

# Pickled state (see docs/memory-safety.md, rule 3).
STATE_VERSION: int
def _restore(cls: type, version: int, values: tuple[Any, ...], unset: int, d: dict[str, Any] | None) -> Any: ...
def _rebuild(cls: type, values: tuple[Any, ...], unset: int, d: dict[str, Any] | None) -> Any: ...

def rename_type(cls: type, qualified: str) -> None: ...
