"""The one-line switch: `import litellm` gives fastcore.

    import fastcore
    fastcore.install_as_litellm()       # before anything imports litellm

or, for a program that imports LiteLLM itself, without editing it:

    python -m fastcore.as_litellm program.py [args]
    python -m fastcore.as_litellm -m package.module [args]

`litellm` becomes the fastcore module and `litellm.X.Y` the module
`fastcore.X.Y`, the same objects under both names (so `isinstance` and
`except` agree whichever name imported them). A LiteLLM module fastcore
does not have fails to import with an ImportError that says so; there are
no half-working stand-ins.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys

from fastcore.exceptions import FastcoreError

ALIAS = "litellm"
TARGET = "fastcore"

# Classes whose __module__ projects inspect (DSPy: `type(chunk).__module__.startswith("litellm")`).
_RENAMED_MODULES = {
    "fastcore.exceptions": "litellm.exceptions",        # crewai re-raises only errors of litellm's modules
    "fastcore._ext.response": "litellm.types.utils",
    "fastcore._ext.streaming": "litellm.litellm_core_utils.streaming_handler",
}


class SwitchError(FastcoreError):
    """The switch cannot be installed (LiteLLM was imported first)."""

    _label = "SwitchError"


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, target: str):
        self.target = target

    def create_module(self, spec):
        return importlib.import_module(self.target)

    def exec_module(self, module):
        pass                # already executed under its own name


class _AliasFinder(importlib.abc.MetaPathFinder):
    """Resolves `litellm.*` to the fastcore module of the same path."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != ALIAS and not fullname.startswith(ALIAS + "."):
            return None
        real = TARGET + fullname[len(ALIAS):]
        try:
            found = importlib.util.find_spec(real)
        except ModuleNotFoundError:
            found = None
        if found is None:
            raise ModuleNotFoundError(
                f"fastcore stands in for litellm here (fastcore.install_as_litellm), and it has no module "
                f"{real!r} for {fullname!r}: fastcore provides LiteLLM's completion path, not all of LiteLLM",
                name=fullname)
        return importlib.machinery.ModuleSpec(fullname, _AliasLoader(real), is_package=found.submodule_search_locations
                                              is not None)


def installed() -> bool:
    """True when `import litellm` gives fastcore in this process."""
    return any(isinstance(f, _AliasFinder) for f in sys.meta_path)


def install_as_litellm() -> None:
    """Make `import litellm` (and its submodules) give fastcore in this process.

    Refuses with SwitchError if LiteLLM was imported already: its classes and
    fastcore's would then both be live, and `except` clauses would miss.
    """
    if installed():
        return
    loaded = sys.modules.get(ALIAS)
    if loaded is not None and loaded is not sys.modules[TARGET]:
        raise SwitchError("litellm is imported already; call fastcore.install_as_litellm() (or run under "
                          "`python -m fastcore.as_litellm`) before anything imports litellm")
    sys.meta_path.insert(0, _AliasFinder())
    fastcore = sys.modules[TARGET]
    sys.modules[ALIAS] = fastcore
    # Submodules fastcore loaded already are known under both names at once.
    for name, module in list(sys.modules.items()):
        if name.startswith(TARGET + ".") and module is not None:
            sys.modules.setdefault(ALIAS + name[len(TARGET):], module)
    _rename_classes()


def _rename_classes() -> None:
    # Only under the switch: the plain `import fastcore` path is untouched.
    from fastcore._ext.response import rename_type

    for module_name, shown in _RENAMED_MODULES.items():
        module = importlib.import_module(module_name)
        for value in list(vars(module).values()):
            if isinstance(value, type) and value.__module__ == module_name and not value.__name__.startswith("_"):
                if value.__flags__ & (1 << 9):         # a Python class: __module__ is assignable
                    value.__module__ = shown
                else:
                    rename_type(value, f"{shown}.{value.__name__}")
