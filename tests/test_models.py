"""The bundled model table (fastcore/_ext/model_prices.json) and `model_cost`."""
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

import fastcore
from fastcore._ext import models

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import gen_model_table
    finally:
        sys.path.pop(0)
    return gen_model_table


@pytest.mark.litellm
def test_checked_in_table_is_what_the_script_makes_from_litellms_data_file(litellm):
    gen = _generator()
    raw = gen.default_source().read_bytes()
    assert Path(models.TABLE_FILE).read_bytes() == gen.build(raw)
    assert models.table_source()["sha256"] == hashlib.sha256(raw).hexdigest()


@pytest.mark.litellm
def test_model_cost_is_litellms(litellm):
    assert fastcore.model_cost == litellm.model_cost
    assert list(fastcore.model_cost) == list(litellm.model_cost)


def test_model_cost_is_a_plain_dict_loaded_on_first_use():
    code = ("import sys, fastcore\n"
            "before = 'fastcore._ext.models' in sys.modules\n"
            "mc = fastcore.model_cost\n"
            "print(before, type(mc).__name__, len(mc) > 1000, 'gpt-4o' in mc, fastcore.model_cost is mc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "dict", "True", "True", "True"]


def test_unknown_module_attribute_still_raises():
    with pytest.raises(AttributeError, match="no_such_setting"):
        fastcore.no_such_setting


def test_generator_refuses_what_is_not_a_model_price_file():
    gen = _generator()
    with pytest.raises(SystemExit):
        gen.build(b"[1, 2]")
