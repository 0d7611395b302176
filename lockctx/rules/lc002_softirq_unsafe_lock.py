"""LC002 softirq-unsafe-lock

What it finds: a spinlock or rwlock taken in softirq context (a timer, tasklet, NAPI poll,
RCU callback or soft hrtimer) that is also taken in task context with bottom halves and
hardirqs enabled. Reported at the task-context acquisition.

Why it is a bug: a softirq runs on the way out of an interrupt on the same CPU. If it
interrupts a task that holds the lock, it spins on the lock forever: lockdep's
inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.

Example:
    static void foo_timer_fn(struct timer_list *t)
    {
            struct foo *priv = from_timer(priv, t, timer);
            spin_lock(&priv->lock);             /* softirq */
            ...
    }
    static ssize_t foo_store(...)
    {
            spin_lock(&priv->lock);             /* task, BHs enabled: LC002 */

Fix: take it with spin_lock_bh()/spin_unlock_bh() in task context (or guard(spinlock_bh)),
or disable bottom halves around the caller.
"""
import sys

from .common import inconsistent_usage

CODE = "LC002"
NAME = "softirq-unsafe-lock"
LEVEL = "error"


def enabled_use(o) -> bool:
    return o.state.ctx == "task" and o.state.hard and o.state.soft == 0


def check(ctx):
    return inconsistent_usage(ctx, sys.modules[__name__], "softirq", enabled_use,
                              "IN-SOFTIRQ", "SOFTIRQ-ON", "softirqs enabled",
                              "softirq", "bh")
