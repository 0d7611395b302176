"""Report: render findings as text (terminals), json (scripts), SARIF (code scanning) or gcc
(editors' compilation/quickfix modes), or dot (Graphviz: the paths' call graph)."""
from __future__ import annotations

from dataclasses import dataclass

from . import dot, gcc, json_report, sarif, text

FORMATS = ("text", "json", "sarif", "gcc", "dot")


@dataclass(frozen=True)
class ReportOptions:
    """What the command line adds to a report beyond the analysis result."""
    category: str | None = None        # SARIF runAutomationDetails: "NAME/"
    comparison: object = None          # baseline.Comparison, aligned with result.findings
    suppressed: int = 0                # findings left out by .lockctx-ignore / inline comments


def render(fmt: str, result, color: bool = False, opts: ReportOptions | None = None) -> str:
    opts = opts or ReportOptions()
    if fmt == "text":
        return text.render(result, color=color, comparison=opts.comparison,
                           suppressed=opts.suppressed)
    if fmt == "json":
        return json_report.render(result, comparison=opts.comparison, suppressed=opts.suppressed)
    if fmt == "sarif":
        return sarif.render(result, category=opts.category, comparison=opts.comparison)
    if fmt == "gcc":
        return gcc.render(result)
    if fmt == "dot":
        return dot.render(result)
    raise ValueError(f"unknown format {fmt!r}")
