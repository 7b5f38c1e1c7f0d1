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
cflags = ["-O0", "-g"] if DEBUG else ["-O2"]

extensions = [
    Extension(f"fastcore._ext.{p.stem}", [str(p)], define_macros=macros, extra_compile_args=cflags)
    for p in sorted(Path("fastcore/_ext").glob("*.pyx"))
    if not ONLY or p.stem in ONLY
]

setup(
    ext_modules=cythonize(
        extensions,
        language_level=3,
        annotate=DEBUG,
        compiler_directives={
            "linetrace": DEBUG,
            "profile": DEBUG,
            "boundscheck": False,
            "wraparound": False,
            "embedsignature": True,
            "binding": DEBUG,
        },
    ),
)
