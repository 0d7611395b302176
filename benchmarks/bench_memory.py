#!/usr/bin/env python3
"""Where lockctx's memory goes: resident size at each stage of one `lockctx check` run.

    python benchmarks/bench_memory.py [lockctx check arguments...]

Runs `lockctx check` in this process with the same arguments (run it from the tree root, as
lockctx itself: `python benchmarks/bench_memory.py . -j2 --cache-dir DIR -o /dev/null`) and
prints, on stderr, the resident set size when the facts are all in (before link), after
link, after propagate (with the number of function instances and distinct entry states),
and the peak (its own, and the largest parser worker's). The last run's stored result is
not read back: the analysis always runs. A warm facts cache measures the analysis without the hour of parsing a whole tree takes.
"""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lockctx import pipeline, resultcache  # noqa: E402
from lockctx.cli import app  # noqa: E402


def rss_mib() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return 0


def say(text: str) -> None:
    print(f"[memory] {text}", file=sys.stderr, flush=True)


def main() -> None:
    link, propagate = pipeline.link, pipeline.propagate

    def measured_link(*a, **k):
        say(f"facts in, before link: {rss_mib()} MiB")
        program = link(*a, **k)
        say(f"after link: {rss_mib()} MiB ({len(program.functions)} functions)")
        return program

    def measured_propagate(*a, **k):
        t0 = time.perf_counter()
        analysis = propagate(*a, **k)
        states = len({key[1] for key in analysis.parents})
        say(f"after propagate: {rss_mib()} MiB ({time.perf_counter() - t0:.1f} s, "
            f"{len(analysis.parents)} instances, {states} distinct entry states, "
            f"{len(analysis.observations)} observations)")
        return analysis

    pipeline.link, pipeline.propagate = measured_link, measured_propagate
    resultcache.load = lambda *a, **k: None
    sys.argv = ["lockctx", "check", *sys.argv[1:]]
    try:
        app()
    finally:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        # the parser workers, once they have exited: the largest of them (what
        # `/usr/bin/time` reports is the largest process of the whole tree)
        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
        say(f"peak: {peak} MiB (largest worker process: {workers} MiB)")


if __name__ == "__main__":
    main()
