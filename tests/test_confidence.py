"""Confidence: every finding says what its paths rely on, and --min-confidence filters."""
import json

from helpers import CORPUS, lockctx


def findings(*args):
    out = lockctx("check", *args, "-f", "json", "--no-cache")
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)["findings"]


def test_enabled_path_from_a_root_with_no_known_caller_is_medium():
    # the task-side use is reached from a function nothing calls: that it runs with
    # interrupts on is an assumption, so the deadlock is likely rather than certain
    got = findings(str(CORPUS / "seamldr_plain_guard.c"))
    assert [(f["rule"], f["confidence"]) for f in got] == [("LC001", "medium")]
    assert got[0]["paths"][0]["steps"][0]["note"].startswith("task context: no known caller")


def test_sleep_under_a_lock_on_direct_calls_is_high():
    got = findings(str(CORPUS / "sleep_under_spinlock_nested.c"))
    assert [(f["rule"], f["confidence"]) for f in got] == [("LC004", "high")]


def test_indirect_call_with_two_targets_is_medium_and_filtered_by_high():
    case = str(CORPUS / "ops_table_kick.c")
    got = findings(case)
    assert [(f["rule"], f["confidence"]) for f in got] == [("LC001", "medium")]
    assert findings(case, "--min-confidence", "medium") == got
    assert findings(case, "--min-confidence", "high") == []
    out = lockctx("check", case, "--min-confidence", "high", "--no-cache")
    assert out.returncode == 0


def test_sarif_rank_and_confidence_property():
    out = lockctx("check", str(CORPUS / "ops_table_kick.c"), "-f", "sarif", "--no-cache")
    res = json.loads(out.stdout)["runs"][0]["results"][0]
    assert res["rank"] == 60.0
    assert res["properties"]["confidence"] == "medium"


def test_unknown_confidence_is_a_usage_error():
    out = lockctx("check", str(CORPUS / "ops_table_kick.c"), "--min-confidence", "sure")
    assert out.returncode == 2
    assert "unknown confidence 'sure'" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_path_past_a_last_reference_drop_in_atomic_context_is_low():
    """put_event() in an IPI frees only on the last reference, which the caller holds
    another of: the free path's sleep is low confidence and its path says why."""
    got = findings(str(CORPUS / "last_reference_in_ipi.c"))
    assert [(f["rule"], f["line"], f["confidence"]) for f in got] == \
        [("LC004", 28, "low"), ("LC004", 56, "high")]
    notes = [s["note"] for s in got[0]["paths"][0]["steps"]]
    assert "only if atomic_long_dec_and_test() dropped the last reference" in notes
    assert findings(str(CORPUS / "last_reference_in_ipi.c"), "--min-confidence", "medium") == \
        got[1:]
