cimport cython


@cython.final
cdef class Response:
    cdef readonly int status
    cdef readonly dict headers
    cdef readonly bytes body
