// SPDX-License-Identifier: GPL-2.0
/*
 * A call through a parameter between a lock taken on some paths and the test that says
 * whether it was, reduced from task_call_func() in kernel/sched/core.c:4365-4392:
 * `if (__task_needs_rq_lock(p)) rq = __task_rq_lock(p, &rf);`, then `ret = func(p, arg);`,
 * then `if (rq) rq_unlock(rq, &rf);`.  The function returns with nothing held: its callers
 * may sleep afterwards.  The call in between, now followed to the function the caller
 * passed, must not make the later test forget which way the lock went (the helper here
 * returns NULL without the lock; __task_rq_lock()'s exits differ too).
 *
 * quux_wait_on() passes quux_sleepy(), which sleeps under the caller's pi_lock with
 * interrupts off: that one is a bug.
 *
 * Expected: LC004 in quux_sleepy() only.
 */
#include <linux/delay.h>
#include <linux/spinlock.h>

struct quux_rq {
	raw_spinlock_t lock;
	int nr_running;
};

struct quux_task {
	raw_spinlock_t pi_lock;
	struct quux_rq *rq;
	int on_rq;
	int state;
};

typedef int (*quux_call_f)(struct quux_task *p, void *arg);

static DEFINE_SPINLOCK(quux_stat_lock);
static int quux_stat;

static struct quux_rq *quux_task_rq_lock(struct quux_task *p)
{
	struct quux_rq *rq = p->rq;

	if (!rq)
		return NULL;
	raw_spin_lock(&rq->lock);
	return rq;
}

int quux_task_call_func(struct quux_task *p, quux_call_f func, void *arg)
{
	struct quux_rq *rq = NULL;
	unsigned long flags;
	int ret;

	raw_spin_lock_irqsave(&p->pi_lock, flags);
	if (p->on_rq)
		rq = quux_task_rq_lock(p);
	ret = func(p, arg);
	if (rq)
		raw_spin_unlock(&rq->lock);
	raw_spin_unlock_irqrestore(&p->pi_lock, flags);
	return ret;
}

static int quux_get_state(struct quux_task *p, void *arg)
{
	spin_lock(&quux_stat_lock);
	quux_stat++;
	spin_unlock(&quux_stat_lock);
	*(int *)arg = p->state;
	return 0;
}

int quux_task_state(struct quux_task *p)
{
	int state;

	quux_task_call_func(p, quux_get_state, &state);
	msleep(1);
	return state;
}

static int quux_sleepy(struct quux_task *p, void *arg)
{
	msleep(1); /* expect: LC004 */
	return 0;
}

int quux_wait_on(struct quux_task *p)
{
	return quux_task_call_func(p, quux_sleepy, NULL);
}
