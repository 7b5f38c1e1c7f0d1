# The shared machinery of the LiteLLM-compatible response objects, included by
# response.pyx. It is a file of its own but not a module: Cython gives a class
# its fast (vectorcall) constructor only when its bases live in the same module.
#
# _Record gives every response class what LiteLLM's pydantic models expose to
# callers: attribute and item access, the keys, order and None-handling of
# model_dump()/json()/to_dict(), repr, ==, pickle and copy. Each subclass (in
# response.pyx) supplies its typed slots and a _Spec describing its layout.
from cpython.object cimport PyObject

from fastcore._ext.safety cimport Py_ReprEnter, Py_ReprLeave, enter_recursion, leave_recursion


cdef extern from "Python.h":
    # Declared here so that NULL (delete) can be passed.
    int _generic_setattr "PyObject_GenericSetAttr" (object o, object name, PyObject* value) except -1
    void PyObject_GC_Track(object o)
    int PyObject_GC_IsTracked(object o)

cdef extern from *:
    """
    /* GC tracking of the response classes. An object whose fields hold only
     * atomic values is left untracked (see _untrack_if_atomic); the invariant is
     * "untracked => NULL __dict__ and no container in a slot". These wrappers
     * keep it on every path that can give such an object a container: a slot
     * written through its descriptor (setattr, or Cls.field.__set__ directly),
     * and the __dict__ handed out by vars() / obj.__dict__. Each wrapper calls
     * Cython's own accessor, kept as the closure. */
    static int fc_tracking_set(PyObject *o, PyObject *value, void *closure) {
        PyGetSetDef *orig = (PyGetSetDef *)closure;
        if (orig->set(o, value, orig->closure) < 0) return -1;
        if (value && PyObject_IS_GC(value) && !PyObject_GC_IsTracked(o)) PyObject_GC_Track(o);
        return 0;
    }
    static PyObject *fc_tracking_dict_get(PyObject *o, void *closure) {
        PyGetSetDef *orig = (PyGetSetDef *)closure;
        PyObject *d = orig->get(o, orig->closure);
        if (d && !PyObject_GC_IsTracked(o)) PyObject_GC_Track(o);
        return d;
    }
    /* Swap every getset descriptor of `type` that can store a value for a
     * tracking one. The new PyGetSetDef lives as long as the type (forever). */
    static int fc_patch_tracking(PyObject *type_obj) {
        PyTypeObject *type = (PyTypeObject *)type_obj;
        PyObject *items = PyDict_Items(type->tp_dict);
        if (!items) return -1;
        Py_ssize_t n = PyList_GET_SIZE(items);
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *key = PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 0);
            PyObject *value = PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 1);
            if (!Py_IS_TYPE(value, &PyGetSetDescr_Type)) continue;
            PyGetSetDef *orig = ((PyGetSetDescrObject *)value)->d_getset;
            int is_dict = PyUnicode_CompareWithASCIIString(key, "__dict__") == 0;
            if (orig->get == fc_tracking_dict_get || orig->set == fc_tracking_set) continue;
            if (!is_dict && !orig->set) continue;
            PyGetSetDef *def = (PyGetSetDef *)PyMem_Malloc(sizeof(PyGetSetDef));
            if (!def) { Py_DECREF(items); PyErr_NoMemory(); return -1; }
            *def = *orig;
            def->closure = orig;
            if (is_dict) def->get = fc_tracking_dict_get; else def->set = fc_tracking_set;
            PyObject *descr = PyDescr_NewGetSet(type, def);
            if (!descr || PyDict_SetItem(type->tp_dict, key, descr) < 0) {
                Py_XDECREF(descr); Py_DECREF(items); return -1;
            }
            Py_DECREF(descr);
        }
        Py_DECREF(items);
        PyType_Modified(type);
        return 0;
    }
    """
    int _fc_patch_tracking "fc_patch_tracking" (object type) except -1


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
        typed = {_XSLOT - s: n for n, s in layout if s <= _XSLOT}
        self.xnames = tuple([typed[i] for i in range(len(typed))])
        self.dump_unset = dump_unset
        self.lenient_del = lenient_del
        self.item_assign = item_assign
        self.json_dict = json_dict


# Constructors (and the setters behind them) raise TypeError or ValueError
# naming the field, as pydantic's ValidationError is a ValueError; the public
# functions that build objects from caller input turn these into BadRequestError.
cdef extern from "Python.h":
    long long PyLong_AsLongLongAndOverflow(object o, int* overflow) except? -1


cdef object _as_int(object v, str what):
    # Counts, indices and timestamps are int64 in every provider's schema.
    cdef int overflow = 0
    if type(v) is int:
        PyLong_AsLongLongAndOverflow(v, &overflow)      # the common case: no big-int compare
        if overflow:
            raise ValueError(f"{what} must fit in 64 bits, got {short_repr(v)}")
        return v
    elif isinstance(v, int):
        out = int(v)
    elif isinstance(v, float):
        if not v.is_integer():
            raise ValueError(f"{what} must be an integer, got {short_repr(v)}")
        out = int(v)
    elif isinstance(v, str):
        try:
            out = int(v.strip())
        except ValueError:
            raise ValueError(f"{what} must be an integer, got {short_repr(v)}") from None
    else:
        raise TypeError(f"{what} must be an integer, got {type(v).__name__}")
    if not -_INT64_LIMIT <= out < _INT64_LIMIT:
        raise ValueError(f"{what} must fit in 64 bits, got {short_repr(out)}")
    return out

cdef object _INT64_LIMIT = 1 << 63

cdef int _raise_not_str(object v, str what) except -1:
    raise TypeError(f"{what} must be a string or None, got {type(v).__name__}")

cdef object _dump_value(object v, int flags):
    cdef type t = type(v)
    if v is None or t is str or t is int or t is float or t is bool:
        return v
    enter_recursion(" while dumping a response object")
    try:
        if isinstance(v, _Record):
            return (<_Record>v)._dump(flags)
        if t is list:
            return [_dump_value(x, flags) for x in list(<list>v)]
        if t is dict:
            return {k: _dump_value(x, flags) for k, x in list((<dict>v).items())}
        if t is tuple:
            return tuple([_dump_value(x, flags) for x in <tuple>v])
        if hasattr(t, "model_dump"):  # a pydantic model the caller stored on us
            return v.model_dump(exclude_unset=bool(flags & _EXCLUDE_UNSET),
                                exclude_none=bool(flags & _EXCLUDE_NONE))
        return v
    finally:
        leave_recursion()

cdef object _select(object data, object keep, object drop):
    enter_recursion(" while selecting fields")
    try:
        return _select_level(data, keep, drop)
    finally:
        leave_recursion()

cdef object _select_level(object data, object keep, object drop):
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
    raise TypeError("include/exclude must be a set or a dict of field names")


cdef inline bint _is_extra(object key, _Spec spec):
    # vars(obj) is the caller's to fill: a key need not even be a str.
    return isinstance(key, str) and not (<str>key).startswith("_") and key not in spec.declared


cdef dict _attrs(_Record o):
    # A copy of the instance attributes, typed extras included (first, in layout order).
    cdef _Spec spec = o._spec()
    cdef dict out = {}
    cdef dict d = _dict(o)
    for i in range(len(spec.xnames)):
        v = o._xget(i)
        if v is not _ABSENT:
            out[spec.xnames[i]] = v
    if d:
        out.update(d)
    return out


cdef int _route_typed_extras(_Record o, dict params) except -1:
    # Moves the typed extras out of `params` (constructor keywords, pickled
    # attributes) into their slots: a __dict__ entry would hide behind the property.
    cdef tuple names = o._spec().xnames
    if names:
        for i in range(len(names)):
            v = params.pop(names[i], _ABSENT)
            if v is not _ABSENT:
                o._xset(i, v)
    return 0


cdef object _xattr(_Record o, int i):
    # A typed extra's value, or the AttributeError of an attribute never set.
    v = o._xget(i)
    if v is _ABSENT:
        raise AttributeError(f"'{type(o).__name__}' object has no attribute '{o._spec().xnames[i]}'")
    return v


cdef int _xdel(_Record o, int i) except -1:
    if o._xget(i) is _ABSENT:
        if o._spec().lenient_del:
            return 0
        raise AttributeError(o._spec().xnames[i])
    o._xset(i, _ABSENT)
    return 0


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
            elif slot <= _XSLOT:
                v = self._xget(_XSLOT - slot)
                if v is not _ABSENT:
                    out.append((name, v))
            elif d:
                for k, v in list(d.items()):
                    if _is_extra(k, spec):
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

    cdef object _xget(self, int i):
        return _ABSENT

    cdef int _xset(self, int i, object value) except -1:
        raise AttributeError(f"{type(self).__name__} has no typed extra {i}")

    cdef int _setattr(self, object name, object value) except -1:
        # A slot's tracking descriptor re-tracks the object for a container;
        # an extra attribute lands in __dict__, which untracked objects never have.
        _generic_setattr(self, name, <PyObject*>value)
        if not PyObject_GC_IsTracked(self) and _PyObject_GetDictPtr(self)[0] != NULL:
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
        enter_recursion(" in comparison")
        try:
            return (self._values() == (<_Record>other)._values()
                    and _attrs(self) == _attrs(<_Record>other))
        finally:
            leave_recursion()

    def __repr__(self):
        # A record that contains itself shows as Name(...), as a list shows [...].
        if Py_ReprEnter(self):
            return f"{type(self).__name__}(...)"
        try:
            return f"{type(self).__name__}({', '.join([f'{k}={v!r}' for k, v in self._items(False)])})"
        finally:
            Py_ReprLeave(self)

    def __reduce__(self):
        # Typed extras travel with the attributes, as extras: the state's layout
        # does not depend on which extras a build keeps in typed slots.
        d = _attrs(self)
        if d:
            # Only attributes travel: a non-str key put in vars(obj) cannot be one.
            d = {k: v for k, v in d.items() if isinstance(k, str)}
        return (_restore, (type(self), STATE_VERSION, self._values(), self._unset, d or None))

    # -- serialisation ---------------------------------------------------
    # `include` is a Cython keyword, so it arrives through **kw.
    def model_dump(self, *, mode="python", exclude=None, by_alias=None, exclude_unset=None,
                   exclude_defaults=False, exclude_none=None, round_trip=False, warnings=True, **kw):
        if mode not in ("python", "json"):
            raise ValueError(f"model_dump mode must be 'python' or 'json', got {short_repr(mode)}")
        if exclude_defaults:
            raise ValueError("model_dump(exclude_defaults=True) is not supported; use exclude_unset")
        if exclude_unset is None:
            exclude_unset = exclude_none is None and self._spec().dump_unset
        cdef int flags = (_EXCLUDE_UNSET if exclude_unset else 0) | (_EXCLUDE_NONE if exclude_none else 0)
        try:
            out = self._dump(flags)
            keep = kw.get("include")
            if keep is not None or exclude is not None:
                out = _select(out, keep, exclude)
        except RecursionError:
            # pydantic reports a cycle as a ValueError too.
            raise ValueError(f"Circular reference detected: this {type(self).__name__} contains itself "
                             f"(or is nested deeper than the recursion limit)") from None
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
            k for k in _attrs(self) if isinstance(k, str) and not (<str>k).startswith("_")}

    @property
    def model_extra(self):
        cdef _Spec spec = self._spec()
        out = {k: v for k, v in _attrs(self).items() if _is_extra(k, spec)}
        if isinstance(self, ModelResponse) and (<ModelResponse>self)._usage is not _ABSENT:
            # LiteLLM's ModelResponse declares no usage field: usage is an extra there (CrewAI reads it here).
            out = {"usage": (<ModelResponse>self)._usage, **out}
        return out

    def model_copy(self, *, update=None, deep=False):
        """A copy (deep=True: of everything it holds too), with `update`'s fields set on it."""
        import copy
        new = copy.deepcopy(self) if deep else copy.copy(self)
        if update:
            if not isinstance(update, dict):
                raise TypeError(f"model_copy(update=...) takes a dict, got {type(update).__name__}")
            for k, v in update.items():
                setattr(new, k, v)
        return new

    @classmethod
    def model_validate(cls, obj, *, strict=None, from_attributes=None, context=None, **kw):
        """An instance from a dict (or from another response-like object), as pydantic's model_validate."""
        if isinstance(obj, cls):
            return obj
        if isinstance(obj, dict):
            return cls(**obj)
        if hasattr(type(obj), "model_dump"):
            return cls(**obj.model_dump())
        raise TypeError(f"{cls.__name__}.model_validate takes a dict or a model, got {type(obj).__name__}")


cdef str _dumps(object value):
    import json
    return json.dumps(value)


def _json_default(o):
    if hasattr(type(o), "model_dump"):
        return o.model_dump(mode="json")
    if isinstance(o, (bytes, bytearray)):
        return bytes(o).decode("utf-8", "replace")
    raise TypeError(f"cannot serialise a {type(o).__name__} value to JSON")


# -- pickled state ---------------------------------------------------------
# A pickle may outlive the build that wrote it (a response cache across an
# upgrade) or come from anywhere. State is (class, version, slot values, unset
# bits, __dict__) and every part is checked before any of it is stored.
# Version 0 is the unversioned state of fastcore 0.1.0 builds before this
# scheme (reduced through _rebuild; ModelResponse then kept usage in __dict__).
STATE_VERSION = 1
cdef dict _STATE_LEN = {}       # concrete fastcore class -> number of slot values


cdef object _bad_state(object cls, str why):
    import pickle
    name = cls.__name__ if isinstance(cls, type) else type(cls).__name__
    return pickle.UnpicklingError(f"cannot restore a {name} from this pickled state: {why}")


cdef _Record _blank(object cls):
    # The fastcore base the state was written for, and a fresh object of `cls`.
    if not isinstance(cls, type) or not issubclass(cls, _Record):
        raise _bad_state(cls, "not a fastcore response class")
    base = None
    for klass in (<type>cls).__mro__:
        if klass in _STATE_LEN:
            base = klass
            break
    if base is None:
        raise _bad_state(cls, "not a concrete fastcore response class")
    obj = cls.__new__(cls)
    if not isinstance(obj, base):
        raise _bad_state(cls, f"{cls.__name__}.__new__ returned a {type(obj).__name__}")
    return <_Record>obj


cdef _Record _fill_state(_Record obj, object values, object unset, object d):
    cdef Py_ssize_t want = _STATE_LEN[_base_of(obj)]
    if type(values) is not tuple or len(<tuple>values) != want:
        got = len(values) if isinstance(values, tuple) else type(values).__name__
        raise _bad_state(type(obj), f"expected {want} field values, got {got}")
    if type(unset) is not int or not 0 <= unset < (1 << 64):
        raise _bad_state(type(obj), "bad field-set bits")
    if d is not None and (type(d) is not dict or not all([isinstance(k, str) for k in d])):
        raise _bad_state(type(obj), "attributes must be a dict with str keys")
    try:
        _no_dict(obj)._load(<tuple>values)
    except TypeError as e:
        raise _bad_state(type(obj), str(e)) from None
    obj._unset = unset
    if d:
        d = dict(d)
        _route_typed_extras(obj, d)
        if d:
            _set_dict(obj, d)
    return obj


cdef type _base_of(_Record obj):
    for klass in type(obj).__mro__:
        if klass in _STATE_LEN:
            return klass
    raise _bad_state(type(obj), "not a concrete fastcore response class")


def _restore(cls, version, values, unset, d):
    """Unpickle state written by __reduce__ (any version this build can read)."""
    if version != STATE_VERSION:
        raise _bad_state(cls, f"state version {short_repr(version)}; this fastcore reads versions "
                              f"0 to {STATE_VERSION} (pickle it again with this version)")
    return _fill_state(_blank(cls), values, unset, d)


def _rebuild(cls, values, unset, d):
    """Unpickle version-0 state (fastcore 0.1.0 builds before versioned pickles)."""
    cdef _Record obj = _blank(cls)
    return _fill_state(obj, _upgrade_v0(obj, values, d), unset,
                       {k: v for k, v in d.items() if k != "usage"} if _moves_usage(obj, values, d) else d)


cdef bint _moves_usage(_Record obj, object values, object d):
    return (isinstance(obj, ModelResponse) and type(values) is tuple and len(<tuple>values) == 7
            and type(d) is dict)


cdef object _upgrade_v0(_Record obj, object values, object d):
    # ModelResponse: 7 values, usage (if any) in __dict__ -> 8 values, usage in its slot.
    if isinstance(obj, ModelResponse) and type(values) is tuple and len(<tuple>values) == 7:
        usage = (<dict>d).get("usage", _ABSENT) if type(d) is dict else _ABSENT
        return <tuple>values + (usage,)
    return values
