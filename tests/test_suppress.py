"""Suppressions: `.lockctx-ignore` (by fingerprint) and inline `lockctx: ignore` comments."""
from __future__ import annotations

import json
import shutil

import pytest

from helpers import CORPUS, lockctx

SRC = "seamldr_plain_guard.c"
GUARD_LINE = 46          # the LC001 site: guard(raw_spinlock)(&seamldr_lock);


@pytest.fixture
def work(tmp_path):
    shutil.copy(CORPUS / SRC, tmp_path / SRC)
    return tmp_path


def check(work, *args):
    return lockctx("check", "--standalone", *args, SRC, cwd=work)


def fingerprint(work) -> str:
    (f,) = json.loads(check(work, "--format", "json").stdout)["findings"]
    assert (f["rule"], f["line"]) == ("LC001", GUARD_LINE)
    return f["fingerprint"]


def assert_suppressed_everywhere(work, *args):
    r = check(work, *args)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no findings, 1 suppressed" in r.stdout
    doc = json.loads(check(work, "--format", "json", *args).stdout)
    assert doc["findings"] == [] and doc["suppressed"] == 1
    assert check(work, "--format", "gcc", *args).stdout == ""
    r = check(work, "--format", "sarif", *args)
    assert json.loads(r.stdout)["runs"][0]["results"] == []
    assert "0 findings, 1 suppressed" in r.stderr


def test_ignore_file_at_the_root_silences_by_fingerprint(work):
    fp = fingerprint(work)
    (work / ".lockctx-ignore").write_text(f"# reviewed\n\n{fp} LC001 -- only called at probe\n")
    assert_suppressed_everywhere(work)
    # the fingerprint does not depend on the line: moving the code keeps it suppressed
    (work / SRC).write_text("/* two\n lines */\n" + (work / SRC).read_text())
    assert_suppressed_everywhere(work)


def test_ignore_file_option_and_a_rule_that_does_not_match(work, tmp_path_factory):
    fp = fingerprint(work)
    other = tmp_path_factory.mktemp("elsewhere") / "mine.ignore"
    other.write_text(f"{fp} LC002 -- wrong rule for this fingerprint\n")
    r = check(work, "--ignore-file", other)
    assert r.returncode == 1 and "LC001" in r.stdout and "suppressed" not in r.stdout
    other.write_text(f"{fp} LC001 -- reviewed\n")
    assert_suppressed_everywhere(work, "--ignore-file", other)


def test_missing_ignore_file_is_a_usage_error(work):
    r = check(work, "--ignore-file", work / "nope")
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0
    assert "nope: no such ignore file" in r.stderr


def test_malformed_entries_and_unknown_rules_are_one_line_warnings(work):
    fp = fingerprint(work)
    (work / ".lockctx-ignore").write_text(
        f"{fp} LC001\n"                       # 1: no reason
        "not-a-fingerprint LC001 -- x\n"       # 2
        f"{fp} LC999 -- typo\n"                # 3: unknown rule
        "# fine\n")
    r = check(work)
    assert r.returncode == 1 and "LC001" in r.stdout, r.stderr   # nothing silenced
    warnings = [line for line in r.stderr.splitlines() if line.startswith("lockctx: warning:")]
    assert len(warnings) == 3, r.stderr
    assert ".lockctx-ignore:1: malformed entry" in warnings[0]
    assert ".lockctx-ignore:2: malformed entry" in warnings[1]
    assert ".lockctx-ignore:3: unknown rule 'LC999'" in warnings[2]
    assert "Traceback" not in r.stderr


def edit_line(work, line: int, text: str, before: bool) -> None:
    lines = (work / SRC).read_text().split("\n")
    i = line - 1
    lines[i:i] = [text] if before else []
    if not before:
        lines[i] = lines[i] + " " + text
    (work / SRC).write_text("\n".join(lines))


@pytest.mark.parametrize("comment,before", [
    ("/* lockctx: ignore LC001 -- the store is gated on irq off */", True),
    ("// lockctx: ignore LC001 -- reviewed", True),
    ("/* lockctx: ignore LC002, LC001 -- reviewed */", False),
])
def test_inline_comment_on_the_line_or_the_line_above(work, comment, before):
    edit_line(work, GUARD_LINE, "\t" + comment if before else comment, before)
    assert_suppressed_everywhere(work)


def test_inline_comment_for_another_rule_or_line_does_not_silence(work):
    edit_line(work, GUARD_LINE, "\t/* lockctx: ignore LC002 -- other rule */", True)
    edit_line(work, GUARD_LINE - 5, "/* lockctx: ignore LC001 -- too far above */", True)
    r = check(work)
    assert r.returncode == 1 and ": error: LC001" in r.stdout, r.stdout
    assert "warning" not in r.stderr


def test_inline_unknown_rule_or_missing_reason_warns_with_file_and_line(work):
    edit_line(work, GUARD_LINE, "\t/* lockctx: ignore LC01 -- typo */", True)
    edit_line(work, 10, " * lockctx: ignore LC001", True)
    r = check(work)
    assert r.returncode == 1 and "LC001" in r.stdout     # neither silences the finding
    warnings = [line for line in r.stderr.splitlines() if line.startswith("lockctx: warning:")]
    assert warnings == [
        f"lockctx: warning: {SRC}:10: malformed lockctx comment, expected "
        "'lockctx: ignore <RULE> -- <reason>'",
        f"lockctx: warning: {SRC}:{GUARD_LINE + 1}: unknown rule 'LC01' in lockctx comment",
    ], r.stderr


def test_suppressed_findings_are_not_new_against_a_baseline(work):
    fp = fingerprint(work)
    base = work / "base.sarif"
    empty = lockctx("check", "--standalone", "--format", "sarif", "-o", base,
                    CORPUS / "seamldr_irqsave_guard.c")
    assert empty.returncode == 0, empty.stderr
    (work / ".lockctx-ignore").write_text(f"{fp} LC001 -- reviewed\n")
    r = check(work, "--baseline", base, "--new-only")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 new" in r.stdout and "1 suppressed" in r.stdout
