// SPDX-License-Identifier: GPL-2.0
/*
 * `param || x` handed on is true where the caller passed a true constant. Reduced from
 * drivers/block/virtio_blk.c and block/blk-mq.c: virtblk_done() holds the virtqueue lock
 * (irqsave) and calls blk_mq_start_stopped_hw_queues(q, true), which passes `async ||
 * (hctx->flags & BLK_MQ_F_BLOCKING)` on to blk_mq_run_hw_queue(); that one only hands the
 * queue to a work item `if (async || ...)`, and never dispatches inline (round 10, LC003-92
 * and LC003-181: the dispatch's spin_unlock_irq() reported under the caller's irqsave).
 *
 * Expected: foo_done() passes true, so foo_dispatch()'s spin_lock_irq() is not reached
 * under foo_vq_lock: no finding (before, LC003 there). bar_kick() hands on an async its
 * callers decide (no known caller: unknown), so `async || ...` may be false and
 * bar_dispatch() runs under the irqsave: LC003.
 */
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/types.h>

static DEFINE_SPINLOCK(foo_vq_lock);
static DEFINE_SPINLOCK(foo_dispatch_lock);

struct foo_hctx {
	unsigned int flags;
	int stopped;
	int queued;
};

static struct foo_hctx foo_hctxs[2];

static void foo_dispatch(struct foo_hctx *hctx)
{
	spin_lock_irq(&foo_dispatch_lock);
	hctx->queued = 0;
	spin_unlock_irq(&foo_dispatch_lock);
}

static void foo_delay_run(struct foo_hctx *hctx)
{
	hctx->queued++;
}

static void foo_run_hw_queue(struct foo_hctx *hctx, bool async)
{
	if (async || (hctx->flags & 2)) {
		foo_delay_run(hctx);
		return;
	}
	foo_dispatch(hctx);
}

static void foo_start_stopped_hw_queue(struct foo_hctx *hctx, bool async)
{
	if (!hctx->stopped)
		return;
	hctx->stopped = 0;
	foo_run_hw_queue(hctx, async);
}

static void foo_start_stopped_hw_queues(bool async)
{
	int i;

	for (i = 0; i < 2; i++)
		foo_start_stopped_hw_queue(&foo_hctxs[i], async || (foo_hctxs[i].flags & 1));
}

void foo_done(void)
{
	unsigned long flags;

	spin_lock_irqsave(&foo_vq_lock, flags);
	foo_start_stopped_hw_queues(true);
	spin_unlock_irqrestore(&foo_vq_lock, flags);
}
static void bar_dispatch(struct foo_hctx *hctx)
{
	spin_lock_irq(&foo_dispatch_lock); /* expect: LC003 */
	hctx->queued = 0;
	spin_unlock_irq(&foo_dispatch_lock);
}

static void bar_run(struct foo_hctx *hctx, bool async)
{
	if (async) {
		foo_delay_run(hctx);
		return;
	}
	bar_dispatch(hctx);
}

void bar_kick(bool async)
{
	unsigned long flags;

	spin_lock_irqsave(&foo_vq_lock, flags);
	bar_run(&foo_hctxs[0], async || (foo_hctxs[0].flags & 1));
	spin_unlock_irqrestore(&foo_vq_lock, flags);
}
MODULE_LICENSE("GPL");
