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
    dict(model="openai/gpt-4o", api_base="http://127.0.0.1:9/v1", num_retries=0),   # refused
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


URLS = [
    "https://alice:hunter2secret@proxy.example.com/v1",
    "https://proxy.example.com/v1?key=hunter2secret",
    "https://proxy.example.com/v1?api-version=1&api_key=hunter2secret&x=1",
    "https://acct.blob.core.windows.net/c?sv=2024&sig=hunter2secret",
    "https://hunter2secret@proxy.example.com/v1",
]


@pytest.mark.parametrize("url", URLS)
def test_credentials_in_api_base_never_reach_messages(url):
    # a refused connection: the error quotes the URL it tried (nothing listens on port 9)
    with pytest.raises(fastcore.exceptions.FastcoreError) as ei:
        fastcore.completion(model="openai/gpt-4o", messages=MSGS, api_base=_local(url), api_key=KEY,
                            num_retries=0)
    text = str(ei.value) + repr(ei.value)
    assert "hunter2secret" not in text
    assert "127.0.0.1" in text
    req = prepare_request(model="openai/gpt-4o", messages=MSGS, api_base=url, mock_response="x")
    assert "hunter2secret" not in repr(req)


def test_invalid_url_error_hides_credentials():
    with pytest.raises(fastcore.BadRequestError) as ei:
        fastcore.get_llm_provider("azure_ai/gpt-4o", api_base="https://bob:hunter2secret@[bad/v1")
    assert "hunter2secret" not in str(ei.value)


def test_request_repr_hides_forwarded_secrets():
    req = prepare_request(model="bedrock/anthropic.claude-3-sonnet", messages=MSGS, mock_response="x",
                          aws_secret_access_key="hunter2secret", aws_session_token="hunter2token",
                          vertex_credentials='{"private_key": "hunter2pk"}', aws_region_name="us-east-1")
    text = repr(req)
    for secret in ("hunter2secret", "hunter2token", "hunter2pk"):
        assert secret not in text
    assert "us-east-1" in text
    assert req.optional_params["aws_secret_access_key"] == "hunter2secret"     # still sent


def test_every_exception_message_is_scrubbed():
    err = fastcore.APIError(500, f"upstream said: Authorization: Bearer {KEY} for https://u:p4ssw0rd@h/x")
    assert "secretkey" not in str(err) and "p4ssw0rd" not in str(err)
    assert "secretkey" not in repr(fastcore.RateLimitError(f"quota for {KEY}"))


def test_redaction_keeps_ordinary_text():
    from fastcore.redact import redact_secrets, redact_url

    assert redact_secrets("temperature must be a number") == "temperature must be a number"
    assert redact_url("https://api.openai.com/v1") == "https://api.openai.com/v1"
    assert redact_url("https://x.openai.azure.com/openai?api-version=2024-02-01") == \
        "https://x.openai.azure.com/openai?api-version=2024-02-01"


def _local(url):
    # The same credentials and query, on a loopback port where nothing listens.
    from urllib.parse import urlsplit, urlunsplit
    parts = urlsplit(url)
    userinfo = parts.netloc.rpartition("@")[0]
    return urlunsplit((parts.scheme.replace("https", "http"), (userinfo + "@" if userinfo else "") + "127.0.0.1:9",
                       parts.path, parts.query, ""))
