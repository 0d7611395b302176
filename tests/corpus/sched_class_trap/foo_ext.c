// SPDX-License-Identifier: GPL-2.0
/* a class the rules do not list: its dequeue_task re-enables interrupts, and is reported */
#include <linux/spinlock.h>

#include "sched.h"

static bool dequeue_task_foo_ext(struct foo_cls_rq *rq, struct foo_cls_task *p, int flags)
{
	raw_spin_unlock(&rq->__lock);
	local_irq_enable(); /* expect: LC003 */
	rq->nr_running--;
	local_irq_disable();
	raw_spin_lock(&rq->__lock);
	return true;
}

const struct sched_class foo_ext_sched_class = {
	.dequeue_task		= dequeue_task_foo_ext,
};
