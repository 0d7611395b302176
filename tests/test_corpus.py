"""Run `python -m lockctx check` over tests/corpus/ and compare with the expect markers.

Every case is either one .c file directly under tests/corpus/ or one subdirectory of it (a
program of several files, analysed together).  The expected findings are trailing comments on
the line where each finding is reported:

    spin_lock(&priv->lock); /* expect: LC001 */
    foo(); /* expect: LC001 LC004 */

A case with no marker must produce no finding.  Findings are compared as a multiset of
(file basename, line, rule); a repeated rule in one marker means that many findings.

Two modes run the same corpus with the same expectations:
  * standalone: `--standalone`, against the stub headers in fake_libc_include/;
  * kernel tree: `--kernel-tree $LOCKCTX_KERNEL_TREE`, each case copied into a scratch
    directory under <tree>/drivers/ (removed afterwards); skipped when the variable is unset.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"

RULES = {"LC001", "LC002", "LC003", "LC004", "LC005"}
SOURCE_SUFFIXES = (".c", ".h")
# A well-formed marker: a C comment holding `expect:` and one or more rule ids.
EXPECT_RE = re.compile(r"/\*\s*expect:\s*((?:LC\d{3}\s+)*LC\d{3})\s*\*/")
# Anything that looks like an attempt at a marker (catches typos such as `expect LC001`).
MARKER_HINT_RE = re.compile(r"\bexpect\b\s*:?\s*LC\d", re.IGNORECASE)

STANDALONE_TIMEOUT = 300
KERNEL_TREE_TIMEOUT = 900
KERNEL_TREE_ENV = "LOCKCTX_KERNEL_TREE"

Key = tuple[str, int, str]  # (file basename, line, rule)


# ---- the corpus -----------------------------------------------------------------------------

def corpus_cases() -> list[Path]:
    """Every .c file directly under tests/corpus/ and every subdirectory of it."""
    if not CORPUS.is_dir():
        return []
    cases = []
    for entry in sorted(CORPUS.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_dir() or (entry.is_file() and entry.suffix == ".c"):
            cases.append(entry)
    return cases


def case_id(case: Path) -> str:
    return case.name + ("/" if case.is_dir() else "")


def case_files(case: Path) -> list[Path]:
    """The source files of a case: the file itself, or every .c/.h below the directory."""
    if case.is_file():
        return [case]
    return sorted(p for p in case.rglob("*") if p.is_file() and p.suffix in SOURCE_SUFFIXES)


def expectations(case: Path) -> Counter[Key]:
    """The multiset of (basename, line, rule) that the case's markers ask for."""
    files = case_files(case)
    names = Counter(p.name for p in files)
    dups = sorted(n for n, c in names.items() if c > 1)
    assert not dups, f"{case_id(case)}: file names must be unique within a case: {dups}"
    expected: Counter[Key] = Counter()
    for path in files:
        for lineno, text in enumerate(path.read_text().splitlines(), start=1):
            for match in EXPECT_RE.finditer(text):
                for rule in match.group(1).split():
                    expected[(path.name, lineno, rule)] += 1
    return expected


def source_line(case_root: Path, name: str, line: int) -> str:
    for path in case_files(case_root):
        if path.name == name:
            lines = path.read_text().splitlines()
            if 1 <= line <= len(lines):
                return lines[line - 1].strip()
    return ""


# ---- running the CLI ------------------------------------------------------------------------

def run_lockctx(args: list[str], timeout: int) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    cmd = [sys.executable, "-m", "lockctx", "check", *args]
    try:
        return subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"`{' '.join(cmd)}` did not finish within {timeout} s\n"
                    f"stderr:\n{_tail(exc.stderr)}")


def _tail(text: str | bytes | None, limit: int = 4000) -> str:
    if text is None:
        return ""
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    return text if len(text) <= limit else "...\n" + text[-limit:]


def parse_findings(proc: subprocess.CompletedProcess[str], what: str) -> list[dict]:
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        pytest.fail(f"{what}: stdout is not JSON ({exc}); exit code {proc.returncode}\n"
                    f"stdout:\n{_tail(proc.stdout)}\nstderr:\n{_tail(proc.stderr)}")
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        pytest.fail(f"{what}: JSON output has no \"findings\" list\nstdout:\n{_tail(proc.stdout)}")
    return data["findings"]


def check_case(case: Path, proc: subprocess.CompletedProcess[str], what: str) -> None:
    findings = parse_findings(proc, what)
    expected = expectations(case)

    actual: Counter[Key] = Counter()
    details: dict[Key, list[dict]] = {}
    for f in findings:
        key = (Path(str(f.get("file", ""))).name, int(f.get("line", 0)), str(f.get("rule", "")))
        actual[key] += 1
        details.setdefault(key, []).append(f)

    missing = expected - actual
    unexpected = actual - expected
    want_rc = 1 if expected else 0
    if not missing and not unexpected and proc.returncode == want_rc:
        return

    out = [f"{what}: findings differ from the expect markers"]
    if missing:
        out.append("  missing (expected, not reported):")
        for key in sorted(missing.elements()):
            name, line, rule = key
            out.append(f"    {name}:{line} {rule}    | {source_line(case, name, line)}")
    if unexpected:
        out.append("  unexpected (reported, not expected):")
        seen: Counter[Key] = Counter()
        for key in sorted(unexpected.elements()):
            name, line, rule = key
            f = details[key][min(seen[key], len(details[key]) - 1)]
            seen[key] += 1
            col = f.get("column", "?")
            lock = f" [lock {f['lock']}]" if f.get("lock") else ""
            out.append(f"    {name}:{line}:{col} {rule}{lock}: {f.get('message', '')}")
            text = source_line(case, name, line)
            if text:
                out.append(f"        | {text}")
    matched = expected & actual
    if matched:
        out.append(f"  matched: {sum(matched.values())} finding(s)")
    if proc.returncode != want_rc:
        out.append(f"  exit code {proc.returncode}, expected {want_rc} "
                   f"({'findings expected' if expected else 'no findings expected'})")
    if proc.stderr.strip():
        out.append("  stderr:\n" + _tail(proc.stderr))
    pytest.fail("\n".join(out), pytrace=False)


# ---- the tests ------------------------------------------------------------------------------

CASES = corpus_cases()
CASE_IDS = [case_id(c) for c in CASES]


def test_corpus_is_present():
    assert CASES, f"no corpus cases found under {CORPUS}"


def test_expect_markers_are_well_formed():
    """A typo in a marker would silently turn a positive case into a negative one."""
    problems = []
    for case in CASES:
        for path in case_files(case):
            for lineno, text in enumerate(path.read_text().splitlines(), start=1):
                rel = path.relative_to(CORPUS)
                good = list(EXPECT_RE.finditer(text))
                for match in good:
                    bad = set(match.group(1).split()) - RULES
                    if bad:
                        problems.append(f"{rel}:{lineno}: unknown rule(s) {sorted(bad)}")
                rest = EXPECT_RE.sub("", text)
                if MARKER_HINT_RE.search(rest):
                    problems.append(f"{rel}:{lineno}: malformed expect marker: {text.strip()}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_corpus_standalone(case: Path):
    target = case.relative_to(REPO)
    proc = run_lockctx(["--standalone", "--format", "json", str(target)], STANDALONE_TIMEOUT)
    check_case(case, proc, f"standalone {case_id(case)}")


@pytest.fixture
def kernel_tree() -> Path:
    value = os.environ.get(KERNEL_TREE_ENV)
    if not value:
        pytest.skip(f"{KERNEL_TREE_ENV} is not set: kernel-tree mode needs a prepared Linux "
                    f"tree (.ci/prepare-kernel.sh prepares one and prints its path)")
    tree = Path(value)
    if not (tree / "Makefile").is_file() or not (tree / "include" / "linux").is_dir():
        pytest.fail(f"{KERNEL_TREE_ENV}={value} is not a Linux source tree")
    if not (tree / "drivers").is_dir():
        pytest.fail(f"{KERNEL_TREE_ENV}={value} has no drivers/ directory")
    return tree


@pytest.fixture
def scratch_dir(kernel_tree: Path):
    """A fresh directory inside the tree's drivers/, removed after the test."""
    path = Path(tempfile.mkdtemp(prefix="lockctx_test_", dir=kernel_tree / "drivers"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_corpus_kernel_tree(case: Path, kernel_tree: Path, scratch_dir: Path):
    if case.is_file():
        target = scratch_dir / case.name
        shutil.copy2(case, target)
    else:
        shutil.copytree(case, scratch_dir, dirs_exist_ok=True)
        target = scratch_dir
    proc = run_lockctx(["--kernel-tree", str(kernel_tree), "--format", "json", str(target)],
                       KERNEL_TREE_TIMEOUT)
    check_case(case, proc, f"kernel-tree {case_id(case)} (copied to {target})")
