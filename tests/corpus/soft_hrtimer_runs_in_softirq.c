// SPDX-License-Identifier: GPL-2.0
/*
 * A soft hrtimer runs its function in softirq context, not hardirq: hrtimer_init() with a
 * HRTIMER_MODE_*_SOFT mode ("Timer callback function will be executed in soft irq
 * context", include/linux/hrtimer.h). Reduced from the whole defconfig tree: xfrm's state
 * timer (xfrm_state_alloc(): hrtimer_init(&x->mtimer, CLOCK_BOOTTIME,
 * HRTIMER_MODE_ABS_SOFT); x->mtimer.function = xfrm_timer_handler) and TCP's pacing and
 * compressed-ACK timers were taken for hardirq timers, and every lock they share with
 * code that only disables bottom halves was an LC001 (8 of a sample of 10).
 *
 * foo_soft_fn() is a soft hrtimer's function and takes foo_lock, which foo_count() takes
 * with spin_lock_bh(): consistent. foo_hard_fn() is a hard one (HRTIMER_MODE_REL) and
 * takes bar_lock, which bar_count() takes with spin_lock_bh() only.
 *
 * Expected: LC001 at bar_count()'s spin_lock_bh(); nothing for foo_lock.
 */
#include <linux/hrtimer.h>
#include <linux/kernel.h>
#include <linux/container_of.h>
#include <linux/module.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(foo_lock);
static DEFINE_SPINLOCK(bar_lock);

struct foo {
	struct hrtimer soft_timer;
	struct hrtimer hard_timer;
	int n;
};

static enum hrtimer_restart foo_soft_fn(struct hrtimer *t)
{
	struct foo *f = container_of(t, struct foo, soft_timer);

	spin_lock(&foo_lock);
	f->n++;
	spin_unlock(&foo_lock);
	return HRTIMER_NORESTART;
}

static enum hrtimer_restart foo_hard_fn(struct hrtimer *t)
{
	struct foo *f = container_of(t, struct foo, hard_timer);

	spin_lock(&bar_lock);
	f->n--;
	spin_unlock(&bar_lock);
	return HRTIMER_NORESTART;
}

void foo_init(struct foo *f)
{
	hrtimer_init(&f->soft_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	f->soft_timer.function = foo_soft_fn;
}

void foo_init_hard(struct foo *f)
{
	hrtimer_init(&f->hard_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	f->hard_timer.function = foo_hard_fn;
}

int foo_count(struct foo *f)
{
	int n;

	spin_lock_bh(&foo_lock);
	n = f->n;
	spin_unlock_bh(&foo_lock);
	return n;
}

int bar_count(struct foo *f)
{
	int n;

	spin_lock_bh(&bar_lock); /* expect: LC001 */
	n = f->n;
	spin_unlock_bh(&bar_lock);
	return n;
}
MODULE_LICENSE("GPL");
