"""API keys never appear in exceptions or reprs."""
import pytest

import fastcore
from fastcore._ext.completion import prepare_request

KEY = "sk-proj-thisisaverysecretkey0123456789"
MSGS = [{"role": "user", "content": "hi"}]


@pytest.mark.parametrize("kw", [
    dict(model="nosuchprovider/x"),
    dict(model="x", custom_llm_provider="bogus"),
    dict(model="openai/gpt-4o", temperature="hot", mock_response="x"),
    dict(model="anthropic/claude-sonnet-4-5", logit_bias={"1": 1}, mock_response="x"),
    dict(model="openai/gpt-4o", messages="not a list", mock_response="x"),
    dict(model="openai/gpt-4o"),                      # no transport yet
    dict(model="openai/gpt-4o", mock_response="litellm.AuthenticationError"),
])
def test_errors_do_not_carry_the_key(kw):
    kw.setdefault("messages", MSGS)
    with pytest.raises(fastcore.exceptions.FastcoreError) as ei:
        fastcore.completion(api_key=KEY, **kw)
    err = ei.value
    for text in (str(err), repr(err), repr(vars(err))):
        assert "secretkey" not in text


def test_request_repr_hides_the_key():
    req = prepare_request(model="openai/gpt-4o", messages=MSGS, api_key=KEY, mock_response="x")
    assert req.api_key == KEY and "secretkey" not in repr(req)


def test_get_llm_provider_errors_do_not_carry_the_key():
    with pytest.raises(fastcore.BadRequestError) as ei:
        fastcore.get_llm_provider("nosuchprovider/x", api_key=KEY)
    assert "secretkey" not in str(ei.value)


def test_redaction_masks_key_shapes():
    text = fastcore.exceptions.redact_secrets(f"failed with Authorization: Bearer {KEY}")
    assert "secretkey" not in text
