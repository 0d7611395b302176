// SPDX-License-Identifier: GPL-2.0
/*
 * seamldr, plain guard, callers disable interrupts.
 *
 * seamldr_call() takes seamldr_lock with a plain guard(raw_spinlock) and is
 * reached from the hardirq handler, but every task-context caller (the probe
 * reading the loader version and the sysfs "update" store) wraps the call in
 * local_irq_save()/local_irq_restore().  The interrupt state is inherited by
 * the callee, so every acquisition runs either in hardirq context or with
 * hardirqs disabled: the handler can never interrupt a holder on its CPU.
 *
 * Expected: no finding.
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct tdx_module_args {
	u64 rcx;
	u64 rdx;
	u64 r8;
	u64 r9;
};

extern int seamcall_prerr(u64 fn, struct tdx_module_args *args);

#define SEAMLDR_INFO		0x8000000000000000ULL
#define SEAMLDR_INSTALL		0x8000000000000001ULL

struct seamldr_dev {
	struct device *dev;
	int irq;
	u64 version;
	u64 last_status;
};

static DEFINE_RAW_SPINLOCK(seamldr_lock);

static int seamldr_call(u64 fn, struct tdx_module_args *args)
{
	guard(raw_spinlock)(&seamldr_lock);
	return seamcall_prerr(fn, args);
}

static irqreturn_t seamldr_irq_handler(int irq, void *data)
{
	struct seamldr_dev *sdev = data;
	struct tdx_module_args args = {};

	if (seamldr_call(SEAMLDR_INFO, &args))
		return IRQ_NONE;
	sdev->last_status = args.rcx;
	return IRQ_HANDLED;
}

static ssize_t update_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct tdx_module_args args = {};
	unsigned long flags;
	int ret;

	local_irq_save(flags);
	ret = seamldr_call(SEAMLDR_INSTALL, &args);
	local_irq_restore(flags);

	return ret ? -EIO : count;
}
static DEVICE_ATTR_WO(update);

static int seamldr_probe(struct platform_device *pdev)
{
	struct tdx_module_args args = {};
	struct seamldr_dev *sdev;
	unsigned long flags;
	int ret;

	sdev = devm_kzalloc(&pdev->dev, sizeof(*sdev), GFP_KERNEL);
	if (!sdev)
		return -ENOMEM;
	sdev->dev = &pdev->dev;
	sdev->irq = platform_get_irq(pdev, 0);
	if (sdev->irq < 0)
		return sdev->irq;
	platform_set_drvdata(pdev, sdev);

	local_irq_save(flags);
	ret = seamldr_call(SEAMLDR_INFO, &args);
	local_irq_restore(flags);
	if (ret)
		return -ENODEV;
	sdev->version = args.rdx;

	ret = request_irq(sdev->irq, seamldr_irq_handler, 0, "seamldr", sdev);
	if (ret)
		return ret;

	ret = device_create_file(&pdev->dev, &dev_attr_update);
	if (ret)
		free_irq(sdev->irq, sdev);
	return ret;
}

static void seamldr_remove(struct platform_device *pdev)
{
	struct seamldr_dev *sdev = platform_get_drvdata(pdev);

	device_remove_file(&pdev->dev, &dev_attr_update);
	free_irq(sdev->irq, sdev);
}

static struct platform_driver seamldr_driver = {
	.probe = seamldr_probe,
	.remove = seamldr_remove,
	.driver = {
		.name = "seamldr",
	},
};
module_platform_driver(seamldr_driver);

MODULE_DESCRIPTION("SEAMLDR update interface (callers disable interrupts)");
MODULE_LICENSE("GPL");
