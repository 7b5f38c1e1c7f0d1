"""The SSE decoder gives the same events whatever the network's chunk boundaries are."""
import itertools

import pytest
from hypothesis import given, strategies as st

from fastcore._ext.sse import SSEDecoder

STREAM = (
    b": keep-alive\n\n"
    b'data: {"id":"c1","choices":[{"delta":{"role":"assistant","content":""}}]}\n\n'
    + "data: {\"choices\":[{\"delta\":{\"content\":\"h\u00e9llo \u4e16\u754c \U0001f389\"}}]}\r\n\r\n".encode()
    + b"event: ping\ndata: a\ndata: b\n\n"
    b"data:no-space\rdata:  two spaces\r\r"
    b"id: 7\nretry: 100\nunknown\ndata\n\n"
    b": comment\r\n"
    b"data: [DONE]\n\n"
)
EXPECTED = [
    ("message", b'{"id":"c1","choices":[{"delta":{"role":"assistant","content":""}}]}'),
    ("message", "{\"choices\":[{\"delta\":{\"content\":\"h\u00e9llo \u4e16\u754c \U0001f389\"}}]}".encode()),
    ("ping", b"a\nb"),
    ("message", b"no-space\n two spaces"),
    ("message", b""),
    ("message", b"[DONE]"),
]


def reference(data: bytes):
    """The WHATWG algorithm, written plainly, on the whole stream at once."""
    out, lines, event = [], [], None
    for line in data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n"):
        if not line:
            if lines:
                out.append((event or "message", b"\n".join(lines)))
            lines, event = [], None
        elif line.startswith(b":"):
            continue
        else:
            name, _, value = line.partition(b":")
            value = value[1:] if value.startswith(b" ") else value
            if name == b"data":
                lines.append(value)
            elif name == b"event":
                event = value.decode()
    return out


def decode(pieces):
    d = SSEDecoder()
    events = []
    for piece in pieces:
        events += d.feed(piece)
    events += d.close()
    return [(e.event, e.data) for e in events]


def test_whole_stream():
    assert decode([STREAM]) == EXPECTED == reference(STREAM)


def test_every_two_way_split():
    for i in range(len(STREAM) + 1):
        assert decode([STREAM[:i], STREAM[i:]]) == EXPECTED, i


def test_every_three_way_split_of_the_line_ends():
    # All splits around CR/LF and multi-byte characters, three pieces at a time.
    points = sorted({i for i, b in enumerate(STREAM) if b in b"\r\n" or b >= 0x80} | {0, len(STREAM)})
    near = sorted({p + d for p in points for d in (-1, 0, 1) if 0 <= p + d <= len(STREAM)})
    for i, j in itertools.combinations(near, 2):
        assert decode([STREAM[:i], STREAM[i:j], STREAM[j:]]) == EXPECTED, (i, j)


def test_byte_by_byte():
    assert decode([STREAM[i:i + 1] for i in range(len(STREAM))]) == EXPECTED


@given(st.lists(st.integers(min_value=0, max_value=len(STREAM)), max_size=20))
def test_random_splits(cuts):
    cuts = sorted(cuts)
    pieces = [STREAM[a:b] for a, b in zip([0] + cuts, cuts + [len(STREAM)])]
    assert decode(pieces) == EXPECTED


LINE = st.one_of(
    st.builds(lambda v: b"data: " + v.encode(), st.text(alphabet=st.characters(blacklist_characters="\r\n"),
                                                       max_size=12)),
    st.builds(lambda v: b"event: " + v.encode(), st.text(alphabet="abcxyz", min_size=1, max_size=5)),
    st.just(b": ping"), st.just(b""), st.just(b"data"), st.just(b"id: 1"),
)


@given(st.lists(LINE, max_size=25), st.sampled_from([b"\n", b"\r\n", b"\r"]),
       st.lists(st.integers(min_value=0, max_value=400), max_size=10))
def test_random_streams_match_the_reference(lines, eol, cuts):
    data = b"".join(line + eol for line in lines) + eol
    cuts = sorted(c for c in cuts if c <= len(data))
    pieces = [data[a:b] for a, b in zip([0] + cuts, cuts + [len(data)])]
    assert decode(pieces) == reference(data)


def test_unterminated_last_event_is_dispatched_at_close():
    d = SSEDecoder()
    assert d.feed(b"data: [DONE]") == [] and d.pending
    assert [(e.event, e.data) for e in d.close()] == [("message", b"[DONE]")]
    assert not d.pending


@pytest.mark.parametrize("chunk", [b"", b"\n", b"\r\n\r\n", b":\n"])
def test_nothing_to_dispatch(chunk):
    assert decode([chunk]) == []
