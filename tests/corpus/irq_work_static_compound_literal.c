// SPDX-License-Identifier: GPL-2.0
/*
 * irq_work functions stored by a file-scope variable's compound literal, reduced from
 * kernel/events/core.c (`static DEFINE_IRQ_WORK(perf_duration_work, perf_duration_warn)`)
 * and kernel/rcu/tasks.h (DEFINE_RCU_TASKS: a per-CPU struct whose initializer has
 * `.rtp_irq_work = IRQ_WORK_INIT_HARD(call_rcu_tasks_iw_wakeup)`). Both are
 * `= (struct irq_work){ .func = fn, ... }`: an initializer that is a compound literal,
 * whole or for one member. Only `{ ... }` itself was read, so the functions were caller-less
 * tasks with interrupts on, and what they do in hardirq went unseen.
 *
 * Expected: the irq_work's lock taken plainly in task context is reported (LC001), and so
 * is a sleep in the per-CPU struct's irq_work (LC004).
 */
#include <linux/irq_work.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct foo_tasks_percpu {
	raw_spinlock_t lock;
	struct irq_work rtp_irq_work;
	int cpu;
};

static DEFINE_SPINLOCK(foo_duration_lock);
static u64 foo_report_avg;
static DEFINE_MUTEX(foo_tasks_gp_mutex);

static void foo_duration_warn(struct irq_work *w)
{
	spin_lock(&foo_duration_lock);
	foo_report_avg = 0;
	spin_unlock(&foo_duration_lock);
}

static DEFINE_IRQ_WORK(foo_duration_work, foo_duration_warn);

void foo_sample_event_took(u64 sample_len_ns)
{
	spin_lock(&foo_duration_lock); /* expect: LC001 */
	foo_report_avg = sample_len_ns;
	spin_unlock(&foo_duration_lock);
	irq_work_queue(&foo_duration_work);
}

static void foo_tasks_iw_wakeup(struct irq_work *iwp)
{
	mutex_lock(&foo_tasks_gp_mutex); /* expect: LC004 */
	mutex_unlock(&foo_tasks_gp_mutex);
}

static struct foo_tasks_percpu foo_tasks_pcpu = {
	.lock = __RAW_SPIN_LOCK_UNLOCKED(foo_tasks_pcpu.lock),
	.rtp_irq_work = IRQ_WORK_INIT_HARD(foo_tasks_iw_wakeup),
};

void foo_call_rcu_tasks(void)
{
	irq_work_queue(&foo_tasks_pcpu.rtp_irq_work);
}
