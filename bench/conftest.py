import os

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import pytest



@pytest.fixture(scope="session")
def litellm():
    return pytest.importorskip("litellm")


@pytest.fixture(params=["fastcore", "litellm"])
def impl(request):
    """The module under test: fastcore, or LiteLLM for the side-by-side figure."""
    if request.param == "litellm":
        return request.getfixturevalue("litellm")
    import fastcore

    return fastcore
