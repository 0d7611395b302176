"""`--since REV`: only findings whose site or paths touch lines changed since a revision."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from helpers import CORPUS, add_bug, lockctx
from lockctx.since import parse_diff
from test_cli import one_line_error

FILES = ("seamldr_plain_guard.c", "trylock_in_task.c", "napi_poll_plain.c")


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org",
                    *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    for name in FILES:
        shutil.copy(CORPUS / name, tmp_path / name)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    return tmp_path


def found(repo, *args):
    r = lockctx("check", "--standalone", "--no-cache", "--format", "json", *args, ".", cwd=repo)
    assert r.returncode in (0, 1), r.stderr
    return sorted((f["file"], f["function"]) for f in json.loads(r.stdout)["findings"])


def test_since_reports_only_what_the_change_touches(repo):
    assert len(found(repo)) == 3
    assert found(repo, "--since", "HEAD") == []          # nothing changed
    # a new function with a bug; the file's old finding only moved down: not reported
    add_bug(repo / "trylock_in_task.c")
    git(repo, "commit", "-q", "-am", "patch")
    assert found(repo, "--since", "HEAD~1") == [("trylock_in_task.c", "foo_mon_reset")]
    # an uncommitted change to a step of a path (the IRQ handler's call), not to the site
    doc = json.loads(lockctx("check", "--standalone", "--no-cache", "--format", "json",
                             "seamldr_plain_guard.c", cwd=repo).stdout)
    (f,) = doc["findings"]
    step = f["paths"][1]["steps"][0]
    assert step["line"] != f["line"]
    src = repo / "seamldr_plain_guard.c"
    lines = src.read_text().splitlines(keepends=True)
    lines[step["line"] - 1] = lines[step["line"] - 1].rstrip("\n") + " /* touched */\n"
    src.write_text("".join(lines))
    assert found(repo, "--since", "HEAD") == [("seamldr_plain_guard.c", "seamldr_call")]
    # a file git does not track yet is new on every line
    shutil.copy(CORPUS / "tasklet_plain.c", repo / "tasklet_plain.c")
    assert ("tasklet_plain.c", "reset_store") in found(repo, "--since", "HEAD")
    r = lockctx("check", "--standalone", "--no-cache", "--since", "HEAD~1", "--format", "sarif",
                ".", cwd=repo)
    assert r.returncode == 1 and len(json.loads(r.stdout)["runs"][0]["results"]) == 3


def test_since_errors_are_one_line(repo, tmp_path_factory):
    one_line_error(lockctx("check", "--standalone", "--since", "no-such-rev", ".", cwd=repo),
                   "'no-such-rev' is not a revision")
    one_line_error(lockctx("check", "--standalone", "--since", "--output=x", ".", cwd=repo),
                   "is not a revision")
    elsewhere = tmp_path_factory.mktemp("nogit")
    shutil.copy(CORPUS / "napi_poll_plain.c", elsewhere)
    one_line_error(lockctx("check", "--standalone", "--since", "HEAD",
                           elsewhere / "napi_poll_plain.c", cwd=elsewhere),
                   "not in a git work tree")


def test_parse_diff_hunks():
    text = ("diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -3 +3 @@\n-a\n+b\n"
            "@@ -10,2 +10,0 @@\n-c\n-d\n@@ -20,0 +19,3 @@\n+e\n+f\n+g\n"
            "diff --git a/gone.c b/gone.c\n--- a/gone.c\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
            '--- a/t\\303\\251.c\n+++ "b/t\\303\\251.c"\n@@ -1 +1,2 @@\n')
    assert parse_diff(text) == {"x.c": {3, 10, 11, 19, 20, 21}, "té.c": {1, 2}}
