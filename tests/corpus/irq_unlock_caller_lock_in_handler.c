// SPDX-License-Identifier: GPL-2.0
/*
 * A helper that drops its caller's lock with spin_unlock_irq(), reached from an interrupt
 * handler; reduced from drivers/usb/host/ohci-hub.c:170-205 and ohci-hcd.c:940-960:
 *
 *	static int ohci_rh_resume(struct ohci_hcd *ohci)
 *	__releases(ohci->lock) __acquires(ohci->lock)
 *	{
 *		int autostopped = ohci->autostop;
 *		...
 *		if (status == -EBUSY) {
 *			if (!autostopped) {
 *				spin_unlock_irq(&ohci->lock);
 *				status = ohci_restart(ohci);    (debugfs, the VFS, msleep ...)
 *				...
 *				spin_lock_irq(&ohci->lock);
 *			}
 *			return status;
 *		}
 *
 * ohci_irq() calls it under `if (ohci->autostop)`, so the unlock never runs there. The
 * analysis does not relate the two tests and followed ohci_restart() in hardirq context:
 * 3,370 of the whole defconfig tree's 8,553 findings crossed that one step, into debugfs,
 * mounts and page reclaim. A handler must not turn interrupts on; that is reported once,
 * at the unlock, and the path is not followed further in hardirq context.
 *
 * Here the handler calls the helper unconditionally, so the unlock is a real bug.
 *
 * Expected: LC003 at the spin_unlock_irq() in foo_rh_resume(); nothing in
 * foo_restart(), which sleeps and takes foo_list_lock with interrupts on: both are fine
 * from foo_bus_resume() (task context), and in the handler they only follow the bug.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct foo_hcd {
	spinlock_t lock;
	int autostop;
	int lost_power;
	int irq;
};

static DEFINE_MUTEX(foo_debug_mutex);
static DEFINE_SPINLOCK(foo_list_lock);
static int foo_nr_restarts;

static int foo_restart(struct foo_hcd *hcd)
{
	mutex_lock(&foo_debug_mutex);
	spin_lock(&foo_list_lock);
	foo_nr_restarts++;
	spin_unlock(&foo_list_lock);
	mutex_unlock(&foo_debug_mutex);
	hcd->lost_power = 0;
	return 0;
}

static int foo_rh_resume(struct foo_hcd *hcd)
	__releases(hcd->lock) __acquires(hcd->lock)
{
	int status = 0;

	hcd->autostop = 0;
	if (hcd->lost_power) {
		spin_unlock_irq(&hcd->lock); /* expect: LC003 */
		status = foo_restart(hcd);
		spin_lock_irq(&hcd->lock);
	}
	return status;
}

static irqreturn_t foo_irq(int irq, void *data)
{
	struct foo_hcd *hcd = data;

	spin_lock(&hcd->lock);
	foo_rh_resume(hcd);
	spin_unlock(&hcd->lock);
	return IRQ_HANDLED;
}

static int foo_bus_resume(struct foo_hcd *hcd)
{
	int rc;

	spin_lock_irq(&hcd->lock);
	rc = foo_rh_resume(hcd);
	spin_unlock_irq(&hcd->lock);
	return rc;
}

static int foo_probe(struct platform_device *pdev)
{
	struct foo_hcd *hcd;

	hcd = devm_kzalloc(&pdev->dev, sizeof(*hcd), GFP_KERNEL);
	if (!hcd)
		return -ENOMEM;
	spin_lock_init(&hcd->lock);
	hcd->irq = platform_get_irq(pdev, 0);
	if (hcd->irq < 0)
		return hcd->irq;
	platform_set_drvdata(pdev, hcd);
	return devm_request_irq(&pdev->dev, hcd->irq, foo_irq, 0, "foo_hcd", hcd);
}

static int foo_resume(struct device *dev)
{
	return foo_bus_resume(dev_get_drvdata(dev));
}

static SIMPLE_DEV_PM_OPS(foo_pm_ops, NULL, foo_resume);

static struct platform_driver foo_driver = {
	.probe = foo_probe,
	.driver = {
		.name = "foo_hcd",
		.pm = &foo_pm_ops,
	},
};
module_platform_driver(foo_driver);
MODULE_LICENSE("GPL");
