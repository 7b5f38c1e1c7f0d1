"""Client CPU per call of candidate HTTP libraries against a local upstream in another process.

How the transports were chosen (README, "Transports"): every candidate sends
the same JSON request and parses the same answer with orjson; the upstream
(`python -m fastcore.bench.upstream`) runs in its own process, so only the
client's CPU is counted. Sync calls run one after another on a kept-alive
connection; async calls run 100 at a time. Usage: python tools/measure_transports.py
"""
import asyncio
import http.client
import subprocess
import sys
import time

import orjson

BODY = orjson.dumps({"model": "gpt-4o", "messages": [{"role": "user", "content": "Hello, how are you?"}],
                     "temperature": 0.5, "max_tokens": 100})
HEADERS = {"Authorization": "Bearer sk-test", "Content-Type": "application/json"}
PATH = "/v1/chat/completions"
SYNC_CALLS, ASYNC_CALLS, CONCURRENCY, ROUNDS = 2000, 4000, 100, 5


def timed(fn, calls):
    fn(200)                                    # warm up: connections, caches
    best_cpu = best_wall = float("inf")
    for _ in range(ROUNDS):
        c0, w0 = time.process_time(), time.perf_counter()
        fn(calls)
        best_cpu = min(best_cpu, (time.process_time() - c0) / calls)
        best_wall = min(best_wall, (time.perf_counter() - w0) / calls)
    return best_cpu, best_wall


def sync_candidates(port):
    conn = http.client.HTTPConnection("127.0.0.1", port)

    def stdlib(n):
        for _ in range(n):
            conn.request("POST", PATH, BODY, HEADERS)
            orjson.loads(conn.getresponse().read())

    import urllib3
    pm = urllib3.PoolManager(maxsize=10)
    url = f"http://127.0.0.1:{port}{PATH}"

    def urllib3_pm(n):
        for _ in range(n):
            orjson.loads(pm.request("POST", url, body=BODY, headers=HEADERS).data)

    pool = urllib3.HTTPConnectionPool("127.0.0.1", port, maxsize=10)

    def urllib3_pool(n):
        for _ in range(n):
            r = pool.urlopen("POST", PATH, body=BODY, headers=HEADERS, retries=False, redirect=False,
                             assert_same_host=False, preload_content=False, decode_content=False)
            orjson.loads(r.read())
            r.release_conn()

    import httpx
    hx = httpx.Client()

    def httpx_sync(n):
        for _ in range(n):
            orjson.loads(hx.post(url, content=BODY, headers=HEADERS).content)

    return {"http.client (kept-alive)": stdlib, "urllib3 PoolManager.request": urllib3_pm,
            "urllib3 HTTPConnectionPool.urlopen": urllib3_pool, "httpx.Client": httpx_sync}


def async_candidates(port):
    url = f"http://127.0.0.1:{port}{PATH}"

    def run(make_session, call):
        async def main(n):
            session = await make_session()
            try:
                sem = asyncio.Semaphore(CONCURRENCY)

                async def one():
                    async with sem:
                        await call(session)

                await asyncio.gather(*[one() for _ in range(n)])
            finally:
                await session.aclose() if hasattr(session, "aclose") else await session.close()

        loop = asyncio.new_event_loop()
        return lambda n: loop.run_until_complete(main(n))

    import aiohttp

    async def aio_session():
        return aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=CONCURRENCY))

    async def aio_call(s):
        async with s.post(url, data=BODY, headers=HEADERS) as r:
            orjson.loads(await r.read())

    import httpx

    async def hx_session():
        return httpx.AsyncClient(limits=httpx.Limits(max_connections=CONCURRENCY))

    async def hx_call(s):
        orjson.loads((await s.post(url, content=BODY, headers=HEADERS)).content)

    return {"aiohttp.ClientSession": run(aio_session, aio_call), "httpx.AsyncClient": run(hx_session, hx_call)}


def main():
    up = subprocess.Popen([sys.executable, "-m", "fastcore.bench.upstream"], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True)
    port = int(up.stdout.readline())
    try:
        print(f"{'client':40s} {'CPU/call':>10s} {'wall/call':>10s}")
        for name, fn in sync_candidates(port).items():
            cpu, wall = timed(fn, SYNC_CALLS)
            print(f"sync   {name:33s} {cpu * 1e6:8.1f} µs {wall * 1e6:8.1f} µs")
        for name, fn in async_candidates(port).items():
            cpu, wall = timed(fn, ASYNC_CALLS)
            print(f"async  {name:33s} {cpu * 1e6:8.1f} µs {wall * 1e6:8.1f} µs")
    finally:
        up.stdin.close()
        up.wait(10)


if __name__ == "__main__":
    main()
