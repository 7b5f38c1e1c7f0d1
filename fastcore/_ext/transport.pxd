cimport cython


@cython.final
cdef class Response:
    cdef readonly int status
    cdef readonly bytes body
    cdef object _raw                # the answer's header pairs, until headers is first read
    cdef dict _headers


cdef class _ByteStream:
    cdef object _resp
    cdef readonly int status
    cdef readonly dict headers
    cdef str _url
    cdef str _model, _provider
    cdef bint _done

    cdef bytes read_sync(self)       # a sync body's next bytes (b"" at the end), read at C level


cdef object send_request(str method, str url, dict headers, bytes body, object timeout, object verify,
                         bint stream, str model, str provider)
