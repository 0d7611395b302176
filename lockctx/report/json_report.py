"""JSON output: every finding with its paths, for scripts and tests."""
from __future__ import annotations

import json

from .. import __version__
from ..fixes import fixer_for


def step(st) -> dict:
    return {"function": st.function, "file": st.loc.file, "line": st.loc.line,
            "column": st.loc.col, "note": st.note}


def edit_doc(e) -> dict | None:
    """The fix as an edit: byte columns, end exclusive, as in the other positions here."""
    if e is None:
        return None
    return {"description": e.description,
            "replacements": [{"file": r.file, "line": r.line, "column": r.col,
                              "end_line": r.end_line, "end_column": r.end_col, "text": r.text}
                             for r in e.replacements]}


def finding(f, fixer=None) -> dict:
    doc = {
        "rule": f.rule, "name": f.name, "level": f.level, "file": f.loc.file,
        "line": f.loc.line, "column": f.loc.col, "message": f.message, "lock": f.lock,
        "lock_class": f.lock_class, "function": f.function, "fix": f.fix,
        "edit": edit_doc(fixer.edit(f)) if fixer is not None else None,
        "confidence": f.confidence,
        "fingerprint": f.fingerprint(),
        "paths": [{"title": p.title, "steps": [step(s) for s in p.steps]} for p in f.paths],
        "related": [{"file": loc.file, "line": loc.line, "column": loc.col, "message": m}
                    for loc, m in f.related],
    }
    if "configurations" in f.extra:    # several configurations analysed (multiconfig.py)
        doc["configurations"] = list(f.extra["configurations"])
    return doc


def render(result, comparison=None, suppressed: int = 0) -> str:
    if getattr(result, "configs", None):   # several configurations: each finding's own
        fixers = {name: fixer_for(r) for name, r in result.configs}
        findings = [finding(f, fixers[f.extra["config"]]) for f in result.findings]
    else:
        fixer = fixer_for(result)
        findings = [finding(f, fixer) for f in result.findings]
    baseline = None
    if comparison is not None:
        for doc, state in zip(findings, comparison.states):
            doc["baseline_state"] = state
        baseline = {"file": str(comparison.path), "new": comparison.new,
                    "unchanged": comparison.unchanged, "absent": comparison.gone,
                    "new_only": comparison.new_only}
    doc = {
        "tool": "lockctx", "version": __version__, "mode": result.mode,
        "findings": findings,
        "files": result.files,
        "failures": [{"file": p, "error": e} for p, e in result.failures],
        "lost_statements": result.lost_statements,
        "recovered": result.recovered,
        "suppressed": suppressed,
    }
    if baseline is not None:
        doc["baseline"] = baseline
    return json.dumps(doc, indent=2, sort_keys=False) + "\n"
