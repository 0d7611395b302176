// SPDX-License-Identifier: GPL-2.0
/*
 * A helper that returns with interrupts saved-off on success only, reduced from
 * try_to_grab_pending() and mod_delayed_work_on() in kernel/workqueue.c: it saves
 * interrupts first and restores them only on the -EAGAIN path.  The caller queues the
 * work under `if (ret >= 0)`, so with interrupts off, and the pool lock the timer
 * callback also takes (in softirq context) is never taken with bottom halves enabled.
 * foo_queue_now() takes it with nothing disabled: that one is a bug.
 *
 * Expected: LC002 only in foo_queue_now().
 */
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

struct foo_pool {
	raw_spinlock_t lock;
	int pending;
};

static struct foo_pool foo_pool0;
static struct timer_list foo_timer;

static void __foo_queue(struct foo_pool *pool)
{
	raw_spin_lock(&pool->lock);
	pool->pending++;
	raw_spin_unlock(&pool->lock);
}

static void foo_timer_fn(struct timer_list *t)
{
	__foo_queue(&foo_pool0);
}

static int foo_grab_pending(struct foo_pool *pool, unsigned long *irq_flags)
{
	local_irq_save(*irq_flags);
	if (!pool->pending)
		return 0;
	if (pool->pending > 1)
		return 1;
	local_irq_restore(*irq_flags);
	return -EAGAIN;
}

bool foo_mod_work(struct foo_pool *pool)
{
	unsigned long irq_flags;
	int ret;

	do {
		ret = foo_grab_pending(pool, &irq_flags);
	} while (unlikely(ret == -EAGAIN));

	if (likely(ret >= 0)) {
		__foo_queue(pool);
		local_irq_restore(irq_flags);
	}
	return ret;
}

void foo_queue_now(struct foo_pool *pool)
{
	raw_spin_lock(&pool->lock); /* expect: LC002 */
	pool->pending++;
	raw_spin_unlock(&pool->lock);
}

void foo_init(void)
{
	timer_setup(&foo_timer, foo_timer_fn, 0);
}
