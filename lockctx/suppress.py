"""Suppressions: findings a maintainer has looked at and decided to live with.

Two ways to say so, both with a reason:

- a `.lockctx-ignore` file at the analysed root (the kernel tree, else the current git top
  level), or the file given with `--ignore-file`, one entry a line:
  `<fingerprint> <RULE> -- <reason>`, `#` starting a comment. The fingerprint is lockctx's
  line-independent `lockctx/v1` (json `fingerprint`, SARIF `partialFingerprints`), so an
  entry survives edits elsewhere in the file and needs no change to kernel sources;
- an inline `/* lockctx: ignore LC001 -- reason */` (or `// lockctx: ignore LC001 -- reason`)
  on the finding's line or the line above silences that rule at that site. Several rules can
  be named: `ignore LC001,LC002 -- reason`.

An unknown rule id or a malformed entry or comment is a one-line warning naming file:line, and
is otherwise ignored: it silences nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .rules import RULES

IGNORE_FILE = ".lockctx-ignore"
KNOWN = frozenset(m.CODE for m in RULES)

_ENTRY = re.compile(r"^(?P<fp>[0-9a-f]{32})\s+(?P<rule>\S+)\s+--\s*(?P<reason>\S.*)$")
_MARK = re.compile(r"lockctx:\s*ignore\b")
_INLINE = re.compile(r"(?:/\*|//)\s*lockctx:\s*ignore\s+(?P<rules>[A-Za-z0-9_]+(?:\s*,\s*"
                     r"[A-Za-z0-9_]+)*)\s+--\s*(?P<reason>.*?)\s*(?:\*/|$)")


@dataclass
class Outcome:
    kept: list
    suppressed: int = 0
    warnings: list = field(default_factory=list)   # "file:line: what is wrong"


def read_ignore_file(path: Path, warnings: list) -> set[tuple[str, str]]:
    """The (fingerprint, rule) pairs the file silences; problems go to `warnings`."""
    entries = set()
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        warnings.append(f"{path}: cannot read: {exc.strerror}")
        return entries
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = _ENTRY.match(line)
        if not m:
            warnings.append(f"{path}:{n}: malformed entry, expected "
                            "'<fingerprint> <RULE> -- <reason>'")
        elif m["rule"] not in KNOWN:
            warnings.append(f"{path}:{n}: unknown rule {m['rule']!r}")
        else:
            entries.add((m["fp"], m["rule"]))
    return entries


class Inline:
    """The inline `lockctx: ignore` comments of source files, read once per file."""

    def __init__(self, root: Path | None, warnings: list) -> None:
        self.root = root
        self.warnings = warnings
        self._files: dict[str, dict[int, set[str]]] = {}

    def path(self, file: str) -> Path | None:
        if file.startswith("<stubs>/"):
            return None
        p = Path(file)
        return p if p.is_absolute() or self.root is None else self.root / p

    def rules_at(self, file: str) -> dict[int, set[str]]:
        """line -> rules its comment silences; warns once per bad comment."""
        got = self._files.get(file)
        if got is not None:
            return got
        got = {}
        path = self.path(file)
        try:
            text = path.read_text(encoding="utf-8", errors="replace") if path else ""
        except OSError:
            text = ""
        lines = text.splitlines() if "lockctx:" in text else []
        for n, line in enumerate(lines, 1):
            if not _MARK.search(line):
                continue
            m = _INLINE.search(line)
            if not m or not m["reason"]:
                self.warnings.append(f"{file}:{n}: malformed lockctx comment, expected "
                                     "'lockctx: ignore <RULE> -- <reason>'")
                continue
            rules = {r.strip() for r in m["rules"].split(",")}
            for r in sorted(rules - KNOWN):
                self.warnings.append(f"{file}:{n}: unknown rule {r!r} in lockctx comment")
            if rules & KNOWN:
                got[n] = rules & KNOWN
        self._files[file] = got
        return got

    def silences(self, f) -> bool:
        at = self.rules_at(f.loc.file)
        return any(f.rule in at.get(line, ()) for line in (f.loc.line, f.loc.line - 1))


def apply(findings: list, root: Path | None, files: list[str],
          ignore_file: Path | None = None) -> Outcome:
    """Leave out the suppressed findings. `files` are the reported files, whose inline
    comments are checked even when no finding is on them (so a typo is reported)."""
    warnings: list[str] = []
    if ignore_file is None and root is not None and (root / IGNORE_FILE).is_file():
        ignore_file = root / IGNORE_FILE
    entries = read_ignore_file(ignore_file, warnings) if ignore_file is not None else set()
    inline = Inline(root, warnings)
    for file in files:
        inline.rules_at(file)
    kept = [f for f in findings
            if (f.fingerprint(), f.rule) not in entries and not inline.silences(f)]
    return Outcome(kept, len(findings) - len(kept), warnings)
