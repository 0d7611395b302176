// SPDX-License-Identifier: GPL-2.0
/*
 * The other half of negated_param_handed_on.c: kvfree_rcu_mightsleep(p) passes a NULL head,
 * so `!head` is true and the allocation runs: from an irq_work (hardirq) that is a sleep in
 * atomic context.
 *
 * Expected: LC004 at the kmalloc(GFP_KERNEL) in foo_add_ptr_to_bulk().
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
		krcp->bnode = kmalloc(4096, GFP_KERNEL); /* expect: LC004 */
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

	foo_kvfree_call_rcu(NULL, cb);
}

static int __init foo_init(void)
{
	raw_spin_lock_init(&foo_krc.lock);
	init_irq_work(&foo_cb.work, foo_fence_work);
	return 0;
}
module_init(foo_init);
MODULE_LICENSE("GPL");
