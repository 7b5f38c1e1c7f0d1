# cython: language_level=3
"""Real calls: the wire format builds the request, the transport carries it, the
wire format reads the answer; retries and network streams are handled here.

Format-agnostic: a provider's wire (a column of the provider table) picks the
format, a Wire (wire.pxd) whose entry points (build_request, parse_response,
new_stream / parse_chunk / end_stream, parse_error) are called at C level.
"""
cimport cython

from fastcore._ext.completion cimport Request
from fastcore._ext.providers cimport Provider, _get_provider
from fastcore._ext.sse cimport SSEDecoder, SSEEvent
from fastcore._ext.streaming cimport ChunkSource, _count_usage, _wrap_network
from fastcore._ext.transport cimport Response, _ByteStream, send_request
from fastcore._ext.wire cimport Wire

import random
import sys
import time

from fastcore._ext import transport, wire_openai
from fastcore.exceptions import APIConnectionError, FastcoreError, Timeout

# Wire name (the provider table's column) -> format. The native formats
# (Anthropic, Gemini, Bedrock, ...) join this table when they land.
WIRES = {"openai": wire_openai.WIRE, "azure": wire_openai.WIRE}
cdef dict _BY_PROVIDER = {}     # provider name -> Wire; bounded by the provider table
RETRY_STATUSES = frozenset((408, 409, 429))
RETRY_AFTER_CAP = 60.0          # seconds: a longer Retry-After is waited for this long at most
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0


cdef object _ASYNCIO = None


cdef object _asyncio():
    # Loaded by the caller's event loop already; looked up once, not imported on every call.
    global _ASYNCIO
    if _ASYNCIO is None:
        import asyncio
        _ASYNCIO = asyncio
    return _ASYNCIO


cdef dict _settings():
    return sys.modules["fastcore"].__dict__


cdef Wire _wire(Request req):
    wire = _BY_PROVIDER.get(req.provider)
    if wire is not None:
        return <Wire>wire
    cdef Provider row = _get_provider(req.provider)
    wire = WIRES.get(row.wire if row is not None else "openai")
    if wire is None:
        raise APIConnectionError(
            f"fastcore does not speak {req.provider}'s own API ({row.wire} format) yet: only OpenAI-compatible "
            f"providers and Azure make real calls in this release. Use an OpenAI-compatible endpoint of the "
            f"provider, or mock_response=... for tests.", req.provider, req.model)
    if row is not None:
        _BY_PROVIDER[req.provider] = wire
    return <Wire>wire


cdef object _timeout(Request req, dict settings):
    if req.timeout is not None:
        return req.timeout
    configured = settings.get("request_timeout")
    return None if configured is None else transport.normalize_timeout(configured)


cdef object _verify(Request req, dict settings):
    if req.ssl_verify is not None:
        return req.ssl_verify
    v = settings.get("ssl_verify")
    return True if v is None else v


cdef int _retries(Request req, Wire wire, dict settings) except -1:
    if req.num_retries is not None:
        return req.num_retries
    n = settings.get("num_retries")
    if n is not None:
        return n
    return wire.default_retries(req.provider)


cdef bint _retryable_status(int status, dict headers):
    hint = headers.get("x-should-retry")
    if hint == "true":
        return True
    if hint == "false":
        return False
    return status in RETRY_STATUSES or status >= 500


cdef double _delay(int attempt, dict headers):
    """Seconds before retry number `attempt` (0-based): the server's Retry-After, else backoff with jitter."""
    ms = headers.get("retry-after-ms") if headers else None
    if ms is not None:
        try:
            return min(max(float(ms) / 1000.0, 0.0), RETRY_AFTER_CAP)
        except ValueError:
            pass
    after = headers.get("retry-after") if headers else None
    if after is not None:
        try:
            return min(max(float(after), 0.0), RETRY_AFTER_CAP)
        except ValueError:
            from email.utils import parsedate_to_datetime
            try:
                when = parsedate_to_datetime(after).timestamp()
                return min(max(when - time.time(), 0.0), RETRY_AFTER_CAP)
            except (TypeError, ValueError, OverflowError):
                pass
    return min(BACKOFF_BASE * (2 ** attempt), BACKOFF_CAP) * (1 - 0.25 * random.random())


def retry_delay(int attempt, dict headers=None):
    """Seconds before retry number `attempt` given an answer's headers (see _delay)."""
    return _delay(attempt, headers)


@cython.final
cdef class _Retry:
    """One call's retry state, consulted by the sync and the async loop alike."""
    cdef Request req
    cdef Wire wire
    cdef dict settings
    cdef int retries            # -1 until the first failure asks for it
    cdef int attempt

    cdef int allowed(self) except -1:
        if self.retries < 0:
            self.retries = _retries(self.req, self.wire, self.settings)
        return self.retries

    cdef double after_failure(self, object err) except -1:
        """Seconds to wait before the next try after a transport failure; raises `err` when none is left."""
        if self.attempt >= self.allowed():
            raise self.final(err)
        self.attempt += 1
        return _delay(self.attempt - 1, None)

    cdef double after_answer(self, Response resp) except -2:
        """-1 for a usable answer; seconds to wait before the next try; raises the mapped error if final."""
        if resp.status < 300:
            return -1
        if self.attempt < self.allowed() and _retryable_status(resp.status, resp.headers):
            self.attempt += 1
            return _delay(self.attempt - 1, resp.headers)
        raise self.final(self.wire.parse_error(self.req, resp.status, resp.headers, resp.body))

    cdef object final(self, object err):
        # The exception after the last try says how many were made.
        if self.attempt:
            err.num_retries = self.attempt
        if self.allowed():
            err.max_retries = self.retries
        return err


cdef _Retry _retry(Request req, Wire wire, dict settings):
    cdef _Retry r = _Retry.__new__(_Retry)
    r.req = req
    r.wire = wire
    r.settings = settings
    r.retries = -1
    return r


cdef object _result(Wire wire, Request req, object resp, str url):
    if not isinstance(resp, Response):
        return _wrap_network(_NetSource(wire, req, resp, url), req.model, req.provider, resp.headers,
                             isinstance(resp, transport.AsyncByteStream))
    if req.stream:
        # A 2xx that is not a stream (a proxy answering JSON): replay it as one.
        return _wrap_network(iter(_replay(wire, req, <Response>resp, url)), req.model, req.provider, None, False)
    return wire.parse_response(req, <Response>resp, url)


def send(Request req):
    """A real call: a ModelResponse, or a CustomStreamWrapper over the network stream."""
    cdef dict settings = _settings()
    cdef double delay
    cdef Wire wire = _wire(req)
    url, headers, body = wire.build_request(req, settings)
    timeout, verify = _timeout(req, settings), _verify(req, settings)
    cdef _Retry retry = _retry(req, wire, settings)
    while True:
        try:
            resp = send_request("POST", url, headers, body, timeout, verify, req.stream, req.model, req.provider)
        except (APIConnectionError, Timeout) as e:
            delay = retry.after_failure(e)
            time.sleep(delay)
            continue
        if isinstance(resp, Response):
            delay = retry.after_answer(<Response>resp)
            if delay >= 0:
                time.sleep(delay)
                continue
        return _result(wire, req, resp, url)


async def asend(Request req):
    """The async twin of send()."""
    cdef dict settings = _settings()
    cdef double delay
    cdef Wire wire = _wire(req)
    url, headers, body = wire.build_request(req, settings)
    timeout, verify = _timeout(req, settings), _verify(req, settings)
    cdef _Retry retry = _retry(req, wire, settings)
    while True:
        try:
            resp = await transport.asend("POST", url, headers, body, timeout, verify, req.stream, req.model,
                                         req.provider)
        except (APIConnectionError, Timeout) as e:
            delay = retry.after_failure(e)
            await _asyncio().sleep(delay)
            continue
        if isinstance(resp, Response):
            delay = retry.after_answer(<Response>resp)
            if delay >= 0:
                await _asyncio().sleep(delay)
                continue
        return _result(wire, req, resp, url)


cdef list _replay(Wire wire, Request req, Response resp, str url):
    # The whole body is here already: its chunks, in order.
    cdef list out = []
    state = wire.new_stream(req, resp.headers, url)
    cdef SSEDecoder decoder = SSEDecoder()      # not SSEDecoder().feed(...): Cython 3.3 fails to compile that
    for event in decoder.feed(resp.body + b"\n\n"):
        wire.parse_chunk(state, <SSEEvent>event, out)
    messages, model = req.messages, req.model
    out.extend(wire.end_stream(state, lambda: _count_usage(model, messages, "")))
    return out


# ---------------------------------------------------------------- streams ----

@cython.final
cdef class _NetSource(ChunkSource):
    """Chunks read from a network stream as the caller asks for them (sync or async body)."""
    cdef Wire wire
    cdef Request req
    cdef _ByteStream body       # transport.SyncByteStream or AsyncByteStream
    cdef SSEDecoder decoder
    cdef object state
    cdef list pending
    cdef Py_ssize_t next
    cdef bint ended
    cdef object failure         # an error read after chunks still owed to the caller

    def __cinit__(self, Wire wire, Request req, _ByteStream body, str url):
        self.wire = wire
        self.req = req
        self.body = body
        self.decoder = SSEDecoder()
        self.state = wire.new_stream(req, body.headers, url)
        self.pending = []

    def __iter__(self):
        return self

    def __next__(self):
        chunk = self.next_chunk()
        if chunk is None:
            raise StopIteration
        return chunk

    cdef object next_chunk(self):
        while self.next >= len(self.pending):
            if self.ended:
                self._raise_failure()
                return None
            try:
                self._feed(self.body.read_sync())
            except BaseException:
                self.close()
                raise
        self.next += 1
        return self.pending[self.next - 1]

    cdef void _raise_failure(self) except *:
        failure, self.failure = self.failure, None
        if failure is not None:
            raise failure

    def __aiter__(self):
        return self

    async def __anext__(self):
        while self.next >= len(self.pending):
            if self.ended:
                self._raise_failure()
                raise StopAsyncIteration
            try:
                data = await self.body.read_chunk()
                self._feed(data)
            except BaseException:
                self.close()
                raise
        self.next += 1
        return self.pending[self.next - 1]

    cdef void _feed(self, bytes data) except *:
        self.pending = []
        self.next = 0
        cdef list events
        if data:
            events = self.decoder.feed(data)
        else:
            events = self.decoder.close()
        try:
            for event in events:
                self.wire.parse_chunk(self.state, <SSEEvent>event, self.pending)
        except Exception as e:
            # The chunks read before the error go out first, as they arrived.
            self.failure = e
            self.close()
            return
        if not data:
            self.ended = True
            self.pending.extend(self.wire.end_stream(self.state, self._count))

    def _count(self):
        # Usage counted locally, as LiteLLM does when the provider sent none.
        return _count_usage(self.req.model, self.req.messages, "".join(self.state.texts))

    cpdef close(self):
        self.ended = True
        self.body.close()

    def __del__(self):
        if not self.ended:
            self.body.close()
