# The interface every wire format implements: call.pyx dispatches through it at C level.
from fastcore._ext.completion cimport Request
from fastcore._ext.sse cimport SSEEvent
from fastcore._ext.transport cimport Response


cdef class Wire:
    cdef readonly str name
    cdef:
        tuple build_request(self, Request req, dict settings)
        object parse_response(self, Request req, Response resp, str url)
        object parse_error(self, Request req, int status, dict headers, bytes body)
        object new_stream(self, Request req, dict headers, str url)
        int parse_chunk(self, object state, SSEEvent event, list out) except -1   # appends the event's chunks
        list end_stream(self, object state, object count_usage)
        int default_retries(self, str provider) except -1
