// SPDX-License-Identifier: GPL-2.0
/*
 * on_each_cpu() callback (IPI, hardirq) vs plain spin_lock() in task context.
 *
 * foo_pmu_collect() asks every CPU to fold its local event counter into the
 * global total with on_each_cpu(); on the other CPUs the callback runs from
 * the function-call IPI in hardirq context and takes foo_pmu_lock.
 * foo_pmu_read_total(), exported and called in task context with hardirqs
 * enabled, takes foo_pmu_lock with a plain spin_lock(): the IPI can arrive on
 * the CPU holding it and spin forever.
 *
 * Expected: LC001 at the spin_lock() in foo_pmu_read_total() only.
 */
#include <linux/module.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/types.h>

/* reads and clears this CPU's event counter (arch code) */
extern u64 foo_pmu_read_and_clear_local(void);

/* the public API, normally in include/linux/foo_pmu.h */
void foo_pmu_collect(void);
u64 foo_pmu_read_total(void);

static DEFINE_SPINLOCK(foo_pmu_lock);	/* protects foo_pmu_total */
static u64 foo_pmu_total;

static void foo_pmu_fold_local(void *info)
{
	u64 count = foo_pmu_read_and_clear_local();

	spin_lock(&foo_pmu_lock);
	foo_pmu_total += count;
	spin_unlock(&foo_pmu_lock);
}

void foo_pmu_collect(void)
{
	on_each_cpu(foo_pmu_fold_local, NULL, 1);
}
EXPORT_SYMBOL_GPL(foo_pmu_collect);

u64 foo_pmu_read_total(void)
{
	u64 total;

	spin_lock(&foo_pmu_lock); /* expect: LC001 */
	total = foo_pmu_total;
	spin_unlock(&foo_pmu_lock);
	return total;
}
EXPORT_SYMBOL_GPL(foo_pmu_read_total);

MODULE_DESCRIPTION("foo PMU counters (IPI callback vs plain spin_lock)");
MODULE_LICENSE("GPL");
