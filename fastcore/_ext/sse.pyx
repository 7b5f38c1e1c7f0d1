# cython: language_level=3
"""Server-sent events, decoded incrementally from the bytes the network hands over.

The network cuts a stream anywhere: inside a line, between the CR and LF of a
line end, inside a multi-byte UTF-8 character. The decoder only ever cuts at
line ends (which never fall inside a UTF-8 sequence), keeps the unfinished
line for the next read, and follows the WHATWG rules: lines end in CRLF, LF or
CR; a blank line ends an event; `:` starts a comment (keep-alives); `data:`
lines of one event are joined with LF; `event:` names the event. Event data
stays bytes: the chunk parser hands it straight to the JSON decoder.
"""
cimport cython

from libc.string cimport memchr, memcmp


@cython.freelist(8)
cdef class SSEEvent:
    """One dispatched event: its name ("message" unless an `event:` line said otherwise) and data."""

    def __repr__(self):
        return f"SSEEvent(event={self.event!r}, data={self.data!r})"

    def __eq__(self, other):
        if not isinstance(other, SSEEvent):
            return NotImplemented
        return self.event == (<SSEEvent>other).event and self.data == (<SSEEvent>other).data

    __hash__ = None


cdef inline SSEEvent _event(str name, bytes data):
    cdef SSEEvent e = SSEEvent.__new__(SSEEvent)
    e.event = name
    e.data = data
    return e


cdef class SSEDecoder:
    """Feed it bytes as they arrive; it returns the events completed so far."""

    def __cinit__(self):
        self._tail = b""
        self._data = None
        self._event = None
        self._skip_lf = False

    cpdef list feed(self, bytes chunk):
        """The events that `chunk` completes, in order."""
        cdef list out = []
        cdef bytes buf
        cdef const unsigned char* p
        cdef Py_ssize_t n, start, i, j
        cdef const unsigned char* hit
        cdef unsigned char c
        if not chunk:
            return out
        buf = self._tail + chunk if self._tail else chunk
        self._tail = b""
        # `buf` is an immutable bytes object held for the whole scan: the
        # pointer stays valid and every index is checked against its length.
        p = <const unsigned char*>buf
        n = len(buf)
        start = 0
        if self._skip_lf:
            self._skip_lf = False
            if p[0] == b'\n':
                start = 1
        i = start
        while i < n:
            c = p[i]
            if c != b'\n' and c != b'\r':
                # Jump to the next line end: the next LF, or a lone CR before it.
                hit = <const unsigned char*>memchr(p + i, b'\n', n - i)
                j = n if hit == NULL else hit - p
                i = _first_cr(p, i, j)
                continue
            self._line(buf, start, i, out)
            if c == b'\r':
                if i + 1 < n:
                    if p[i + 1] == b'\n':
                        i += 1
                else:
                    self._skip_lf = True     # the LF, if any, comes in the next read
            i += 1
            start = i
        if start < n:
            self._tail = buf[start:]
        return out

    cpdef list close(self):
        """End of stream: an event the server never terminated with a blank line."""
        cdef list out = []
        if self._tail:
            tail = self._tail
            self._tail = b""
            self._line(tail, 0, len(tail), out)
        self._line(b"", 0, 0, out)
        return out

    @property
    def pending(self):
        """True while an event or a line is half received."""
        return bool(self._tail) or self._data is not None

    cdef void _line(self, bytes buf, Py_ssize_t start, Py_ssize_t end, list out) except *:
        cdef const unsigned char* p = <const unsigned char*>buf
        cdef Py_ssize_t colon, vstart
        if start == end:
            # A blank line dispatches the event being built.
            if self._data is not None:
                if len(self._data) == 1:
                    data = <bytes>self._data[0]
                else:
                    data = b"\n".join(self._data)
                out.append(_event(self._event or "message", data))
            self._data = None
            self._event = None
            return
        if p[start] == b':':
            return                              # a comment: keep-alive pings
        colon = start
        while colon < end and p[colon] != b':':
            colon += 1
        vstart = colon + 1
        if vstart < end and p[vstart] == b' ':
            vstart += 1
        if vstart > end:
            vstart = end
        if colon - start == 4 and memcmp(p + start, b"data", 4) == 0:
            if self._data is None:
                self._data = []
            self._data.append(buf[vstart:end])
        elif colon - start == 5 and memcmp(p + start, b"event", 5) == 0:
            self._event = buf[vstart:end].decode("utf-8", "replace")
        # id, retry and unknown fields carry nothing a completion stream needs.


cdef inline Py_ssize_t _first_cr(const unsigned char* p, Py_ssize_t lo, Py_ssize_t hi) noexcept:
    # The first CR in p[lo:hi], or hi: a lone CR also ends a line.
    cdef const unsigned char* hit = <const unsigned char*>memchr(p + lo, b'\r', hi - lo)
    return hi if hit == NULL else hit - p
