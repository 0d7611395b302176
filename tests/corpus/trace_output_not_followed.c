// SPDX-License-Identifier: GPL-2.0
/*
 * A trace event's output function, reduced from kernel/trace/trace.c:4180-4200
 * (print_trace_fmt(): `event->funcs->trace(iter, sym_flags, event)`), 10160-10246
 * (ftrace_dump_one(), called from the RCU stall check in hardirq) and
 * kernel/trace/trace_output.c:1280-1312 (trace_user_stack_print() takes the task's
 * alloc_lock in get_task_mm()). Every event's output function is stored in
 * trace_event_functions.trace, and a dump prints whatever is in the buffer: following the
 * field bound the hardirq dump to the user-stack printer, whose lock use needs a flag the
 * dump clears (round-7 KL-01..06). rules.toml's [follow] fields leaves the field alone.
 *
 * Expected: no LC001 at foo_get_mm()'s task-context use of the lock the printer takes; a
 * lock the hardirq side takes itself is still reported at its task-context user.
 */
#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <linux/trace_events.h>

struct foo_tsk {
	spinlock_t alloc_lock;
	int mm;
};

struct foo_tsk foo_task0;

struct foo_stall {
	spinlock_t lock;
	int count;
};

struct foo_stall foo_stall0;

static enum print_line_t foo_user_stack_print(struct trace_iterator *iter, int flags,
					       struct trace_event *event)
{
	struct foo_tsk *t = &foo_task0;

	spin_lock(&t->alloc_lock);
	t->mm = 0;
	spin_unlock(&t->alloc_lock);
	return TRACE_TYPE_HANDLED;
}

static struct trace_event_functions foo_user_stack_funcs = {
	.trace = foo_user_stack_print,
};

struct trace_event foo_user_stack_event = {
	.funcs = &foo_user_stack_funcs,
};

static void foo_print_trace_fmt(struct trace_iterator *iter, struct trace_event *event)
{
	event->funcs->trace(iter, 0, event);
}

static irqreturn_t foo_stall_irq(int irq, void *dev_id)
{
	foo_print_trace_fmt(dev_id, &foo_user_stack_event);
	spin_lock(&foo_stall0.lock);
	foo_stall0.count++;
	spin_unlock(&foo_stall0.lock);
	return IRQ_HANDLED;
}

int foo_stall_init(int irq)
{
	return request_irq(irq, foo_stall_irq, 0, "foo-stall", NULL);
}

int foo_get_mm(struct foo_tsk *p)
{
	int mm;

	spin_lock(&p->alloc_lock);
	mm = p->mm;
	spin_unlock(&p->alloc_lock);
	return mm;
}

void foo_stall_reset(void)
{
	spin_lock(&foo_stall0.lock); /* expect: LC001 */
	foo_stall0.count = 0;
	spin_unlock(&foo_stall0.lock);
}
