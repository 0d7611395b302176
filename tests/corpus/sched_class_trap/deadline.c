// SPDX-License-Identifier: GPL-2.0
/* the deadline class (kernel/sched/deadline.c): its dequeue_task is what pull_dl_task reaches */
#include <linux/spinlock.h>

#include "sched.h"

static bool dequeue_task_dl(struct foo_cls_rq *rq, struct foo_cls_task *p, int flags)
{
	rq->nr_running--;
	return true;
}

const struct sched_class foo_dl_sched_class = {
	.dequeue_task		= dequeue_task_dl,
};
