// SPDX-License-Identifier: GPL-2.0
/*
 * A function that releases the lock its caller holds, inside a recursive cycle too large to
 * solve, reduced from kernel/rcu/tree.c: rcu_report_qs_rnp() ("That structure's lock must
 * be held upon entry, and it is released before return") calls rcu_report_qs_rsp(), which
 * wakes the grace-period kthread through the scheduler, and the scheduler reaches RCU
 * again: on kernel/ one cycle of more than 16 functions (propagate.MAX_CYCLE). Such a cycle
 * is assumed balanced; assuming it of rcu_report_qs_rnp() too lost its release, and every
 * function rcu_init() calls after rcutree_report_cpu_starting() seemed to run holding
 * struct rcu_node.lock with interrupts off: 47 of the 187 kernel/ reports.
 *
 * Expected: the sleep after the report is not in atomic context; the one under the lock is.
 */
#include <linux/delay.h>
#include <linux/spinlock.h>

struct foo_node {
	raw_spinlock_t lock;
	unsigned long qsmask;
	struct foo_node *parent;
};

static struct foo_node foo_nodes[4];

static struct foo_node *foo_get_root(void)
{
	return &foo_nodes[0];
}

static void foo_report_rnp(struct foo_node *rnp, unsigned long mask, unsigned long flags);

/* the scheduler's side of the cycle: it ends in RCU again */
static void foo_kick(void)
{
	unsigned long flags;
	struct foo_node *rnp = &foo_nodes[1];

	raw_spin_lock_irqsave(&rnp->lock, flags);
	foo_report_rnp(rnp, 1, flags);
}

static void foo_wake_15(void)
{
	foo_kick();
}

static void foo_wake_14(void)
{
	foo_wake_15();
}

static void foo_wake_13(void)
{
	foo_wake_14();
}

static void foo_wake_12(void)
{
	foo_wake_13();
}

static void foo_wake_11(void)
{
	foo_wake_12();
}

static void foo_wake_10(void)
{
	foo_wake_11();
}

static void foo_wake_9(void)
{
	foo_wake_10();
}

static void foo_wake_8(void)
{
	foo_wake_9();
}

static void foo_wake_7(void)
{
	foo_wake_8();
}

static void foo_wake_6(void)
{
	foo_wake_7();
}

static void foo_wake_5(void)
{
	foo_wake_6();
}

static void foo_wake_4(void)
{
	foo_wake_5();
}

static void foo_wake_3(void)
{
	foo_wake_4();
}

static void foo_wake_2(void)
{
	foo_wake_3();
}

static void foo_wake_1(void)
{
	foo_wake_2();
}

static void foo_wake_0(void)
{
	foo_wake_1();
}

static void foo_report_rsp(unsigned long flags)
{
	raw_spin_unlock_irqrestore(&foo_get_root()->lock, flags);
	foo_wake_0();
}

static void foo_report_rnp(struct foo_node *rnp, unsigned long mask, unsigned long flags)
{
	for (;;) {
		if (!(rnp->qsmask & mask)) {
			raw_spin_unlock_irqrestore(&rnp->lock, flags);
			return;
		}
		rnp->qsmask &= ~mask;
		mask = 1;
		if (!rnp->parent)
			break;
		raw_spin_unlock_irqrestore(&rnp->lock, flags);
		rnp = rnp->parent;
		raw_spin_lock_irqsave(&rnp->lock, flags);
	}
	foo_report_rsp(flags);
}

void foo_cpu_starting(struct foo_node *rnp)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&rnp->lock, flags);
	foo_report_rnp(rnp, 1, flags);
	msleep(1);
}

void foo_cpu_stuck(struct foo_node *rnp)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&rnp->lock, flags);
	msleep(1); /* expect: LC004 */
	raw_spin_unlock_irqrestore(&rnp->lock, flags);
}
