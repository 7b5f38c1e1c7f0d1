import os

# Without this, importing LiteLLM retries a network fetch of its cost map for ~8 s.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import importlib.util
import pathlib

import pytest


def _offline_tiktoken_cache():
    # tiktoken downloads its encodings on first use; there is no network here.
    # LiteLLM ships the same files, named as tiktoken's cache expects.
    spec = importlib.util.find_spec("litellm")
    if spec and spec.origin:
        cache = pathlib.Path(spec.origin).parent / "litellm_core_utils" / "tokenizers"
        if cache.is_dir():
            os.environ.setdefault("TIKTOKEN_CACHE_DIR", str(cache))


_offline_tiktoken_cache()


@pytest.fixture(scope="session")
def litellm():
    """The behaviour reference, for differential tests."""
    return pytest.importorskip("litellm")
