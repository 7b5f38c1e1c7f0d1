from typing import Any, AsyncIterator, Iterator, Sequence

from fastcore._ext.response import ModelResponse, ModelResponseStream

MOCK_PIECE: int

class CustomStreamWrapper(Iterator[ModelResponseStream], AsyncIterator[ModelResponseStream]):
    model: str
    custom_llm_provider: str
    def __iter__(self) -> CustomStreamWrapper: ...
    def __next__(self) -> ModelResponseStream: ...
    def __aiter__(self) -> CustomStreamWrapper: ...
    async def __anext__(self) -> ModelResponseStream: ...

def stream_chunk_builder(chunks: Sequence[ModelResponseStream | dict[str, Any]] | None,
                         messages: list[dict[str, Any]] | None = ..., start_time: Any = ...,
                         end_time: Any = ..., **kwargs: Any) -> ModelResponse | None: ...
