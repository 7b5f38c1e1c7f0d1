# cython: language_level=3
"""The base of the wire formats (see wire.pxd).

A format module (wire_openai, and the native formats as they land) defines
a subclass whose methods are its four entry points: build the request, parse
an answer, parse a stream (new_stream / parse_chunk / end_stream) and parse an
error answer. The provider table's `wire` column names the format;
call.pyx keeps one instance per format and calls it without Python dispatch.
"""


cdef class Wire:
    def __init__(self, str name):
        self.name = name

    def __repr__(self):
        return f"<fastcore wire format {self.name!r}>"

    cdef tuple build_request(self, Request req, dict settings):
        raise NotImplementedError(self.name)

    cdef object parse_response(self, Request req, Response resp, str url):
        raise NotImplementedError(self.name)

    cdef object parse_error(self, Request req, int status, dict headers, bytes body):
        raise NotImplementedError(self.name)

    cdef object new_stream(self, Request req, dict headers, str url):
        raise NotImplementedError(self.name)

    cdef int parse_chunk(self, object state, SSEEvent event, list out) except -1:
        raise NotImplementedError(self.name)

    cdef list end_stream(self, object state, object count_usage):
        raise NotImplementedError(self.name)

    cdef int default_retries(self, str provider) except -1:
        return 0
