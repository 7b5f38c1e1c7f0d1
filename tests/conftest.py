import os

# Without this, importing LiteLLM retries a network fetch of its cost map for ~8 s.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import pytest


@pytest.fixture(scope="session")
def litellm():
    """The behaviour reference, for differential tests."""
    return pytest.importorskip("litellm")
