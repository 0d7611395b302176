// SPDX-License-Identifier: GPL-2.0
/*
 * What the code asserts is evidence, reduced from rcutree_report_cpu_starting() in
 * kernel/rcu/tree.c: it is called from notify_cpu_starting() on a CPU that has not
 * enabled interrupts yet (its callers are in arch code this run does not see), and it
 * says so with lockdep_assert_irqs_disabled().  Its plain raw_spin_lock() of a lock the
 * timer interrupt also takes is fine.  foo_report_cpu_dying() has no such assertion and
 * no known caller: entered, as lockctx must assume, with interrupts on, it deadlocks.
 *
 * Expected: LC001 only in foo_report_cpu_dying().
 */
#include <linux/interrupt.h>
#include <linux/lockdep.h>
#include <linux/spinlock.h>

static DEFINE_RAW_SPINLOCK(foo_node_lock);
static unsigned long foo_online_mask;

void foo_report_cpu_starting(unsigned int cpu)
{
	lockdep_assert_irqs_disabled();
	raw_spin_lock(&foo_node_lock);
	foo_online_mask |= 1UL << cpu;
	raw_spin_unlock(&foo_node_lock);
}

void foo_report_cpu_dying(unsigned int cpu)
{
	raw_spin_lock(&foo_node_lock); /* expect: LC001 */
	foo_online_mask &= ~(1UL << cpu);
	raw_spin_unlock(&foo_node_lock);
}

static irqreturn_t foo_tick(int irq, void *dev)
{
	raw_spin_lock(&foo_node_lock);
	foo_online_mask ^= 1;
	raw_spin_unlock(&foo_node_lock);
	return IRQ_HANDLED;
}

int foo_init(void)
{
	return request_irq(0, foo_tick, 0, "foo", NULL);
}
