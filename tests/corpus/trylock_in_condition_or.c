// SPDX-License-Identifier: GPL-2.0
/*
 * A trylock as the last operand of `||` (and of `&&`), reduced from note_gp_changes() in
 * kernel/rcu/tree.c:1319-1335:
 *
 *	local_irq_save(flags);
 *	rnp = rdp->mynode;
 *	if ((rdp->gp_seq == rcu_seq_current(&rnp->gp_seq) &&
 *	     !unlikely(READ_ONCE(rdp->gpwrap))) ||
 *	    !raw_spin_trylock_rcu_node(rnp)) {
 *		local_irq_restore(flags);
 *		return;
 *	}
 *	needwake = __note_gp_changes(rnp, rdp);
 *	raw_spin_unlock_irqrestore_rcu_node(rnp, flags);
 *
 * (with a plain raw_spin_trylock() here: stmt_expr_trylock_result.c has the macro), and
 * from nocb_cb_wait() in kernel/rcu/tree_nocb.h:927-932 (`if (a && b && trylock) { ...;
 * unlock; }`). The frontend used to emit the trylock before the branch and undo it on one
 * whole branch, chosen by a `!` at the top of the condition: with `a || !trylock`, the
 * `return` branch (entered when `a` is true without trying, or when the trylock failed)
 * kept rnp->lock held, and the mutex_lock() after foo_note_gp_changes() returned was
 * reported as sleeping under it (LC004).
 *
 * `&&`, `||` and `!` are now edges: the trylock is undone on its own failure edge only, so
 * the `return` branch holds nothing and the fall-through holds the lock.
 * foo_note_gp_changes_sleepy() sleeps on the fall-through, holding the lock: still reported,
 * as is the sleep inside the `&&` branch of foo_cb_wait_sleepy().
 *
 * Expected: LC004 in foo_note_gp_changes_sleepy() and foo_cb_wait_sleepy() only.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/delay.h>

struct foo_trylocki_node {
	raw_spinlock_t lock;
	unsigned long gp_seq;
};

struct foo_data {
	struct foo_trylocki_node *mynode;
	unsigned long gp_seq;
	bool gpwrap;
	bool cb_sleep;
};

static DEFINE_MUTEX(foo_barrier_mutex);

static bool __foo_note_gp_changes(struct foo_trylocki_node *rnp, struct foo_data *rdp)
{
	bool changed = rdp->gp_seq != rnp->gp_seq;

	rdp->gp_seq = rnp->gp_seq;
	return changed;
}

static void foo_note_gp_changes(struct foo_data *rdp)
{
	unsigned long flags;
	struct foo_trylocki_node *rnp;

	local_irq_save(flags);
	rnp = rdp->mynode;
	if ((rdp->gp_seq == READ_ONCE(rnp->gp_seq) &&
	     !unlikely(READ_ONCE(rdp->gpwrap))) ||
	    !raw_spin_trylock(&rnp->lock)) {
		local_irq_restore(flags);
		return;
	}
	__foo_note_gp_changes(rnp, rdp);
	raw_spin_unlock_irqrestore(&rnp->lock, flags);
}

void foo_rcu_core(struct foo_data *rdp)
{
	foo_note_gp_changes(rdp);
	mutex_lock(&foo_barrier_mutex);
	mutex_unlock(&foo_barrier_mutex);
}

static void foo_cb_wait(struct foo_data *rdp)
{
	unsigned long flags;
	struct foo_trylocki_node *rnp = rdp->mynode;

	local_irq_save(flags);
	if (rdp->gp_seq && READ_ONCE(rnp->gp_seq) >= rdp->gp_seq &&
	    raw_spin_trylock(&rnp->lock)) { /* irqs already disabled. */
		__foo_note_gp_changes(rnp, rdp);
		raw_spin_unlock(&rnp->lock); /* irqs remain disabled. */
	}
	local_irq_restore(flags);
}

void foo_nocb_cb_kthread(struct foo_data *rdp)
{
	foo_cb_wait(rdp);
	mutex_lock(&foo_barrier_mutex);
	mutex_unlock(&foo_barrier_mutex);
}

void foo_note_gp_changes_sleepy(struct foo_data *rdp)
{
	struct foo_trylocki_node *rnp = rdp->mynode;

	if (rdp->gpwrap || !raw_spin_trylock(&rnp->lock))
		return;
	msleep(1); /* expect: LC004 */
	raw_spin_unlock(&rnp->lock);
}

void foo_cb_wait_sleepy(struct foo_data *rdp)
{
	struct foo_trylocki_node *rnp = rdp->mynode;

	if (rdp->cb_sleep && raw_spin_trylock(&rnp->lock)) {
		msleep(1); /* expect: LC004 */
		raw_spin_unlock(&rnp->lock);
	}
}
