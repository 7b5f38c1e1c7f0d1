"""`litellm._logging`: LiteLLM's logger objects and debug switches.

fastcore logs callback failures and little else; the switches set the
level of the same loggers, under LiteLLM's names, so a project's handlers
and filters attach where they expect.
"""
import logging

verbose_logger = logging.getLogger("LiteLLM")
verbose_router_logger = logging.getLogger("LiteLLM Router")
verbose_proxy_logger = logging.getLogger("LiteLLM Proxy")
ALL_LOGGERS = [verbose_logger, verbose_router_logger, verbose_proxy_logger]


def _turn_on_debug():
    for logger in ALL_LOGGERS:
        logger.setLevel(logging.DEBUG)


def _disable_debugging():
    for logger in ALL_LOGGERS:
        logger.disabled = True


def _enable_debugging():
    for logger in ALL_LOGGERS:
        logger.disabled = False
