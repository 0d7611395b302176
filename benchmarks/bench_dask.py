#!/usr/bin/env python3
"""Local process pool against a Dask LocalCluster, on one kernel directory, cold (no cache).

    python benchmarks/bench_dask.py /path/to/linux kernel/irq [--workers 2]
        [--machines 1,4,16,64] [--cores 16] [--allmodconfig-files 30000]

Runs the whole pipeline twice, both with the same number of worker processes: with the local
pool (-j WORKERS) and with a LocalCluster of WORKERS single-threaded worker processes (started
before the clock: a real cluster is up before lockctx runs). Prints files/second of the
extraction map, the share of wall time in the single-machine reduce (link + propagate + rules
+ SARIF report, which stays on the client whatever executes the map), checks that both SARIF
reports are byte-identical, and estimates an allmodconfig run on N machines from the measured
per-file costs, with its assumptions printed beside it. Do not point it at a whole tree on a
small machine: it parses every file twice.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lockctx.knowledge import load_knowledge  # noqa: E402
from lockctx.pipeline import Options, run  # noqa: E402
from lockctx.report import sarif  # noqa: E402


def one(opts: Options) -> dict:
    t0 = time.perf_counter()
    result = run(opts)
    t1 = time.perf_counter()
    text = sarif.render(result)
    t2 = time.perf_counter()
    wall = t2 - t0
    parsed = len(result.facts) - result.from_cache
    reduce_s = result.seconds["analyse"] + (t2 - t1)
    return {"files": parsed, "extract": result.seconds["extract"],
            "analyse": result.seconds["analyse"], "report": t2 - t1, "wall": wall,
            "reduce": reduce_s, "rate": parsed / result.seconds["extract"], "sarif": text,
            "failures": len(result.failures), "findings": len(result.findings)}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("tree", type=Path)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--machines", default="1,4,16,64")
    ap.add_argument("--cores", type=int, default=16, help="worker processes per machine")
    ap.add_argument("--allmodconfig-files", type=int, default=30000,
                    help="translation units in an x86_64 allmodconfig build")
    a = ap.parse_args(argv)
    from lockctx.executor_dask import DaskExecutor

    tree = a.tree.resolve()
    knowledge = load_knowledge()
    base = dict(paths=[tree / p for p in a.paths], knowledge=knowledge, kernel_tree=tree,
                jobs=a.workers, cache_dir=None)

    local = one(Options(**base))
    t = time.perf_counter()
    ex = DaskExecutor(None, a.workers)
    startup = time.perf_counter() - t
    try:
        dask = one(Options(**base, executor=ex))
    finally:
        ex.close()

    rows = [("", "local pool", "Dask LocalCluster")]
    for key, label, fmt in (("files", "files parsed", "{:d}"),
                            ("extract", "map: select + parse + extract (s)", "{:.2f}"),
                            ("rate", "map: files/second", "{:.2f}"),
                            ("analyse", "reduce: link + propagate + rules (s)", "{:.2f}"),
                            ("report", "reduce: SARIF report (s)", "{:.3f}"),
                            ("wall", "wall (s)", "{:.2f}")):
        rows.append((label, fmt.format(local[key]), fmt.format(dask[key])))
    rows.append(("reduce share of wall", f"{local['reduce'] / local['wall']:.1%}",
                 f"{dask['reduce'] / dask['wall']:.1%}"))
    rows.append(("cluster start-up, before the clock (s)", "-", f"{startup:.2f}"))
    w = [max(len(r[i]) for r in rows) for i in range(3)]
    print(f"{' '.join(a.paths)} in {tree}, {a.workers} worker processes, no cache, "
          f"{os.cpu_count()} CPUs here")
    for r in rows:
        print(f"  {r[0]:<{w[0]}}  {r[1]:>{w[1]}}  {r[2]:>{w[2]}}")
    same = local["sarif"] == dask["sarif"]
    print(f"  SARIF byte-identical: {'yes' if same else 'NO'} "
          f"({local['findings']} findings, {local['failures']} parse failures)")

    # the estimate: the map scales with worker processes, the reduce does not
    core_s = dask["extract"] * a.workers / max(dask["files"], 1)   # worker-seconds per file
    reduce_per_file = dask["reduce"] / max(dask["files"], 1)
    n = a.allmodconfig_files
    print(f"\nallmodconfig estimate ({n} translation units):")
    print(f"  assumptions: {core_s:.2f} worker-seconds per file (measured here: map wall x "
          f"workers / files; kernel/ files run larger than drivers/ on average, so this may "
          f"be pessimistic); {a.cores} single-threaded workers per machine, as fast as these "
          f"cores; the map scales linearly (one scheduler, batches of 4 files, no stragglers: "
          f"the longest file, tens of seconds, bounds it from below); the reduce stays on one "
          f"machine and grows linearly with files ({reduce_per_file * 1000:.0f} ms per file "
          f"here; propagation grows with the call graph, so this is a floor); facts come back "
          f"over the network as JSON and are merged on the client; no cache.")
    reduce_total = reduce_per_file * n
    for m in [int(x) for x in a.machines.split(",") if x]:
        map_s = n * core_s / (m * a.cores)
        total = map_s + reduce_total
        print(f"  {m:>3} machine{'s' if m != 1 else ' '}: map {map_s / 60:7.1f} min + reduce "
              f"{reduce_total / 60:5.1f} min = {total / 60:7.1f} min "
              f"(reduce {reduce_total / total:.0%} of it)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
