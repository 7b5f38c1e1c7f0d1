"""`python -m fastcore.bench`: fastcore and LiteLLM side by side, in one run.

Every row is measured here, on this machine, in this process (import times in
fresh subprocesses), so the ratios compare like with like even where the
absolute times drift. Medians over repeats.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time

from fastcore.bench import workloads as W


def _progress(done: int, total: int, label: str) -> None:
    width = 24
    filled = width * done // total
    line = f"\r[{'#' * filled}{'.' * (width - filled)}] {done:>2}/{total} {label[:48]:<48}"
    if sys.stderr.isatty():
        sys.stderr.write(line)
    else:
        sys.stderr.write(line.lstrip("\r") + "\n")
    sys.stderr.flush()


def _fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.2f} µs"
    return f"{seconds * 1e9:.0f} ns"


def _fmt_ratio(r: float | None) -> str:
    if r is None:
        return "-"
    return f"{r:,.0f}x" if r >= 100 else f"{r:.1f}x"


def _render(rows: list[dict]) -> str:
    head = ("benchmark", "fastcore", "LiteLLM", "floor", "vs LiteLLM", "fastcore/floor", "target")
    body = []
    for r in rows:
        unit = r.get("unit", "per call")
        body.append((
            f"{r['name']} ({unit})",
            _fmt_time(r["fastcore"]),
            _fmt_time(r.get("litellm")),
            _fmt_time(r.get("floor")),
            _fmt_ratio(r.get("speedup")),
            f"{r['vs_floor']:.2f}" if r.get("vs_floor") is not None else "-",
            r.get("target_text", ""),
        ))
    widths = [max(len(str(x[i])) for x in (head, *body)) for i in range(len(head))]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(head), sep, *map(line, body)])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m fastcore.bench", description=__doc__)
    ap.add_argument("--quick", action="store_true", help="fewer calls and repeats (about 30 s)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--no-litellm", action="store_true", help="skip the LiteLLM side")
    ns = ap.parse_args(argv)

    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    jobs, rounds = W.plan(quick=ns.quick)
    worker = None
    if not ns.no_litellm and W.litellm_version():
        _progress(0, 1, "starting the LiteLLM worker (imports LiteLLM, about 3 s)")
        worker = W.attach_litellm(jobs, ns.quick)
    rows = []
    t0 = time.perf_counter()
    steps = sum(job.rounds(rounds) for job in jobs)
    done = 0
    for job in jobs:
        samples = {side: [] for side in job.sides}
        for r in range(job.rounds(rounds)):
            _progress(done, steps, f"{job.name} (round {r + 1})")
            for side, fn in job.sides.items():
                if job.sample(side, r, rounds):
                    samples[side].append(fn())
            done += 1
        rows.append(job.row(samples) | {"key": job.key})
    if worker is not None:
        worker.close()
    rows.sort(key=lambda r: W.DISPLAY_ORDER.index(r["key"]))
    _progress(steps, steps, f"done in {time.perf_counter() - t0:.0f} s")
    if sys.stderr.isatty():
        sys.stderr.write("\n")

    print()
    print(f"fastcore bench: Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} cores; LiteLLM {W.litellm_version() or 'not installed'}"
          f"{' (quick)' if ns.quick else ''}")
    print(_render(rows))
    missed = [r["name"] for r in rows if r.get("met") is False]
    if missed:
        print(f"\ntargets missed: {', '.join(missed)}")
    if ns.json:
        with open(ns.json, "w") as f:
            json.dump({"python": platform.python_version(), "machine": platform.machine(),
                       "litellm": W.litellm_version(), "quick": ns.quick, "rows": rows}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
