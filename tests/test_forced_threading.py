"""--forced-threading: the `threadirqs` view of interrupt handlers, and each path says which
view it assumes."""
import json

from helpers import REPO, lockctx

SRC = REPO / "tests" / "data" / "forced_threading.c"


def findings(*extra):
    r = lockctx("check", "--standalone", "--no-cache", "-f", "json", SRC, *extra)
    assert r.returncode == 1, r.stderr
    return json.loads(r.stdout)["findings"]


def locks(found):
    return sorted((f["rule"], f["lock"]) for f in found)


def test_default_view_hardirq_handlers_and_says_so():
    found = findings()
    assert locks(found) == [("LC001", "foo_lock"), ("LC001", "foo_tick_lock")]
    text = lockctx("check", "--standalone", "--no-cache", SRC).stdout
    assert "hardirq: request_irq at tests/data/forced_threading.c:46:12, not force-threaded" \
        in text
    # IRQF_TIMER handlers are never threaded: nothing to say about threading
    assert "request_irq at tests/data/forced_threading.c:50:9, not force-threaded" not in text


def test_forced_view_moves_threadable_handlers_into_a_thread():
    found = findings("--forced-threading")
    # foo_irq runs in a thread with interrupts off: foo_lock is never taken in hardirq
    assert locks(found) == [("LC001", "foo_tick_lock")]
