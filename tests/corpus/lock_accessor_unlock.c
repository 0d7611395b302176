// SPDX-License-Identifier: GPL-2.0
/*
 * A lock reached through an accessor function, reduced from kernel/sched:
 * raw_spin_rq_lock() takes &rq->__lock directly, raw_spin_rq_unlock()
 * releases rq_lockp(rq), an inline that returns &rq->__lock.  Both name the
 * same lock class, so after foo_rq_update() returns nothing is held and the
 * GFP_KERNEL allocation is fine.
 *
 * Expected: no finding.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct foo_rq {
	raw_spinlock_t __lock;
	unsigned long nr;
};

static struct foo_rq foo_rqs[4];

static inline raw_spinlock_t *foo_rq_lockp(struct foo_rq *rq)
{
	return &rq->__lock;
}

static void foo_rq_lock(struct foo_rq *rq)
{
	raw_spin_lock(&rq->__lock);
}

static void foo_rq_unlock(struct foo_rq *rq)
{
	raw_spin_unlock(foo_rq_lockp(rq));
}

static void foo_rq_update(struct foo_rq *rq)
{
	foo_rq_lock(rq);
	rq->nr++;
	foo_rq_unlock(rq);
}

static int __init foo_rq_init(void)
{
	void *buf;

	foo_rq_update(&foo_rqs[0]);
	buf = kmalloc(64, GFP_KERNEL);
	kfree(buf);
	return 0;
}
module_init(foo_rq_init);
MODULE_LICENSE("GPL");
