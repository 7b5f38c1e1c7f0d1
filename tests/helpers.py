"""Small helpers shared by the test modules."""
import fastcore

MSGS = [{"role": "user", "content": "hi"}]


def mock_call(mock_response="Hello, world!", **kw):
    """fastcore.completion on the mock path, with a default model and messages."""
    kw.setdefault("model", "openai/gpt-4o")
    kw.setdefault("messages", MSGS)
    return fastcore.completion(mock_response=mock_response, **kw)
