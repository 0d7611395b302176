"""LC005 bh-with-irqs-off

What it finds: bottom-half code reached in hardirq context or with hardirqs disabled: a BH
enable (spin_unlock_bh(), local_bh_enable(), the end of a guard(spinlock_bh) scope), or a call
of a function rules.toml lists under [bh_only] (netif_receive_skb(), napi_gro_receive(): the
network receive path). Such a call is reported once, at the call, and not followed in that
state: the locks the receive path takes there are this one bug's consequences.

Why it is a bug: local_bh_enable() runs the pending softirqs, which must not run inside an
interrupt handler or with interrupts off; the kernel checks it in __local_bh_enable_ip()
(`WARN_ON_ONCE(in_hardirq())`, `lockdep_assert_irqs_enabled()`). netif_receive_skb() "may only
be called from softirq context and interrupts should be enabled" (net/core/dev.c): called from
a hardirq handler, the whole protocol stack runs in hardirq context, and every spinlock it
takes with only bottom halves disabled can deadlock against it.

Example:
    static irqreturn_t foo_rx_irq(int irq, void *data)
    {
            struct foo *fp = data;
            struct sk_buff *skb = foo_next_rx(fp);

            napi_gro_receive(&fp->napi, skb);      /* the stack, in hardirq context */
            return IRQ_HANDLED;
    }

Fix: receive in a NAPI poll: napi_schedule() in the handler and napi_gro_receive() in the poll
function (or netif_rx() from hardirq context). For a BH enable: where hardirqs are already off,
bottom halves cannot run either; take the lock with plain spin_lock(), or with
spin_lock_irqsave() if the code is also reached with interrupts on.
"""
import sys

from .common import describe_state, single_site

CODE = "LC005"
NAME = "bh-with-irqs-off"
LEVEL = "warning"


def where(o) -> str:
    state = describe_state(o)
    if o.state.ctx != "task":
        return f"in {state}"
    return state if state == "with hardirqs disabled" else f"{state}, hardirqs disabled"


def message(o) -> str:
    what = o.event.api + ("()" if "(" not in o.event.api else "")
    if o.event.kind == "call":
        return (f"{what} runs bottom-half code (the network receive path) and is called "
                f"{where(o)}; what it calls is not checked on this path.")
    return (f"{what} re-enables bottom halves {where(o)}: __local_bh_enable_ip() warns "
            f"(in_hardirq(), lockdep_assert_irqs_enabled()) and runs pending softirqs there.")


def fix(o) -> str:
    if o.event.kind == "call":
        return ("receive in a NAPI poll: napi_schedule() in the interrupt handler, "
                f"{o.event.api}() in the poll function (or netif_rx() from hardirq context)")
    api = o.event.api
    if "unlock_bh" in api:
        return (f"{api.replace('unlock_bh', 'lock')}(lock) ... {api.replace('_bh', '')}(lock) "
                f"where hardirqs are always off, or "
                f"{api.replace('unlock_bh', 'lock_irqsave')}(lock, flags) ... "
                f"{api.replace('unlock_bh', 'unlock_irqrestore')}(lock, flags)")
    return "do not disable and re-enable bottom halves where hardirqs are off"


def check(ctx):
    return single_site(ctx, sys.modules[__name__], "bh_code", lambda o: not o.state.hard,
                       message, fix, "reached with hardirqs disabled")
