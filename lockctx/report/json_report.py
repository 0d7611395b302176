"""JSON output: every finding with its paths, for scripts and tests."""
from __future__ import annotations

import json

from .. import __version__


def step(st) -> dict:
    return {"function": st.function, "file": st.loc.file, "line": st.loc.line,
            "column": st.loc.col, "note": st.note}


def finding(f) -> dict:
    return {
        "rule": f.rule, "name": f.name, "level": f.level, "file": f.loc.file,
        "line": f.loc.line, "column": f.loc.col, "message": f.message, "lock": f.lock,
        "lock_class": f.lock_class, "function": f.function, "fix": f.fix,
        "confidence": f.confidence,
        "fingerprint": f.fingerprint(),
        "paths": [{"title": p.title, "steps": [step(s) for s in p.steps]} for p in f.paths],
        "related": [{"file": loc.file, "line": loc.line, "column": loc.col, "message": m}
                    for loc, m in f.related],
    }


def render(result, comparison=None) -> str:
    findings = [finding(f) for f in result.findings]
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
        "lost_statements": sum(f.lost_statements for f in result.facts),
        "recovered": sum(f.recovered for f in result.facts),
    }
    if baseline is not None:
        doc["baseline"] = baseline
    return json.dumps(doc, indent=2, sort_keys=False) + "\n"
