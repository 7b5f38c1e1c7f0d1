"""Projects built on LiteLLM run their own LiteLLM paths on fastcore, through the switch.

Each script (scripts/<project>.py) drives one project on the mock path (sync,
async, streaming, tool calls, errors) with every non-loopback connection
refused, and exits non-zero if any case fails. The projects come with
`pip install -e '.[projects]'`; a test is skipped when its project is absent.
"""
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).parent / "scripts"
PROJECTS = [("langchain_litellm", "langchain_litellm"), ("dspy", "dspy"), ("smolagents", "smolagents"),
            ("instructor", "instructor")]


@pytest.mark.parametrize("script, module", PROJECTS, ids=[p for p, _ in PROJECTS])
def test_project_runs_on_fastcore(script, module):
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (pip install -e '.[projects]')")
    env = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    out = subprocess.run([sys.executable, "-m", "fastcore.as_litellm", str(SCRIPTS / f"{script}.py")],
                         capture_output=True, text=True, timeout=600, env=env, cwd=SCRIPTS)
    report = out.stdout[-4000:] + out.stderr[-4000:]
    assert out.returncode == 0, report
    assert "litellm -> fastcore" in out.stdout, report
