# cython: language_level=3
"""Streams: the mock stream (sync and async iteration over ModelResponseStream
chunks) and stream_chunk_builder, which folds chunks back into a ModelResponse.
"""
cimport cython

from fastcore._ext.ids cimport _now
from fastcore._ext.response cimport (
    Choices, CompletionTokensDetailsWrapper, Delta, ModelResponse, ModelResponseStream, StreamingChoices, Usage, _new_choices,
    _new_delta, _new_id, _new_message, _new_model_response, _new_stream_chunk,
    _new_streaming_choices, _new_usage,
)

from fastcore.exceptions import APIError, BadRequestError
from fastcore.redact import short_repr

# LiteLLM's mock stream cuts the text into pieces of three characters.
MOCK_PIECE = 3


cdef class ChunkSource:
    cdef object next_chunk(self):
        return None


cdef class CustomStreamWrapper:
    """A stream of ModelResponseStream chunks, iterable with `for` and `async for`.

    The name is LiteLLM's, so `isinstance(x, litellm.CustomStreamWrapper)`
    style checks keep working after `import fastcore as litellm`.
    """
    def __iter__(self):
        return self

    def __next__(self):
        if self._async_source:
            raise TypeError("this stream was opened by acompletion(): iterate it with `async for`")
        if self._observer is not None:
            return self._observed_next()
        chunk = self._next_chunk()
        if chunk is None:
            raise StopIteration
        return chunk

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self._observer is not None:
            return await self._observed_anext()
        if self._async_source:
            return await self._source.__anext__()
        chunk = self._next_chunk()
        if chunk is None:
            raise StopAsyncIteration
        return chunk

    def _observe(self, observer):
        """Let `observer` (fastcore.logging_callbacks) see each chunk, the end and a failure of this stream."""
        self._observer = observer

    cdef object _observed_next(self):
        obs = self._observer
        try:
            chunk = self._next_chunk()
        except BaseException as e:
            self._observer = None
            obs.failed(e)
            raise
        if chunk is None:
            self._observer = None
            obs.done()
            raise StopIteration
        obs.chunk(chunk)
        return chunk

    async def _observed_anext(self):
        obs = self._observer
        try:
            if self._async_source:
                chunk = await self._source.__anext__()
            else:
                chunk = self._next_chunk()
                if chunk is None:
                    raise StopAsyncIteration
        except StopAsyncIteration:
            self._observer = None
            await obs.adone()
            raise
        except BaseException as e:
            self._observer = None
            await obs.afailed(e)
            raise
        obs.chunk(chunk)
        return chunk

    def close(self):
        """Stop the stream: a network stream's connection is closed, not reused."""
        source, self._source = self._source, None
        self._net = None
        self._observer = None       # a stream stopped early logs no success, as in LiteLLM
        self._text = None
        self._before = self._after = None
        self._sent_finish = True
        if source is not None and hasattr(source, "close"):
            source.close()

    async def aclose(self):
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()

    cdef object _next_chunk(self):
        if self._net is not None:
            return self._net.next_chunk()
        if self._source is not None:
            return next(self._source, None)
        if self._text is not None and self._pos < len(self._text):
            piece = self._text[self._pos:self._pos + MOCK_PIECE]
            first = self._pos == 0
            self._pos += MOCK_PIECE
            return self._chunk(piece, "assistant" if first else None, None, None)
        if self._before:
            return self._before.pop(0)
        if not self._sent_finish:
            self._sent_finish = True
            return self._chunk(None, None, None, "stop")
        if self._after:
            return self._after.pop(0)
        return None

    cdef ModelResponseStream _chunk(self, object content, object role, object tool_calls,
                                    object finish_reason):
        cdef list choices = []
        cdef Py_ssize_t j
        cdef Delta delta
        cdef ModelResponseStream chunk
        for j in range(self._n):
            delta = _new_delta(content, role, tool_calls, None)
            if finish_reason is None:
                delta._setattr("provider_specific_fields", None)
            choices.append(_new_streaming_choices(finish_reason, j, delta))
        chunk = _new_stream_chunk(self._id, self._created, self.model, choices)
        chunk._hidden = self.custom_llm_provider   # _hidden_params: {"custom_llm_provider": ...} on first read
        if finish_reason is None:
            # LiteLLM's stream wrapper re-creates content chunks from their
            # dumps, so these keys show up set; its finish chunk is built bare.
            chunk._setattr("system_fingerprint", None)
            chunk._setattr("citations", None)
        return chunk

    def __repr__(self):
        return f"CustomStreamWrapper(model={self.model!r}, custom_llm_provider={self.custom_llm_provider!r})"


cdef CustomStreamWrapper _new_mock_stream(str text, str model, str provider, object n,
                                          object tool_calls, object usage):
    cdef CustomStreamWrapper s = CustomStreamWrapper.__new__(CustomStreamWrapper)
    s.model = model
    s.custom_llm_provider = provider
    s._id = _new_id()
    s._created = _now()
    s._text = text
    s._n = 1 if n is None else n
    s._before = []
    s._after = []
    if tool_calls:
        # LiteLLM's mock stream drops mock_tool_calls; a caller who asked for
        # them expects to see them, so they come as one delta before the end.
        s._before.append(s._chunk(None, None, [
            dict(tc if isinstance(tc, dict) else tc.model_dump(), index=i) for i, tc in enumerate(tool_calls)
        ], None))
    if usage is not None:
        s._after.append(_usage_chunk(s, usage))
    return s


cdef ModelResponseStream _usage_chunk(CustomStreamWrapper s, Usage usage):
    # Shaped as LiteLLM's: one empty choice beside the usage, not an empty list.
    cdef ModelResponseStream c = _new_stream_chunk(
        s._id, s._created, s.model, [_new_streaming_choices(None, 0, _new_delta(None, None, None, None))])
    add_usage_cost(usage, s.model, s.custom_llm_provider)
    c.usage = usage
    c._hidden = s.custom_llm_provider
    return c


cdef object _USAGE_COST = None


cdef void add_usage_cost(Usage usage, object model, object provider) except *:
    """LiteLLM's usage chunk carries the stream's cost as `usage.cost` (when it can be priced)."""
    global _USAGE_COST
    if _USAGE_COST is None:
        from fastcore._ext.cost import usage_cost
        _USAGE_COST = usage_cost
    cost = _USAGE_COST(model, provider, usage)
    if cost is not None:
        usage._setattr("cost", cost)


cdef CustomStreamWrapper _wrap_chunks(object chunks, str model, str provider):
    cdef CustomStreamWrapper s = CustomStreamWrapper.__new__(CustomStreamWrapper)
    s.model = model
    s.custom_llm_provider = provider
    s._source = iter(chunks)
    return s


cdef CustomStreamWrapper _wrap_network(object source, str model, str provider, dict headers, bint is_async):
    cdef CustomStreamWrapper s = CustomStreamWrapper.__new__(CustomStreamWrapper)
    s.model = model
    s.custom_llm_provider = provider
    s._source = source
    s._async_source = is_async
    if not is_async and isinstance(source, ChunkSource):
        s._net = <ChunkSource>source
    s.response_headers = headers
    return s


cdef inline object _get(object obj, str key):
    # Chunks arrive as our objects or as plain dicts; both answer .get().
    if obj is None:
        return None
    if type(obj) is dict:
        return (<dict>obj).get(key)
    if isinstance(obj, dict):
        return obj.get(key)
    return getattr(obj, key, None)


cdef class _ChoiceAcc:
    """What one choice index has accumulated over the chunks."""
    cdef list parts
    cdef list reasoning
    cdef object role
    cdef object finish_reason
    cdef dict tool_calls        # tool-call index -> {"id", "type", "name", "args": [..]}
    cdef object function_name
    cdef list function_args
    cdef bint saw_content

    def __cinit__(self):
        self.parts = []
        self.reasoning = []
        self.tool_calls = {}
        self.function_args = []


cdef class _Thinking:
    """Anthropic-style thinking blocks folded over a stream, as LiteLLM folds them.

    Text accumulates until a fragment carries a signature, which closes a block;
    a redacted fragment closes the open one first. Unsigned text is dropped.
    """
    cdef list blocks
    cdef list parts
    cdef bint seen

    def __cinit__(self):
        self.blocks = []
        self.parts = []

    cdef void fold(self, object fragments) except *:
        if not fragments or not isinstance(fragments, list):
            return
        for frag in list(fragments):
            if _get(frag, "type") == "redacted_thinking":
                self.parts = []
                data = _get(frag, "data")
                if data:
                    self.blocks.append({"type": "redacted_thinking", "data": data})
                continue
            text = _get(frag, "thinking")
            if text:
                self.parts.append(_text_of(text, "thinking"))
            signature = _get(frag, "signature")
            if signature:
                self.blocks.append({"type": "thinking", "thinking": "".join(self.parts), "signature": signature})
                self.parts = []


cdef inline object _bad_chunks(str what):
    return BadRequestError(f"stream_chunk_builder: {what}", None, None, param="chunks")


cdef object _index_of(object item):
    idx = _get(item, "index")
    if idx is None:
        return 0
    if type(idx) is not int and (not isinstance(idx, int) or isinstance(idx, bool)):
        raise _bad_chunks(f"an index must be an integer, got {type(idx).__name__}")
    return int(idx)


cdef object _text_of(object value, str what):
    # Text fields are joined at the end: a non-str would fail there, far from its chunk.
    if value is None or type(value) is str:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    raise _bad_chunks(f"{what} must be a string, got {type(value).__name__}")


cdef void _fold_tool_calls(_ChoiceAcc acc, object tool_calls) except *:
    if not isinstance(tool_calls, (list, tuple)):
        raise _bad_chunks(f"delta tool_calls must be a list, got {type(tool_calls).__name__}")
    for tc in list(tool_calls):
        if not tc:
            continue
        idx = _index_of(tc)
        slot = acc.tool_calls.get(idx)
        if slot is None:
            slot = acc.tool_calls[idx] = {"id": None, "type": None, "name": None, "args": []}
        if _get(tc, "id"):
            slot["id"] = _text_of(_get(tc, "id"), "a tool call id")
        if _get(tc, "type"):
            slot["type"] = _text_of(_get(tc, "type"), "a tool call type")
        fn = _get(tc, "function")
        if fn is not None:
            if _get(fn, "name"):
                slot["name"] = _text_of(_get(fn, "name"), "a tool call name")
            args = _text_of(_get(fn, "arguments"), "tool call arguments")
            if args:
                slot["args"].append(args)


def stream_chunk_builder(chunks, messages=None, start_time=None, end_time=None, **kwargs):
    """Fold streamed chunks back into one ModelResponse.

    Content, reasoning, tool-call arguments and function-call arguments are
    joined per choice; finish_reason is the last one given. Usage is taken
    from the chunks when the provider sent it, else counted.
    """
    if chunks is None:
        raise APIError(500, "stream_chunk_builder got chunks=None; pass the list of streamed chunks")
    if isinstance(chunks, (list, tuple)):
        chunks = list(chunks)       # a snapshot: the caller's list may change under us
    else:
        try:
            chunks = list(chunks)
        except TypeError:
            raise _bad_chunks(f"chunks must be a list of stream chunks, got {type(chunks).__name__}") from None
    if not chunks:
        return None
    cdef dict accs = {}
    cdef _ChoiceAcc acc
    cdef _Thinking thinking = _Thinking()
    first = chunks[0]
    usage = None
    service_tier = None
    system_fingerprint = _get(first, "system_fingerprint")
    for chunk in chunks:
        if type(chunk) is not dict and not isinstance(chunk, dict) and not hasattr(chunk, "choices"):
            raise _bad_chunks(f"each chunk must be a stream chunk or a dict, got {type(chunk).__name__}")
        u = _get(chunk, "usage")
        if u is None:
            # LiteLLM's streams keep the provider's usage here when the caller did not ask for a usage chunk
            # (ours only in a _hidden_params already built: reading it would build one per chunk).
            if type(chunk) is ModelResponseStream:
                hidden = (<ModelResponseStream>chunk)._hidden
            else:
                hidden = getattr(chunk, "_hidden_params", None) if type(chunk) is not dict else None
            if isinstance(hidden, dict):
                u = hidden.get("usage")
        if u is not None:
            usage = u
        tier = _get(chunk, "service_tier")
        if tier:
            service_tier = tier
        choices = _get(chunk, "choices")
        if choices is None:
            continue
        if not isinstance(choices, (list, tuple)):
            raise _bad_chunks(f"a chunk's choices must be a list, got {type(choices).__name__}")
        choices = list(choices)
        # LiteLLM folds the thinking of every choice of a chunk whose first choice has some, into choice 0.
        if choices and _get(_get(choices[0], "delta"), "thinking_blocks") is not None:
            thinking.seen = True
            for choice in choices:
                thinking.fold(_get(_get(choice, "delta"), "thinking_blocks"))
        for choice in choices:
            idx = _index_of(choice)
            acc = accs.get(idx)
            if acc is None:
                acc = accs[idx] = _ChoiceAcc()
            fr = _get(choice, "finish_reason")
            if fr is not None:
                acc.finish_reason = _text_of(fr, "finish_reason")
            delta = _get(choice, "delta")
            if delta is None:
                continue
            if acc.role is None and _get(delta, "role"):
                acc.role = _text_of(_get(delta, "role"), "role")
            content = _text_of(_get(delta, "content"), "content")
            if content is not None:
                acc.saw_content = True
                acc.parts.append(content)
            rc = _text_of(_get(delta, "reasoning_content"), "reasoning_content")
            if rc:
                acc.reasoning.append(rc)
            tcs = _get(delta, "tool_calls")
            if tcs:
                _fold_tool_calls(acc, tcs)
            fc = _get(delta, "function_call")
            if fc is not None:
                if _get(fc, "name"):
                    acc.function_name = _text_of(_get(fc, "name"), "function_call name")
                args = _text_of(_get(fc, "arguments"), "function_call arguments")
                if args:
                    acc.function_args.append(args)
    if not accs:
        accs[0] = _ChoiceAcc()
    cdef list out_choices = []
    model = _text_of(_get(first, "model"), "model")
    try:
        for idx in sorted(accs):
            out_choices.append(_build_choice(<_ChoiceAcc>accs[idx], idx))
        if usage is None:
            usage = _count_usage(model, messages or None,
                                 "".join([c.message.content or "" for c in out_choices]))
        elif not isinstance(usage, Usage):
            # A dict, or another library's usage object (LiteLLM's pydantic Usage).
            if not isinstance(usage, dict):
                if not hasattr(type(usage), "model_dump"):
                    raise _bad_chunks(f"usage must be a dict or a Usage, got {type(usage).__name__}")
                usage = usage.model_dump()
            usage = Usage(**usage)
        if thinking.seen:
            setattr((<Choices>out_choices[0]).message, "thinking_blocks", thinking.blocks or None)
        resp = _new_model_response(_get(first, "id"), _get(first, "created"), model, out_choices, usage)
    except (TypeError, ValueError) as e:
        raise _bad_chunks(str(e)) from None
    resp.system_fingerprint = system_fingerprint
    if service_tier is not None:
        resp._setattr("service_tier", service_tier)
    if type(first) is ModelResponseStream:
        # The stream's own _hidden_params (provider, api_base, headers), and so its response_cost.
        h = (<ModelResponseStream>first)._hidden
        if (<ModelResponseStream>first)._origin is not None:
            resp._origin = (<ModelResponseStream>first)._origin
        elif type(h) is str:
            resp._hidden = h
        elif type(h) is dict and type((<dict>h).get("custom_llm_provider")) is str:
            resp._hidden = (<dict>h)["custom_llm_provider"]
    return resp


cdef object _build_choice(_ChoiceAcc acc, object idx):
    tool_calls = None
    function_call = None
    content = "".join(acc.parts) if acc.saw_content else None
    if acc.tool_calls:
        tool_calls = [
            {"id": s["id"], "type": s["type"] or "function",
             "function": {"name": s["name"], "arguments": "".join(s["args"])}}
            for _, s in sorted(acc.tool_calls.items())
        ]
        if not acc.parts:
            content = None
    if acc.function_name is not None or acc.function_args:
        function_call = {"name": acc.function_name, "arguments": "".join(acc.function_args)}
    msg = _new_message(content, acc.role or "assistant", tool_calls, function_call)
    if acc.reasoning:
        msg.reasoning_content = "".join(acc.reasoning)
    return _new_choices(acc.finish_reason or "stop", idx, msg)


cdef Usage _count_usage(object model, object messages, str text):
    """Usage counted with the tokenizer: the prompt (when given) and the reply text.

    Shaped as LiteLLM's counted usage: the completion is all text, no reasoning.
    """
    from fastcore.tokens import token_counter
    prompt = token_counter(model=model, messages=messages) if messages is not None else 0
    completion = token_counter(model=model, text=text, count_response_tokens=True) if text else 0
    cdef Usage u = _new_usage(prompt, completion, prompt + completion)
    details = CompletionTokensDetailsWrapper(accepted_prediction_tokens=None, audio_tokens=None, reasoning_tokens=0,
                                             rejected_prediction_tokens=None, text_tokens=completion,
                                             image_tokens=None, video_tokens=None)
    u.completion_tokens_details = details
    return u
