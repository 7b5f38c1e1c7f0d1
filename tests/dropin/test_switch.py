"""LiteLLM's module paths and the one-line switch (each case in a fresh interpreter)."""
import subprocess
import sys
import textwrap

import pytest


def run(code: str, *args: str) -> str:
    out = subprocess.run([sys.executable, *args, "-c", textwrap.dedent(code)] if not args else
                         [sys.executable, *args], capture_output=True, text=True, timeout=120,
                         input=None)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_module_paths_hold_the_same_objects():
    import fastcore
    import fastcore.exceptions as fe
    import fastcore.types.utils as tu
    import fastcore.utils as fu
    from fastcore._logging import verbose_logger
    from fastcore.integrations.custom_logger import CustomLogger
    from fastcore.litellm_core_utils.get_supported_openai_params import get_supported_openai_params
    assert tu.ModelResponse is fastcore.ModelResponse and tu.Delta is fastcore.Delta
    assert issubclass(fastcore.ModelResponse, tu.ModelResponseBase)
    assert fu.supports_function_calling is fastcore.supports_function_calling
    assert fe.RateLimitError is fastcore.RateLimitError
    assert get_supported_openai_params is fastcore.get_supported_openai_params
    assert verbose_logger.name == "LiteLLM" and isinstance(CustomLogger(), CustomLogger)
    with pytest.raises(AttributeError, match="not all of litellm.utils"):
        fu.no_such_helper


def test_switch_makes_import_litellm_give_fastcore():
    out = run("""
        import fastcore
        fastcore.install_as_litellm()
        import litellm, litellm.exceptions as le, litellm.types.utils as tu
        from litellm.utils import supports_vision
        from litellm import RateLimitError
        print(litellm is fastcore, tu.ModelResponse is fastcore.ModelResponse, le is fastcore.exceptions)
        try:
            litellm.completion(model="gpt-4o", messages=[{"role": "user", "content": "x"}],
                               mock_response="litellm.RateLimitError")
        except le.RateLimitError as e:
            print("caught", type(e).__module__)
        chunk = next(iter(litellm.completion(model="gpt-4o", messages=[{"role": "user", "content": "x"}],
                                             mock_response="hi", stream=True)))
        print(type(chunk).__module__, type(chunk).__name__)
        try:
            import litellm.router
        except ImportError as e:
            print("lacks", "has no module" in str(e))
    """)
    assert out.split("\n")[:4] == ["True True True", "caught litellm.exceptions",
                                   "litellm.types.utils ModelResponseStream", "lacks True"]


def test_plain_import_keeps_fastcore_names():
    # The renaming is the switch's alone: a plain import is untouched.
    out = run("""
        import fastcore
        c = next(iter(fastcore.completion(model="gpt-4o", messages=[{"role": "user", "content": "x"}],
                                          mock_response="hi", stream=True)))
        print(type(c).__module__, fastcore.RateLimitError.__module__, "litellm" in __import__("sys").modules)
    """)
    assert out.split() == ["fastcore._ext.response", "fastcore.exceptions", "False"]


def test_switch_refuses_after_litellm():
    pytest.importorskip("litellm")
    out = run("""
        import os
        os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
        import litellm, fastcore
        try:
            fastcore.install_as_litellm()
        except fastcore.FastcoreError as e:
            print("refused", "before anything imports litellm" in str(e))
    """)
    assert out.strip() == "refused True"


def test_run_a_program_under_the_switch(tmp_path):
    script = tmp_path / "prog.py"
    script.write_text("import sys, litellm\nr = litellm.completion(model='gpt-4o', messages=[{'role': 'user', "
                      "'content': 'x'}], mock_response='hi')\nprint(litellm.__name__, r.choices[0].message.content, "
                      "sys.argv[1:])\n")
    out = run("", "-m", "fastcore.as_litellm", str(script), "a", "b")
    assert out.strip() == "fastcore hi ['a', 'b']"
