"""DSPy (3.4.x) on LiteLLM's mock. DSPy 3.4 has two engines: native "lm15" and the LiteLLM
compatibility engine. engine="litellm" forces LiteLLM; with engine="auto" an unknown kwarg
such as mock_response is not representable natively, so the call falls back to LiteLLM
(checked below). Pass-through: dspy.LM(..., **kwargs) keeps kwargs as defaults and
lm(..., **kwargs) adds per-call ones; both reach litellm.completion / acompletion
(clients/lm.py litellm_completion / alitellm_completion), so mock_response /
mock_tool_calls go straight in."""
import os, sys
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or '.') != _HERE]  # never shadow the package
sys.path.append(_HERE)
import _harness as c  # noqa: E402

import asyncio  # noqa: E402
import dspy  # noqa: E402

CHAT = "[[ ## answer ## ]]\nParis\n\n[[ ## completed ## ]]"


def lm(engine="litellm", **kw):
    return dspy.LM("openai/gpt-4o-mini", engine=engine, cache=False, num_retries=0, **kw)


def sync_call():
    out = lm(mock_response="hello")("hi")
    assert out == ["hello"], out
    import litellm
    return out, litellm.__name__, litellm.suppress_debug_info, litellm.telemetry


def auto_engine_fallback():
    m = lm(engine="auto", mock_response="hello auto")
    out = m("hi")
    assert out == ["hello auto"], out
    return out, m.history[-1].get("cost") if m.history else None


def predict_sync():
    with dspy.context(lm=lm(mock_response=CHAT), track_usage=True):
        pred = dspy.Predict("question -> answer")(question="capital of France?")
    assert pred.answer == "Paris", pred
    return pred.answer, pred.get_lm_usage()


async def predict_async():
    with dspy.context(lm=lm(mock_response=CHAT)):
        pred = await dspy.Predict("question -> answer").acall(question="capital of France?")
    assert pred.answer == "Paris", pred
    return pred.answer


async def lm_async():
    out = await lm(mock_response="async hello").acall("hi")
    assert out == ["async hello"], out
    return out


async def predict_stream():
    prog = dspy.streamify(dspy.Predict("question -> answer"),
                          stream_listeners=[dspy.streaming.StreamListener(signature_field_name="answer")])
    chunks, final = [], None
    with dspy.context(lm=lm(mock_response=CHAT)):
        async for item in prog(question="capital of France?"):
            if isinstance(item, dspy.streaming.StreamResponse):
                chunks.append(item.chunk)
            elif isinstance(item, dspy.Prediction):
                final = item
    assert final is not None and final.answer == "Paris", (chunks, final)
    return chunks, final.answer


def tool_call():
    out = lm()(messages=[{"role": "user", "content": "weather?"}], tools=[c.WEATHER_TOOL],
               mock_response="", mock_tool_calls=c.TOOL_CALLS)
    first = out[0]
    assert isinstance(first, dict) and first["tool_calls"][0]["function"]["name"] == "get_weather", out
    return first["tool_calls"]


def error_call():
    try:
        lm(mock_response="litellm.RateLimitError")("hi")
    except Exception as e:  # DSPy maps LiteLLM errors (clients/engines/litellm_errors.py)
        chain, cur = [], e
        while cur is not None:
            chain.append(type(cur).__module__ + "." + type(cur).__name__)
            cur = cur.__cause__
        assert "RateLimit" in chain[0], chain
        assert any(x.startswith("litellm") for x in chain), chain
        return chain
    raise AssertionError("no error raised")


def context_window_error():
    from dspy.clients._litellm import is_litellm_context_window_error
    try:
        lm(mock_response="litellm.ContextWindowExceededError")("hi")
    except Exception as e:  # noqa: BLE001
        chain, cur = [], e
        while cur is not None:
            chain.append((type(cur).__module__ + "." + type(cur).__name__, is_litellm_context_window_error(cur)))
            cur = cur.__cause__
        assert any(flag for _, flag in chain), chain
        return chain
    raise AssertionError("no error raised")


c.check("sync lm() engine=litellm", sync_call)
c.check("engine=auto falls back to LiteLLM for mock_response", auto_engine_fallback)
c.check("Predict sync (ChatAdapter)", predict_sync)
c.check("Predict async acall", predict_async)
c.check("LM.acall", lm_async)
c.check("streamify + StreamListener", predict_stream)
c.check("tool call (mock_tool_calls)", tool_call)
c.check("error RateLimitError", error_call)
c.check("ContextWindowExceededError mapping", context_window_error)
c.done()
