// SPDX-License-Identifier: GPL-2.0
/*
 * A csd's function, reduced from the scheduler's hrtick (kernel/sched/core.c: __hrtick_start,
 * hrtick_start, hrtick_rq_init) and include/linux/smp.h. INIT_CSD() stores the function with
 * a compound literal, `*(_csd) = (struct __call_single_data){ .func = (_func), ... }`, and
 * smp_call_function_single_async() runs it from the function-call IPI, in hardirq with
 * interrupts off. kernel/smp.c calls it through a local `func = csd->func`, which the call
 * graph does not follow, so __hrtick_start was entered as a caller-less task with
 * interrupts on, and the runqueue lock, also taken from a hardirq irq_work and from a timer
 * softirq, was reported (LC001 and LC002 at raw_spin_rq_lock_nested(), 2 findings over
 * kernel/). rules.toml enters struct __call_single_data.func in hardirq.
 *
 * Expected: nothing in the IPI callback's locking; a sleep in a csd callback stored by a
 * plain assignment of CSD_INIT() is reported (LC004), as is the runqueue lock taken plainly
 * by a caller-less function with interrupts and bottom halves on (LC001, LC002).
 */
#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/irq_work.h>
#include <linux/smp.h>
#include <linux/timer.h>

struct foo_hrtick_rq {
	raw_spinlock_t __lock;
	call_single_data_t hrtick_csd;
	call_single_data_t nohz_csd;
	struct timer_list timer;
	int nr_running;
};

static struct foo_hrtick_rq foo_hrtick_rqs[4];
static DEFINE_MUTEX(foo_nohz_mutex);

/* as __hrtick_start: "called from hardirq (IPI) context" */
static void foo_hrtick_start_ipi(void *arg)
{
	struct foo_hrtick_rq *rq = arg;

	raw_spin_lock(&rq->__lock);
	rq->nr_running++;
	raw_spin_unlock(&rq->__lock);
}

static void foo_nohz_csd_func(void *arg)
{
	mutex_lock(&foo_nohz_mutex); /* expect: LC004 */
	mutex_unlock(&foo_nohz_mutex);
}

/* as hrtick_start: called with the runqueue lock held and interrupts off */
void foo_hrtick_start(struct foo_hrtick_rq *rq, int cpu)
{
	smp_call_function_single_async(cpu, &rq->hrtick_csd);
	smp_call_function_single_async(cpu, &rq->nohz_csd);
}

static void foo_hrtick_rq_init(struct foo_hrtick_rq *rq)
{
	INIT_CSD(&rq->hrtick_csd, foo_hrtick_start_ipi, rq);
	rq->nohz_csd = CSD_INIT(foo_nohz_csd_func, rq);
}

/* the hardirq side: as rto_push_irq_work_func */
static void foo_hrtick_push_work_func(struct irq_work *work)
{
	struct foo_hrtick_rq *rq = &foo_hrtick_rqs[0];

	raw_spin_lock(&rq->__lock);
	rq->nr_running--;
	raw_spin_unlock(&rq->__lock);
}

static struct irq_work foo_hrtick_push_work;

/* the softirq side: as process_timeout -> try_to_wake_up -> __task_rq_lock */
static void foo_hrtick_timeout(struct timer_list *t)
{
	struct foo_hrtick_rq *rq = from_timer(rq, t, timer);
	unsigned long flags;

	raw_spin_lock_irqsave(&rq->__lock, flags);
	rq->nr_running++;
	raw_spin_unlock_irqrestore(&rq->__lock, flags);
}

void foo_hrtick_sched_init(void)
{
	int i;

	for (i = 0; i < 4; i++) {
		foo_hrtick_rq_init(&foo_hrtick_rqs[i]);
		timer_setup(&foo_hrtick_rqs[i].timer, foo_hrtick_timeout, 0);
	}
	init_irq_work(&foo_hrtick_push_work, foo_hrtick_push_work_func);
}

void foo_hrtick_rq_reset(struct foo_hrtick_rq *rq)
{
	raw_spin_lock(&rq->__lock); /* expect: LC001 LC002 */
	rq->nr_running = 0;
	raw_spin_unlock(&rq->__lock);
}
