// SPDX-License-Identifier: GPL-2.0
/*
 * Which handlers forced interrupt threading (`threadirqs`, what PREEMPT_RT does) moves into
 * a thread.  foo_irq is requested with no flags: threadable.  foo_timer_irq is requested
 * IRQF_TIMER (which includes IRQF_NO_THREAD): it stays in hardirq context in both views.
 * Both share a lock with task code that takes it with interrupts on.
 */
#include <linux/interrupt.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(foo_lock);
static DEFINE_SPINLOCK(foo_tick_lock);
static unsigned long foo_count, foo_ticks;

static irqreturn_t foo_irq(int irq, void *dev)
{
	spin_lock(&foo_lock);
	foo_count++;
	spin_unlock(&foo_lock);
	return IRQ_HANDLED;
}

static irqreturn_t foo_timer_irq(int irq, void *dev)
{
	spin_lock(&foo_tick_lock);
	foo_ticks++;
	spin_unlock(&foo_tick_lock);
	return IRQ_HANDLED;
}

unsigned long foo_read(void)
{
	unsigned long n;

	spin_lock(&foo_lock);
	n = foo_count;
	spin_unlock(&foo_lock);
	spin_lock(&foo_tick_lock);
	n += foo_ticks;
	spin_unlock(&foo_tick_lock);
	return n;
}

int foo_init(void)
{
	int ret = request_irq(1, foo_irq, 0, "foo", NULL);

	if (ret)
		return ret;
	return request_irq(2, foo_timer_irq, IRQF_TIMER, "foo-timer", NULL);
}
