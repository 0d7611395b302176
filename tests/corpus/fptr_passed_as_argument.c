// SPDX-License-Identifier: GPL-2.0
/*
 * A function passed as an argument and stored a few calls down, reduced from
 * irq_set_chip_and_handler() -> __irq_set_handler() -> `desc->handle_irq = handle` in
 * kernel/irq/chip.c and tick_switch_to_oneshot() in kernel/time/tick-sched.c:
 * foo_edge_handler() is not a function with no known caller (which lockctx would have to
 * assume runs in task context with interrupts on), it is what foo_desc.handle_irq calls, and
 * foo_handle_desc() calls that from the interrupt entry.  Its plain spin_lock is fine.
 * foo_poll() takes the same lock with interrupts on: that one is a bug.
 *
 * Expected: LC001 in foo_poll() only.
 */
#include <linux/interrupt.h>
#include <linux/spinlock.h>

struct foo_desc;
typedef void (*foo_flow_handler_t)(struct foo_desc *desc);

struct foo_desc {
	raw_spinlock_t lock;
	foo_flow_handler_t handle_irq;
	unsigned long count;
};

static struct foo_desc foo_desc0;

static void __foo_set_handler(struct foo_desc *desc, foo_flow_handler_t handle)
{
	desc->handle_irq = handle;
}

static void foo_set_handler(struct foo_desc *desc, foo_flow_handler_t handle)
{
	__foo_set_handler(desc, handle);
}

static void foo_edge_handler(struct foo_desc *desc)
{
	raw_spin_lock(&desc->lock);
	desc->count++;
	raw_spin_unlock(&desc->lock);
}

static irqreturn_t foo_handle_desc(int irq, void *dev)
{
	struct foo_desc *desc = dev;

	desc->handle_irq(desc);
	return IRQ_HANDLED;
}

unsigned long foo_poll(struct foo_desc *desc)
{
	unsigned long n;

	raw_spin_lock(&desc->lock); /* expect: LC001 */
	n = desc->count;
	raw_spin_unlock(&desc->lock);
	return n;
}

int foo_init(void)
{
	foo_set_handler(&foo_desc0, foo_edge_handler);
	return request_irq(1, foo_handle_desc, IRQF_NO_THREAD, "foo", &foo_desc0);
}
