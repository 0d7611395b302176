// SPDX-License-Identifier: GPL-2.0
/*
 * A call through an element of a file-scope array of function pointers reaches the
 * functions its initializer names. Reduced from drivers/usb/host/ehci-timer.c:383-419:
 * ehci_hrtimer_func(), a hard hrtimer, holds ehci->lock (spin_lock_irqsave()) and runs
 * `event_handlers[e](ehci)`; ehci_iaa_watchdog() and the other handlers have no other
 * caller. Without the array they were roots with no known caller, entered in task context
 * with interrupts on, and the locks they take were LC001s "taken with hardirqs enabled"
 * (round 10, LC001-486).
 *
 * foo_poll() and foo_watchdog() are only called through foo_handlers[] from the hard
 * hrtimer, with interrupts off: their plain spin_lock() of urb_list_lock is fine, as is
 * foo_irq()'s. foo_bad() takes the lock in task context with interrupts on.
 *
 * Expected: LC001 at foo_bad()'s spin_lock() only.
 */
#include <linux/container_of.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(urb_list_lock);
static int urb_count;

struct foo_hcd {
	spinlock_t lock;
	struct hrtimer timer;
	unsigned int enabled;
	int irq;
};

static void foo_poll(struct foo_hcd *h)
{
	spin_lock(&urb_list_lock);
	urb_count++;
	spin_unlock(&urb_list_lock);
}

static void foo_watchdog(struct foo_hcd *h)
{
	spin_lock(&urb_list_lock);
	urb_count = 0;
	spin_unlock(&urb_list_lock);
}

static void (*foo_handlers[])(struct foo_hcd *) = {
	[0] = foo_poll,
	[1] = foo_watchdog,
};

static enum hrtimer_restart foo_hrtimer_func(struct hrtimer *t)
{
	struct foo_hcd *h = container_of(t, struct foo_hcd, timer);
	unsigned long flags;
	int e;

	spin_lock_irqsave(&h->lock, flags);
	for (e = 0; e < 2; e++) {
		if (h->enabled & (1 << e))
			foo_handlers[e](h);
	}
	spin_unlock_irqrestore(&h->lock, flags);
	return HRTIMER_NORESTART;
}

static irqreturn_t foo_irq(int irq, void *data)
{
	spin_lock(&urb_list_lock);
	urb_count--;
	spin_unlock(&urb_list_lock);
	return IRQ_HANDLED;
}

void foo_bad(void)
{
	spin_lock(&urb_list_lock); /* expect: LC001 */
	urb_count = 1;
	spin_unlock(&urb_list_lock);
}

int foo_start(struct foo_hcd *h)
{
	hrtimer_init(&h->timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	h->timer.function = foo_hrtimer_func;
	return request_irq(h->irq, foo_irq, 0, "foo", h);
}
MODULE_LICENSE("GPL");
