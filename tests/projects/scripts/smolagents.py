"""smolagents LiteLLMModel on LiteLLM's mock. Pass-through: LiteLLMModel(**kwargs) keeps
kwargs as model defaults and generate(..., **kwargs) adds per-call ones; both reach
litellm.completion (models.py _prepare_completion_kwargs), so mock_response /
mock_tool_calls go straight in. smolagents has no async path for LiteLLMModel (the client
is the litellm module itself: create_client() returns `litellm`; only .completion is called)."""
import os, sys
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or '.') != _HERE]  # never shadow the package
sys.path.append(_HERE)
import _harness as c  # noqa: E402

import litellm  # noqa: E402
from smolagents import LiteLLMModel, ToolCallingAgent, tool  # noqa: E402
from smolagents.models import ChatMessage  # noqa: E402

MSG = [{"role": "user", "content": [{"type": "text", "text": "hi"}]}]


@tool
def get_weather(city: str) -> str:
    """Get the weather for a city.

    Args:
        city: the city name
    """
    return f"sunny in {city}"


def sync_generate():
    m = LiteLLMModel(model_id="gpt-4o-mini", mock_response="hello", retry=False)
    out = m.generate(MSG)
    assert isinstance(out, ChatMessage) and out.content == "hello", out
    return out.content, out.token_usage, type(out.raw).__name__


def stream_generate():
    m = LiteLLMModel(model_id="gpt-4o-mini", retry=False)
    deltas = list(m.generate_stream(MSG, mock_response="one two three"))
    text = "".join(d.content or "" for d in deltas)
    assert text == "one two three", deltas
    usage = [d.token_usage for d in deltas if d.token_usage]
    return text, usage


def tool_generate():
    m = LiteLLMModel(model_id="gpt-4o-mini", retry=False)
    out = m.generate(MSG, tools_to_call_from=[get_weather], mock_response="", mock_tool_calls=c.TOOL_CALLS)
    assert out.tool_calls and out.tool_calls[0].function.name == "get_weather", out
    return out.tool_calls[0]


def tool_agent():
    final = [{"id": "call_f", "type": "function",
              "function": {"name": "final_answer", "arguments": '{"answer": "done"}'}}]
    m = LiteLLMModel(model_id="gpt-4o-mini", retry=False, mock_response="", mock_tool_calls=final)
    agent = ToolCallingAgent(tools=[get_weather], model=m, max_steps=2, verbosity_level=0)
    out = agent.run("weather?")
    assert out == "done", out
    return out


def stream_tool_generate():
    m = LiteLLMModel(model_id="gpt-4o-mini", retry=False)
    deltas = list(m.generate_stream(MSG, tools_to_call_from=[get_weather],
                                    mock_response=c.mock_model_response_with_tool_calls(litellm)))
    calls = [tc for d in deltas for tc in (d.tool_calls or [])]
    assert calls and calls[0].function.name == "get_weather", deltas
    return calls


def error_generate():
    m = LiteLLMModel(model_id="gpt-4o-mini", retry=False)
    try:
        m.generate(MSG, mock_response="litellm.RateLimitError")
    except litellm.RateLimitError as e:
        return type(e).__module__ + "." + type(e).__name__
    raise AssertionError("no error raised")


c.check("sync generate", sync_generate)
c.check("generate_stream", stream_generate)
c.check("tool call generate (mock_tool_calls)", tool_generate)
c.check("ToolCallingAgent final_answer", tool_agent)
c.check("streamed tool call (ModelResponse mock)", stream_tool_generate)
c.check("error RateLimitError", error_generate)
c.done()
