// SPDX-License-Identifier: GPL-2.0
/*
 * A "cannot happen" trap in an ops table, reduced from kernel/sched/idle.c:500-511
 * (dequeue_task_idle(), the idle class's dequeue_task: "bad: scheduling from the idle
 * thread!") and the dispatch in dequeue_task() (kernel/sched/core.c:2054-2072). Only the
 * idle task is of the idle class, and it is never dequeued, but every
 * `p->sched_class->dequeue_task()` was bound to the trap too: pull_dl_task() (a balance
 * callback, interrupts off) deactivates a deadline task, and the trap's
 * raw_spin_rq_unlock_irq() was reported as enabling interrupts there (round-6 L-09,
 * fptr-class). rules.toml's [follow] unreached leaves it out of sched_class.dequeue_task.
 *
 * Expected: nothing in the idle class's trap; a class that is not listed (foo_ext.c's,
 * which does the same) is still followed and reported (LC003).
 */
#include <linux/spinlock.h>

#include "sched.h"

static bool foo_dequeue_task(struct foo_cls_rq *rq, struct foo_cls_task *p, int flags)
{
	return p->sched_class->dequeue_task(rq, p, flags);
}

void foo_deactivate_task(struct foo_cls_rq *rq, struct foo_cls_task *p, int flags)
{
	p->on_rq = 0;
	foo_dequeue_task(rq, p, flags);
}

void foo_pull_dl_task(struct foo_cls_rq *src_rq, struct foo_cls_task *p)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&src_rq->__lock, flags);
	foo_deactivate_task(src_rq, p, 0);
	raw_spin_unlock_irqrestore(&src_rq->__lock, flags);
}
