"""`python -m fastcore.as_litellm program.py [args]` (or `-m module [args]`):
run a program with fastcore standing in for litellm (see fastcore.switch)."""
import runpy
import sys

from fastcore.switch import install_as_litellm


def main(argv: list) -> None:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        raise SystemExit(0 if argv else 2)
    install_as_litellm()
    if argv[0] == "-m":
        if len(argv) < 2:
            raise SystemExit("python -m fastcore.as_litellm -m: a module name is needed")
        sys.argv = argv[1:]
        runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = argv
        runpy.run_path(argv[0], run_name="__main__")


if __name__ == "__main__":
    main(sys.argv[1:])
