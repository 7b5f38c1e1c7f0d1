"""Build the compiled core.

FASTCORE_DEBUG=1 builds with line tracing and writes Cython's annotated HTML
(see `make debug`). FASTCORE_EXT=a,b builds only the named modules, so that
one module can be rebuilt without touching the others.
"""
import os
from pathlib import Path

from Cython.Build import cythonize
from setuptools import Extension, setup

DEBUG = os.environ.get("FASTCORE_DEBUG", "") not in ("", "0")
ONLY = {n for n in os.environ.get("FASTCORE_EXT", "").split(",") if n}

macros = [("CYTHON_TRACE", "1"), ("CYTHON_TRACE_NOGIL", "1")] if DEBUG else []
# Aligned functions and loops: the hot paths' timings then stop moving by 5-10%
# with unrelated code changes (measured: equal callgrind counts, unequal wall time).
cflags = ["-O0", "-g"] if DEBUG else ["-O2", "-falign-functions=64", "-falign-loops=32"]

extensions = [
    Extension(f"fastcore._ext.{p.stem}", [str(p)], define_macros=macros, extra_compile_args=cflags)
    for p in sorted(Path("fastcore/_ext").glob("*.pyx"))
    if not ONLY or p.stem in ONLY
]

modules = cythonize(
    extensions,
    language_level=3,
    annotate=DEBUG,
    compiler_directives={
        "linetrace": DEBUG,
        "profile": DEBUG,
        "embedsignature": True,
        "embedsignature.format": "clinic",      # __text_signature__: inspect.signature works on every function
        "binding": DEBUG,
    },
)

# Cython gives every instance of a class with `cdef dict __dict__` an empty dict
# in tp_new. The response objects rarely get extra attributes, so leave the slot
# NULL: CPython then creates the dict on first use, and Cython's own dealloc,
# traverse and __dict__ getter already handle NULL. About 15% of ModelResponse().
EAGER_DICT = b"p->__dict__ = PyDict_New(); if (unlikely(!p->__dict__)) goto bad;"
for ext in modules:
    for source in ext.sources:
        c = Path(source)
        if c.suffix == ".c" and c.exists():
            text = c.read_bytes()
            if EAGER_DICT in text:
                c.write_bytes(text.replace(EAGER_DICT, b"p->__dict__ = NULL;"))

setup(ext_modules=modules)
