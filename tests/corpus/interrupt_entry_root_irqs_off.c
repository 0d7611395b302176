// SPDX-License-Identifier: GPL-2.0
/*
 * The interrupt entry runs with interrupts off. Reduced from kernel/softirq.c and
 * kernel/time/tick-broadcast.c: irq_enter() has no caller in C on x86 (the IDT's assembly
 * stubs and DEFINE_IDTENTRY_IRQ(common_interrupt) enter it), and its tick_irq_enter()
 * switches the broadcast clock event device, whose set_state_oneshot (i8253's
 * pit_set_oneshot()) takes i8253_lock with a plain raw_spin_lock(). Entered as task context
 * with interrupts on, that was an LC001 against the clock event handler that takes the lock
 * in hardirq context (round 11, LC001-181, LC002-182). rules.toml's [[root]] enters it with
 * interrupts off, and says irq_enter_rcu() always runs with them off (`always`), so the
 * entries lockctx has no root for (x86's spurious_interrupt, the sysvec_ and FRED entries:
 * caller-less, entered in task context with interrupts on) do not reach it otherwise; a
 * function that calls irq_enter_rcu() in the state it was entered in (the sysvec entries'
 * helper, which runs the handler's body next) runs with interrupts off as well.
 *
 * Expected: nothing at foo_set_oneshot(); LC001 at foo_set_periodic(), a sysfs-style caller
 * that takes the lock with interrupts on.
 */
#include <linux/hardirq.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/spinlock.h>

static DEFINE_RAW_SPINLOCK(foo_i8253_lock);
static int foo_mode;

static void foo_set_oneshot(void)
{
	raw_spin_lock(&foo_i8253_lock);
	foo_mode = 1;
	raw_spin_unlock(&foo_i8253_lock);
}

static void foo_tick_irq_enter(void)
{
	foo_set_oneshot();
}

void irq_enter_rcu(void)
{
	foo_tick_irq_enter();
}

void irq_enter(void)
{
	irq_enter_rcu();
}

/* an entry with no C caller that lockctx has no [[root]] for (spurious_interrupt):
   irq_enter_rcu() still runs with interrupts off */
void foo_spurious_interrupt(void)
{
	irq_enter_rcu();
}

/* DEFINE_IDTENTRY_SYSVEC()'s shape: the entry calls a helper that enters interrupt context
   and then runs the handler's body. The helper calls irq_enter_rcu() as it was entered, so
   it runs with interrupts off too, and so does the body it calls after it */
static void foo_sysvec_body(void)
{
	foo_set_oneshot();
}

static void foo_instr_sysvec(void)
{
	irq_enter_rcu();
	foo_sysvec_body();
}

void foo_sysvec_timer_interrupt(void)
{
	foo_instr_sysvec();
}

static irqreturn_t foo_timer_interrupt(int irq, void *dev_id)
{
	raw_spin_lock(&foo_i8253_lock);
	foo_mode = 2;
	raw_spin_unlock(&foo_i8253_lock);
	return IRQ_HANDLED;
}

void foo_set_periodic(void)
{
	raw_spin_lock(&foo_i8253_lock); /* expect: LC001 */
	foo_mode = 0;
	raw_spin_unlock(&foo_i8253_lock);
}

int foo_timer_init(int irq)
{
	return request_irq(irq, foo_timer_interrupt, IRQF_TIMER, "timer", NULL);
}
MODULE_LICENSE("GPL");
