#!/usr/bin/env python3
"""Where lockctx's time goes on a real kernel directory, against the libclang parse floor.

    python benchmarks/bench_pipeline.py /path/to/linux kernel/irq [more dirs or files]

Each file is parsed once with libclang alone (the floor: nothing lockctx can do is faster
than this), then the whole pipeline runs: frontend (parse + fact extraction), link + propagate
+ rules, SARIF rendering. Prints one table; run it twice and read the second for warm caches.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lockctx import frontend, kbuild, pipeline, sources  # noqa: E402
from lockctx.knowledge import load_knowledge  # noqa: E402
from lockctx.link import link  # noqa: E402
from lockctx.propagate import propagate  # noqa: E402
from lockctx.report import sarif  # noqa: E402
from lockctx.rules import run_rules  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    tree = kbuild.Tree(Path(argv[0]).resolve())
    units = pipeline.translation_units(
        sources.select([tree.root / p for p in argv[1:]], [], tree, None, False))[0]
    files = [u.path for u in units]
    knowledge = load_knowledge()
    paths = frontend.PathMapper(tree.root, kbuild.STUBS)

    t0 = time.perf_counter()
    for src in files:
        frontend.parse(str(src), kbuild.kernel_flags(tree, src))
    floor = time.perf_counter() - t0

    t0 = time.perf_counter()
    parse_s = walk_s = 0.0
    facts = []
    for src in files:
        a = time.perf_counter()
        tu = frontend.parse(str(src), kbuild.kernel_flags(tree, src))
        b = time.perf_counter()
        facts.append(frontend.Extractor(tu, str(src), knowledge, paths).run())
        c = time.perf_counter()
        parse_s += b - a
        walk_s += c - b
    t1 = time.perf_counter()
    program = link(facts, knowledge)
    analysis = propagate(program, knowledge=knowledge)
    findings = run_rules(analysis, {paths(str(s)) for s in files})
    t2 = time.perf_counter()

    class R:  # the slice of pipeline.Result that the SARIF writer reads
        pass
    r = R()
    r.root, r.mode, r.findings, r.failures = tree.root, "kernel", findings, []
    text = sarif.render(r)
    t3 = time.perf_counter()

    total = t3 - t0
    rows = [
        ("files", f"{len(files)}"),
        ("functions", f"{len(program.functions)}"),
        ("analysed instances", f"{len(analysis.parents)}"),
        ("findings", f"{len(findings)}"),
        ("libclang parse alone (floor)", f"{floor:.2f} s"),
        ("pipeline: parse", f"{parse_s:.2f} s"),
        ("pipeline: fact extraction (Python walk)", f"{walk_s:.2f} s"),
        ("pipeline: link + propagate + rules", f"{t2 - t1:.2f} s"),
        ("pipeline: SARIF", f"{t3 - t2:.3f} s ({len(text) // 1024} KiB)"),
        ("pipeline: total", f"{total:.2f} s = {total / floor:.2f} x the parse floor"),
    ]
    w = max(len(a) for a, _ in rows)
    for a, b in rows:
        print(f"{a:<{w}}  {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
