// SPDX-License-Identifier: GPL-2.0
/*
 * A static function whose callers are compiled out, reduced from kernel/rcu/tree.c:1238,
 *
 *	static void __maybe_unused rcu_advance_cbs_nowake(struct rcu_node *rnp,
 *							  struct rcu_data *rdp)
 *
 * whose only callers are in tree_nocb.h (470, 581), under CONFIG_RCU_NOCB_CPU, which x86_64
 * defconfig does not set. tree.c #includes tree_nocb.h (5782), so it is one translation unit.
 * Nothing in the configuration calls it or takes its address, but as a function with no
 * known caller it used to be a root entered in task context with interrupts on, and its
 * plain raw_spin_lock of the node lock, also taken in hardirq, was reported (LC001 and LC002
 * at tree.c:999 and 1242, round-4 triage "dead-root").
 *
 * A static function no code of its TU calls or names is dead: not a root. A static function
 * whose address is stored (foo_ops.kick, in a table registered elsewhere), or one called only
 * from a plain static function of an #included header that nothing here calls
 * (foo_nocb_timer() in foo_tree_nocb.h, handed to timer_setup()), is not dead: both are still
 * roots with no known caller, and their plain spin_lock is still reported.
 *
 * Expected: LC001 in foo_kick() and foo_flush() only; nothing in foo_advance_cbs_nowake().
 */
#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

struct foo_rcutree_node {
	raw_spinlock_t lock;
	unsigned long gp_seq;
};

struct foo_ops {
	void (*kick)(struct foo_rcutree_node *rnp);
};

static struct foo_rcutree_node foo_root;

extern int foo_register(const struct foo_ops *ops);

static void __maybe_unused foo_advance_cbs_nowake(struct foo_rcutree_node *rnp)
{
	raw_spin_lock(&rnp->lock);
	rnp->gp_seq++;
	raw_spin_unlock(&rnp->lock);
}

static void foo_kick(struct foo_rcutree_node *rnp)
{
	raw_spin_lock(&rnp->lock); /* expect: LC001 */
	rnp->gp_seq = 0;
	raw_spin_unlock(&rnp->lock);
}

static const struct foo_ops foo_ops = {
	.kick = foo_kick,
};

static void foo_flush(void)
{
	struct foo_rcutree_node *rnp = &foo_root;

	raw_spin_lock(&rnp->lock); /* expect: LC001 */
	rnp->gp_seq = 0;
	raw_spin_unlock(&rnp->lock);
}

#include "foo_tree_nocb.h"

static irqreturn_t foo_irq(int irq, void *dev)
{
	struct foo_rcutree_node *rnp = dev;

	raw_spin_lock(&rnp->lock);
	rnp->gp_seq++;
	raw_spin_unlock(&rnp->lock);
	return IRQ_HANDLED;
}

int foo_init(int irq)
{
	foo_setup_nocb();
	foo_register(&foo_ops);
	return request_irq(irq, foo_irq, 0, "foo", &foo_root);
}
