// SPDX-License-Identifier: GPL-2.0
/*
 * lockdep_assert_in_irq() tells where a function runs when its caller is out of sight
 * (an architecture's interrupt entry code calling into a driver, as with
 * kvm_handle_guest_event or hv_stimer0_isr).  foo_event_isr() has no known caller in
 * this file, but it asserts that it runs in hardirq context, so the lock it takes is
 * taken in hardirq context, and foo_event_count() taking it with interrupts on can
 * deadlock.
 *
 * Expected: LC001 in foo_event_count().
 */
#include <linux/lockdep.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(foo_event_lock);
static unsigned long foo_events;

void foo_event_isr(void)
{
	lockdep_assert_in_irq();
	spin_lock(&foo_event_lock);
	foo_events++;
	spin_unlock(&foo_event_lock);
}

unsigned long foo_event_count(void)
{
	unsigned long n;

	spin_lock(&foo_event_lock); /* expect: LC001 */
	n = foo_events;
	spin_unlock(&foo_event_lock);
	return n;
}
