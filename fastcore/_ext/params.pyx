# cython: language_level=3
"""OpenAI-param support tables and the provider-specific rewrite of those params.

Everything a call needs is built once at import: each provider profile holds a
bitmask of accepted params, its ordered supported list and a rule table
(param -> (rule code, output key)). Per call the work is one profile lookup
(cached per provider and model) and one pass over the params the caller set.
"""
cdef extern from *:
    int __builtin_ctzll(unsigned long long x) nogil

from libc.math cimport isfinite

from fastcore._ext.safety cimport enter_recursion, leave_recursion, plain_str
from fastcore._ext.validate cimport check_names

import sys

from fastcore.exceptions import BadRequestError, UnsupportedParamsError
from fastcore.redact import short_repr

# Rule codes: how one param is written into the provider's request.
cdef enum:
    R_RENAME = 0
    R_DROP
    R_STREAM_TRUE
    R_STOP_LIST
    R_INT_TOKENS
    R_EXTRA_BODY
    R_TEMPERATURE_ONE
    R_TEMPERATURE_CLAMP
    R_ANTHROPIC_TOOLS
    R_ANTHROPIC_TOOL_CHOICE
    R_ANTHROPIC_RF_TOOL
    R_ANTHROPIC_RF_NATIVE
    R_ANTHROPIC_USER
    R_ANTHROPIC_EFFORT
    R_GEMINI_TOOLS
    R_GEMINI_TOOL_CHOICE
    R_GEMINI_RF
    R_GEMINI_EFFORT
    R_BEDROCK_TOOL_CHOICE
    R_BEDROCK_RF
    R_BEDROCK_PARALLEL
    R_MISTRAL_TOOL_CHOICE
    R_OLLAMA_RF
    R_THINK_FLAG
    R_GROQ_RF
    R_THINKING_ENABLED
    R_AUTO_TOOL_CHOICE_ONLY
    R_WATSONX_TOOL_CHOICE
    R_NON_EMPTY
    R_APPEND_TOOLS
    R_JSON_SCHEMA_ONLY
    R_ANTHROPIC_STOP        # R_STOP_LIST, whitespace-only stops dropped under the module's drop_params
    R_GEMINI_MODALITIES
    R_GEMINI_AUDIO

# extra_body modes: none, extras travel inside it, or an empty one is always
# sent while extras stay top-level (OpenRouter).
cdef enum:
    EB_NONE = 0
    EB_EXTRAS
    EB_EMPTY_ONLY

# Model matchers used by MODEL_VARIANTS.
cdef enum:
    M_PREFIX = 0
    M_CONTAINS
    M_O_SERIES
    M_GPT5
    M_BEDROCK_VENDOR
    M_ANY
    M_BEDROCK_INVOKE        # invoke/ route for one of these vendors

# Whole-request steps that do not belong to a single param.
cdef enum:
    P_NONE = 0
    P_THINKING_MAX_TOKENS
    P_OLLAMA_FUNCTIONS
    P_GEMINI                # the module's vertex_ai_safety_settings; AUDIO output when speech is asked for
    P_AZURE                 # tool_choice checked against the Azure API version
    P_BEDROCK_THINKING      # P_THINKING_MAX_TOKENS, as Converse's maxTokens

# Type checks run before mapping, so bad values fail here with a clear message.
cdef enum:
    V_NUMBER = 1
    V_INT
    V_BOOL
    V_STR
    V_DICT
    V_LIST
    V_STOP
    V_STR_OR_DICT
    V_BOOL_OR_INT       # logprobs: OpenAI's flag, together_ai's count (LiteLLM passes either through)

include "params_table.pxi"

# Output-key constants the structural rules write.
JSON_TOOL_NAME = "json_tool_call"
# Anthropic/Bedrock/Databricks thinking budgets per reasoning_effort value.
THINKING_BUDGETS = {"minimal": 1024, "low": 1024, "medium": 2048, "high": 4096,
                    "xhigh": 8192, "max": 16384}
GEMINI_THINKING_BUDGETS = {"low": 1024, "medium": 2048, "high": 4096}
# Added on top of a thinking budget when the caller gave no max_tokens.
THINKING_EXTRA_MAX_TOKENS = 4096
GEMINI_TOOL_MODES = {"auto": "AUTO", "required": "ANY", "none": "NONE"}
AZURE_DEFAULT_API_VERSION = "2025-02-01-preview"
GEMINI_MODALITIES = {"text": "TEXT", "image": "IMAGE", "audio": "AUDIO", "video": "VIDEO"}
# Anthropic's server-side tools, by type prefix; types passed as given (MCP servers, advisor).
ANTHROPIC_HOSTED_TOOL_PREFIXES = ("web_search", "bash", "text_editor", "code_execution", "web_fetch", "memory",
                                  "tool_search_tool")
ANTHROPIC_TOOLS_AS_GIVEN = frozenset(("url", "mcp", "namespace", "advisor_20260301"))
ANTHROPIC_INPUT_SCHEMA_KEYS = frozenset(("type", "properties", "additionalProperties", "required", "$defs", "strict"))
ANTHROPIC_TOOL_CHOICE_TYPES = {"auto": "auto", "required": "any", "any": "any", "none": "none"}
BEDROCK_TOOL_CHOICES = {"auto": "auto", "required": "any"}
# JSON-schema keywords Anthropic's structured output rejects.
ANTHROPIC_SCHEMA_UNSUPPORTED = frozenset((
    "minItems", "maxItems", "uniqueItems", "contains", "minContains", "maxContains",
    "prefixItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
    "minLength", "maxLength", "minProperties", "maxProperties", "patternProperties",
    "propertyNames", "dependentRequired", "dependentSchemas", "unevaluatedProperties", "if",
    "then", "else", "not",
))
# Anthropic rejects emails and phone numbers as metadata.user_id.
EMAIL_PATTERN = r"[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}\Z"
PHONE_PATTERN = r"\+?[\d\s()-]{7,}\Z"
cdef object _USER_ID_PATTERNS = None     # compiled on first use: `re` costs ms at import


cdef tuple _user_id_patterns():
    global _USER_ID_PATTERNS
    if _USER_ID_PATTERNS is None:
        import re
        _USER_ID_PATTERNS = (re.compile(EMAIL_PATTERN), re.compile(PHONE_PATTERN))
    return _USER_ID_PATTERNS
DROP_PARAMS_TRUE = frozenset(("true", "1", "yes", "y", "on", "t"))
DROP_PARAMS_FALSE = frozenset(("false", "0", "no", "n", "off", "f"))

VALIDATORS = {
    "temperature": V_NUMBER, "top_p": V_NUMBER, "presence_penalty": V_NUMBER,
    "frequency_penalty": V_NUMBER, "max_tokens": V_NUMBER, "max_completion_tokens": V_NUMBER,
    "n": V_INT, "seed": V_INT, "top_logprobs": V_INT, "logprobs": V_BOOL_OR_INT, "stream": V_BOOL,
    "parallel_tool_calls": V_BOOL, "user": V_STR, "extra_headers": V_DICT,
    "response_format": V_DICT, "logit_bias": V_DICT, "stream_options": V_DICT, "tools": V_LIST,
    "functions": V_LIST, "stop": V_STOP, "tool_choice": V_STR_OR_DICT,
    "reasoning_effort": V_STR_OR_DICT, "thinking": V_DICT,
}
# Types each V_* kind accepts (V_STOP: a str here; a list is checked item by item).
cdef dict _VALIDATOR_TYPES = {
    V_NUMBER: (int, float), V_INT: (int,), V_BOOL: (bool,), V_STR: (str,), V_DICT: (dict,),
    V_LIST: (list,), V_STOP: (str,), V_STR_OR_DICT: (str, dict), V_BOOL_OR_INT: (int,),
}
VALIDATOR_WORDS = {
    V_NUMBER: "a number", V_INT: "an integer", V_BOOL: "a boolean", V_STR: "a string",
    V_DICT: "a dict", V_LIST: "a list", V_STOP: "a string or a list of strings",
    V_STR_OR_DICT: "a string or a dict", V_BOOL_OR_INT: "a boolean or an integer",
}

cdef dict PARAM_BITS = {name: 1 << i for i, name in enumerate(OPENAI_PARAMS)}
# Per param index: one dict lookup per param per call, the rest is C arrays.
cdef dict _PARAM_INDEX = {name: i for i, name in enumerate(OPENAI_PARAMS)}
cdef int _VKIND[64]
for _i, _name in enumerate(OPENAI_PARAMS):
    _VKIND[_i] = VALIDATORS.get(_name, 0)
cdef unsigned long long _UNVALIDATED_MASK = 0
for _name in UNVALIDATED_PARAMS:
    _UNVALIDATED_MASK |= <unsigned long long>PARAM_BITS[_name]
cdef int N_INDEX = _PARAM_INDEX["n"]
cdef frozenset OPENAI_PARAM_SET = frozenset(OPENAI_PARAMS)
cdef tuple _PARAM_NAMES = OPENAI_PARAMS
cdef int STREAM_INDEX = OPENAI_PARAMS.index("stream")
cdef unsigned long long STREAM_BIT = 1ULL << STREAM_INDEX
# Typed aliases of the table constants, so hot loops use C-level dict/set calls.
cdef frozenset _UNVALIDATED = UNVALIDATED_PARAMS
cdef frozenset _CONTROL = CONTROL_ARGS
cdef unsigned long long TOOL_CHOICE_BIT = PARAM_BITS["tool_choice"]


cdef class _Profile:
    def __init__(self, str name, tuple supported, dict rules, int extra_body, int post):
        cdef unsigned long long mask = 0
        self.name = name
        self.supported = supported
        self.rules = rules
        self.extra_body = extra_body
        self.post = post
        for p in supported:
            mask |= <unsigned long long>PARAM_BITS.get(p, 0)
        self.mask = mask
        self.rule_mask = 0
        for p in rules:
            self.rule_mask |= <unsigned long long>PARAM_BITS.get(p, 0)

    def __repr__(self):
        return f"<params profile {self.name}>"


cdef dict _PROFILES = {}
for _name, (_sup, _rules, _eb, _post) in PROFILES.items():
    _PROFILES[_name] = _Profile(_name, _sup, _rules, _eb, _post)
for _name, (_rename, _eb, _tmax) in OPENAI_LIKE_PROVIDERS.items():
    _rules = {}
    if _rename:
        _rules["max_completion_tokens"] = (R_RENAME, "max_tokens")
    if _tmax is not None:
        _rules["temperature"] = (R_TEMPERATURE_CLAMP, _tmax)
    _PROFILES[_name] = _Profile(_name, _OPENAI_LIKE, _rules, _eb, P_NONE)

for _name, _spec in PROVIDER_SPECS.items():
    _sup, _rules, _post = SHARED_SPECS[_spec]
    # "fallback" marks a profile whose supported list LiteLLM does not report.
    _PROFILES[_name] = _Profile("fallback" if _spec == "none" else _name, _sup, _rules,
                                EB_EXTRAS if _name in EXTRA_BODY_PROVIDERS else EB_NONE, _post)

# provider -> ((matcher, patterns, profile), ...); profiles resolved to objects once.
cdef dict _VARIANTS = {
    prov: tuple((m, pats, target if target.startswith("@") else _PROFILES[target])
                for m, pats, target in rows)
    for prov, rows in MODEL_VARIANTS.items()
}
# provider -> {model -> profile}. Only known providers get an entry (so the
# outer dict is bounded by the table), each holds at most CACHE_LIMIT models,
# and names too long to be real are resolved without being cached.
cdef dict _CACHE = {}
cdef Py_ssize_t CACHE_LIMIT = 4096
cdef Py_ssize_t CACHE_KEY_MAX = 256


cdef str _base_name(str model):
    cdef Py_ssize_t i = model.rfind("/")
    return model if i < 0 else model[i + 1:]


cdef str _bedrock_vendor(str model):
    # "converse/us.anthropic.claude-..." -> "anthropic"
    cdef list parts = _base_name(model).split(".")
    cdef Py_ssize_t i
    # the last dot-part is the model name itself, never the vendor
    for i in range(len(parts) - 1):
        if parts[i] in BEDROCK_VENDORS:
            return parts[i]
    return ""


BEDROCK_VENDORS = frozenset(("anthropic", "amazon", "meta", "mistral", "cohere", "ai21",
                             "deepseek", "openai", "qwen", "writer", "twelvelabs"))


cdef bint _matches(int matcher, tuple patterns, str model):
    cdef str p, base
    if matcher == M_ANY:
        return True
    if matcher == M_PREFIX:
        base = _base_name(model)
        for p in patterns:
            if base.startswith(p):
                return True
        return False
    if matcher == M_CONTAINS:
        for p in patterns:
            if p in model:
                return True
        return False
    if matcher == M_O_SERIES:
        base = _base_name(model)
        return len(base) > 1 and base[0] == "o" and base[1].isdigit()
    if matcher == M_GPT5:
        return ("gpt-5" in model or "gpt-6" in model) and "gpt-5-chat" not in _base_name(model)
    if matcher == M_BEDROCK_VENDOR:
        return _bedrock_vendor(model) in patterns
    if matcher == M_BEDROCK_INVOKE:
        return model.startswith("invoke/") and _bedrock_vendor(model) in patterns
    return False


cdef _Profile _pick(str model, str provider):
    cdef tuple rows = _VARIANTS.get(provider)
    cdef tuple row
    if rows is not None:
        for row in rows:
            if _matches(row[0], row[1], model):
                if isinstance(row[2], str):
                    return _pick(model, (<str>row[2])[1:])
                return row[2]
    return _PROFILES.get(provider)


cdef _Profile _resolve_profile(str model, str provider):
    """The profile for this provider and model, or None for an unknown provider."""
    cdef dict per_model = _CACHE.get(provider)
    cdef _Profile prof
    if per_model is not None:
        prof = per_model.get(model)
        if prof is not None:
            return prof
    prof = _pick(model, PROVIDER_ALIASES.get(provider, provider))
    if prof is None or len(model) > CACHE_KEY_MAX:
        return prof         # an unknown provider is never cached
    if per_model is None:
        per_model = _CACHE[provider] = {}
    elif len(per_model) >= CACHE_LIMIT:
        per_model.clear()
    per_model[model] = prof
    return prof


cdef object _normalize_drop(object value):
    if value is None or value is True or value is False:
        return value
    if isinstance(value, str):
        v = value.strip().lower()
        if v in DROP_PARAMS_TRUE:
            return True
        if v in DROP_PARAMS_FALSE:
            return False
        return None
    if isinstance(value, int):
        return True if value == 1 else (False if value == 0 else None)
    return None


cdef bint _drop_enabled(object drop_params):
    if _normalize_drop(drop_params) is True:
        return True
    mod = sys.modules.get("fastcore")
    return mod is not None and getattr(mod, "drop_params", False) is True


cdef _bad(str param, object value, int kind, str model, str provider):
    raise BadRequestError(
        f"{param} must be {VALIDATOR_WORDS[kind]}, got {type(value).__name__}",
        model, provider, param=param)


cdef int _check_value(int k, str name, object value, str model, str provider) except -1:
    """Refuse a value of the wrong type for its param (kind k, a V_* code)."""
    if k == V_NUMBER and type(value) is int:
        return 0        # the common case, before any isinstance
    if k == V_NUMBER and type(value) is float:
        if isfinite(<double>value):
            return 0
        raise BadRequestError(f"{name} must be a finite number, got {value!r}", model, provider, param=name)
    if k == V_STOP and isinstance(value, list):
        for s in value:
            if not isinstance(s, str):
                _bad(name, value, k, model, provider)
        return 0
    # bool is an int subclass, but True is no temperature or seed.
    if not isinstance(value, <tuple>_VALIDATOR_TYPES[k]) or (
            k <= V_INT and isinstance(value, bool)):
        _bad(name, value, k, model, provider)
    if k == V_NUMBER and isinstance(value, float) and not isfinite(<double>value):
        raise BadRequestError(f"{name} must be a finite number, got {value!r}", model, provider, param=name)
    return 0


cdef _unsupported(list names, str model, str provider):
    names.sort(key=OPENAI_PARAMS.index)
    raise UnsupportedParamsError(
        f"{provider} does not support parameters: {names}, for model={model}. "
        f"Pass drop_params=True (or set fastcore.drop_params = True) to leave them out, "
        f"or allowed_openai_params={names} to send them anyway.",
        provider, model)


cdef _unsupported_value(str param, object value, str model, str provider):
    raise UnsupportedParamsError(
        f"{provider} does not support {param}={short_repr(value)} for model={model}. "
        f"Pass drop_params=True (or set fastcore.drop_params = True) to leave it out.",
        provider, model)



cdef void _add_tools(dict out, list tools, bint front=False) except *:
    cdef object have = out.get("tools")
    if have is None:
        out["tools"] = tools
    else:
        out["tools"] = [*tools, *have] if front else [*have, *tools]


cdef object _schema_of(dict rf, str model, str provider):
    # The JSON schema inside a response_format, or None for json_object / text.
    if "response_schema" in rf:
        schema = rf["response_schema"]
    else:
        js = rf.get("json_schema")
        if not isinstance(js, dict):
            return None
        schema = js.get("schema")
    if schema is not None and not isinstance(schema, dict):
        raise BadRequestError(f"response_format's JSON schema must be a dict, got {type(schema).__name__}",
                              model, provider, param="response_format")
    return schema


cdef object _anthropic_schema(object schema, str model, str provider):
    try:
        return _anthropic_schema_level(schema)
    except RecursionError:
        raise BadRequestError("response_format's JSON schema contains itself or is nested deeper "
                              "than the recursion limit", model, provider, param="response_format") from None


cdef object _anthropic_schema_level(object schema):
    # Anthropic's structured output: drop rejected keywords, oneOf -> anyOf,
    # and close every object schema.
    cdef dict res
    if not isinstance(schema, dict):
        return schema
    enter_recursion(" while mapping a JSON schema")
    try:
        res = _anthropic_schema_fields(<dict>schema)
    finally:
        leave_recursion()
    if res.get("type") == "object":
        res["additionalProperties"] = False
    return res


cdef dict _anthropic_schema_fields(dict schema):
    cdef dict res = {}
    for key, value in list(schema.items()):
        if key in ANTHROPIC_SCHEMA_UNSUPPORTED:
            continue
        if (key == "properties" or key == "$defs") and isinstance(value, dict):
            res[key] = {n: _anthropic_schema_level(s) for n, s in list(value.items())}
        elif key == "items" and isinstance(value, dict):
            res[key] = _anthropic_schema_level(value)
        elif (key == "anyOf" or key == "oneOf") and isinstance(value, list):
            res["anyOf"] = res.get("anyOf", []) + [_anthropic_schema_level(s) for s in list(value)]
        elif key == "allOf" and isinstance(value, list):
            res[key] = [_anthropic_schema_level(s) for s in list(value)]
        else:
            res[key] = value
    return res


cdef object _tools_error(str what, str model, str provider):
    return BadRequestError(f"tools: {what}", model, provider, param="tools")


cdef dict _anthropic_input_schema(object schema):
    # Anthropic takes an object schema with these keys only (LiteLLM filters the same way).
    cdef dict out = dict(schema) if isinstance(schema, dict) and schema else {}
    if out.get("type") != "object":
        out["type"] = "object"
    if "properties" not in out:
        out["properties"] = {}
    return {k: v for k, v in out.items() if k in ANTHROPIC_INPUT_SCHEMA_KEYS}


cdef object _anthropic_tool(object tool, str model, str provider):
    """One OpenAI-style tool in Anthropic's shape: function tools, computer-use
    tools (flattened) and Anthropic's hosted tools (bash, text_editor, ...)."""
    cdef dict fn, t
    if not isinstance(tool, dict):
        raise _tools_error(f"each tool must be a dict, got {type(tool).__name__}", model, provider)
    if "input_schema" in tool:
        return tool
    kind = plain_str(tool.get("type"))
    if not isinstance(kind, str):
        raise _tools_error("each tool needs a string 'type'", model, provider)
    fn = tool.get("function") if isinstance(tool.get("function"), dict) else {}
    if kind == "function" or kind == "custom":
        if not isinstance(fn.get("name"), str):
            raise _tools_error("tools[].function must be a dict with a string 'name'", model, provider)
        t = {"name": fn["name"], "input_schema": _anthropic_input_schema(fn.get("parameters")), "type": "custom"}
        eager = tool.get("eager_input_streaming", fn.get("eager_input_streaming"))
        if eager is not None:
            if not isinstance(eager, bool):
                raise _tools_error("eager_input_streaming must be a boolean", model, provider)
            t["eager_input_streaming"] = eager
        if fn.get("description") is not None:
            t["description"] = fn["description"]
    elif kind.startswith("computer_"):
        params = fn.get("parameters")
        if not isinstance(params, dict):
            raise _tools_error(f"a {kind} tool needs function.parameters with display_width_px and "
                               f"display_height_px", model, provider)
        width, height = params.get("display_width_px"), params.get("display_height_px")
        if width is None or height is None:
            raise _tools_error(f"a {kind} tool needs display_width_px and display_height_px in "
                               f"function.parameters", model, provider)
        t = {"type": kind, "name": fn.get("name", "computer"), "display_width_px": width,
             "display_height_px": height}
        if params.get("display_number") is not None:
            t["display_number"] = params["display_number"]
    elif kind.startswith(ANTHROPIC_HOSTED_TOOL_PREFIXES):
        name = tool.get("name", fn.get("name"))
        if not isinstance(name, str):
            raise _tools_error(f"a {kind} tool needs a string 'name'", model, provider)
        t = {"type": kind, "name": name}
        for k, v in tool.items():
            if k != "type" and k != "name":
                t[k] = v
    elif kind in ANTHROPIC_TOOLS_AS_GIVEN:
        return tool
    else:
        raise _tools_error(f"unsupported tool type {short_repr(kind)} for Anthropic", model, provider)
    cache = tool.get("cache_control")
    if cache is None and isinstance(fn.get("cache_control"), dict):
        cache = fn["cache_control"]
    if cache is not None:
        t["cache_control"] = cache
    if not kind.startswith("computer_"):
        defer = tool.get("defer_loading", fn.get("defer_loading"))
        if defer is not None:
            if not isinstance(defer, bool):
                raise _tools_error("defer_loading must be a boolean", model, provider)
            t["defer_loading"] = defer
        callers = tool.get("allowed_callers", fn.get("allowed_callers"))
        if callers is not None:
            if not isinstance(callers, list) or not all([isinstance(c, str) for c in callers]):
                raise _tools_error("allowed_callers must be a list of strings", model, provider)
            t["allowed_callers"] = callers
    if t.get("type") == "custom":
        examples = tool.get("input_examples")
        if not isinstance(examples, list):
            examples = fn.get("input_examples")
        if isinstance(examples, list):
            t["input_examples"] = examples
    return t


cdef object _anthropic_tool_choice(object choice, object parallel):
    cdef dict tc = None
    cdef object name
    if isinstance(choice, str):
        kind = ANTHROPIC_TOOL_CHOICE_TYPES.get(choice)
        if kind is not None and choice != "any":
            tc = {"type": kind}
    elif isinstance(choice, dict):
        if "type" in choice and "function" not in choice:
            kind = plain_str(choice["type"])
            kind = ANTHROPIC_TOOL_CHOICE_TYPES.get(kind) if type(kind) is str else None
            if kind is not None:
                tc = {"type": kind}
        else:
            fn = choice.get("function")
            name = fn.get("name") if isinstance(fn, dict) else None
            if name is not None:
                tc = {"type": "tool", "name": name}
    if parallel is not None and choice != "none":
        if tc is None:
            tc = {"type": "auto"}
        tc["disable_parallel_tool_use"] = not parallel
    return tc


cdef bint _anthropic_thinking_on(dict nd):
    th = nd.get("thinking")
    return isinstance(th, dict) and th.get("type") == "enabled"


cdef void _thinking_max_tokens(dict nd, dict out, str model, str provider, str key) except *:
    th = out.get("thinking")
    if (isinstance(th, dict) and th.get("type") == "enabled" and "max_tokens" not in nd
            and "max_completion_tokens" not in nd):
        budget = th.get("budget_tokens")
        if budget is not None:
            if type(budget) is not int and (not isinstance(budget, int) or isinstance(budget, bool)):
                raise BadRequestError(f"thinking.budget_tokens must be an integer, got "
                                      f"{type(budget).__name__}", model, provider, param="thinking")
            out[key] = budget + THINKING_EXTRA_MAX_TOKENS


cdef object _effort_of(object value):
    if isinstance(value, dict):
        value = value.get("effort")
    return plain_str(value) if isinstance(value, str) else None


cdef dict _ollama_functions(dict nd, dict out):
    # Ollama's generate API has no tools: LiteLLM asks for JSON output and
    # hands the tool list to the prompt builder instead.
    nd = dict(nd)
    out["format"] = "json"
    if "tools" in nd:
        out["functions_unsupported_model"] = nd.pop("tools")
        nd.pop("tool_choice", None)
    else:
        out["functions_unsupported_model"] = nd.pop("functions")
    return nd


cdef void _apply_rule(_Profile prof, int code, object key, str k, object v, dict nd, dict out,
                      str model, str provider, object drop_params) except *:
    cdef object schema, tc, effort
    cdef dict body
    if code == R_DROP:
        return
    if code == R_STREAM_TRUE:
        if v is True:
            out[key] = True
    elif code == R_STOP_LIST:
        if isinstance(v, str):
            out[key] = [v]
        elif v:
            out[key] = list(v)
    elif code == R_ANTHROPIC_STOP:
        stops = [v] if isinstance(v, str) else (list(v) if v else [])
        # Anthropic refuses whitespace-only stop sequences; LiteLLM drops them under the module flag only.
        blank = False
        for s in stops:
            if isinstance(s, str) and (<str>s).isspace():
                blank = True
                break
        if blank:
            mod = sys.modules.get("fastcore")
            if mod is not None and getattr(mod, "drop_params", False) is True:
                stops = [s for s in stops if not (isinstance(s, str) and (<str>s).isspace())]
        if stops:
            out[key] = stops
    elif code == R_INT_TOKENS:
        out[key] = v if isinstance(v, int) else max(1, int(round(v)))
    elif code == R_EXTRA_BODY:
        body = out.get("extra_body")
        if type(body) is not dict:
            body = out["extra_body"] = {}
        body[key] = v
    elif code == R_TEMPERATURE_ONE:
        if v == 1:
            out[k] = v
        elif not _drop_enabled(drop_params):
            _unsupported_value(k, v, model, provider)
    elif code == R_TEMPERATURE_CLAMP:
        out[k] = v if v <= key else key
    elif code == R_ANTHROPIC_TOOLS:
        _add_tools(out, [_anthropic_tool(t, model, provider) for t in v])
    elif code == R_ANTHROPIC_TOOL_CHOICE:
        tc = _anthropic_tool_choice(nd.get("tool_choice"), nd.get("parallel_tool_calls"))
        if tc is not None:
            out[key] = tc
    elif code == R_ANTHROPIC_RF_TOOL:
        if v.get("type") == "text":
            return
        schema = _schema_of(v, model, provider)
        if schema is None:
            return
        if not _anthropic_thinking_on(nd):
            out["tool_choice"] = {"name": JSON_TOOL_NAME, "type": "tool"}
        _add_tools(out, [{"name": JSON_TOOL_NAME, "input_schema": {"type": "object", **schema}}])
        out["json_mode"] = True
    elif code == R_ANTHROPIC_RF_NATIVE:
        schema = _schema_of(v, model, provider)
        if schema is not None:
            out[key] = {"type": "json_schema", "schema": _anthropic_schema(schema, model, provider)}
        out["json_mode"] = True
    elif code == R_ANTHROPIC_USER:
        if not _user_id_patterns()[0].match(v) and not _user_id_patterns()[1].match(v):
            out[key] = {"user_id": v}
    elif code == R_ANTHROPIC_EFFORT:
        effort = _effort_of(v)
        if effort is None or effort == "none":
            return
        budget = THINKING_BUDGETS.get(effort)
        if budget is None:
            raise BadRequestError(
                f"reasoning_effort={effort!r} is not one of {sorted(THINKING_BUDGETS) + ['none']}",
                model, provider)
        out[key] = {"type": "enabled", "budget_tokens": budget}
    elif code == R_GEMINI_TOOLS:
        if not v:
            return
        out[key] = [{"function_declarations": [_gemini_function(t, k, model, provider) for t in v]}]
    elif code == R_GEMINI_TOOL_CHOICE:
        tc = _gemini_tool_choice(v)
        if tc is not None:
            out[key] = tc
    elif code == R_GEMINI_RF:
        from fastcore.schema_gemini import map_response_format   # loaded on first use: a cold path
        map_response_format(v, out, model, provider)
    elif code == R_GEMINI_MODALITIES:
        if isinstance(v, list):
            out[key] = [GEMINI_MODALITIES.get(m, "MODALITY_UNSPECIFIED") if isinstance(m, str)
                        else "MODALITY_UNSPECIFIED" for m in v]
    elif code == R_GEMINI_AUDIO:
        if isinstance(v, dict):
            out[key] = _gemini_speech(v, model, provider)
    elif code == R_GEMINI_EFFORT:
        effort = _effort_of(v)
        budget = GEMINI_THINKING_BUDGETS.get(effort)
        if budget is None:
            raise BadRequestError(
                f"reasoning_effort={effort!r} is not one of {sorted(GEMINI_THINKING_BUDGETS)}",
                model, provider)
        out[key] = {"thinkingBudget": budget, "includeThoughts": True}
    elif code == R_BEDROCK_TOOL_CHOICE:
        if isinstance(v, dict):
            fn = v.get("function")
            if isinstance(fn, dict) and fn.get("name") is not None:
                out[key] = {"tool": {"name": fn["name"]}}
        elif v in BEDROCK_TOOL_CHOICES:
            out[key] = {BEDROCK_TOOL_CHOICES[v]: {}}
        elif not _drop_enabled(drop_params):
            _unsupported_value(k, v, model, provider)
    elif code == R_BEDROCK_RF:
        # only models that take tool_choice get the synthetic tool forced
        _json_tool_rf(v, out, {"tool": {"name": JSON_TOOL_NAME}},
                      (prof.mask & TOOL_CHOICE_BIT) != 0, model, provider)
    elif code == R_BEDROCK_PARALLEL:
        out[key] = {"tool_choice": {"type": "auto", "disable_parallel_tool_use": not v}}
    elif code == R_MISTRAL_TOOL_CHOICE:
        if isinstance(v, str):
            out[key] = "any" if v == "required" else v
    elif code == R_OLLAMA_RF:
        rtype = v.get("type")
        if rtype == "json_object":
            out[key] = "json"
        else:
            schema = _schema_of(v, model, provider)
            if schema is not None:
                out[key] = schema
    elif code == R_THINK_FLAG:
        out[key] = True
    elif code == R_GROQ_RF:
        if v.get("type") == "json_schema" and nd.get("tools"):
            raise BadRequestError("groq cannot combine tools with a json_schema response_format "
                                  "(it is sent as a tool call)", model, provider)
        out["fake_stream"] = True
        if v.get("type") == "json_schema":
            _json_tool_rf(v, out, {"type": "function", "function": {"name": JSON_TOOL_NAME}},
                          True, model, provider)
        else:
            out[key] = v
    elif code == R_THINKING_ENABLED:
        out[key] = {"type": "enabled"}
    elif code == R_AUTO_TOOL_CHOICE_ONLY:
        if v == "auto" or v == "none":
            return
        if not _drop_enabled(drop_params):
            _unsupported_value(k, v, model, provider)
    elif code == R_APPEND_TOOLS:
        if v:
            _add_tools(out, list(v))
        elif "tools" not in out:
            out[key] = v
    elif code == R_JSON_SCHEMA_ONLY:
        if v.get("type") == "json_schema":
            out[key] = v
    elif code == R_NON_EMPTY:
        if v:
            out[key] = v
    elif code == R_WATSONX_TOOL_CHOICE:
        if isinstance(v, str):
            out[key] = v
        else:
            out[k] = v


cdef void _json_tool_rf(dict rf, dict out, dict forced_choice, bint force, str model,
                        str provider) except *:
    # json_schema becomes a forced call of a synthetic tool whose parameters are the schema.
    if rf.get("type") == "json_object":
        out["json_mode"] = True
        return
    schema = _schema_of(rf, model, provider)
    if schema is None:
        return
    # Bedrock and Groq put the synthetic tool ahead of the caller's tools.
    _add_tools(out, [{"type": "function",
                      "function": {"name": JSON_TOOL_NAME, "parameters": schema}}], True)
    if force:
        out["tool_choice"] = forced_choice
    out["json_mode"] = True


cdef dict _gemini_function(object tool, str param, str model, str provider):
    cdef dict fn, decl
    if not isinstance(tool, dict):
        raise BadRequestError(f"each entry of {param} must be a dict, got {type(tool).__name__}",
                              model, provider, param=param)
    fn = tool.get("function") if param == "tools" else tool
    if not isinstance(fn, dict) or not isinstance(fn.get("name"), str):
        raise BadRequestError(f"{param} entries need a function with a string 'name'", model, provider,
                              param=param)
    decl = {"name": fn["name"]}
    if fn.get("description") is not None:
        decl["description"] = fn["description"]
    if fn.get("parameters") is not None:
        decl["parameters"] = fn["parameters"]
    return decl


cdef dict _gemini_speech(dict audio, str model, str provider):
    # OpenAI's audio param as Gemini's speechConfig; its TTS answers are L16 PCM only.
    fmt = audio.get("format")
    if fmt is not None and fmt != "pcm16":
        raise BadRequestError(f"audio format {short_repr(fmt)} is not supported by Gemini text-to-speech "
                              f"models, which only return 'pcm16'", model, provider, param="audio")
    cdef dict speech = {}
    if "voice" in audio:
        speech["voiceConfig"] = {"prebuiltVoiceConfig": {"voiceName": audio["voice"]}}
    if "language_code" in audio:
        speech["languageCode"] = audio["language_code"]
    return speech


cdef void _gemini_post(dict out) except *:
    mod = sys.modules.get("fastcore")
    safety = getattr(mod, "vertex_ai_safety_settings", None) if mod is not None else None
    if safety is not None:
        out["safety_settings"] = safety
    if out.get("speechConfig") is not None:
        modalities = out.get("responseModalities")
        if modalities is None:
            out["responseModalities"] = ["AUDIO"]
        elif "AUDIO" not in modalities:
            modalities.append("AUDIO")


cdef object _gemini_tool_choice(object v):
    if isinstance(v, str):
        mode = GEMINI_TOOL_MODES.get(v)
        return None if mode is None else {"functionCallingConfig": {"mode": mode}}
    fn = v.get("function")
    if isinstance(fn, dict) and fn.get("name") is not None:
        return {"functionCallingConfig": {"mode": "ANY", "allowed_function_names": [fn["name"]]}}
    return None


cdef dict _map_params(str model, str provider, dict non_default_params, object drop_params,
                      object additional_drop_params, object allowed_openai_params):
    return _map_params_ex(model, provider, non_default_params, drop_params,
                          additional_drop_params, allowed_openai_params, None, None)


cdef dict _map_params_ex(str model, str provider, dict non_default_params, object drop_params,
                         object additional_drop_params, object allowed_openai_params,
                         dict extra_params, object api_version):
    """Map the OpenAI params the caller set to the provider's request params.

    `extra_params` holds non-OpenAI kwargs, forwarded as LiteLLM does (inside
    extra_body for OpenAI-compatible wires, top level otherwise).
    """
    cdef _Profile prof = _resolve_profile(model, provider)
    cdef _Profile check = prof
    cdef dict nd = non_default_params
    cdef dict out = {}
    cdef unsigned long long allowed_mask = 0, mask
    cdef list bad = None
    cdef tuple rule
    cdef int idx[64]
    cdef int i
    cdef Py_ssize_t n
    cdef object pos
    if prof is None:
        prof = <_Profile>_PROFILES["fallback"]
        check = prof
    if not nd and not extra_params:
        # Nothing to check or rename: only the provider's fixed extras remain.
        if prof.post == P_GEMINI:
            _gemini_post(out)
        _forward_extras(prof, out, None, additional_drop_params, provider)
        return out
    if type(additional_drop_params) is list and additional_drop_params:
        nd = {k: v for k, v in nd.items() if k not in additional_drop_params}
    if allowed_openai_params:
        for p in allowed_openai_params:
            allowed_mask |= <unsigned long long>PARAM_BITS.get(p, 0)
    if prof.post == P_OLLAMA_FUNCTIONS and ("tools" in nd or "functions" in nd):
        nd = _ollama_functions(nd, out)
    # Pass 1: types, and support by the provider (`check` may be stricter than
    # `prof` for the fallback); every param's index is kept for pass 2.
    mask = check.mask | allowed_mask
    if len(nd) > 64:
        raise BadRequestError("too many parameters", model, provider)
    n = 0
    for k, v in nd.items():
        pos = _PARAM_INDEX.get(k)
        i = -1 if pos is None else <int>pos
        idx[n] = i
        n += 1
        if i >= 0:
            if _VKIND[i]:
                if _VKIND[i] == V_DICT and type(v) is not dict and k == "response_format":
                    v = nd[k] = _response_format_of(v)
                _check_value(_VKIND[i], k, v, model, provider)
                if type(v) is not str and isinstance(v, str):
                    nd[k] = plain_str(v)      # a str enum maps as its text
            if (mask >> i) & 1 or (_UNVALIDATED_MASK >> i) & 1 or (i == N_INDEX and v == 1):
                continue
        if bad is None:
            bad = []
        bad.append(k)
    if bad is not None:
        if not _drop_enabled(drop_params):
            _unsupported(bad, model, provider)
        nd = {k: v for k, v in nd.items() if k not in bad}
        n = 0
        for k in nd:
            pos = _PARAM_INDEX.get(k)
            idx[n] = -1 if pos is None else <int>pos
            n += 1
    # Pass 2: plain copies, renames and the rules that need code.
    mask = prof.mask
    n = 0
    for k, v in nd.items():
        i = idx[n]
        n += 1
        if i < 0 or not (mask >> i) & 1:
            continue
        if not (prof.rule_mask >> i) & 1:
            out[k] = v
            continue
        rule = prof.rules[k]
        if <int>rule[0] == R_RENAME:
            out[rule[1]] = v
        else:
            _apply_rule(prof, rule[0], rule[1], k, v, nd, out, model, provider, drop_params)
    if prof.post == P_THINKING_MAX_TOKENS:
        _thinking_max_tokens(nd, out, model, provider, "max_tokens")
    elif prof.post == P_BEDROCK_THINKING:
        _thinking_max_tokens(nd, out, model, provider, "maxTokens")
    elif prof.post == P_GEMINI:
        _gemini_post(out)
    elif prof.post == P_AZURE and "tool_choice" in out:
        _azure_tool_choice(out, api_version, model, provider, drop_params)
    if allowed_openai_params:
        for p in allowed_openai_params:
            if p not in out and p in nd:
                out[p] = nd[p]
    _forward_extras(prof, out, extra_params, additional_drop_params, provider)
    return out


cdef object azure_api_version(object explicit, object configured):
    """The Azure API version of a call: its own, else the configured one
    (fastcore.api_version), else AZURE_API_VERSION, else LiteLLM's default."""
    version = explicit or configured
    if not version:
        import os
        version = os.environ.get("AZURE_API_VERSION")
    return version or AZURE_DEFAULT_API_VERSION


cdef void _azure_tool_choice(dict out, object api_version, str model, str provider,
                             object drop_params) except *:
    # Azure took tool_choice from 2023-12-01-preview on, and "required" from 2024-06
    # (LiteLLM's default version is newer than both). Like LiteLLM, it compares the
    # year-month-day parts as strings and skips versions without three parts.
    mod = sys.modules.get("fastcore")
    api_version = azure_api_version(api_version, getattr(mod, "api_version", None) if mod is not None else None)
    if not isinstance(api_version, str):
        return
    parts = (<str>api_version).split("-")
    if len(parts) < 3:
        return
    year, month = parts[0], parts[1]
    value = out["tool_choice"]
    if year < "2023" or (year == "2023" and month < "12"):
        why = f"Azure API version {api_version} does not accept tool_choice (2023-12-01-preview and later do)"
    elif year == "2024" and month <= "05" and isinstance(value, str) and value == "required":
        why = (f"Azure API version {api_version} does not accept tool_choice='required' "
               f"(2024-06-01 and later do)")
    else:
        return
    if not _drop_enabled(drop_params):
        raise UnsupportedParamsError(f"{why}. Pass drop_params=True (or set fastcore.drop_params = True) "
                                     f"to leave tool_choice out.", provider, model)
    del out["tool_choice"]


cdef void _forward_extras(_Profile prof, dict out, dict extras, object drop_list,
                          str provider) except *:
    cdef dict body
    if not extras and drop_list is None and (prof.extra_body == EB_EMPTY_ONLY
                                             or prof.extra_body == EB_EXTRAS):
        # The common case: nothing to forward, only LiteLLM's empty extra_body.
        if type(out.get("extra_body")) is not dict:
            out["extra_body"] = {}
        return
    if prof.extra_body == EB_EMPTY_ONLY:
        if type(out.get("extra_body")) is not dict:
            out["extra_body"] = {}
        prof = _PROFILES["fallback"]
    if prof.extra_body == EB_EXTRAS:
        if drop_list is not None and type(drop_list) is list and "extra_body" in drop_list:
            return
        body = out.get("extra_body")
        if type(body) is not dict:
            body = {}
        if extras:
            body = dict(body)
            # A caller's own extra_body is unpacked, not nested; the other extras win over its keys.
            caller = extras.get("extra_body")
            if type(caller) is dict:
                for k, v in list((<dict>caller).items()):
                    if k != "model" and not (drop_list and k in drop_list):
                        body[k] = v
            for k, v in extras.items():
                if k == "extra_body" and type(v) is dict:
                    continue
                if v is not None and k != "model" and not (drop_list and k in drop_list):
                    body[k] = v
        out["extra_body"] = body
    elif extras:
        for k, v in extras.items():
            if v is None or (drop_list and type(drop_list) is list and k in drop_list):
                continue
            out[k] = v


cdef object _response_format_of(object value):
    # A pydantic model class (or an instance's class) becomes the JSON-schema
    # response_format LiteLLM sends for it; anything else is checked as given.
    if isinstance(value, type) or hasattr(type(value), "model_json_schema"):
        from fastcore.schema import response_format_param
        return response_format_param(value)
    return value


cdef str _model_arg(object model):
    if not isinstance(model, str):
        raise BadRequestError(f"model must be a string, got {type(model).__name__}", None, None, param="model")
    return <str>plain_str(model)


cdef str _provider_arg(object provider, str model):
    # LiteLLM's own LlmProviders members are str enums: accepted as their value.
    if not isinstance(provider, str):
        raise BadRequestError(f"custom_llm_provider must be a string, got {type(provider).__name__}",
                              model, None, param="custom_llm_provider")
    return <str>plain_str(provider)


cdef str mapping_model(str model, str provider, object base_model):
    return base_model if base_model and provider in BASE_MODEL_PROFILE_PROVIDERS else model


cdef object _base_model_arg(object value, str model):
    # None, or the base model as a plain str.
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadRequestError(f"base_model must be a string, got {type(value).__name__}", model, None,
                              param="base_model")
    return plain_str(value)


def get_supported_openai_params(model, custom_llm_provider=None, request_type="chat_completion", base_model=None):
    """The OpenAI params LiteLLM accepts for this model and provider, or None if unknown.

    `base_model`, the model behind a deployment name or alias, adds what that
    model accepts (and, on Azure, picks the parameter set as it does when mapping).
    """
    model = _model_arg(model)
    if request_type != "chat_completion":
        return None
    base_model = _base_model_arg(base_model, model)
    if custom_llm_provider is None or custom_llm_provider == "":
        from fastcore._ext.providers import get_llm_provider
        try:
            custom_llm_provider = get_llm_provider(model)[1]
        except BadRequestError:
            return None
    custom_llm_provider = _provider_arg(custom_llm_provider, model)
    if not custom_llm_provider:
        return None
    cdef _Profile prof = _resolve_profile(mapping_model(model, custom_llm_provider, base_model), custom_llm_provider)
    if prof is None or prof.name == "fallback":
        return None
    if not base_model or base_model == model:
        return list(prof.supported)
    extra = _resolve_profile(base_model, custom_llm_provider)
    # The union, in order and without repeats (so also without the repeats some lists have).
    return list(dict.fromkeys(prof.supported + (extra.supported if extra is not None and extra.name != "fallback"
                                                else ())))


def get_optional_params(model, custom_llm_provider="", *, drop_params=None,
                        additional_drop_params=None, allowed_openai_params=None, stream=False,
                        **params):
    """LiteLLM's get_optional_params: the provider-ready optional params for one call.

    OpenAI params left at None count as not given; `stream` defaults to False
    as in LiteLLM, so openai-style providers see stream=False. Other keyword
    arguments are provider-specific extras and are forwarded unchanged.
    """
    model = _model_arg(model)
    custom_llm_provider = _provider_arg(custom_llm_provider, model)
    if additional_drop_params is not None:
        additional_drop_params = check_names(additional_drop_params, "additional_drop_params", model)
    if allowed_openai_params is not None:
        allowed_openai_params = check_names(allowed_openai_params, "allowed_openai_params", model)
    cdef dict nd = {}
    cdef dict extras = None
    cdef unsigned long long present = 0
    cdef object pos
    cdef int i
    for k, v in params.items():
        pos = _PARAM_INDEX.get(k)
        if pos is not None:
            if v is not None:
                present |= 1ULL << <int>pos
        elif k in _CONTROL or _is_foreign_extra(k, custom_llm_provider):
            continue
        else:
            if extras is None:
                extras = {}
            extras[k] = v
    if stream is not None:
        present |= STREAM_BIT
    # LiteLLM walks params in its signature order (tool lists built from
    # response_format and tools come out in that order): walk the set bits.
    while present:
        i = __builtin_ctzll(present)
        present &= present - 1
        name = <str>_PARAM_NAMES[i]
        nd[name] = stream if i == STREAM_INDEX else params[name]
    base_model = _base_model_arg(params.get("base_model"), model)
    return _map_params_ex(mapping_model(model, custom_llm_provider, base_model), custom_llm_provider, nd,
                          drop_params, additional_drop_params, allowed_openai_params, extras,
                          params.get("api_version"))


cdef bint _is_foreign_extra(str key, str provider):
    # Cloud-auth kwargs of other providers never reach the request (as in LiteLLM).
    if key.startswith("aws_"):
        return provider != "bedrock" and not provider.startswith("sagemaker")
    if key.startswith("vertex_"):
        return provider not in ("vertex_ai", "vertex_ai_beta")
    return key == "hf_model_name"


def profile_names():
    """Every provider name the tables cover (for cross-table consistency tests)."""
    return PROVIDERS


def _clear_caches():
    """Forget cached profiles (for tests that measure what the caches hold)."""
    _CACHE.clear()
