"""The findings of a run whose every file came from the facts cache, kept for the next one.

Linking, propagation and the rules are a function of the facts of every file, the rules in
force and lockctx's own code: a run in which none of these changed finds what the last one
found. On a kernel directory, loading every file's facts and analysing them again is most of
a warm run (kernel/: seconds of JSON decoding, seconds of propagation). So the findings, with
the edits that fix them and the counts the reports print, are stored beside the facts, keyed
by all of those inputs, and read back instead. Any change (one file, one header, one rule, a
lockctx upgrade, another option) is another key: the run analyses as usual and stores anew.

An entry is checked like a facts entry (format, key, checksum): anything that does not read
back is absent, never trusted.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

from .extract import write_json_atomically
from .facts import Loc
from .finding import Finding, Path as FindingPath
from .fixes import Edit, Replacement
from .propagate import Step

RESULT_FORMAT = "lockctx-result/1"


def _digest_code() -> str:
    here = Path(__file__).parent
    h = hashlib.sha256()
    for p in sorted(here.rglob("*.py")):
        h.update(str(p.relative_to(here)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


# taken when the run starts, with the code it imports, not when it stores its result: a
# lockctx edited during a 12-minute run stored the old code's findings under the new
# code's key, and the next run read them back
_code = _digest_code()


def code_identity() -> str:
    """A digest of lockctx's code: every module can change what a run finds or prints."""
    return _code


def knowledge_identity(k) -> str:
    """Everything the rules in force say (every field of Knowledge but the facts digest, so
    that a new table cannot be left out), in an order that does not depend on hashing."""
    return repr([(f.name, _canonical(getattr(k, f.name))) for f in dataclasses.fields(k)
                 if f.name != "digest"])


def _canonical(v):
    """v with its sets and dicts sorted, recursively (a frozenset's repr follows the hash
    seed; a dict's follows the order the rules files were read in)."""
    if dataclasses.is_dataclass(v):
        return type(v).__name__, tuple(_canonical(getattr(v, f.name))
                                       for f in dataclasses.fields(v))
    if isinstance(v, dict):
        return sorted(((repr(key), _canonical(val)) for key, val in v.items()), key=repr)
    if isinstance(v, (set, frozenset)):
        return sorted((_canonical(x) for x in v), key=repr)
    if isinstance(v, (list, tuple)):
        return tuple(_canonical(x) for x in v)
    return v


def result_key(salt: str, knowledge, units: list[tuple[str, str]], report_files,
               options: dict) -> str:
    """units: (path, facts cache key) of every analysed file, in the run's order."""
    h = hashlib.sha256()
    for part in (RESULT_FORMAT, salt, code_identity(), knowledge_identity(knowledge),
                 json.dumps(options, sort_keys=True), json.dumps(sorted(report_files))):
        h.update(part.encode() + b"\0")
    for path, key in units:
        h.update(f"{path}\0{key}\0".encode())
    return h.hexdigest()


def _sha_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _path(directory: Path, key: str) -> Path:
    return directory / "results" / f"{key}.result"


# ---- to and from plain data ---------------------------------------------------------------

def _loc(loc: Loc) -> list:
    return [loc.file, loc.line, loc.col, loc.end_line, loc.end_col]


def _step(s: Step) -> list:
    return [s.function, _loc(s.loc), s.note, s.fanout, s.root]


def _finding(f: Finding) -> dict:
    return {"rule": f.rule, "name": f.name, "level": f.level, "loc": _loc(f.loc),
            "message": f.message, "lock": f.lock, "lock_class": f.lock_class,
            "function": f.function,
            "paths": [[p.title, [_step(s) for s in p.steps]] for p in f.paths],
            "related": [[_loc(loc), what] for loc, what in f.related], "fix": f.fix,
            "scenario": list(f.scenario), "confidence": f.confidence, "extra": f.extra}


def _edit(e: Edit | None):
    if e is None:
        return None
    return [e.description, [[r.file, r.line, r.col, r.end_line, r.end_col, r.text]
                            for r in e.replacements]]


def _read_finding(d: dict) -> Finding:
    return Finding(
        rule=d["rule"], name=d["name"], level=d["level"], loc=Loc(*d["loc"]),
        message=d["message"], lock=d["lock"], lock_class=d["lock_class"],
        function=d["function"],
        paths=tuple(FindingPath(title, tuple(Step(fn, Loc(*loc), note, fanout, root)
                                             for fn, loc, note, fanout, root in steps))
                    for title, steps in d["paths"]),
        related=tuple((Loc(*loc), what) for loc, what in d["related"]), fix=d["fix"],
        scenario=tuple(d["scenario"]), confidence=d["confidence"], extra=dict(d["extra"]))


def _read_edit(d) -> Edit | None:
    if d is None:
        return None
    description, reps = d
    return Edit(description, tuple(Replacement(*r) for r in reps))


# ---- the entry ----------------------------------------------------------------------------

def store(directory: Path, key: str, result, edits: list, sources: dict[str, str]) -> None:
    """Write the result (findings, their edits in the same order, counts, notes). sources:
    {path relative to the root: sha256} of the files the edits were made from; the key
    covers facts, not sources, so those are checked when the result is read back."""
    body = json.dumps({
        "sources": sorted(sources.items()),
        "findings": [_finding(f) for f in result.findings],
        "edits": [_edit(e) for e in edits],
        "failures": [list(x) for x in result.failures], "notes": list(result.notes),
        "lost_statements": result.lost_statements, "recovered": result.recovered,
    }, sort_keys=True, separators=(",", ":"))
    doc = {"format": RESULT_FORMAT, "key": key, "body": body,
           "sha": hashlib.sha256(body.encode()).hexdigest()}
    write_json_atomically(_path(directory, key), doc)


def load(directory: Path, key: str, root: Path) -> dict | None:
    """{findings, edits (by finding), failures, notes, lost_statements, recovered} or None
    (also when a file the edits were made from has changed since)."""
    try:
        doc = json.loads(_path(directory, key).read_text(encoding="utf-8"))
        if doc.get("format") != RESULT_FORMAT or doc.get("key") != key:
            return None
        body = doc["body"]
        if doc.get("sha") != hashlib.sha256(body.encode()).hexdigest():
            return None
        d = json.loads(body)
        for path, sha in d["sources"]:
            if (_sha_of(root / path) or "") != sha:
                return None
        findings = [_read_finding(x) for x in d["findings"]]
        edits = [_read_edit(x) for x in d["edits"]]
        if len(edits) != len(findings):
            return None
        return {"findings": findings, "edits": dict(zip(findings, edits)),
                "failures": [(str(p), str(e)) for p, e in d["failures"]],
                "notes": [str(n) for n in d["notes"]],
                "lost_statements": int(d["lost_statements"]), "recovered": int(d["recovered"])}
    except Exception:  # noqa: BLE001 - anything that does not read back is absent
        return None
