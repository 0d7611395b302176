"""`--since REV`: only the findings a change since a git revision touches.

A reviewer runs it on a tree with the patch applied: a finding is kept when its reported site,
any step of any of its paths, or its related site is on a line `git diff REV` adds or changes
(the work tree against REV, so committed and uncommitted changes both count). A pure deletion
touches the lines on either side of it. A file git does not track yet (a new driver) is
changed on every line.

git runs as a subprocess with a list argv, never through a shell: REV is the user's text.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")

ALL = None      # every line of the file


class SinceError(Exception):
    """A --since problem (not a repository, not a revision); str() is the one-line message."""


def _git(top: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        # a repository's own config cannot make git run a program for us (core.fsmonitor
        # is consulted by commands that read the index, as diff does)
        return subprocess.run(["git", "-C", str(top), "-c", "core.fsmonitor=false", *args],
                              capture_output=True, timeout=120)
    except FileNotFoundError:
        raise SinceError("--since needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise SinceError(f"git {args[0]} took more than 120 s") from None


def _unquote(name: str) -> str:
    """git quotes names with unusual bytes C-style: "b/t\\303\\251st.c"."""
    if not name.startswith('"'):
        return name
    raw = name[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
    return raw.encode("latin-1").decode("utf-8", "replace")


def parse_diff(text: str) -> dict[str, set[int]]:
    """`git diff -U0` output -> {path in the new tree: lines added or changed}."""
    out: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in text.splitlines():
        if line.startswith("+++ "):
            name = _unquote(line[4:].rstrip("\t"))
            current = out.setdefault(name[2:], set()) if name.startswith("b/") else None
        elif line.startswith("@@") and current is not None:
            m = HUNK.match(line)
            if not m:
                continue
            start, count = int(m.group(1)), int(m.group(2) or 1)
            if count:
                current.update(range(start, start + count))
            else:                     # lines removed after `start`: both neighbours touched
                current.update((start, start + 1))
    return out


def changed_lines(rev: str, where: Path) -> dict[Path, set[int] | None]:
    """{absolute path: changed lines, or ALL} for the repository that holds `where`."""
    d = where if where.is_dir() else where.parent
    top = _git(d, "rev-parse", "--show-toplevel") if d.is_dir() else None
    if top is None or top.returncode != 0 or not top.stdout.strip():
        raise SinceError(f"--since: {where} is not in a git work tree")
    root = Path(top.stdout.decode().strip())
    if rev.startswith("-") or _git(root, "rev-parse", "--verify", "--quiet",
                                   "--end-of-options", f"{rev}^{{commit}}").returncode != 0:
        raise SinceError(f"--since: {rev!r} is not a revision of {root}")
    diff = _git(root, "-c", "core.quotePath=true", "diff", "-U0", "--no-color", "--no-ext-diff",
                "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/", rev, "--")
    if diff.returncode != 0:
        why = diff.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SinceError(f"--since: git diff {rev} failed" + (f": {why[-1]}" if why else ""))
    changed: dict[Path, set[int] | None] = {
        (root / name).resolve(): lines
        for name, lines in parse_diff(diff.stdout.decode("utf-8", "replace")).items()}
    new = _git(root, "ls-files", "-z", "--others", "--exclude-standard")
    for name in new.stdout.decode("utf-8", "replace").split("\0"):
        if name:
            changed[(root / name).resolve()] = ALL
    return changed


def touches(finding, root: Path, changed: dict[Path, set[int] | None]) -> bool:
    locs = [finding.loc, *(st.loc for p in finding.paths for st in p.steps),
            *(loc for loc, _ in finding.related)]
    for loc in locs:
        if loc.file.startswith("<"):
            continue
        path = (root / loc.file).resolve()
        if path not in changed:
            continue
        lines = changed[path]
        span = range(loc.line, max(loc.end_line, loc.line) + 1)
        if lines is ALL or any(n in lines for n in span):
            return True
    return False
