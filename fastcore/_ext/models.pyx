# cython: language_level=3
"""The model table: LiteLLM's published model prices, context windows and
capability flags (tools/gen_model_table.py makes model_prices.json from its
data file), loaded on first use.

`model_cost` is a plain dict, as LiteLLM's is: code that reads, iterates or
assigns into it sees the same thing it would with LiteLLM.
"""
import os

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
