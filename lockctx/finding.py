"""What a rule reports: plain data that every output format renders."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .facts import Loc
from .propagate import Step


@dataclass(frozen=True)
class Path:
    title: str                 # "taken with hardirqs enabled"
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Finding:
    rule: str                  # "LC001"
    name: str                  # "irq-unsafe-lock"
    level: str                 # error | warning | note
    loc: Loc                   # where it is reported (outermost frame inside the PATHs)
    message: str
    lock: str = ""             # display name of the lock class
    lock_class: str = ""
    function: str = ""         # the function the reported site is in
    paths: tuple[Path, ...] = ()
    related: tuple[tuple[Loc, str], ...] = ()   # (location, what it is)
    fix: str = ""
    scenario: tuple[str, ...] = ()
    confidence: str = "high"   # high | medium | low: what its paths rely on (see rules.common)
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def fingerprint(self) -> str:
        """Line-independent identity: rule + lock class + function (+ the API used)."""
        h = hashlib.sha256(f"{self.rule}\0{self.lock_class}\0{self.function}\0{self.loc.file}"
                           f"\0{self.extra.get('api', '')}".encode()).hexdigest()
        return h[:32]

    def sort_key(self):
        return (self.loc.file, self.loc.line, self.loc.col, self.rule, self.message)
