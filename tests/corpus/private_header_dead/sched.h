/* SPDX-License-Identifier: GPL-2.0 */
/* the directory's own header (kernel/sched/sched.h): only its .c files include it */
#ifndef FOO_PRIV_SCHED_H
#define FOO_PRIV_SCHED_H

#include <linux/spinlock.h>
#include <linux/types.h>

struct foo_prq {
	raw_spinlock_t __lock;
	int nr_running;
};

extern bool foo_rq_trylock(struct foo_prq *rq);

#ifdef CONFIG_FOO_NOT_SET
/* the one caller, compiled out (sched.h:3013-3030, the !CONFIG_PREEMPTION variant) */
static inline int foo_double_lock_balance(struct foo_prq *this_rq, struct foo_prq *busiest)
{
	return foo_rq_trylock(busiest);
}
#endif

#endif
