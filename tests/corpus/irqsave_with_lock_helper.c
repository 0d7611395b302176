// SPDX-License-Identifier: GPL-2.0
/*
 * A helper that saves interrupts for the lock it returns, reduced from
 * perf_lock_task_context() in kernel/events/core.c: on success it returns the
 * context locked with interrupts saved; on failure it drops the lock and
 * restores interrupts only `if (!ctx)`, a test of a local variable the
 * analysis cannot tie to the earlier branch.  The caller unlocks with
 * irqrestore when it got a context, then sleeps: fine.
 *
 * Expected: no finding.
 */
#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>

struct foo_ctx {
	raw_spinlock_t lock;
	int dead;
	int refs;
};

struct foo_task {
	struct foo_ctx *ctx;
};

static DEFINE_MUTEX(foo_mutex);
static struct foo_task foo_task0;

static struct foo_ctx *foo_lock_ctx(struct foo_task *t, unsigned long *flags)
{
	struct foo_ctx *ctx;

	rcu_read_lock();
	ctx = t->ctx;
	if (ctx) {
		local_irq_save(*flags);
		raw_spin_lock(&ctx->lock);
		if (ctx->dead) {
			raw_spin_unlock(&ctx->lock);
			ctx = NULL;
		}
	}
	rcu_read_unlock();
	if (!ctx)
		local_irq_restore(*flags);
	return ctx;
}

static void foo_ctx_get(struct foo_task *t)
{
	unsigned long flags;
	struct foo_ctx *ctx = foo_lock_ctx(t, &flags);

	if (ctx) {
		ctx->refs++;
		raw_spin_unlock_irqrestore(&ctx->lock, flags);
	}
	mutex_lock(&foo_mutex);
	mutex_unlock(&foo_mutex);
}

static int __init foo_ctx_init(void)
{
	foo_ctx_get(&foo_task0);
	return 0;
}
module_init(foo_ctx_init);
MODULE_LICENSE("GPL");
