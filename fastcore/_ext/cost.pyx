# cython: language_level=3
"""cost_per_token and completion_cost with LiteLLM's arithmetic.

Prices come from get_model_info (the bundled table). The prompt side sums, in
LiteLLM's order, text, cache reads, audio, image and video tokens and then the
cache-write subtotal; the completion side text, audio, reasoning, image and
video tokens. Float additions happen in the same order as LiteLLM's, so the
results are the same doubles. Above-threshold prices switch every rate once the
prompt passes the threshold; a service tier reads the suffixed keys.
"""
import re

from fastcore._ext.safety cimport plain_str
from fastcore._ext.models cimport _cached, _generation, _remember, model_args, model_cost, price_info
from fastcore._ext.providers cimport get_llm_provider, is_valid_provider
from fastcore._ext.response cimport (
    CompletionTokensDetailsWrapper, PromptTokensDetailsWrapper, Usage as _Usage, _Record, _dict,
)

from fastcore._ext.response import Usage
from fastcore._ext.tokens import token_counter
from fastcore.exceptions import BadRequestError, ModelNotMappedError

TIER_SUFFIXES = ("_ultrafast", "_balanced", "_priority", "_auto", "_flex", "_fast")
TIERS = {"flex": "flex", "balanced": "balanced", "priority": "priority", "fast": "priority", "ultrafast": "ultrafast"}
THRESHOLD_PREFIXES = ("input_cost_per_token_above_", "output_cost_per_token_above_",
                      "cache_read_input_token_cost_above_", "cache_creation_input_token_cost_above_")
PER_SECOND_MODES = (None, "chat", "completion", "embedding", "responses", "audio_transcription")
VERTEX_TOKEN_FAMILIES = ("claude", "llama", "mistral", "jamba", "codestral", "gemma", "gemini-2")
# Providers whose own cost functions LiteLLM has and fastcore does not (docs/compat.md).
NOT_PRICED = frozenset(("dashscope", "qwencloud", "qwen_ai_platform"))
cdef object _THRESHOLD = re.compile(r"_above_(\d+)(k?)_tokens")


cdef object _num(object v):
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, float):
        return v
    if isinstance(v, int):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v)
        except ValueError:
            return None
    return None


cdef object _price(dict mi, str key, object default):
    v = _num(mi.get(key))
    if v is not None:
        return v
    for suffix in TIER_SUFFIXES:
        if suffix in key:
            base = _num(mi.get(key.replace(suffix, "", 1)))
            if base is not None:
                return base
            break
    return default


cdef str _tiered(str key, object tier):
    return key if tier is None else f"{key}_{tier}"


cdef object _tier_of(object service_tier):
    if not isinstance(service_tier, str):
        return None
    return TIERS.get(service_tier.lower())


cdef object _attr(object obj, str name):
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


cdef inline object _extra(object obj, dict extras, str name):
    # A field read from our own objects' __dict__ (fetched once), others' by getattr.
    if extras is not None:
        return extras.get(name)
    return _attr(obj, name)


cdef inline dict _extras_of(object obj, type cls):
    # The __dict__ of `obj` when it is exactly `cls` (our compiled class), else None.
    if type(obj) is cls:
        d = _dict(<_Record>obj)
        return {} if d is None else d
    return None


cdef long long _int(object v):
    if v is None or isinstance(v, bool):
        return 0
    try:
        return int(v)
    except (TypeError, ValueError):
        return 0


cdef list _thresholds(dict mi, object tier):
    """(threshold, suffix) of the above-threshold price keys, ascending (memoized with the flat rates)."""
    found = {}
    for key in mi:
        if not isinstance(key, str) or not key.startswith(THRESHOLD_PREFIXES) or "_tokens" not in key:
            continue
        if key.endswith("_batches"):
            continue
        ends_tiered = key.endswith(TIER_SUFFIXES)
        if ends_tiered and not (tier is not None and key.endswith("_" + tier)):
            continue
        if mi[key] is None:
            continue
        matches = _THRESHOLD.findall(key)
        if not matches:
            continue
        digits, k = matches[-1]
        found[int(digits) * (1000 if k else 1)] = digits + k
    return sorted(found.items())


cdef tuple _base_rates(dict mi, long long prompt, object tier, bint inclusive):
    """(in, out, cache write, 1h cache write, cache read) for this prompt size and tier."""
    tiers = mi.get("tiered_pricing")
    if isinstance(tiers, list) and tiers:
        chosen = _tier_for(tiers, prompt)
        if chosen is not None:
            rate_in = _num(chosen.get("input_cost_per_token"))
            out = _num(chosen.get("output_cost_per_token"))
            if out is None:
                out = _price(mi, "output_cost_per_token", 0.0)
            cw = _num(chosen.get("cache_creation_input_token_cost"))
            cw = rate_in if cw is None else cw
            cw1h = _num(chosen.get("cache_creation_input_token_cost_above_1hr"))
            if cw1h is None:
                cw1h = _num(chosen.get("cache_creation_input_token_cost"))
            cw1h = cw1h or cw
            cr = _num(chosen.get("cache_read_input_token_cost"))
            return rate_in, out, cw, cw1h, (rate_in if cr is None else cr)
    # The flat rates of a price dict and tier, and its thresholds, are worked out once.
    global _LAST_RATES
    memo = _LAST_RATES
    if memo is None or (<tuple>memo)[0] is not mi or (<tuple>memo)[3] is not tier:
        memo_key = (id(mi), tier)
        memo = _RATES.get(memo_key)
        if memo is None or (<tuple>memo)[0] is not mi:
            memo = (mi, _flat_rates(mi, tier), _thresholds(mi, tier), tier)
            if len(_RATES) >= 4096:
                _RATES.clear()
            _RATES[memo_key] = memo
        _LAST_RATES = memo
    flat, crossed = (<tuple>memo)[1], (<tuple>memo)[2]
    if not crossed or prompt < (<tuple>(<list>crossed)[0])[0] or (prompt == (<tuple>(<list>crossed)[0])[0]
                                                                  and not inclusive):
        return flat
    rate_in, out, cw, cw1h, cr = _flat_rates(mi, tier, False)
    for threshold, label in crossed:
        if prompt > threshold or (inclusive and prompt >= threshold):
            suffix = f"_above_{label}_tokens"
            rate_in = _price(mi, _tiered("input_cost_per_token" + suffix, tier), rate_in)
            out = _price(mi, _tiered("output_cost_per_token" + suffix, tier), out)
            cw = _price(mi, _tiered("cache_creation_input_token_cost" + suffix, tier), cw)
            cw1h = _price(mi, _tiered("cache_creation_input_token_cost_above_1hr" + suffix, tier), cw1h)
            cr = _price(mi, _tiered("cache_read_input_token_cost" + suffix, tier), cr)
    if cr is None:
        cr = rate_in
    if cw is None:
        cw = rate_in
    return rate_in, out, cw, cw1h, cr


cdef dict _RATES = {}       # (id(mi), tier) -> (mi, flat rates, thresholds, tier); holds mi, so the id stays its own
cdef object _LAST_RATES = None      # the entry used last: a repeated model skips the lookup


cdef tuple _flat_rates(dict mi, object tier, bint fill=True):
    """The rates before any threshold; `fill`: missing cache rates take the input rate."""
    rate_in = _price(mi, _tiered("input_cost_per_token", tier), 0.0)
    out = _price(mi, _tiered("output_cost_per_token", tier), 0.0)
    if out == 0.0 and mi.get("output_cost_per_image_token") is not None:
        out = _price(mi, "output_cost_per_image_token", out)
    cw = _price(mi, _tiered("cache_creation_input_token_cost", tier), None)
    cw1h = _price(mi, "cache_creation_input_token_cost_above_1hr", None)
    cr = _price(mi, _tiered("cache_read_input_token_cost", tier), None)
    if fill:
        if cr is None:
            cr = rate_in
        if cw is None:
            cw = rate_in
    return rate_in, out, cw, cw1h, cr


cdef object _tier_for(list tiers, long long prompt):
    if prompt <= 0:
        return None
    chosen = None
    for t in tiers:
        if not isinstance(t, dict):
            continue
        r = t.get("range")
        if isinstance(r, (list, tuple)) and len(r) == 2 and r[0] < prompt <= r[1]:
            chosen = t
            break
    if chosen is None:
        last = tiers[-1]
        r = last.get("range") if isinstance(last, dict) else None
        if isinstance(r, (list, tuple)) and len(r) == 2 and prompt > r[1]:
            chosen = last
    if chosen is None or chosen.get("input_cost_per_token") is None:
        return None
    return chosen


cdef object _modality(dict mi, long long n, str key, object tier, object fallback):
    tiered = _tiered(key, tier)
    chosen = tiered if mi.get(tiered) is not None else key
    if mi.get(chosen) is None:
        return float(n) * fallback
    return float(n) * _price(mi, chosen, fallback)


cdef tuple _generic(dict mi, object usage, object service_tier, bint inclusive=False, object data_residency=None,
                    object vertex_location=None):
    """LiteLLM's generic_cost_per_token: (prompt cost, completion cost)."""
    tier = _tier_of(service_tier)
    cdef long long P, C
    cdef _Usage u
    cdef PromptTokensDetailsWrapper pd
    if type(usage) is _Usage:           # our own usage: typed fields, no attribute lookups
        u = <_Usage>usage
        P, C, d = _int(u.prompt_tokens), _int(u.completion_tokens), u.prompt_tokens_details
    else:
        P, C = _int(_attr(usage, "prompt_tokens")), _int(_attr(usage, "completion_tokens"))
        d = _attr(usage, "prompt_tokens_details")
    cdef long long hit = 0, cw_n = 0, hit_audio = 0, hit_text = 0, hit_image = 0, t, a = 0, im = 0, v = 0, unc
    cdef long long chars = 0, images = 0, video_secs = 0, audio_secs = 0, queries = 0, text_n
    cdef dict dx
    cw_details = None
    if d is None:
        t = P
    else:
        dx = _extras_of(d, PromptTokensDetailsWrapper)
        if dx is not None:
            pd = <PromptTokensDetailsWrapper>d
            hit, text_n, a, im, v = (_int(pd.cached_tokens), _int(pd.text_tokens), _int(pd.audio_tokens),
                                     _int(pd.image_tokens), _int(pd.video_tokens))
        else:
            hit, text_n, a, im, v = (_int(_attr(d, "cached_tokens")), _int(_attr(d, "text_tokens")),
                                     _int(_attr(d, "audio_tokens")), _int(_attr(d, "image_tokens")),
                                     _int(_attr(d, "video_tokens")))
        cw_n = _int(_extra(d, dx, "cache_write_tokens")) or _int(_extra(d, dx, "cache_creation_tokens"))
        cw_details = _extra(d, dx, "cache_creation_token_details")
        cached_details = _extra(d, dx, "cached_tokens_details")
        if cached_details is not None:
            hit_audio = _int(_attr(cached_details, "audio_tokens"))
            hit_text = _int(_attr(cached_details, "text_tokens"))
            hit_image = _int(_attr(cached_details, "image_tokens"))
        hit_audio = min(hit_audio, hit)
        hit_text = min(hit_text, hit - hit_audio)
        hit_image = min(hit_image, hit - hit_audio - hit_text)
        t = max(text_n - hit_text, 0)
        a = max(a - hit_audio, 0)
        im = max(im - hit_image, 0)
        v = max(v, 0)
        if dx is None or dx:
            chars = _int(_extra(d, dx, "character_count"))
            images = _int(_extra(d, dx, "image_count"))
            video_secs = _int(_extra(d, dx, "video_length_seconds"))
            audio_secs = _int(_extra(d, dx, "audio_length_seconds"))
            queries = _int(_extra(d, dx, "query_count"))
        if (hit > 0 or cw_n > 0) and t + hit + a + cw_n + im + v > P:
            unc = max(P - hit - cw_n, 0)
            a = min(a, unc)
            im = min(im, unc - a)
            v = min(v, unc - a - im)
            t = unc - a - im - v
        elif t == 0 and images == 0:
            t = max(P - hit - a - cw_n - im - v, 0)
    rate_in, out, cw, cw1h, cr = _base_rates(mi, P, tier, inclusive)
    if cw1h is None:
        cw1h = cw
    pc = 0.0 if (chars > 0 and mi.get("input_cost_per_character") is not None) else float(t) * rate_in
    pc += float(hit - hit_audio) * cr
    if hit_audio:       # LiteLLM's term for no cached audio adds 0.0, which leaves the double as it is
        acr = _price(mi, _tiered("cache_read_input_audio_token_cost", tier), None)
        pc += float(hit_audio) * (acr if acr is not None else cr)
    if a and not (audio_secs and mi.get("input_cost_per_audio_per_second") is not None):
        pc += _modality(mi, a, "input_cost_per_audio_token", tier, rate_in)
    if im and not (images and mi.get("input_cost_per_image") is not None):
        pc += _modality(mi, im, "input_cost_per_image_token", tier, rate_in)
    if v and not (video_secs and mi.get("input_cost_per_video_per_second") is not None):
        pc += _modality(mi, v, "input_cost_per_video_token", tier, rate_in)
    if cw_n or cw_details is not None:
        w = 0.0
        if cw_details is not None:
            n5 = _attr(cw_details, "ephemeral_5m_input_tokens")
            n1 = _attr(cw_details, "ephemeral_1h_input_tokens")
            w += (n5 * cw) if n5 is not None else 0.0
            w += (n1 * cw1h) if n1 is not None else 0.0
        else:
            w += cw_n * cw
        pc += w
    if chars:
        rate = _num(mi.get("input_cost_per_character"))
        pc += float(chars) * rate if rate is not None else 0.0
    if images and _num(mi.get("input_cost_per_image")) is not None:
        pc += float(images) * _num(mi.get("input_cost_per_image"))
    if video_secs and _num(mi.get("input_cost_per_video_per_second")) is not None:
        pc += float(video_secs) * _num(mi.get("input_cost_per_video_per_second"))
    if audio_secs and _num(mi.get("input_cost_per_audio_per_second")) is not None:
        pc += float(audio_secs) * _num(mi.get("input_cost_per_audio_per_second"))
    if queries and _num(mi.get("input_cost_per_query")) is not None:
        pc += float(queries) * _num(mi.get("input_cost_per_query"))
    cc = _completion(mi, usage, C, out, tier, P)
    m = None
    if data_residency in ("eu", "us"):
        m = _num(mi.get(f"regional_processing_uplift_multiplier_{data_residency}"))
    if m is not None and m != 1.0:
        pc *= m
        cc *= m
    if vertex_location is not None and vertex_location != "global":
        m = _num(mi.get("regional_endpoint_uplift_multiplier"))
        if m is not None and m != 1.0:
            pc *= m
            cc *= m
    return pc, cc


cdef object _completion(dict mi, object usage, long long C, object out, object tier, long long P):
    cd = (<_Usage>usage).completion_tokens_details if type(usage) is _Usage else _attr(usage,
                                                                                     "completion_tokens_details")
    cdef long long ca = 0, reported = 0, r = 0, ci = 0, cv = 0, nested, ct
    cdef CompletionTokensDetailsWrapper cdw
    if type(cd) is CompletionTokensDetailsWrapper:
        cdw = <CompletionTokensDetailsWrapper>cd
        ca, reported, r, ci = _int(cdw.audio_tokens), _int(cdw.text_tokens), _int(cdw.reasoning_tokens), \
            _int(cdw.image_tokens)
        cv = max(_int(cdw.video_tokens), 0)
    elif cd is not None:
        ca = _int(_attr(cd, "audio_tokens"))
        reported = _int(_attr(cd, "text_tokens"))
        r = _int(_attr(cd, "reasoning_tokens"))
        ci = _int(_attr(cd, "image_tokens"))
        cv = max(_int(_attr(cd, "video_tokens")), 0)
    nested = min(r, reported, max(reported + r + ca + ci + cv - C, 0))
    ct = reported - nested
    cdef bint is_total = False
    if ct == 0:
        if ci > 0 or ca > 0 or r > 0 or cv > 0:
            ct = max(0, C - r - ca - ci - cv)
        else:
            ct = C
            is_total = True
    cc = float(ct) * out
    if is_total:
        return cc
    if ca > 0:
        p = _price(mi, "output_cost_per_audio_token", None)
        cc += float(ca) * (out if p is None else p)
    if r > 0:
        cc += float(r) * _reasoning_rate(mi, out, tier, P)
    if ci > 0:
        p = _price(mi, "output_cost_per_image_token", None)
        cc += float(ci) * (out if p is None else p)
    if cv > 0:
        p = _price(mi, "output_cost_per_video_token", None)
        cc += float(cv) * (out if p is None else p)
    return cc


cdef object _reasoning_rate(dict mi, object out, object tier, long long P):
    tiers = mi.get("tiered_pricing")
    if isinstance(tiers, list) and tiers:
        chosen = _tier_for(tiers, P)
        if chosen is not None and (chosen.get("output_cost_per_reasoning_token") is not None
                                   or chosen.get("output_cost_per_token") is not None):
            v = _num(chosen.get("output_cost_per_reasoning_token"))
            return v if v is not None else _num(chosen.get("output_cost_per_token"))
    if tier is not None and mi.get(f"output_cost_per_reasoning_token_{tier}") is not None:
        return _num(mi[f"output_cost_per_reasoning_token_{tier}"])
    if tier is not None and mi.get(f"output_cost_per_token_{tier}") is not None:
        return out
    v = _num(mi.get("output_cost_per_reasoning_token"))
    return out if v is None else v


# ---------------------------------------------------------------- providers ----

cdef object _simple_usage(long long prompt, long long completion):
    return Usage(prompt_tokens=prompt, completion_tokens=completion, total_tokens=prompt + completion)


# Providers _route prices by a formula of their own; the rest are generic.
cdef enum:
    R_GENERIC = 0
    R_LEMONADE
    R_XAI
    R_PERPLEXITY
    R_VERTEX
    R_ANTHROPIC
    R_FAMILY            # LiteLLM's generic_cost_per_token callers (openai, azure, gemini, ...)
    R_OPENAI
    R_FIREWORKS

cdef dict _ROUTES = {"lemonade": R_LEMONADE, "xai": R_XAI, "perplexity": R_PERPLEXITY, "vertex_ai": R_VERTEX,
                     "anthropic": R_ANTHROPIC, "openai": R_OPENAI, "fireworks_ai": R_FIREWORKS}
for _p in ("azure", "gemini", "deepseek", "tencent", "bedrock", "databricks", "azure_ai"):
    _ROUTES[_p] = R_FAMILY


cdef tuple _route(str model, str provider, dict mi, int route, object usage, object service_tier,
                  double response_time_ms, object data_residency, object vertex_location):
    if route == R_LEMONADE:
        return 0.0, 0.0
    in_rate, out_rate = _num(mi.get("input_cost_per_token")) or 0.0, _num(mi.get("output_cost_per_token")) or 0.0
    if in_rate <= 0 and out_rate <= 0 and not mi.get("tiered_pricing") and mi.get("mode") in PER_SECOND_MODES:
        for f in ("cost_per_second", "input_cost_per_second", "output_cost_per_second"):
            rate = _num(mi.get(f))
            if rate is not None:
                return rate * response_time_ms / 1000, 0.0
    if route == R_GENERIC:
        if in_rate > 0 or out_rate > 0 or mi.get("tiered_pricing"):
            return _generic(mi, usage, service_tier)
        return 0.0, 0.0
    if route == R_OPENAI or route == R_FAMILY:
        return _generic(mi, usage, service_tier, False, data_residency if route == R_OPENAI else None)
    if route == R_XAI or route == R_PERPLEXITY:
        stated = _attr(usage, "cost")
        if isinstance(stated, dict):
            stated = stated.get("total_cost")
        if isinstance(stated, (int, float)) and not isinstance(stated, bool) and stated == stated and stated >= 0:
            return 0.0, float(stated)
    if route == R_PERPLEXITY:
        return _perplexity(mi, usage)
    if route == R_XAI:
        P, C = _int(_attr(usage, "prompt_tokens")), _int(_attr(usage, "completion_tokens"))
        total = _int(_attr(usage, "total_tokens"))
        reasoning = _int(_attr(_attr(usage, "completion_tokens_details"), "reasoning_tokens"))
        plain = _simple_usage(P, C if total == P + C else C + reasoning)
        plain.prompt_tokens_details = _attr(usage, "prompt_tokens_details")
        return _generic(mi, plain, service_tier, True)
    if route == R_VERTEX:
        lowered = model.lower()
        if any(f in lowered for f in VERTEX_TOKEN_FAMILIES) and (
                mi.get("input_cost_per_token_above_128k_tokens") is not None
                or mi.get("output_cost_per_token_above_128k_tokens") is not None):
            return _vertex_128k(mi, usage, vertex_location)
        return _generic(mi, usage, service_tier, False, None, vertex_location)
    if route == R_ANTHROPIC:
        pc, cc = _generic(mi, usage, service_tier)
        special = mi.get("provider_specific_entry")
        if isinstance(special, dict):
            if _attr(usage, "speed") == "fast":
                f = _num(special.get("fast", 1.0))
                if f is not None and f != 1.0:
                    pc, cc = pc * f, cc * f
            geo = _attr(usage, "inference_geo")
            if isinstance(geo, str) and geo not in ("global", "not_available"):
                f = _num(special.get(geo.lower(), 1.0))
                if f is not None and f != 1.0:
                    pc, cc = pc * f, cc * f
        return pc, cc
    # fireworks_ai: priced at its base rates whatever the tier, cache reads at half the input rate by default.
    if mi.get("cache_read_input_token_cost") is None:
        mi = dict(mi, cache_read_input_token_cost=in_rate * 0.5)
    return _generic(mi, usage, None)


cdef tuple _perplexity(dict mi, object usage):
    # LiteLLM's own Perplexity formula: no cache split; reasoning at its own rate where one is given.
    P, C = _int(_attr(usage, "prompt_tokens")), _int(_attr(usage, "completion_tokens"))
    in_rate, out_rate = _num(mi.get("input_cost_per_token")) or 0.0, _num(mi.get("output_cost_per_token")) or 0.0
    pc = P * in_rate
    citations = _int(_attr(usage, "citation_tokens"))
    citation_rate = _num(mi.get("citation_cost_per_token"))
    if citations and citation_rate is not None:
        pc += citations * citation_rate
    r = _int(_attr(usage, "reasoning_tokens")) or _int(_attr(_attr(usage, "completion_tokens_details"),
                                                              "reasoning_tokens"))
    reasoning_rate = _num(mi.get("output_cost_per_reasoning_token"))
    if r and reasoning_rate is not None:
        cc = max(0, C - r) * out_rate + r * reasoning_rate
    else:
        cc = C * out_rate
    return pc, cc


cdef tuple _vertex_128k(dict mi, object usage, object vertex_location):
    P, C = _int(_attr(usage, "prompt_tokens")), _int(_attr(usage, "completion_tokens"))
    in_rate, out_rate = _num(mi.get("input_cost_per_token")) or 0.0, _num(mi.get("output_cost_per_token")) or 0.0
    above_in = _num(mi.get("input_cost_per_token_above_128k_tokens"))
    above_out = _num(mi.get("output_cost_per_token_above_128k_tokens"))
    pc = P * (above_in if P > 128000 and above_in else in_rate)
    cc = C * (above_out if C > 128000 and above_out else out_rate)
    if vertex_location is not None and vertex_location != "global":
        m = _num(mi.get("regional_endpoint_uplift_multiplier"))
        if m is not None and m != 1.0:
            pc, cc = pc * m, cc * m
    return pc, cc


# ------------------------------------------------------------------ public ----

cdef tuple _key_and_provider(object model, object provider):
    model, provider = model_args(model, provider)
    table = model_cost()
    if provider:
        while model.startswith(f"{provider}/{provider}/"):
            model = model[len(provider) + 1:]
        with_provider = model if model.startswith(provider + "/") else f"{provider}/{model}"
    else:
        try:
            _, provider, _, _ = get_llm_provider(model)
        except Exception:
            raise BadRequestError(f"LLM Provider NOT provided: cannot tell the provider of model={model}; pass "
                                  f"custom_llm_provider or a 'provider/model' name", model, None,
                                  param="model") from None
        with_provider = model
    bare = model.split("/", 1)[1] if "/" in model else None
    if with_provider in table:
        key = with_provider
    elif model in table:
        key = model
    elif bare is not None and bare in table:
        key = bare
    else:
        key = model
    return key, provider


def cost_per_token(model="", prompt_tokens=0, completion_tokens=0, response_time_ms=0.0, custom_llm_provider=None,
                   region_name=None, prompt_characters=None, completion_characters=None,
                   cache_creation_input_tokens=0, cache_read_input_tokens=0, custom_cost_per_token=None,
                   custom_cost_per_second=None, usage_object=None, call_type="completion", service_tier=None,
                   data_residency=None, vertex_location=None, response=None, request_model=None):
    """LiteLLM's cost_per_token: (prompt cost, completion cost) in USD."""
    if model is None:
        raise BadRequestError("Invalid arg. Model cannot be none.", None, None, param="model")
    for name, v in (("prompt_tokens", prompt_tokens), ("completion_tokens", completion_tokens),
                    ("cache_read_input_tokens", cache_read_input_tokens),
                    ("cache_creation_input_tokens", cache_creation_input_tokens)):
        if v is not None and (type(v) is not int or v < 0 or v >= 1 << 63):
            raise BadRequestError(f"`{name}` must be a non-negative int (64 bits)", None, None, param=name)
    usage = usage_object
    if usage is None:
            usage = Usage(prompt_tokens=prompt_tokens or 0, completion_tokens=completion_tokens or 0,
                      total_tokens=(prompt_tokens or 0) + (completion_tokens or 0),
                      cache_read_input_tokens=cache_read_input_tokens or 0,
                      cache_creation_input_tokens=cache_creation_input_tokens or 0)
    if custom_cost_per_token is not None and not (isinstance(custom_cost_per_token, dict) and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in custom_cost_per_token.values())):
        raise BadRequestError("`custom_cost_per_token` must be a dict of prices", None, None,
                              param="custom_cost_per_token")
    if custom_cost_per_second is not None and (isinstance(custom_cost_per_second, bool) or
                                               not isinstance(custom_cost_per_second, (int, float))):
        raise BadRequestError("`custom_cost_per_second` must be a number", None, None,
                              param="custom_cost_per_second")
    if custom_cost_per_token is not None or custom_cost_per_second is not None:
        return _custom(usage, prompt_tokens, completion_tokens, cache_read_input_tokens, cache_creation_input_tokens,
                       custom_cost_per_token, custom_cost_per_second, response_time_ms)
    return _priced(model, custom_llm_provider, usage, service_tier, float(response_time_ms or 0.0), data_residency,
                   vertex_location)


cdef tuple _priced(object model, object custom_llm_provider, object usage, object service_tier,
                   double response_time_ms, object data_residency, object vertex_location):
    cdef tuple r = _resolved(model, custom_llm_provider)
    return _route(<str>r[0], <str>r[1], <dict>r[2], <int>r[3], usage, service_tier, response_time_ms,
                  data_residency, vertex_location)


cdef tuple _resolved(object model, object custom_llm_provider):
    """(table key, provider, price dict, route) for a model name; kept in the model
    table's answers cache (cleared by register_model), never for a failure."""
    global _LAST_RESOLVED
    ck = None
    model_cost()                # loads the table on first use
    if type(model) is str and (custom_llm_provider is None or type(custom_llm_provider) is str):
        last = _LAST_RESOLVED
        if (last is not None and (<tuple>last)[4] == model and (<tuple>last)[5] == custom_llm_provider
                and <size_t>(<tuple>last)[6] == _generation()):
            return <tuple>last
        ck = ("cost", model, custom_llm_provider)
        hit = _cached(ck)
        if hit is not None:
            _LAST_RESOLVED = (<tuple>hit) + (model, custom_llm_provider, _generation())
            return <tuple>hit
    key, provider = _key_and_provider(model, custom_llm_provider)
    if provider in NOT_PRICED:
        raise ModelNotMappedError(f"fastcore does not price {provider} models yet (LiteLLM has its own formula "
                                  f"for them)", provider, model)
    cdef int route = _ROUTES.get(provider, R_GENERIC)
    mi = {} if route == R_LEMONADE else price_info(key, provider)
    out = (key, provider, mi, route)
    if ck is not None:
        _remember(ck, out)
    return out


cdef object _LAST_RESOLVED = None   # _resolved's last answer + (model, provider, table generation)


cdef tuple _custom(object usage, object prompt_tokens, object completion_tokens, object cache_read,
                   object cache_creation, object per_token, object per_second, object response_time_ms):
    if per_second is not None:
        return 0, per_second * (response_time_ms or 0.0) / 1000
    d = _attr(usage, "prompt_tokens_details")
    read = _int(_attr(d, "cached_tokens"))
    write = _int(_attr(d, "cache_write_tokens")) or _int(_attr(d, "cache_creation_tokens"))
    prompt = _int(_attr(usage, "prompt_tokens"))
    regular = max(prompt - read - write, 0)
    rate_in = per_token.get("input_cost_per_token", 0.0)
    cr = per_token.get("cache_read_input_token_cost", rate_in)
    cw = per_token.get("cache_creation_input_token_cost", rate_in)
    return (regular * rate_in + read * cr + write * cw,
            _int(_attr(usage, "completion_tokens")) * per_token.get("output_cost_per_token", 0.0))


cdef object _served_tier(object response, object usage, object service_tier, object optional_params):
    if isinstance(service_tier, str) and service_tier != "auto":
        return service_tier
    served = _attr(response, "service_tier") or _attr(usage, "service_tier")
    if isinstance(served, str):
        lowered = (<str>served).lower()
        if lowered in TIERS:
            return served
        if lowered == "default" or lowered == "standard":
            return None
    requested = (<dict>optional_params).get("service_tier") if isinstance(optional_params, dict) else None
    return requested if isinstance(requested, str) else None


cdef object _selected_name(dict hidden, object response_model, object model, object provider, object base_model):
    name = base_model
    if not name and hidden is not None:
        prm = hidden.get("provider_response_model")
        name = prm if isinstance(prm, str) and prm else None
    if not name:
        name = response_model or (hidden.get("model") if hidden is not None else None) or model
    name = plain_str(name)
    if not isinstance(name, str):
        return None
    if provider and not is_valid_provider((<str>name).partition("/")[0]):
        name = f"{provider}/{name}"
    return name


def completion_cost(completion_response=None, model=None, prompt="", messages=None, completion="", total_time=0.0,
                    call_type=None, custom_llm_provider=None, region_name=None, size=None, quality=None, n=None,
                    custom_cost_per_token=None, custom_cost_per_second=None, optional_params=None,
                    custom_pricing=None, base_model=None, standard_built_in_tools_params=None,
                    litellm_model_name=None, router_model_id=None, litellm_logging_obj=None, service_tier=None,
                    data_residency=None, vertex_location=None):
    """LiteLLM's completion_cost: the USD cost of a response, or of a prompt and completion given as text."""
    if model is not None or custom_llm_provider is not None:
        model, custom_llm_provider = model_args("" if model is None else model, custom_llm_provider)
        model = model or None
    if completion_response is None and model is None:
        raise BadRequestError("Model is None and does not exist in passed completion_response. Passed "
                              "completion_response=None, model=None", None, None, param="model")
    provider = custom_llm_provider
    if provider is None and isinstance(model, str):
        try:
            _, provider, _, _ = get_llm_provider(model)
        except Exception:
            provider = None
    cdef dict hidden = None
    usage = response_ms = response_model = None
    if completion_response is not None:
        h = _attr(completion_response, "_hidden_params")
        hidden = h if isinstance(h, dict) else None
        response_model = _attr(completion_response, "model")
        usage = _attr(completion_response, "usage")
        response_ms = _attr(completion_response, "_response_ms")
    tier = _served_tier(completion_response, usage, service_tier, optional_params)
    names = [_selected_name(hidden, response_model, model, provider, base_model)]
    if completion_response is not None:
        names.append(plain_str(response_model))
    if model is not None:
        names.append(model)
    cand_provider = custom_llm_provider
    if hidden is not None and hidden.get("custom_llm_provider"):
        cand_provider = hidden["custom_llm_provider"]
    error = None
    for name in names:
        if not isinstance(name, str) or not name:
            continue
        try:
            if cand_provider is None:
                try:
                    name, cand_provider, _, _ = get_llm_provider(name)
                except Exception:
                    pass
            use = usage
            if completion_response is None:
                use = _text_usage(name, prompt, messages, completion)
            elif use is None:
                use = _simple_usage(0, 0)
            if custom_cost_per_token is not None or custom_cost_per_second is not None:
                pc, cc = cost_per_token(model=name, usage_object=use, custom_llm_provider=cand_provider,
                                        response_time_ms=response_ms or total_time or 0.0,
                                        custom_cost_per_token=custom_cost_per_token,
                                        custom_cost_per_second=custom_cost_per_second)
            else:
                pc, cc = _priced(name, cand_provider, use, tier, float(response_ms or total_time or 0.0),
                                 data_residency, vertex_location)
            return pc + cc
        except Exception as e:
            error = e
    if error is None:
        raise BadRequestError("completion_cost needs a model: none was given or found on the response", None, None,
                              param="model")
    raise error


cdef object _text_usage(str name, object prompt, object messages, object completion):
    if messages:
        p = token_counter(model=name, messages=messages)
    elif prompt:
        p = token_counter(model=name, text=prompt)
    else:
        p = 0
    c = token_counter(model=name, text=completion) if completion else 0
    return _simple_usage(p, c)


def usage_cost(model, provider, usage):
    """The USD cost of `usage` for `model` of `provider` (LiteLLM's usage.cost on a stream's usage chunk),
    None when the model cannot be priced."""
    try:
        pc, cc = _priced(model, provider, usage, None, 0.0, None, None)
    except Exception:
        return None
    return pc + cc
