// SPDX-License-Identifier: GPL-2.0
/*
 * call_rcu() callback (softirq) vs plain spin_lock() in task context.
 *
 * Filter entries are unlinked with list_del_rcu() and returned to a small
 * free pool by an RCU callback, foo_filter_free_rcu(), which runs in softirq
 * context (RCU_SOFTIRQ) and takes foo_pool_lock.  foo_filter_add(), exported
 * and called by users in task context with softirqs and hardirqs enabled,
 * takes an entry from the pool with a plain spin_lock(): the RCU softirq can
 * run on irq exit on that CPU and spin on the lock.
 *
 * Expected: LC002 at the spin_lock() in foo_filter_add() only.  The table
 * lock is only ever taken in task context.
 */
#include <linux/list.h>
#include <linux/module.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

/* the public API, normally in include/linux/foo_filter.h */
int foo_filter_add(u32 match);
void foo_filter_del(u32 match);

struct foo_filter {
	struct list_head node;
	struct rcu_head rcu;
	u32 match;
};

static DEFINE_SPINLOCK(foo_pool_lock);	/* protects foo_pool */
static LIST_HEAD(foo_pool);
static DEFINE_SPINLOCK(foo_table_lock);	/* protects foo_table updates */
static LIST_HEAD(foo_table);

static void foo_filter_free_rcu(struct rcu_head *head)
{
	struct foo_filter *f = container_of(head, struct foo_filter, rcu);

	spin_lock(&foo_pool_lock);
	list_add(&f->node, &foo_pool);
	spin_unlock(&foo_pool_lock);
}

int foo_filter_add(u32 match)
{
	struct foo_filter *f;

	spin_lock(&foo_pool_lock); /* expect: LC002 */
	f = list_first_entry_or_null(&foo_pool, struct foo_filter, node);
	if (f)
		list_del(&f->node);
	spin_unlock(&foo_pool_lock);
	if (!f)
		return -ENOSPC;

	f->match = match;
	spin_lock(&foo_table_lock);
	list_add_rcu(&f->node, &foo_table);
	spin_unlock(&foo_table_lock);
	return 0;
}
EXPORT_SYMBOL_GPL(foo_filter_add);

void foo_filter_del(u32 match)
{
	struct foo_filter *f, *tmp;

	spin_lock(&foo_table_lock);
	list_for_each_entry_safe(f, tmp, &foo_table, node) {
		if (f->match == match) {
			list_del_rcu(&f->node);
			call_rcu(&f->rcu, foo_filter_free_rcu);
		}
	}
	spin_unlock(&foo_table_lock);
}
EXPORT_SYMBOL_GPL(foo_filter_del);

static int __init foo_filter_init(void)
{
	struct foo_filter *f;
	int i;

	for (i = 0; i < 32; i++) {
		f = kzalloc(sizeof(*f), GFP_KERNEL);
		if (!f)
			return -ENOMEM;
		list_add(&f->node, &foo_pool);
	}
	return 0;
}
module_init(foo_filter_init);

MODULE_DESCRIPTION("foo filter table (call_rcu callback vs plain spin_lock)");
MODULE_LICENSE("GPL");
