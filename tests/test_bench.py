"""The benchmark harness's own logic (no timing is asserted here)."""
import json
import subprocess
import sys

from fastcore.bench.network import Interleaved
from fastcore.bench.workloads import Job, _paired


def test_paired_ratio_is_the_median_of_per_round_ratios():
    assert _paired([10.0, 30.0, 20.0], [1.0, 2.0, 4.0]) == 10.0
    assert _paired(None, [1.0]) is None


def test_row_targets():
    job = Job("x", "x", "per call", {}, target_litellm=100, target_floor=1.5)
    row = job.row({"fastcore": [1.0, 1.0], "litellm": [150.0, 150.0], "floor": [0.9, 0.9]})
    assert row["met"] is True and row["speedup"] == 150.0
    row = job.row({"fastcore": [1.0], "litellm": [150.0], "floor": [0.5]})
    assert row["met"] is False and "MISSED" in row["target_text"]


def test_quick_run_writes_every_row_to_json(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, "-m", "fastcore.bench", "--quick", "--no-litellm", "--json", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text())
    names = [r["name"] for r in data["rows"]]
    assert any(n.startswith("seed workload") for n in names) and "import" in names
    assert all(r["fastcore"] > 0 for r in data["rows"])
    network = [r for r in data["rows"] if r["key"].startswith("net_")]
    assert len(network) == 4 and all(r["floor"] > 0 and r["wall"]["fastcore"] > 0 for r in network)
    assert "| benchmark" in proc.stdout and "Wall time" in proc.stdout
    assert "Unclosed" not in proc.stderr and "ResourceWarning" not in proc.stderr


def test_only_runs_the_named_rows(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, "-m", "fastcore.bench", "--quick", "--no-litellm", "--only", "valid,gop_",
                           "--json", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert sorted(r["key"] for r in json.loads(out.read_text())["rows"]) == ["gop_anthropic", "gop_openai", "valid"]


def test_interleaved_sides_alternate_step_by_step():
    order = []
    pair = Interleaved({"net_sync": lambda: order.append("fc")}, {"net_sync": lambda: order.append("floor")},
                       quick=True)
    cpu, wall = pair.sample("net_sync")
    assert cpu >= 0 and wall > 0 and len(order) == 202
    # Each pair of steps swaps who goes first, so neither side always runs right after the other.
    assert order[:6] == ["floor", "fc", "fc", "floor", "floor", "fc"]
    assert pair.floor("net_sync")[1] > 0 and "net_sync" not in pair.kept
