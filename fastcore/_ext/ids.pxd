# Response ids and the `created` clock, shared by every module that builds responses.

from libc.time cimport time as c_time

cdef:
    str _uuid_str(const char* prefix, Py_ssize_t n)
    str _new_id()       # "chatcmpl-<uuid4>"
    str _new_uuid()     # "<uuid4>"

    # The cache of _now(); defined in ids.pyx, reached from other modules through a pointer.
    long _last_second
    object _last_created


cdef inline object _now():
    # One int object per second, shared by every response made in it.
    global _last_second, _last_created
    cdef long t = <long>c_time(NULL)
    if t != _last_second:
        _last_second = t
        _last_created = t
    return _last_created
