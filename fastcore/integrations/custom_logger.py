"""`litellm.integrations.custom_logger.CustomLogger`: the base class of callback handlers.

Subclass it and override the hooks you need; put an instance in
`fastcore.callbacks` (every event), `success_callback` / `failure_callback`
(sync calls), `_async_success_callback` / `_async_failure_callback` (async
calls) or `input_callback` (pre-call). Hooks are called by keyword, as
LiteLLM calls them, so keep LiteLLM's parameter names.
"""


class CustomLogger:
    def __init__(self, turn_off_message_logging: bool = False, message_logging: bool = True, **kwargs):
        self.turn_off_message_logging = turn_off_message_logging
        self.message_logging = message_logging

    def log_pre_api_call(self, model, messages, kwargs):
        pass

    def log_post_api_call(self, kwargs, response_obj, start_time, end_time):
        pass

    def log_stream_event(self, kwargs, response_obj, start_time, end_time):
        pass

    def log_success_event(self, kwargs, response_obj, start_time, end_time):
        pass

    def log_failure_event(self, kwargs, response_obj, start_time, end_time):
        pass

    async def async_log_pre_api_call(self, model, messages, kwargs):
        pass

    async def async_log_stream_event(self, kwargs, response_obj, start_time, end_time):
        pass

    async def async_log_success_event(self, kwargs, response_obj, start_time, end_time):
        pass

    async def async_log_failure_event(self, kwargs, response_obj, start_time, end_time):
        pass
