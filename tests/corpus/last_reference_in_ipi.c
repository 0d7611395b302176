// SPDX-License-Identifier: GPL-2.0
/*
 * A reference dropped in an IPI, reduced from kernel/events/core.c. __perf_event_exit_context()
 * runs in hardirq context (smp_call_function_single()) and detaches the group, whose
 * perf_put_aux_event() calls put_event(): `if (!atomic_long_dec_and_test(&event->refcount))
 * return;` and only then _free_event(), which takes mutexes. The put in the IPI is never the
 * last one (the event's file holds another), which the code cannot show: 50 of the 125
 * defconfig kernel/ reports went this way, each a "sleeping in hardirq" on the free path.
 *
 * Expected: LC004 at the mutex_lock() (a final put there would be a bug), at low confidence,
 * its path saying that it needs the last reference. A sleep reached in the same IPI without
 * a reference drop on the way stays high.
 */
#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/smp.h>

struct foo_event {
	atomic_long_t refcount;
	struct foo_event *aux_event;
	int state;
};

static DEFINE_MUTEX(foo_pmus_lock);

static void foo_free_event(struct foo_event *event)
{
	mutex_lock(&foo_pmus_lock); /* expect: LC004 */
	event->state = 0;
	mutex_unlock(&foo_pmus_lock);
}

static void foo_put_event(struct foo_event *event)
{
	if (!atomic_long_dec_and_test(&event->refcount))
		return;
	foo_free_event(event);
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

static void foo_sync_context(void *info)
{
	struct foo_event *event = info;

	mutex_lock(&foo_pmus_lock); /* expect: LC004 */
	event->state = 1;
	mutex_unlock(&foo_pmus_lock);
}

void foo_sync_task(struct foo_event *event, int cpu)
{
	smp_call_function_single(cpu, foo_sync_context, event, 1);
}
