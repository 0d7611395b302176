// SPDX-License-Identifier: GPL-2.0
/*
 * A helper that drops the caller's lock only when it returns true, reduced from
 * do_signal_stop() and get_signal() in kernel/signal.c: `if (... && do_signal_stop(0))
 * goto relock;` re-takes siglock with spin_lock_irq() only after do_signal_stop() released
 * it (and re-enabled interrupts).  Mixing its two exits would make the re-take look nested
 * inside the still-held lock with interrupts off.  foo_get_signal_bad() re-takes without
 * the helper having released: that one is a bug (LC003: spin_lock_irq with interrupts
 * already off).
 *
 * Expected: LC003 in foo_get_signal_bad() only.
 */
#include <linux/spinlock.h>

struct foo_sighand {
	spinlock_t siglock;
	int stop_pending;
};

static bool foo_signal_stop(struct foo_sighand *sh)
{
	if (!sh->stop_pending)
		return false;
	sh->stop_pending = 0;
	spin_unlock_irq(&sh->siglock);
	return true;
}

int foo_get_signal(struct foo_sighand *sh, int jobctl)
{
relock:
	spin_lock_irq(&sh->siglock);
	if (jobctl && foo_signal_stop(sh))
		goto relock;
	spin_unlock_irq(&sh->siglock);
	return 0;
}

int foo_get_signal_bad(struct foo_sighand *sh)
{
	spin_lock_irq(&sh->siglock);
	if (sh->stop_pending)
		spin_lock_irq(&sh->siglock); /* expect: LC003 */
	spin_unlock_irq(&sh->siglock);
	return 0;
}
