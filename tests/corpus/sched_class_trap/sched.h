/* SPDX-License-Identifier: GPL-2.0 */
/* as kernel/sched/sched.h declares them: a header, so the field is one name tree-wide */
#ifndef FOO_CLS_SCHED_H
#define FOO_CLS_SCHED_H

#include <linux/spinlock.h>

struct foo_cls_rq {
	raw_spinlock_t __lock;
	unsigned int nr_running;
};

struct foo_cls_task;

struct sched_class {
	bool (*dequeue_task)(struct foo_cls_rq *rq, struct foo_cls_task *p, int flags);
};

struct foo_cls_task {
	const struct sched_class *sched_class;
	int on_rq;
};

static inline void foo_cls_rq_lock_irq(struct foo_cls_rq *rq)
{
	local_irq_disable();
	raw_spin_lock(&rq->__lock);
}

static inline void foo_cls_rq_unlock_irq(struct foo_cls_rq *rq)
{
	raw_spin_unlock(&rq->__lock);
	local_irq_enable();
}

extern const struct sched_class foo_dl_sched_class;
extern const struct sched_class foo_ext_sched_class;
extern const struct sched_class foo_idle_sched_class;

#endif /* FOO_CLS_SCHED_H */
