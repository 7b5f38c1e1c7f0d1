"""Callbacks, as LiteLLM runs them: loaded only once a callback list has entries.

The lists are fastcore's module settings under LiteLLM's names:
`callbacks` (every event), `success_callback` / `failure_callback` (sync
calls; a failure callback also sees async failures), `_async_success_callback` /
`_async_failure_callback` (async calls), `input_callback` (pre-call). An entry
is a plain function, called as `fn(kwargs, completion_response, start_time,
end_time)` (an `async def` one is awaited, on async calls only), or a
`CustomLogger` (fastcore.integrations.custom_logger), whose hooks are called
by keyword. Streams report once, with the assembled response, when they end.

Differences from LiteLLM (docs/compat.md): callbacks run before the call
returns, not in a background thread; `kwargs` never holds the API key; a
string (a LiteLLM integration's name) raises, since fastcore ships none.
"""
from __future__ import annotations

import datetime
import inspect
import logging
import sys
import traceback
import uuid

from fastcore._ext import completion as _core
from fastcore._ext.streaming import CustomStreamWrapper, stream_chunk_builder
from fastcore.exceptions import BadRequestError
from fastcore.integrations.custom_logger import CustomLogger
from fastcore.redact import redact_mapping, redact_secrets, redact_url

logger = logging.getLogger("LiteLLM")

# (event, sync path?) -> the lists whose entries hear it
_SYNC_SUCCESS = ("callbacks", "success_callback")
_SYNC_FAILURE = ("callbacks", "failure_callback")
_ASYNC_SUCCESS_LOGGERS = ("callbacks", "_async_success_callback")
_ASYNC_SUCCESS_FUNCTIONS = ("callbacks", "success_callback", "_async_success_callback")
_ASYNC_FAILURE_LOGGERS = ("callbacks", "_async_failure_callback")
_ASYNC_FAILURE_FUNCTIONS = ("callbacks", "failure_callback", "_async_failure_callback")
_PRE = ("callbacks", "input_callback")


def _entries(names) -> list:
    """The entries of the named lists, each once, checked: a string is an integration fastcore lacks."""
    settings = sys.modules["fastcore"].__dict__
    seen, out = set(), []
    for name in names:
        entries = settings.get(name) or ()
        if not isinstance(entries, (list, tuple)):
            raise BadRequestError(f"`fastcore.{name}` must be a list of callbacks, got {type(entries).__name__}",
                                  None, None, param=name)
        for entry in list(entries):
            if isinstance(entry, str):
                raise BadRequestError(
                    f"`fastcore.{name}` names {entry!r}, one of LiteLLM's logging integrations: fastcore ships "
                    f"none. Register a function or a CustomLogger subclass (fastcore.integrations.custom_logger) "
                    f"that sends the events where you want them", None, None, param=name)
            if id(entry) not in seen:
                seen.add(id(entry))
                out.append(entry)
    return out


def _check_all() -> None:
    _entries(_core.CALLBACK_LISTS)


def _report(where, entry, err) -> None:
    # A callback's failure is logged and never reaches the call.
    name = getattr(entry, "__qualname__", None) or type(entry).__name__
    logger.warning("fastcore: callback %s (%s) raised %s: %s", name, where, type(err).__name__,
                   redact_secrets(str(err)))


class _Call:
    """One call's logging details: LiteLLM's `kwargs` for callbacks (model_call_details)."""

    def __init__(self, req, call_type: str, caller_kwargs: dict):
        self.start = datetime.datetime.now()
        self.first_chunk = None
        self.chunks = []
        self.req = req
        call_id = str(uuid.uuid4())
        optional = dict(req.optional_params)
        metadata = req.metadata if req.metadata is not None else caller_kwargs.get("metadata")
        self.details = {
            "litellm_trace_id": caller_kwargs.get("litellm_trace_id") or str(uuid.uuid4()),
            "litellm_call_id": call_id,
            "input": req.messages,
            "litellm_params": {
                "acompletion": call_type == "acompletion", "custom_llm_provider": req.provider,
                "api_base": redact_url(req.api_base) if req.api_base else "", "api_version": req.api_version,
                "metadata": metadata,
                "model_info": req.model_info, "litellm_call_id": call_id, "stream_response": {},
                "model_alias_map": sys.modules["fastcore"].__dict__.get("model_alias_map") or {},
                "timeout": req.timeout, "max_retries": req.num_retries, "ssl_verify": req.ssl_verify,
            },
            "model": req.model,
            "messages": list(req.messages),
            "optional_params": optional,
            "start_time": self.start,
            "stream": bool(req.stream),
            "user": optional.get("user"),
            "call_type": call_type,
            "completion_start_time": None,
            "stream_options": req.stream_options,
            "custom_llm_provider": req.provider,
            "model_id": None,
            "additional_args": {},
            "log_event_type": "pre_api_call",
        }
        self.details.update(optional)

    # -- the events ------------------------------------------------------------
    def pre(self) -> None:
        # Plain functions hear it only from input_callback, as fn(kwargs): a `callbacks`
        # function has the 4-argument signature (LiteLLM calls it and swallows the TypeError).
        plain = {id(e) for e in _entries(("input_callback",))}
        for entry in _entries(_PRE):
            try:
                if isinstance(entry, CustomLogger):
                    entry.log_pre_api_call(model=self.req.model, messages=self.details["messages"],
                                           kwargs=self.details)
                elif id(entry) in plain and callable(entry) and not inspect.iscoroutinefunction(entry):
                    entry(self.details)
            except Exception as e:  # noqa: BLE001  (reported, never raised)
                _report("pre_api_call", entry, e)

    def _finish(self, response, end, error=None) -> None:
        d = self.details
        d["end_time"] = end
        if error is None:
            d["log_event_type"] = "successful_api_call"
            d["completion_start_time"] = self.first_chunk or end
            d["cache_hit"] = False if self.req.stream else None
            cost = None
            hidden = getattr(response, "_hidden_params", None)
            if isinstance(hidden, dict):
                cost = hidden.get("response_cost")
            d["response_cost"] = cost
        else:
            d["log_event_type"] = "failed_api_call"
            d["exception"] = error
            d["traceback_exception"] = redact_secrets("".join(traceback.format_exception(error)))
            d["original_response"] = None
            d["response_cost"] = 0
        d["standard_logging_object"] = self._standard(response, end, error)

    def _standard(self, response, end, error) -> dict:
        d, req = self.details, self.req
        usage = getattr(response, "usage", None) if error is None else None
        tokens = [getattr(usage, k, 0) or 0 for k in ("total_tokens", "prompt_tokens", "completion_tokens")]
        hidden = getattr(response, "_hidden_params", None) if error is None else None
        started, ended = self.start.timestamp(), end.timestamp()
        first = (self.first_chunk or end).timestamp()
        metadata = d["litellm_params"]["metadata"]
        return {
            "id": getattr(response, "id", None) if error is None else d["litellm_call_id"],
            "litellm_call_id": d["litellm_call_id"], "trace_id": d["litellm_trace_id"], "session_id": "",
            "call_type": d["call_type"], "cache_hit": False if req.stream else None,
            "stream": True if req.stream else None,
            "status": "success" if error is None else "failure",
            "status_fields": {"llm_api_status": "success" if error is None else "failure",
                              "guardrail_status": "not_run"},
            "custom_llm_provider": req.provider, "saved_cache_cost": 0.0,
            "startTime": started, "endTime": ended, "completionStartTime": first,
            "response_time": (first if req.stream else ended) - started,
            "model": req.model,
            "metadata": redact_mapping(metadata) if isinstance(metadata, dict) else {},
            "cache_key": None,
            "response_cost": (d.get("response_cost") or 0.0) if error is None else 0.0,
            "total_tokens": tokens[0], "prompt_tokens": tokens[1], "completion_tokens": tokens[2],
            "request_tags": list((metadata or {}).get("tags") or []) if isinstance(metadata, dict) else [],
            "end_user": None, "api_base": d["litellm_params"]["api_base"], "model_group": "", "model_id": "",
            "messages": d["messages"],
            "response": response.model_dump() if error is None and hasattr(response, "model_dump") else None,
            "model_parameters": dict(req.optional_params),
            "hidden_params": dict(hidden) if isinstance(hidden, dict) else {},
            "error_str": str(error) if error is not None else None,
            "error_information": {
                "error_code": str(getattr(error, "status_code", "") or "") if error is not None else "",
                "error_class": type(error).__name__ if error is not None else "",
                "llm_provider": req.provider if error is not None else "",
                "error_message": str(error) if error is not None else "",
            },
        }

    def success(self, response) -> None:
        end = datetime.datetime.now()
        self._finish(response, end)
        if self.req.stream:
            self.details["complete_streaming_response"] = response
        for entry in _entries(_SYNC_SUCCESS):
            try:
                if isinstance(entry, CustomLogger):
                    if self.req.stream:
                        self.details["complete_response"] = response
                    entry.log_success_event(kwargs=self.details, response_obj=response, start_time=self.start,
                                            end_time=end)
                elif callable(entry) and not inspect.iscoroutinefunction(entry):
                    entry(self.details, response, self.start, end)
            except Exception as e:  # noqa: BLE001
                _report("success", entry, e)

    def failure(self, error) -> None:
        end = datetime.datetime.now()
        self._finish(None, end, error)
        for entry in _entries(_SYNC_FAILURE):
            try:
                if isinstance(entry, CustomLogger):
                    entry.log_failure_event(kwargs=self.details, response_obj=None, start_time=self.start,
                                            end_time=end)
                elif callable(entry) and not inspect.iscoroutinefunction(entry):
                    entry(self.details, None, self.start, end)
            except Exception as e:  # noqa: BLE001
                _report("failure", entry, e)

    async def asuccess(self, response) -> None:
        end = datetime.datetime.now()
        self._finish(response, end)
        if self.req.stream:
            self.details["async_complete_streaming_response"] = response
        await self._loggers(_ASYNC_SUCCESS_LOGGERS, "async_log_success_event", response, end)
        await self._functions(_ASYNC_SUCCESS_FUNCTIONS, response, end, sync_from=("callbacks",))

    async def afailure(self, error) -> None:
        end = datetime.datetime.now()
        self._finish(None, end, error)
        await self._functions(_ASYNC_FAILURE_FUNCTIONS, None, end, sync_from=("callbacks", "failure_callback"))
        await self._loggers(_ASYNC_FAILURE_LOGGERS, "async_log_failure_event", None, end)

    async def _loggers(self, names, hook, response, end) -> None:
        for entry in _entries(names):
            if isinstance(entry, CustomLogger):
                try:
                    await getattr(entry, hook)(kwargs=self.details, response_obj=response, start_time=self.start,
                                               end_time=end)
                except Exception as e:  # noqa: BLE001
                    _report(hook, entry, e)

    async def _functions(self, names, response, end, sync_from) -> None:
        # On the async path: async functions from every list, sync ones only from `sync_from`.
        sync_ok = {id(e) for e in _entries(sync_from)}
        for entry in _entries(names):
            if isinstance(entry, CustomLogger) or not callable(entry):
                continue
            try:
                if inspect.iscoroutinefunction(entry):
                    await entry(self.details, response, self.start, end)
                elif id(entry) in sync_ok:
                    entry(self.details, response, self.start, end)
            except Exception as e:  # noqa: BLE001
                _report("async", entry, e)

    # -- a stream's observer (CustomStreamWrapper._observe) ---------------------
    def chunk(self, chunk) -> None:
        if self.first_chunk is None:
            self.first_chunk = datetime.datetime.now()
        self.chunks.append(chunk)
        if self.req.stream and not self.details["litellm_params"]["acompletion"]:
            now = datetime.datetime.now()
            for entry in _entries(_SYNC_SUCCESS):
                if isinstance(entry, CustomLogger):
                    try:
                        entry.log_stream_event(kwargs=self.details, response_obj=chunk, start_time=self.start,
                                               end_time=now)
                    except Exception as e:  # noqa: BLE001
                        _report("stream", entry, e)

    def _assembled(self):
        return stream_chunk_builder(self.chunks, messages=self.req.messages) if self.chunks else None

    def done(self) -> None:
        self.success(self._assembled())

    def failed(self, error) -> None:
        self.failure(error)

    async def adone(self) -> None:
        await self.asuccess(self._assembled())

    async def afailed(self, error) -> None:
        await self.afailure(error)


def _prepared(model, messages, args, kwargs):
    return _core.prepare_request(model, messages, *args, **kwargs)


def run_sync(model, messages, args: tuple, kwargs: dict):
    """completion() with the callbacks of the module settings."""
    _check_all()
    req = _prepared(model, messages, args, kwargs)
    call = _Call(req, "completion", kwargs)
    call.pre()
    try:
        result = _core.complete_request(req)
    except Exception as e:
        call.failure(e)
        raise
    if isinstance(result, CustomStreamWrapper):
        result._observe(call)
        return result
    call.success(result)
    return result


async def run_async(model, messages, args: tuple, kwargs: dict):
    """acompletion() with the callbacks of the module settings."""
    _check_all()
    req = _prepared(model, messages, args, kwargs)
    call = _Call(req, "acompletion", kwargs)
    call.pre()
    try:
        result = await _core.acomplete_request(req)
    except Exception as e:
        await call.afailure(e)
        raise
    if isinstance(result, CustomStreamWrapper):
        result._observe(call)
        return result
    await call.asuccess(result)
    return result


__all__ = ["run_sync", "run_async", "CustomLogger"]
