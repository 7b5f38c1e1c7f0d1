# The shared machinery of the LiteLLM-compatible response objects, included by
# response.pyx. It is a file of its own but not a module: Cython gives a class
# its fast (vectorcall) constructor only when its bases live in the same module.
#
# _Record gives every response class what LiteLLM's pydantic models expose to
# callers: attribute and item access, the keys, order and None-handling of
# model_dump()/json()/to_dict(), repr, ==, pickle and copy. Each subclass (in
# response.pyx) supplies its typed slots and a _Spec describing its layout.
from cpython.object cimport PyObject


cdef extern from "Python.h":
    # Declared here so that NULL (delete) can be passed.
    int _generic_setattr "PyObject_GenericSetAttr" (object o, object name, PyObject* value) except -1
    void PyObject_GC_Track(object o)
    int PyObject_GC_IsTracked(object o)


# A typed slot holding _ABSENT behaves like a missing attribute: left out of
# dumps, AttributeError on access (see ModelResponse.usage).
class _Absent:
    __slots__ = ()

    def __repr__(self):
        return "<absent>"

    def __reduce__(self):
        # Pickle and deepcopy hand back the one instance, so `is _ABSENT` holds.
        return "ABSENT"


ABSENT = _Absent()
cdef object _ABSENT = ABSENT


cdef class _Spec:
    """How one class lays out its fields (see response.pxd)."""

    def __init__(self, tuple layout, bint dump_unset=False, bint lenient_del=True,
                 bint item_assign=True, bint json_dict=False):
        self.layout = layout
        self.slots = {n: s for n, s in layout if s >= 0}
        self.declared = frozenset(n for n, s in layout if s == _IN_DICT)
        self.dump_unset = dump_unset
        self.lenient_del = lenient_del
        self.item_assign = item_assign
        self.json_dict = json_dict


cdef object _as_int(object v, str what):
    if type(v) is int:
        return v
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str):
        try:
            return int(v.strip())
        except ValueError:
            pass
    raise BadRequestError(f"{what} must be an integer, got {type(v).__name__}")

cdef int _raise_not_str(object v, str what) except -1:
    raise BadRequestError(f"{what} must be a string or None, got {type(v).__name__}")

cdef object _dump_value(object v, int flags):
    cdef type t = type(v)
    if v is None or t is str or t is int or t is float or t is bool:
        return v
    if isinstance(v, _Record):
        return (<_Record>v)._dump(flags)
    if t is list:
        return [_dump_value(x, flags) for x in <list>v]
    if t is dict:
        return {k: _dump_value(x, flags) for k, x in (<dict>v).items()}
    if t is tuple:
        return tuple([_dump_value(x, flags) for x in <tuple>v])
    if hasattr(t, "model_dump"):  # a pydantic model the caller stored on us
        return v.model_dump(exclude_unset=bool(flags & _EXCLUDE_UNSET),
                            exclude_none=bool(flags & _EXCLUDE_NONE))
    return v

cdef object _select(object data, object keep, object drop):
    # pydantic-style include/exclude: a set of keys, or a dict whose values are
    # True (whole key) or a nested selector; "__all__" addresses every list item.
    cdef dict out
    if isinstance(data, dict):
        out = {}
        for k, v in (<dict>data).items():
            inc = True if keep is None else _pick(keep, k)
            exc = None if drop is None else _pick(drop, k)
            if inc is None or exc is True:
                continue
            out[k] = _select(v, None if inc is True else inc, exc)
        return out
    if isinstance(data, list):
        res = []
        for i, v in enumerate(data):
            inc = True if keep is None else _pick(keep, i)
            exc = None if drop is None else _pick(drop, i)
            if inc is None or exc is True:
                continue
            res.append(_select(v, None if inc is True else inc, exc))
        return res
    return data

cdef object _pick(object selector, object key):
    if isinstance(selector, dict):
        v = selector.get(key, selector.get("__all__"))
        return True if v is Ellipsis else v
    if isinstance(selector, (set, frozenset, list, tuple)):
        return True if key in selector else None
    raise BadRequestError("include/exclude must be a set or a dict of field names")


cdef class _Record:
    """Shared machinery; every response class derives from it."""

    cdef _Spec _spec(self):
        raise NotImplementedError

    cdef tuple _values(self):
        raise NotImplementedError

    cdef int _load(self, tuple values) except -1:
        raise NotImplementedError

    cdef list _items(self, bint exclude_unset):
        cdef _Spec spec = self._spec()
        cdef tuple vals = self._values()
        cdef dict d = _dict(self)
        cdef list out = []
        cdef Py_ssize_t slot
        for name, slot in spec.layout:
            if slot >= 0:
                if vals[slot] is _ABSENT:
                    continue
                if not (exclude_unset and (self._unset >> slot) & 1):
                    out.append((name, vals[slot]))
            elif slot == _IN_DICT:
                if d is not None and name in d:
                    out.append((name, d[name]))
            elif d:
                for k, v in d.items():
                    if k not in spec.declared and not (<str>k).startswith("_"):
                        out.append((k, v))
        return out

    cdef dict _dump(self, int flags):
        cdef dict out = {}
        cdef bint drop_none = flags & _EXCLUDE_NONE
        for k, v in self._items(flags & _EXCLUDE_UNSET):
            if v is None and drop_none:
                continue
            out[k] = _dump_value(v, flags)
        return out

    cdef int _setattr(self, object name, object value) except -1:
        _generic_setattr(self, name, <PyObject*>value)
        if not PyObject_GC_IsTracked(self) and PyObject_IS_GC(value):
            # Leaving the atomic-only state: from now on a cycle is possible.
            PyObject_GC_Track(self)
        if self._unset:
            slot = self._spec().slots.get(name)
            if slot is not None:
                self._unset &= ~(1ULL << <int>slot)
        return 0

    def __setattr__(self, name, value):
        self._setattr(name, value)

    def __delattr__(self, name):
        try:
            _generic_setattr(self, name, NULL)
        except AttributeError:
            if not self._spec().lenient_del:
                raise

    # -- dict-style access -------------------------------------------------
    def __getitem__(self, key):
        return getattr(self, key)

    def __setitem__(self, key, value):
        if not self._spec().item_assign:
            raise TypeError(f"'{type(self).__name__}' object does not support item assignment")
        setattr(self, key, value)

    def get(self, key, default=None):
        return getattr(self, key, default)

    def __contains__(self, key):
        return hasattr(self, key)

    def __iter__(self):
        return iter(self._items(False))

    # -- comparison, repr, pickling -----------------------------------------
    def __eq__(self, other):
        if not isinstance(other, _Record):
            return NotImplemented
        if type(self) is not type(other):
            return False
        return (self._values() == (<_Record>other)._values()
                and (_dict(self) or {}) == (_dict(<_Record>other) or {}))

    def __repr__(self):
        return f"{type(self).__name__}({', '.join([f'{k}={v!r}' for k, v in self._items(False)])})"

    def __reduce__(self):
        return (_rebuild, (type(self), self._values(), self._unset, _dict(self)))

    # -- serialisation ---------------------------------------------------
    # `include` is a Cython keyword, so it arrives through **kw.
    def model_dump(self, *, mode="python", exclude=None, by_alias=None, exclude_unset=None,
                   exclude_defaults=False, exclude_none=None, round_trip=False, warnings=True, **kw):
        if mode not in ("python", "json"):
            raise BadRequestError(f"model_dump mode must be 'python' or 'json', got {mode!r}")
        if exclude_defaults:
            raise BadRequestError("model_dump(exclude_defaults=True) is not supported; use exclude_unset")
        if exclude_unset is None:
            exclude_unset = exclude_none is None and self._spec().dump_unset
        cdef int flags = (_EXCLUDE_UNSET if exclude_unset else 0) | (_EXCLUDE_NONE if exclude_none else 0)
        out = self._dump(flags)
        keep = kw.get("include")
        if keep is not None or exclude is not None:
            out = _select(out, keep, exclude)
        return out

    def model_dump_json(self, *, indent=None, exclude=None, by_alias=None, exclude_unset=False,
                        exclude_defaults=False, exclude_none=False, round_trip=False, warnings=True, **kw):
        data = self.model_dump(exclude=exclude, exclude_unset=bool(exclude_unset),
                               exclude_defaults=exclude_defaults, exclude_none=bool(exclude_none), **kw)
        import json
        if indent is None:
            return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_json_default)
        return json.dumps(data, ensure_ascii=False, indent=indent, default=_json_default)

    def dict(self, *, exclude=None, by_alias=False, exclude_unset=False, exclude_defaults=False,
             exclude_none=False, **kw):
        return self.model_dump(exclude=exclude, exclude_unset=exclude_unset, exclude_defaults=exclude_defaults,
                               exclude_none=exclude_none, **kw)

    def json(self, **kwargs):
        if self._spec().json_dict:
            return self.model_dump()
        return self.model_dump_json(**kwargs)

    def to_dict(self, *, mode="python", use_api_names=True, exclude_unset=True,
                exclude_defaults=False, exclude_none=False, warnings=True):
        return self.model_dump(mode=mode, exclude_unset=exclude_unset,
                               exclude_defaults=exclude_defaults, exclude_none=exclude_none)

    def to_json(self, *, indent=2, use_api_names=True, exclude_unset=True,
                exclude_defaults=False, exclude_none=False, warnings=True):
        return self.model_dump_json(indent=indent, exclude_unset=exclude_unset,
                                    exclude_defaults=exclude_defaults, exclude_none=exclude_none)

    @property
    def model_fields_set(self):
        """Names pydantic would report as explicitly set."""
        cdef _Spec spec = self._spec()
        cdef tuple vals = self._values()
        return {k for k, s in spec.slots.items()
                if not (self._unset >> <int>s) & 1 and vals[s] is not _ABSENT} | {
            k for k in (_dict(self) or ()) if not (<str>k).startswith("_")}

    @property
    def model_extra(self):
        cdef _Spec spec = self._spec()
        return {k: v for k, v in (_dict(self) or {}).items()
                if k not in spec.declared and not (<str>k).startswith("_")}


cdef str _dumps(object value):
    import json
    return json.dumps(value)


def _json_default(o):
    if hasattr(type(o), "model_dump"):
        return o.model_dump(mode="json")
    if isinstance(o, (bytes, bytearray)):
        return bytes(o).decode("utf-8", "replace")
    raise BadRequestError(f"cannot serialise a {type(o).__name__} value to JSON")


def _rebuild(cls, tuple values, unsigned long long unset, d):
    cdef _Record obj = _no_dict(cls.__new__(cls))
    obj._load(values)
    obj._unset = unset
    if d:
        _set_dict(obj, dict(d))
    return obj
