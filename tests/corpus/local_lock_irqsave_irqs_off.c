// SPDX-License-Identifier: GPL-2.0
/*
 * A local lock's _irqsave and _irq forms turn interrupts off (without PREEMPT_RT,
 * include/linux/local_lock_internal.h: local_irq_save() and a lockdep annotation).
 * Reduced from drivers/char/random.c: crng_make_state() takes base_crng.lock with plain
 * spin_lock() inside local_lock_irqsave(&crngs.lock, flags), and was reported as taking it
 * with interrupts on (round 10, LC002-186).
 *
 * foo_irq() (hardirq) takes foo_base_lock. foo_make_state() takes it inside
 * local_lock_irqsave(), foo_reseed() inside local_lock_irq(): interrupts off, nothing to
 * report. foo_peek() takes it with interrupts on: LC001.
 */
#include <linux/interrupt.h>
#include <linux/local_lock.h>
#include <linux/module.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(foo_base_lock);
static int foo_generation;

struct foo_crng {
	local_lock_t lock;
	int generation;
};

static struct foo_crng foo_crngs = {
	.lock = INIT_LOCAL_LOCK(foo_crngs.lock),
};

static irqreturn_t foo_irq(int irq, void *data)
{
	spin_lock(&foo_base_lock);
	foo_generation++;
	spin_unlock(&foo_base_lock);
	return IRQ_HANDLED;
}

int foo_make_state(void)
{
	unsigned long flags;
	int gen;

	local_lock_irqsave(&foo_crngs.lock, flags);
	spin_lock(&foo_base_lock);
	gen = foo_crngs.generation = foo_generation;
	spin_unlock(&foo_base_lock);
	local_unlock_irqrestore(&foo_crngs.lock, flags);
	return gen;
}

void foo_reseed(void)
{
	local_lock_irq(&foo_crngs.lock);
	spin_lock(&foo_base_lock);
	foo_generation = 0;
	spin_unlock(&foo_base_lock);
	local_unlock_irq(&foo_crngs.lock);
}

int foo_peek(void)
{
	int gen;

	spin_lock(&foo_base_lock); /* expect: LC001 */
	gen = foo_generation;
	spin_unlock(&foo_base_lock);
	return gen;
}

int foo_setup(int irq)
{
	return request_irq(irq, foo_irq, 0, "foo", NULL);
}
MODULE_LICENSE("GPL");
