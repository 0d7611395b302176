// SPDX-License-Identifier: GPL-2.0
/*
 * An address passed for a parameter the callee tests for NULL, reduced from kfree_rcu() and
 * kvfree_call_rcu() (include/linux/rcupdate.h:1100-1108, kernel/rcu/tree.c:3809-3822):
 *
 *	#define kvfree_rcu_arg_2(ptr, rhf) ... kvfree_call_rcu(&((___p)->rhf), (void *) (___p));
 *
 *	void kvfree_call_rcu(struct rcu_head *head, void *ptr)
 *	{
 *		...
 *		if (!head)
 *			might_sleep();
 *
 * and do_set_cpus_allowed() freeing with `kfree_rcu(ptr, rcu)` (kernel/sched/core.c:2750)
 * under the rq lock with interrupts off. A constant argument (`reg(ev, TRACE_REG_PERF_DEL,
 * ...)`) already selected the callee's branches; an address did not, so the headless
 * variant's might_sleep() was reported as sleeping under the rq lock (LC004 at tree.c:3822,
 * round-4 triage "arg-insensitive (address arg)").
 *
 * `&p->f` (or `&x`, `&a[i]`) is not NULL: for a parameter the callee tests for truth or
 * against NULL it is the truth value 1. So foo_free_locked()'s kfree_rcu() never reaches the
 * might_sleep(); it does reach the `if (head)` branch, whose mutex_lock() is still reported
 * (LC004). foo_free_headless() passes NULL, from task context: no finding.
 *
 * Expected: LC004 at the mutex_lock() in foo_kvfree_call() only.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/kernel.h>

struct foo_task {
	spinlock_t pi_lock;
	struct rcu_head rcu;
	int nr_cpus;
};

static DEFINE_MUTEX(foo_krc_mutex);
static int foo_nr_queued;

void foo_kvfree_call(struct rcu_head *head, void *ptr)
{
	if (!head)
		might_sleep();
	if (head) {
		mutex_lock(&foo_krc_mutex); /* expect: LC004 */
		foo_nr_queued++;
		mutex_unlock(&foo_krc_mutex);
	}
}

#define foo_kfree_rcu(ptr, rhf)	foo_kvfree_call(&((ptr)->rhf), (void *)(ptr))

void foo_free_locked(struct foo_task *p, void *mask)
{
	unsigned long flags;

	spin_lock_irqsave(&p->pi_lock, flags);
	p->nr_cpus = 0;
	foo_kfree_rcu(p, rcu);
	spin_unlock_irqrestore(&p->pi_lock, flags);
}

void foo_free_headless(struct foo_task *p, void *mask)
{
	foo_kvfree_call(NULL, mask);
}
