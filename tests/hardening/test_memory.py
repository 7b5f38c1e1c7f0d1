"""Memory plateaus: no cache grows with distinct input, no cycle through __dict__ leaks.

Each workload runs in rounds; the traced memory after the later rounds must
stay within a bound far below what one round would leak (a leak of ~160 bytes
a call shows as megabytes here).
"""
import gc
import tracemalloc

import pytest

import fastcore

MSGS = [{"role": "user", "content": "hi"}]
ROUNDS = 4
CALLS = 6_000


def _plateau(step, rounds=ROUNDS, calls=CALLS):
    """Traced bytes after each round of `calls` calls of step(i), i unique across rounds."""
    sizes = []
    i = 0
    tracemalloc.start()
    try:
        for _ in range(rounds):
            for _ in range(calls):
                step(i)
                i += 1
            gc.collect()
            sizes.append(tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
    return sizes


def _assert_flat(sizes, slack):
    # Round 1 may fill bounded caches; from then on memory must not keep rising.
    growth = max(sizes[1:]) - sizes[1]
    assert growth < slack, f"memory kept growing: {sizes}"


def _unknown_provider(i):
    try:
        fastcore.get_optional_params(model="m", custom_llm_provider=f"provider-{i}", temperature=0.1)
    except fastcore.BadRequestError:
        pass
    fastcore.get_supported_openai_params("m", f"provider-{i}")


def _unique_model_params(i):
    fastcore.get_optional_params(model=f"gpt-4o-{i}", custom_llm_provider="openai", temperature=0.1)


def _unique_model_lookup(i):
    fastcore.get_llm_provider(f"openai/model-{i}")
    try:
        fastcore.get_llm_provider(f"nosuch-{i}/model")
    except fastcore.BadRequestError:
        pass


def _unique_api_base(i):
    fastcore.get_llm_provider("gpt-4o", api_base=f"https://host-{i}.example/v1")


def _dict_cycle(i):
    r = fastcore.completion(model="openai/gpt-4o", messages=MSGS, mock_response="x")
    vars(r.choices[0].message)["x"] = [r]
    vars(r.usage)["y"] = {"r": r}


def _unique_completion(i):
    try:
        fastcore.completion(model=f"custom-{i}/m", messages=MSGS, mock_response="x")
    except fastcore.BadRequestError:
        pass
    fastcore.completion(model=f"openai/m-{i}", messages=MSGS, mock_response="x", temperature=0.5)


@pytest.mark.parametrize("step,slack", [
    (_unknown_provider, 64 * 1024),
    # bounded caches (4,096 entries) may refill between rounds: allow one cache's worth
    (_unique_model_params, 1_500_000),
    (_unique_model_lookup, 1_500_000),
    (_unique_api_base, 1_500_000),
    (_dict_cycle, 64 * 1024),
    (_unique_completion, 2_000_000),
])
def test_memory_plateaus(step, slack):
    sizes = _plateau(step)
    _assert_flat(sizes, slack)


def test_long_names_are_not_cached():
    from fastcore._ext import params, providers

    # From empty caches, so that no bounded-cache clear hides a growth.
    params._clear_caches()
    providers._clear_caches()
    long_name = "x" * 10_000

    def step(i):
        fastcore.get_llm_provider(f"openai/{i}{long_name}")
        fastcore.get_optional_params(model=f"{i}{long_name}", custom_llm_provider="openai")

    sizes = _plateau(step, rounds=3, calls=1_000)
    _assert_flat(sizes, 256 * 1024)     # 1,000 cached keys of 10 KB would be 10 MB
