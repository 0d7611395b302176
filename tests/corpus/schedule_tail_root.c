// SPDX-License-Identifier: GPL-2.0
/*
 * A new task's first steps, reduced from kernel/sched/core.c:5200-5294 (schedule_tail() ->
 * finish_task_switch(): perf_event_task_sched_in() at 5226 runs before
 * finish_lock_switch() drops the runqueue lock with raw_spin_rq_unlock_irq()) and
 * arch/x86/kernel/process.c:145-148 (ret_from_fork(), entered from assembly). Nothing C
 * calls them, but they are no task context with interrupts on: the context switch left
 * them off, with the runqueue lock held. rules.toml's [[root]] enters them so; the perf
 * hook's plain raw_spin_lock of the lock the perf hrtimer takes in hardirq was LC001
 * (round-7 KM-01). The scheduler turned interrupts off with a plain local_irq_disable()
 * (__schedule()), so turning them on once the runqueue lock is dropped
 * (raw_spin_rq_unlock_irq(), kernel/sched/sched.h:1562-1565) is the design, not LC003.
 *
 * Expected: nothing in the sched-in hook; the same lock taken by a genuine no-caller
 * function with interrupts on is still reported (LC001), and so is a sleep in
 * ret_from_fork() before schedule_tail() has dropped the runqueue lock (LC004).
 */
#include <linux/interrupt.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

struct foo_tail_rq {
	raw_spinlock_t __lock;
};

struct foo_perf_ctx {
	raw_spinlock_t lock;
	int nr_active;
};

static struct foo_tail_rq foo_tail_rq0;
static struct foo_perf_ctx foo_perf_ctx0;

static void foo_perf_sched_in(struct foo_perf_ctx *ctx)
{
	raw_spin_lock(&ctx->lock);
	ctx->nr_active++;
	raw_spin_unlock(&ctx->lock);
}

static void foo_finish_task_switch(struct task_struct *prev)
{
	foo_perf_sched_in(&foo_perf_ctx0);
	raw_spin_unlock(&foo_tail_rq0.__lock);
	local_irq_enable();
}

void schedule_tail(struct task_struct *prev)
{
	foo_finish_task_switch(prev);
	might_sleep();
}

void ret_from_fork(struct task_struct *prev)
{
	might_sleep(); /* expect: LC004 */
	schedule_tail(prev);
}

static irqreturn_t foo_perf_hrtimer_irq(int irq, void *dev_id)
{
	foo_perf_sched_in(dev_id);
	return IRQ_HANDLED;
}

int foo_perf_init(int irq)
{
	return request_irq(irq, foo_perf_hrtimer_irq, 0, "foo-perf", NULL);
}

void foo_perf_reset(struct foo_perf_ctx *ctx)
{
	raw_spin_lock(&ctx->lock); /* expect: LC001 */
	ctx->nr_active = 0;
	raw_spin_unlock(&ctx->lock);
}
