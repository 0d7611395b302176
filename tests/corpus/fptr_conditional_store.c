// SPDX-License-Identifier: GPL-2.0
/*
 * A function stored through a conditional expression, reduced from sound/core/timer.c:
 * snd_timer_user_tselect() stores `tu->timeri->callback = tu->tread ?
 * snd_timer_user_tinterrupt : snd_timer_user_interrupt;` (timer.c:1756-1757), and
 * snd_timer_interrupt() / snd_timer_work() call ti->callback under
 * `guard(spinlock_irqsave)(&timer->lock)` (timer.c:792-799, 827-828, 852): both callbacks
 * run with interrupts off, so their plain spin_lock of tu->qlock (timer.c:1320, 1398) is
 * fine.  Neither is a function with no known caller.  The ccallback, stored plainly, takes
 * the same lock irqsave from hardirq context.
 *
 * qux_user_read() takes qlock with interrupts on: that one is a bug.
 *
 * Expected: LC001 in qux_user_read() only.
 */
#include <linux/interrupt.h>
#include <linux/spinlock.h>

struct qux_timer_instance {
	void (*callback)(struct qux_timer_instance *ti, unsigned long ticks);
	void (*ccallback)(struct qux_timer_instance *ti, int event);
	void *callback_data;
};

struct qux_timer {
	spinlock_t lock;
	struct qux_timer_instance *ti;
};

struct qux_user {
	spinlock_t qlock;
	struct qux_timer_instance *timeri;
	int tread;
	unsigned long ticks;
	int events;
};

static void qux_user_interrupt(struct qux_timer_instance *ti, unsigned long ticks)
{
	struct qux_user *tu = ti->callback_data;

	spin_lock(&tu->qlock);
	tu->ticks += ticks;
	spin_unlock(&tu->qlock);
}

static void qux_user_tinterrupt(struct qux_timer_instance *ti, unsigned long ticks)
{
	struct qux_user *tu = ti->callback_data;

	spin_lock(&tu->qlock);
	tu->ticks = ticks;
	spin_unlock(&tu->qlock);
}

static void qux_user_ccallback(struct qux_timer_instance *ti, int event)
{
	struct qux_user *tu = ti->callback_data;
	unsigned long flags;

	spin_lock_irqsave(&tu->qlock, flags);
	tu->events |= event;
	spin_unlock_irqrestore(&tu->qlock, flags);
}

static irqreturn_t qux_timer_interrupt(int irq, void *dev_id)
{
	struct qux_timer *timer = dev_id;
	unsigned long flags;

	spin_lock_irqsave(&timer->lock, flags);
	if (timer->ti->callback)
		timer->ti->callback(timer->ti, 1);
	if (timer->ti->ccallback)
		timer->ti->ccallback(timer->ti, 1);
	spin_unlock_irqrestore(&timer->lock, flags);
	return IRQ_HANDLED;
}

int qux_user_tselect(struct qux_user *tu)
{
	tu->timeri->callback = tu->tread
			? qux_user_tinterrupt : qux_user_interrupt;
	tu->timeri->ccallback = qux_user_ccallback;
	tu->timeri->callback_data = tu;
	return 0;
}

unsigned long qux_user_read(struct qux_user *tu)
{
	unsigned long n;

	spin_lock(&tu->qlock); /* expect: LC001 */
	n = tu->ticks;
	spin_unlock(&tu->qlock);
	return n;
}

int qux_timer_init(struct qux_timer *timer)
{
	return request_irq(2, qux_timer_interrupt, IRQF_SHARED, "qux", timer);
}
