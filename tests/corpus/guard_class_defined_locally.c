// SPDX-License-Identifier: GPL-2.0
/*
 * A lock guard class that rules.toml does not list, defined where it is used
 * (kernel/sched/sched.h does this for task_rq_lock and rq_lock_irqsave).
 * guard(foo_state)(dev) runs the class constructor, which takes dev->lock with
 * interrupts off, and the cleanup attribute runs the destructor, which
 * releases it, on every way out of the scope.
 *
 * foo_state_bump() sleeps after its guarded block: fine.  foo_state_reset()
 * sleeps inside the guard: LC004.
 */
#include <linux/cleanup.h>
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/spinlock.h>

struct foo_dev {
	spinlock_t lock;
	unsigned int count;
};

DEFINE_LOCK_GUARD_1(foo_state, struct foo_dev,
		    spin_lock_irq(&_T->lock->lock),
		    spin_unlock_irq(&_T->lock->lock))

static struct foo_dev foo;

static void foo_state_bump(struct foo_dev *dev)
{
	{
		guard(foo_state)(dev);
		dev->count++;
	}
	msleep(1);
}

static void foo_state_reset(struct foo_dev *dev)
{
	guard(foo_state)(dev);
	dev->count = 0;
	msleep(1);		/* expect: LC004 */
}

static int __init foo_state_init(void)
{
	spin_lock_init(&foo.lock);
	foo_state_bump(&foo);
	foo_state_reset(&foo);
	return 0;
}
module_init(foo_state_init);
MODULE_LICENSE("GPL");
