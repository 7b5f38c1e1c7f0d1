# cython: language_level=3
"""Response ids: random uuid4 strings from a fast in-process generator.

xoshiro256** costs nanoseconds where uuid.uuid4() costs microseconds. It is
seeded from the kernel and re-seeded in fork children, so that a parent and
its children never hand out the same ids.
"""
from libc.stdint cimport uint64_t
from libc.string cimport memcpy

cdef extern from "Python.h":
    str PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    void* PyUnicode_DATA(object o)

cdef extern from "<sys/random.h>" nogil:
    Py_ssize_t getrandom(void* buf, size_t n, unsigned int flags)

cdef extern from "<pthread.h>" nogil:
    int pthread_atfork(void (*prepare)() noexcept nogil, void (*parent)() noexcept nogil,
                       void (*child)() noexcept nogil)

cdef extern from "<unistd.h>" nogil:
    int getpid()


cdef uint64_t _rng[4]
cdef bytes _HEX2_BYTES = b"".join(b"%02x" % i for i in range(256))
cdef const char* _HEX2 = _HEX2_BYTES

_last_second = -1
_last_created = None


cdef inline uint64_t _rotl(uint64_t x, int k) noexcept nogil:
    return (x << k) | (x >> (64 - k))

cdef inline uint64_t _splitmix(uint64_t* x) noexcept nogil:
    x[0] += 0x9E3779B97F4A7C15ULL
    cdef uint64_t z = x[0]
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL
    return z ^ (z >> 31)

cdef void _seed() noexcept nogil:
    cdef uint64_t mix
    cdef int i
    if getrandom(<void*>_rng, sizeof(_rng), 0) != sizeof(_rng):
        # No entropy syscall (very old kernel): derive the state from time and pid.
        mix = (<uint64_t>c_time(NULL) << 20) ^ <uint64_t>getpid() ^ <uint64_t>&mix
        for i in range(4):
            _rng[i] = _splitmix(&mix)
    if (_rng[0] | _rng[1] | _rng[2] | _rng[3]) == 0:
        _rng[0] = 1

cdef inline uint64_t _next() noexcept nogil:
    cdef uint64_t result = _rotl(_rng[1] * 5, 7) * 9
    cdef uint64_t t = _rng[1] << 17
    _rng[2] ^= _rng[0]
    _rng[3] ^= _rng[1]
    _rng[1] ^= _rng[2]
    _rng[0] ^= _rng[3]
    _rng[2] ^= t
    _rng[3] = _rotl(_rng[3], 45)
    return result

cdef inline void _hex(char* out, uint64_t v, int nibbles) noexcept nogil:
    # Two digits per step from a 512-byte table: half the loop of nibble-wise.
    cdef int i
    cdef unsigned int b
    for i in range(nibbles // 2 - 1, -1, -1):
        b = (v & 0xFF) * 2
        out[2 * i] = _HEX2[b]
        out[2 * i + 1] = _HEX2[b + 1]
        v >>= 8

cdef str _uuid_str(const char* prefix, Py_ssize_t n):
    # Written straight into a new ASCII str: no bytes object, no decode pass.
    cdef uint64_t hi = _next()
    cdef uint64_t lo = _next()
    cdef str out = PyUnicode_New(n + 36, 127)
    cdef char* p = <char*>PyUnicode_DATA(out)
    memcpy(p, prefix, n)
    p += n
    hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x4000ULL               # version 4
    lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL   # variant 10xx
    _hex(p, hi >> 32, 8)
    p[8] = b'-'
    _hex(p + 9, (hi >> 16) & 0xFFFF, 4)
    p[13] = b'-'
    _hex(p + 14, hi & 0xFFFF, 4)
    p[18] = b'-'
    _hex(p + 19, lo >> 48, 4)
    p[23] = b'-'
    _hex(p + 24, lo & 0xFFFFFFFFFFFFULL, 12)
    return out

cdef str _new_id():
    return _uuid_str("chatcmpl-", 9)

cdef str _new_uuid():
    return _uuid_str("", 0)


_seed()
pthread_atfork(NULL, NULL, _seed)


def new_id():
    """A fresh "chatcmpl-<uuid4>" id, as LiteLLM generates for responses."""
    return _new_id()


def new_uuid():
    """A fresh uuid4 string (the default id of a tool call)."""
    return _new_uuid()
