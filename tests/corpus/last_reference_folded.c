// SPDX-License-Identifier: GPL-2.0
/*
 * Many sleeping calls behind one last-reference drop, reduced from kernel/events/core.c:
 * put_event() frees the event when atomic_long_dec_and_test() says the reference was the
 * last, and _free_event() takes several mutexes and frees memory. Reached from an IPI, every
 * one of them was its own LC004 (50 of 125 kernel/ reports), all resting on the same premise
 * that the IPI dropped the last reference. They are one finding, at the call made past the
 * drop: the place to fix it (defer the release) if the premise can hold.
 *
 * Expected: one LC004 at foo_free_event()'s call in foo_put_event(), listing both sites
 * (each the first sleep on its path: what a path does after a sleep in atomic context is
 * not checked, see propagate.slept).
 */
#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/smp.h>

struct foo_event {
	atomic_long_t refcount;
	struct foo_event *aux_event;
	void *buf;
};

static DEFINE_MUTEX(foo_pmus_lock);
static DEFINE_MUTEX(foo_ctx_mutex);

static void foo_free_event(struct foo_event *event)
{
	if (event->buf) {
		mutex_lock(&foo_pmus_lock);
		mutex_unlock(&foo_pmus_lock);
	}
	mutex_lock(&foo_ctx_mutex);
	mutex_unlock(&foo_ctx_mutex);
	kfree(event);
}

static void foo_put_event(struct foo_event *event)
{
	if (!atomic_long_dec_and_test(&event->refcount))
		return;
	foo_free_event(event); /* expect: LC004 */
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
