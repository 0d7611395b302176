// SPDX-License-Identifier: GPL-2.0
/*
 * A subsystem's own macros around the lock macros, as kernel/rcu/rcu.h has
 * raw_spin_lock_irq_rcu_node().  The macro written in the code is not a known
 * API, but the call it expands to (_raw_spin_lock_irq) is, so the lock is
 * still seen: the msleep() inside the section is LC004, the one after the
 * unlock is fine.
 */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/spinlock.h>

struct foo_node {
	raw_spinlock_t lock;
	unsigned long gp_seq;
};

#define raw_spin_lock_irq_foo_node(p)			\
do {							\
	raw_spin_lock_irq(&(p)->lock);			\
} while (0)

#define raw_spin_unlock_irq_foo_node(p)			\
	raw_spin_unlock_irq(&(p)->lock)

static struct foo_node foo_root;

static void foo_gp_advance(struct foo_node *np)
{
	raw_spin_lock_irq_foo_node(np);
	np->gp_seq++;
	msleep(1);		/* expect: LC004 */
	raw_spin_unlock_irq_foo_node(np);
	msleep(1);
}

static int __init foo_gp_init(void)
{
	raw_spin_lock_init(&foo_root.lock);
	foo_gp_advance(&foo_root);
	return 0;
}
module_init(foo_gp_init);
MODULE_LICENSE("GPL");
