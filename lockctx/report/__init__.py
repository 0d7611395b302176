"""Report: render findings as text (terminals), json (scripts), SARIF (code scanning) or gcc
(editors' compilation/quickfix modes), or dot (Graphviz: the paths' call graph)."""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

FORMATS = ("text", "json", "sarif", "gcc", "dot")


@dataclass(frozen=True)
class ReportOptions:
    """What the command line adds to a report beyond the analysis result."""
    category: str | None = None        # SARIF runAutomationDetails: "NAME/"
    comparison: object = None          # baseline.Comparison, aligned with result.findings
    suppressed: int = 0                # findings left out by .lockctx-ignore / inline comments


def render(fmt: str, result, color: bool = False, opts: ReportOptions | None = None) -> str:
    opts = opts or ReportOptions()
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    # only the format asked for is imported: sarif_om alone costs a warm run 0.2 s
    module = import_module(f".{'json_report' if fmt == 'json' else fmt}", __name__)
    if fmt == "text":
        return module.render(result, color=color, comparison=opts.comparison,
                             suppressed=opts.suppressed)
    if fmt == "json":
        return module.render(result, comparison=opts.comparison, suppressed=opts.suppressed)
    if fmt == "sarif":
        return module.render(result, category=opts.category, comparison=opts.comparison)
    return module.render(result)
