"""SARIF 2.1.0 output, built with sarif-om's object model.

sarif-om has no serializer, and the usual attrs/jsonpickle route drops properties equal to
their defaults (a result's `level` then silently inherits the rule's) and is slow. `to_plain`
below writes every property that is set, names it by the schema's property name, and is a
plain recursive walk; `dumps` writes each result on one line with json's C encoder. 25k
results take about 7 s in all (build, walk, write), most of it building the objects.

What GitHub code scanning reads: `%SRCROOT%`-relative URIs, rules with short and full
descriptions (at most 1024 characters), help text and markdown, tags, precision and
`problem.severity`; `partialFingerprints.primaryLocationLineHash` exactly as the upload action
computes it (`linehash.py`) next to lockctx's own line-independent `lockctx/v1`;
`automationDetails.id` from `--category`. LC001-LC003 results carry their fix as an edit
(`fixes`, from `fixes.py`). Columns are counted in Unicode code points, as
`columnKind` says: libclang's byte columns are converted on lines that are not ASCII.
"""
from __future__ import annotations

import json
import os
from collections import OrderedDict
from pathlib import Path
from urllib.parse import quote

import attr
import sarif_om as om

from .. import __version__, kbuild
from ..baseline import KEY as FINGERPRINT_KEY
from ..facts import Loc
from ..fixes import fixer_for
from ..rules import all_docs
from .linehash import file_line_hasher

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LINE_HASH_KEY = "primaryLocationLineHash"
DESCRIPTION_LIMIT = 1024       # GitHub truncates short and full descriptions beyond this
INFO_URI = "https://github.com/lockctx/lockctx"
SRCROOT = "%SRCROOT%"
STUBS = "LOCKCTX_STUBS"

_FIELDS: dict[type, list[tuple[str, str, object]]] = {}


def _fields(cls) -> list[tuple[str, str, object]]:
    f = _FIELDS.get(cls)
    if f is None:
        f = _FIELDS[cls] = [(a.name, a.metadata.get("schema_property_name", a.name), a.default)
                            for a in attr.fields(cls)]
    return f


_SCALARS = frozenset({str, int, float, bool, type(None)})


def to_plain(obj):
    """sarif-om objects -> JSON-ready dicts; None means 'absent', -1 is the 'unset' sentinel
    of indexes and rank; every other value, defaults included, is written."""
    t = type(obj)
    if t in _SCALARS:
        return obj
    fields = _FIELDS.get(t)
    if fields is None and attr.has(t):
        fields = _fields(t)
    if fields is not None:
        out = {}
        for name, prop, default in fields:
            v = getattr(obj, name)
            if v is None or (v == -1 and default == -1):
                continue
            out[prop] = v if type(v) in _SCALARS else to_plain(v)
        return out
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_plain(v) for v in obj]
    return obj


def dumps(doc: dict) -> str:
    """The log indented, except that each result is one line: json's C encoder only runs
    without indentation, and the indenting Python one takes most of a minute for 25k
    results. One line per result also keeps `grep` and diffs of reports readable."""
    doc = dict(doc, runs=[dict(run) for run in doc.get("runs") or []])
    placeholders = {}
    for i, run in enumerate(doc["runs"]):
        if run.get("results"):
            mark = f"\0results {i}\0"
            placeholders[json.dumps(mark)] = run["results"]
            run["results"] = mark
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    for mark, results in placeholders.items():
        at = text.index(mark)
        indent = text[text.rindex("\n", 0, at) + 1:at]
        indent = indent[:len(indent) - len(indent.lstrip())]
        body = (",\n" + indent + "  ").join(json.dumps(r, ensure_ascii=False) for r in results)
        text = text[:at] + "[\n" + indent + "  " + body + "\n" + indent + "]" + text[at + len(mark):]
    return text + "\n"


def relative_uri(path: str) -> str:
    """A relative path as a URI reference: percent-encoded, so that a file named `%2e%2e`,
    `a#b` or `x?.c` is that file and never `..`, a fragment or a query. (A ':' is encoded
    too: in a first segment it would read as a scheme.)"""
    return quote(path, safe="/!$&'()*+,;=@~")


def artifact(file: str) -> om.ArtifactLocation:
    """Files under the root are `%SRCROOT%`-relative (facts name them so, never with `..`),
    stub headers `LOCKCTX_STUBS`-relative, anything else an absolute file: URI."""
    if file.startswith("<stubs>/"):
        return om.ArtifactLocation(uri=relative_uri(file[len("<stubs>/"):]), uri_base_id=STUBS)
    if file.startswith("/") or ".." in file.split("/"):
        return om.ArtifactLocation(uri=Path(os.path.abspath(file)).as_uri())
    return om.ArtifactLocation(uri=relative_uri(file), uri_base_id=SRCROOT)


class SourceFiles:
    """The analysed files as they are on disk: code point columns and the upload action's
    line hashes. A file that cannot be read keeps libclang's columns and gets no line hash
    (the action leaves the key out too). The results come sorted by file, so only the files
    used last are kept (a whole tree's report touches thousands, each with its lines and
    line hasher: they were a quarter of the run's peak memory)."""

    KEEP = 64

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files: OrderedDict[str, dict] = OrderedDict()

    def path(self, file: str) -> Path:
        if file.startswith("<stubs>/"):
            return kbuild.STUBS / file[len("<stubs>/"):]
        return self.root / file      # an absolute `file` stays itself

    def _file(self, file: str) -> dict:
        got = self._files.get(file)
        if got is None:
            try:
                data = self.path(file).read_bytes()
            except OSError:
                data = None
            got = self._files[file] = {"data": data}
            if len(self._files) > self.KEEP:
                self._files.popitem(last=False)
        else:
            self._files.move_to_end(file)
        return got

    def data(self, file: str) -> bytes | None:
        return self._file(file)["data"]

    def column(self, file: str, line: int, col: int) -> int:
        """libclang's 1-based byte column -> 1-based code point column."""
        if col <= 1:
            return col
        f = self._file(file)
        if "lines" not in f:
            f["lines"] = f["data"].splitlines() if f["data"] is not None else None
        lines = f["lines"]
        if lines is None or not 1 <= line <= len(lines):
            return col
        before = lines[line - 1][:col - 1]
        if before.isascii():
            return col
        return len(before.decode("utf-8", "replace")) + 1

    def line_hash(self, file: str, line: int) -> str | None:
        f = self._file(file)
        if "hasher" not in f:
            f["hasher"] = file_line_hasher(f["data"]) if f["data"] is not None else None
        hasher = f["hasher"]
        if hasher is None or not 1 <= line <= len(hasher):
            return None
        return hasher(line)


def physical(loc: Loc, src: SourceFiles) -> om.PhysicalLocation:
    line = max(loc.line, 1)
    region = om.Region(start_line=line, start_column=max(src.column(loc.file, line, loc.col), 1))
    if loc.end_line and (loc.end_line, loc.end_col) > (loc.line, loc.col):
        region.end_line = loc.end_line
        region.end_column = src.column(loc.file, loc.end_line, loc.end_col)
    return om.PhysicalLocation(artifact_location=artifact(loc.file), region=region)


def fit(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """`text` cut to `limit` characters at a sentence end, or else at a word."""
    if len(text) <= limit:
        return text
    cut = text.rfind(". ", 0, limit)
    if cut > 0:
        return text[:cut + 1]
    return text[:limit - 1].rsplit(" ", 1)[0] + "…"


def full_description(d) -> str:
    """The rule's sections without the example, as many whole ones as fit."""
    parts: list[str] = []
    for h, t in d.sections.items():
        if h == "Example":
            continue
        block = f"{h}: {t}"
        if len("\n\n".join(parts + [block])) > DESCRIPTION_LIMIT:
            if not parts:
                parts.append(fit(block))
            break
        parts.append(block)
    return "\n\n".join(parts)


def rule_descriptor(d) -> om.ReportingDescriptor:
    full = d.full_text()
    summary = d.summary[:1].upper() + d.summary[1:]
    return om.ReportingDescriptor(
        id=d.code, name=d.name,
        short_description=om.MultiformatMessageString(text=fit(summary)),
        full_description=om.MultiformatMessageString(text=full_description(d)),
        help=om.MultiformatMessageString(text=full, markdown=d.markdown()),
        help_uri=f"{INFO_URI}#{d.code.lower()}",
        default_configuration=om.ReportingConfiguration(level=d.level, enabled=True),
        properties={"tags": ["correctness", "concurrency", "locking"], "precision": "high",
                    "problem.severity": "error" if d.level == "error" else "warning"})


def thread_flow(path, src: SourceFiles) -> om.CodeFlow:
    locs = []
    for i, st in enumerate(path.steps):
        text = st.function + (f" ({st.note})" if st.note else "")
        locs.append(om.ThreadFlowLocation(
            location=om.Location(physical_location=physical(st.loc, src),
                                 message=om.Message(text=text)),
            nesting_level=i, execution_order=i))
    return om.CodeFlow(message=om.Message(text=path.title),
                       thread_flows=[om.ThreadFlow(locations=locs)])


# SARIF rank (0-100: how likely the result is a true positive) from the finding's confidence
RANK = {"high": 90.0, "medium": 60.0, "low": 30.0}


def sarif_fix(edit, src: SourceFiles) -> om.Fix:
    """The edit as a SARIF fix: one artifactChange per file, regions in code points (an
    insertion is an empty region)."""
    changes: dict[str, list] = {}
    for r in edit.replacements:
        region = om.Region(start_line=r.line, start_column=src.column(r.file, r.line, r.col),
                           end_line=r.end_line,
                           end_column=src.column(r.file, r.end_line, r.end_col))
        changes.setdefault(r.file, []).append(om.Replacement(
            deleted_region=region, inserted_content=om.ArtifactContent(text=r.text)))
    return om.Fix(description=om.Message(text=edit.description),
                  artifact_changes=[om.ArtifactChange(artifact_location=artifact(file),
                                                      replacements=reps)
                                    for file, reps in changes.items()])


def result_of(f, index: dict[str, int], src: SourceFiles, state: str | None = None,
              fixer=None) -> om.Result:
    message = f.message
    related = []
    for i, (loc, what) in enumerate(f.related, start=1):
        ref = f"{loc.file}:{loc.line}"
        message = message.replace(ref, f"[{ref}]({i})", 1)
        related.append(om.Location(id=i, physical_location=physical(loc, src),
                                   message=om.Message(text=what)))
    fingerprints = {FINGERPRINT_KEY: f.fingerprint()}
    line_hash = src.line_hash(f.loc.file, max(f.loc.line, 1))
    if line_hash is not None:
        fingerprints[LINE_HASH_KEY] = line_hash
    edit = fixer.edit(f) if fixer is not None else None
    return om.Result(
        rule_id=f.rule, rule_index=index[f.rule], level=f.level, kind="fail",
        message=om.Message(text=message),
        locations=[om.Location(physical_location=physical(f.loc, src),
                               logical_locations=[om.LogicalLocation(
                                   name=f.function, kind="function")] if f.function else None)],
        related_locations=related or None,
        code_flows=[thread_flow(p, src) for p in f.paths] or None,
        fixes=[sarif_fix(edit, src)] if edit is not None else None,
        partial_fingerprints=fingerprints,
        baseline_state=state, rank=RANK[f.confidence],
        properties={"lock": f.lock, "lockClass": f.lock_class, "fix": f.fix,
                    "confidence": f.confidence,
                    # only when several configurations were analysed (multiconfig.py)
                    **({"configurations": list(f.extra["configurations"])}
                       if "configurations" in f.extra else {})})


def absent_result(res: dict, index: dict[str, int]) -> dict:
    """A baseline result that this run no longer finds, as the baseline wrote it."""
    out = dict(res)
    out["baselineState"] = "absent"
    rule = res.get("ruleId")
    if isinstance(rule, str) and rule in index:
        out["ruleIndex"] = index[rule]
    else:
        out.pop("ruleIndex", None)
        out.pop("rule", None)
    return out


def automation_id(category: str) -> str:
    """GitHub reads the category as everything before the id's last `/`."""
    return category if category.endswith("/") else category + "/"


def build(result, category: str | None = None, comparison=None) -> om.SarifLog:
    docs = all_docs()
    index = {d.code: i for i, d in enumerate(docs)}
    src = SourceFiles(result.root)
    states = comparison.states if comparison is not None else [None] * len(result.findings)
    if not getattr(result, "configs", None):
        fixer = fixer_for(result)
        results = [result_of(f, index, src, st, fixer) for f, st in zip(result.findings, states)]
    else:
        # several configurations: each finding against the one it was found in first
        srcs = {name: SourceFiles(r.root) for name, r in result.configs}
        fixers = {name: fixer_for(r) for name, r in result.configs}
        results = [result_of(f, index, srcs[f.extra["config"]], st, fixers[f.extra["config"]])
                   for f, st in zip(result.findings, states)]
    if comparison is not None:
        results += [absent_result(r, index) for r in comparison.absent]
    notifications = [
        om.Notification(level="warning", message=om.Message(text=f"{path}: {err}"),
                        locations=[om.Location(physical_location=om.PhysicalLocation(
                            artifact_location=artifact(path)))])
        for path, err in result.failures]
    run = om.Run(
        tool=om.Tool(driver=om.ToolComponent(
            name="lockctx", version=__version__, semantic_version=__version__,
            information_uri=INFO_URI, rules=[rule_descriptor(d) for d in docs])),
        original_uri_base_ids={
            SRCROOT: om.ArtifactLocation(uri=result.root.as_uri() + "/"),
            STUBS: om.ArtifactLocation(uri=kbuild.STUBS.as_uri() + "/")},
        invocations=[om.Invocation(execution_successful=True,
                                   tool_execution_notifications=notifications or None)],
        results=results,
        automation_details=om.RunAutomationDetails(id=automation_id(category))
        if category else None,
        column_kind="unicodeCodePoints",
        properties={"mode": result.mode, "notes": list(getattr(result, "notes", []))})
    return om.SarifLog(version="2.1.0", schema_uri=SCHEMA_URI, runs=[run])


def render(result, category: str | None = None, comparison=None) -> str:
    return dumps(to_plain(build(result, category, comparison)))

