// SPDX-License-Identifier: GPL-2.0
/*
 * The scheduler's balance callbacks, reduced from kernel/sched/core.c (balance_push(),
 * balance_push_callback, do_balance_callbacks()) and kernel/sched/rt.c
 * (rto_push_irq_work_func()). The callbacks run with the runqueue lock held and interrupts
 * off (do_balance_callbacks(): lockdep_assert_rq_held()), called through a local function
 * pointer cast from head->func, which the analysis does not follow: balance_push() was
 * entered as a caller-less task with interrupts on, and the runqueue lock, also taken from a
 * hardirq irq_work, was reported (LC001 and LC002 at raw_spin_rq_lock_nested(), 4 findings
 * over kernel/). rules.toml enters struct balance_callback.func with interrupts off.
 *
 * Expected: a sleep in the callback, with interrupts off, is reported (LC004); the runqueue
 * lock is reported (LC001) only through the caller-less foo_rq_reset(), with interrupts on.
 */
#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/irq_work.h>

#include "sched.h"

static struct foo_bal_rq foo_runqueues[4];
static DEFINE_MUTEX(foo_hotplug_mutex);

static void foo_rq_lock(struct foo_bal_rq *rq)
{
	raw_spin_lock(&rq->__lock); /* expect: LC001 */
}

static void foo_rq_unlock(struct foo_bal_rq *rq)
{
	raw_spin_unlock(&rq->__lock);
}

static void foo_rto_push_irq_work_func(struct irq_work *work)
{
	struct foo_bal_rq *rq = &foo_runqueues[0];

	foo_rq_lock(rq);
	rq->nr_running++;
	foo_rq_unlock(rq);
}

static struct irq_work foo_rto_work;

void foo_rto_init(void)
{
	init_irq_work(&foo_rto_work, foo_rto_push_irq_work_func);
}

static void foo_balance_push(struct foo_bal_rq *rq)
{
	struct foo_bal_rq *other = &foo_runqueues[1];

	foo_rq_unlock(rq);
	foo_rq_lock(other);
	other->nr_running--;
	foo_rq_unlock(other);
	mutex_lock(&foo_hotplug_mutex); /* expect: LC004 */
	mutex_unlock(&foo_hotplug_mutex);
	foo_rq_lock(rq);
}

struct balance_callback foo_balance_push_callback = {
	.next = NULL,
	.func = foo_balance_push,
};

void foo_rq_reset(struct foo_bal_rq *rq)
{
	foo_rq_lock(rq);
	rq->nr_running = 0;
	foo_rq_unlock(rq);
}
