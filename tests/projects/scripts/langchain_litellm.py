"""langchain-litellm (ChatLiteLLM) on LiteLLM's mock. Pass-through: constructor
model_kwargs={...} and per-call invoke(..., **kwargs) both reach litellm.completion /
acompletion, so mock_response / mock_tool_calls go straight in."""
import os, sys
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or '.') != _HERE]  # never shadow the package
sys.path.append(_HERE)
import _harness as c  # noqa: E402  (env, network guard, optional I8_PRELOAD switch)

from langchain_core.messages import AIMessage, HumanMessage  # noqa: E402
from langchain_litellm import ChatLiteLLM  # noqa: E402
import litellm  # noqa: E402  (the module ChatLiteLLM stores as .client)

MSG = [HumanMessage(content="hi")]


def sync_call():
    llm = ChatLiteLLM(model="gpt-4o-mini", model_kwargs={"mock_response": "hello from mock"})
    out = llm.invoke(MSG)
    assert isinstance(out, AIMessage) and out.content == "hello from mock", out
    assert out.usage_metadata["input_tokens"] > 0, out.usage_metadata
    return out.content, out.usage_metadata, out.response_metadata.get("response_cost")


async def async_call():
    llm = ChatLiteLLM(model="gpt-4o-mini")
    out = await llm.ainvoke(MSG, mock_response="async mock")
    assert out.content == "async mock", out
    return out.content


def stream_call():
    llm = ChatLiteLLM(model="gpt-4o-mini", model_kwargs={"mock_response": "one two three"})
    parts = [ch.content for ch in llm.stream(MSG)]
    assert "".join(parts) == "one two three", parts
    return parts


async def astream_call():
    llm = ChatLiteLLM(model="gpt-4o-mini", model_kwargs={"mock_response": "a b"})
    parts = [ch.content async for ch in llm.astream(MSG)]
    assert "".join(parts) == "a b", parts
    return parts


def tool_call():
    llm = ChatLiteLLM(model="gpt-4o-mini").bind_tools([c.WEATHER_TOOL])
    out = llm.invoke(MSG, mock_response="", mock_tool_calls=c.TOOL_CALLS)
    assert out.tool_calls and out.tool_calls[0]["name"] == "get_weather", out
    assert out.tool_calls[0]["args"] == {"city": "Paris"}, out.tool_calls
    return out.tool_calls


def stream_tool_call():
    llm = ChatLiteLLM(model="gpt-4o-mini").bind_tools([c.WEATHER_TOOL])
    agg = None
    for ch in llm.stream(MSG, mock_response=c.mock_model_response_with_tool_calls(litellm)):
        agg = ch if agg is None else agg + ch
    assert agg.tool_calls and agg.tool_calls[0]["name"] == "get_weather", agg
    return agg.tool_calls


def error_call():
    llm = ChatLiteLLM(model="gpt-4o-mini", max_retries=1)
    try:
        llm.invoke(MSG, mock_response="litellm.RateLimitError")
    except litellm.RateLimitError as e:
        return type(e).__module__ + "." + type(e).__name__
    raise AssertionError("no RateLimitError raised")


c.check("sync invoke", sync_call)
c.check("async ainvoke", async_call)
c.check("stream", stream_call)
c.check("astream", astream_call)
c.check("tool call (mock_tool_calls)", tool_call)
c.check("streamed tool call (ModelResponse mock)", stream_tool_call)
c.check("error RateLimitError", error_call)
c.done()
