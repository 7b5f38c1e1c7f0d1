"""Run a snippet in a fresh interpreter; a signal (segfault, abort) fails the test."""
import os
import signal
import subprocess
import sys
import textwrap

PRELUDE = "import os\nos.environ.setdefault('LITELLM_LOCAL_MODEL_COST_MAP', 'True')\n"


def run_isolated(code: str, timeout: float = 60, env: dict | None = None) -> str:
    """Run `code`; it must exit 0 after printing its last line "OK". Returns stdout."""
    proc = subprocess.run([sys.executable, "-c", PRELUDE + textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})
    if proc.returncode < 0:
        name = signal.Signals(-proc.returncode).name
        raise AssertionError(f"killed by {name}\n--- stdout\n{proc.stdout[-2000:]}\n--- stderr\n{proc.stderr[-2000:]}")
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    assert proc.stdout.rstrip().endswith("OK"), proc.stdout[-2000:]
    return proc.stdout
