// SPDX-License-Identifier: GPL-2.0
/*
 * Lock hand-over up a tree, reduced from rcu_report_qs_rnp() / force_qs_rnp() in
 * kernel/rcu/tree.c: the helper drops the node lock its caller holds and takes the parent
 * node's, returning with it held.  For the caller, who sees lock classes, it still holds one
 * struct foo_node.lock afterwards, exactly as before the call; it then releases it and may
 * sleep.
 *
 * Expected: no finding.
 */
#include <linux/delay.h>
#include <linux/spinlock.h>

struct foo_node {
	raw_spinlock_t lock;
	struct foo_node *parent;
	unsigned long qsmask;
};

static struct foo_node *foo_climb(struct foo_node *node)
{
	struct foo_node *up = node->parent;

	raw_spin_unlock(&node->lock);
	raw_spin_lock(&up->lock);
	return up;
}

void foo_report(struct foo_node *node, unsigned long mask)
{
	raw_spin_lock(&node->lock);
	node->qsmask &= ~mask;
	if (node->parent && !node->qsmask)
		node = foo_climb(node);
	raw_spin_unlock(&node->lock);
	msleep(1);
}
