"""Shared setup for the project scripts (no network, LiteLLM mock responses only).

Import this module FIRST in every script:
  * sets LITELLM_LOCAL_MODEL_COST_MAP=True, fake provider keys, telemetry off;
  * refuses every non-loopback socket connect (so a slip to the network fails loudly);
  * if I8_PRELOAD names a module, imports it before anything else. That is the hook
    for a future "import litellm returns fastcore" switch, e.g.
        I8_PRELOAD=some.module python dspy.py
  * `check(name, fn)` runs one case (sync fn or coroutine fn) and records PASS/FAIL;
    `done()` prints the summary and exits non-zero on any FAIL.
"""
import asyncio
import importlib
import os
import socket
import sys
import traceback

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
for _k in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GROQ_API_KEY"):
    os.environ.setdefault(_k, "sk-i8-fake")
# telemetry of the projects themselves
os.environ.setdefault("CREWAI_DISABLE_TELEMETRY", "true")
os.environ.setdefault("CREWAI_DISABLE_TRACKING", "true")
os.environ.setdefault("OTEL_SDK_DISABLED", "true")
os.environ.setdefault("MEM0_TELEMETRY", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "false")
os.environ.setdefault("OPENAI_AGENTS_DISABLE_TRACING", "1")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("AIDER_ANALYTICS", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
BLOCKED = []


def _is_local(addr):
    if isinstance(addr, (str, bytes)):  # AF_UNIX
        return True
    host = addr[0] if addr else ""
    return host in ("127.0.0.1", "::1", "localhost") or str(host).startswith("127.")


def _guard_connect(self, addr):
    if not _is_local(addr):
        BLOCKED.append(addr)
        raise ConnectionRefusedError(f"i8 network guard: refused connect to {addr!r}")
    return _real_connect(self, addr)


def _guard_connect_ex(self, addr):
    if not _is_local(addr):
        BLOCKED.append(addr)
        return 111
    return _real_connect_ex(self, addr)


socket.socket.connect = _guard_connect
socket.socket.connect_ex = _guard_connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _guard_getaddrinfo(host, *a, **k):
    if host not in (None, "localhost", "127.0.0.1", "::1", b"localhost") and not str(host).startswith("127."):
        BLOCKED.append(host)
        raise socket.gaierror(f"i8 network guard: no DNS for {host!r}")
    return _real_getaddrinfo(host, *a, **k)


socket.getaddrinfo = _guard_getaddrinfo

if os.environ.get("I8_PRELOAD"):
    importlib.import_module(os.environ["I8_PRELOAD"])

RESULTS = []


def check(name, fn, *args, **kwargs):
    try:
        if asyncio.iscoroutinefunction(fn):
            out = asyncio.run(fn(*args, **kwargs))
        else:
            out = fn(*args, **kwargs)
        RESULTS.append((name, "PASS", out))
        print(f"PASS {name}: {out!r}"[:400])
    except Exception as e:  # noqa: BLE001
        RESULTS.append((name, "FAIL", repr(e)))
        print(f"FAIL {name}: {e!r}"[:400])
        if os.environ.get("I8_TRACE"):
            traceback.print_exc()


def litellm_origin():
    m = sys.modules.get("litellm")
    if m is None:
        return "litellm not imported"
    return f"litellm -> {getattr(m, '__name__', m)} {getattr(m, '__file__', '')}"


def done():
    fails = [r for r in RESULTS if r[1] == "FAIL"]
    print(f"SUMMARY {len(RESULTS) - len(fails)}/{len(RESULTS)} passed; {litellm_origin()}; "
          f"blocked network attempts: {len(BLOCKED)} {sorted(set(map(str, BLOCKED)))[:5]}")
    sys.exit(1 if fails else 0)


TOOL_CALLS = [{"id": "call_i8_1", "type": "function",
               "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}}]
WEATHER_TOOL = {"type": "function", "function": {
    "name": "get_weather", "description": "Get the weather for a city",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}


def mock_model_response_with_tool_calls(litellm, content=None, tool_calls=TOOL_CALLS, model="gpt-4o-mini"):
    """A litellm.ModelResponse carrying tool calls: LiteLLM streams this when passed as
    mock_response=... with stream=True (a plain mock_tool_calls= is not streamed by LiteLLM)."""
    return litellm.ModelResponse(
        model=model,
        choices=[{"index": 0, "finish_reason": "tool_calls",
                  "message": {"role": "assistant", "content": content, "tool_calls": tool_calls}}],
        usage={"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    )


def patch_module_call(module, name, **inject):
    """For projects that build the completion kwargs themselves (no pass-through):
    wrap module.<name> so every call also gets **inject (e.g. mock_response=...).
    The project must look the function up on the module at call time for this to work."""
    orig = getattr(module, name)
    if asyncio.iscoroutinefunction(orig) or name.startswith("a"):
        async def wrapper(*a, **k):
            return await orig(*a, **{**k, **inject})
    else:
        def wrapper(*a, **k):
            return orig(*a, **{**k, **inject})
    wrapper.__wrapped__ = orig
    setattr(module, name, wrapper)
    return orig
