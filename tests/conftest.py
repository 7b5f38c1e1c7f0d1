import os

# Without this, importing LiteLLM retries a network fetch of its cost map for ~8 s.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import pytest

try:
    from hypothesis import HealthCheck, settings
except ImportError:     # the fuzz tests skip themselves
    pass
else:
    # The default run is short and reproducible; FASTCORE_FUZZ=long searches much harder.
    settings.register_profile("default", max_examples=150, deadline=None, derandomize=True,
                              database=None, suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("long", max_examples=5_000, deadline=None, database=None,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile("long" if os.environ.get("FASTCORE_FUZZ") == "long" else "default")


@pytest.fixture(scope="session")
def litellm():
    """The behaviour reference, for differential tests."""
    return pytest.importorskip("litellm")
