// SPDX-License-Identifier: GPL-2.0
/*
 * TIMER_IRQSAFE timer vs plain spin_lock() in task context.
 *
 * The heartbeat timer is set up with TIMER_IRQSAFE: its callback still runs
 * from the timer softirq, only with hardirqs disabled.  The sysfs "interval"
 * store takes hb->lock with a plain spin_lock() in task context with softirqs
 * and hardirqs enabled, so the timer softirq can run on irq exit on the CPU
 * that holds the lock and spin on it.
 *
 * Expected: LC002 at the spin_lock() in interval_store().  No hardirq context
 * takes the lock, so no LC001.
 */#include <linux/device.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

#define FOO_HB_PING	0x10

struct foo_hb {
	void __iomem *regs;
	struct timer_list timer;
	spinlock_t lock;		/* protects interval, pings */
	unsigned long interval;
	unsigned long pings;
};

static void foo_hb_timer_fn(struct timer_list *t)
{
	struct foo_hb *hb = from_timer(hb, t, timer);
	unsigned long interval;

	spin_lock(&hb->lock);
	writel(1, hb->regs + FOO_HB_PING);
	hb->pings++;
	interval = hb->interval;
	spin_unlock(&hb->lock);

	mod_timer(&hb->timer, jiffies + interval);
}

static ssize_t interval_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct foo_hb *hb = dev_get_drvdata(dev);
	unsigned int ms;
	int ret;

	ret = kstrtouint(buf, 0, &ms);
	if (ret)
		return ret;

	spin_lock(&hb->lock); /* expect: LC002 */
	hb->interval = msecs_to_jiffies(ms);
	spin_unlock(&hb->lock);
	return count;
}
static DEVICE_ATTR_WO(interval);

static int foo_hb_probe(struct platform_device *pdev)
{
	struct foo_hb *hb;

	hb = devm_kzalloc(&pdev->dev, sizeof(*hb), GFP_KERNEL);
	if (!hb)
		return -ENOMEM;

	hb->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(hb->regs))
		return PTR_ERR(hb->regs);

	spin_lock_init(&hb->lock);
	hb->interval = HZ;
	platform_set_drvdata(pdev, hb);

	timer_setup(&hb->timer, foo_hb_timer_fn, TIMER_IRQSAFE);
	mod_timer(&hb->timer, jiffies + hb->interval);

	return device_create_file(&pdev->dev, &dev_attr_interval);
}

static void foo_hb_remove(struct platform_device *pdev)
{
	struct foo_hb *hb = platform_get_drvdata(pdev);

	device_remove_file(&pdev->dev, &dev_attr_interval);
	del_timer_sync(&hb->timer);
}

static struct platform_driver foo_hb_driver = {
	.probe = foo_hb_probe,
	.remove = foo_hb_remove,
	.driver = {
		.name = "foo-heartbeat",
	},
};
module_platform_driver(foo_hb_driver);

MODULE_DESCRIPTION("foo heartbeat (TIMER_IRQSAFE timer vs plain spin_lock)");
MODULE_LICENSE("GPL");
