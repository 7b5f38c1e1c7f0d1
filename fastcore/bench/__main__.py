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


def _table(head: tuple, body: list) -> str:
    widths = [max(len(str(x[i])) for x in (head, *body)) for i in range(len(head))]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(head), sep, *map(line, body)])


def _render(rows: list[dict]) -> str:
    head = ("benchmark", "fastcore", "LiteLLM", "openai SDK", "floor", "vs LiteLLM", "vs SDK", "fastcore/floor",
            "target")
    body = []
    for r in rows:
        unit = r.get("unit", "per call")
        body.append((
            f"{r['name']} ({unit})",
            _fmt_time(r["fastcore"]),
            _fmt_time(r.get("litellm")),
            _fmt_time(r.get("sdk")),
            _fmt_time(r.get("floor")),
            _fmt_ratio(r.get("speedup")),
            _fmt_ratio(r.get("vs_sdk")),
            f"{r['vs_floor']:.2f}" if r.get("vs_floor") is not None else "-",
            r.get("target_text", ""),
        ))
    table = _table(head, body)
    walls = [r for r in rows if r.get("wall")]
    if walls:
        table += "\n\nWall time of the network rows (same runs):\n\n" + _table(
            ("benchmark", "fastcore", "LiteLLM", "openai SDK", "floor"),
            [(f"{r['name']} (wall {r['unit'].split(' ', 1)[1]})",
              *[_fmt_time(r["wall"].get(k)) for k in ("fastcore", "litellm", "sdk", "floor")]) for r in walls])
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m fastcore.bench", description=__doc__)
    ap.add_argument("--quick", action="store_true", help="fewer calls and repeats (about 30 s)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--no-litellm", action="store_true", help="skip the LiteLLM side")
    ap.add_argument("--no-network", action="store_true", help="skip the rows that make real calls")
    ap.add_argument("--only", metavar="KEYS", help="run only these rows: comma-separated keys or key prefixes "
                    "(seed, sync, construct, provider, gop_, valid, net_, import)")
    ns = ap.parse_args(argv)

    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    only = tuple(k.strip() for k in ns.only.split(",") if k.strip()) if ns.only else None
    upstream = None
    if not ns.no_network and (only is None or any(k.startswith("net") for k in only)):
        from fastcore.bench.network import Upstream
        upstream = Upstream()
    try:
        rows = _run(ns, upstream.url if upstream else None, only)
    finally:
        if upstream is not None:
            upstream.close()
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


def _run(ns, upstream_url: str | None, only: tuple | None) -> list[dict]:
    jobs, rounds = W.plan(quick=ns.quick, upstream_url=upstream_url)
    if only:
        jobs = [job for job in jobs if job.key.startswith(only)]
    workers = []
    if not ns.no_litellm and W.litellm_version():
        _progress(0, 1, "starting the LiteLLM and SDK workers (LiteLLM's import takes about 3 s)")
        workers = W.attach_workers(jobs, ns.quick, upstream_url)
    rows = []
    t0 = time.perf_counter()
    steps = sum(job.rounds(rounds) for job in jobs)
    done = 0
    try:
        for job in jobs:
            samples = {side: [] for side in job.sides}
            walls = {side: [] for side in job.sides}
            for r in range(job.rounds(rounds)):
                _progress(done, steps, f"{job.name} (round {r + 1})")
                for side, fn in job.sides.items():
                    if job.sample(side, r, rounds):
                        value = fn()
                        if isinstance(value, tuple):        # (CPU, wall): network rows
                            samples[side].append(value[0])
                            walls[side].append(value[1])
                        else:
                            samples[side].append(value)
                done += 1
            rows.append(job.row(samples, walls) | {"key": job.key})
    finally:
        for worker in workers:
            worker.close()
        W.cleanup()
    rows.sort(key=lambda r: W.DISPLAY_ORDER.index(r["key"]))
    _progress(steps, steps, f"done in {time.perf_counter() - t0:.0f} s")
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    return rows


if __name__ == "__main__":
    sys.exit(main())
