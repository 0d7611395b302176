// SPDX-License-Identifier: GPL-2.0
/*
 * A caller's lock given back and taken again by a function nothing analysed calls, reduced
 * from kernel/sched/wait.c:312-327 (do_wait_intr(): `spin_unlock(&wq->lock); schedule();
 * spin_lock(&wq->lock);`, exported for wait_event_interruptible_locked(), which only drivers
 * use). With no caller in the run it was entered as task context with interrupts on, and
 * the retake was LC001 against a hardirq wake-up of a waitqueue lock (round-7 KM-10). The
 * unlock says its caller holds the lock, in an interrupt state nothing shows: the caller's
 * own acquisition is where that is judged.
 *
 * Expected: nothing at foo_do_wait_intr()'s retake; a retake after the function turned
 * interrupts on itself (spin_unlock_irq) is still reported, and so is a plain first
 * acquisition in a function with no caller.
 */
#include <linux/interrupt.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

struct foo_wq_head {
	spinlock_t lock;
	int nr_waiters;
};

int foo_do_wait_intr(struct foo_wq_head *wq)
{
	wq->nr_waiters++;
	spin_unlock(&wq->lock);
	schedule();
	spin_lock(&wq->lock);
	return 0;
}

int foo_do_wait_intr_irq(struct foo_wq_head *wq)
{
	wq->nr_waiters++;
	spin_unlock_irq(&wq->lock);
	schedule();
	spin_lock(&wq->lock); /* expect: LC001 */
	return 0;
}

void foo_wq_reset(struct foo_wq_head *wq)
{
	spin_lock(&wq->lock); /* expect: LC001 */
	wq->nr_waiters = 0;
	spin_unlock(&wq->lock);
}

static irqreturn_t foo_wq_irq(int irq, void *dev_id)
{
	struct foo_wq_head *wq = dev_id;

	spin_lock(&wq->lock);
	wq->nr_waiters = 0;
	spin_unlock(&wq->lock);
	return IRQ_HANDLED;
}

int foo_wq_init(int irq, struct foo_wq_head *wq)
{
	return request_irq(irq, foo_wq_irq, 0, "foo-wq", wq);
}
