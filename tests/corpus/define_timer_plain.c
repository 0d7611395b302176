// SPDX-License-Identifier: GPL-2.0
/*
 * DEFINE_TIMER() callback (softirq) vs plain spin_lock() in task context.
 *
 * The statistics aging timer is defined statically with DEFINE_TIMER(),
 * which stores foo_age_timer_fn in struct timer_list.function; it runs in
 * softirq context and takes foo_age_lock.  foo_age_reset(), exported and
 * called in task context with softirqs and hardirqs enabled, takes the same
 * lock with a plain spin_lock().  foo_age_start() uses spin_lock_bh(): fine.
 *
 * Expected: LC002 at the spin_lock() in foo_age_reset() only.
 */
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

/* the public API, normally in include/linux/foo_age.h */
void foo_age_start(unsigned long period);
void foo_age_reset(void);

static void foo_age_timer_fn(struct timer_list *unused);

static DEFINE_SPINLOCK(foo_age_lock);	/* protects foo_age_* */
static DEFINE_TIMER(foo_age_timer, foo_age_timer_fn);
static unsigned long foo_age_period = HZ;
static unsigned long foo_age_generation;

static void foo_age_timer_fn(struct timer_list *unused)
{
	unsigned long period;

	spin_lock(&foo_age_lock);
	foo_age_generation++;
	period = foo_age_period;
	spin_unlock(&foo_age_lock);

	mod_timer(&foo_age_timer, jiffies + period);
}

void foo_age_start(unsigned long period)
{
	spin_lock_bh(&foo_age_lock);
	foo_age_period = period;
	spin_unlock_bh(&foo_age_lock);

	mod_timer(&foo_age_timer, jiffies + period);
}
EXPORT_SYMBOL_GPL(foo_age_start);

void foo_age_reset(void)
{
	spin_lock(&foo_age_lock); /* expect: LC002 */
	foo_age_generation = 0;
	spin_unlock(&foo_age_lock);
}
EXPORT_SYMBOL_GPL(foo_age_reset);

static void __exit foo_age_exit(void)
{
	timer_delete_sync(&foo_age_timer);
}
module_exit(foo_age_exit);

MODULE_DESCRIPTION("foo statistics aging (DEFINE_TIMER vs plain spin_lock)");
MODULE_LICENSE("GPL");
