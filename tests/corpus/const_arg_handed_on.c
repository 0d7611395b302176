// SPDX-License-Identifier: GPL-2.0
/*
 * A constant argument handed on through a parameter, reduced from the ALSA sequencer
 * (sound/core/seq/seq_fifo.c:114, seq_memory.c:283-300, 360-404):
 *
 *	snd_seq_fifo_event_in():  snd_seq_event_dup(f->pool, event, &cell, 1, NULL, NULL);
 *	snd_seq_event_dup(pool, event, cellp, nonblock, file, mutexp)
 *		-> snd_seq_cell_alloc(pool, &cell, nonblock, file, mutexp);
 *	snd_seq_cell_alloc():
 *		while (pool->free == NULL && ! nonblock && !pool->closing) {
 *			...
 *			if (mutexp)
 *				mutex_unlock(mutexp);
 *			schedule();
 *
 * (the reduction counts waiters instead: a NULL lock pointer argument is a lock argument to
 * one frontend and not to the other)
 *
 * called with the fifo's lock held and interrupts off. A constant selected the branches of
 * the function it was passed to, but not of a function that only handed it on, so the
 * non-blocking caller was reported as sleeping (LC004 at seq_memory.c:296/298, round-7
 * triage SH-06/SH-07, "arg-insensitive (truth-tested constant argument)").
 *
 * The real bug beside it: foo_seq_dup_forced() writes its parameter before handing it on
 * (an empty pool makes it wait after all), so foo_seq_forced_in()'s 1 does not reach
 * foo_seq_cell_wait(), which sleeps under the caller's spinlock.
 *
 * Expected: LC004 at the msleep() in foo_seq_cell_wait() only.
 */
#include <linux/spinlock.h>
#include <linux/delay.h>
#include <linux/kernel.h>

struct foo_seq_pool {
	spinlock_t lock;
	int free;
	int closing;
};

static int foo_seq_cell_alloc(struct foo_seq_pool *pool, int nonblock, int *waiters)
{
	while (pool->free == 0 && !nonblock && !pool->closing) {
		if (waiters)
			(*waiters)++;
		msleep(1);
		if (waiters)
			(*waiters)--;
	}
	if (pool->free == 0)
		return -11;
	pool->free--;
	return 0;
}

static int foo_seq_cell_wait(struct foo_seq_pool *pool, int nonblock)
{
	while (pool->free == 0 && !nonblock && !pool->closing)
		msleep(1); /* expect: LC004 */
	return pool->free ? 0 : -11;
}

static int foo_seq_event_dup(struct foo_seq_pool *pool, int nonblock, int *waiters)
{
	return foo_seq_cell_alloc(pool, nonblock, waiters);
}

static int foo_seq_dup_forced(struct foo_seq_pool *pool, int nonblock)
{
	if (pool->free == 0)
		nonblock = 0;		/* wait for a cell after all */
	return foo_seq_cell_wait(pool, nonblock);
}

void foo_seq_fifo_event_in(struct foo_seq_pool *pool)
{
	unsigned long flags;

	spin_lock_irqsave(&pool->lock, flags);
	foo_seq_event_dup(pool, 1, NULL);
	spin_unlock_irqrestore(&pool->lock, flags);
}

void foo_seq_forced_in(struct foo_seq_pool *pool)
{
	unsigned long flags;

	spin_lock_irqsave(&pool->lock, flags);
	foo_seq_dup_forced(pool, 1);
	spin_unlock_irqrestore(&pool->lock, flags);
}
