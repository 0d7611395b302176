"""Rules: one module each. A rule's docstring is its documentation: the first line is
`CODE name`, then the sections What it finds / Why it is a bug / Example / Fix. The same text
feeds `lockctx rules`, SARIF rule help and editor hovers.
"""
from __future__ import annotations

from ..finding import Finding
from ..propagate import Analysis
from . import (lc001_irq_unsafe_lock, lc002_softirq_unsafe_lock, lc003_irq_enable_in_atomic,
               lc004_sleep_in_atomic, lc005_bh_with_irqs_off)
from .common import RuleContext, RuleDoc, doc

RULES = [lc001_irq_unsafe_lock, lc002_softirq_unsafe_lock, lc003_irq_enable_in_atomic,
         lc004_sleep_in_atomic, lc005_bh_with_irqs_off]


def all_docs() -> list[RuleDoc]:
    return [doc(m) for m in RULES]


def run_rules(analysis: Analysis, report_files: set[str]) -> list[Finding]:
    ctx = RuleContext(analysis, report_files)
    findings: list[Finding] = []
    for m in RULES:
        findings.extend(m.check(ctx))
    return sorted(findings, key=Finding.sort_key)
