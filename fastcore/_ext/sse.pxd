# The incremental server-sent-events decoder every streaming wire format uses.
cimport cython


@cython.final
cdef class SSEEvent:
    cdef readonly str event
    cdef readonly bytes data


@cython.final
cdef class SSEDecoder:
    cdef:
        bytes _tail         # an unfinished line, kept for the next read
        list _data          # the data lines of the event being built, or None
        str _event
        bint _skip_lf       # the last read ended in CR: a leading LF is its pair

    cpdef list feed(self, bytes chunk)
    cpdef list close(self)
    cdef void _line(self, bytes buf, Py_ssize_t start, Py_ssize_t end, list out) except *
