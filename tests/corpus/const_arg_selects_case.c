// SPDX-License-Identifier: GPL-2.0
/*
 * A constant argument selects the case, reduced from perf_trace_del() calling
 * `tp_event->class->reg(tp_event, TRACE_REG_PERF_DEL, p_event)` from a perf IPI (hardirq)
 * and trace_uprobe_register() in kernel/trace/trace_uprobe.c, whose `switch (type)` reaches
 * uprobe_perf_open() (write_lock of the filter lock) only for TRACE_REG_PERF_OPEN.  The
 * hardirq path passes FOO_REG_PERF_DEL, so the filter lock is never taken in hardirq context
 * and taking it with interrupts on in task context is fine; nor does it reach the default
 * case.  foo_stats_lock is taken in hardirq context by foo_stats_irq(), and with interrupts
 * on by foo_stats_read(): a bug.
 *
 * Expected: LC001 in foo_stats_read() only.
 */
#include <linux/interrupt.h>
#include <linux/spinlock.h>

enum foo_reg_type { FOO_REG_REGISTER, FOO_REG_PERF_OPEN, FOO_REG_PERF_DEL };

struct foo_event;
struct foo_class {
	int (*reg)(struct foo_event *ev, enum foo_reg_type type, void *data);
};
struct foo_event {
	struct foo_class *class;
	int users;
};

static DEFINE_RWLOCK(foo_filter_lock);
static DEFINE_SPINLOCK(foo_stats_lock);
static struct foo_event foo_event0;
static int foo_filters, foo_stats;

static int foo_perf_open(struct foo_event *ev)
{
	write_lock(&foo_filter_lock);
	foo_filters++;
	write_unlock(&foo_filter_lock);
	return 0;
}

static int foo_stats_update(struct foo_event *ev)
{
	spin_lock(&foo_stats_lock);
	foo_stats++;
	spin_unlock(&foo_stats_lock);
	return 0;
}

static int foo_register(struct foo_event *ev, enum foo_reg_type type, void *data)
{
	switch (type) {
	case FOO_REG_PERF_OPEN:
		return foo_perf_open(ev);
	case FOO_REG_PERF_DEL:
		return 0;
	default:
		return foo_stats_update(ev);
	}
}

static struct foo_class foo_class0 = { .reg = foo_register };

static irqreturn_t foo_del_irq(int irq, void *dev)
{
	foo_event0.class->reg(&foo_event0, FOO_REG_PERF_DEL, NULL);
	return IRQ_HANDLED;
}

static irqreturn_t foo_stats_irq(int irq, void *dev)
{
	foo_stats_update(&foo_event0);
	return IRQ_HANDLED;
}

int foo_open(void)
{
	return foo_event0.class->reg(&foo_event0, FOO_REG_PERF_OPEN, NULL);
}

int foo_stats_read(void)
{
	int n;

	spin_lock(&foo_stats_lock); /* expect: LC001 */
	n = foo_stats;
	spin_unlock(&foo_stats_lock);
	return n;
}

int foo_init(void)
{
	foo_event0.class = &foo_class0;
	request_irq(1, foo_del_irq, IRQF_NO_THREAD, "foo-del", NULL);
	return request_irq(2, foo_stats_irq, IRQF_NO_THREAD, "foo", NULL);
}
