"""Regenerate fastcore/_ext/model_prices.json from LiteLLM's published model-price JSON.

The table is LiteLLM's data file (prices, context windows, capability flags),
not its code: every entry as published, re-encoded compactly, with the name
and SHA-256 of the file it was made from. fastcore loads it on first use.

Usage: python tools/gen_model_table.py [PATH]
PATH defaults to the copy bundled in the installed LiteLLM package
(model_prices_and_context_window_backup.json); a test checks that the
checked-in table is what this script makes from that file.
"""
import hashlib
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "fastcore" / "_ext" / "model_prices.json"
SOURCE_NAME = "model_prices_and_context_window_backup.json"


def default_source() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("litellm")
    if spec is None or spec.origin is None:
        raise SystemExit("LiteLLM is not installed: pass the path of the model-price JSON")
    return Path(spec.origin).parent / SOURCE_NAME


def build(raw: bytes) -> bytes:
    table = json.loads(raw)
    if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
        raise SystemExit("not a model-price JSON: expected an object of objects")
    doc = {"source": {"file": SOURCE_NAME, "sha256": hashlib.sha256(raw).hexdigest(), "entries": len(table)},
           "table": table}
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else default_source()
    OUT.write_bytes(build(path.read_bytes()))
    print(f"{OUT}: {len(json.loads(path.read_bytes()))} entries from {path}")


if __name__ == "__main__":
    main()
