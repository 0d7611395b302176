// SPDX-License-Identifier: GPL-2.0
/*
 * A callee that copies a member of its parameter on entry and tests the copy, under
 * callers that tested the same member; reduced from drivers/usb/host/ohci-hub.c:152-205
 * and ohci-hcd.c:953-955, ohci-hub.c:403-406:
 *
 *	static int ohci_rh_resume(struct ohci_hcd *ohci)
 *	{
 *		int autostopped = ohci->autostop;
 *		ohci->autostop = 0;
 *		...
 *		if (status == -EBUSY) {
 *			if (!autostopped) {
 *				spin_unlock_irq(&ohci->lock);
 *				status = ohci_restart(ohci);     (msleep, debugfs, mounts ...)
 *				spin_lock_irq(&ohci->lock);
 *			}
 *			return status;
 *		}
 *
 *	ohci_irq():                      if (ohci->autostop) { ... ohci_rh_resume(ohci); ... }
 *	ohci_root_hub_state_changes():   if (ohci->autostop) ohci_rh_resume(ohci); else ...
 *
 * Both atomic callers call it only when autostop is set, so the restart never runs there.
 * Followed, the hardirq and the root-hub polling timer (softirq, under the caller's
 * spin_lock_irqsave()) reached ohci_restart(): a third of the whole defconfig tree's
 * findings crossed that one step. `autostopped` is "ohci->autostop as on entry", and a
 * caller's test of ohci->autostop on the variable it passes fixes it.
 *
 * Expected: nothing (member_copy_untested_caller.c: a caller that does not test the member
 * still reaches the restart).
 */
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

struct foo_hcd {
	spinlock_t lock;
	struct timer_list poll_timer;
	int autostop;
	int lost_power;
	int irq;
};

static int foo_restart(struct foo_hcd *hcd)
{
	msleep(10);
	hcd->lost_power = 0;
	return 0;
}

static int foo_rh_resume(struct foo_hcd *hcd)
	__releases(hcd->lock) __acquires(hcd->lock)
{
	int autostopped = hcd->autostop;
	int status = 0;

	hcd->autostop = 0;
	if (hcd->lost_power) {
		if (!autostopped) {
			spin_unlock_irq(&hcd->lock);
			status = foo_restart(hcd);
			spin_lock_irq(&hcd->lock);
		}
		return status;
	}
	return 0;
}

static void foo_root_hub_state_changes(struct foo_hcd *hcd, int changed)
{
	if (changed) {
		if (hcd->autostop)
			foo_rh_resume(hcd);
		else
			hcd->lost_power = 1;
	}
}

static irqreturn_t foo_irq(int irq, void *data)
{
	struct foo_hcd *hcd = data;

	if (hcd->autostop) {
		spin_lock(&hcd->lock);
		foo_rh_resume(hcd);
		spin_unlock(&hcd->lock);
	}
	return IRQ_HANDLED;
}

static void foo_poll_timer(struct timer_list *t)
{
	struct foo_hcd *hcd = from_timer(hcd, t, poll_timer);
	unsigned long flags;

	spin_lock_irqsave(&hcd->lock, flags);
	foo_root_hub_state_changes(hcd, 1);
	spin_unlock_irqrestore(&hcd->lock, flags);
}

static int foo_probe(struct platform_device *pdev)
{
	struct foo_hcd *hcd;

	hcd = devm_kzalloc(&pdev->dev, sizeof(*hcd), GFP_KERNEL);
	if (!hcd)
		return -ENOMEM;
	spin_lock_init(&hcd->lock);
	timer_setup(&hcd->poll_timer, foo_poll_timer, 0);
	hcd->irq = platform_get_irq(pdev, 0);
	if (hcd->irq < 0)
		return hcd->irq;
	return devm_request_irq(&pdev->dev, hcd->irq, foo_irq, 0, "foo_hcd", hcd);
}

static struct platform_driver foo_driver = {
	.probe = foo_probe,
	.driver = { .name = "foo_hcd" },
};
module_platform_driver(foo_driver);
MODULE_LICENSE("GPL");
