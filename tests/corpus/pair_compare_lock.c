// SPDX-License-Identifier: GPL-2.0
/*
 * A lock taken and released under the same comparison of two variables, reduced from
 * rcu_start_this_gp() in kernel/rcu/tree.c:998-999, 1046-1047,
 *
 *	for (rnp = rnp_start; 1; rnp = rnp->parent) {
 *		if (rnp != rnp_start)
 *			raw_spin_lock_rcu_node(rnp);
 *		...
 *	unlock_out:
 *		...
 *		if (rnp != rnp_start)
 *			raw_spin_unlock_rcu_node(rnp);
 *
 * foo_start_this_gp() is the pair without the loop (/tmp/tri4w/ho/fun.c start_gp_noloop()),
 * foo_start_this_gp_loop() the loop as written. Only a test of one variable (`if (atomic)
 * lock(); ... if (atomic) unlock();`) was correlated, so one exit of each held rnp->lock (the
 * lock taken, the unlock skipped), and every caller looked like it went on holding struct
 * rcu_node.lock: the sleeps in foo_gp_kthread() were reported (LC004; round-4 triage
 * "summary-imbalance", cause 4(a), via rcu_core → smpboot_thread_fn → schedule()).
 *
 * A comparison of two locals or parameters records whether they are equal on each branch,
 * either way round, until either is assigned: foo_start_this_gp() is balanced. In the loop,
 * the unlock's `rnp != rnp_start && rnp->parent != NULL` is false either because they are
 * equal or because there is no parent: each operand records its values on its own edges, and
 * `if (!rnp->parent) break;` (whose branches only jump) records its own, so the path that
 * kept the lock breaks out to the unlock at unlock_out. foo_climb_leaky() assigns rnp_start
 * between the two tests, so it really can return holding the lock (taken for rnp !=
 * rnp_start, then rnp_start == rnp): its caller's sleep is still reported.
 *
 * Expected: LC004 in foo_climb_kthread() only.
 */
#include <linux/spinlock.h>
#include <linux/delay.h>

struct foo_paircomp_node {
	raw_spinlock_t lock;
	unsigned long gp_seq_needed;
	struct foo_paircomp_node *parent;
};

static bool foo_start_this_gp(struct foo_paircomp_node *rnp_start, struct foo_paircomp_node *rnp,
			      unsigned long gp_seq_req)
{
	bool ret = false;

	if (rnp != rnp_start)
		raw_spin_lock(&rnp->lock);
	if (rnp->gp_seq_needed < gp_seq_req) {
		rnp->gp_seq_needed = gp_seq_req;
		ret = true;
	}
	if (rnp_start != rnp)
		raw_spin_unlock(&rnp->lock);
	return ret;
}

static bool foo_start_this_gp_loop(struct foo_paircomp_node *rnp_start, unsigned long gp_seq_req)
{
	bool ret = false;
	struct foo_paircomp_node *rnp;

	for (rnp = rnp_start; 1; rnp = rnp->parent) {
		if (rnp != rnp_start)
			raw_spin_lock(&rnp->lock);
		if (rnp->gp_seq_needed >= gp_seq_req)
			goto unlock_out;
		rnp->gp_seq_needed = gp_seq_req;
		if (rnp != rnp_start && rnp->parent != NULL)
			raw_spin_unlock(&rnp->lock);
		if (!rnp->parent)
			break;
	}
	ret = true;
unlock_out:
	if (rnp != rnp_start)
		raw_spin_unlock(&rnp->lock);
	return ret;
}

void foo_gp_kthread(struct foo_paircomp_node *rnp_start, struct foo_paircomp_node *rnp)
{
	if (foo_start_this_gp(rnp_start, rnp, 4))
		msleep(1);
	msleep(1);
	foo_start_this_gp_loop(rnp_start, 8);
	msleep(1);
}

static void foo_climb_leaky(struct foo_paircomp_node *rnp_start, struct foo_paircomp_node *rnp)
{
	if (rnp != rnp_start)
		raw_spin_lock(&rnp->lock);
	rnp_start = rnp->parent;
	if (rnp != rnp_start)
		raw_spin_unlock(&rnp->lock);
}

void foo_climb_kthread(struct foo_paircomp_node *rnp_start, struct foo_paircomp_node *rnp)
{
	foo_climb_leaky(rnp_start, rnp);
	msleep(1); /* expect: LC004 */
}
