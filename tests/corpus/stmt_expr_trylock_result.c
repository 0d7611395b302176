// SPDX-License-Identifier: GPL-2.0
/*
 * A trylock result carried through a statement expression, reduced from
 * raw_spin_trylock_rcu_node() in kernel/rcu/rcu.h:484-491,
 *
 *	#define raw_spin_trylock_rcu_node(p)					\
 *	({									\
 *		bool ___locked = raw_spin_trylock(&ACCESS_PRIVATE(p, lock));	\
 *										\
 *		if (___locked)							\
 *			smp_mb__after_unlock_lock();				\
 *		___locked;							\
 *	})
 *
 * and its users rcu_advance_cbs_nowake() (kernel/rcu/tree.c:1236-1246, `if (!a ||
 * !raw_spin_trylock_rcu_node(rnp)) return;`) and call_rcu_tasks_generic()
 * (kernel/rcu/tasks.h:365, `if (!raw_spin_trylock_rcu_node(rtpcp)) raw_spin_lock_rcu_node(
 * rtpcp);`). The macro tests its result once (`if (___locked)`: the lock is dropped on the
 * failure edge) and the caller tests it again. The second test used to let the macro's
 * failure path, lock not held, into its success branch: the unlock there then released
 * a lock of the caller's (the summary said so), so foo_flush() below, which really
 * sleeps under its own node's lock of the same class, was not reported; and with the
 * trylock inside `||` (see trylock_in_condition_or.c) the `return` branch kept the lock,
 * so the mutex_lock() in foo_core() was reported (LC004).
 *
 * The value of the statement expression is `___locked`: a test of it, or of the variable
 * it initialises, is a test of the stored trylock result, and two tests of one result take
 * the same branch.
 *
 * Expected: LC004 in foo_flush() and foo_flush_var() only.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/delay.h>

struct foo_stmtexpr_node {
	raw_spinlock_t lock;
	unsigned long gp_seq;
	unsigned long n_lock_retries;
	int ncbs;
	struct foo_stmtexpr_node *parent;
};

#define smp_mb__after_unlock_lock()	do { } while (0)

#define foo_trylock_node(p)					\
({								\
	bool ___locked = raw_spin_trylock(&(p)->lock);		\
								\
	if (___locked)						\
		smp_mb__after_unlock_lock();			\
	___locked;						\
})

static DEFINE_MUTEX(foo_barrier_mutex);

static void foo_advance_cbs_nowake(struct foo_stmtexpr_node *rnp)
{
	if (!(rnp->gp_seq & 0x3) || !foo_trylock_node(rnp))
		return;
	rnp->ncbs = 0;
	raw_spin_unlock(&rnp->lock);
}

void foo_core(struct foo_stmtexpr_node *rnp)
{
	unsigned long flags;

	local_irq_save(flags);
	foo_advance_cbs_nowake(rnp);
	local_irq_restore(flags);
	mutex_lock(&foo_barrier_mutex);
	mutex_unlock(&foo_barrier_mutex);
}

static void foo_enqueue(struct foo_stmtexpr_node *rtpcp)
{
	unsigned long flags;

	local_irq_save(flags);
	if (!foo_trylock_node(rtpcp)) { // irqs already disabled.
		raw_spin_lock(&rtpcp->lock); // irqs already disabled.
		rtpcp->n_lock_retries++;
	}
	rtpcp->ncbs++;
	raw_spin_unlock_irqrestore(&rtpcp->lock, flags);
}

static bool foo_try_enqueue(struct foo_stmtexpr_node *rtpcp)
{
	bool locked = foo_trylock_node(rtpcp);

	if (!locked)
		return false;
	rtpcp->ncbs++;
	raw_spin_unlock(&rtpcp->lock);
	return true;
}

void foo_flush(struct foo_stmtexpr_node *rtpcp)
{
	raw_spin_lock(&rtpcp->parent->lock);
	foo_enqueue(rtpcp);
	msleep(1); /* expect: LC004 */
	raw_spin_unlock(&rtpcp->parent->lock);
}

void foo_flush_var(struct foo_stmtexpr_node *rtpcp)
{
	raw_spin_lock(&rtpcp->parent->lock);
	foo_try_enqueue(rtpcp);
	msleep(1); /* expect: LC004 */
	raw_spin_unlock(&rtpcp->parent->lock);
}
