"""pytest-benchmark suites: `pytest bench/ --benchmark-group-by=group`.

Each group holds the fastcore and the LiteLLM figure of one component, so the
ratio is read off one run. These are measurements, not pass/fail tests.
"""
import asyncio

import pytest

MESSAGES = [{"role": "user", "content": "Hello, how are you?"}]


@pytest.mark.benchmark(group="mock completion (sync)")
def test_completion_mock(benchmark, impl):
    benchmark(impl.completion, model="openai/gpt-4o", messages=MESSAGES, mock_response="Hello, world!")


@pytest.mark.benchmark(group="mock acompletion, 200 under gather")
def test_acompletion_gather(benchmark, impl):
    async def batch():
        await asyncio.gather(*[
            impl.acompletion(model="openai/gpt-4o", messages=MESSAGES, mock_response="Hello, world!")
            for _ in range(200)
        ])

    benchmark.pedantic(lambda: asyncio.run(batch()), rounds=5, iterations=1)


@pytest.mark.benchmark(group="response construction")
def test_model_response(benchmark, impl):
    benchmark(impl.ModelResponse)


@pytest.mark.benchmark(group="get_llm_provider")
@pytest.mark.parametrize("model", ["openai/gpt-4o", "gpt-4o", "groq/llama-3.1-8b-instant"])
def test_get_llm_provider(benchmark, impl, model):
    benchmark(impl.get_llm_provider, model)


@pytest.mark.benchmark(group="get_optional_params")
@pytest.mark.parametrize("provider,model", [("openai", "gpt-4o"), ("anthropic", "claude-sonnet-4-5")])
def test_get_optional_params(benchmark, impl, provider, model):
    if impl.__name__ == "litellm":
        from litellm.utils import get_optional_params
    else:
        get_optional_params = impl.get_optional_params
    benchmark(get_optional_params, model=model, custom_llm_provider=provider,
              temperature=0.5, max_tokens=100, stop=["\n"])
