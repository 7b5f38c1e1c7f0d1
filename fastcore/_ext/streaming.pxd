from fastcore._ext.response cimport ModelResponseStream, Usage


cdef class ChunkSource:
    # A sync source the stream wrapper reads at C level: next_chunk() gives
    # the next chunk, None at the end, and raises what the stream raises.
    cdef object next_chunk(self)


cdef class CustomStreamWrapper:
    cdef:
        readonly str model
        readonly str custom_llm_provider
        str _id
        object _created
        object _text
        Py_ssize_t _pos
        Py_ssize_t _n
        list _before        # chunks due after the text, before the finish chunk
        list _after         # chunks due after the finish chunk (usage)
        bint _sent_finish
        object _source      # an iterator of ready chunks, when wrapping one
        ChunkSource _net    # _source again when it is a sync ChunkSource (no iterator protocol per chunk)
        bint _async_source  # _source is async (a network stream opened by acompletion)
        readonly dict response_headers
        object _observer    # fastcore.logging_callbacks' view of the stream, when callbacks are registered

    cdef object _next_chunk(self)
    cdef object _observed_next(self)
    cdef ModelResponseStream _chunk(self, object content, object role, object tool_calls,
                                    object finish_reason)


cdef CustomStreamWrapper _new_mock_stream(str text, str model, str provider, object n,
                                          object tool_calls, object usage)
cdef CustomStreamWrapper _wrap_chunks(object chunks, str model, str provider)
cdef CustomStreamWrapper _wrap_network(object source, str model, str provider, dict headers, bint is_async)
cdef Usage _count_usage(object model, object messages, str text)
cdef void add_usage_cost(Usage usage, object model, object provider) except *
