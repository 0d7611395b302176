// SPDX-License-Identifier: GPL-2.0
/*
 * A put that is never the last reference, reduced from perf_put_aux_event() and put_event()
 * in kernel/events/core.c:2125-2138, 5487-5499. perf_get_aux_event() links an aux_output
 * event to its group leader with a second reference (atomic_long_inc_not_zero(), 2194);
 * perf_put_aux_event() drops that link when the group is torn down, from
 * __perf_event_exit_context() (an IPI, holding the context lock, 14060/14114) down
 * perf_group_detach(). The aux event is still in the context and its owner's reference is
 * still held, so put_event()'s atomic_long_dec_and_test() is false there and _free_event()
 * (mutex_lock(), 5409) is not reached. It was reported, at low confidence, past the drop
 * (round-6 L-02/L-03/L-04, refcount-put: 52 sites folded into three findings). rules.toml's
 * [refcount] never_last lists perf_put_aux_event: its calls to a put are not entered.
 *
 * Expected: nothing past put_event() from perf_put_aux_event(); a put from the same IPI
 * that the rules do not list (foo_ring_buffer_put()) is still followed past its drop and
 * reported (LC004).
 */
#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/spinlock.h>

struct foo_perf_buffer {
	atomic_t refcount;
	struct mutex aux_mutex;
};

struct foo_perf_event {
	atomic_long_t refcount;
	struct foo_perf_event *aux_event;
	struct foo_perf_buffer *rb;
	struct mutex mmap_mutex;
};

static DEFINE_RAW_SPINLOCK(foo_perf_ctx_lock);

static void _free_event(struct foo_perf_event *event)
{
	mutex_lock(&event->mmap_mutex);
	event->rb = NULL;
	mutex_unlock(&event->mmap_mutex);
	kfree(event);
}

static void put_event(struct foo_perf_event *event)
{
	if (!atomic_long_dec_and_test(&event->refcount))
		return;

	_free_event(event);
}

static void perf_put_aux_event(struct foo_perf_event *event)
{
	struct foo_perf_event *iter;

	/*
	 * If event uses aux_event tear down the link
	 */
	if (event->aux_event) {
		iter = event->aux_event;
		event->aux_event = NULL;
		put_event(iter);
		return;
	}
}

static void foo_ring_buffer_put(struct foo_perf_buffer *rb)
{
	if (!atomic_dec_and_test(&rb->refcount))
		return;

	mutex_lock(&rb->aux_mutex); /* expect: LC004 */
	mutex_unlock(&rb->aux_mutex);
	kfree(rb);
}

static void foo_perf_group_detach(struct foo_perf_event *event)
{
	perf_put_aux_event(event);
}

static void __perf_event_exit_context(void *info)
{
	struct foo_perf_event *event = info;

	raw_spin_lock(&foo_perf_ctx_lock);
	foo_perf_group_detach(event);
	foo_ring_buffer_put(event->rb);
	raw_spin_unlock(&foo_perf_ctx_lock);
}

void foo_perf_event_exit_cpu(int cpu, struct foo_perf_event *event)
{
	smp_call_function_single(cpu, __perf_event_exit_context, event, 1);
}
