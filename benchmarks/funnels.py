#!/usr/bin/env python3
"""Which leaky summaries make the most findings: the funnel census.

    python benchmarks/funnels.py [--top N] [lockctx check arguments...]

Run from the tree root, as lockctx itself (`python benchmarks/funnels.py . -j2 --cache-dir
DIR -o /dev/null`). For each finding, the first step of its first path that makes the
context atomic ("holding ...", "hardirqs disabled", "bottom halves disabled") is taken; when
the function that step is in has no lock or interrupt operation of its own, a callee's
summary did it: a *funnel*. A summary that leaks a lock or an interrupt-off state (an
unmatched unlock on a path the analysis cannot rule out) turns everything its callers do
afterwards atomic, and on a whole tree a handful of them make thousands of findings.

Prints the number of findings through a funnel, then the largest funnels with their rules,
one example (reported location, step, wording) and the callees whose summary is not
balanced. The last run's stored result is not read back: the analysis always runs.
"""
from __future__ import annotations

import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lockctx import cli, pipeline, resultcache  # noqa: E402
from lockctx.propagate import Local  # noqa: E402

ATOMIC_WORDS = ("hardirqs disabled", "holding", "bottom halves disabled")


def capture(args: list[str]):
    """Runs `lockctx check ARGS` in this process; the pipeline's Result."""
    got = {}
    run = pipeline.run

    def keep(opts):
        got["result"] = run(opts)
        return got["result"]
    cli.run = keep
    resultcache.load = lambda *a, **k: None
    cli.main(["check", *args])
    if "result" not in got:
        sys.exit("funnels: lockctx check did not run (see its error above)")
    return got["result"]


def own_operations(fn) -> bool:
    return any(ev.kind in ("acquire", "irq") for b in fn.blocks for ev in b.events)


def direct_callees(fn) -> list[str]:
    return sorted({ev.callee for b in fn.blocks for ev in b.events
                   if ev.kind == "call" and ev.callee})


def census(result):
    program = result.program
    by_name = {}
    for fid, fn in sorted(program.functions.items()):
        by_name.setdefault((fn.name, fn.loc.file), fid)
    funnels: collections.Counter = collections.Counter()
    rules: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    example: dict[str, tuple] = {}
    for f in result.findings:
        for step in f.paths[0].steps if f.paths else ():
            if any(w in step.note for w in ATOMIC_WORDS):
                fid = by_name.get((step.function, step.loc.file))
                if fid is not None and not own_operations(program.functions[fid]):
                    funnels[fid] += 1
                    rules[fid][f.rule] += 1
                    example.setdefault(fid, (f.loc.short(), step.loc.short(), step.note))
                break
    return funnels, rules, example


def main() -> None:
    args = sys.argv[1:]
    top = 20
    if args[:1] == ["--top"]:
        top, args = int(args[1]), args[2:]
    result = capture(args)
    funnels, rules, example = census(result)
    summaries = result.analysis.summaries
    print(f"{len(result.findings)} findings, {sum(funnels.values())} through a funnel")
    for fid, n in funnels.most_common(top):
        print(f"{n:6d} {fid} {dict(sorted(rules[fid].items()))}")
        print(f"         e.g. {example[fid][0]} via {example[fid][1]}: {example[fid][2]}")
        for c in direct_callees(result.program.functions[fid]):
            s = summaries.get(c)
            if s and s != frozenset({Local()}):
                shown = sorted((x.hard, x.saves, x.pops, x.soft, x.held) for x in s)[:3]
                print(f"           {c}: {shown}")


if __name__ == "__main__":
    main()
