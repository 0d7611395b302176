// SPDX-License-Identifier: GPL-2.0
/*
 * A lock leaked only on a WARN branch, reduced from kernel/time/posix-timers.c:
 * itimer_delete() takes it_lock with interrupts off and, when the timer is expiring,
 * drops and retakes it through timer_wait_running(), which returns NULL when the relock
 * fails (posix-timers.c:846-866, 1067-1099):
 *
 *	if (WARN_ON_ONCE(timer_wait_running(timer, &flags) != timer))
 *		return;
 *
 * `!= timer` does not say whether the relock failed, so the return seemed to leave with
 * it_lock held and interrupts off, and every caller's later code looked atomic (376
 * findings of the whole defconfig tree came through exec_binprm()). The kernel says the
 * branch is a bug ("not possible here": only the last thread of the group gets here); the
 * warning macros are [[assert]] never_true, and the analysis follows the branch where the
 * warning does not fire. The condition's own call still runs: timer_wait_running()'s
 * unlock and relock are events.
 *
 * Expected: no finding in exit_itimers(), which sleeps after itimer_delete() returned;
 * LC004 in warn_not_fired_sleeps(), where the branch taken is the one with no warning.
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define TIMER_RETRY 1

struct k_itimer {
	spinlock_t it_lock;
	int it_id;
	struct list_head list;
};

static struct k_itimer *foo_timers[16];
static DEFINE_MUTEX(foo_exit_mutex);

int foo_timer_delete_hook(struct k_itimer *timer);
void foo_wait_expiry(int id);

static struct k_itimer *foo_lock_timer(int id, unsigned long *flags)
{
	struct k_itimer *timr = foo_timers[id & 15];

	if (!timr)
		return NULL;
	spin_lock_irqsave(&timr->it_lock, *flags);
	if (timr->it_id == id)
		return timr;
	spin_unlock_irqrestore(&timr->it_lock, *flags);
	return NULL;
}

static struct k_itimer *foo_timer_wait_running(struct k_itimer *timer, unsigned long *flags)
{
	int id = timer->it_id;

	spin_unlock_irqrestore(&timer->it_lock, *flags);
	foo_wait_expiry(id);
	return foo_lock_timer(id, flags);
}

static void foo_itimer_delete(struct k_itimer *timer)
{
	unsigned long flags;

	spin_lock_irqsave(&timer->it_lock, flags);
retry_delete:
	if (foo_timer_delete_hook(timer) == TIMER_RETRY) {
		if (WARN_ON_ONCE(foo_timer_wait_running(timer, &flags) != timer))
			return;
		goto retry_delete;
	}
	list_del(&timer->list);
	spin_unlock_irqrestore(&timer->it_lock, flags);
	kfree(timer);
}

void exit_itimers(struct k_itimer *timer)
{
	foo_itimer_delete(timer);
	mutex_lock(&foo_exit_mutex);
	mutex_unlock(&foo_exit_mutex);
}

void warn_not_fired_sleeps(struct k_itimer *timer)
{
	spin_lock(&timer->it_lock);
	if (!WARN_ON(timer->it_id < 0))
		mutex_lock(&foo_exit_mutex); /* expect: LC004 */
	spin_unlock(&timer->it_lock);
}
