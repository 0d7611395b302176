/* SPDX-License-Identifier: GPL-2.0 */
/* as kernel/sched/sched.h declares them: a header, so the field is one name tree-wide */
#ifndef FOO_SCHED_H
#define FOO_SCHED_H

#include <linux/spinlock.h>

struct foo_bal_rq {
	raw_spinlock_t __lock;
	int nr_running;
};

struct balance_callback {
	struct balance_callback *next;
	void (*func)(struct foo_bal_rq *rq);
};

#endif /* FOO_SCHED_H */
