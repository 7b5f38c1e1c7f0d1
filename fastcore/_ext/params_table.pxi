# Table data for params.pyx: supported-param lists, renames and value rules per
# provider profile, and how a (provider, model) pair picks its profile.
# Lists keep LiteLLM 1.106.2's order because callers sometimes print them.

# Every OpenAI chat param a caller can set, in the order LiteLLM's
# get_optional_params signature lists them (error messages follow this order).
OPENAI_PARAMS = (
    "functions", "function_call", "temperature", "top_p", "n", "stream", "stream_options",
    "stop", "max_tokens", "max_completion_tokens", "modalities", "prediction", "audio",
    "presence_penalty", "frequency_penalty", "logit_bias", "user", "response_format", "seed",
    "tools", "tool_choice", "max_retries", "logprobs", "top_logprobs", "extra_headers",
    "parallel_tool_calls", "reasoning_effort", "verbosity", "thinking", "web_search_options",
    "safety_identifier", "store", "prompt_cache_key", "include_server_side_tool_invocations",
    "service_tier", "prompt_cache_retention", "metadata", "context_management",
)

# Not rejected when unsupported, only left out of the request.
UNVALIDATED_PARAMS = frozenset(("user", "stream_options", "stream", "max_retries"))

# Arguments of get_optional_params that steer the mapping and are never sent.
CONTROL_ARGS = frozenset((
    "model", "custom_llm_provider", "api_version", "drop_params", "allowed_openai_params",
    "additional_drop_params", "messages", "base_model",
))

_GPT = (
    "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "max_tokens",
    "max_completion_tokens", "modalities", "prediction", "n", "presence_penalty", "seed", "stop",
    "stream", "stream_options", "temperature", "top_p", "tools", "tool_choice", "function_call",
    "functions", "max_retries", "extra_headers", "parallel_tool_calls", "audio",
    "web_search_options", "service_tier", "safety_identifier", "prompt_cache_key",
    "prompt_cache_retention", "store", "response_format", "user",
)
_TOOL_PARAMS = ("tools", "tool_choice", "function_call", "functions", "parallel_tool_calls")


def _without(names, *drop):
    return tuple(n for n in names if n not in drop)


_GPT_NO_USER = _without(_GPT, "user")
_O_SERIES = _without(_GPT, "logprobs", "top_p", "presence_penalty", "frequency_penalty",
                     "top_logprobs", "parallel_tool_calls") + ("reasoning_effort",)
_GPT5 = (
    "max_tokens", "max_completion_tokens", "n", "seed", "stream", "stream_options", "temperature",
    "tools", "tool_choice", "function_call", "functions", "max_retries", "extra_headers",
    "parallel_tool_calls", "service_tier", "safety_identifier", "prompt_cache_key",
    "prompt_cache_retention", "store", "response_format", "user", "reasoning_effort", "verbosity",
)
_AZURE = (
    "temperature", "n", "stream", "stream_options", "stop", "max_tokens", "max_completion_tokens",
    "tools", "tool_choice", "presence_penalty", "frequency_penalty", "logit_bias", "user",
    "function_call", "functions", "tools", "tool_choice", "top_p", "logprobs", "top_logprobs",
    "response_format", "seed", "extra_headers", "parallel_tool_calls", "prediction", "modalities",
    "audio", "web_search_options", "prompt_cache_key", "store",
)
_AZURE_O = _without(_GPT, "logprobs", "top_p", "presence_penalty", "frequency_penalty",
                    "top_logprobs") + ("reasoning_effort",)
_TEXT_COMPLETION = (
    "functions", "function_call", "temperature", "top_p", "n", "stream", "stream_options", "stop",
    "max_tokens", "presence_penalty", "frequency_penalty", "logit_bias", "user", "response_format",
    "seed", "tools", "tool_choice", "max_retries", "logprobs", "top_logprobs", "extra_headers",
)
_ANTHROPIC = (
    "stream", "stop", "temperature", "top_p", "max_tokens", "max_completion_tokens", "tools",
    "tool_choice", "extra_headers", "parallel_tool_calls", "response_format", "user",
    "web_search_options", "speed", "context_management", "cache_control",
)
_GEMINI = (
    "temperature", "top_p", "max_tokens", "max_completion_tokens", "stream", "tools", "tool_choice",
    "functions", "response_format", "n", "stop", "logprobs", "frequency_penalty",
    "presence_penalty", "seed", "modalities", "parallel_tool_calls", "web_search_options",
    "include_server_side_tool_invocations", "service_tier",
)
_VERTEX_GEMINI = (
    "temperature", "top_p", "top_k", "max_tokens", "max_completion_tokens", "stream", "tools",
    "functions", "tool_choice", "response_format", "n", "stop", "extra_headers", "seed",
    "logprobs", "top_logprobs", "modalities", "audio", "parallel_tool_calls",
    "web_search_options", "include_server_side_tool_invocations", "service_tier",
    "frequency_penalty", "presence_penalty",
)
_BEDROCK = (
    "max_tokens", "max_completion_tokens", "stream", "stream_options", "stop", "temperature",
    "top_p", "extra_headers", "response_format", "requestMetadata", "service_tier",
    "parallel_tool_calls",
)
_MISTRAL = (
    "stream", "temperature", "top_p", "max_tokens", "max_completion_tokens", "tools", "tool_choice",
    "seed", "stop", "response_format", "parallel_tool_calls",
)
_FIREWORKS = (
    "stream", "max_completion_tokens", "max_tokens", "temperature", "top_p", "top_k",
    "frequency_penalty", "presence_penalty", "n", "stop", "response_format", "user", "logprobs",
    "prompt_truncate_len", "context_length_exceeded_behavior", "seed", "top_logprobs", "min_p",
    "typical_p", "repetition_penalty", "mirostat_target", "mirostat_lr", "logit_bias", "echo",
    "echo_last", "ignore_eos", "prompt_cache_key", "prompt_cache_isolation_key", "raw_output",
    "perf_metrics_in_response", "return_token_ids", "safe_tokenization", "service_tier",
    "speculation", "prediction", "stream_options", "sampling_mask", "tools", "parallel_tool_calls",
)
_PERPLEXITY = (
    "frequency_penalty", "max_tokens", "max_completion_tokens", "presence_penalty",
    "response_format", "stream", "temperature", "top_p", "max_retries", "extra_headers",
    "web_search_options",
)
_DEEPINFRA = (
    "stream", "frequency_penalty", "function_call", "functions", "logit_bias", "max_tokens",
    "max_completion_tokens", "n", "presence_penalty", "stop", "temperature", "top_p",
    "response_format", "tools", "tool_choice",
)
_XAI_HEAD = (
    "logit_bias", "logprobs", "max_completion_tokens", "max_tokens", "n", "parallel_tool_calls",
    "presence_penalty", "response_format", "seed", "stream", "stream_options", "temperature",
    "tool_choice", "tools", "top_logprobs", "top_p", "user", "web_search_options",
)
_CEREBRAS = (
    "max_tokens", "max_completion_tokens", "response_format", "seed", "stop", "stream",
    "temperature", "top_p", "tool_choice", "tools", "user", "max_retries", "extra_headers",
)
_SAMBANOVA = (
    "max_completion_tokens", "max_tokens", "response_format", "stop", "stream", "stream_options",
    "temperature", "top_p", "top_k",
)
_NVIDIA_NIM = (
    "stream", "temperature", "top_p", "frequency_penalty", "presence_penalty", "max_tokens",
    "max_completion_tokens", "stop", "seed", "tools", "tool_choice", "parallel_tool_calls",
    "response_format",
)
_OLLAMA = (
    "max_tokens", "stream", "top_p", "temperature", "seed", "frequency_penalty", "stop",
    "response_format", "max_completion_tokens", "reasoning_effort",
)
_OLLAMA_CHAT = (
    "max_tokens", "max_completion_tokens", "stream", "top_p", "temperature", "seed",
    "frequency_penalty", "stop", "tools", "tool_choice", "functions", "response_format",
    "reasoning_effort",
)
_COHERE = (
    "stream", "temperature", "max_tokens", "max_completion_tokens", "top_p", "frequency_penalty",
    "presence_penalty", "stop", "n", "tools", "tool_choice", "seed", "extra_headers",
)
_GROQ = _without(_GPT, "max_retries", "web_search_options", "user")
_DATABRICKS = (
    "stream", "stop", "temperature", "top_p", "max_tokens", "max_completion_tokens", "n",
    "response_format", "tools", "tool_choice", "reasoning_effort", "thinking",
)
_WATSONX = (
    "temperature", "max_tokens", "top_p", "frequency_penalty", "stop", "seed", "stream", "tools",
    "tool_choice", "logprobs", "top_logprobs", "n", "presence_penalty", "response_format",
    "reasoning_effort",
)
# What the OpenAI-compatible providers of LiteLLM's providers.json accept for a
# model without a function-calling entry in the model map.
_OPENAI_LIKE = _without(_GPT, "user", *_TOOL_PARAMS)

_MAX_TOKENS_ALIAS = {"max_completion_tokens": (R_RENAME, "max_tokens")}
_XAI_RULES = dict(_MAX_TOKENS_ALIAS, tools=(R_NON_EMPTY, "tools"))
_ANTHROPIC_RULES = {
    "max_tokens": (R_INT_TOKENS, "max_tokens"),
    "max_completion_tokens": (R_INT_TOKENS, "max_tokens"),
    "tools": (R_ANTHROPIC_TOOLS, "tools"),
    "tool_choice": (R_ANTHROPIC_TOOL_CHOICE, "tool_choice"),
    "parallel_tool_calls": (R_ANTHROPIC_TOOL_CHOICE, "tool_choice"),
    "stream": (R_STREAM_TRUE, "stream"),
    "stop": (R_ANTHROPIC_STOP, "stop_sequences"),
    "response_format": (R_ANTHROPIC_RF_TOOL, "tools"),
    "user": (R_ANTHROPIC_USER, "metadata"),
    "reasoning_effort": (R_ANTHROPIC_EFFORT, "thinking"),
}
_GEMINI_RULES = {
    "max_tokens": (R_RENAME, "max_output_tokens"),
    "max_completion_tokens": (R_RENAME, "max_output_tokens"),
    "stop": (R_STOP_LIST, "stop_sequences"),
    "n": (R_RENAME, "candidate_count"),
    "tools": (R_GEMINI_TOOLS, "tools"),
    "functions": (R_GEMINI_TOOLS, "tools"),
    "tool_choice": (R_GEMINI_TOOL_CHOICE, "tool_choice"),
    "response_format": (R_GEMINI_RF, "response_mime_type"),
    "logprobs": (R_RENAME, "responseLogprobs"),
    "top_logprobs": (R_RENAME, "logprobs"),
    "stream": (R_STREAM_TRUE, "stream"),
    "reasoning_effort": (R_GEMINI_EFFORT, "thinkingConfig"),
    "extra_headers": (R_DROP, ""),
    "modalities": (R_GEMINI_MODALITIES, "responseModalities"),
    "audio": (R_GEMINI_AUDIO, "speechConfig"),
}
_BEDROCK_RULES = {
    "max_tokens": (R_RENAME, "maxTokens"),
    "max_completion_tokens": (R_RENAME, "maxTokens"),
    "top_p": (R_RENAME, "topP"),
    "stop": (R_STOP_LIST, "stopSequences"),
    "tool_choice": (R_BEDROCK_TOOL_CHOICE, "tool_choice"),
    "response_format": (R_BEDROCK_RF, "tools"),
    "parallel_tool_calls": (R_BEDROCK_PARALLEL, "_parallel_tool_use_config"),
    "extra_headers": (R_DROP, ""),
    "stream_options": (R_DROP, ""),
    "tools": (R_APPEND_TOOLS, "tools"),
}
_MISTRAL_RULES = {
    "max_completion_tokens": (R_RENAME, "max_tokens"),
    "seed": (R_EXTRA_BODY, "random_seed"),
    "tool_choice": (R_MISTRAL_TOOL_CHOICE, "tool_choice"),
    "stream": (R_STREAM_TRUE, "stream"),
}
_OLLAMA_RULES = {
    "max_tokens": (R_RENAME, "num_predict"),
    "max_completion_tokens": (R_RENAME, "num_predict"),
    "response_format": (R_OLLAMA_RF, "format"),
    "reasoning_effort": (R_THINK_FLAG, "think"),
}
_COHERE_RULES = {
    "top_p": (R_RENAME, "p"),
    "max_completion_tokens": (R_RENAME, "max_tokens"),
    "stop": (R_RENAME, "stop_sequences"),
    "n": (R_RENAME, "num_generations"),
    "tool_choice": (R_DROP, ""),
    "extra_headers": (R_DROP, ""),
}

# name: (supported, rules, extra_body, whole-request step)
PROFILES = {
    "openai": (_GPT, {}, True, P_NONE),
    "openai_o_series": (_O_SERIES, {"max_tokens": (R_RENAME, "max_completion_tokens"),
                                    "temperature": (R_TEMPERATURE_ONE, "o_series")},
                        True, P_NONE),
    "openai_gpt5": (_GPT5, {"max_tokens": (R_RENAME, "max_completion_tokens"),
                            "temperature": (R_TEMPERATURE_ONE, "gpt5")}, True, P_NONE),
    "text-completion-openai": (_TEXT_COMPLETION, {}, True, P_NONE),
    "azure": (_AZURE, {}, True, P_AZURE),
    "azure_o_series": (_AZURE_O, {"max_tokens": (R_RENAME, "max_completion_tokens"),
                                  "temperature": (R_TEMPERATURE_ONE, "o_series")},
                       True, P_NONE),
    "azure_ai": (_GPT_NO_USER, {}, True, P_NONE),
    "anthropic": (_ANTHROPIC, _ANTHROPIC_RULES, False, P_NONE),
    "anthropic_thinking": (_ANTHROPIC + ("thinking", "reasoning_effort"), _ANTHROPIC_RULES,
                           False, P_THINKING_MAX_TOKENS),
    "anthropic_structured": (_ANTHROPIC + ("thinking", "reasoning_effort"),
                             dict(_ANTHROPIC_RULES, response_format=(R_ANTHROPIC_RF_NATIVE,
                                                                     "output_format")),
                             False, P_THINKING_MAX_TOKENS),
    "gemini": (_GEMINI, _GEMINI_RULES, False, P_GEMINI),
    "gemini_thinking": (_GEMINI + ("reasoning_effort", "thinking"), _GEMINI_RULES,
                        False, P_GEMINI),
    "gemini_tts": (_GEMINI + ("audio",), _GEMINI_RULES, False, P_GEMINI),
    "vertex_gemini": (_VERTEX_GEMINI, _GEMINI_RULES, False, P_GEMINI),
    "vertex_gemini_thinking": (_VERTEX_GEMINI + ("reasoning_effort", "thinking"), _GEMINI_RULES,
                               False, P_GEMINI),
    "bedrock_anthropic": (_BEDROCK + ("tools", "tool_choice", "context_management"),
                          _BEDROCK_RULES, False, P_NONE),
    # Converse Claude with Anthropic-style thinking: reasoning_effort becomes a budget.
    "bedrock_anthropic_thinking": (_BEDROCK + ("tools", "tool_choice", "thinking", "reasoning_effort",
                                               "output_config", "context_management"),
                                   dict(_BEDROCK_RULES, reasoning_effort=(R_ANTHROPIC_EFFORT, "thinking")),
                                   False, P_BEDROCK_THINKING),
    # invoke/ for the Claude 2 text-completion models.
    "bedrock_invoke_legacy": (("max_tokens", "max_completion_tokens", "temperature", "stop", "top_p", "stream"),
                              {"max_tokens": (R_RENAME, "max_tokens_to_sample"),
                               "max_completion_tokens": (R_RENAME, "max_tokens_to_sample"),
                               "stop": (R_STOP_LIST, "stop_sequences"), "stream": (R_STREAM_TRUE, "stream")},
                              False, P_NONE),
    "bedrock_nova": (_BEDROCK + ("tools", "web_search_options", "tool_choice"), _BEDROCK_RULES,
                     False, P_NONE),
    "bedrock_tools": (_BEDROCK + ("tools",), _BEDROCK_RULES, False, P_NONE),
    "bedrock": (_BEDROCK, _BEDROCK_RULES, False, P_NONE),
    "mistral": (_MISTRAL, _MISTRAL_RULES, False, P_NONE),
    "codestral": (_MISTRAL, _MISTRAL_RULES, True, P_NONE),
    "groq": (_GROQ, dict(_MAX_TOKENS_ALIAS, response_format=(R_GROQ_RF, "response_format")),
             True, P_NONE),
    "deepseek": (_GPT_NO_USER + ("thinking", "reasoning_effort"),
                 {"reasoning_effort": (R_THINKING_ENABLED, "thinking")}, True, P_NONE),
    "together_ai": (_GPT_NO_USER, {}, True, P_NONE),
    "fireworks_ai": (_FIREWORKS, _MAX_TOKENS_ALIAS, True, P_NONE),
    "openrouter": (_GPT_NO_USER + ("reasoning_effort", "thinking"), {}, EB_EMPTY_ONLY, P_NONE),
    "perplexity": (_PERPLEXITY, {}, True, P_NONE),
    "deepinfra": (_DEEPINFRA, dict(_MAX_TOKENS_ALIAS,
                                   tool_choice=(R_AUTO_TOOL_CHOICE_ONLY, "tool_choice")),
                  True, P_NONE),
    "xai": (_XAI_HEAD + ("stop", "frequency_penalty"), _XAI_RULES, True, P_NONE),
    "xai_mini": (_XAI_HEAD + ("frequency_penalty",), _XAI_RULES, True, P_NONE),
    "xai_grok4": (_XAI_HEAD, _XAI_RULES, True, P_NONE),
    "cerebras": (_CEREBRAS, _MAX_TOKENS_ALIAS, True, P_NONE),
    "sambanova": (_SAMBANOVA, _MAX_TOKENS_ALIAS, True, P_NONE),
    "nvidia_nim": (_NVIDIA_NIM, _MAX_TOKENS_ALIAS, True, P_NONE),
    "ollama": (_OLLAMA, _OLLAMA_RULES, False, P_OLLAMA_FUNCTIONS),
    "ollama_chat": (_OLLAMA_CHAT, dict(_OLLAMA_RULES, frequency_penalty=(R_RENAME, "repeat_penalty"),
                                       tool_choice=(R_DROP, "")), False, P_NONE),
    "cohere": (_COHERE, _COHERE_RULES, False, P_NONE),
    "hosted_vllm": (_GPT_NO_USER + ("reasoning_effort", "thinking"), {}, True, P_NONE),
    "lm_studio": (_GPT_NO_USER, {}, True, P_NONE),
    "huggingface": (_GPT_NO_USER, {}, False, P_NONE),
    # Sail has its own config in LiteLLM rather than the providers.json profile.
    "sail": (("max_tokens", "max_completion_tokens", "modalities", "prediction", "n", "stream",
              "stream_options", "temperature", "top_p") + _TOOL_PARAMS[:4] + (
              "max_retries", "extra_headers", "parallel_tool_calls", "audio", "web_search_options",
              "service_tier", "safety_identifier", "prompt_cache_key", "prompt_cache_retention",
              "store", "response_format", "reasoning_effort", "user"), {}, True, P_NONE),
    "databricks": (_DATABRICKS, _MAX_TOKENS_ALIAS, False, P_NONE),
    "databricks_claude": (_DATABRICKS, dict(_MAX_TOKENS_ALIAS,
                                            reasoning_effort=(R_ANTHROPIC_EFFORT, "thinking")),
                          False, P_THINKING_MAX_TOKENS),
    "watsonx": (_WATSONX, {"tool_choice": (R_WATSONX_TOOL_CHOICE, "tool_choice_option")},
                False, P_NONE),
    # Vertex partner models: Llama's config (the OpenAI list without max_retries,
    # which LiteLLM's partner configs remove), Mistral's and Codestral's.
    "vertex_llama": (_without(_GPT, "max_retries", "user"), _MAX_TOKENS_ALIAS, False, P_NONE),
    "vertex_mistral": (_MISTRAL, _MISTRAL_RULES, False, P_NONE),
    "vertex_gpt_oss": (_without(_GPT, "tool_choice", "function_call", "functions", "user") + ("reasoning_effort",),
                       {}, False, P_NONE),
    "vertex_codestral": (("suffix", "temperature", "top_p", "max_tokens", "max_completion_tokens", "stream",
                          "seed", "stop"), dict(_MAX_TOKENS_ALIAS, seed=(R_RENAME, "random_seed"),
                                                stream=(R_STREAM_TRUE, "stream")), False, P_NONE),
    # Unknown provider: LiteLLM validates against OpenAI's list and maps like a
    # generic OpenAI-compatible server.
    # (LiteLLM checks against OpenAI's list for an unknown model, which has reasoning_effort.)
    "fallback": (_GPT + ("reasoning_effort",), {"max_completion_tokens": (R_RENAME, "max_tokens"), "user": (R_DROP, ""),
                        "reasoning_effort": (R_DROP, "")}, False, P_NONE),
}

# Claude behind azure_ai: Anthropic's mapping, with the empty extra_body of an
# OpenAI-compatible provider.
CLAUDE_VIA_AZURE_AI = {"azure_ai_" + _name: PROFILES[_name][:2] + (True,) + PROFILES[_name][3:]
                       for _name in ("anthropic", "anthropic_thinking", "anthropic_structured")}
PROFILES.update(CLAUDE_VIA_AZURE_AI)

# The OpenAI-compatible providers of LiteLLM's providers.json: one shared
# profile plus each provider's renames, limits and whether it sits on
# LiteLLM's openai_compatible_providers list (which decides extra_body).
# name: (renames max_completion_tokens, extra_body, temperature_max)
# veniceai, abliteration, llamagate, gmi, aihubmix, crusoe and empiriolabs are
# left out on purpose: LiteLLM 1.106.2 does not register them as chat providers,
# so both libraries treat them as unknown (no supported list, generic mapping).
OPENAI_LIKE_PROVIDERS = {
    "publicai": (True, True, None),
    "helicone": (False, True, None),
    "xiaomi_mimo": (True, False, None),
    "scaleway": (False, False, None),
    "synthetic": (True, True, None),
    "apertis": (True, True, None),
    "nano-gpt": (True, True, None),
    "poe": (True, True, None),
    "chutes": (True, True, None),
    "assemblyai": (False, False, None),
    "charity_engine": (True, False, None),
    "darkbloom": (True, True, None),
    "neosantara": (True, False, None),
    "tensormesh": (True, True, None),
    "parasail": (False, True, None),
    "libertai": (True, True, None),
    "meta": (False, True, None),
    "cognition": (False, True, None),
    "cortecs": (False, True, None),
    "pinstripes": (True, True, None),
    "scx-ai": (True, True, 1.99),
    "prism": (False, True, None),
    "reka": (False, True, None),
}

# Model matchers, checked in order; the first hit picks the profile.
# (matcher, patterns, profile)
MODEL_VARIANTS = {
    "openai": ((M_O_SERIES, (), "openai_o_series"),
               (M_GPT5, (), "openai_gpt5")),
    "azure": ((M_CONTAINS, ("o1", "o3", "o4", "o_series/"), "azure_o_series"),
              (M_GPT5, (), "openai_gpt5")),
    "anthropic": ((M_CONTAINS, ("sonnet-4-5", "haiku-4-5", "opus-4-5", "-4-6", "-4-7", "-4-8",
                                "sonnet-5", "opus-5", "haiku-5", "fable-5", "mythos"),
                   "anthropic_structured"),
                  (M_CONTAINS, ("claude-3-7", "sonnet-4", "opus-4", "claude-4"),
                   "anthropic_thinking")),
    "gemini": ((M_CONTAINS, ("tts",), "gemini_tts"),
               (M_CONTAINS, ("gemini-2.5", "gemini-3"), "gemini_thinking")),
    "vertex_ai": ((M_PREFIX, ("claude",), "@anthropic"),
                  (M_CONTAINS, ("gemini-2.5", "gemini-3"), "vertex_gemini_thinking"),
                  (M_PREFIX, ("gemini",), "vertex_gemini"),
                  (M_CONTAINS, ("gpt-oss",), "vertex_gpt_oss"),
                  (M_CONTAINS, ("jamba",), "fallback"),
                  (M_CONTAINS, ("codestral",), "vertex_codestral"),
                  (M_CONTAINS, ("mistral",), "vertex_mistral"),
                  (M_ANY, (), "vertex_llama")),
    "azure_ai": ((M_CONTAINS, ("claude",), "@azure_ai_claude"),),
    "bedrock_mantle": ((M_CONTAINS, ("claude",), "@anthropic"),),
    # invoke/ Claude maps with Anthropic's own rules (max_tokens, no stream key).
    "bedrock": ((M_BEDROCK_INVOKE, ("anthropic",), "@bedrock_invoke_anthropic"),
                (M_CONTAINS, ("claude-3-7", "claude-sonnet-4", "claude-opus-4", "claude-haiku-4"),
                 "bedrock_anthropic_thinking"),
                (M_BEDROCK_VENDOR, ("anthropic",), "bedrock_anthropic"),
                (M_BEDROCK_VENDOR, ("amazon",), "bedrock_nova"),
                (M_BEDROCK_VENDOR, ("mistral",), "bedrock_tools"),
                (M_CONTAINS, ("llama3-1", "llama3-2", "llama3-3", "llama4"), "bedrock_tools")),
    "databricks": ((M_CONTAINS, ("claude",), "databricks_claude"),),
    "xai": ((M_CONTAINS, ("grok-4", "grok-code-fast"), "xai_grok4"),
            (M_CONTAINS, ("grok-3-mini",), "xai_mini")),
}

MODEL_VARIANTS["azure_ai_claude"] = tuple((m, pats, "azure_ai_" + target)
                                          for m, pats, target in MODEL_VARIANTS["anthropic"]) + (
    (M_ANY, (), "azure_ai_anthropic"),)

MODEL_VARIANTS["bedrock_invoke_anthropic"] = ((M_CONTAINS, ("claude-v2", "claude-instant"), "bedrock_invoke_legacy"),
                                              (M_ANY, (), "@anthropic"))

# Providers whose parameter set LiteLLM picks from a call's base_model (the
# model behind a deployment name) rather than from the model name.
BASE_MODEL_PROFILE_PROVIDERS = frozenset(("azure",))

# Providers that share another provider's profile set.
PROVIDER_ALIASES = {"cohere_chat": "cohere", "vertex_ai_beta": "vertex_ai"}

# Shared specs for the table below: (supported, rules, whole-request step).
# Their extra_body mode comes from EXTRA_BODY_PROVIDERS, not from the spec,
# because LiteLLM decides it by provider name rather than by config.
_LIKE_RULES = _MAX_TOKENS_ALIAS
_STREAM_FLAG = {"stream": (R_STREAM_TRUE, "stream")}
# Hugging Face text-generation style servers.
_TGI_RULES = {"max_tokens": (R_RENAME, "max_new_tokens"),
              "max_completion_tokens": (R_RENAME, "max_new_tokens")}
_TEXT_GEN_RULES = dict(_TGI_RULES, stop=(R_RENAME, "stop_sequences"), seed=(R_DROP, ""))
SHARED_SPECS = {
    # LiteLLM's OpenAI GPT config for a model outside OpenAI's catalog: plain copy.
    "gpt": (_GPT_NO_USER, {}, P_NONE),
    "gpt_reasoning": (_GPT_NO_USER + ("reasoning_effort",), {}, P_NONE),
    "gpt_vllm": (_GPT_NO_USER + ("reasoning_effort", "thinking"), {}, P_NONE),
    # Its OpenAI-like config: the same list, max_completion_tokens sent as max_tokens.
    "like": (_GPT_NO_USER, _LIKE_RULES, P_NONE),
    "like_no_functions": (_without(_GPT_NO_USER, "functions"), _LIKE_RULES, P_NONE),
    # Providers without a chat config: no reported list, generic mapping.
    "none": (PROFILES["fallback"][0], PROFILES["fallback"][1], P_NONE),
    "ai21": (("tools", "response_format", "max_tokens", "max_completion_tokens", "temperature",
              "stop", "n", "stream", "seed", "tool_choice"), _LIKE_RULES, P_NONE),
    "baseten": (("max_tokens", "max_completion_tokens", "response_format", "seed", "stop",
                 "stream", "temperature", "top_p", "tool_choice", "tools", "user",
                 "presence_penalty", "frequency_penalty", "stream_options"), _LIKE_RULES, P_NONE),
    "clarifai": (("max_tokens", "max_completion_tokens", "response_format", "stream",
                  "temperature", "top_p", "tool_choice", "tools", "presence_penalty",
                  "frequency_penalty", "stream_options"), {}, P_NONE),
    "featherless_ai": (("stream", "frequency_penalty", "function_call", "functions", "logit_bias",
                        "max_tokens", "max_completion_tokens", "n", "presence_penalty", "stop",
                        "temperature", "top_p"), _LIKE_RULES, P_NONE),
    "like_reasoning": (_GPT_NO_USER + ("reasoning_effort",), _LIKE_RULES, P_NONE),
    # Meta's Llama API honours only json_schema response formats.
    "meta_llama": (_GPT_NO_USER, {"response_format": (R_JSON_SCHEMA_ONLY, "response_format")},
                   P_NONE),
    "hyperbolic": (("messages", "model", "stream", "temperature", "top_p", "max_tokens",
                    "frequency_penalty", "presence_penalty", "stop", "n", "tools", "tool_choice",
                    "response_format", "seed", "user"), _LIKE_RULES, P_NONE),
    "inception": (("max_tokens", "max_completion_tokens", "temperature", "stop", "tools",
                   "tool_choice", "stream", "stream_options", "response_format",
                   "reasoning_effort", "reasoning_summary", "reasoning_summary_wait", "diffusing",
                   "realtime"), _LIKE_RULES, P_NONE),
    "morph": (("messages", "model", "stream"), _LIKE_RULES, P_NONE),
    "v0": (("messages", "model", "stream", "tools", "tool_choice"), _LIKE_RULES, P_NONE),
    "nscale": (("max_tokens", "n", "temperature", "top_p", "stream", "logprobs", "top_logprobs",
                "frequency_penalty", "presence_penalty", "response_format", "stop", "logit_bias"),
               {}, P_NONE),
    "volcengine": (("frequency_penalty", "logit_bias", "logprobs", "top_logprobs",
                    "max_completion_tokens", "max_tokens", "n", "presence_penalty", "seed", "stop",
                    "stream", "stream_options", "temperature", "top_p", "tools", "tool_choice",
                    "function_call", "functions", "max_retries", "extra_headers", "thinking"),
                   _LIKE_RULES, P_NONE),
    "zai": (("max_tokens", "stream", "stream_options", "temperature", "top_p", "stop", "tools",
             "tool_choice"), {}, P_NONE),
    "vercel_ai_gateway": (_GPT_NO_USER + ("extra_body",), {}, P_NONE),
    "minimax": (_GPT_NO_USER + ("reasoning_split",), {}, P_NONE),
    "gdc": (_GPT_NO_USER + ("vertex_project", "vertex_location"), _LIKE_RULES, P_NONE),
    "sagemaker_nova": (_GPT_NO_USER + ("top_k", "reasoning_effort", "allowed_token_ids",
                                       "truncate_prompt_tokens"), {}, P_NONE),
    "litellm_proxy": (_GPT + ("request_timeout", "api_base", "api_version", "api_key",
                              "deployment_id", "organization", "base_url", "default_headers",
                              "timeout", "reasoning_effort", "thinking",
                              "include_server_side_tool_invocations", "verbosity"),
                      {"thinking": (R_EXTRA_BODY, "thinking")}, P_NONE),     # the proxy reads it from extra_body
    "nadir": (("extra_headers", "frequency_penalty", "max_retries", "max_tokens",
               "presence_penalty", "response_format", "stream", "temperature", "top_p"),
              {}, P_NONE),
    "gradient_ai": (("frequency_penalty", "max_tokens", "max_completion_tokens",
                     "presence_penalty", "stop", "stream", "stream_options", "temperature",
                     "top_p", "k", "kb_filters", "filter_kb_content_by_query_metadata",
                     "instruction_override", "include_functions_info", "include_retrieval_info",
                     "include_guardrails_info", "provide_citations", "retrieval_method"),
                    _LIKE_RULES, P_NONE),
    "amazon_nova": (("top_p", "temperature", "max_tokens", "max_completion_tokens", "metadata",
                     "stop", "stream", "stream_options", "tools", "tool_choice",
                     "reasoning_effort"), _LIKE_RULES, P_NONE),
    "sap": (("frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "max_tokens",
             "max_completion_tokens", "prediction", "n", "presence_penalty", "seed", "stop",
             "stream", "stream_options", "temperature", "top_p", "tools", "tool_choice",
             "function_call", "functions", "extra_headers", "parallel_tool_calls",
             "response_format", "timeout"), {}, P_NONE),
    "snowflake": (("temperature", "max_tokens", "max_completion_tokens", "top_p", "stream",
                   "tools", "tool_choice"), {}, P_NONE),
    "maritalk": (("frequency_penalty", "presence_penalty", "top_p", "top_k", "temperature",
                  "max_tokens", "n", "stop", "stream", "stream_options", "tools", "tool_choice"),
                 {}, P_NONE),
    "oci": (("stream", "max_tokens", "max_completion_tokens", "temperature", "tools",
             "frequency_penalty", "logprobs", "logit_bias", "n", "presence_penalty",
             "reasoning_effort", "seed", "stop", "tool_choice", "top_p", "response_format"),
            {}, P_NONE),
    "gigachat": (("stream", "temperature", "top_p", "max_tokens", "max_completion_tokens", "stop",
                  "tools", "tool_choice", "functions", "function_call", "response_format"),
                 dict(_LIKE_RULES, stop=(R_DROP, "")), P_NONE),
    "replicate": (("stream", "temperature", "max_tokens", "top_p", "stop", "seed", "tools",
                   "tool_choice", "functions", "function_call"), _TEXT_GEN_RULES, P_NONE),
    "anthropic_text": (("stream", "max_tokens", "max_completion_tokens", "stop", "temperature",
                        "top_p", "extra_headers", "user"), _STREAM_FLAG, P_NONE),
    "azure_text": (_TEXT_COMPLETION, {}, P_NONE),
    "text_codestral": (("suffix", "temperature", "top_p", "max_tokens", "max_completion_tokens",
                        "stream", "seed", "stop"),
                       dict(_STREAM_FLAG, max_completion_tokens=(R_RENAME, "max_tokens"),
                            seed=(R_RENAME, "random_seed")), P_NONE),
    "text_inception": (("suffix", "max_tokens", "max_completion_tokens", "top_p",
                        "frequency_penalty", "presence_penalty", "stop", "stream",
                        "stream_options"), _LIKE_RULES, P_NONE),
    "a2a": (("stream", "temperature", "max_tokens", "top_p"),
            dict(_STREAM_FLAG, temperature=(R_DROP, ""), max_tokens=(R_DROP, ""),
                 top_p=(R_DROP, "")), P_NONE),
    "petals": (("max_tokens", "temperature", "top_p", "stream"), _TGI_RULES, P_NONE),
    "bytez": (("stream", "max_tokens", "max_completion_tokens", "temperature", "top_p", "n",
               "max_retries"), dict(_TGI_RULES, n=(R_RENAME, "num_return_sequences")), P_NONE),
    "fal_ai": (("reasoning_effort", "temperature", "top_p"),
               {"reasoning_effort": (R_THINK_FLAG, "reasoning")}, P_NONE),
    # Agent runtimes: accepted for compatibility, nothing reaches the request.
    "stream_only": (("stream",), {"stream": (R_DROP, "")}, P_NONE),
    "nlp_cloud": (("max_tokens", "stream", "temperature", "top_p", "presence_penalty",
                   "frequency_penalty", "n", "stop"),
                  {"max_tokens": (R_RENAME, "max_length"), "stop": (R_RENAME, "stop_sequences"),
                   "n": (R_RENAME, "num_return_sequences")}, P_NONE),
    "predibase": (("stream", "temperature", "max_completion_tokens", "max_tokens", "top_p",
                   "stop", "n", "response_format"), _TGI_RULES, P_NONE),
    "sagemaker": (("stream", "temperature", "max_tokens", "max_completion_tokens", "top_p",
                   "stop", "n"), _TGI_RULES, P_NONE),
    "triton": (("max_tokens", "max_completion_tokens"), {}, P_NONE),
    "watsonx_text": (("temperature", "max_tokens", "top_p", "frequency_penalty", "stop", "seed",
                      "stream"), dict(_TEXT_GEN_RULES, seed=(R_RENAME, "random_seed"),
                                           frequency_penalty=(R_RENAME, "repetition_penalty")),
                     P_NONE),
    # Embedding-only providers: LiteLLM reports their embedding params here.
    "infinity": (("encoding_format", "modality", "dimensions"), {}, P_NONE),
    "voyage": (("encoding_format", "dimensions"), {}, P_NONE),
}

# provider -> shared spec, for every provider without its own PROFILES row.
PROVIDER_SPECS = {
    **dict.fromkeys((
        "chatgpt", "cometapi", "edenai", "github_copilot", "llamafile", "modelscope", "novita",
        "ragflow", "tencent", "cloudflare",
        "compactifai", "heroku", "oobabooga", "ovhcloud", "sagemaker_chat",
    ), "gpt"),
    **dict.fromkeys(("dashscope", "qwencloud", "qwen_ai_platform"), "gpt_reasoning"),
    "wandb": "like_reasoning",
    "meta_llama": "meta_llama",
    "vllm": "gpt_vllm",
    **dict.fromkeys((
        "openai_like", "custom", "custom_openai", "aiohttp_openai", "datarobot", "bedrock_mantle",
        "github", "empower", "friendliai", "galadriel", "lambda_ai", "docker_model_runner",
        "nebius",
    ), "like"),
    "moonshot": "like_no_functions",
    "ai21": "ai21", "ai21_chat": "ai21",
    "text-completion-codestral": "text_codestral",
    "text-completion-inception": "text_inception",
    "langflow": "stream_only", "langgraph": "stream_only",
    **{name: name for name in (
        "baseten", "clarifai", "featherless_ai", "hyperbolic", "inception", "morph", "v0",
        "nscale", "volcengine", "zai", "vercel_ai_gateway", "minimax", "gdc", "sagemaker_nova",
        "litellm_proxy", "nadir", "gradient_ai", "amazon_nova", "sap", "snowflake", "maritalk",
        "oci", "gigachat", "replicate", "anthropic_text", "azure_text", "a2a", "petals", "bytez",
        "fal_ai", "nlp_cloud", "predibase", "sagemaker", "triton", "watsonx_text", "infinity",
        "voyage",
    )},
    # No chat config in LiteLLM (embeddings, audio, images, vector stores, agents, ...).
    **dict.fromkeys((
        "jina_ai", "reducto", "aws_textract", "runwayml", "aws_polly", "transcribe",
        "black_forest_labs", "typesafe", "strands_decider", "milvus", "nvidia_riva", "soniox",
        "xinference", "deepgram", "elevenlabs", "langfuse", "humanloop", "topaz", "azure_speech",
        "pg_vector", "s3_vectors", "valkey", "mongodb", "recraft", "stability", "aiml",
        "auto_router", "dotprompt", "manus", "lemonade", "a2a_agent", "litellm_agent", "cursor",
    ), "none"),
}

# LiteLLM's openai_compatible_providers among the table's providers: these
# send extra_body (with any non-OpenAI kwargs inside it) on every call.
EXTRA_BODY_PROVIDERS = frozenset((
    "chatgpt", "zai", "clarifai", "ai21", "baseten", "ai21_chat", "volcengine", "dashscope",
    "qwencloud", "qwen_ai_platform", "modelscope", "moonshot", "v0", "morph", "lambda_ai",
    "inception", "xinference", "friendliai", "featherless_ai", "empower", "github", "ragflow",
    "docker_model_runner", "litellm_proxy", "tencent", "llamafile", "galadriel", "nebius",
    "novita", "github_copilot", "meta_llama", "nscale", "hyperbolic", "aiml", "cometapi",
    "vercel_ai_gateway", "edenai", "wandb",
))

# Every provider name the tables answer for.
PROVIDERS = frozenset(
    [p for p in PROFILES if p not in ("fallback", "openai_o_series", "openai_gpt5",
                                      "azure_o_series", "anthropic_thinking",
                                      "anthropic_structured", "gemini_thinking", "gemini_tts", "vertex_gemini",
                                      "vertex_gemini_thinking", "bedrock_anthropic",
                                      "bedrock_nova", "bedrock_tools", "xai_mini", "xai_grok4",
                                      "databricks_claude", "vertex_llama", "vertex_mistral",
                                      "vertex_codestral", "vertex_gpt_oss", "bedrock_anthropic_thinking",
                                      "bedrock_invoke_legacy") and p not in CLAUDE_VIA_AZURE_AI]
    + list(OPENAI_LIKE_PROVIDERS) + list(PROVIDER_ALIASES) + ["vertex_ai"] + list(PROVIDER_SPECS)
)
