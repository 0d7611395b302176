// SPDX-License-Identifier: GPL-2.0
/*
 * irq_work callback (hardirq) vs plain spin_lock() in task context.
 *
 * Events are recorded from any context (including NMI) into a lockless slot
 * and an irq_work is queued; its callback, set up with init_irq_work(), runs
 * in hardirq context (the irq_work self-IPI) and moves the pending count
 * into foo_log_count under foo_log_lock.  foo_log_read(), exported and called
 * in task context with hardirqs enabled, takes foo_log_lock with a plain
 * spin_lock(): the irq_work interrupt can arrive on the CPU holding it.
 *
 * Expected: LC001 at the spin_lock() in foo_log_read() only.
 */
#include <linux/atomic.h>
#include <linux/irq_work.h>
#include <linux/module.h>
#include <linux/spinlock.h>

/* the public API, normally in include/linux/foo_log.h */
void foo_log_event(void);
unsigned long foo_log_read(void);

static DEFINE_SPINLOCK(foo_log_lock);	/* protects foo_log_count */
static unsigned long foo_log_count;
static atomic_t foo_log_pending = ATOMIC_INIT(0);
static struct irq_work foo_log_work;

static void foo_log_work_fn(struct irq_work *work)
{
	int pending = atomic_xchg(&foo_log_pending, 0);

	spin_lock(&foo_log_lock);
	foo_log_count += pending;
	spin_unlock(&foo_log_lock);
}

/* NMI-safe: no locks here */
void foo_log_event(void)
{
	atomic_inc(&foo_log_pending);
	irq_work_queue(&foo_log_work);
}
EXPORT_SYMBOL_GPL(foo_log_event);

unsigned long foo_log_read(void)
{
	unsigned long count;

	spin_lock(&foo_log_lock); /* expect: LC001 */
	count = foo_log_count;
	spin_unlock(&foo_log_lock);
	return count;
}
EXPORT_SYMBOL_GPL(foo_log_read);

static int __init foo_log_init(void)
{
	init_irq_work(&foo_log_work, foo_log_work_fn);
	return 0;
}
module_init(foo_log_init);

MODULE_DESCRIPTION("foo event log (irq_work vs plain spin_lock)");
MODULE_LICENSE("GPL");
