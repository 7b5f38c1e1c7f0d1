"""instructor.from_litellm on LiteLLM's mock. Pass-through: every extra kwarg of
client.create(...) / create_partial(...) reaches litellm.completion / acompletion, so
mock_response / mock_tool_calls go straight in. from_litellm() decides sync vs async
with inspect.iscoroutinefunction (following __wrapped__), so litellm.acompletion must
look like a coroutine function."""
import os, sys
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or '.') != _HERE]  # never shadow the package
sys.path.append(_HERE)
import _harness as c  # noqa: E402

import inspect  # noqa: E402
import instructor  # noqa: E402
import litellm  # noqa: E402
from pydantic import BaseModel  # noqa: E402


class User(BaseModel):
    name: str
    age: int


USER_CALL = [{"id": "call_u1", "type": "function",
              "function": {"name": "User", "arguments": '{"name": "Jason", "age": 25}'}}]
MSG = [{"role": "user", "content": "Jason is 25"}]


def coroutine_detection():
    return {"completion": inspect.iscoroutinefunction(litellm.completion),
            "acompletion": inspect.iscoroutinefunction(litellm.acompletion),
            "async client type": type(instructor.from_litellm(litellm.acompletion)).__name__}


def sync_tools():
    client = instructor.from_litellm(litellm.completion)
    user, raw = client.create_with_completion(model="gpt-4o-mini", messages=MSG, response_model=User,
                                              mock_response="", mock_tool_calls=USER_CALL, max_retries=0)
    assert user.model_dump() == {"name": "Jason", "age": 25}, user
    return user, type(raw).__module__ + "." + type(raw).__name__, raw.usage.total_tokens


async def async_tools():
    client = instructor.from_litellm(litellm.acompletion)
    assert isinstance(client, instructor.AsyncInstructor), type(client)
    user = await client.create(model="gpt-4o-mini", messages=MSG, response_model=User,
                               mock_response="", mock_tool_calls=USER_CALL, max_retries=0)
    assert user.model_dump() == {"name": "Jason", "age": 25}, user
    return user


def json_mode():
    client = instructor.from_litellm(litellm.completion, mode=instructor.Mode.JSON)
    user = client.create(model="gpt-4o-mini", messages=MSG, response_model=User,
                         mock_response='{"name": "Ann", "age": 3}', max_retries=0)
    assert user.model_dump() == {"name": "Ann", "age": 3}, user
    return user


def plain_text():
    client = instructor.from_litellm(litellm.completion)
    out = client.create(model="gpt-4o-mini", messages=MSG, response_model=None, mock_response="plain")
    return type(out).__name__, out.choices[0].message.content


def sync_stream_partial_quirk():
    # instructor (v2/providers/openai/handlers.py:561) takes any stream that is an
    # collections.abc.AsyncIterator for an async one; LiteLLM's CustomStreamWrapper is
    # both Iterator and AsyncIterator, so a SYNC create_partial returns an async generator.
    # This records LiteLLM's behaviour; a replacement should behave the same.
    client = instructor.from_litellm(litellm.completion, mode=instructor.Mode.JSON)
    out = client.create_partial(model="gpt-4o-mini", messages=MSG, response_model=User,
                                mock_response='{"name": "Bo", "age": 7}', max_retries=0)
    kind = type(out).__name__
    if hasattr(out, "aclose"):
        import asyncio
        asyncio.run(out.aclose())
    return kind


async def async_stream_partial_tools():
    client = instructor.from_litellm(litellm.acompletion)
    mock = c.mock_model_response_with_tool_calls(litellm, tool_calls=USER_CALL)
    parts = [p async for p in client.create_partial(model="gpt-4o-mini", messages=MSG, response_model=User,
                                                    mock_response=mock, max_retries=0)]
    assert parts and parts[-1].model_dump() == {"name": "Jason", "age": 25}, parts
    return len(parts), parts[-1]


async def async_stream_partial_json():
    client = instructor.from_litellm(litellm.acompletion, mode=instructor.Mode.JSON)
    parts = [p async for p in client.create_partial(model="gpt-4o-mini", messages=MSG, response_model=User,
                                                    mock_response='{"name": "Bo", "age": 7}', max_retries=0)]
    assert parts[-1].model_dump() == {"name": "Bo", "age": 7}, parts
    return len(parts), parts[-1]


def error_call():
    client = instructor.from_litellm(litellm.completion)
    try:
        client.create(model="gpt-4o-mini", messages=MSG, response_model=User,
                      mock_response="litellm.RateLimitError", max_retries=0)
    except Exception as e:  # instructor may wrap it
        chain, cur = [], e
        while cur is not None:
            chain.append(type(cur).__module__ + "." + type(cur).__name__)
            cur = cur.__cause__ or cur.__context__
        assert any("RateLimitError" in x for x in chain), chain
        return chain
    raise AssertionError("no error raised")


c.check("coroutine detection", coroutine_detection)
c.check("sync TOOLS mode (mock_tool_calls)", sync_tools)
c.check("async TOOLS mode", async_tools)
c.check("sync JSON mode", json_mode)
c.check("response_model=None passthrough", plain_text)
c.check("sync create_partial returns (quirk)", sync_stream_partial_quirk)
c.check("async create_partial TOOLS stream (ModelResponse mock)", async_stream_partial_tools)
c.check("async create_partial JSON stream", async_stream_partial_json)
c.check("error RateLimitError", error_call)
c.done()
