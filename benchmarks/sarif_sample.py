#!/usr/bin/env python3
"""A random sample of a SARIF report's findings, per rule, for triage by reading the code.

    python benchmarks/sarif_sample.py REPORT.sarif [--per-rule N] [--seed S]
                                      [--min-confidence low|medium|high]

Draws N findings of each rule (all of them where a rule has fewer) with a seeded random
generator, so the same report and seed give the same sample, and prints each as text: an id
(`LC001-2642`: the rule and the result's index in the report, to find it again), its
confidence and location, the message, and every path, one frame per line with its call
site. That is what a triager reads before opening the code (benchmarks/triage/).
--min-confidence samples only the findings `lockctx check --min-confidence` would keep.
"""
from __future__ import annotations

import argparse
import collections
import random
import sys

from path_steps import read_results


def where(location: dict) -> str:
    physical = location["physicalLocation"]
    return f"{physical['artifactLocation']['uri']}:{physical['region']['startLine']}"


def render(index: int, result: dict) -> str:
    lines = [f"### {result['ruleId']}-{index}  [{result['properties'].get('confidence')}] "
             f"{where(result['locations'][0])}", result["message"]["text"]]
    for flow in result.get("codeFlows", []):
        lines.append(f"  path: {flow.get('message', {}).get('text', '')}")
        for step in flow["threadFlows"][0]["locations"]:
            indent = "  " * step.get("nestingLevel", 0)
            lines.append(f"    {indent}{step['location']['message']['text']}  "
                         f"@ {where(step['location'])}")
    return "\n".join(lines)


CONFIDENCE = ("low", "medium", "high")


def sample(results: list, per_rule: int, seed: int, floor: str = "low") -> list[int]:
    by_rule = collections.defaultdict(list)
    for i, result in enumerate(results):
        level = result.get("properties", {}).get("confidence", "low")
        if CONFIDENCE.index(level) >= CONFIDENCE.index(floor):
            by_rule[result["ruleId"]].append(i)
    rng = random.Random(seed)
    chosen = []
    for rule in sorted(by_rule):
        indices = by_rule[rule]
        chosen += sorted(rng.sample(indices, min(per_rule, len(indices))))
    return chosen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report")
    ap.add_argument("--per-rule", type=int, default=10)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--min-confidence", choices=CONFIDENCE, default="low")
    args = ap.parse_args()
    results = read_results(args.report, "sarif_sample")
    if results is None:
        return 2
    print("\n\n".join(render(i, results[i]) for i in sample(results, args.per_rule, args.seed,
                                                                  args.min_confidence)))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:          # `| head`: the reader has what it wanted
        sys.stderr.close()
        sys.exit(0)
