"""Summaries that depend on values: a flag tested twice, a branch the configuration removes.

The corpus files hold the expected findings; these tests check the summaries behind them,
which is where the false positives of the triage came from (a helper returning with a lock or
bottom halves it never keeps).
"""
import os
from pathlib import Path

import pytest

from lockctx.knowledge import load_knowledge
from lockctx.pipeline import Options, run

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="module")
def summaries():
    def of(name):
        old = os.getcwd()
        os.chdir(CORPUS)
        try:
            r = run(Options(paths=[CORPUS / name], knowledge=load_knowledge(), kernel_tree=None,
                            standalone=True, jobs=1, cache_dir=None))
        finally:
            os.chdir(old)
        return {fid.split("@")[0]: exits for fid, exits in r.analysis.summaries.items()}
    return of


def test_flag_tested_twice_takes_the_same_branch(summaries):
    s = summaries("cond_flag_lock.c")
    # read_lock only when atomic, read_unlock only when atomic: nothing stays held
    assert all(not x.held and not x.released for x in s["foo_deliver"]), s["foo_deliver"]


def test_branch_the_configuration_removes_is_not_followed(summaries):
    s = summaries("config_dead_branch.c")
    # `if (IS_ENABLED(CONFIG_PREEMPT_RT) && 1) local_bh_disable()` with PREEMPT_RT unset
    assert {x.soft for x in s["foo_group_lock_irq"]} == {0}
    assert {x.soft for x in s["foo_group_unlock_irq"]} == {0}
    assert {x.soft for x in s["foo_ioctl"]} == {0}


def test_two_variables_compared_twice_take_the_same_branch(summaries):
    s = summaries("pair_compare_lock.c")
    # `if (rnp != rnp_start) lock ... if (rnp != rnp_start) unlock`, with and without the loop
    for fn in ("foo_start_this_gp", "foo_start_this_gp_loop"):
        assert all(not x.held and not x.released for x in s[fn]), s[fn]
    # rnp_start assigned between the tests: one exit really keeps the lock
    assert any(x.held for x in s["foo_climb_leaky"]), s["foo_climb_leaky"]


def test_lock_handed_over_up_a_tree_is_balanced_for_the_caller(summaries):
    s = summaries("lock_handover.c")
    # releases the caller's node lock, returns holding the parent's: same class, no change
    assert all(not x.held and not x.released for x in s["foo_climb"]), s["foo_climb"]
    assert all(not x.held and not x.released for x in s["foo_report"]), s["foo_report"]


def test_seqlock_read_or_lock_helpers_are_not_entered(summaries):
    s = summaries("seqretry_opaque.c")
    # [follow] opaque: the reader neither holds nor releases the seqlock's lock afterwards
    assert all(not x.held and not x.released for x in s["foo_group_cputime"]), \
        s["foo_group_cputime"]


def test_a_struct_tag_two_drivers_reuse_is_two_structs():
    """`hw->ops->reset()` in a.c calls a.c's reset, not b.c's: the field key carries the file
    declaring a driver's own struct (frontend.owner_key)."""
    old = os.getcwd()
    os.chdir(CORPUS)
    try:
        r = run(Options(paths=[CORPUS / "struct_tag_reused"], knowledge=load_knowledge(),
                        kernel_tree=None, standalone=True, jobs=1, cache_dir=None))
    finally:
        os.chdir(old)
    starts = {p.steps[0].function for f in r.findings for p in f.paths}
    assert starts == {"foo_b_timer_fn"}, starts


def test_unlock_through_a_member_pointing_to_the_lock_releases_it(summaries):
    s = summaries("lock_handed_back_in_struct_pointer.c")
    # folio_walk_start() returns holding the page-table lock as `fw->ptl = ptl`, and
    # `spin_unlock(fw->ptl)` releases it: the walk's caller returns with nothing held
    # and no caller's lock released
    assert all(not x.held and not x.released for x in s["foo_stat"]), s["foo_stat"]
    assert any(x.held for x in s["foo_walk_start"]), s["foo_walk_start"]
