"""A response_format for Gemini (provider gemini, Vertex Gemini models), as LiteLLM maps it.

Gemini 2 and later take the JSON schema as it is (`response_json_schema`).
Older models take `response_schema`, Google's OpenAPI subset, so the schema is
rewritten the way LiteLLM rewrites it: `$ref`s inlined, `anyOf` with null turned
into `nullable`, type lists into `anyOf`, empty-string enum values into None,
enums kept on strings only, arrays given items, objects typed, keys outside
Google's Schema dropped, and every object given a `propertyOrdering`.
`strict` keys go everywhere; `additionalProperties: false` for the old models.
"""
from __future__ import annotations

import copy
import json
import re

from fastcore.exceptions import BadRequestError

_JSON_SCHEMA_MODELS = re.compile(r"gemini-(?:[2-9]|[1-9]\d+)(?:\.|-)")
# Google's Schema object, as LiteLLM lists it.
SCHEMA_FIELDS = frozenset((
    "type", "format", "title", "description", "nullable", "default", "items", "minItems", "maxItems", "enum",
    "properties", "propertyOrdering", "required", "minProperties", "maxProperties", "minimum", "maximum",
    "minLength", "maxLength", "pattern", "example", "anyOf",
))
_TYPE_SPECIFIC = ("properties", "required", "additionalProperties", "items", "minItems", "maxItems",
                  "minProperties", "maxProperties")
# Inlining $refs copies their targets: a small schema can expand without bound.
MAX_INLINED_BYTES = 4 << 20


def _bad(what: str, model: str, provider: str) -> BadRequestError:
    return BadRequestError(f"response_format: {what}", model, provider, param="response_format")


def map_response_format(rf: dict, out: dict, model: str, provider: str) -> None:
    """Write Gemini's response fields for the response_format `rf` into `out`."""
    try:
        _map(rf, out, model, provider)
    except RecursionError:
        raise _bad("the schema is nested deeper than the recursion limit", model, provider) from None


def _map(rf: dict, out: dict, model: str, provider: str) -> None:
    rf = _prune(copy.deepcopy(rf), _drop_strict)
    native = bool(_JSON_SCHEMA_MODELS.search(model.lower()))
    if not native:
        rf = _prune(rf, _drop_closed)
    kind = rf.get("type")
    if kind == "json_object":
        out["response_mime_type"] = "application/json"
    elif kind == "text":
        out["response_mime_type"] = "text/plain"
    schema = None
    if "response_schema" in rf:
        out["response_mime_type"] = "application/json"
        schema = rf["response_schema"]
    elif kind == "json_schema" and isinstance(rf.get("json_schema"), dict) and "schema" in rf["json_schema"]:
        out["response_mime_type"] = "application/json"
        schema = rf["json_schema"]["schema"]
    if schema is not None and not isinstance(schema, dict):
        raise _bad(f"the JSON schema must be a dict, got {type(schema).__name__}", model, provider)
    if schema:
        if native:
            out["response_json_schema"] = schema
        else:
            out["response_schema"] = _openapi_schema(schema, model, provider)


def _prune(node, drop):
    # `drop` edits every dict of the tree in place.
    if isinstance(node, dict):
        drop(node)
        for v in node.values():
            _prune(v, drop)
    elif isinstance(node, list):
        for v in node:
            _prune(v, drop)
    return node


def _drop_strict(node: dict) -> None:
    node.pop("strict", None)


def _drop_closed(node: dict) -> None:
    if node.get("additionalProperties") is False:
        del node["additionalProperties"]


def _openapi_schema(schema: dict, model: str, provider: str) -> dict:
    defs = schema.pop("$defs", {})
    budget = [MAX_INLINED_BYTES]
    schema = _inline(schema, defs if isinstance(defs, dict) else {}, frozenset(), budget, model, provider)
    if not isinstance(schema, dict):
        raise _bad("the schema's root must be an object", model, provider)
    _nullable(schema, model, provider)
    _types(schema)
    _enums(schema)
    _arrays(schema)
    _objects(schema)
    schema = _filtered(schema)
    _ordering(schema)
    return schema


def _inline(node, defs: dict, chain: frozenset, budget: list, model: str, provider: str):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref is not None:
            name = ref.split("/")[-1] if isinstance(ref, str) else None
            target = defs.get(name)
            if name in chain or not isinstance(target, dict):
                return node         # a cycle or an unknown target stays a $ref
            budget[0] -= len(json.dumps(target, default=str))
            if budget[0] < 0:
                raise _bad("inlining the schema's $refs grows it past "
                           f"{MAX_INLINED_BYTES >> 20} MiB", model, provider)
            inner = {**defs, **_defs_of(target)}
            return _inline(copy.deepcopy(target), inner, chain | {name}, budget, model, provider)
        inner = {**defs, **_defs_of(node)}
        for k in list(node):
            node[k] = _inline(node[k], inner, chain, budget, model, provider)
        return node
    if isinstance(node, list):
        return [_inline(v, defs, chain, budget, model, provider) for v in node]
    return node


def _defs_of(node: dict) -> dict:
    out = {}
    for key in ("$defs", "definitions"):
        if isinstance(node.get(key), dict):
            out.update(node[key])
    return out


def _children(node: dict):
    # The sub-schemas the rewrites below descend into: properties and items.
    props = node.get("properties")
    if isinstance(props, dict):
        yield from (v for v in props.values() if isinstance(v, dict))
    if isinstance(node.get("items"), dict):
        yield node["items"]


def _nullable(node: dict, model: str, provider: str) -> None:
    any_of = node.get("anyOf")
    if isinstance(any_of, list):
        kept = [v for v in any_of if not (isinstance(v, dict) and v.get("type") == "null")]
        for v in kept:
            if isinstance(v, dict) and not v:
                v["type"] = "object"
        if not kept:
            raise _bad("an anyOf with only the null type has nothing for Gemini to produce", model, provider)
        if len(kept) < len(any_of):
            for v in kept:
                if isinstance(v, dict):
                    v["nullable"] = True
        any_of[:] = kept
    for child in _children(node):
        _nullable(child, model, provider)


def _types(node: dict) -> None:
    kind = node.get("type")
    if isinstance(kind, list) and len(kind) > 1:
        any_of = []
        for t in kind:
            if not isinstance(t, str):
                continue
            entry = {"type": t}
            if t in ("object", "array"):
                entry.update({f: copy.deepcopy(node[f]) for f in _TYPE_SPECIFIC if f in node})
            any_of.append(entry)
        if any(t in ("object", "array") for t in kind if isinstance(t, str)):
            for f in _TYPE_SPECIFIC:
                node.pop(f, None)
        node["anyOf"] = any_of
        del node["type"]
    elif isinstance(kind, list) and len(kind) == 1:
        node["type"] = kind[0]
    for child in _children(node):
        _types(child)
    if isinstance(node.get("anyOf"), list):
        for v in node["anyOf"]:
            if isinstance(v, dict):
                _types(v)


def _is_string(node: dict) -> bool:
    kind = node.get("type")
    return isinstance(kind, str) and kind.lower() == "string"


def _enums(node: dict, blanks: bool = True) -> None:
    # Enums stay on strings only. Empty strings become None, except under an
    # anyOf: LiteLLM's pass for those does not go into anyOf entries.
    enum = node.get("enum")
    if isinstance(enum, list):
        if blanks:
            node["enum"] = [None if v == "" else v for v in enum]
        any_of = node.get("anyOf")
        if not (_is_string(node) or (isinstance(any_of, list)
                                     and any(isinstance(v, dict) and _is_string(v) for v in any_of))):
            del node["enum"]
    for child in _children(node):
        _enums(child, blanks)
    if isinstance(node.get("anyOf"), list):
        for v in node["anyOf"]:
            if isinstance(v, dict):
                _enums(v, False)


def _arrays(node) -> None:
    if isinstance(node, dict):
        kind = node.get("type")
        if isinstance(kind, str) and kind.lower() == "array" and node.get("items", {}) == {}:
            node["items"] = {"type": "object"}
        for v in node.values():
            _arrays(v)
    elif isinstance(node, list):
        for v in node:
            _arrays(v)


def _objects(node: dict) -> None:
    if not any(k in node for k in ("type", "anyOf", "oneOf", "allOf")):
        node["type"] = "object"
    props = node.get("properties")
    if props is not None:
        if "required" in node and node["required"] is None:
            del node["required"]
        if not props:
            node.pop("properties", None)
            node.pop("required", None)
        elif isinstance(props, dict):
            for v in props.values():
                if isinstance(v, dict):
                    _objects(v)
        node["type"] = "object"
    if isinstance(node.get("items"), dict):
        _objects(node["items"])
    for key in ("anyOf", "oneOf", "allOf"):
        if isinstance(node.get(key), list):
            for v in node[key]:
                if isinstance(v, dict):
                    _objects(v)


def _filtered(node):
    if not isinstance(node, dict):
        return node
    any_of = node.get("anyOf")
    if any_of:
        # Gemini takes an anyOf alone; a title or description moves into its entries.
        if all(isinstance(v, dict) for v in any_of) if isinstance(any_of, list) else False:
            for key in ("title", "description"):
                if node.get(key):
                    for v in any_of:
                        v[key] = node[key]
        node = {"anyOf": any_of}
    out = {}
    for key, value in node.items():
        if key not in SCHEMA_FIELDS:
            continue
        if key == "properties" and isinstance(value, dict):
            out[key] = {k: _filtered(v) for k, v in value.items()}
        elif key == "format":
            if value in ("enum", "date-time"):
                out[key] = value
        elif key == "items" and isinstance(value, dict):
            out[key] = _filtered(value)
        elif key == "anyOf" and isinstance(value, list):
            out[key] = [_filtered(v) for v in value]
        else:
            out[key] = value
    return out


def _ordering(node: dict) -> None:
    props = node.get("properties")
    if isinstance(props, dict):
        node.setdefault("propertyOrdering", list(props))
        for v in props.values():
            if isinstance(v, dict):
                _ordering(v)
    if isinstance(node.get("items"), dict):
        _ordering(node["items"])
