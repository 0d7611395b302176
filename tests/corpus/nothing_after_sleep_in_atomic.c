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
 * foo_quick_irq() calls foo_rebuild(), whose first call, foo_new_table(), sleeps on every
 * way it returns (kmalloc(GFP_KERNEL)), before foo_table_lock, which foo_table_add() takes
 * with interrupts on.
 *
 * Expected: LC004 at the mutex_lock() and at foo_new_table()'s kmalloc() only: no LC001
 * for foo_list_lock or foo_table_lock (taken in hardirq context only after a sleep) and no
 * LC004 at the kmalloc() after the mutex_lock(). foo_quick_irq() takes foo_stats_lock
 * before anything sleeps: its LC001 stays.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

static DEFINE_MUTEX(foo_cfg_mutex);
static DEFINE_SPINLOCK(foo_list_lock);
static DEFINE_SPINLOCK(foo_stats_lock);
static DEFINE_SPINLOCK(foo_table_lock);
static int foo_nr_items, foo_nr_irqs, foo_nr_tables;
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

/* sleeps on every way it returns: its callers have slept after the call */
static void *foo_new_table(void)
{
	void *t = kmalloc(64, GFP_KERNEL); /* expect: LC004 */

	if (!t)
		return NULL;
	memset(t, 0, 64);
	return t;
}

static void foo_rebuild(void)
{
	void *t = foo_new_table();

	spin_lock(&foo_table_lock);
	foo_nr_tables++;
	spin_unlock(&foo_table_lock);
	kfree(t);
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
	foo_rebuild();
	return IRQ_HANDLED;
}

void foo_list_add(void)
{
	spin_lock(&foo_list_lock);
	foo_nr_items++;
	spin_unlock(&foo_list_lock);
}

void foo_table_add(void)
{
	spin_lock(&foo_table_lock);
	foo_nr_tables++;
	spin_unlock(&foo_table_lock);
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
