// SPDX-License-Identifier: GPL-2.0
/*
 * A lock shared across two files (this directory is one program).
 *
 * a.c defines foo_event_lock with DEFINE_SPINLOCK() and takes it in the
 * interrupt handler (hardirq context).  b.c declares it through foo_event.h
 * (extern spinlock_t foo_event_lock) and takes it with a plain spin_lock() in
 * a sysfs store, in task context with hardirqs enabled.
 *
 * Expected: LC001 in b.c only, at the task-context spin_lock(); nothing here.
 */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/spinlock.h>

#include "foo_event.h"

#define FOO_EVENT_STATUS	0x00

DEFINE_SPINLOCK(foo_event_lock);
unsigned long foo_event_count;

struct foo_event_dev {
	void __iomem *regs;
	int irq;
};

static irqreturn_t foo_event_irq(int irq, void *data)
{
	struct foo_event_dev *edev = data;
	u32 status = readl(edev->regs + FOO_EVENT_STATUS);

	if (!status)
		return IRQ_NONE;
	writel(status, edev->regs + FOO_EVENT_STATUS);

	spin_lock(&foo_event_lock);
	foo_event_count++;
	spin_unlock(&foo_event_lock);
	return IRQ_HANDLED;
}

static int foo_event_probe(struct platform_device *pdev)
{
	struct foo_event_dev *edev;
	int ret;

	edev = devm_kzalloc(&pdev->dev, sizeof(*edev), GFP_KERNEL);
	if (!edev)
		return -ENOMEM;

	edev->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(edev->regs))
		return PTR_ERR(edev->regs);

	edev->irq = platform_get_irq(pdev, 0);
	if (edev->irq < 0)
		return edev->irq;

	ret = devm_request_irq(&pdev->dev, edev->irq, foo_event_irq, 0,
			       "foo-event", edev);
	if (ret)
		return ret;

	return foo_event_sysfs_init(&pdev->dev);
}

static void foo_event_remove(struct platform_device *pdev)
{
	foo_event_sysfs_exit(&pdev->dev);
}

static struct platform_driver foo_event_driver = {
	.probe = foo_event_probe,
	.remove = foo_event_remove,
	.driver = {
		.name = "foo-event",
	},
};
module_platform_driver(foo_event_driver);

MODULE_DESCRIPTION("foo event counter (lock shared across files)");
MODULE_LICENSE("GPL");
