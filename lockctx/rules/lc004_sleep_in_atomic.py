"""LC004 sleep-in-atomic

What it finds: a call that may sleep (mutex_lock, msleep, wait_for_completion, kmalloc with a
GFP mask that allows direct reclaim such as GFP_KERNEL, might_sleep, a method the kernel
documents as one that may block such as `file->f_op->fsync()`, ...) reached in hardirq or
softirq context, with a spinlock held, or with interrupts or bottom halves disabled.
Reported at the sleeping call: the first one on a path. What the path does after a sleep in
the atomic context it was entered in (later sleeps, locks, calls) is not checked; the sleep is
the finding.

Why it is a bug: sleeping in atomic context schedules away from a CPU that must not schedule:
with a spinlock held another CPU spins forever, with interrupts off the scheduler cannot run,
and in IRQ context there is no task to put to sleep. The kernel prints "BUG: sleeping function
called from invalid context" when CONFIG_DEBUG_ATOMIC_SLEEP catches it at run time.

Example:
    spin_lock(&priv->lock);
    buf = kzalloc(len, GFP_KERNEL);      /* may sleep in reclaim */
    spin_unlock(&priv->lock);

Fix: move the sleeping call out of the atomic section (allocate before taking the lock), or
use a non-sleeping variant (GFP_ATOMIC, mdelay/udelay, a spinlock instead of a mutex).
"""
import sys

from ..propagate import field_label
from .common import describe_state, single_site

CODE = "LC004"
NAME = "sleep-in-atomic"
LEVEL = "warning"


def called(o) -> str:
    # a method called through its ops table (rules.toml [[callback]] sleeps): by the field
    return f"->{o.event.api}()" if o.event.field else f"{o.event.api}()"


def message(o) -> str:
    if o.event.field:
        return (f"{called(o)}, a {field_label(o.event.field)} method that may sleep, called in "
                f"atomic context ({describe_state(o)}).")
    return f"sleeping function {called(o)} called in atomic context ({describe_state(o)})."


def fix(o) -> str:
    if "alloc" in o.event.api and not o.event.field:
        return "allocate before entering the atomic section, or use GFP_ATOMIC"
    return f"move {called(o)} outside the atomic section"


def check(ctx):
    return single_site(ctx, sys.modules[__name__], "sleep",
                       lambda o: o.state.atomic, message, fix, "reached in atomic context")
