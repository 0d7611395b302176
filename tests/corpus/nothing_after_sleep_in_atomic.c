// SPDX-License-Identifier: GPL-2.0
/*
 * What a path does after it slept in atomic context is not checked: the sleep is the
 * finding. On the whole defconfig tree, paths that reached mount code from a timer or an
 * interrupt handler (debugfs_remove() -> simple_pin_fs() -> vfs_kern_mount() -> every
 * filesystem's get_tree()) reported each lock and sleep below the first sleeping call,
 * hundreds of findings for one impossible step; and if the path were real, the first sleep
 * is what to fix.
 *
 * foo_irq() (hardirq) calls foo_reconfigure(), which sleeps (mutex_lock) before it takes
 * foo_list_lock and allocates. The task-context foo_list_add() takes foo_list_lock with
 * interrupts on.
 *
 * Expected: LC004 at the mutex_lock() only: no LC001 for foo_list_lock (taken in hardirq
 * context only after the sleep) and no LC004 at the kmalloc() after it. foo_quick_irq()
 * takes foo_stats_lock before anything sleeps: its LC001 stays.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

static DEFINE_MUTEX(foo_cfg_mutex);
static DEFINE_SPINLOCK(foo_list_lock);
static DEFINE_SPINLOCK(foo_stats_lock);
static int foo_nr_items, foo_nr_irqs;
static void *foo_cfg;

static void foo_reconfigure(void)
{
	mutex_lock(&foo_cfg_mutex); /* expect: LC004 */
	spin_lock(&foo_list_lock);
	foo_nr_items = 0;
	spin_unlock(&foo_list_lock);
	kfree(foo_cfg);
	foo_cfg = kmalloc(64, GFP_KERNEL);
	mutex_unlock(&foo_cfg_mutex);
}

static irqreturn_t foo_irq(int irq, void *data)
{
	foo_reconfigure();
	return IRQ_HANDLED;
}

static irqreturn_t foo_quick_irq(int irq, void *data)
{
	spin_lock(&foo_stats_lock);
	foo_nr_irqs++;
	spin_unlock(&foo_stats_lock);
	return IRQ_HANDLED;
}

void foo_list_add(void)
{
	spin_lock(&foo_list_lock);
	foo_nr_items++;
	spin_unlock(&foo_list_lock);
}

int foo_stats_read(void)
{
	int n;

	spin_lock(&foo_stats_lock); /* expect: LC001 */
	n = foo_nr_irqs;
	spin_unlock(&foo_stats_lock);
	return n;
}

int foo_setup(int irq)
{
	int ret = request_irq(irq, foo_irq, 0, "foo", NULL);

	if (ret)
		return ret;
	return request_irq(irq + 1, foo_quick_irq, 0, "foo-quick", NULL);
}
MODULE_LICENSE("GPL");
