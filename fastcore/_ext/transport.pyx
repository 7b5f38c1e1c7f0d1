# cython: language_level=3
"""HTTP transports: bytes out, (status, headers, bytes or a byte stream) back.

Format-agnostic: a wire module builds the URL, headers and body, and reads
what comes back. Chosen by measurement (README, "Transports"):

- sync: the standard library's `http.client` on kept-alive connections, in a
  small pool per origin that threads share. urllib3 on the same connections
  costs about 1.7x its CPU per call; httpx about 3x.
- async: one aiohttp session per event loop (httpx's async client costs
  about 20x aiohttp's CPU per call at 100 concurrent requests).

Transport failures become fastcore's APIConnectionError or Timeout here; HTTP
error statuses are returned, for the wire format to map. The module is
imported on the first real call; `import fastcore` never loads it.
"""
cimport cython

from libc.stdlib cimport getenv

from fastcore._ext.validate cimport check_timeout

import atexit
import http.client
import os
import socket
import struct
import sys
import threading
import time
import weakref

from fastcore.exceptions import APIConnectionError, Timeout
from fastcore.redact import redact_url

DEFAULT_TIMEOUT = 600.0        # seconds per phase, the OpenAI SDK's default
IDLE_LIMIT = 30.0              # a pooled connection idle longer is dropped, not reused
MAX_IDLE_PER_ORIGIN = 32
ORIGIN_CACHE_LIMIT = 1024
STREAM_READ = 65536

# A reused keep-alive connection can turn out to be closed by the server; the
# request then never reached it and is sent again once on a fresh connection.
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError, ConnectionAbortedError)


cdef object _env(const char* name):
    cdef const char* v = getenv(name)
    return None if v == NULL or v[0] == 0 else (<bytes>v).decode("utf-8", "replace")


@cython.final
@cython.freelist(16)
cdef class Response:
    """A complete HTTP answer: status, headers (lower-case names) and body."""

    @property
    def headers(self):
        # Built on first use: a successful answer's headers are often never read.
        if self._headers is None:
            raw = self._raw
            self._headers = _header_dict(raw if type(raw) is list else raw.items())
            self._raw = None
        return self._headers

    def __repr__(self):
        return f"Response(status={self.status}, {len(self.body)} bytes)"


cdef Response _response(int status, object raw_headers, bytes body):
    cdef Response r = Response.__new__(Response)
    r.status = status
    r._raw = raw_headers
    r.body = body
    return r


cdef dict _header_dict(object pairs):
    # Repeated headers are joined as HTTP allows; names are case-insensitive.
    cdef dict out = {}
    for name, value in pairs:
        key = name.lower()
        if key in out:
            out[key] = out[key] + ", " + value
        else:
            out[key] = value
    return out


cdef object _raw_headers(object resp):
    # The (name, value) pairs _Response read.
    msg = resp.msg
    return (<_Message>msg).pairs if type(msg) is _Message else resp.getheaders()


# ------------------------------------------------------------------ targets ----

@cython.final
cdef class _Target:
    cdef str scheme, host, path, url
    cdef int port
    cdef object pool                # the _Pool it last used


cdef dict _TARGETS = {}


cdef _Target _target(str url):
    cdef _Target t = _TARGETS.get(url)
    if t is not None:
        return t
    from urllib.parse import urlsplit
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise APIConnectionError(f"invalid URL {redact_url(url)!r}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise APIConnectionError(f"invalid URL {redact_url(url)!r}: expected http:// or https:// and a host")
    t = _Target.__new__(_Target)
    t.scheme = parts.scheme
    t.host = parts.hostname
    t.port = port or (443 if parts.scheme == "https" else 80)
    t.path = (parts.path or "/") + ("?" + parts.query if parts.query else "")
    t.url = url
    if len(url) <= 2048:
        if len(_TARGETS) >= ORIGIN_CACHE_LIMIT:
            _TARGETS.clear()
        _TARGETS[url] = t
    return t


# ------------------------------------------------------------ TLS and proxy ----

cdef dict _SSL_CONTEXTS = {}
cdef object _SSL_LOCK = threading.Lock()


cdef object _ssl_context(object verify):
    """A cached SSLContext for ssl_verify: True (system CAs), False, or a CA file or directory."""
    key = verify if isinstance(verify, str) else bool(verify)
    ctx = _SSL_CONTEXTS.get(key)
    if ctx is not None:
        return ctx
    import ssl
    with _SSL_LOCK:
        if key is False:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        elif key is True:
            ctx = ssl.create_default_context()
        elif os.path.isdir(key):
            ctx = ssl.create_default_context(capath=key)
        else:
            try:
                ctx = ssl.create_default_context(cafile=key)
            except OSError as e:
                raise APIConnectionError(f"ssl_verify={key!r}: cannot read the CA bundle ({e.strerror})") from None
        ctx.set_alpn_protocols(["http/1.1"])
        if len(_SSL_CONTEXTS) < 64:
            _SSL_CONTEXTS[key] = ctx
    return ctx


cdef object _proxy_for(_Target t):
    """The proxy URL the environment names for this target, or None."""
    name = b"HTTPS_PROXY" if t.scheme == "https" else b"HTTP_PROXY"
    proxy = _env(name) or _env(name.lower()) or _env(b"ALL_PROXY") or _env(b"all_proxy")
    if proxy is None:
        return None
    no_proxy = _env(b"NO_PROXY") or _env(b"no_proxy")
    if no_proxy:
        import urllib.request
        if urllib.request.proxy_bypass_environment(t.host, {"no": no_proxy}):
            return None
    return proxy if "://" in proxy else "http://" + proxy


cdef tuple _split_proxy(str proxy):
    from urllib.parse import unquote, urlsplit
    import base64
    parts = urlsplit(proxy)
    auth = None
    if parts.username is not None:
        raw = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
        auth = "Basic " + base64.b64encode(raw).decode()
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 8080), auth


# -------------------------------------------------------------- timeouts ----

cdef tuple _phases(object timeout):
    """(connect, read) seconds for a checked timeout (None = the default)."""
    if timeout is None:
        return (DEFAULT_TIMEOUT, DEFAULT_TIMEOUT)
    if type(timeout) is float:
        return (timeout, timeout)
    connect, read = (<tuple>timeout)[0], (<tuple>timeout)[1]
    return (DEFAULT_TIMEOUT if connect is None else connect, None if read is None else read)


def normalize_timeout(value):
    """fastcore.request_timeout and the like, checked as the `timeout` argument is."""
    return check_timeout(value, "request_timeout")


# ------------------------------------------------------------------ sync ----

cdef extern from "<time.h>" nogil:
    cdef struct timespec:
        long tv_sec
        long tv_nsec
    int clock_gettime(int clk, timespec* ts)
    int CLOCK_MONOTONIC


cdef inline double _clock() noexcept:
    cdef timespec ts
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return ts.tv_sec + ts.tv_nsec * 1e-9


@cython.final
@cython.freelist(8)
cdef class _Conn:
    """A kept-alive http.client connection and what fastcore knows of it."""
    cdef object http                # http.client.HTTPConnection / HTTPSConnection
    cdef object read                # the read timeout the kernel enforces on its socket now
    cdef double used                # when it went back to the pool
    cdef object proxy_auth          # Proxy-Authorization for every request (plain-HTTP proxy)

    cdef void close(self) except *:
        self.http.close()


@cython.final
cdef class _Pool:
    """Idle kept-alive connections to one origin (scheme, host, port, proxy, TLS), shared by threads.

    No lock: taking and giving back are single list operations that run no
    Python code, so the GIL makes each one atomic; closing a connection (which
    does run Python code) happens only once it is out of the list.
    """
    cdef list idle                  # _Conn, most recently used last
    cdef _Target target
    cdef object proxy
    cdef object verify

    cdef tuple take(self):
        cdef double now = _clock()
        cdef _Conn c
        while self.idle:
            try:
                c = <_Conn>self.idle.pop()
            except IndexError:          # another thread took the last one
                break
            if now - c.used <= IDLE_LIMIT and c.http.sock is not None:
                return c, True
            c.close()
        return self.connect(), False

    cdef void give(self, _Conn c) except *:
        c.used = _clock()
        self.idle.append(c)
        if len(self.idle) > MAX_IDLE_PER_ORIGIN:
            try:
                old = self.idle.pop(0)
            except IndexError:
                return
            (<_Conn>old).close()

    cdef _Conn connect(self):
        cdef _Target t = self.target
        cdef _Conn c = _Conn.__new__(_Conn)
        if self.proxy is None:
            if t.scheme == "https":
                c.http = _HTTPSConnection(t.host, t.port, context=_ssl_context(self.verify))
            else:
                c.http = _HTTPConnection(t.host, t.port)
            return c
        host, port, auth = _split_proxy(self.proxy)
        if t.scheme == "https":
            c.http = _HTTPSConnection(host, port, context=_ssl_context(self.verify))
            c.http.set_tunnel(t.host, t.port, headers={"Proxy-Authorization": auth} if auth else None)
        else:
            c.http = _HTTPConnection(host, port)
            c.proxy_auth = auth
        return c

    def close(self):
        idle, self.idle = self.idle, []
        for c in idle:
            (<_Conn>c).close()


class _OneSend:
    """The request head and a bytes body leave in one send(): one syscall and one
    segment, where http.client sends them apart (tests/network/test_transport.py
    fails if http.client stops calling this)."""

    def _send_output(self, message_body=None, encode_chunked=False):
        if type(message_body) is not bytes or encode_chunked:
            return super()._send_output(message_body, encode_chunked)
        buffer = self._buffer
        buffer.append(b"\r\n")
        msg = b"\r\n".join(buffer) + message_body
        del buffer[:]
        self.send(msg)


# -- the answer's head -------------------------------------------------------------
# http.client reads the header block through the email package, about half of
# its CPU per call; _Response reads it with _read_message instead and does
# what HTTPResponse.begin() does with the result. It relies on http.client's
# _read_status() and _check_close(): tests/network/test_transport.py fails if
# either goes away or this stops being the class getresponse() uses.

cdef Py_ssize_t MAX_LINE = 65536       # http.client's own limits
cdef Py_ssize_t MAX_HEADERS = 100


@cython.final
cdef class _Message:
    """An answer's header lines as (name, value) pairs, with the lookups http.client makes on its HTTPMessage."""
    cdef readonly list pairs

    def get(self, name, failobj=None):
        key = name.lower()
        for n, v in self.pairs:
            if n.lower() == key:
                return v
        return failobj

    def get_all(self, name, failobj=None):
        key = name.lower()
        found = [v for n, v in self.pairs if n.lower() == key]
        return found or failobj

    def items(self):
        return list(self.pairs)

    def keys(self):
        return [n for n, _ in self.pairs]

    def values(self):
        return [v for _, v in self.pairs]

    def __getitem__(self, name):
        return self.get(name)

    def __contains__(self, name):
        return self.get(name, _ABSENT) is not _ABSENT

    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return len(self.pairs)

    def __repr__(self):
        return f"<headers {[n for n, _ in self.pairs]}>"


cdef object _ABSENT = object()


cdef _Message _read_message(object fp):
    """The header lines up to the blank line, read from the answer's buffered socket."""
    cdef _Message msg = _Message.__new__(_Message)
    cdef list pairs = []
    cdef bytes line
    cdef str text
    cdef Py_ssize_t colon
    readline = fp.readline
    msg.pairs = pairs
    while True:
        line = readline(MAX_LINE + 1)
        if len(line) > MAX_LINE:
            raise http.client.LineTooLong("header line")
        if not line or line == b"\r\n" or line == b"\n":
            return msg
        if len(pairs) >= MAX_HEADERS:
            raise http.client.HTTPException(f"got more than {MAX_HEADERS} headers")
        text = line.decode("latin-1").rstrip("\r\n")
        if text[0] == " " or text[0] == "\t":
            if pairs:       # an obsolete folded line continues the last value
                name, value = pairs[-1]
                pairs[-1] = (name, value + " " + text.strip(" \t"))
            continue
        colon = text.find(":")
        if colon > 0:       # anything else is not a header (the email package skips it too)
            pairs.append((text[:colon], text[colon + 1:].strip(" \t")))


cdef int _begin(object r) except -1:
    # HTTPResponse.begin(), with the header block read by _read_message.
    if r.headers is not None:
        return 0
    while True:
        version, status, reason = r._read_status()
        if status != 100:
            break
        _read_message(r.fp)                     # a 100 Continue's own headers
    r.code = r.status = status
    r.reason = reason.strip()
    if version == "HTTP/1.0" or version == "HTTP/0.9":
        r.version = 10
    elif version.startswith("HTTP/1."):
        r.version = 11
    else:
        raise http.client.UnknownProtocol(version)
    cdef _Message msg = _read_message(r.fp)
    r.headers = r.msg = msg
    encoding = msg.get("transfer-encoding")
    cdef bint chunked = encoding is not None and encoding.lower() == "chunked"
    r.chunked = chunked
    if chunked:
        r.chunk_left = None
    cdef bint will_close = r._check_close()
    length = None
    given = msg.get("content-length")
    if given and not chunked:
        try:
            length = int(given)
        except ValueError:
            pass
        else:
            if length < 0:
                length = None
    if status == 204 or status == 304 or 100 <= status < 200 or r._method == "HEAD":
        length = 0
    r.length = length
    # Neither a length nor chunks: the body ends when the server closes.
    r.will_close = will_close or (not chunked and length is None)
    return 0


class _Response(http.client.HTTPResponse):
    def begin(self):
        _begin(self)


class _HTTPConnection(_OneSend, http.client.HTTPConnection):
    response_class = _Response


class _HTTPSConnection(_OneSend, http.client.HTTPSConnection):
    response_class = _Response


cdef dict _POOLS = {}
cdef object _POOLS_LOCK = threading.Lock()


cdef _Pool _pool(_Target t, object verify):
    proxy = _proxy_for(t)
    cdef _Pool p = t.pool
    # The last pool this URL used, if proxy and TLS settings are the same: no key to build and hash.
    if p is not None and p.proxy == proxy and (p.verify is verify or p.verify == verify):
        return p
    key = (t.scheme, t.host, t.port, proxy, verify if isinstance(verify, str) else bool(verify))
    p = _POOLS.get(key)
    if p is None:
        with _POOLS_LOCK:
            p = _POOLS.get(key)
            if p is None:
                p = _Pool.__new__(_Pool)
                p.idle = []
                p.target = t
                p.proxy = proxy
                p.verify = verify
                _POOLS[key] = p
    t.pool = p
    return p


cdef str _request_path(_Pool pool, _Target t):
    # A plain-HTTP proxy is asked for the absolute URL; a tunnel sees the path.
    if pool.proxy is not None and t.scheme == "http":
        return t.url
    return t.path


cdef object _kernel_timeout(object sock, object seconds):
    # SO_RCVTIMEO / SO_SNDTIMEO on a blocking socket: the kernel keeps the read
    # and write timeouts. Python's own timeout mode would poll() before every
    # send and recv, three extra syscalls a call. An expired read then surfaces
    # as an empty read (RemoteDisconnected, IncompleteRead), which _timed_out()
    # tells apart from a real disconnect by the time it took.
    cdef double t = 0.0 if seconds is None else seconds
    cdef long sec = <long>t
    cdef long usec = <long>((t - sec) * 1e6)
    if t > 0 and sec == 0 and usec == 0:
        usec = 1
    value = struct.pack("ll", sec, usec)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, value)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, value)


cdef bint _timed_out(double started, object read):
    return read is not None and _clock() - started >= <double>read * 0.95 - 0.002


cdef void _open(_Conn c, double connect, object read) except *:
    http_conn = c.http
    if http_conn.sock is None:
        http_conn.timeout = connect     # the connect phase (and TLS handshake) in Python's timeout mode
        http_conn.connect()
        http_conn.sock.settimeout(None)
        _kernel_timeout(http_conn.sock, read)
        c.read = read
    elif c.read is not read and c.read != read:
        _kernel_timeout(http_conn.sock, read)   # only when a call asks for another read timeout
        c.read = read


cdef object _exchange(_Conn c, str method, str path, dict headers, bytes body, double connect, object read):
    _open(c, connect, read)
    if c.proxy_auth:
        headers = {**headers, "Proxy-Authorization": c.proxy_auth}
    c.http.request(method, path, body, headers)
    return c.http.getresponse()


cdef tuple _roundtrip(_Pool pool, str method, str path, dict headers, bytes body, double connect, object read,
                      double started):
    c, reused = pool.take()
    try:
        return c, _exchange(<_Conn>c, method, path, headers, body, connect, read)
    except _STALE:
        (<_Conn>c).close()
        if not reused or _timed_out(started, read):
            raise
    except BaseException:
        (<_Conn>c).close()
        raise
    # The server had closed the idle connection: once more, on a new one.
    c = pool.connect()
    try:
        return c, _exchange(<_Conn>c, method, path, headers, body, connect, read)
    except BaseException:
        (<_Conn>c).close()
        raise


cdef object _connection_error(object exc, str url, str model, str provider, bint timed_out=False):
    where = redact_url(url)
    if timed_out or isinstance(exc, (socket.timeout, TimeoutError, BlockingIOError)):
        return Timeout(f"request to {where} timed out", model, provider)
    text = str(exc) or type(exc).__name__
    return APIConnectionError(f"connection to {where} failed: {text}", provider, model)


def send(str method, str url, dict headers, bytes body, object timeout=None, object verify=True,
         bint stream=False, str model=None, str provider=None):
    """One HTTP exchange on a pooled connection: a Response, or a SyncByteStream for a 2xx stream."""
    return send_request(method, url, headers, body, timeout, verify, stream, model, provider)


cdef object send_request(str method, str url, dict headers, bytes body, object timeout, object verify,
                         bint stream, str model, str provider):
    cdef _Target t = _target(url)
    cdef _Pool pool = _pool(t, verify)
    connect, read = _phases(timeout)
    cdef double started = _clock()
    try:
        c, resp = _roundtrip(pool, method, _request_path(pool, t), headers, body, connect, read, started)
    except (OSError, http.client.HTTPException) as e:
        raise _connection_error(e, url, model, provider, _timed_out(started, read)) from None
    status = resp.status
    if stream and 200 <= status < 300:
        return _new_sync_stream(pool, <_Conn>c, resp, status, _header_dict(_raw_headers(resp)), url, model,
                                provider, read)
    started = _clock()
    try:
        data = resp.read()
    except (OSError, http.client.HTTPException) as e:
        (<_Conn>c).close()
        raise _connection_error(e, url, model, provider, _timed_out(started, read)) from None
    if resp.will_close:
        (<_Conn>c).close()
    else:
        pool.give(<_Conn>c)
    return _response(status, _raw_headers(resp), data)


cdef class _ByteStream:
    """What the sync and async stream bodies share: the answer's status and headers."""

    cdef bytes read_sync(self):
        raise TypeError("this body is read with `await read_chunk()`")


@cython.final
cdef class SyncByteStream(_ByteStream):
    """The body of a streamed answer, read as it arrives; the connection goes back to
    the pool once the body is read to its end, and is closed if the reader stops early."""
    cdef _Pool _pool
    cdef _Conn _conn
    cdef object _read_timeout

    def read_chunk(self):
        """The next bytes of the body; b"" at its end."""
        return self.read_sync()

    cdef bytes read_sync(self):
        if self._done:
            return b""
        cdef double started = _clock()
        try:
            data = self._resp.read1(STREAM_READ)
        except (OSError, http.client.HTTPException, ValueError) as e:
            self.close()
            raise _connection_error(e, self._url, self._model, self._provider,
                                    _timed_out(started, self._read_timeout)) from None
        if not data:
            if _timed_out(started, self._read_timeout):     # the kernel's timeout reads as an end
                self.close()
                raise _connection_error(None, self._url, self._model, self._provider, True)
            self._finish()
        return data

    cdef void _finish(self) except *:
        self._done = True
        c, self._conn = self._conn, None
        if c is not None:
            if self._resp.will_close:
                (<_Conn>c).close()
            else:
                self._pool.give(<_Conn>c)

    cpdef close(self):
        """Stop reading: an unfinished body means the connection cannot be reused."""
        self._done = True
        c, self._conn = self._conn, None
        if c is not None:
            (<_Conn>c).close()

    def __del__(self):
        self.close()


cdef SyncByteStream _new_sync_stream(_Pool pool, _Conn conn, object resp, int status, dict headers, str url,
                                     str model, str provider, object read_timeout):
    cdef SyncByteStream s = SyncByteStream.__new__(SyncByteStream)
    s._read_timeout = read_timeout
    s._pool = pool
    s._conn = conn
    s._resp = resp
    s.status = status
    s.headers = headers
    s._url = url
    s._model = model
    s._provider = provider
    return s


def close():
    """Close every idle pooled connection (fastcore.close())."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    _TARGETS.clear()
    for p in pools:
        p.close()


def _forget_after_fork():
    # The child must not share the parent's sockets: drop (don't close) them.
    _POOLS.clear()
    _TARGETS.clear()
    _LOOPS.clear()


os.register_at_fork(after_in_child=_forget_after_fork)


def pool_stats():
    """Idle connections per origin (for tests and debugging)."""
    return {f"{k[0]}://{k[1]}:{k[2]}": len((<_Pool>p).idle) for k, p in list(_POOLS.items())}


# ----------------------------------------------------------------- async ----

@cython.final
cdef class _LoopState:
    """The aiohttp session of one event loop, closed when that loop shuts down."""
    cdef object session
    cdef object guard
    cdef object __weakref__


cdef object _LOOPS = weakref.WeakKeyDictionary()
cdef object _last_loop = None
cdef _LoopState _last_state = None
cdef object _aiohttp = None
cdef object _asyncio = None
cdef dict _CLIENT_TIMEOUTS = {}


async def _loop_guard(_LoopState state):
    # An async generator parked for the loop's lifetime: asyncio.run() (and any
    # loop runner) calls aclose() on it in shutdown_asyncgens(), just before the
    # loop closes, so the session closes while its loop can still run.
    try:
        while True:
            yield
    finally:
        await _close_state(state)


async def _close_state(_LoopState state):
    session, state.session = state.session, None
    if session is not None and not session.closed:
        await session.close()


cdef object _modules():
    global _aiohttp, _asyncio
    if _aiohttp is None:
        import asyncio
        import aiohttp
        _asyncio = asyncio
        _aiohttp = aiohttp
    return _aiohttp


cdef _LoopState _state():
    global _last_loop, _last_state
    _modules()
    loop = _asyncio.get_running_loop()
    if loop is _last_loop and _last_state.session is not None:
        return _last_state
    state = _LOOPS.get(loop)
    if state is None or (<_LoopState>state).session is None:
        state = _LoopState.__new__(_LoopState)
        # Proxies come from the same environment rules as the sync side (not
        # trust_env, which would also send ~/.netrc credentials).
        connector = _aiohttp.TCPConnector(limit=0, limit_per_host=0, keepalive_timeout=IDLE_LIMIT)
        (<_LoopState>state).session = _aiohttp.ClientSession(connector=connector, skip_auto_headers=("User-Agent",))
        _LOOPS[loop] = state
        guard = _loop_guard(state)
        (<_LoopState>state).guard = guard
        # Step the guard to its first yield now: that registers it with the
        # loop's async-generator hooks (shutdown_asyncgens will close it).
        try:
            guard.__anext__().send(None)
        except StopIteration:
            pass
    _last_loop = loop
    _last_state = state
    return state


cdef object _client_timeout(object timeout):
    key = timeout
    t = _CLIENT_TIMEOUTS.get(key)
    if t is None:
        connect, read = _phases(timeout)
        t = _aiohttp.ClientTimeout(total=None, sock_connect=connect, sock_read=read)
        if len(_CLIENT_TIMEOUTS) < 256:
            _CLIENT_TIMEOUTS[key] = t
    return t


cdef object _async_error(object exc, str url, str model, str provider):
    if isinstance(exc, (_asyncio.TimeoutError, TimeoutError)):
        return Timeout(f"request to {redact_url(url)} timed out", model, provider)
    return APIConnectionError(f"connection to {redact_url(url)} failed: {str(exc) or type(exc).__name__}",
                              provider, model)


async def asend(str method, str url, dict headers, bytes body, object timeout=None, object verify=True,
                bint stream=False, str model=None, str provider=None):
    """The async twin of send(): a Response, or an AsyncByteStream for a 2xx stream."""
    cdef _LoopState state = _state()
    cdef _Target t = _target(url)
    ssl = True if t.scheme == "http" else (False if verify is False else _ssl_context(verify))
    try:
        resp = await state.session.request(method, url, data=body, headers=headers, ssl=ssl,
                                           timeout=_client_timeout(timeout), allow_redirects=False,
                                           proxy=_proxy_for(t))
    except (_aiohttp.ClientError, OSError, _asyncio.TimeoutError) as e:
        raise _async_error(e, url, model, provider) from None
    if stream and 200 <= resp.status < 300:
        return _new_async_stream(resp, _header_dict(resp.headers.items()), url, model, provider)
    try:
        data = await resp.read()
    except (_aiohttp.ClientError, OSError, _asyncio.TimeoutError) as e:
        resp.close()
        raise _async_error(e, url, model, provider) from None
    finally:
        resp.release()
    return _response(resp.status, resp.headers, data)


@cython.final
cdef class AsyncByteStream(_ByteStream):
    """The body of a streamed async answer; see SyncByteStream."""

    async def read_chunk(self):
        """The next bytes of the body; b"" at its end."""
        if self._done:
            return b""
        try:
            data = await self._resp.content.readany()
        except (_aiohttp.ClientError, OSError, _asyncio.TimeoutError) as e:
            self.close()
            raise _async_error(e, self._url, self._model, self._provider) from None
        if not data:
            self._done = True
            self._resp.release()        # read to the end: the connection is reused
        return data

    cpdef close(self):
        if not self._done:
            self._done = True
            self._resp.close()          # an unfinished body: the connection is dropped

    async def aclose(self):
        self.close()

    def __del__(self):
        if not self._done and self._resp is not None:
            self._done = True
            self._resp.close()


cdef AsyncByteStream _new_async_stream(object resp, dict headers, str url, str model, str provider):
    cdef AsyncByteStream s = AsyncByteStream.__new__(AsyncByteStream)
    s._resp = resp
    s.status = resp.status
    s.headers = headers
    s._url = url
    s._model = model
    s._provider = provider
    return s


async def aclose():
    """Close the aiohttp session of the running event loop (await fastcore.aclose())."""
    global _last_loop, _last_state
    if _asyncio is None:
        return
    loop = _asyncio.get_running_loop()
    state = _LOOPS.pop(loop, None)
    if loop is _last_loop:
        _last_loop = _last_state = None
    if state is not None:
        guard, (<_LoopState>state).guard = (<_LoopState>state).guard, None
        await _close_state(state)
        if guard is not None:
            await guard.aclose()


def _close_at_exit():
    close()
    # Loops still open but not running (a loop a caller kept): close their sessions there.
    for loop, state in list(_LOOPS.items()):
        if (<_LoopState>state).session is not None and not loop.is_closed() and not loop.is_running():
            try:
                loop.run_until_complete(_close_state(state))
            except Exception:
                pass


atexit.register(_close_at_exit)
