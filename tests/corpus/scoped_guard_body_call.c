// SPDX-License-Identifier: GPL-2.0
/*
 * A call inside a scoped_guard body, reduced from try_to_wake_up() -> ttwu_runnable() in
 * kernel/sched/core.c. scoped_guard() is a `for` whose increment is `({ goto _label; })`
 * and whose body is `if (0) { _label: break; } else BODY`. The frontend used to walk the
 * increment before the body, so the goto left the loop before BODY was reached: nothing in
 * any scoped_guard body was checked, and a function called only from one (ttwu_runnable())
 * became a root with no known caller, entered with interrupts on.
 *
 * Expected: LC004 at the mutex_lock() in foo_settle(), called under the irqsave guard.
 */
#include <linux/spinlock.h>
#include <linux/cleanup.h>
#include <linux/mutex.h>

static DEFINE_MUTEX(foo_mutex);

struct foo_task {
	raw_spinlock_t pi_lock;
	int on_rq;
};

static int foo_settle(struct foo_task *p)
{
	mutex_lock(&foo_mutex); /* expect: LC004 */
	p->on_rq = 0;
	mutex_unlock(&foo_mutex);
	return p->on_rq;
}

int foo_wake(struct foo_task *p)
{
	int success = 0;

	scoped_guard (raw_spinlock_irqsave, &p->pi_lock) {
		foo_settle(p);
		success = 1;
	}
	return success;
}
