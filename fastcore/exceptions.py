"""fastcore's exception hierarchy.

The class names, the positional order of each constructor and the attributes
(`status_code`, `message`, `llm_provider`, `model`, `max_retries`,
`num_retries`, `litellm_debug_info`) follow LiteLLM's, so that code written
against `litellm.exceptions` works unchanged. Unlike LiteLLM, nothing here
imports openai or httpx: `response` and `request` are kept only when the
caller passes them.
"""
from __future__ import annotations

__all__ = [
    "FastcoreError", "OpenAIError", "APIError", "APIStatusError", "APIConnectionError", "Timeout",
    "BadRequestError", "AuthenticationError", "PermissionDeniedError", "NotFoundError",
    "UnprocessableEntityError", "RateLimitError", "ContextWindowExceededError",
    "ContentPolicyViolationError", "UnsupportedParamsError", "ModelNotMappedError", "InternalServerError",
    "ServiceUnavailableError", "BadGatewayError", "APIResponseValidationError", "InvalidRequestError",
    "ImageFetchError", "JSONSchemaValidationError", "BudgetExceededError", "RouterRateLimitError",
    "redact_secrets", "short_repr", "exception_by_name",
]

from fastcore.redact import redact_secrets, short_repr  # noqa: F401  (re-exported)


class FastcoreError(Exception):
    """Base of every error fastcore raises on purpose."""

    status_code: int = 500
    _label = "FastcoreError"
    code: str | None = None     # LiteLLM's `code` and `type`: set from the provider's error body, else these
    type: str | None = None

    def __init__(self, message="", llm_provider=None, model=None, **extra):
        self._setup(message, llm_provider, model, **extra)

    def _setup(self, message, llm_provider, model, litellm_debug_info=None,
               max_retries=None, num_retries=None, response=None, body=None, **extra):
        # Every message is scrubbed here, so no caller can forget it: key shapes
        # and URL credentials never reach str(), repr() or a log line.
        self.message = f"fastcore.{self._label}: {redact_secrets(message)}"
        self.llm_provider = llm_provider
        self.model = model
        self.litellm_debug_info = litellm_debug_info
        self.max_retries = max_retries
        self.num_retries = num_retries
        self.response = response
        self.body = body
        for k, v in extra.items():
            setattr(self, k, v)
        Exception.__init__(self, self.message)

    def __str__(self) -> str:
        text = self.message
        if self.num_retries:
            text += f" Retried: {self.num_retries} times"
        if self.max_retries:
            text += f", Max Retries: {self.max_retries}"
        return text

    __repr__ = __str__

    def __reduce__(self):
        # Exceptions pickle through their args; ours keep state in attributes.
        state = dict(self.__dict__)
        return (_rebuild, (type(self), state))


def _rebuild(cls, state):
    obj = cls.__new__(cls)
    Exception.__init__(obj, state.get("message", ""))
    obj.__dict__.update(state)
    return obj


OpenAIError = FastcoreError


class APIError(FastcoreError):
    _label = "APIError"

    def __init__(self, status_code, message, llm_provider=None, model=None, request=None,
                 litellm_debug_info=None, max_retries=None, num_retries=None, body=None):
        self.status_code = status_code
        self.request = request
        self._setup(message, llm_provider, model, litellm_debug_info, max_retries, num_retries,
                    body=body)


class APIStatusError(APIError):
    """An error the provider answered with an HTTP status (LiteLLM's openai.APIStatusError)."""

    _label = "APIStatusError"
    _status = 500

    def __init__(self, message, llm_provider=None, model=None, response=None,
                 litellm_debug_info=None, max_retries=None, num_retries=None, body=None, **extra):
        self.status_code = self._status
        self.request = None
        self._setup(message, llm_provider, model, litellm_debug_info, max_retries, num_retries,
                    response, body, **extra)


class BadRequestError(APIStatusError):
    _label = "BadRequestError"
    _status = 400

    # LiteLLM's order here is (message, model, llm_provider).
    def __init__(self, message, model=None, llm_provider=None, response=None,
                 litellm_debug_info=None, max_retries=None, num_retries=None, body=None, **extra):
        APIStatusError.__init__(self, message, llm_provider, model, response, litellm_debug_info,
                                max_retries, num_retries, body, **extra)


class ContextWindowExceededError(BadRequestError):
    _label = "ContextWindowExceededError"


class ContentPolicyViolationError(BadRequestError):
    _label = "ContentPolicyViolationError"


class ModelNotMappedError(FastcoreError):
    """No entry of the model table, and no rule of it, describes the model (LiteLLM's ModelNotMappedError)."""
    _label = "ModelNotMappedError"

    def __init__(self, message="", llm_provider=None, model=None):
        FastcoreError.__init__(self, message, llm_provider, model)


class UnsupportedParamsError(BadRequestError):
    _label = "UnsupportedParamsError"

    def __init__(self, message, llm_provider=None, model=None, status_code=400, response=None,
                 litellm_debug_info=None, max_retries=None, num_retries=None):
        BadRequestError.__init__(self, message, model, llm_provider, response, litellm_debug_info,
                                 max_retries, num_retries)


class AuthenticationError(APIStatusError):
    _label = "AuthenticationError"
    _status = 401


class PermissionDeniedError(APIStatusError):
    _label = "PermissionDeniedError"
    _status = 403


class NotFoundError(APIStatusError):
    _label = "NotFoundError"
    _status = 404


class UnprocessableEntityError(APIStatusError):
    _label = "UnprocessableEntityError"
    _status = 422


class RateLimitError(APIStatusError):
    _label = "RateLimitError"
    _status = 429
    code = "429"
    type = "throttling_error"


class InternalServerError(APIStatusError):
    _label = "InternalServerError"
    _status = 500
    type = "internal_server_error"


class BadGatewayError(APIStatusError):
    _label = "BadGatewayError"
    _status = 502


class ServiceUnavailableError(APIStatusError):
    _label = "ServiceUnavailableError"
    _status = 503


class APIResponseValidationError(APIStatusError):
    _label = "APIResponseValidationError"
    _status = 500


class InvalidRequestError(BadRequestError):
    """LiteLLM's older name for a bad request: (message, model, llm_provider)."""

    _label = "InvalidRequestError"

    def __init__(self, message, model=None, llm_provider=None, **extra):
        super().__init__(message, model, llm_provider, **extra)


class ImageFetchError(BadRequestError):
    """An image in the messages could not be fetched."""

    _label = "ImageFetchError"


class JSONSchemaValidationError(APIResponseValidationError):
    """The answer does not match the JSON schema asked for: (model, llm_provider, raw_response, schema)."""

    _label = "JSONSchemaValidationError"

    def __init__(self, model, llm_provider, raw_response, schema):
        self.raw_response = raw_response
        self.schema = schema
        super().__init__(f"Response did not match the JSON schema. raw_response={raw_response!r}",
                         llm_provider, model)


class BudgetExceededError(FastcoreError):
    """A spend budget is exhausted: (current_cost, max_budget, message=None, ...)."""

    _label = "BudgetExceededError"
    status_code = 400

    def __init__(self, current_cost, max_budget, message=None, llm_provider=None, entity_type=None, entity_id=None):
        self.current_cost = current_cost
        self.max_budget = max_budget
        self.entity_type = entity_type
        self.entity_id = entity_id
        self._setup(message or f"Budget has been exceeded! Current cost: {current_cost}, Max budget: {max_budget}",
                    llm_provider, None)


class RouterRateLimitError(FastcoreError, ValueError):
    """No deployment of a model is available (LiteLLM's Router; fastcore has no Router, so never raised)."""

    _label = "RouterRateLimitError"
    status_code = 429

    def __init__(self, model, cooldown_time, enable_pre_call_checks, cooldown_list, model_ids=()):
        self.cooldown_time = cooldown_time
        self.enable_pre_call_checks = enable_pre_call_checks
        self.cooldown_list = cooldown_list
        self.model_ids = model_ids
        self._setup(f"No deployments available for selected model. Try again in {cooldown_time} seconds.",
                    None, model)


class APIConnectionError(APIError):
    _label = "APIConnectionError"

    def __init__(self, message, llm_provider=None, model=None, request=None,
                 litellm_debug_info=None, max_retries=None, num_retries=None):
        self.status_code = 500
        self.request = request
        self._setup(message, llm_provider, model, litellm_debug_info, max_retries, num_retries)


class Timeout(APIConnectionError):
    _label = "Timeout"

    def __init__(self, message, model=None, llm_provider=None, litellm_debug_info=None,
                 max_retries=None, num_retries=None, headers=None, exception_status_code=None):
        self.status_code = exception_status_code or 408
        self.request = None
        self.headers = headers
        self._setup(message, llm_provider, model, litellm_debug_info, max_retries, num_retries)


APITimeoutError = Timeout

_BY_NAME = {cls.__name__: cls for cls in (
    APIError, APIConnectionError, Timeout, BadRequestError, AuthenticationError,
    PermissionDeniedError, NotFoundError, UnprocessableEntityError, RateLimitError,
    ContextWindowExceededError, ContentPolicyViolationError, UnsupportedParamsError,
    InternalServerError, ServiceUnavailableError, BadGatewayError, APIResponseValidationError,
)}


def exception_by_name(name: str):
    """The class for 'RateLimitError', 'litellm.RateLimitError' or 'fastcore.RateLimitError'."""
    return _BY_NAME.get(name.rsplit(".", 1)[-1])


def make_exception(cls, message, model=None, llm_provider=None):
    """Build any of the classes above from one uniform set of arguments."""
    if cls is APIError:
        return APIError(500, message, llm_provider, model)
    if issubclass(cls, BadRequestError) and cls is not UnsupportedParamsError:
        return cls(message, model, llm_provider)
    if cls is Timeout:
        return Timeout(message, model, llm_provider)
    return cls(message, llm_provider, model)


# -- HTTP answers -> exceptions -------------------------------------------------
# Shared by every wire format: the status picks the class, and a few message
# texts refine it as LiteLLM's mapper does (a context-window or content-policy
# 400, rate-limit wording on another status, an unknown model on a 400).

STATUS_CLASSES = {
    400: BadRequestError, 401: AuthenticationError, 403: PermissionDeniedError, 404: NotFoundError,
    408: Timeout, 422: UnprocessableEntityError, 429: RateLimitError, 500: InternalServerError,
    502: BadGatewayError, 503: ServiceUnavailableError, 504: Timeout,
}
CONTEXT_WINDOW_TEXTS = (
    "exceed context limit", "this model's maximum context length is",
    "string too long. expected a string with maximum length", "model's maximum context limit",
    "is longer than the model's context length", "input tokens exceed the configured limit",
    "`inputs` tokens + `max_new_tokens` must be", "exceeds the available context size",
    "exceeds the maximum number of tokens allowed", "context_length_exceeded",
)
CONTENT_POLICY_TEXTS = ("content_policy_violation", "violating our usage policy",
                        "request was rejected as a result of the safety system", "content management policy")
RATE_LIMIT_PATTERN = r"rate[\s_\-]*limit|service tier capacity exceeded"
# How a provider is named in messages ("OpenAIException - ..."), where the
# capitalised name would not do.
PROVIDER_LABELS = {"openai": "OpenAI", "azure": "Azure", "azure_ai": "Azure_ai", "xai": "XAI"}

_rate_re = None


def provider_label(provider) -> str:
    if not provider:
        return "Provider"
    return PROVIDER_LABELS.get(provider) or provider[:1].upper() + provider[1:]


def _error_fields(body):
    """(message, code, type, param) from an OpenAI-style error body (dict or text)."""
    err = body.get("error") if isinstance(body, dict) else None
    if isinstance(err, dict):
        return (err.get("message") or str(err)), err.get("code"), err.get("type"), err.get("param")
    if isinstance(err, str) and err:
        return err, None, None, None
    if isinstance(body, dict):
        for key in ("message", "detail"):
            if isinstance(body.get(key), str):
                return body[key], body.get("code"), body.get("type"), None
    return None, None, None, None


def exception_for_status(status, body, llm_provider, model, headers=None, raw=b""):
    """The fastcore exception for an HTTP error answer.

    `body` is the decoded JSON (or None), `raw` the bytes as received. The
    exception carries status_code, llm_provider, model, `body` (the provider's
    error object, or its text), the response headers (`litellm_response_headers`)
    and, from an OpenAI-style body, `code`, `type` and `param`.
    """
    global _rate_re
    message, code, type_, param = _error_fields(body)
    if message is None:
        message = raw[:2000].decode("utf-8", "replace").strip() if raw else f"HTTP {status}"
    text = f"{message} {code or ''} {type_ or ''}".lower()
    cls = STATUS_CLASSES.get(status, APIError)
    if _rate_re is None:
        import re
        _rate_re = re.compile(RATE_LIMIT_PATTERN, re.IGNORECASE)
    if status == 429 or _rate_re.search(text):
        cls = RateLimitError
    elif any(t in text for t in CONTEXT_WINDOW_TEXTS) and status in (400, 413, 422) or (
            "current length is" in text and "while limit is" in text):
        cls = ContextWindowExceededError
    elif any(t in text for t in CONTENT_POLICY_TEXTS) and status in (400, 403, 422):
        cls = ContentPolicyViolationError
    elif "model_not_found" in text and status in (400, 404):
        cls = NotFoundError
    label = f"{provider_label(llm_provider)}Exception - {message}"
    if cls is APIError:
        exc = APIError(status, label, llm_provider, model)
    elif cls is Timeout:
        exc = Timeout(label, model, llm_provider, headers=headers, exception_status_code=status)
    else:
        exc = make_exception(cls, label, model, llm_provider)
        exc.status_code = 429 if cls is RateLimitError else status
    err = body.get("error") if isinstance(body, dict) else None
    exc.body = err if isinstance(err, dict) else (body if body is not None else (raw.decode("utf-8", "replace")
                                                                                 if raw else None))
    exc.litellm_response_headers = headers or {}
    exc.param = param
    if code is not None:
        exc.code = code
    if type_ is not None:
        exc.type = type_
    return exc
