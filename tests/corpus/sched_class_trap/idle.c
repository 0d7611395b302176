// SPDX-License-Identifier: GPL-2.0
/* the idle class: kernel/sched/idle.c:500-511, 535 (see core.c) */
#include <linux/printk.h>
#include <linux/spinlock.h>

#include "sched.h"

/*
 * It is not legal to sleep in the idle task - print a warning
 * message if some code attempts to do it:
 */
static bool dequeue_task_idle(struct foo_cls_rq *rq, struct foo_cls_task *p, int flags)
{
	foo_cls_rq_unlock_irq(rq);
	printk(KERN_ERR "bad: scheduling from the idle thread!\n");
	foo_cls_rq_lock_irq(rq);
	return true;
}

const struct sched_class foo_idle_sched_class = {
	.dequeue_task		= dequeue_task_idle,
};
