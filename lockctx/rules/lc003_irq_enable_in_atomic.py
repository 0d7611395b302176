"""LC003 irq-enable-in-atomic

What it finds: spin_lock_irq(), guard(spinlock_irq), guard(irq) or local_irq_enable() reached
with hardirqs already disabled: in hardirq context, or below a caller's spin_lock_irqsave(),
local_irq_save() or _irq lock. Reported at the _irq acquisition or the bare enable; in hardirq
context also at a spin_unlock_irq() of a lock the function did not take (a caller's). What an
interrupt handler's path calls after it enabled interrupts is not checked in hardirq context:
the enable is the one report for that path.

Why it is a bug: spin_unlock_irq() and local_irq_enable() turn interrupts on unconditionally.
The caller that disabled them still believes they are off, so an interrupt can now arrive
inside its critical section (and take its lock: deadlock), or interrupts get enabled inside a
hardirq handler.

Example:
    spin_lock_irqsave(&dev->lock, flags);
    foo_update(dev);                     /* calls spin_lock_irq(&dev->stats_lock) */
    spin_unlock_irqrestore(&dev->lock, flags);

Fix: use spin_lock_irqsave()/spin_unlock_irqrestore() (guard(spinlock_irqsave)) in code that
can be reached with interrupts disabled, or plain spin_lock() where they always are.
"""
import sys

from .common import describe_state, single_site

CODE = "LC003"
NAME = "irq-enable-in-atomic"
LEVEL = "warning"


def message(o) -> str:
    what = o.event.api + ("()" if "(" not in o.event.api else "")
    if o.event.kind == "release":
        return (f"{what} in {describe_state(o)} re-enables interrupts inside the interrupt "
                f"handler; what this path calls after it is not checked in hardirq context.")
    it = "it" if o.event.kind == "irq" else "its unlock"
    return (f"{what} reached with hardirqs already disabled ({describe_state(o)}): {it} "
            f"re-enables interrupts the caller expects to stay off.")


def fix(o) -> str:
    api = o.event.api
    if o.event.kind == "release":
        return (f"do not reach this from the interrupt handler, or keep interrupts off: "
                f"{api.replace('_irq', '')}(lock) ... {api.replace('unlock_irq', 'lock')}(lock)")
    if api.startswith(("local_irq_enable", "raw_local_irq_enable")):
        return "local_irq_save(flags) ... local_irq_restore(flags)"
    if "(" in api:
        return api.replace("_irq)", "_irqsave)").replace("(irq)", "(irqsave)")
    return api.replace("_irq", "_irqsave") + "(lock, flags) ... " + \
        api.replace("_lock_irq", "_unlock_irqrestore") + "(lock, flags)"


def check(ctx):
    # interrupts turned off by a plain local_irq_disable() are turned back on by design
    # (the idle loop, __schedule()): only a save, an _irq lock or IRQ context makes it a bug
    return single_site(ctx, sys.modules[__name__], "irq_enable",
                       lambda o: not o.state.plain_off or o.state.spin_held,
                       message, fix, "reached with hardirqs disabled")
