# Provider table and model -> provider resolution, shared with the completion core.

cdef enum Wire:
    WIRE_OPENAI = 0
    WIRE_AZURE
    WIRE_ANTHROPIC
    WIRE_GEMINI
    WIRE_VERTEX_AI
    WIRE_BEDROCK
    WIRE_COHERE
    WIRE_OLLAMA
    WIRE_HUGGINGFACE
    WIRE_WATSONX
    WIRE_REPLICATE
    WIRE_SAGEMAKER
    WIRE_NATIVE        # a provider-specific protocol none of the others covers
    WIRE_COUNT

cdef struct ProviderRow:
    int wire
    int resolve        # how the api_base / api_key of a prefixed model are filled in
    int flags


cdef class Provider:
    cdef readonly str name
    cdef readonly object api_base          # str or None: the default base URL
    cdef readonly object api_key_env       # first env var read for the key, or None
    cdef readonly object api_base_env      # first env var read for the base, or None
    cdef readonly tuple api_key_envs
    cdef readonly tuple api_base_envs
    cdef readonly str wire
    cdef readonly int index
    cdef readonly bint listed              # in LiteLLM's provider_list
    cdef object key_default
    cdef int resolve
    cdef int flags


cdef:
    Provider _get_provider(str name)
    int _wire_id(int index) noexcept       # WIRE_* of row `index`, -1 when out of range
    tuple _resolve(str model, object custom_llm_provider, object api_base, object api_key)

cpdef bint is_valid_provider(object name)
cpdef tuple get_llm_provider(object model, object custom_llm_provider=*, object api_base=*,
                             object api_key=*, object litellm_params=*)
