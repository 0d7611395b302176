// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel branches on its context predicates exactly where the context matters
 * (rules.toml [context_tests]). Reduced from net/core/skbuff.c:734-769
 * (__netdev_alloc_skb(): `if (in_hardirq() || irqs_disabled())` allocates from the
 * per-CPU fragment cache, else under local_bh_disable()), which forcedeth's hardirq receive
 * handler reaches through nv_alloc_rx_optimized(): the local_bh_enable() branch was an LC005
 * in hardirq context, and the cache lock taken there was in hardirq context too.
 *
 * foo_alloc() takes foo_cache_lock only on the branch the predicates rule out in an
 * interrupt handler or with interrupts off; foo_irq() calls it, and foo_refill() (task
 * context) takes the lock with bottom halves off only: consistent, as the predicate makes
 * it. foo_free_any() sleeps only outside interrupts (`if (in_interrupt()) return`), and
 * foo_timer() calls it from a softirq. foo_task_only() tests in_task() (a `!(...)` macro:
 * one predicate) and takes bar_lock only in task context; bar_lock is also taken in
 * foo_irq() itself, with the same result. The one bug left: foo_bad() takes bar_lock with
 * interrupts on in task context, and foo_irq() takes it in hardirq context.
 *
 * Expected: LC001 at foo_bad()'s spin_lock() only.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

static DEFINE_SPINLOCK(foo_cache_lock);
static DEFINE_SPINLOCK(bar_lock);
static DEFINE_MUTEX(foo_mutex);
static int foo_cached, bar_count;

struct foo {
	struct timer_list timer;
	int irq;
};

static int foo_alloc(void)
{
	int n;

	if (in_hardirq() || irqs_disabled()) {
		n = 1;
	} else {
		local_bh_disable();
		spin_lock(&foo_cache_lock);
		n = foo_cached++;
		spin_unlock(&foo_cache_lock);
		local_bh_enable();
	}
	return n;
}

static void foo_free_any(void)
{
	if (in_interrupt())
		return;
	mutex_lock(&foo_mutex);
	foo_cached = 0;
	mutex_unlock(&foo_mutex);
}

static void foo_task_only(void)
{
	if (!in_task())
		return;
	spin_lock(&bar_lock);
	bar_count++;
	spin_unlock(&bar_lock);
}

static irqreturn_t foo_irq(int irq, void *data)
{
	foo_alloc();
	foo_task_only();
	spin_lock(&bar_lock);
	bar_count--;
	spin_unlock(&bar_lock);
	return IRQ_HANDLED;
}

static void foo_timer(struct timer_list *t)
{
	foo_free_any();
}

int foo_refill(void)
{
	int n;

	spin_lock_bh(&foo_cache_lock);
	n = foo_cached;
	spin_unlock_bh(&foo_cache_lock);
	return n;
}

void foo_bad(void)
{
	spin_lock(&bar_lock); /* expect: LC001 */
	bar_count = 0;
	spin_unlock(&bar_lock);
}

int foo_probe(struct foo *f)
{
	timer_setup(&f->timer, foo_timer, 0);
	return request_irq(f->irq, foo_irq, 0, "foo", f);
}
MODULE_LICENSE("GPL");
