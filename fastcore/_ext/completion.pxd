# The prepared call, shared with the wire formats and the transport layer.
cimport cython


@cython.final
cdef class Request:
    cdef public str model               # without the provider prefix
    cdef public str original_model
    cdef public str provider
    cdef public list messages
    cdef public dict optional_params
    cdef public object api_base
    cdef public object api_key
    cdef public object api_version
    cdef public object timeout          # None, seconds, or (connect, read, write, pool)
    cdef public object num_retries
    cdef public object headers
    cdef public object metadata
    cdef public bint stream
    cdef public object stream_options
    cdef public object n
    cdef public object mock_response
    cdef public object mock_tool_calls
    cdef public object mock_timeout
    cdef public object mock_delay
    cdef public bint is_mock
    cdef public object ssl_verify       # None (the default), a bool or a CA bundle path
    cdef public object azure_ad_token
    cdef public object model_info
