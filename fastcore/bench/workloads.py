"""The benchmark rows: what each side runs, and the targets they are held to."""
from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
import timeit
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
    """One row: each side returns one sample (seconds per call) per invocation.

    The runner samples the sides in alternation, round after round, so that
    the slow and fast spells of a shared machine fall on every side alike.
    """
    key: str
    name: str
    unit: str
    sides: dict[str, Callable[[], float]]
    target_litellm: float | None = None     # required speedup over LiteLLM
    target_floor: float | None = None       # allowed fastcore/floor ratio
    target_sdk: float | None = None         # required speedup over the openai SDK
    repeats: dict[str, int] = field(default_factory=dict)   # rounds per side
    extra: dict = field(default_factory=dict)

    def rounds(self, default: int) -> int:
        return max([self.repeats.get(k, default) for k in self.sides] or [0])

    def sample(self, side: str, round_: int, default: int) -> bool:
        return round_ < self.repeats.get(side, default)

    def row(self, samples: dict[str, list], walls: dict[str, list] | None = None) -> dict:
        """Medians per side; ratios as the median over rounds of the ratio within a round.

        Both sides of a round run back to back, so a slow spell of the shared
        machine hits both; the per-round ratio cancels it where a ratio of
        medians taken over different moments would not. `walls` holds the
        wall-time samples of rows whose main figure is CPU time.
        """
        med = {k: statistics.median(v) for k, v in samples.items() if v}
        fc, ll, fl, sdk = med.get("fastcore"), med.get("litellm"), med.get("floor"), med.get("sdk")
        speedup = _paired(samples.get("litellm"), samples.get("fastcore"))
        vs_sdk = _paired(samples.get("sdk"), samples.get("fastcore"))
        vs_floor = _paired(samples.get("fastcore"), samples.get("floor"))
        checks = []
        texts = []
        for target, ratio, text in ((self.target_litellm, speedup, "x LiteLLM"), (self.target_sdk, vs_sdk, "x SDK")):
            if target is not None:
                texts.append(f">= {target:g}{text}")
                if ratio is not None:
                    checks.append(ratio >= target)
        if self.target_floor is not None:
            texts.append(f"<= {self.target_floor:g}x floor")
            if vs_floor is not None:
                checks.append(vs_floor <= self.target_floor)
        met = all(checks) if checks else None
        return {"name": self.name, "unit": self.unit, "fastcore": fc, "litellm": ll, "floor": fl, "sdk": sdk,
                "speedup": speedup, "vs_sdk": vs_sdk, "vs_floor": vs_floor, "met": met,
                "samples": samples,
                "wall": {k: statistics.median(v) for k, v in (walls or {}).items() if v} or None,
                "target_text": ", ".join(texts) + ("" if met is None else (" ok" if met else " MISSED")),
                **self.extra}


def _paired(num: list | None, den: list | None) -> float | None:
    """Median of num[r] / den[r] over the rounds both sides were sampled in."""
    if not num or not den:
        return None
    return statistics.median(a / b for a, b in zip(num, den) if b)


class Micro:
    """One side of a micro row: `stmt` compiled inline in timeit's loop (GC off).

    No lambda or ** unpacking around the call: the statement is the call a
    user writes, so small functions are not drowned in harness overhead. Each
    sample lasts about `seconds`, whatever the side: the loop count is
    calibrated on the first sample, so a 50 ns call and a 100 µs call are
    timed over spells of the same length, and the per-round ratio compares
    like with like on a machine whose speed drifts.
    """

    def __init__(self, stmt: str, names: dict, seconds: float):
        self.timer = timeit.Timer(stmt, globals=names)
        self.seconds = seconds
        self.number = 0

    def __call__(self) -> float:
        if not self.number:
            n = 1
            while True:
                t = self.timer.timeit(n)
                if t >= self.seconds / 10 or n >= 10_000_000:
                    break
                n *= 4
            self.number = max(1, int(n * self.seconds / max(t, 1e-9)))
        return self.timer.timeit(self.number) / self.number


SAMPLE_SECONDS = 0.2          # length of one micro sample, full run
SAMPLE_SECONDS_QUICK = 0.05

def _document(paragraphs: int = 260) -> str:
    """A deterministic ~20,000-token document (gpt-4o) mixing scripts, emoji and numbers."""
    import random

    rng = random.Random(7)
    words = ["model", "token", "latency", "the", "of", "stream", "数据", "données", "🚀", "function", "2024", "API",
             "call", "response", "user", "système", "データ", "and", "in", "ключ", "request", "a", "is", "to"]
    return "\n\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(40, 90))) for _ in range(paragraphs))


DOCUMENT = _document()
MODEL_INFO_PROVIDERS = ("openai", "anthropic", "gemini", "groq", "mistral", "deepseek", "xai", "azure")


def _rotating_models(count: int = 100):
    """A callable giving `count` chat models of the table in turn: more than LiteLLM's
    64-entry get_model_info cache holds, as an app routing to many models would ask."""
    import itertools

    from fastcore._ext.models import get_model_info, model_cost

    def resolves(name):
        try:
            return get_model_info(name)["key"] == name
        except Exception:
            return False

    names = [k for k, v in model_cost().items()
             if isinstance(v, dict) and v.get("mode") == "chat" and v.get("litellm_provider") in MODEL_INFO_PROVIDERS
             and "/" not in k.partition("/")[2] and resolves(k)][:count]
    return itertools.cycle(names).__next__

# The micro rows, in run order: (key, row name, unit, statement, target speedup
# over LiteLLM, has a floor, allowed fastcore/floor). The same statement runs
# against fastcore, LiteLLM and the floor, each with its own names bound.
MICRO_ROWS = (
    ("sync", "sync completion, mock", "per call",
     "completion(model=MODEL, messages=MESSAGES, mock_response=TEXT)", 500, False, None),
    ("construct", "response construction: ModelResponse()", "per object", "ModelResponse()", 50, True, None),
    ("provider", "get_llm_provider('openai/gpt-4o')", "per call", "get_llm_provider(MODEL)", 50, True, None),
    ("gop_openai", "get_optional_params, openai", "per call",
     "get_optional_params(model='gpt-4o', custom_llm_provider='openai', temperature=0.5, max_tokens=100)",
     100, True, None),
    ("gop_anthropic", "get_optional_params, anthropic", "per call",
     "get_optional_params(model='claude-sonnet-4-5', custom_llm_provider='anthropic', temperature=0.5, "
     "max_tokens=100, stop=[STOP])", 100, True, None),
    ("valid", "provider validity check", "per call", "is_valid_provider('anthropic')", None, True, None),
    # The floor: tiktoken's encode called directly on the same text.
    ("tokens_short", "token_counter, one-line message", "per call",
     "token_counter(model='gpt-4o', messages=MESSAGES)", 10, True, None),
    ("tokens_doc", "token_counter, 20,000-token document", "per call",
     "token_counter(model='gpt-4o', text=DOCUMENT)", None, True, 1.2),
    ("model_info", "get_model_info, 100 models in turn", "per call", "get_model_info(NEXT_MODEL())", 100, False,
     None),
    ("supports", "supports_function_calling('gpt-4o')", "per call", "supports_function_calling('gpt-4o')", 100,
     False, None),
    ("cost", "completion_cost(response)", "per call", "completion_cost(completion_response=RESPONSE)", 100, False,
     None),
)

def _names(**extra) -> dict:
    return {"MODEL": SEED_MODEL, "MESSAGES": MESSAGES, "TEXT": SEED_TEXT, "STOP": "\n\nHuman:",
            "DOCUMENT": DOCUMENT, "NEXT_MODEL": _rotating_models(), **extra}


def _floor_token_counter_of(encode):
    """The floor of the token rows: tiktoken's encoder called directly on the same text (encode_ordinary:
    special-token text as plain text, as LiteLLM counts it)."""
    def token_counter(model, messages=None, text=None):
        if text is not None:
            return len(encode(text))
        return sum([len(encode(m["content"])) for m in messages])
    return token_counter


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


def _import_time(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    env = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return float(out.stdout.strip().splitlines()[-1])


# Run after the last row: what plan() opened (sessions, loops).
CLEANUP: list = []


def cleanup() -> None:
    while CLEANUP:
        CLEANUP.pop(0)()


DISPLAY_ORDER = ("seed", "sync", "construct", "provider", "gop_openai", "gop_anthropic", "valid", "tokens_short",
                 "tokens_doc", "model_info", "supports", "cost", "net_sync", "net_async", "net_stream", "net_streams", "import")


def plan(quick: bool, upstream_url: str | None = None) -> tuple[list[Job], int]:
    """The rows, and the default number of rounds per side (network rows when an upstream runs)."""
    import fastcore as fc
    from fastcore.tokens import get_encoding

    rounds = 5 if quick else 15
    seed_calls = 2_000 if quick else 10_000
    sample_seconds = SAMPLE_SECONDS_QUICK if quick else SAMPLE_SECONDS
    ours = _names(completion=fc.completion, ModelResponse=fc.ModelResponse,
                  get_llm_provider=fc.get_llm_provider, get_optional_params=fc.get_optional_params,
                  is_valid_provider=fc.is_valid_provider, token_counter=fc.token_counter,
                  get_model_info=fc.get_model_info, supports_function_calling=fc.supports_function_calling,
                  completion_cost=fc.completion_cost,
                  RESPONSE=fc.completion(model=SEED_MODEL, messages=MESSAGES, mock_response=SEED_TEXT))
    floor = _names(ModelResponse=_floor_response, get_llm_provider=_floor_provider,
                   get_optional_params=_floor_params, is_valid_provider=_VALID.__contains__,
                   token_counter=_floor_token_counter_of(get_encoding("o200k_base").encode_ordinary))

    # The encodings load outside the timed samples (about half a second each).
    fc.token_counter(model="gpt-4o", text="warm up")

    # Run order: the micro rows first, then the network rows, then the seed
    # workload (whose 10,000 live responses leave the heap fragmented: every
    # row after it runs slower, and the sides that allocate more slow down
    # more), then the import; each side's process runs them in this same
    # order. Rows are shown in DISPLAY_ORDER.
    jobs = [
        Job(key, name, unit, {"fastcore": Micro(stmt, ours, sample_seconds),
                              **({"floor": Micro(stmt, floor, sample_seconds)} if has_floor else {})},
            target_litellm=target, target_floor=floor_target)
        for key, name, unit, stmt, target, has_floor, floor_target in MICRO_ROWS
    ] + [
        Job("seed", f"seed workload: {seed_calls // 1000}k acompletion, 2,000 concurrent", "per call", {
            "fastcore": lambda: _seed_once(fc.acompletion, seed_calls, 2_000),
            "floor": lambda: _seed_once(_bare_coroutine, seed_calls, 2_000),
        }, target_litellm=100, target_floor=1.5),
        Job("import", "import", "fresh process", {"fastcore": lambda: _import_time("fastcore")},
            target_litellm=50),
    ]
    if upstream_url:
        from fastcore.bench import network as N

        loop = N._Loop()
        floor_steps = N.FloorSteps(upstream_url, loop)
        CLEANUP.extend((floor_steps.close, fc.close, lambda: loop.run(fc.aclose()), loop.close))
        pair = N.Interleaved(N.library_steps(fc, upstream_url, loop), floor_steps.steps(), quick)
        net_rounds = 3 if quick else 7
        jobs[-2:-2] = [
            Job(key, name, unit, {"fastcore": (lambda k=key: pair.sample(k)), "floor": (lambda k=key: pair.floor(k))},
                target_litellm=t_ll, target_sdk=t_sdk, target_floor=t_floor,
                repeats={"fastcore": net_rounds, "floor": net_rounds})
            for key, name, unit, t_ll, t_sdk, t_floor in N.ROWS
        ]
    return jobs, rounds


class Worker:
    """A library's side of the rows, run in a child process (LiteLLM, or the openai SDK).

    Importing LiteLLM leaves millions of objects on the heap; in the same
    process every GC pass of the fastcore and floor sides would walk them too.
    The child imports its library once and answers one sample per request, so
    the rounds still alternate with the parent's sides.
    """

    def __init__(self, kind: str, quick: bool, upstream_url: str | None):
        env = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True", "HF_HUB_OFFLINE": "1"}
        if upstream_url:
            env["FASTCORE_BENCH_UPSTREAM"] = upstream_url
        args = [sys.executable, "-m", "fastcore.bench.workloads", kind] + (["--quick"] if quick else [])
        self.kind = kind
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        self.keys = set(self._ask("ready").split(","))

    def _ask(self, line: str) -> str:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        if not answer:
            raise RuntimeError(f"the {self.kind} benchmark worker died (request {line!r})")
        return answer

    def side(self, key: str) -> Callable[[], float | tuple]:
        def sample():
            answer = self._ask(key)
            return tuple(map(float, answer.split(","))) if "," in answer else float(answer)
        return sample

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def attach_workers(jobs: list[Job], quick: bool, upstream_url: str | None) -> list[Worker]:
    workers = [Worker("litellm", quick, upstream_url)]
    if upstream_url and _has("openai"):
        workers.append(Worker("sdk", quick, upstream_url))
    slow = {"seed": 1 if quick else 3, "import": 1 if quick else 3}
    for worker in workers:
        side = "litellm" if worker.kind == "litellm" else "sdk"
        for job in jobs:
            if job.key in worker.keys:
                job.sides[side] = worker.side(job.key)
                if job.key in slow:
                    job.repeats[side] = slow[job.key]
                elif job.key.startswith("net_"):
                    job.repeats[side] = 2 if quick else 5
    return workers


def _has(module: str) -> bool:
    import importlib.util
    return importlib.util.find_spec(module) is not None


def _serve(kind: str, quick: bool) -> None:
    from fastcore.bench import network as N

    url = N.upstream_url()
    loop = N._Loop()
    if kind == "litellm":
        sides = _litellm_sides(quick, 2_000 if quick else 10_000)
        if url:
            sides.update(N.sampled(N.library_steps(_litellm(), url, loop), quick))
    else:
        sides = N.sampled(N.sdk_steps(url, loop), quick)
    for line in sys.stdin:
        req = line.strip()
        if req == "ready":
            answer = ",".join(sides)
        else:
            value = sides[req]()
            answer = ",".join(map(repr, value)) if isinstance(value, tuple) else repr(value)
        _settle()
        print(answer, flush=True)
    loop.close()


def _settle(limit: float = 30.0) -> None:
    """Wait until LiteLLM's background threads (logging, callbacks) go quiet.

    They keep working after a call returns; answering at once would let them
    run beside the parent's next sample on a 2-core machine.
    """
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        cpu = time.process_time()
        time.sleep(0.1)
        if time.process_time() - cpu < 0.005:
            return


def _litellm_sides(quick: bool, seed_calls: int) -> dict[str, Callable[[], float]]:
    ll = _litellm()
    from litellm.types.utils import LlmProviders
    from litellm.utils import get_optional_params

    seconds = SAMPLE_SECONDS_QUICK if quick else SAMPLE_SECONDS
    ll.token_counter(model="gpt-4o", text="warm up")    # its encoding loads outside the timed samples
    theirs = _names(
        completion=ll.completion, ModelResponse=ll.ModelResponse, get_llm_provider=ll.get_llm_provider,
        get_optional_params=get_optional_params, token_counter=ll.token_counter,
        get_model_info=ll.get_model_info, supports_function_calling=ll.supports_function_calling,
        completion_cost=ll.completion_cost,
        RESPONSE=ll.completion(model=SEED_MODEL, messages=MESSAGES, mock_response=SEED_TEXT),
        # The line LiteLLM's completion() runs per call (see the reference profile).
        is_valid_provider=lambda name: name in [p.value for p in LlmProviders],
    )
    return {
        "seed": lambda: _seed_once(ll.acompletion, seed_calls, 2_000),
        **{key: Micro(stmt, theirs, seconds) for key, _, _, stmt, *_ in MICRO_ROWS},
        "import": lambda: _import_time("litellm"),
    }


if __name__ == "__main__":
    _serve(sys.argv[1], quick="--quick" in sys.argv)
