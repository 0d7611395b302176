// SPDX-License-Identifier: GPL-2.0
/*
 * A timer callback (softirq) that brackets a poll with local_irq_disable() /
 * local_irq_enable(), as kernel/irq/spurious.c:poll_spurious_irqs() does. The enable undoes the
 * callback's own disable: interrupts were on when the softirq ran it, so this is not LC003.
 * Expected: no finding.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

struct poller {
	struct timer_list timer;
	raw_spinlock_t lock;
	unsigned long polls;
};

static struct poller the_poller;

static void poller_poll_one(struct poller *p)
{
	raw_spin_lock(&p->lock);
	p->polls++;
	raw_spin_unlock(&p->lock);
}

static void poller_timer_fn(struct timer_list *t)
{
	struct poller *p = from_timer(p, t, timer);

	local_irq_disable();
	poller_poll_one(p);
	local_irq_enable();
	mod_timer(&p->timer, jiffies + HZ);
}

static int __init poller_init(void)
{
	raw_spin_lock_init(&the_poller.lock);
	timer_setup(&the_poller.timer, poller_timer_fn, 0);
	mod_timer(&the_poller.timer, jiffies + HZ);
	return 0;
}
module_init(poller_init);
MODULE_LICENSE("GPL");
