// SPDX-License-Identifier: GPL-2.0
/*
 * A trylock whose result is kept in a variable and tested later, reduced from
 * kernel/cgroup/rstat.c (_cgroup_rstat_cpu_lock):
 *
 *	contended = !raw_spin_trylock_irqsave(cpu_lock, flags);
 *	if (contended)
 *		raw_spin_lock_irqsave(cpu_lock, flags);
 *	return flags;
 *
 * The helper returns holding the lock with interrupts saved exactly once; the
 * caller's irqrestore turns them back on, so the mutex_lock() after it does
 * not sleep in atomic context.  (Without the failure edge of the stored
 * trylock result, the helper would seem to save interrupts twice and the
 * caller to leave them disabled.)
 *
 * The stat timer is a hard-irq hrtimer taking the same lock: every task-side
 * acquisition is irqsave, so there is no LC001 either.
 *
 * Expected: no finding.
 */
#include <linux/hrtimer.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

static DEFINE_RAW_SPINLOCK(stat_lock);
static DEFINE_MUTEX(stat_mutex);
static struct hrtimer stat_timer;
static u64 stat_count, stat_total;

static enum hrtimer_restart stat_timer_fn(struct hrtimer *t)
{
	raw_spin_lock(&stat_lock);
	stat_count++;
	raw_spin_unlock(&stat_lock);
	return HRTIMER_NORESTART;
}

static unsigned long stat_lock_fast(void)
{
	unsigned long flags;
	bool contended;

	contended = !raw_spin_trylock_irqsave(&stat_lock, flags);
	if (contended)
		raw_spin_lock_irqsave(&stat_lock, flags);
	return flags;
}

static void stat_flush(void)
{
	unsigned long flags = stat_lock_fast();
	u64 n = stat_count;

	stat_count = 0;
	raw_spin_unlock_irqrestore(&stat_lock, flags);

	mutex_lock(&stat_mutex);
	stat_total += n;
	mutex_unlock(&stat_mutex);
}

static int __init stat_init(void)
{
	hrtimer_init(&stat_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	stat_timer.function = stat_timer_fn;
	stat_flush();
	return 0;
}
module_init(stat_init);
MODULE_LICENSE("GPL");
