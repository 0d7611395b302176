// SPDX-License-Identifier: GPL-2.0
/*
 * A helper that drops the caller's lock and takes it again, tested at a retry label,
 * reduced from do_timer_settime() and timer_wait_running() (kernel/time/posix-timers.c:
 * 846-866, 925-970):
 *
 *	timr = lock_timer(timer_id, &flags);
 * retry:
 *	if (!timr)
 *		return -EINVAL;
 *	...
 *	if (error == TIMER_RETRY) {
 *		timr = timer_wait_running(timr, &flags);
 *		goto retry;
 *	}
 *	unlock_timer(timr, flags);
 *
 * timer_wait_running() unlocks the timer (restoring interrupts) and returns
 * lock_timer()'s result: the timer locked again with interrupts saved off, or NULL with
 * nothing held. The test at retry: was walked knowing only that timr held lock_timer()'s
 * result, and a NULL exit of timer_wait_running() counted as "took something" (it gave the
 * caller's lock back), so its relocked exit could return -EINVAL with interrupts off: the
 * copy to user space after do_timer_settime() was reported (LC004 at time.c:910 and 937,
 * LC001 at posix-timers.c:1049; round-6 triage H-09, H-10, M-20, "relock-helper").
 *
 * foo_sys_gettime() is the real bug beside it: it copies out with the timer locked.
 *
 * Expected: LC004 at the copy_to_user() in foo_sys_gettime() only.
 */
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/kernel.h>

struct foo_itimer {
	spinlock_t it_lock;
	int it_id;
	int it_value;
	int it_active;
};

static struct foo_itimer foo_the_timer;

static struct foo_itimer *foo_lookup_timer(int id)
{
	return id == foo_the_timer.it_id ? &foo_the_timer : NULL;
}

static struct foo_itimer *foo_lock_timer(int id, unsigned long *flags)
{
	struct foo_itimer *timr = foo_lookup_timer(id);

	if (!timr)
		return NULL;
	spin_lock_irqsave(&timr->it_lock, *flags);
	if (timr->it_active)
		return timr;
	spin_unlock_irqrestore(&timr->it_lock, *flags);
	return NULL;
}

static struct foo_itimer *foo_timer_wait_running(struct foo_itimer *timer,
						 unsigned long *flags)
{
	int id = timer->it_id;

	spin_unlock_irqrestore(&timer->it_lock, *flags);
	return foo_lock_timer(id, flags);
}

static int foo_timer_set(struct foo_itimer *timr, int value)
{
	if (timr->it_value == value)
		return 1;
	timr->it_value = value;
	return 0;
}

static int foo_do_timer_settime(int id, int value)
{
	struct foo_itimer *timr;
	unsigned long flags;
	int error;

	timr = foo_lock_timer(id, &flags);
retry:
	if (!timr)
		return -22;
	error = foo_timer_set(timr, value);
	if (error == 1) {
		timr = foo_timer_wait_running(timr, &flags);
		goto retry;
	}
	spin_unlock_irqrestore(&timr->it_lock, flags);
	return error;
}

int foo_sys_settime(int id, int value, int __user *out)
{
	int error = foo_do_timer_settime(id, value);

	if (!error && out) {
		if (copy_to_user(out, &value, sizeof(value)))
			error = -14;
	}
	return error;
}

int foo_sys_gettime(int id, int __user *out)
{
	struct foo_itimer *timr;
	unsigned long flags;
	int error = 0;

	timr = foo_lock_timer(id, &flags);
	if (!timr)
		return -22;
	if (copy_to_user(out, &timr->it_value, sizeof(int))) /* expect: LC004 */
		error = -14;
	spin_unlock_irqrestore(&timr->it_lock, flags);
	return error;
}
