"""`--baseline OLD.sarif`: which findings are new since an earlier run, which are unchanged, and
which earlier results are gone, matched by lockctx's line-independent fingerprint.

A fingerprint (rule, lock class, function, file, API) can be shared by several findings, say
two acquisitions of one lock in one function. Matching is by count: with k results of a
fingerprint in the baseline, the first k current findings with it (in report order) are
`unchanged`, the others `new`; baseline results left over are `absent`. Results that the
baseline itself marked `absent` were already gone then and are not matched.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import OneLineError

KEY = "lockctx/v1"


class BaselineError(OneLineError):
    """A baseline file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Baseline:
    path: Path
    results: list = field(default_factory=list)   # the lockctx results of the old log


@dataclass(frozen=True)
class Comparison:
    path: Path
    states: list            # per reported finding, in report order: "new" | "unchanged"
    absent: list            # baseline results (SARIF dicts) to report as absent
    new: int = 0            # the counts over the whole run, whatever is reported
    unchanged: int = 0
    gone: int = 0
    new_only: bool = False

    def only_new(self, findings: list) -> tuple[list, Comparison]:
        """The new findings, and the comparison that goes with them: no absent results."""
        keep = [f for f, s in zip(findings, self.states) if s == "new"]
        return keep, replace(self, states=["new"] * len(keep), absent=[], new_only=True)

    def summary(self) -> str:
        return (f"baseline {self.path.name}: {self.new} new, {self.unchanged} unchanged, "
                f"{self.gone} absent" + ("; only the new ones reported" if self.new_only else ""))


def load(path: Path) -> Baseline:
    def bad(why: str) -> BaselineError:
        return BaselineError(f"{path}: {why}")

    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise bad("no such baseline file") from None
    except IsADirectoryError:
        raise bad("is a directory, not a SARIF file") from None
    except OSError as exc:
        raise bad(f"cannot read baseline: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise bad(f"not a SARIF log: not UTF-8 (byte {exc.start})") from None
    try:
        doc = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise bad(f"not a SARIF log: invalid JSON at line {exc.lineno} column {exc.colno}: "
                  f"{exc.msg}") from None
    except (ValueError, RecursionError) as exc:     # a 5000-digit number, [[[[... nested
        raise bad(f"not a SARIF log: {_one_line(exc)}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("runs"), list):
        raise bad("not a SARIF log: no 'runs' array")
    try:                                # absent results are copied into the UTF-8 report
        json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise bad("not a SARIF log: a string holds a lone surrogate (\\ud800-\\udfff)") from None
    if doc.get("version") != "2.1.0":
        raise bad(f"not a SARIF 2.1.0 log (version {doc.get('version')!r})")
    results = []
    lockctx_runs = 0
    for i, run in enumerate(doc["runs"]):
        tool = run.get("tool") if isinstance(run, dict) else None
        driver = tool.get("driver") if isinstance(tool, dict) else None
        if not isinstance(driver, dict) or driver.get("name") != "lockctx":
            continue
        lockctx_runs += 1
        run_results = run.get("results") or []
        if not isinstance(run_results, list):
            raise bad(f"runs[{i}].results is not an array")
        for j, res in enumerate(run_results):
            fp = res.get("partialFingerprints", {}) if isinstance(res, dict) else None
            if not isinstance(fp, dict) or not isinstance(fp.get(KEY), str):
                raise bad(f"runs[{i}].results[{j}] has no partialFingerprints \"{KEY}\"")
            if res.get("baselineState") != "absent":
                results.append(res)
    if not lockctx_runs:
        raise bad("no lockctx run in this SARIF log")
    return Baseline(Path(path), results)


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")      # json.loads takes NaN; our report would not


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def compare(findings: list, baseline: Baseline) -> Comparison:
    waiting: dict[str, list[int]] = {}
    for i, res in enumerate(baseline.results):
        waiting.setdefault(res["partialFingerprints"][KEY], []).append(i)
    matched: set[int] = set()
    states = []
    for f in findings:
        queue = waiting.get(f.fingerprint())
        if queue:
            matched.add(queue.pop(0))
            states.append("unchanged")
        else:
            states.append("new")
    absent = [r for i, r in enumerate(baseline.results) if i not in matched]
    new = states.count("new")
    return Comparison(baseline.path, states, absent, new, len(states) - new, len(absent))
