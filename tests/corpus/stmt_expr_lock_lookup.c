// SPDX-License-Identifier: GPL-2.0
/*
 * A locking lookup returned through a statement expression, reduced from lock_timer() in
 * kernel/time/posix-timers.c:64-68,
 *
 *	#define lock_timer(tid, flags)						\
 *	({	struct k_itimer *__timr;					\
 *		__cond_lock(&__timr->it_lock, __timr = __lock_timer(tid, flags)); \
 *		__timr;							\
 *	})
 *
 * and its callers posixtimer_rearm() (`timr = lock_timer(...); if (!timr) return;`) and
 * do_timer_gettime(). __lock_timer() returns holding it_lock with interrupts saved-off, or
 * NULL holding nothing. Called directly, the caller's NULL test selects the matching exit;
 * the value of the statement expression used to be connected to nothing, so the test
 * selected neither, and it_lock looked held (interrupts off) after foo_rearm() returned
 * NULL: the mutex_lock() in foo_dequeue() was reported as sleeping under it_lock (LC004,
 * six false high-confidence findings in kernel/: do_sigtimedwait, timer_gettime, ...).
 *
 * The statement expression's last expression statement is its value: what is known about
 * `__timr` (the result of __foo_lock_timer()) is handed to the variable it initialises or is
 * assigned to. foo_rearm_leaky() really returns holding it_lock on one path: the sleep
 * after it in foo_dequeue_leaky() must still be reported.
 *
 * Expected: LC004 in foo_dequeue_leaky() only.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/delay.h>

struct foo_timer {
	spinlock_t it_lock;
	int requeue_pending;
	int overrun;
};

static DEFINE_MUTEX(foo_mutex);

extern struct foo_timer *foo_find(int id);

static struct foo_timer *__foo_lock_timer(int id, unsigned long *flags)
{
	struct foo_timer *timr = foo_find(id);

	if (timr) {
		spin_lock_irqsave(&timr->it_lock, *flags);
		if (timr->requeue_pending >= 0)
			return timr;
		spin_unlock_irqrestore(&timr->it_lock, *flags);
	}
	return NULL;
}

#define foo_lock_timer(tid, flags)						\
({	struct foo_timer *__timr;						\
	__cond_lock(&__timr->it_lock, __timr = __foo_lock_timer(tid, flags));	\
	__timr;									\
})

static void foo_rearm(int id)
{
	struct foo_timer *timr;
	unsigned long flags;

	timr = foo_lock_timer(id, &flags);
	if (!timr)
		return;
	timr->overrun = -1;
	spin_unlock_irqrestore(&timr->it_lock, flags);
}

static int foo_gettime(int id)
{
	unsigned long flags;
	struct foo_timer *timr = foo_lock_timer(id, &flags);
	int overrun;

	if (!timr)
		return -1;
	overrun = timr->overrun;
	spin_unlock_irqrestore(&timr->it_lock, flags);
	return overrun;
}

int foo_dequeue(int id)
{
	int overrun;

	foo_rearm(id);
	overrun = foo_gettime(id);
	mutex_lock(&foo_mutex);
	mutex_unlock(&foo_mutex);
	return overrun;
}

static void foo_rearm_leaky(int id)
{
	struct foo_timer *timr;
	unsigned long flags;

	timr = foo_lock_timer(id, &flags);
	if (!timr)
		return;
	if (timr->overrun)
		return;		/* leaks it_lock, interrupts off */
	spin_unlock_irqrestore(&timr->it_lock, flags);
}

int foo_dequeue_leaky(int id)
{
	foo_rearm_leaky(id);
	msleep(1); /* expect: LC004 */
	return 0;
}
