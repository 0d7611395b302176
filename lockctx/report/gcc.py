"""gcc-style output for editors: Vim's quickfix (`%f:%l:%c: %m`) and Emacs' compilation mode.

One `file:line:col: LEVEL: message [LC00N]` line per finding, LEVEL being the rule's (error or
warning), then `note:` lines, as gcc and clang print them: one for each step of each path (the
first step of a path carries its title), and one for the fix. Columns are 1-based byte
columns, as clang prints them: a tab counts as one. File names are relative to the current
directory when the file is below it, absolute otherwise, so the editor finds them from where
lockctx ran.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .. import kbuild

_POSITIONED = re.compile(r"^(.+?):(\d+):(\d+): (.*)$", re.S)


class Names:
    """Report-root-relative file names -> names an editor opens from the current directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cwd = Path.cwd().resolve()
        self._cache: dict[str, str] = {}

    def __call__(self, file: str) -> str:
        name = self._cache.get(file)
        if name is None:
            if file.startswith("<stubs>/"):
                path = kbuild.STUBS / file[len("<stubs>/"):]
            else:
                path = self.root / file
            path = Path(os.path.normpath(path))
            try:
                name = str(path.relative_to(self.cwd))
            except ValueError:
                name = str(path)
            self._cache[file] = name
        return name


def one_line(text: str) -> str:
    return " ".join(text.split("\n"))


def position(names: Names, loc) -> str:
    line = max(loc.line, 1)
    return f"{names(loc.file)}:{line}:{loc.col}" if loc.col > 0 else f"{names(loc.file)}:{line}"


def render(result) -> str:
    names = Names(result.root)
    out = []
    for f in result.findings:
        out.append(f"{position(names, f.loc)}: {f.level}: {one_line(f.message)} [{f.rule}]")
        for p in f.paths:
            for i, st in enumerate(p.steps):
                what = st.function + (f" ({st.note})" if st.note else "")
                text = f"{p.title}: {what}" if i == 0 else f"  -> {what}"
                out.append(f"{position(names, st.loc)}: note: {one_line(text)}")
        if f.fix:
            out.append(f"{position(names, f.loc)}: note: fix: {one_line(f.fix)}")
    for path, err in result.failures:
        m = _POSITIONED.match(err)
        if m:
            loc = f"{names(m.group(1))}:{m.group(2)}:{m.group(3)}"
            out.append(f"{loc}: note: parse error, facts may be partial: {one_line(m.group(4))}")
        else:
            out.append(f"{names(path)}: note: facts may be partial: {one_line(err)}")
    return "".join(line + "\n" for line in out)
