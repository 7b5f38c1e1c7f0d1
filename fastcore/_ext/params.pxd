# Parameter tables: which OpenAI params each provider accepts and how each one
# is rewritten for that provider's wire format.

cdef class _Profile:
    cdef:
        readonly str name
        # bit i set <=> OPENAI_PARAMS[i] is accepted
        unsigned long long mask
        # ordered names reported by get_supported_openai_params
        readonly tuple supported
        # param -> (rule code, output key) for everything that is not a plain copy
        dict rules
        # bit i set <=> OPENAI_PARAMS[i] has an entry in `rules`
        unsigned long long rule_mask
        # EB_* mode: whether extra_body is sent and whether unknown kwargs go in it
        int extra_body
        # P_* whole-request step (thinking max_tokens, Ollama function fallback, ...)
        int post


cdef:
    _Profile _resolve_profile(str model, str provider)
    dict _map_params(str model, str provider, dict non_default_params, object drop_params,
                     object additional_drop_params, object allowed_openai_params)
    # Same, plus non-OpenAI kwargs to forward (extra_body or top level, as LiteLLM does).
    dict _map_params_ex(str model, str provider, dict non_default_params, object drop_params,
                        object additional_drop_params, object allowed_openai_params,
                        dict extra_params, object api_version)
    bint _drop_enabled(object drop_params)
    # The model whose profile maps a call's params: Azure maps for the base model behind a deployment.
    str mapping_model(str model, str provider, object base_model)
    object azure_api_version(object explicit, object configured)
