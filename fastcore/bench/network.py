"""The network rows: real calls to a local upstream that runs in a process of its own.

Each side does the same work against the same upstream and reports client CPU
(process time, every thread of its process) and wall time per call or per
streamed chunk:

- fastcore: `fastcore.completion` / `acompletion`;
- LiteLLM and the openai SDK: the same calls, each in a worker process of its own;
- the floor: fastcore's own transport libraries used bare (http.client for
  sync, aiohttp for async) with a hand-built request and a plain orjson parse,
  or, for streams, splitting lines and parsing each chunk. Since fastcore's
  sync transport is http.client, the sync floor is also "the fastest raw client".

fastcore and the floor run in this process, step by step in alternation
(Interleaved); LiteLLM and the SDK each run alone in a worker process.
"""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time

MODEL = "openai/gpt-4o"
MESSAGES = [{"role": "user", "content": "Hello, how are you?"}]
KEY = "sk-bench"
UPSTREAM_ENV = "FASTCORE_BENCH_UPSTREAM"
STREAM_CHUNKS = 200
CONCURRENT = 100
CONCURRENT_CHUNKS = 50


class Upstream:
    """`python -m fastcore.bench.upstream` in a process of its own."""

    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, "-m", "fastcore.bench.upstream"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        self.url = f"http://127.0.0.1:{int(self.proc.stdout.readline())}"

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def _timed(run, units: int):
    """(CPU seconds, wall seconds) per unit of work for one call of run()."""
    c0, w0 = time.process_time(), time.perf_counter()
    run()
    return (time.process_time() - c0) / units, (time.perf_counter() - w0) / units


class _Loop:
    """One event loop kept for all of a side's samples (sessions and pools live across them)."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()

    def run(self, coro):
        return self.loop.run_until_complete(coro)

    def close(self):
        # Streams a library left unfinished are async generators: finalize them while the loop runs.
        self.loop.run_until_complete(asyncio.wait_for(self.loop.shutdown_asyncgens(), 30))
        self.loop.close()


def _gather(loop: _Loop, one, concurrency: int) -> None:
    async def batch():
        await asyncio.gather(*[one() for _ in range(concurrency)])
    loop.run(batch())


# Per row: (units of work in one step, steps per sample); a step is one sync
# call, one gather of CONCURRENT calls, one stream, or one gather of streams.
# The counts are even, so that each side of an Interleaved sample goes first
# as often as the other.
def _steps(quick: bool) -> dict:
    return {"net_sync": (1, 100 if quick else 300), "net_async": (CONCURRENT, 4 if quick else 10),
            "net_stream": (STREAM_CHUNKS, 2 if quick else 6),
            "net_streams": (CONCURRENT * CONCURRENT_CHUNKS, 2 if quick else 4)}


# fastcore and the floor take more steps per sample than the worker sides where
# a step is short: one stream is a couple of milliseconds of CPU, and six of
# them per side left a sample at the mercy of the machine's slow spells.
_INTERLEAVED_SCALE = {"net_stream": 5}


def _interleaved_steps(quick: bool) -> dict:
    return {key: (units, count * _INTERLEAVED_SCALE.get(key, 1)) for key, (units, count) in _steps(quick).items()}


def library_steps(lib, base: str, loop: _Loop) -> dict:
    """One step of each row for a library with LiteLLM's API: fastcore or LiteLLM itself."""
    one_shot = dict(model=MODEL, messages=MESSAGES, api_base=base + "/v1", api_key=KEY)
    streaming = dict(model=MODEL, messages=MESSAGES, api_key=KEY, stream=True)

    def sync():
        lib.completion(**one_shot).choices[0].message.content

    async def one():
        (await lib.acompletion(**one_shot)).choices[0].message.content

    def stream():
        for chunk in lib.completion(api_base=f"{base}/chunks/{STREAM_CHUNKS}/v1", **streaming):
            chunk.choices

    async def one_stream():
        async for chunk in await lib.acompletion(api_base=f"{base}/chunks/{CONCURRENT_CHUNKS}/v1", **streaming):
            chunk.choices

    return {"net_sync": sync, "net_async": lambda: _gather(loop, one, CONCURRENT), "net_stream": stream,
            "net_streams": lambda: _gather(loop, one_stream, CONCURRENT)}


def sdk_steps(base: str, loop: _Loop) -> dict:
    """The same steps with the official openai SDK, what a user calling only OpenAI would pick."""
    import openai

    client = openai.OpenAI(base_url=base + "/v1", api_key=KEY, max_retries=0)
    stream_client = openai.OpenAI(base_url=f"{base}/chunks/{STREAM_CHUNKS}/v1", api_key=KEY, max_retries=0)
    holder = {}

    def aclient(url):
        # AsyncOpenAI binds its pool to the loop that first uses it: make it there.
        if url not in holder:
            holder[url] = openai.AsyncOpenAI(base_url=url, api_key=KEY, max_retries=0)
        return holder[url]

    def sync():
        client.chat.completions.create(model="gpt-4o", messages=MESSAGES).choices[0].message.content

    async def one():
        c = aclient(base + "/v1")
        (await c.chat.completions.create(model="gpt-4o", messages=MESSAGES)).choices[0].message.content

    def stream():
        for chunk in stream_client.chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True):
            chunk.choices

    async def one_stream():
        c = aclient(f"{base}/chunks/{CONCURRENT_CHUNKS}/v1")
        async for chunk in await c.chat.completions.create(model="gpt-4o", messages=MESSAGES, stream=True):
            chunk.choices

    return {"net_sync": sync, "net_async": lambda: _gather(loop, one, CONCURRENT), "net_stream": stream,
            "net_streams": lambda: _gather(loop, one_stream, CONCURRENT)}


class FloorSteps:
    """fastcore's transport libraries with nothing of fastcore: a hand-built request, a plain parse."""

    def __init__(self, base: str, loop: _Loop):
        import http.client

        import orjson

        self.base, self.loop, self.orjson = base, loop, orjson
        # The headers fastcore sends, so that both sides send the same request.
        self.headers = {"Content-Type": "application/json", "Accept": "application/json",
                        "User-Agent": "fastcore/0.1.0", "Authorization": "Bearer " + KEY}
        self.conn = http.client.HTTPConnection("127.0.0.1", int(base.rsplit(":", 1)[1]))
        self.session = None

    def body(self, stream=False):
        data = {"model": "gpt-4o", "messages": MESSAGES}
        if stream:
            data["stream"] = True
        return self.orjson.dumps(data)

    def sync(self):
        self.conn.request("POST", "/v1/chat/completions", self.body(), self.headers)
        self.orjson.loads(self.conn.getresponse().read())["choices"][0]["message"]["content"]

    def stream(self):
        self.conn.request("POST", f"/chunks/{STREAM_CHUNKS}/v1/chat/completions", self.body(True), self.headers)
        resp, tail = self.conn.getresponse(), b""
        while True:
            data = resp.read1(65536)
            if not data:
                break
            *lines, tail = (tail + data).split(b"\n")
            for line in lines:
                if line.startswith(b"data: ") and line != b"data: [DONE]":
                    self.orjson.loads(line[6:])["choices"]

    def aio(self):
        import aiohttp

        if self.session is None:
            self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
        return self.session

    async def one(self):
        async with self.aio().post(self.base + "/v1/chat/completions", data=self.body(),
                                   headers=self.headers) as r:
            self.orjson.loads(await r.read())["choices"][0]["message"]["content"]

    async def one_stream(self):
        async with self.aio().post(f"{self.base}/chunks/{CONCURRENT_CHUNKS}/v1/chat/completions",
                                   data=self.body(True), headers=self.headers) as r:
            async for line in r.content:
                if line.startswith(b"data: ") and not line.startswith(b"data: [DONE]"):
                    self.orjson.loads(line[6:])["choices"]

    def steps(self) -> dict:
        return {"net_sync": self.sync, "net_async": lambda: _gather(self.loop, self.one, CONCURRENT),
                "net_stream": self.stream, "net_streams": lambda: _gather(self.loop, self.one_stream, CONCURRENT)}

    def close(self):
        self.conn.close()
        if self.session is not None:
            self.loop.run(self.session.close())


def sampled(steps: dict, quick: bool) -> dict:
    """One side alone (a worker process): key -> sample() giving (CPU, wall) per unit."""
    plan = _steps(quick)

    def sampler(key):
        step, (units, count) = steps[key], plan[key]
        return lambda: _timed(lambda: [step() for _ in range(count)], units * count)
    return {key: sampler(key) for key in steps}


class Interleaved:
    """Two sides of one process sampled step by step in alternation.

    A shared machine's slow spells last longer than a step, so alternating
    every step puts them on both sides alike, where back-to-back samples of
    a few hundred milliseconds each would not. Each sample starts with one
    untimed step per side (caches and the scheduler settle after the worker
    processes ran), then the sides take turns going first (ABBA...).
    sample(key) returns fastcore's (CPU, wall) per unit, keeping the floor's
    for floor(key), which the runner asks for next.
    """

    def __init__(self, ours: dict, floor: dict, quick: bool):
        self.sides, self.plan, self.kept = {"fastcore": ours, "floor": floor}, _interleaved_steps(quick), {}

    def sample(self, key: str):
        units, count = self.plan[key]
        cpu = {"fastcore": 0.0, "floor": 0.0}
        wall = {"fastcore": 0.0, "floor": 0.0}
        for side in ("floor", "fastcore"):
            self.sides[side][key]()
        for i in range(count):
            for side in (("fastcore", "floor") if i % 2 == 0 else ("floor", "fastcore")):
                step = self.sides[side][key]
                c0, w0 = time.process_time(), time.perf_counter()
                step()
                cpu[side] += time.process_time() - c0
                wall[side] += time.perf_counter() - w0
        n = units * count
        self.kept[key] = (cpu["floor"] / n, wall["floor"] / n)
        return cpu["fastcore"] / n, wall["fastcore"] / n

    def floor(self, key: str):
        return self.kept.pop(key)


# key, row name, unit, target over LiteLLM, target over the SDK, allowed fastcore/floor
ROWS = (
    ("net_sync", "real call, sync, sequential", "CPU per call", 10, 3, 1.15),
    ("net_async", f"real call, async, {CONCURRENT} concurrent", "CPU per call", 20, 10, 1.15),
    ("net_stream", f"one stream of {STREAM_CHUNKS} chunks", "CPU per chunk", 20, None, 1.15),
    ("net_streams", f"{CONCURRENT} concurrent streams of {CONCURRENT_CHUNKS} chunks", "CPU per chunk", 20, None,
     1.15),
)


def upstream_url() -> str | None:
    return os.environ.get(UPSTREAM_ENV)
