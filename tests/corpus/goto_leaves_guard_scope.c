// SPDX-License-Identifier: GPL-2.0
/*
 * A goto that leaves the scope of a guard, reduced from yield_to() in
 * kernel/sched/syscalls.c:1486-1530,
 *
 *	scoped_guard (raw_spinlock_irqsave, &p->pi_lock) {
 *		rq = this_rq();
 *	again:
 *		p_rq = task_rq(p);
 *		...
 *		guard(double_rq_lock)(rq, p_rq);
 *		if (task_rq(p) != p_rq)
 *			goto again;
 *		...
 *	}
 *	if (yielded)
 *		schedule();
 *
 * In C, a goto runs the cleanups of every variable whose scope it leaves: jumping back to
 * `again`, above the guard's declaration, releases the guard (as break, continue and return
 * out of its scope do), and so does a forward goto out of the guard's block. lockctx
 * released guards on break/continue/return only: a goto kept the guard's lock held at its
 * label (round 5 triage H-07, benchmarks/triage/round5-defconfig.md: yield_to()'s
 * schedule() reported as sleeping in atomic context).
 *
 * In foo_yield_to() the jump back to `again` kept p_rq->lock held, and the `return -1`
 * between the label and the guard returned holding it: foo_yield() slept under it.
 *
 * Each goto now releases the guards of the scopes its label is outside of, and, in a scope
 * the label is in, those declared after the label. foo_yield_to(), foo_yield() and foo_fwd()
 * hold no lock at their mutex_lock(). A guard declared before the label, in a scope the
 * label is in, stays held: foo_retry_inside() jumps out of the inner block to `retry` with
 * pi_lock still held, and foo_fwd_outer()'s `goto out` releases only the inner block's
 * guard; both sleeps must still be reported.
 *
 * (yield_to() itself is still reported in defconfig, for another reason: the summary of
 * double_rq_lock() can hold two rq locks, double_rq_unlock()'s releases only one.)
 *
 * Expected: LC004 in foo_retry_inside() and foo_fwd_outer() only.
 */
#include <linux/spinlock.h>
#include <linux/cleanup.h>
#include <linux/mutex.h>

static DEFINE_MUTEX(foo_mutex);

struct foo_rq {
	raw_spinlock_t lock;
	int nr_running;
};

struct foo_task {
	raw_spinlock_t pi_lock;
	struct foo_rq *rq;
};

extern struct foo_rq *foo_this_rq(void);

static int foo_yield_to(struct foo_task *p)
{
	struct foo_rq *rq, *p_rq;
	int yielded = 0;

	scoped_guard (raw_spinlock_irqsave, &p->pi_lock) {
		rq = foo_this_rq();
again:
		p_rq = p->rq;
		if (rq->nr_running == 1 && p_rq->nr_running == 1)
			return -1;

		guard(raw_spinlock)(&p_rq->lock);
		if (p->rq != p_rq)
			goto again;

		yielded = rq != p_rq;
	}

	if (yielded) {
		mutex_lock(&foo_mutex);		/* no lock held here */
		mutex_unlock(&foo_mutex);
	}
	return yielded;
}

int foo_yield(struct foo_task *p)
{
	int ret = foo_yield_to(p);

	mutex_lock(&foo_mutex);			/* no lock held here */
	mutex_unlock(&foo_mutex);
	return ret;
}

int foo_fwd(struct foo_rq *rq)
{
	{
		guard(raw_spinlock_irqsave)(&rq->lock);
		if (rq->nr_running)
			goto out;
		rq->nr_running++;
	}
out:
	mutex_lock(&foo_mutex);			/* no lock held here */
	mutex_unlock(&foo_mutex);
	return 0;
}

int foo_retry_inside(struct foo_task *p)
{
	guard(raw_spinlock_irqsave)(&p->pi_lock);
retry:
	{
		guard(raw_spinlock)(&p->rq->lock);
		if (p->rq->nr_running)
			goto retry;
	}
	mutex_lock(&foo_mutex);			/* expect: LC004 */
	mutex_unlock(&foo_mutex);
	return 0;
}

int foo_fwd_outer(struct foo_task *p)
{
	guard(raw_spinlock_irqsave)(&p->pi_lock);
	{
		guard(raw_spinlock)(&p->rq->lock);
		if (p->rq->nr_running)
			goto out;
		p->rq->nr_running++;
	}
out:
	mutex_lock(&foo_mutex);			/* expect: LC004 */
	mutex_unlock(&foo_mutex);
	return 0;
}
