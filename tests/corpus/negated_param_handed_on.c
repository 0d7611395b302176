// SPDX-License-Identifier: GPL-2.0
/*
 * The negation of a parameter handed on, decided by the caller's constant; reduced from
 * kernel/rcu/tree.c:3744-3835:
 *
 *	void kvfree_call_rcu(struct rcu_head *head, void *ptr)
 *	{
 *		...
 *		krcp = krc_this_cpu_lock(&flags);
 *		success = add_ptr_to_bulk_krc_lock(&krcp, &flags, ptr, !head);
 *
 *	static inline bool add_ptr_to_bulk_krc_lock(struct kfree_rcu_cpu **krcp,
 *		unsigned long *flags, void *ptr, bool can_alloc)
 *	{
 *		...
 *		if (!bnode && can_alloc) {
 *			krc_this_cpu_unlock(*krcp, *flags);
 *			bnode = (struct kvfree_rcu_bulk_data *)
 *				__get_free_page(GFP_KERNEL | __GFP_NORETRY | __GFP_NOMEMALLOC | __GFP_NOWARN);
 *			raw_spin_lock_irqsave(&(*krcp)->lock, *flags);
 *		}
 *
 * The two-argument kfree_rcu(p, rcu) passes `&p->rcu` as head, so it never allocates;
 * only the one-argument kvfree_rcu_mightsleep(p) does. Without the negation, i915's
 * irq_i915_sw_fence_work() (an irq_work, hardirq) freeing with kfree_rcu() reached the
 * GFP_KERNEL page allocation: 975 of the whole defconfig tree's findings crossed it.
 *
 * Expected: nothing (negated_param_handed_on_null.c: a NULL head still allocates).
 */
#include <linux/irq_work.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct foo_rcu_head {
	struct foo_rcu_head *next;
};

struct foo_krc {
	raw_spinlock_t lock;
	void *bnode;
	int count;
};

struct foo_fence_cb {
	struct irq_work work;
	struct foo_rcu_head rcu;
};

static struct foo_krc foo_krc;
static struct foo_fence_cb foo_cb;

static bool foo_add_ptr_to_bulk(struct foo_krc *krcp, unsigned long *flags, void *ptr,
				bool can_alloc)
{
	if (!krcp->bnode && can_alloc) {
		raw_spin_unlock_irqrestore(&krcp->lock, *flags);
		krcp->bnode = kmalloc(4096, GFP_KERNEL);
		raw_spin_lock_irqsave(&krcp->lock, *flags);
	}
	if (!krcp->bnode)
		return false;
	krcp->count++;
	return true;
}

void foo_kvfree_call_rcu(struct foo_rcu_head *head, void *ptr)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&foo_krc.lock, flags);
	foo_add_ptr_to_bulk(&foo_krc, &flags, ptr, !head);
	raw_spin_unlock_irqrestore(&foo_krc.lock, flags);
}

static void foo_fence_work(struct irq_work *wrk)
{
	struct foo_fence_cb *cb = container_of(wrk, struct foo_fence_cb, work);

	foo_kvfree_call_rcu(&cb->rcu, cb);
}

static int __init foo_init(void)
{
	raw_spin_lock_init(&foo_krc.lock);
	init_irq_work(&foo_cb.work, foo_fence_work);
	return 0;
}
module_init(foo_init);
MODULE_LICENSE("GPL");
