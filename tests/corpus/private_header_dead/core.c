// SPDX-License-Identifier: GPL-2.0
/*
 * A function whose callers are all compiled out, declared in its directory's own header,
 * reduced from kernel/sched/core.c:628-640 (raw_spin_rq_trylock()) and kernel/sched/sched.h:
 * 1547, 3013-3030: its callers are the !CONFIG_PREEMPTION _double_lock_balance() and
 * ext.c (SCHED_CLASS_EXT unset). It has external linkage, so a run over kernel/ took it for
 * a function called from elsewhere and entered it as task context with interrupts on: LC001
 * and LC002 against the tick's rq lock (round-7 KM-08/09). Only kernel/sched/'s files
 * include sched.h, and a run over the directory sees them all: nothing runs it.
 *
 * Expected: nothing in foo_rq_trylock(); a function declared in a shared include
 * directory (include/) with no caller in the run is still a root, and reported (LC001).
 */
#include <linux/interrupt.h>

#include "sched.h"
#include "include/foo_sched_pub.h"

bool foo_rq_trylock(struct foo_prq *rq)
{
	return raw_spin_trylock(&rq->__lock);
}

void foo_rq_reset(struct foo_prq *rq)
{
	raw_spin_lock(&rq->__lock); /* expect: LC001 */
	rq->nr_running = 0;
	raw_spin_unlock(&rq->__lock);
}

static irqreturn_t foo_tick_irq(int irq, void *dev_id)
{
	struct foo_prq *rq = dev_id;

	raw_spin_lock(&rq->__lock);
	rq->nr_running++;
	raw_spin_unlock(&rq->__lock);
	return IRQ_HANDLED;
}

int foo_tick_init(int irq, struct foo_prq *rq)
{
	return request_irq(irq, foo_tick_irq, 0, "foo-tick", rq);
}
