// SPDX-License-Identifier: GPL-2.0
/*
 * spin_lock() in the interrupt handler, spin_trylock() in task context.
 *
 * The reverse of trylock_in_irq_handler.c: the handler takes mon->lock with a
 * plain spin_lock() in hardirq context, and the sysfs show opportunistically
 * uses spin_trylock() with hardirqs enabled.  A successful trylock holds the
 * lock like any other acquisition: if the interrupt then fires on that CPU,
 * the handler spins forever (lockdep marks a trylock with hardirqs on as
 * HARDIRQ-ON-W as well).
 *
 * Expected: LC001 at the spin_trylock() in errors_show().
 */#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/sysfs.h>

#define FOO_MON_ERRORS		0x00
#define FOO_MON_ISR		0x04

struct foo_mon {
	void __iomem *regs;
	spinlock_t lock;		/* protects errors */
	u64 errors;
	int irq;
};

static irqreturn_t foo_mon_irq(int irq, void *data)
{
	struct foo_mon *mon = data;

	if (!readl(mon->regs + FOO_MON_ISR))
		return IRQ_NONE;
	writel(1, mon->regs + FOO_MON_ISR);

	spin_lock(&mon->lock);
	mon->errors += readl(mon->regs + FOO_MON_ERRORS);
	writel(0, mon->regs + FOO_MON_ERRORS);
	spin_unlock(&mon->lock);
	return IRQ_HANDLED;
}

static ssize_t errors_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct foo_mon *mon = dev_get_drvdata(dev);
	u64 errors;

	/* the handler is updating the counters: let user space retry */
	if (!spin_trylock(&mon->lock)) /* expect: LC001 */
		return -EBUSY;
	errors = mon->errors;
	spin_unlock(&mon->lock);

	return sysfs_emit(buf, "%llu\n", errors);
}
static DEVICE_ATTR_RO(errors);

static int foo_mon_probe(struct platform_device *pdev)
{
	struct foo_mon *mon;
	int ret;

	mon = devm_kzalloc(&pdev->dev, sizeof(*mon), GFP_KERNEL);
	if (!mon)
		return -ENOMEM;

	mon->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(mon->regs))
		return PTR_ERR(mon->regs);

	spin_lock_init(&mon->lock);
	platform_set_drvdata(pdev, mon);

	mon->irq = platform_get_irq(pdev, 0);
	if (mon->irq < 0)
		return mon->irq;

	ret = devm_request_irq(&pdev->dev, mon->irq, foo_mon_irq, 0,
			       "foo-mon", mon);
	if (ret)
		return ret;

	return device_create_file(&pdev->dev, &dev_attr_errors);
}

static void foo_mon_remove(struct platform_device *pdev)
{
	device_remove_file(&pdev->dev, &dev_attr_errors);
}

static struct platform_driver foo_mon_driver = {
	.probe = foo_mon_probe,
	.remove = foo_mon_remove,
	.driver = {
		.name = "foo-mon",
	},
};
module_platform_driver(foo_mon_driver);

MODULE_DESCRIPTION("foo error monitor (trylock in task context)");
MODULE_LICENSE("GPL");
