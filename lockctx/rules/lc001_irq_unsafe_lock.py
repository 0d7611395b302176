"""LC001 irq-unsafe-lock

What it finds: a spinlock or rwlock taken in hardirq context (an interrupt handler, a hard
hrtimer, an IPI callback) that is also taken somewhere with hardirqs enabled. Reported at each
acquisition that runs with interrupts on, at the outermost frame inside the analysed files.

Why it is a bug: if the interrupt arrives on the CPU that already holds the lock with
interrupts enabled, the handler spins on the lock forever: that CPU deadlocks. lockdep reports
it as inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage, but only once both paths have run.
A trylock in the handler does not count; a read_lock in the handler conflicts only with
write_lock taken with interrupts on.

Example:
    static DEFINE_RAW_SPINLOCK(seamldr_lock);
    static int seamldr_call(u64 fn, struct tdx_module_args *args)
    {
            guard(raw_spinlock)(&seamldr_lock);   /* also reached from an IRQ handler */
            return seamcall_prerr(fn, args);
    }

Fix: take the lock with interrupts disabled where they may be on:
guard(raw_spinlock_irqsave)(&seamldr_lock), or spin_lock_irqsave()/spin_unlock_irqrestore().
"""
import sys

from .common import inconsistent_usage

CODE = "LC001"
NAME = "irq-unsafe-lock"
LEVEL = "error"


def enabled_use(o) -> bool:
    return o.state.hard and o.state.ctx in ("task", "softirq")


def check(ctx):
    return inconsistent_usage(ctx, sys.modules[__name__], "hardirq", enabled_use,
                              "IN-HARDIRQ", "HARDIRQ-ON", "hardirqs enabled",
                              "hardirq", "irqsave")
