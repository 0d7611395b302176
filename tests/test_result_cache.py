"""The result cache: a run with nothing changed reads its findings back instead of analysing,
and any change to the inputs (a source, a rule) or a damaged entry means analysing again."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from helpers import CORPUS, add_bug, lockctx

SUMMARY = re.compile(r"(\d+) files analysed \((\d+) from cache.*?(\d+) findings")
FILES = ["trylock_in_task.c", "seamldr_plain_guard.c", "timer_softirq_plain.c",
         "sleep_in_irq_handler_alloc.c"]


def setup(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for name in FILES:
        shutil.copy(CORPUS / name, src / name)
    return src


def check(src: Path, cache: Path, out: Path, *extra) -> tuple[str, bytes]:
    r = lockctx("check", "--standalone", "-f", "sarif", "-o", out, "--cache-dir", cache,
                *extra, *sorted(src.glob("*.c")), cwd=src)
    assert r.returncode == 1, r.stderr
    assert SUMMARY.search(r.stderr), r.stderr
    return r.stderr, out.read_bytes()


def results(cache: Path) -> list[Path]:
    return sorted((cache / "results").glob("*.result"))


def test_a_run_with_nothing_changed_reads_the_stored_result(tmp_path):
    src, cache = setup(tmp_path), tmp_path / "cache"
    _, cold = check(src, cache, tmp_path / "cold.sarif")
    assert len(results(cache)) == 1
    stamp = results(cache)[0].stat().st_mtime_ns
    _, warm = check(src, cache, tmp_path / "warm.sarif")
    assert warm == cold                     # fixes included: they are stored with it
    assert b'"fixes"' in warm
    assert results(cache)[0].stat().st_mtime_ns == stamp     # read, not written again


def test_an_edited_source_is_analysed_again_not_served_stale(tmp_path):
    src, cache = setup(tmp_path), tmp_path / "cache"
    err, _ = check(src, cache, tmp_path / "a.sarif")
    before = int(SUMMARY.search(err).group(3))
    add_bug(src / "trylock_in_task.c")
    err, _ = check(src, cache, tmp_path / "b.sarif")
    assert int(SUMMARY.search(err).group(3)) == before + 1
    assert len(results(cache)) == 2


def test_other_rules_are_another_result(tmp_path):
    """A [follow] rule changes no facts (the facts cache keeps every entry) but may change
    what is found: the result key covers every table of the rules."""
    src, cache = setup(tmp_path), tmp_path / "cache"
    _, plain = check(src, cache, tmp_path / "a.sarif")
    rules = tmp_path / "more.toml"
    rules.write_text('[follow]\nstop = ["foo_mon_reset"]\n')
    check(src, cache, tmp_path / "b.sarif", "--rules", rules)
    assert len(results(cache)) == 2
    _, again = check(src, cache, tmp_path / "c.sarif")
    assert again == plain


def test_a_damaged_result_is_analysed_again_and_rewritten(tmp_path):
    src, cache = setup(tmp_path), tmp_path / "cache"
    _, cold = check(src, cache, tmp_path / "cold.sarif")
    entry = results(cache)[0]
    for damage in (b"", b"{", entry.read_bytes().replace(b'"LC0', b'"LX0', 1),
                   entry.read_bytes()[:-40]):
        entry.write_bytes(damage)
        _, warm = check(src, cache, tmp_path / "warm.sarif")
        assert warm == cold
        assert entry.read_bytes() != damage           # rebuilt


def test_explain_after_a_stored_result_still_has_the_whole_analysis(tmp_path):
    src, cache = setup(tmp_path), tmp_path / "cache"
    check(src, cache, tmp_path / "a.sarif")
    r = lockctx("explain", "--standalone", "--cache-dir", cache, "seamldr_call",
                *sorted(src.glob("*.c")), cwd=src)
    assert r.returncode == 0, r.stderr
    assert "seamldr_call" in r.stdout


def test_a_comment_edit_reparses_that_file_and_reads_the_stored_result(tmp_path):
    """Early cutoff: the key is the facts' digests, not the sources'. An edit that changes no
    facts (a comment) re-parses the edited file only, and the findings are read back
    (sleep_in_irq_handler_alloc.c has a finding, LC004, but no fix is made from its text:
    see the next test)."""
    src, cache = setup(tmp_path), tmp_path / "cache"
    _, cold = check(src, cache, tmp_path / "cold.sarif")
    stamp = results(cache)[0].stat().st_mtime_ns
    with open(src / "sleep_in_irq_handler_alloc.c", "a") as fh:
        fh.write("/* a comment appended after the code */\n")
    err, warm = check(src, cache, tmp_path / "warm.sarif")
    assert SUMMARY.search(err).group(1, 2) == ("4", "3"), err    # one file parsed again
    assert len(results(cache)) == 1
    assert results(cache)[0].stat().st_mtime_ns == stamp     # read back, not analysed
    assert warm == cold


def test_a_stored_result_is_not_trusted_once_a_file_its_fixes_came_from_changed(tmp_path):
    """The stored edits were made from the sources' text; a change there that leaves the
    facts alone (a comment on the line a fix rewrites) means analysing again."""
    src, cache = setup(tmp_path), tmp_path / "cache"
    _, cold = check(src, cache, tmp_path / "cold.sarif")
    assert b'"fixes"' in cold and b"seamldr_plain_guard.c" in cold
    entry = results(cache)[0]
    stamp = entry.stat().st_mtime_ns
    target = src / "seamldr_plain_guard.c"
    target.write_text(target.read_text() + "/* the fix's file changed */\n")
    _, again = check(src, cache, tmp_path / "again.sarif")
    assert results(cache) == [entry]           # the same facts: the same key ...
    assert entry.stat().st_mtime_ns != stamp   # ... analysed and stored again
    assert b'"fixes"' in again


def test_facts_loaded_while_the_edited_file_is_parsed_give_what_a_fresh_run_gives(tmp_path):
    """With workers (-j2) the main process loads the cached files' facts while the edited
    file is parsed: the analysis that follows is the same as an uncached run's."""
    src, cache = setup(tmp_path), tmp_path / "cache"
    check(src, cache, tmp_path / "a.sarif", "-j2")
    add_bug(src / "trylock_in_task.c")
    err, edited = check(src, cache, tmp_path / "b.sarif", "-j2")
    assert SUMMARY.search(err).group(1, 2) == ("4", "3"), err
    _, fresh = check(src, tmp_path / "other-cache", tmp_path / "c.sarif", "-j2")
    assert edited == fresh


def test_every_rules_table_is_in_the_result_key():
    """The result key covers each field of Knowledge (a table left out served the findings
    of a run without it: a [bh_only] entry added with --rules found nothing), and it does
    not depend on the hash seed (frozensets in the rules)."""
    import dataclasses
    import os
    import subprocess
    import sys

    from lockctx.knowledge import Knowledge, load_knowledge
    from lockctx.resultcache import knowledge_identity
    base = load_knowledge()
    for f in dataclasses.fields(Knowledge):
        if f.name == "digest":
            continue
        v = getattr(base, f.name)
        changed = (not v if isinstance(v, bool) else
                   {**v, "lockctx_test": 1} if isinstance(v, dict) else v | {"lockctx_test"})
        other = dataclasses.replace(base, **{f.name: changed})
        assert knowledge_identity(other) != knowledge_identity(base), f.name
    code = ("import hashlib; from lockctx.knowledge import load_knowledge; "
            "from lockctx.resultcache import knowledge_identity; "
            "print(hashlib.sha256(knowledge_identity(load_knowledge()).encode()).hexdigest())")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3")}
    assert len(seen) == 1 and len(next(iter(seen))) == 65, seen
