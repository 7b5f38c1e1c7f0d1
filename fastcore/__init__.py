"""fastcore: a compiled, drop-in replacement for LiteLLM's completion path.

`import fastcore as litellm` keeps code on the completion path working.
Importing this package loads only the compiled core: transports, tokenizers
and LiteLLM itself are never imported here.
"""
from fastcore import exceptions
from fastcore.exceptions import *  # noqa: F401,F403  (LiteLLM exposes them at top level)

__version__ = "0.1.0"

# Module settings, read by the compiled core on every call (LiteLLM's names).
drop_params = False
modify_params = False
num_retries = None
request_timeout = None
api_key = None
api_base = None
api_version = None
