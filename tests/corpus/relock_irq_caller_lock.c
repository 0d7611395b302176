// SPDX-License-Identifier: GPL-2.0
/*
 * A caller's lock dropped and taken again with _irq, reduced from
 * kernel/time/hrtimer.c:1700-1760 (__run_hrtimer(): `raw_spin_unlock_irqrestore(&cpu_base->lock,
 * flags)` with the caller's flags, the timer function, then `raw_spin_lock_irq(&cpu_base->lock)`)
 * under hrtimer_interrupt() (1830-1890: raw_spin_lock_irqsave() ... raw_spin_unlock_irqrestore()).
 * The _irq lock's own unlock never runs: the lock goes back to the caller, which releases it
 * with the restore that matches its save. Reported as re-enabling interrupts in hardirq
 * context (round-7 KH-06, lock-irq-unpaired).
 *
 * Expected: nothing in foo_run_hrtimer(); an _irq lock of the handler's own, whose unlock
 * does turn interrupts on in hardirq context, is still reported (LC003).
 */
#include <linux/interrupt.h>
#include <linux/spinlock.h>

struct foo_hrt_base {
	raw_spinlock_t lock;
	raw_spinlock_t stats_lock;
	int running;
	int nr_events;
};

void foo_hrt_timer_fn(struct foo_hrt_base *base);

static void foo_run_hrtimer(struct foo_hrt_base *base, unsigned long flags)
{
	base->running = 1;
	raw_spin_unlock_irqrestore(&base->lock, flags);
	foo_hrt_timer_fn(base);
	raw_spin_lock_irq(&base->lock);
	base->running = 0;
}

static void foo_hrt_account(struct foo_hrt_base *base)
{
	raw_spin_lock_irq(&base->stats_lock); /* expect: LC003 */
	base->nr_events++;
	raw_spin_unlock_irq(&base->stats_lock);
}

static irqreturn_t foo_hrt_interrupt(int irq, void *dev_id)
{
	struct foo_hrt_base *base = dev_id;
	unsigned long flags;

	raw_spin_lock_irqsave(&base->lock, flags);
	foo_run_hrtimer(base, flags);
	raw_spin_unlock_irqrestore(&base->lock, flags);
	foo_hrt_account(base);
	return IRQ_HANDLED;
}

int foo_hrt_init(int irq, struct foo_hrt_base *base)
{
	return request_irq(irq, foo_hrt_interrupt, 0, "foo-hrt", base);
}
