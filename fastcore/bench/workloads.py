"""The benchmark rows: what each side runs, and the targets they are held to."""
from __future__ import annotations

import asyncio
import gc
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Callable

MESSAGES = [{"role": "user", "content": "Hello, how are you?"}]
SEED_MODEL = "openai/gpt-4o"
SEED_TEXT = "Hello, world!"


def litellm_version() -> str | None:
    try:
        from importlib.metadata import version

        return version("litellm")
    except Exception:
        return None


def _litellm():
    import litellm

    return litellm


@dataclass
class Job:
    name: str
    unit: str
    sides: dict[str, Callable[[], float]]
    target_litellm: float | None = None     # required speedup over LiteLLM
    target_floor: float | None = None       # allowed fastcore/floor ratio
    extra: dict = field(default_factory=dict)

    def row(self, r: dict[str, float]) -> dict:
        fc, ll, fl = r.get("fastcore"), r.get("litellm"), r.get("floor")
        speedup = ll / fc if ll and fc else None
        vs_floor = fc / fl if fl and fc else None
        met = None
        texts = []
        if self.target_litellm is not None:
            texts.append(f">= {self.target_litellm:g}x LiteLLM")
            if speedup is not None:
                met = speedup >= self.target_litellm
        if self.target_floor is not None:
            texts.append(f"<= {self.target_floor:g}x floor")
            if vs_floor is not None:
                met = (met is not False) and vs_floor <= self.target_floor
        return {"name": self.name, "unit": self.unit, "fastcore": fc, "litellm": ll, "floor": fl,
                "speedup": speedup, "vs_floor": vs_floor, "met": met,
                "target_text": ", ".join(texts) + ("" if met is None else (" ok" if met else " MISSED")),
                **self.extra}


def _median_per_call(fn: Callable[[], object], number: int, repeats: int) -> float:
    """Median over repeats of the time per call, GC off while timing (as timeit does)."""
    samples = []
    for _ in range(repeats):
        gc_was = gc.isenabled()
        gc.disable()
        try:
            t0 = time.perf_counter()
            for _ in range(number):
                fn()
            samples.append((time.perf_counter() - t0) / number)
        finally:
            if gc_was:
                gc.enable()
    return statistics.median(samples)


def _seed_once(fn, calls: int, concurrency: int) -> float:
    """The reference workload: batches of `concurrency` calls under one gather."""
    async def batches():
        t0 = time.perf_counter()
        for _ in range(calls // concurrency):
            await asyncio.gather(*[
                fn(model=SEED_MODEL, messages=MESSAGES, mock_response=SEED_TEXT)
                for _ in range(concurrency)
            ])
        return (time.perf_counter() - t0) / calls

    return asyncio.run(batches())


def _seed(fn, calls: int, concurrency: int, repeats: int) -> float:
    return statistics.median(_seed_once(fn, calls, concurrency) for _ in range(repeats))


class _Paired:
    """Two sides timed in alternation, so that drift on a shared machine hits both alike."""

    def __init__(self, repeats: int, **sides: Callable[[], float]):
        self.repeats, self.sides, self.medians = repeats, sides, None

    def side(self, name: str) -> Callable[[], float]:
        def run() -> float:
            if self.medians is None:
                samples = {k: [] for k in self.sides}
                for _ in range(self.repeats):
                    for k, fn in self.sides.items():
                        samples[k].append(fn())
                self.medians = {k: statistics.median(v) for k, v in samples.items()}
            return self.medians[name]
        return run


async def _bare_coroutine(model, messages, mock_response):
    return None


def _floor_response() -> dict:
    return {
        "id": "chatcmpl-0", "created": 0, "model": "gpt-4o", "object": "chat.completion",
        "system_fingerprint": None,
        "choices": [{"finish_reason": "stop", "index": 0,
                     "message": {"content": SEED_TEXT, "role": "assistant",
                                 "tool_calls": None, "function_call": None}}],
        "usage": {"completion_tokens": 20, "prompt_tokens": 10, "total_tokens": 30},
    }


def _floor_provider(model, custom_llm_provider=None, api_base=None, api_key=None):
    provider, _, name = model.partition("/")
    return name, provider, api_key, api_base


def _floor_params(model, custom_llm_provider, **params):
    return {k: v for k, v in params.items() if v is not None}


_VALID = frozenset(("openai", "anthropic"))


def _import_time(module: str, repeats: int) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    env = {**__import__("os").environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    samples = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                    check=True, env=env).stdout.strip().splitlines()[-1])
               for _ in range(repeats)]
    return statistics.median(samples)


def plan(quick: bool, with_litellm: bool) -> list[Job]:
    import fastcore

    rep = 3 if quick else 7
    ll_rep = 1 if quick else 3
    seed_calls = 2_000 if quick else 10_000
    ll_seed_calls = 2_000 if quick else 10_000
    n_sync = 5_000 if quick else 20_000
    n_micro = 20_000 if quick else 100_000

    def fc_sync():
        return _median_per_call(lambda: fastcore.completion(
            model=SEED_MODEL, messages=MESSAGES, mock_response=SEED_TEXT), n_sync, rep)

    gop_openai = dict(model="gpt-4o", custom_llm_provider="openai", temperature=0.5, max_tokens=100)
    gop_anthropic = dict(model="claude-sonnet-4-5", custom_llm_provider="anthropic", temperature=0.5,
                         max_tokens=100, stop=["\n\nHuman:"])

    seed_pair = _Paired(
        rep,
        fastcore=lambda: _seed_once(fastcore.acompletion, seed_calls, 2_000),
        floor=lambda: _seed_once(_bare_coroutine, seed_calls, 2_000),
    )
    jobs = [
        Job("seed workload: 10k acompletion, 2,000 concurrent" if not quick else
            "seed workload: 2k acompletion, 2,000 concurrent", "per call", {
                "fastcore": seed_pair.side("fastcore"),
                "floor": seed_pair.side("floor"),
            }, target_litellm=100, target_floor=1.5),
        Job("sync completion, mock", "per call", {"fastcore": fc_sync}, target_litellm=500),
        Job("response construction", "per object", {
            "fastcore": lambda: _median_per_call(fastcore.ModelResponse, n_micro, rep),
            "floor": lambda: _median_per_call(_floor_response, n_micro, rep),
        }, target_litellm=50),
        Job("get_llm_provider('openai/gpt-4o')", "per call", {
            "fastcore": lambda: _median_per_call(lambda: fastcore.get_llm_provider(SEED_MODEL), n_micro, rep),
            "floor": lambda: _median_per_call(lambda: _floor_provider(SEED_MODEL), n_micro, rep),
        }, target_litellm=50),
        Job("get_optional_params, openai", "per call", {
            "fastcore": lambda: _median_per_call(lambda: fastcore.get_optional_params(**gop_openai), n_micro, rep),
            "floor": lambda: _median_per_call(lambda: _floor_params(**gop_openai), n_micro, rep),
        }, target_litellm=100),
        Job("get_optional_params, anthropic", "per call", {
            "fastcore": lambda: _median_per_call(lambda: fastcore.get_optional_params(**gop_anthropic), n_micro, rep),
            "floor": lambda: _median_per_call(lambda: _floor_params(**gop_anthropic), n_micro, rep),
        }, target_litellm=100),
        Job("provider validity check", "per call", {
            "fastcore": lambda: _median_per_call(lambda: fastcore.is_valid_provider("anthropic"), n_micro, rep),
            "floor": lambda: _median_per_call(lambda: "anthropic" in _VALID, n_micro, rep),
        }),
        Job("import", "fresh process", {
            "fastcore": lambda: _import_time("fastcore", rep),
        }, target_litellm=50),
    ]
    if with_litellm and litellm_version():
        _add_litellm_sides(jobs, quick, ll_rep, ll_seed_calls, gop_openai, gop_anthropic)
    return jobs


def _add_litellm_sides(jobs, quick, rep, seed_calls, gop_openai, gop_anthropic):
    n_sync = 200 if quick else 1_000
    n_micro = 1_000 if quick else 5_000

    def ll_seed():
        return _seed(_litellm().acompletion, seed_calls, 2_000, rep)

    def ll_sync():
        ll = _litellm()
        return _median_per_call(lambda: ll.completion(
            model=SEED_MODEL, messages=MESSAGES, mock_response=SEED_TEXT), n_sync, rep)

    def ll_micro(make):
        return lambda: _median_per_call(make(_litellm()), n_micro, rep)

    def ll_gop(kw):
        def make(ll):
            from litellm.utils import get_optional_params

            return lambda: get_optional_params(**kw)
        return make

    def ll_valid(ll):
        from litellm.types.utils import LlmProviders

        # The line LiteLLM's completion() runs per call (see the reference profile).
        return lambda: "anthropic" in [p.value for p in LlmProviders]

    sides = [
        ll_seed, ll_sync, ll_micro(lambda ll: ll.ModelResponse),
        ll_micro(lambda ll: (lambda: ll.get_llm_provider(SEED_MODEL))),
        ll_micro(ll_gop(gop_openai)), ll_micro(ll_gop(gop_anthropic)), ll_micro(ll_valid),
        lambda: _import_time("litellm", 1 if quick else 3),
    ]
    for job, side in zip(jobs, sides):
        job.sides["litellm"] = side
