"""SARIF 2.1.0 output, built with sarif-om's object model.

sarif-om has no serializer, and the usual attrs/jsonpickle route drops properties equal to
their defaults (a result's `level` then silently inherits the rule's) and is slow. `to_json`
below writes every property that is set, names it by the schema's property name, and is a
plain recursive walk: thousands of results serialize in well under a second.
"""
from __future__ import annotations

import json
from pathlib import Path

import attr
import sarif_om as om

from .. import __version__, kbuild
from ..facts import Loc
from ..rules import all_docs

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
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


def to_plain(obj):
    """sarif-om objects -> JSON-ready dicts; None means 'absent', -1 is the 'unset' sentinel
    of indexes and rank; every other value, defaults included, is written."""
    if attr.has(type(obj)):
        out = {}
        for name, prop, default in _fields(type(obj)):
            v = getattr(obj, name)
            if v is None or (v == -1 and default == -1):
                continue
            out[prop] = to_plain(v)
        return out
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_plain(v) for v in obj]
    return obj


def artifact(file: str) -> om.ArtifactLocation:
    if file.startswith("<stubs>/"):
        return om.ArtifactLocation(uri=file[len("<stubs>/"):], uri_base_id=STUBS)
    if file.startswith("/"):
        return om.ArtifactLocation(uri=Path(file).as_uri())
    return om.ArtifactLocation(uri=file, uri_base_id=SRCROOT)


def physical(loc: Loc) -> om.PhysicalLocation:
    region = om.Region(start_line=max(loc.line, 1), start_column=max(loc.col, 1))
    if loc.end_line and (loc.end_line, loc.end_col) > (loc.line, loc.col):
        region.end_line = loc.end_line
        region.end_column = loc.end_col
    return om.PhysicalLocation(artifact_location=artifact(loc.file), region=region)


def rule_descriptor(d) -> om.ReportingDescriptor:
    full = d.full_text()
    return om.ReportingDescriptor(
        id=d.code, name=d.name,
        short_description=om.MultiformatMessageString(text=d.summary[:1024]),
        full_description=om.MultiformatMessageString(text=full[:1024]),
        help=om.MultiformatMessageString(text=full, markdown=d.markdown()),
        help_uri=f"{INFO_URI}#{d.code.lower()}",
        default_configuration=om.ReportingConfiguration(level=d.level, enabled=True),
        properties={"tags": ["correctness", "concurrency", "locking"], "precision": "high",
                    "problem.severity": "error" if d.level == "error" else "warning"})


def thread_flow(path) -> om.CodeFlow:
    locs = []
    for i, st in enumerate(path.steps):
        text = st.function + (f" ({st.note})" if st.note else "")
        locs.append(om.ThreadFlowLocation(
            location=om.Location(physical_location=physical(st.loc),
                                 message=om.Message(text=text)),
            nesting_level=i, execution_order=i))
    return om.CodeFlow(message=om.Message(text=path.title),
                       thread_flows=[om.ThreadFlow(locations=locs)])


def result_of(f, index: dict[str, int]) -> om.Result:
    message = f.message
    related = []
    for i, (loc, what) in enumerate(f.related, start=1):
        ref = f"{loc.file}:{loc.line}"
        message = message.replace(ref, f"[{ref}]({i})", 1)
        related.append(om.Location(id=i, physical_location=physical(loc),
                                   message=om.Message(text=what)))
    return om.Result(
        rule_id=f.rule, rule_index=index[f.rule], level=f.level, kind="fail",
        message=om.Message(text=message),
        locations=[om.Location(physical_location=physical(f.loc),
                               logical_locations=[om.LogicalLocation(
                                   name=f.function, kind="function")] if f.function else None)],
        related_locations=related or None,
        code_flows=[thread_flow(p) for p in f.paths] or None,
        partial_fingerprints={"lockctx/v1": f.fingerprint()},
        properties={"lock": f.lock, "lockClass": f.lock_class, "fix": f.fix})


def build(result) -> om.SarifLog:
    docs = all_docs()
    index = {d.code: i for i, d in enumerate(docs)}
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
        results=[result_of(f, index) for f in result.findings],
        column_kind="unicodeCodePoints",
        properties={"mode": result.mode, "notes": list(getattr(result, "notes", []))})
    return om.SarifLog(version="2.1.0", schema_uri=SCHEMA_URI, runs=[run])


def render(result) -> str:
    return json.dumps(to_plain(build(result)), indent=2, ensure_ascii=False) + "\n"

