// SPDX-License-Identifier: GPL-2.0
/*
 * Locks taken only past a last-reference drop in an IPI, reduced from kernel/events/core.c:
 * __perf_event_exit_context() (an IPI) -> perf_put_aux_event() -> put_event(), whose
 * _free_event() -> unaccount_event() -> detach_sb_event() takes pmu_event_list.lock, which
 * attach_sb_event() takes with interrupts on. Each such lock was its own LC001 pair at the
 * enabled use (11 of 71 kernel/ reports), every one resting on the premise that the IPI
 * dropped the last reference (it drops the aux link's, never the last). LC003/LC004 sites
 * behind one drop were already one finding at the call made past it; LC001/LC002 pairs
 * whose only IN-HARDIRQ witness lies past that drop are folded the same way.
 *
 * Expected: one LC001 at foo_free_event()'s call in foo_put_event(), listing both locks;
 * the plain lock a real hardirq handler also takes is still its own LC001.
 */
#include <linux/atomic.h>
#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/smp.h>

struct foo_event_list {
	raw_spinlock_t lock;
	int n;
};

struct foo_event {
	atomic_long_t refcount;
	struct foo_event *aux_event;
};

static struct foo_event_list foo_sb_list;
static DEFINE_SPINLOCK(foo_tree_lock);
static DEFINE_SPINLOCK(foo_stat_lock);

static void foo_free_event(struct foo_event *event)
{
	raw_spin_lock(&foo_sb_list.lock);
	foo_sb_list.n--;
	raw_spin_unlock(&foo_sb_list.lock);
	spin_lock(&foo_tree_lock);
	spin_unlock(&foo_tree_lock);
	kfree(event);
}

static void foo_put_event(struct foo_event *event)
{
	if (!atomic_long_dec_and_test(&event->refcount))
		return;
	foo_free_event(event); /* expect: LC001 */
}

static void foo_exit_context(void *info)
{
	struct foo_event *event = info;

	foo_put_event(event->aux_event);
}

void foo_exit_task(struct foo_event *event, int cpu)
{
	smp_call_function_single(cpu, foo_exit_context, event, 1);
}

void foo_attach_sb_event(void)
{
	raw_spin_lock(&foo_sb_list.lock);
	foo_sb_list.n++;
	raw_spin_unlock(&foo_sb_list.lock);
}

void foo_insert(void)
{
	spin_lock(&foo_tree_lock);
	spin_unlock(&foo_tree_lock);
}

static irqreturn_t foo_irq(int irq, void *dev)
{
	spin_lock(&foo_stat_lock);
	spin_unlock(&foo_stat_lock);
	return IRQ_HANDLED;
}

int foo_probe(int irq)
{
	spin_lock(&foo_stat_lock); /* expect: LC001 */
	spin_unlock(&foo_stat_lock);
	return request_irq(irq, foo_irq, 0, "foo", NULL);
}
