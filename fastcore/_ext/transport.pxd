cimport cython


@cython.final
cdef class Response:
    cdef readonly int status
    cdef readonly bytes body
    cdef object _raw                # the answer's header pairs, until headers is first read
    cdef dict _headers


cdef object send_request(str method, str url, dict headers, bytes body, object timeout, object verify,
                         bint stream, str model, str provider)
