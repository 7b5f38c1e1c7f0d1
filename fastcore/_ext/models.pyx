# cython: language_level=3
"""The model table: LiteLLM's published model prices, context windows and
capability flags (tools/gen_model_table.py makes model_prices.json from its
data file), loaded on first use.

`model_cost` is a plain dict, as LiteLLM's is: code that reads, iterates or
assigns into it sees the same thing it would with LiteLLM.
"""
import os
import re

from fastcore._ext.params import get_supported_openai_params
from fastcore._ext.providers import get_llm_provider
from fastcore._ext.safety cimport plain_str
from fastcore.exceptions import BadRequestError, ModelNotMappedError

TABLE_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "model_prices.json")

cdef dict _COST = None              # model_cost: name -> entry
cdef dict _GENERALIZATIONS = None   # the data file's fallback rules (not part of model_cost)
cdef dict _SOURCE = None            # name and SHA-256 of the data file the table was made from


cdef void _load() except *:
    global _COST, _GENERALIZATIONS, _SOURCE
    import orjson
    with open(TABLE_FILE, "rb") as f:
        doc = orjson.loads(f.read())
    table = doc["table"]
    _GENERALIZATIONS = table.pop("fallback_generalizations", None) or {}
    _SOURCE = doc["source"]
    _COST = table


cpdef dict model_cost():
    """LiteLLM's `model_cost`: model name -> its entry (prices, limits, flags)."""
    if _COST is None:
        _load()
    return _COST


cpdef dict table_source():
    """The data file the bundled table was made from: {"file", "sha256", "entries"}."""
    if _COST is None:
        _load()
    return dict(_SOURCE)


# ------------------------------------------------------------------ lookup ----
# How LiteLLM finds a model's entry (its get_model_info): up to seven candidate
# names tried in a fixed order, each exactly and then ignoring case, each hit
# checked against the provider; chat entries gain what the data file's
# capability rules say they lack; a name no candidate reaches may still be
# described by those rules (unpriced).

cdef dict _LOWER = None             # key.lower() -> key
cdef list _RULES = None             # (compiled pattern, model_info, fill_missing_for or None), file order

BEDROCK_ROUTES = ("bedrock/", "chat_completions/", "converse/", "invoke/", "openai/", "mantle/", "nova-2/", "nova/")
BEDROCK_GEOS = frozenset(("global", "us", "eu", "apac", "jp", "au", "us-gov"))
AWS_REGIONS = frozenset((
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "us-gov-east-1", "us-gov-west-1", "eu-west-1", "eu-west-2",
    "eu-west-3", "eu-central-1", "eu-central-2", "eu-south-1", "eu-south-2", "eu-north-1", "ap-northeast-1",
    "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2",
    "ca-central-1", "sa-east-1"))
# LiteLLM's azure_llms and azure_embedding_models, applied to the name before anything else.
AZURE_NAMES = {"gpt-35-turbo": "azure/gpt-35-turbo", "gpt-35-turbo-16k": "azure/gpt-35-turbo-16k",
               "gpt-35-turbo-instruct": "azure/gpt-35-turbo-instruct", "azure/gpt-41": "gpt-4.1",
               "azure/gpt-41-mini": "gpt-4.1-mini", "azure/gpt-41-nano": "gpt-4.1-nano", "ada": "azure/ada"}
DECLARED_PROVIDERS = ("github_copilot", "chatgpt")     # never resolved through get_llm_provider (OAuth)
MAPPED_HINT = ("This model isn't mapped yet. model={model}, custom_llm_provider={provider}. Register it with "
               "fastcore.register_model({{name: {{...}}}}), or add it to LiteLLM's "
               "model_prices_and_context_window.json.")


cdef dict _lower():
    global _LOWER
    if _LOWER is None:
        table = model_cost()
        _LOWER = {}
        for k in table:
            if isinstance(k, str):
                _LOWER.setdefault(k.lower(), k)
    return _LOWER


cdef list _rules():
    global _RULES
    if _RULES is not None:
        return _RULES
    model_cost()
    out = []
    raw = _GENERALIZATIONS.get("rules") if isinstance(_GENERALIZATIONS, dict) else None
    by_name = {r.get("name"): r for r in raw or [] if isinstance(r, dict)}
    for r in raw or []:
        if not isinstance(r, dict) or not isinstance(r.get("pattern"), str) or not isinstance(r.get("model_info"), dict):
            continue
        info = dict(r["model_info"])
        parent = by_name.get(r.get("extends"))
        if isinstance(parent, dict) and isinstance(parent.get("model_info"), dict):
            info = {**parent["model_info"], **info}
        fill = r.get("fill_missing_for_providers")
        if fill is not None and not (isinstance(fill, list) and all(isinstance(p, str) for p in fill)):
            continue
        provider = info.pop("litellm_provider", None)
        if provider is not None and not isinstance(provider, str):
            continue
        if not info:
            continue            # a routing rule: get_llm_provider's business
        try:
            pattern = re.compile(r["pattern"], re.IGNORECASE)
        except re.error:
            continue
        if provider is not None:
            info["litellm_provider"] = provider
        out.append((pattern, info, tuple(fill) if fill is not None else None))
    _RULES = out
    return out


cdef object _key(str candidate):
    table = _COST
    if candidate in table:
        return candidate
    found = _lower().get(candidate.lower())
    if found is not None and found not in table:
        _invalidate()           # the map is stale: a key was deleted from model_cost
        found = _lower().get(candidate.lower())
    return found


cdef void _invalidate():
    global _LOWER, _GENERATION
    _LOWER = None
    _RESULTS.clear()
    _GENERATION += 1


# Answers of get_model_info and supports_* for names that resolved (never a miss, so a key
# added to model_cost is seen at once). register_model() clears it, and so does any change in
# the number of entries; an entry edited in place without register_model() is seen once the
# cache is cleared (fastcore.register_model({}) does that).
cdef dict _RESULTS = {}
cdef Py_ssize_t _RESULTS_FOR = -1
cdef size_t _GENERATION = 0         # changes whenever _RESULTS is emptied for a table change
RESULTS_LIMIT = 4096


cdef object _cached(object key):
    cdef size_t gen = _GENERATION
    if _generation() != gen:
        return None
    return _RESULTS.get(key)


cdef size_t _generation() noexcept:
    global _RESULTS_FOR, _GENERATION
    if _COST is not None and len(_COST) != _RESULTS_FOR:
        _RESULTS.clear()
        _RESULTS_FOR = len(_COST)
        _GENERATION += 1
    return _GENERATION


cdef void _remember(object key, object value):
    if len(_RESULTS) >= RESULTS_LIMIT:
        _RESULTS.clear()
    _RESULTS[key] = value


cdef bint _provider_ok(dict entry, object p):
    if not p:
        return True
    own = entry.get("litellm_provider")
    if own is None or own == p:
        return True
    if not isinstance(own, str):
        return False
    if p == "vertex_ai" and own.startswith("vertex_ai"):
        return True
    if p == "fireworks_ai" and own.startswith("fireworks_ai"):
        return True
    if p.startswith("bedrock") and own.startswith("bedrock"):
        return True
    if p in ("litellm_proxy", "github", "nadir"):
        return True
    return p == "azure_ai" and own in ("azure", "openai")


cdef str _drop_routes(str name):
    for prefix in BEDROCK_ROUTES:
        if name.startswith(prefix):
            name = name[len(prefix):]
    return name


cdef str _bedrock_base(str name):
    for prefix in ("bedrock/converse/", "bedrock/", "converse/"):
        if name.startswith(prefix):
            rest = name[len(prefix):]
            if rest.startswith("nova-2/"):
                return "amazon.nova-2-custom"
            if rest.startswith("nova/"):
                return "amazon.nova-custom"
            break
    name = _drop_routes(name)
    if "arn" in name.lower():
        name = name.rsplit("/", 1)[-1]
    name = re.sub(r"(:\d+):\d+k$", r"\1", name)
    name = re.sub(r"\[\w+\]$", "", name)
    head, dot, rest = name.partition(".")
    if dot and head in BEDROCK_GEOS:
        return rest
    head, slash, rest = name.partition("/")
    if slash and head in AWS_REGIONS:
        return rest
    return name


cdef str _strip(str name, object p):
    """LiteLLM's "stripped" name: the base a versioned, dated, fine-tuned or routed name prices as."""
    if p == "bedrock" or p == "bedrock_converse":
        return _bedrock_base(name)
    if p in ("vertex_ai", "gemini", "databricks"):
        return re.sub(r"-\d+$", "", name)
    if "ft:" in name:
        return re.sub(r"(:[^:]*){3}$", "", name)
    return re.sub(r"-\d{4}-\d{2}-\d{2}$", "", name)


cdef str _fireworks_key(str s):
    if s.startswith("fireworks_ai/"):
        s = s[len("fireworks_ai/"):]
    if s.startswith(("accounts/", "FW-")) or "#" in s:
        resource = s
    elif s.startswith(("routers/", "models/")):
        resource = "accounts/fireworks/" + s
    elif s.endswith("-fast") or s in ("firerouter", "auto", "auto-instant") or s.startswith("firerouter/"):
        resource = "accounts/fireworks/routers/" + s
    else:
        resource = "accounts/fireworks/models/" + s
    return "fireworks_ai/" + resource


cdef tuple _candidates(str m, object p):
    """(candidates in lookup order, resolved provider)."""
    if p is None:
        try:
            split, p, _, _ = get_llm_provider(m)
        except Exception:
            split, p = m, None
        combined = m
        stripped = _strip(m, p)
        combined_stripped = stripped
        provider_prefixed = m
    elif m.startswith(p + "/"):
        split = m[len(p) + 1:]
        combined = m
        stripped = _strip(split, p)
        combined_stripped = p + "/" + stripped
        provider_prefixed = p + "/" + m
    else:
        split = m
        combined = p + "/" + m
        stripped = _strip(m, p)
        combined_stripped = p + "/" + stripped
        provider_prefixed = combined
    if p == "bedrock" or p == "bedrock_converse":
        split = _drop_routes(split)
    region_free_combined = combined
    if p == "bedrock_mantle":
        head, slash, rest = split.partition("/")
        if slash and head in AWS_REGIONS:
            split = rest
        region_free_combined = "bedrock_mantle/" + split
        combined_stripped = "bedrock_mantle/" + _strip(split, p)
    if p == "fireworks_ai":
        provider_prefixed = _fireworks_key(split)
    return (combined, m, region_free_combined, split, combined_stripped, stripped, provider_prefixed), p


cdef dict _rules_for(str name, object fill_provider):
    """The union of the capability rules matching `name` (fill_provider: only those filling for it)."""
    cdef dict out = {}
    for pattern, info, fill in _rules():
        if fill_provider is not None and (fill is None or fill_provider not in fill):
            continue
        if pattern.search(name):
            out.update(info)
    return out


cdef tuple _find(object model, object p):
    """(key, info dict, resolved provider) as LiteLLM's lookup finds them; raises ModelNotMappedError."""
    model_cost()
    if not isinstance(model, str):
        raise ModelNotMappedError(MAPPED_HINT.format(model=model, provider=p), p, model)
    m = AZURE_NAMES.get(model, model)
    if p == "vertex_ai_beta":
        p = "vertex_ai"
    if p == "vertex_ai":
        m = _vertex_alias(m)
    if p is None:
        head = m.partition("/")[0]
        if head in DECLARED_PROVIDERS and "/" in m:
            p = head
    candidates, p = _candidates(m, p)
    for c in candidates:
        key = _key(c)
        if key is None:
            continue
        entry = _COST[key]
        if not isinstance(entry, dict) or not _provider_ok(entry, p):
            continue
        info = entry
        if entry.get("mode", "chat") in ("chat", "responses"):
            own = entry.get("litellm_provider", "")
            if own and isinstance(own, str):
                fill = _rules_for(key, own)
                fill.pop("litellm_provider", None)
                if fill:
                    info = {**{k: v for k, v in fill.items() if k not in entry}, **entry}
        return key, info, p
    for c in candidates:
        if _key(c) is not None:
            raise ModelNotMappedError(MAPPED_HINT.format(model=m, provider=p), p, m)
    for c in candidates:
        general = _rules_for(c, None)
        if general:
            if p is not None:
                general["litellm_provider"] = p
            return c, general, p
    raise ModelNotMappedError(MAPPED_HINT.format(model=m, provider=p), p, m)


cdef str _vertex_alias(str m):
    cdef dict table = _COST
    if ("vertex_ai/meta/" + m) in table and str(table["vertex_ai/meta/" + m].get("litellm_provider", "")).startswith(
            "vertex_ai-llama"):
        return "meta/" + m
    entry = table.get("vertex_ai/" + m + "@latest")
    if isinstance(entry, dict) and entry.get("litellm_provider") in ("vertex_ai-mistral_models",
                                                                    "vertex_ai-ai21_models"):
        return m + "@latest"
    return m


# ------------------------------------------------------------ model info ----

# The fields of LiteLLM's ModelInfo, in its order; every one is present in a result.
INFO_FIELDS = tuple("""
    key max_tokens max_input_tokens max_output_tokens input_cost_per_token input_cost_per_token_flex
    input_cost_per_token_priority input_cost_per_token_balanced input_cost_per_token_ultrafast
    cache_creation_input_token_cost cache_creation_input_token_cost_above_200k_tokens
    cache_creation_input_token_cost_above_272k_tokens cache_creation_input_token_cost_above_272k_tokens_priority
    cache_creation_input_token_cost_above_272k_tokens_flex
    cache_creation_input_token_cost_above_272k_tokens_ultrafast cache_creation_input_token_cost_flex
    cache_creation_input_token_cost_priority cache_creation_input_token_cost_ultrafast
    cache_read_input_token_cost cache_read_input_audio_token_cost prompt_cache_min_tokens
    cache_read_input_token_cost_above_200k_tokens cache_read_input_token_cost_above_200k_tokens_priority
    cache_read_input_token_cost_above_272k_tokens cache_read_input_token_cost_above_272k_tokens_priority
    cache_read_input_token_cost_above_272k_tokens_flex cache_read_input_token_cost_above_272k_tokens_ultrafast
    cache_read_input_token_cost_above_512k_tokens cache_read_input_token_cost_flex
    cache_read_input_token_cost_priority cache_read_input_token_cost_balanced
    cache_read_input_token_cost_ultrafast cache_read_input_token_cost_batches
    cache_read_input_token_cost_above_200k_tokens_batches cache_read_input_token_cost_above_272k_tokens_batches
    cache_creation_input_token_cost_batches cache_creation_input_token_cost_above_200k_tokens_batches
    cache_creation_input_token_cost_above_272k_tokens_batches cache_creation_input_token_cost_above_1hr
    off_peak_pricing input_cost_per_character input_cost_per_token_above_128k_tokens
    input_cost_per_token_above_200k_tokens input_cost_per_token_above_200k_tokens_priority
    input_cost_per_token_above_272k_tokens input_cost_per_token_above_272k_tokens_priority
    input_cost_per_token_above_272k_tokens_flex input_cost_per_token_above_272k_tokens_ultrafast
    input_cost_per_token_above_512k_tokens input_cost_per_query cost_per_second input_cost_per_second
    input_cost_per_audio_token input_cost_per_image_token input_cost_per_video_token
    input_cost_per_audio_token_batches input_cost_per_image_token_batches input_cost_per_image
    input_cost_per_audio_per_second input_cost_per_video_per_second input_cost_per_token_batches
    input_cost_per_video_token_batches input_cost_per_token_above_200k_tokens_batches
    input_cost_per_token_above_272k_tokens_batches output_cost_per_token_batches
    output_cost_per_token_above_200k_tokens_batches output_cost_per_token_above_272k_tokens_batches
    output_cost_per_token output_cost_per_token_flex output_cost_per_token_priority
    output_cost_per_token_balanced output_cost_per_token_ultrafast regional_processing_uplift_multiplier_eu
    regional_processing_uplift_multiplier_us regional_endpoint_uplift_multiplier output_cost_per_audio_token
    output_cost_per_character output_cost_per_reasoning_token output_cost_per_reasoning_token_flex
    output_cost_per_reasoning_token_priority output_cost_per_token_above_128k_tokens
    output_cost_per_character_above_128k_tokens output_cost_per_token_above_200k_tokens
    output_cost_per_token_above_200k_tokens_priority output_cost_per_token_above_272k_tokens
    output_cost_per_token_above_272k_tokens_priority output_cost_per_token_above_272k_tokens_flex
    output_cost_per_token_above_272k_tokens_ultrafast output_cost_per_token_above_512k_tokens
    output_cost_per_second output_cost_per_second_1080p output_cost_per_second_480p output_cost_per_second_720p
    output_cost_per_second_768p output_cost_per_second_2k output_cost_per_second_4k
    output_cost_per_video_per_second output_cost_per_image output_cost_per_pixel output_cost_per_image_token
    output_cost_per_image_token_batches output_cost_per_video_token output_vector_size citation_cost_per_token
    tiered_pricing litellm_provider mode supported_endpoints supports_system_messages supports_response_schema
    supports_vision supports_function_calling supports_parallel_function_calling supports_tool_choice
    supports_assistant_prefill supports_prompt_caching supports_prompt_cache_breakpoint
    supports_thinking_cache_preservation supports_audio_input supports_video_input supports_box_questions
    supports_audio_output supports_pdf_input supports_embedding_image_input supports_native_streaming
    supports_native_structured_output supports_web_search supports_url_context supports_reasoning
    supports_adaptive_thinking supports_legacy_thinking thinking_always_on supports_tool_search
    supports_mid_conversation_system supports_anthropic_thinking_payload supports_anthropic_compaction
    supports_none_reasoning_effort supports_minimal_reasoning_effort supports_low_reasoning_effort
    supports_xhigh_reasoning_effort supports_max_reasoning_effort reasoning_effort_levels
    default_reasoning_effort bedrock_output_config_effort_ceiling bedrock_converse_supports_strict_tools
    supports_regex_lookaround supports_computer_use search_context_cost_per_query web_search_billing_unit
    search_free_requests google_maps_grounding_cost_per_query tpm rpm ocr_cost_per_page
    ocr_cost_per_page_batches ocr_cost_per_credit annotation_cost_per_page annotation_cost_per_page_batches
    provider_specific_entry uses_embed_content supports_image_size supported_audio_formats token_count_framing
    token_count_model token_count_tokenizer vertex_ai_audio_api
""".split())
cdef object _ABOVE = None   # price fields LiteLLM appends: ..._above_<N>k_tokens[_batches]
FIREWORKS_CAPABILITIES = ("supports_function_calling", "supports_reasoning", "supports_vision", "supports_pdf_input")
SCHEMA_PROVIDERS = frozenset(("predibase", "fireworks_ai", "lm_studio", "nebius", "databricks"))


cdef str _fireworks_short(str model):
    if model.startswith("fireworks_ai/"):
        model = model[len("fireworks_ai/"):]
    if model.startswith("accounts/fireworks/models/"):
        model = model[len("accounts/fireworks/models/"):]
    return model


cdef object _fireworks_capability(str model, str field):
    # An exact entry first, then the longest fireworks_ai entry whose name matches on hyphen boundaries.
    short = _fireworks_short(model)
    table = model_cost()
    names = [model, "fireworks_ai/" + short, "fireworks_ai/accounts/fireworks/models/" + short]
    if _fireworks_key(model).startswith("fireworks_ai/accounts/fireworks/routers/firerouter/"):
        names.append("fireworks_ai/accounts/fireworks/routers/firerouter")
    for name in names:
        entry = table.get(name)
        if isinstance(entry, dict) and entry.get(field) is not None:
            return entry[field]
    best = None
    best_len = -1
    for key, entry in table.items():
        if not isinstance(key, str) or not key.startswith("fireworks_ai/") or not isinstance(entry, dict):
            continue
        k = _fireworks_short(key)
        if not k or entry.get(field) is None:
            continue
        if (short == k or short.startswith(k + "-") or short.endswith("-" + k) or ("-" + k + "-") in short) \
                and len(k) > best_len:
            best, best_len = entry[field], len(k)
    return best


cdef dict _provider_info(object model, object provider):
    """What LiteLLM's provider configs add to the data file (xai: web search; fireworks_ai: tools, caching)."""
    if provider == "xai":
        return {"supports_web_search": True}
    if provider != "fireworks_ai" or not isinstance(model, str):
        return {}
    out = {"supports_function_calling": True, "supports_prompt_caching": True}
    values = {f: _fireworks_capability(model, f) for f in FIREWORKS_CAPABILITIES}
    if values["supports_function_calling"] is not None:
        out["supports_function_calling"] = values["supports_function_calling"]
    if values["supports_reasoning"]:
        out["supports_reasoning"] = values["supports_reasoning"]
    for f in ("supports_vision", "supports_pdf_input"):
        if values[f] is not None:
            out[f] = values[f]
    return out


cdef dict _info_dict(str key, dict info, object p):
    global _ABOVE
    if _ABOVE is None:
            _ABOVE = re.compile(r"_above_\d+k?_tokens(?:_batches)?$")
    cdef dict out = {}
    for f in INFO_FIELDS:
        out[f] = info.get(f)
    out["key"] = key
    out["input_cost_per_token"] = info.get("input_cost_per_token") or 0
    out["output_cost_per_token"] = info.get("output_cost_per_token") or 0
    out["litellm_provider"] = info.get("litellm_provider", p)
    for f, v in info.items():
        if f not in out and isinstance(f, str) and _ABOVE.search(f):
            out[f] = v
    return out


cdef object _supported_params(object model, object provider):
    try:
        if provider is None:
            head = model.partition("/")[0] if isinstance(model, str) else None
            if head in DECLARED_PROVIDERS:
                provider = head
            else:
                _, provider, _, _ = get_llm_provider(model)
        return get_supported_openai_params(model=model, custom_llm_provider=provider)
    except Exception:
        return None


def get_model_info(model, custom_llm_provider=None, api_base=None, api_key=None):
    """LiteLLM's get_model_info: prices, limits and capabilities of `model` (a new dict each call).
    Raises ModelNotMappedError for a model no entry or rule describes."""
    model_cost()
    model, custom_llm_provider = model_args(model, custom_llm_provider)
    ck = _cache_key("info", model, custom_llm_provider)
    hit = _cached(ck) if ck is not None else None
    if hit is None:
        supported = _supported_params(model, custom_llm_provider)
        hit = dict(price_info(model, custom_llm_provider), supported_openai_params=supported)
        if ck is not None:
            _remember(ck, hit)
    out = dict(<dict>hit)
    supported = out["supported_openai_params"]
    if supported is not None:
        out["supported_openai_params"] = list(supported)
    return out


cpdef dict price_info(object model, object provider):
    """The info get_model_info gives (without supported_openai_params), for pricing; a shared dict, not a copy."""
    model_cost()
    model, provider = model_args(model, provider)
    ck = _cache_key("price", model, provider)
    hit = _cached(ck) if ck is not None else None
    if hit is not None:
        return <dict>hit
    key, info, p = _find(model, provider)
    out = _info_dict(key, info, p)
    if provider is not None:
        for f, v in _provider_info(model, provider).items():
            if v is not None:
                out[f] = v
    if ck is not None:
        _remember(ck, out)
    return out


cpdef tuple model_args(object model, object provider):
    """model and provider as plain str (str enums accepted), or a BadRequestError naming the argument."""
    model, provider = plain_str(model), plain_str(provider)
    if not isinstance(model, str):
        raise BadRequestError(f"`model` must be a str, got {type(model).__name__}", None, None, param="model")
    if provider is not None and not isinstance(provider, str):
        raise BadRequestError(f"`custom_llm_provider` must be a str, got {type(provider).__name__}", model, None,
                              param="custom_llm_provider")
    return model, provider


cdef inline object _cache_key(str kind, object model, object provider):
    if isinstance(model, str) and (provider is None or isinstance(provider, str)):
        return (kind, model, provider)
    return None


def get_max_tokens(model):
    """LiteLLM's get_max_tokens: an exact entry's max_output_tokens (else max_tokens)."""
    table = model_cost()
    model, _ = model_args(model, None)
    shown = model
    cdef bint split
    for split in (False, True):
        name = model
        if split:
            try:
                name, _, _, _ = get_llm_provider(model)
            except Exception:
                break
            shown = name
        entry = table.get(name) if isinstance(name, str) else None
        if isinstance(entry, dict):
            if "max_output_tokens" in entry:
                return entry["max_output_tokens"]
            if "max_tokens" in entry:
                return entry["max_tokens"]
            if split:
                return None
    raise ModelNotMappedError(f"Model {shown} isn't mapped yet. Register it with fastcore.register_model(), or "
                              f"add it to LiteLLM's model_prices_and_context_window.json.", None, shown)


cdef bint _supports(object model, object provider, str field):
    model_cost()
    model, provider = plain_str(model), plain_str(provider)
    if not isinstance(model, str) or not (provider is None or isinstance(provider, str)):
        return False        # as LiteLLM: a check never raises
    key = (field, model, provider)
    hit = _cached(key)
    if hit is not None:
        return hit
    return _supports_uncached(model, provider, field, key)


cdef bint _supports_uncached(object model, object provider, str field, object cache_key=None):
    declared = provider if provider in DECLARED_PROVIDERS else None
    if provider is None and isinstance(model, str) and model.partition("/")[0] in DECLARED_PROVIDERS:
        declared = model.partition("/")[0]
    if declared is not None:
        if isinstance(model, str) and model.startswith(declared + "/"):
            model = model[len(declared) + 1:]
        provider = declared
    else:
        try:
            model, provider, _, _ = get_llm_provider(model, provider)
        except Exception:
            return _provider_info(model, provider).get(field) is True
    try:
        _, info, _ = _find(model, provider)
    except ModelNotMappedError:
        return _provider_info(model, provider).get(field) is True
    value = info.get(field)
    cdef bint answer
    if value is True or value is False:
        answer = value
    else:
        k = _key(model) if isinstance(model, str) else None
        answer = (k is not None and isinstance(_COST[k], dict) and _COST[k].get(field) is True) or \
            _provider_info(model, provider).get(field) is True
    if cache_key is not None:
        _remember(cache_key, answer)
    return answer


def supports_function_calling(model, custom_llm_provider=None):
    """Whether LiteLLM's model data says `model` supports function calling."""
    return _supports(model, custom_llm_provider, "supports_function_calling")


def supports_parallel_function_calling(model, custom_llm_provider=None):
    """Whether LiteLLM's model data says `model` supports parallel function calling."""
    return _supports(model, custom_llm_provider, "supports_parallel_function_calling")


def supports_vision(model, custom_llm_provider=None):
    """Whether LiteLLM's model data says `model` supports vision."""
    return _supports(model, custom_llm_provider, "supports_vision")


def supports_reasoning(model, custom_llm_provider=None):
    """Whether LiteLLM's model data says `model` supports reasoning."""
    return _supports(model, custom_llm_provider, "supports_reasoning")


def supports_prompt_caching(model, custom_llm_provider=None):
    """Whether LiteLLM's model data says `model` supports prompt caching."""
    return _supports(model, custom_llm_provider, "supports_prompt_caching")


def supports_audio_input(model, custom_llm_provider=None):
    """Whether LiteLLM's model data says `model` supports audio input."""
    return _supports(model, custom_llm_provider, "supports_audio_input")


def supports_audio_output(model, custom_llm_provider=None):
    """Whether LiteLLM's model data says `model` supports audio output."""
    return _supports(model, custom_llm_provider, "supports_audio_output")


def supports_pdf_input(model, custom_llm_provider=None):
    """Whether LiteLLM's model data says `model` supports pdf input."""
    return _supports(model, custom_llm_provider, "supports_pdf_input")


def supports_web_search(model, custom_llm_provider=None):
    """Whether LiteLLM's model data says `model` supports web search."""
    return _supports(model, custom_llm_provider, "supports_web_search")


def supports_tool_choice(model, custom_llm_provider=None):
    """Whether LiteLLM's model data says `model` supports tool choice."""
    return _supports(model, custom_llm_provider, "supports_tool_choice")


def supports_system_messages(model, custom_llm_provider=None):
    """Whether LiteLLM's model data says `model` takes system messages."""
    return _supports(model, custom_llm_provider, "supports_system_messages")


def supports_response_schema(model, custom_llm_provider=None):
    """Whether `model` takes a JSON schema response_format (always, for providers LiteLLM lists)."""
    model, custom_llm_provider = plain_str(model), plain_str(custom_llm_provider)
    if not isinstance(model, str) or not (custom_llm_provider is None or isinstance(custom_llm_provider, str)):
        return False
    try:
        bare, provider, _, _ = get_llm_provider(model, custom_llm_provider)
    except Exception:
        return False
    if provider in SCHEMA_PROVIDERS:
        return True
    return _supports(model, custom_llm_provider, "supports_response_schema")


def register_model(model_cost, *, persist_across_reloads=True, warning_display_name=None, custom_llm_provider=None):
    """Add or override model table entries: {name: {field: value}}, or the path of a JSON file of them.

    As in LiteLLM, an entry goes to the key the name resolves to (`openai/gpt-4o-mini`
    updates `gpt-4o-mini`), None values are skipped, numbers given as strings are
    converted and a dict value is merged one level deep. Every lookup sees it at once.
    """
    given = model_cost
    if isinstance(model_cost, (str, os.PathLike)):
        path = os.fspath(model_cost)
        if path.startswith(("http://", "https://")):
            raise BadRequestError("register_model takes a dict or a local JSON file: fastcore never fetches a URL",
                                  None, None, param="model_cost")
        import json
        try:
            with open(path, encoding="utf-8") as f:
                model_cost = json.load(f)
        except (OSError, ValueError) as e:
            raise BadRequestError(f"cannot read model entries from {path}: {e}", None, None,
                                  param="model_cost") from None
    if not isinstance(model_cost, dict):
        raise BadRequestError(f"register_model takes a dict of model entries, got {type(model_cost).__name__}",
                              None, None, param="model_cost")
    for name, value in list(model_cost.items()):
        if not isinstance(name, str) or not isinstance(value, dict):
            raise BadRequestError(f"each entry must be name -> dict, got {name!r} -> {type(value).__name__}", None,
                                  None, param="model_cost")
    table = _table()     # `model_cost` is the argument here (LiteLLM's name for it)
    for name, value in list(model_cost.items()):
        target = name
        if value.get("litellm_provider") not in DECLARED_PROVIDERS and name.partition("/")[0] not in DECLARED_PROVIDERS:
            try:
                key, _, _ = _find(name, custom_llm_provider)
            except Exception:
                key = None
            if key is not None and key in table:
                target = key
        entry = table.get(target)
        if not isinstance(entry, dict):
            entry = table[target] = {}
        for field, v in value.items():
            if v is None:
                continue
            if isinstance(v, str):
                v = _number(v)
            if isinstance(v, dict) and isinstance(entry.get(field), dict):
                entry[field] = {**entry[field], **v}
            else:
                entry[field] = v
    _invalidate()
    return given


cdef object _number(str v):
    try:
        return float(v) if ("e" in v or "E" in v or "." in v) else int(v)
    except ValueError:
        return v


cdef dict _table():
    return model_cost()
