"""Packaging promises: compiled core, cheap import, typed API."""
import importlib
import pathlib
import subprocess
import sys

import pytest

import fastcore

EXT_MODULES = ["call", "completion", "ids", "params", "providers", "response", "sse", "streaming", "transport",
               "validate", "wire_openai"]


def test_every_ext_module_is_compiled():
    for name in EXT_MODULES:
        mod = importlib.import_module(f"fastcore._ext.{name}")
        assert pathlib.Path(mod.__file__).suffix in (".so", ".pyd"), mod.__file__


def test_no_python_twin_of_a_compiled_module():
    ext = pathlib.Path(fastcore.__file__).parent / "_ext"
    assert not [p.name for p in ext.glob("*.py") if p.name != "__init__.py"]


def test_stubs_beside_each_module():
    ext = pathlib.Path(fastcore.__file__).parent / "_ext"
    for name in EXT_MODULES:
        assert (ext / f"{name}.pyi").exists(), name
    assert (pathlib.Path(fastcore.__file__).parent / "py.typed").exists()


def test_import_loads_no_heavy_dependency():
    code = (
        "import sys, fastcore\n"
        "heavy = [m for m in ('litellm', 'tiktoken', 'numpy', 'httpx', 'openai', 'aiohttp', 'pydantic', 'asyncio', 'json', "
        "'orjson', 'http.client', 'ssl', 'fastcore._ext.transport', 'fastcore._ext.call', "
        "'fastcore._ext.models') "
        "if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_names_cover_the_completion_path():
    for name in ("completion", "acompletion", "stream_chunk_builder", "get_llm_provider",
                 "get_optional_params", "get_supported_openai_params", "ModelResponse",
                 "ModelResponseStream", "Choices", "Message", "Usage", "Delta", "StreamingChoices",
                 "RateLimitError", "BadRequestError", "UnsupportedParamsError", "Timeout",
                 "provider_list", "token_counter", "drop_params", "CustomStreamWrapper"):
        assert hasattr(fastcore, name), name


def test_stubs_type_check(tmp_path):
    """mypy accepts the stubs and a typical caller written against them."""
    pytest.importorskip("mypy")
    ext = pathlib.Path(fastcore.__file__).parent / "_ext"
    caller = tmp_path / "caller.py"
    caller.write_text(
        "import fastcore\n"
        "r = fastcore.completion(model='openai/gpt-4o', messages=[{'role': 'user', 'content': 'hi'}],"
        " mock_response='x')\n"
        "name: str = fastcore.get_llm_provider('openai/gpt-4o')[1]\n"
        "params: dict = fastcore.get_optional_params(model='gpt-4o', custom_llm_provider='openai')\n"
        "m = fastcore.ModelResponse()\n"
        "ident: str = m.id\n"
    )
    out = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", *map(str, sorted(ext.glob("*.pyi"))),
                          str(caller)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
