import pickle

import pytest

import fastcore
from fastcore import exceptions as E

STATUS = {
    "BadRequestError": 400, "AuthenticationError": 401, "PermissionDeniedError": 403,
    "NotFoundError": 404, "UnprocessableEntityError": 422, "RateLimitError": 429,
    "ContextWindowExceededError": 400, "ContentPolicyViolationError": 400,
    "UnsupportedParamsError": 400, "InternalServerError": 500, "ServiceUnavailableError": 503,
    "BadGatewayError": 502, "Timeout": 408, "APIConnectionError": 500,
}


@pytest.mark.parametrize("name,status", sorted(STATUS.items()))
def test_status_and_attributes(name, status):
    cls = getattr(fastcore, name)
    err = E.make_exception(cls, "boom", model="gpt-4o", llm_provider="openai")
    assert err.status_code == status
    assert err.model == "gpt-4o" and err.llm_provider == "openai"
    assert err.message == f"fastcore.{name}: boom"
    assert str(err) == err.message
    assert isinstance(err, E.FastcoreError)
    clone = pickle.loads(pickle.dumps(err))
    assert type(clone) is cls and clone.message == err.message and clone.status_code == status


def test_litellm_positional_orders():
    assert E.BadRequestError("m", "model-x", "prov").model == "model-x"
    assert E.RateLimitError("m", "prov", "model-x").llm_provider == "prov"
    assert E.APIError(418, "m", "prov", "model-x").status_code == 418
    assert E.Timeout("m", "model-x", "prov").model == "model-x"


def test_subclassing_matches_litellm():
    assert issubclass(E.ContextWindowExceededError, E.BadRequestError)
    assert issubclass(E.ContentPolicyViolationError, E.BadRequestError)
    assert issubclass(E.UnsupportedParamsError, E.BadRequestError)
    assert issubclass(E.Timeout, E.APIConnectionError)
    assert issubclass(E.RateLimitError, E.APIError)


def test_retries_in_str():
    err = E.RateLimitError("slow down", "openai", "gpt-4o", num_retries=2, max_retries=3)
    assert str(err) == "fastcore.RateLimitError: slow down Retried: 2 times, Max Retries: 3"


def test_exception_by_name():
    assert E.exception_by_name("litellm.RateLimitError") is E.RateLimitError
    assert E.exception_by_name("fastcore.Timeout") is E.Timeout
    assert E.exception_by_name("litellm.NoSuchError") is None


def test_redact_secrets():
    text = "key sk-abcdefghijklmnop and Bearer abc.def.ghijkl and mine=s3cr3tvalue"
    out = E.redact_secrets(text, "s3cr3tvalue")
    assert "sk-abc" not in out and "abc.def" not in out and "s3cr3t" not in out
