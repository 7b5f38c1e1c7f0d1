"""A pydantic model as `response_format`: the strict JSON-schema form LiteLLM sends.

LiteLLM converts a model class with the openai SDK's strict-schema rules;
these are the same rules, without the SDK: every object closed
(`additionalProperties: false`) with all its properties required, `$defs`
and nested schemas treated alike, a single-entry `allOf` merged into its
parent, `default: null` dropped, and a `$ref` with siblings resolved in place.
"""
from __future__ import annotations

from fastcore.exceptions import BadRequestError


def response_format_param(model) -> dict:
    cls = model if isinstance(model, type) else type(model)
    if not hasattr(cls, "model_json_schema"):
        raise BadRequestError(f"response_format must be a dict or a pydantic model class, got {cls.__name__}",
                              None, None, param="response_format")
    schema = cls.model_json_schema()
    try:
        strict = _strict(schema, schema)
    except RecursionError:
        raise BadRequestError("response_format's schema is nested deeper than the recursion limit", None, None,
                              param="response_format") from None
    return {"type": "json_schema", "json_schema": {"schema": strict, "name": cls.__name__, "strict": True}}


def _strict(node, root: dict) -> dict:
    if not isinstance(node, dict):
        raise BadRequestError(f"response_format's schema has a non-object node: {node!r}", None, None,
                              param="response_format")
    for defs_key in ("$defs", "definitions"):
        defs = node.get(defs_key)
        if isinstance(defs, dict):
            for sub in defs.values():
                _strict(sub, root)
    if node.get("type") == "object" and "additionalProperties" not in node:
        node["additionalProperties"] = False
    props = node.get("properties")
    if isinstance(props, dict):
        node["required"] = list(props)
        node["properties"] = {k: _strict(v, root) for k, v in props.items()}
    if isinstance(node.get("items"), dict):
        node["items"] = _strict(node["items"], root)
    if isinstance(node.get("anyOf"), list):
        node["anyOf"] = [_strict(v, root) for v in node["anyOf"]]
    all_of = node.get("allOf")
    if isinstance(all_of, list):
        if len(all_of) == 1:
            node.update(_strict(all_of[0], root))
            node.pop("allOf")
        else:
            node["allOf"] = [_strict(v, root) for v in all_of]
    if "default" in node and node["default"] is None:
        node.pop("default")
    ref = node.get("$ref")
    if ref and len(node) > 1:
        target = _resolve(root, ref)
        node.update({**target, **node})
        node.pop("$ref")
        return _strict(node, root)
    return node


def _resolve(root: dict, ref: str) -> dict:
    if not isinstance(ref, str) or not ref.startswith("#/"):
        raise BadRequestError(f"response_format's schema has a $ref fastcore cannot follow: {ref!r}", None, None,
                              param="response_format")
    found = root
    for key in ref[2:].split("/"):
        found = found.get(key) if isinstance(found, dict) else None
        if not isinstance(found, dict):
            raise BadRequestError(f"response_format's schema has a $ref to nothing: {ref!r}", None, None,
                                  param="response_format")
    return found
