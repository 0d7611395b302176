// SPDX-License-Identifier: GPL-2.0
/*
 * A struct of callbacks only code a constant condition removes registers, reduced from
 * kernel/irq_work.c:309-334,
 *
 *	static void run_irq_workd(unsigned int cpu)
 *	{
 *		guard(rcu)();
 *		irq_work_run_list(this_cpu_ptr(&lazy_list));
 *	}
 *	static struct smp_hotplug_thread irqwork_threads = {
 *		...
 *		.thread_fn              = run_irq_workd,
 *		...
 *	};
 *	static __init int irq_work_init_threads(void)
 *	{
 *		if (IS_ENABLED(CONFIG_PREEMPT_RT))
 *			BUG_ON(smpboot_register_percpu_thread(&irqwork_threads));
 *		return 0;
 *	}
 *
 * With CONFIG_PREEMPT_RT unset the compiler drops the branch, then the unused variable: the
 * irq_work/%u threads never exist. lockctx skipped the branch but still bound `.thread_fn =
 * run_irq_workd` from the initializer, so smpboot_thread_fn()'s `ht->thread_fn(td->cpu)`
 * reached run_irq_workd() in task context with interrupts on, and through it the irq_work
 * callbacks (rto_push_irq_work_func() taking rto_lock, which hardirq context also takes):
 * five false findings (round 5 triage L-04/L-05, benchmarks/triage/round5-defconfig.md).
 *
 * A file-scope static variable that only removed code names makes no bindings, and the
 * functions its initializer names are not referenced through it. foo_threads is such a
 * variable: run_foo_workd() is not reached from foo_thread_fn(), and foo_lock is taken in
 * hardirq context only. bar_threads is named by the removed branch too, but also
 * registered unconditionally: run_bar_workd() still takes bar_lock with interrupts on from
 * foo_thread_fn(), and must still be reported.
 *
 * Expected: LC001 in run_bar_workd() only.
 */
#include <linux/interrupt.h>
#include <linux/kconfig.h>
#include <linux/module.h>
#include <linux/spinlock.h>

struct foo_hotplug_thread {
	int (*thread_should_run)(unsigned int cpu);
	void (*thread_fn)(unsigned int cpu);
	const char *thread_comm;
};

extern int foo_register_percpu_thread(struct foo_hotplug_thread *ht);

static DEFINE_SPINLOCK(foo_lock);
static DEFINE_SPINLOCK(bar_lock);
static int foo_count, bar_count;

/* the smpboot side: runs every registered thread's thread_fn, in task context */
void foo_thread_fn(struct foo_hotplug_thread *ht, unsigned int cpu)
{
	if (ht->thread_should_run(cpu))
		ht->thread_fn(cpu);
}

static int foo_should_run(unsigned int cpu)
{
	return foo_count;
}

static void run_foo_workd(unsigned int cpu)
{
	spin_lock(&foo_lock);
	foo_count = 0;
	spin_unlock(&foo_lock);
}

static struct foo_hotplug_thread foo_threads = {
	.thread_should_run	= foo_should_run,
	.thread_fn		= run_foo_workd,
	.thread_comm		= "foo/%u",
};

static void run_bar_workd(unsigned int cpu)
{
	spin_lock(&bar_lock);			/* expect: LC001 */
	bar_count = 0;
	spin_unlock(&bar_lock);
}

static struct foo_hotplug_thread bar_threads = {
	.thread_should_run	= foo_should_run,
	.thread_fn		= run_bar_workd,
	.thread_comm		= "bar/%u",
};

static irqreturn_t foo_irq(int irq, void *data)
{
	spin_lock(&foo_lock);
	foo_count++;
	spin_unlock(&foo_lock);
	spin_lock(&bar_lock);
	bar_count++;
	spin_unlock(&bar_lock);
	return IRQ_HANDLED;
}

static int __init foo_init(void)
{
	if (IS_ENABLED(CONFIG_PREEMPT_RT)) {
		foo_register_percpu_thread(&foo_threads);
		foo_register_percpu_thread(&bar_threads);
	}
	foo_register_percpu_thread(&bar_threads);
	return request_irq(1, foo_irq, 0, "foo", NULL);
}
module_init(foo_init);
MODULE_LICENSE("GPL");
