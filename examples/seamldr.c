// SPDX-License-Identifier: GPL-2.0
/*
 * The review that started lockctx, as a driver: "why guard(raw_spinlock_irqsave)? A plain
 * raw_spinlock works from IRQ-disabled and task context." Here seamldr_call() takes a plain
 * guard(raw_spinlock) and is reached both from the update interrupt (hardirq) and from the
 * sysfs store (task context, interrupts on): an interrupt arriving while the store holds
 * seamldr_lock deadlocks the CPU. `lockctx check examples/seamldr.c` shows both paths.
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct tdx_module_args {
	u64 rcx, rdx, r8, r9;
};

extern int seamcall_prerr(u64 fn, struct tdx_module_args *args);

#define P_SEAMLDR_INFO		0x8000000000000000ULL
#define P_SEAMLDR_INSTALL	0x8000000000000001ULL

/*
 * Serialize P-SEAMLDR calls since the hardware only allows a single CPU to
 * interact with P-SEAMLDR simultaneously.
 */
static DEFINE_RAW_SPINLOCK(seamldr_lock);

static int seamldr_call(u64 fn, struct tdx_module_args *args)
{
	guard(raw_spinlock)(&seamldr_lock);	/* why not guard(raw_spinlock_irqsave)? */
	return seamcall_prerr(fn, args);
}

static irqreturn_t seamldr_update_irq(int irq, void *data)
{
	struct tdx_module_args args = {};

	seamldr_call(P_SEAMLDR_INFO, &args);
	return IRQ_HANDLED;
}

static ssize_t install_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct tdx_module_args args = {};
	int ret = seamldr_call(P_SEAMLDR_INSTALL, &args);

	return ret ? ret : count;
}
static DEVICE_ATTR_WO(install);

static int seamldr_probe(struct platform_device *pdev)
{
	int irq = platform_get_irq(pdev, 0);

	if (irq < 0)
		return irq;
	return devm_request_irq(&pdev->dev, irq, seamldr_update_irq, 0, "seamldr", NULL);
}

static struct platform_driver seamldr_driver = {
	.probe = seamldr_probe,
	.driver = { .name = "seamldr" },
};
module_platform_driver(seamldr_driver);
MODULE_LICENSE("GPL");
