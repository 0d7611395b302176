// SPDX-License-Identifier: GPL-2.0
/*
 * The irq flow handlers, reduced from kernel/irq/chip.c and kernel/irq/spurious.c.
 * handle_level_irq() takes desc->lock with a plain raw_spin_lock(): it runs in hardirq
 * context, called through desc->handle_irq by generic_handle_irq_desc(), and the drivers
 * that install it (irq_set_chip_and_handler(irq, chip, handle_level_irq)) are not in a run
 * over kernel/irq. With nothing analysed calling it, it was entered as task context with
 * interrupts on, and every flow handler was reported against the irqsave users of
 * desc->lock (18 kernel/ reports). rules.toml's [[root]] enters it in hardirq context.
 *
 * Expected: no finding in the flow handler or in the irqsave setter; the misrouted-IRQ poll
 * (spurious.c's try_one_irq(), from a timer: interrupts on) takes the lock the flow handler
 * takes in hardirq context with a plain raw_spin_lock(): LC001 there, as on the real tree.
 */
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

void handle_level_irq(struct irq_desc *desc)
{
	raw_spin_lock(&desc->lock);
	desc->depth++;
	raw_spin_unlock(&desc->lock);
}

int foo_irq_set_affinity(struct irq_desc *desc)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&desc->lock, flags);
	desc->depth = 0;
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	return 0;
}

static struct irq_desc *foo_desc;
static struct timer_list foo_poll_timer;

static void foo_poll_spurious(struct timer_list *unused)
{
	raw_spin_lock(&foo_desc->lock); /* expect: LC001 */
	foo_desc->depth = 1;
	raw_spin_unlock(&foo_desc->lock);
}

void foo_poll_init(void)
{
	timer_setup(&foo_poll_timer, foo_poll_spurious, 0);
}
