#!/usr/bin/env python3
"""Which call steps the most findings cross: one wrong step can carry thousands.

    python benchmarks/path_steps.py REPORT.sarif [--top N]

For every finding of a SARIF report, the set of caller -> callee steps on its paths (each
step counted once per finding), then the N steps most findings cross, and the N functions
most paths go through. A step that cannot happen (a call made only under a condition that
is false in that context, a function pointer bound to the wrong object) shows up here as a
step shared by a large share of the report: on the whole defconfig tree at 4f51669, USB
OHCI's ohci_rh_resume -> ohci_restart carried 3,370 of 8,553. Complements funnels.py, which
finds the leaky summaries (a callee returning in a state it does not) instead.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys


def frames(flow: dict) -> list[str]:
    # "name (annotation)" -> name: the annotation says why, the name is the step
    return [step["location"]["message"]["text"].split(" (")[0]
            for step in flow["threadFlows"][0]["locations"]]


def census(results: list) -> tuple[collections.Counter, collections.Counter]:
    steps, functions = collections.Counter(), collections.Counter()
    for result in results:
        mine, through = set(), set()
        for flow in result.get("codeFlows", []):
            names = frames(flow)
            mine.update(zip(names, names[1:]))
            through.update(names)
        steps.update(mine)
        functions.update(through)
    return steps, functions


def read_results(path: str, tool: str) -> list | None:
    """The results of a SARIF report's first run; None, with a one-line error naming the
    file, when it cannot be read (also used by sarif_sample.py)."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)["runs"][0]["results"]
    except (OSError, ValueError, KeyError, IndexError) as e:
        print(f"{tool}: {path}: not a readable SARIF report ({e})", file=sys.stderr)
        return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report")
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args()
    results = read_results(args.report, "path_steps")
    if results is None:
        return 2
    steps, functions = census(results)
    print(f"{len(results)} findings")
    print("steps crossed by the most findings:")
    for (caller, callee), n in steps.most_common(args.top):
        print(f"{n:7d}  {caller} -> {callee}")
    print("functions on the most findings' paths:")
    for name, n in functions.most_common(args.top):
        print(f"{n:7d}  {name}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:          # `| head`: the reader has what it wanted
        sys.stderr.close()
        sys.exit(0)
