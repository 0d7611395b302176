"""`lockctx explain LOCK`: every site taking a lock class, its states, a path to each."""
from __future__ import annotations

from helpers import CORPUS, EXAMPLE, lockctx


def test_explain_a_static_lock_shows_both_states_of_its_one_site():
    r = lockctx("explain", "seamldr_lock", EXAMPLE)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == ("seamldr_lock (examples/seamldr.c:seamldr_lock): taken at 1 site, held in "
                        "hardirq, task context, with hardirqs both on and off")
    assert lines[1] == "  examples/seamldr.c:34:2: guard(raw_spinlock) in seamldr_call"
    assert lines[2] == "    held in hardirq context, hardirqs off:"
    assert lines[3].split()[:2] == ["seamldr_update_irq", "examples/seamldr.c:42"]
    assert "hardirq: devm_request_irq at examples/seamldr.c:62:9" in lines[3]
    assert lines[4].split()[:3] == ["->", "seamldr_call", "examples/seamldr.c:34"]
    assert lines[5] == "    held in task context, hardirqs on, softirqs on:"
    assert lines[6].split()[:2] == ["install_store", "examples/seamldr.c:50"]
    assert len(lines) == 8


def test_explain_a_member_lock_lists_every_site():
    r = lockctx("explain", "struct foo_dma.lock", "--standalone", CORPUS / "ops_table_kick.c")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert out.startswith("struct foo_dma.lock: taken at 3 sites, held in hardirq, task context")
    sites = [line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("  tests/")]
    assert sites == ["spin_lock in foo_dma_v1_kick", "spin_lock in foo_dma_v2_kick",
                     "spin_lock in foo_dma_submit"]
    # the indirect call is named on the path, as in the findings
    assert "via struct foo_dma_ops.kick (1 of 2)" in out
    assert out.count("held in ") - 1 == 3


def test_explain_lock_only_with_irqs_off_says_so():
    r = lockctx("explain", "seamldr_lock", "--standalone", CORPUS / "seamldr_irqsave_guard.c")
    assert r.returncode == 0, r.stderr
    assert "always with hardirqs off" in r.stdout.splitlines()[0]
    assert "hardirqs on" not in r.stdout


def test_explain_a_function_is_unchanged_and_unknown_names_are_one_line_errors():
    r = lockctx("explain", "seamldr_call", EXAMPLE)
    assert r.returncode == 0 and "seamldr_call (examples/seamldr.c:" in r.stdout
    r = lockctx("explain", "no_such_lock", EXAMPLE)
    assert r.returncode == 2
    assert r.stderr.strip() == ("lockctx: error: no_such_lock: no such function or lock in the "
                                "analysed files")
