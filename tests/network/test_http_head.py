"""transport's two changes to http.client: the request leaves in one send(), and
the answer's head is read by a compiled reader instead of the email package.

Each test fails if http.client changes in a way the transport depends on
(_send_output, _read_status, _check_close, response_class).
"""
import http.client
import io
import socket

import pytest

from fastcore._ext import transport

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
HEADS = {
    "length": OK,
    "repeated and case": b"HTTP/1.1 200 OK\r\nX-A: 1\r\nx-a: 2\r\nCONTENT-LENGTH: 2\r\n\r\nhi",
    "chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
    "chunked wins over length": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\nContent-Length: 99\r\n\r\n"
                                b"1\r\nx\r\n0\r\n\r\n",
    "close": b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nhi",
    "no length": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end",
    "http/1.0": b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi",
    "http/1.0 keep-alive": b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nhi",
    "204": b"HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n",
    "304": b"HTTP/1.1 304 Not Modified\r\n\r\n",
    "100 continue": b"HTTP/1.1 100 Continue\r\nX-Skip: 1\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx",
    "bad length": b"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nrest",
    "negative length": b"HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\nrest",
    "LF only": b"HTTP/1.1 200 OK\nX-A: 1\nContent-Length: 2\n\nhi",
    "empty value": b"HTTP/1.1 200 OK\r\nX-Empty:\r\nContent-Length: 0\r\n\r\n",
    "latin-1": b"HTTP/1.1 200 OK\r\nX-Name: caf\xe9\r\nContent-Length: 0\r\n\r\n",
    "error status": b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\nContent-Length: 2\r\n\r\n{}",
}
BROKEN = {
    "nothing": b"",
    "bad status line": b"HTCPCP/1.0 418 I'm a teapot\r\n\r\n",
    "unknown version": b"HTTP/2.0 200 OK\r\n\r\n",
    "long header": b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70000 + b"\r\n\r\n",
    "many headers": b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(120)) + b"\r\n",
}


class _Sock:
    def __init__(self, data):
        self.data = data

    def makefile(self, mode):
        return io.BytesIO(self.data)


def _read(cls, data, method="GET"):
    resp = cls(_Sock(data), method=method)
    resp.begin()
    head = {"status": resp.status, "reason": resp.reason, "version": resp.version, "length": resp.length,
            "chunked": resp.chunked, "will_close": resp.will_close, "headers": resp.getheaders(),
            "x-a": resp.getheader("x-a"), "content-length": resp.getheader("Content-Length"),
            "missing": resp.getheader("x-missing", "dflt")}
    return head, resp.read()


@pytest.mark.parametrize("name", list(HEADS))
def test_the_compiled_head_reads_as_http_client_does(name):
    assert _read(transport._Response, HEADS[name]) == _read(http.client.HTTPResponse, HEADS[name])


def test_head_request_has_no_body():
    data = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
    assert _read(transport._Response, data, "HEAD") == _read(http.client.HTTPResponse, data, "HEAD")


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_heads_raise_what_http_client_raises(name):
    with pytest.raises(Exception) as ours:
        _read(transport._Response, BROKEN[name])
    with pytest.raises(Exception) as theirs:
        _read(http.client.HTTPResponse, BROKEN[name])
    assert type(ours.value) is type(theirs.value)


def test_whitespace_around_a_value_is_not_part_of_it():
    # RFC 9110 5.5, and what aiohttp (the async transport) gives; http.client keeps trailing blanks.
    resp = transport._Response(_Sock(b"HTTP/1.1 200 OK\r\nX-Pad: \t value \t\r\nContent-Length: 0\r\n\r\n"))
    resp.begin()
    assert resp.getheader("x-pad") == "value"


def test_folded_and_malformed_lines():
    data = b"HTTP/1.1 200 OK\r\nX-Fold: one\r\n  two\r\nnot a header\r\nX-B: 2\r\nContent-Length: 0\r\n\r\n"
    resp = transport._Response(_Sock(data))
    resp.begin()
    assert resp.getheader("x-fold") == "one two"
    assert resp.getheader("x-b") == "2"
    assert "X-B" in resp.msg and len(resp.msg) == 3


class _CountingSocket:
    """Wraps a connected socket and records each send."""

    def __init__(self, sock):
        self.sock, self.sent = sock, []

    def sendall(self, data):
        self.sent.append(bytes(data))
        return self.sock.sendall(data)

    def __getattr__(self, name):
        return getattr(self.sock, name)


def test_request_leaves_in_one_send_and_the_answer_uses_the_compiled_head(upstream):
    conn = transport._HTTPConnection("127.0.0.1", upstream.port)
    conn.connect()
    conn.sock = counting = _CountingSocket(conn.sock)
    body = b'{"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}'
    conn.request("POST", "/v1/chat/completions", body, {"Content-Type": "application/json"})
    assert len(counting.sent) == 1 and counting.sent[0].endswith(b"\r\n\r\n" + body)
    resp = conn.getresponse()
    assert type(resp) is transport._Response and type(resp.msg) is transport._Message
    assert resp.status == 200 and b"Hello, world!" in resp.read()
    conn.sock = counting.sock
    conn.close()


def test_other_bodies_still_go_through_http_client(upstream):
    conn = transport._HTTPConnection("127.0.0.1", upstream.port)
    conn.request("POST", "/v1/chat/completions", io.BytesIO(b'{"model": "gpt-4o", "messages": []}'),
                 {"Content-Type": "application/json", "Content-Length": "35"})
    assert conn.getresponse().status == 200
    conn.close()
