"""A local OpenAI-format upstream on 127.0.0.1, for the benchmarks and the tests.

It answers any POST whose path ends in `/chat/completions` (so OpenAI, Azure
deployment and table-provider URLs all land here), as JSON or, when the body
asks for `"stream": true`, as server-sent events. Everything else is steered by
the path prefix, so any client (fastcore, LiteLLM, the openai SDK) can be
pointed at a behaviour through its base URL alone:

    /chunks/<n>/...          stream n content chunks (default 8), one write each, as fast as it can
    /fault/<name>/...        misbehave: see FAULTS
    /canned/<key>/...        answer with a response registered through `canned`

Each request is recorded (method, path, query, headers, raw body) for the
tests. Run `python -m fastcore.bench.upstream` to serve in a process of its own
(it prints the port).
"""
from __future__ import annotations

import asyncio
import json
import sys
import threading

from aiohttp import web

MODEL = "gpt-4o-2024-08-06"
TEXT = "Hello, world!"

FAULTS = (
    "429",              # 429 with Retry-After: 0 (and retry-after-ms: 10), OpenAI error body
    "500", "502", "503", "400", "401", "403", "404", "408", "409", "422",
    "context",          # 400 with a context-length error body
    "policy",           # 400 with a content-policy error body
    "not-json",         # 200 whose body is HTML
    "bad-shape",        # 200 whose JSON has no choices
    "drop",             # close the connection before any answer
    "drop-mid-stream",  # send two chunks, then close without [DONE]
    "stall",            # stream two chunks, then wait far longer than any test timeout
    "slow",             # wait 2 s before answering
    "sse-error",        # a stream whose second event is an error object
    "flaky",            # 503 on the first try of each request id (x-test-id), then success
)


def completion_body(text: str = TEXT, model: str = MODEL, n: int = 1, tool_calls=None) -> dict:
    message = {"role": "assistant", "content": text, "refusal": None, "annotations": []}
    if tool_calls:
        message["tool_calls"] = tool_calls
    return {
        "id": "chatcmpl-upstream", "object": "chat.completion", "created": 1_700_000_000, "model": model,
        "choices": [{"index": i, "message": message, "logprobs": None,
                     "finish_reason": "tool_calls" if tool_calls else "stop"} for i in range(n)],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15,
                  "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                  "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                                "accepted_prediction_tokens": 0,
                                                "rejected_prediction_tokens": 0}},
        "service_tier": "default", "system_fingerprint": "fp_upstream",
    }


def stream_events(chunks: int, model: str = MODEL, usage: bool = False) -> list[bytes]:
    base = {"id": "chatcmpl-upstream", "object": "chat.completion.chunk", "created": 1_700_000_000,
            "model": model, "system_fingerprint": "fp_upstream", "service_tier": "default"}
    out = [{**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": "", "refusal": None},
                                 "logprobs": None, "finish_reason": None}]}]
    for i in range(chunks):
        out.append({**base, "choices": [{"index": 0, "delta": {"content": f"tok{i} "}, "logprobs": None,
                                         "finish_reason": None}]})
    out.append({**base, "choices": [{"index": 0, "delta": {}, "logprobs": None, "finish_reason": "stop"}]})
    if usage:
        out.append({**base, "choices": [], "usage": {"prompt_tokens": 10, "completion_tokens": chunks,
                                                      "total_tokens": 10 + chunks}})
    return [b"data: " + json.dumps(e, separators=(",", ":")).encode() + b"\n\n" for e in out] + [b"data: [DONE]\n\n"]


def error_body(message: str, type_: str = "invalid_request_error", code=None) -> dict:
    return {"error": {"message": message, "type": type_, "param": None, "code": code}}


class Upstream:
    """The server, its recorded requests and its canned answers."""

    def __init__(self, ssl_context=None, record: bool = True):
        self.ssl_context = ssl_context
        self.record = record            # keep each request (the tests read them; the bench does not)
        self.requests: list[dict] = []
        self.canned: dict[str, tuple] = {}      # key -> (status, headers, body bytes or list of SSE events)
        self.seen: set[str] = set()
        self.port = None
        self._runner = None

    def canned_answer(self, key: str, status: int = 200, body=None, headers=None, events=None) -> str:
        """Register an answer for paths under /canned/<key>/; returns the path prefix."""
        raw = events if events is not None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        self.canned[key] = (status, headers or {}, raw)
        return f"/canned/{key}"

    @property
    def open_connections(self) -> int:
        """Client connections the server holds open right now."""
        server = self._runner.server if self._runner is not None else None
        return 0 if server is None else len(server.connections)

    def url(self, prefix: str = "") -> str:
        return f"{'https' if self.ssl_context else 'http'}://127.0.0.1:{self.port}{prefix}"

    # -- serving ---------------------------------------------------------------
    async def handle(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        if self.record:
            self.requests.append({"method": request.method, "path": request.path, "query": dict(request.query),
                                  "headers": dict(request.headers), "body": raw})
        parts = request.path.strip("/").split("/")
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = {}
        stream = isinstance(body, dict) and body.get("stream") is True
        model = body.get("model", MODEL) if isinstance(body, dict) else MODEL
        if len(parts) >= 2 and parts[0] == "fault":
            return await self.fault(request, parts[1], stream, model)
        if len(parts) >= 2 and parts[0] == "canned" and parts[1] in self.canned:
            return await self.send_canned(request, *self.canned[parts[1]])
        chunks = int(parts[1]) if len(parts) >= 2 and parts[0] == "chunks" else 8
        if stream:
            usage = bool((body.get("stream_options") or {}).get("include_usage"))
            return await self.send_stream(request, stream_events(chunks, model, usage))
        return web.Response(body=json.dumps(completion_body(model=model)).encode(),
                            content_type="application/json",
                            headers={"x-request-id": "req-upstream", "x-ratelimit-remaining-requests": "99"})

    async def send_stream(self, request, events, then=None) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/event-stream", "x-request-id": "req-upstream"})
        await resp.prepare(request)
        for event in events:
            await resp.write(event)
        if then is not None:
            await then(resp)
        await resp.write_eof()
        return resp

    async def send_canned(self, request, status, headers, raw) -> web.StreamResponse:
        if isinstance(raw, list):
            resp = web.StreamResponse(status=status, headers={"Content-Type": "text/event-stream", **headers})
            await resp.prepare(request)
            for event in raw:
                await resp.write(event if isinstance(event, bytes) else event.encode())
            await resp.write_eof()
            return resp
        return web.Response(status=status, body=raw, headers={"Content-Type": "application/json", **headers})

    async def fault(self, request, name, stream, model) -> web.StreamResponse:
        if name.isdigit():
            status = int(name)
            headers = {"retry-after": "0", "retry-after-ms": "10"} if status == 429 else {}
            kind = {400: "invalid_request_error", 401: "invalid_api_key", 429: "rate_limit_exceeded"}.get(
                status, "server_error")
            return web.json_response(error_body(f"upstream says {status}", kind), status=status, headers=headers)
        if name == "context":
            return web.json_response(error_body(
                "This model's maximum context length is 128000 tokens. However, your messages resulted in "
                "130000 tokens.", code="context_length_exceeded"), status=400)
        if name == "policy":
            return web.json_response(error_body(
                "Your request was rejected as a result of our safety system.", code="content_policy_violation"),
                status=400)
        if name == "not-json":
            return web.Response(body=b"<html><body>502 Bad Gateway from a proxy</body></html>",
                                content_type="text/html")
        if name == "bad-shape":
            return web.json_response({"id": "x", "object": "chat.completion", "model": model})
        if name == "drop":
            request.transport.close()
            raise asyncio.CancelledError()
        if name == "slow":
            await asyncio.sleep(2)
            return web.json_response(completion_body(model=model))
        if name == "flaky":
            tid = request.headers.get("x-test-id", "")
            if tid not in self.seen:
                self.seen.add(tid)
                return web.json_response(error_body("try again", "server_error"), status=503)
            return web.json_response(completion_body(model=model))
        events = stream_events(4, model)
        if name == "drop-mid-stream":
            async def cut(resp):
                request.transport.close()
            return await self.send_stream(request, events[:3], then=cut)
        if name == "stall":
            async def stall(resp):
                await asyncio.sleep(30)
            return await self.send_stream(request, events[:3], then=stall)
        if name == "sse-error":
            err = b"data: " + json.dumps(error_body("overloaded mid-stream", "server_error")).encode() + b"\n\n"
            return await self.send_stream(request, [events[0], err])
        return web.json_response(error_body(f"unknown fault {name}"), status=404)

    # -- lifecycle ---------------------------------------------------------------
    async def start(self, port: int = 0) -> int:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self.handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port, ssl_context=self.ssl_context)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


class ThreadedUpstream(Upstream):
    """The upstream on its own event loop in a daemon thread (for tests)."""

    def __enter__(self) -> "ThreadedUpstream":
        self._loop = asyncio.new_event_loop()
        ready = threading.Event()

        def run():
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(self.start())
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="fastcore-test-upstream", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the test upstream did not start")
        return self

    def __exit__(self, *exc) -> None:
        asyncio.run_coroutine_threadsafe(self.stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()


def main() -> None:
    """Serve until stdin closes; print the port first (for a parent process)."""
    async def serve():
        up = Upstream(record=False)
        port = await up.start(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
        print(port, flush=True)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.read)
        await up.stop()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
