// SPDX-License-Identifier: GPL-2.0
/*
 * The other half of member_copy_tested_by_caller.c: a caller that does not test the member
 * the callee copied on entry (a watchdog timer that resumes the root hub unconditionally)
 * still reaches the branch the copy guards.
 *
 * Expected: LC004 at foo_restart()'s msleep(), reached from foo_watchdog() (softirq, the
 * lock held with interrupts saved off); nothing from foo_poll_timer(), which tests it.
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
	struct timer_list watchdog;
	int autostop;
	int lost_power;
	int irq;
};

static int foo_restart(struct foo_hcd *hcd)
{
	msleep(10); /* expect: LC004 */
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

static void foo_watchdog(struct timer_list *t)
{
	struct foo_hcd *hcd = from_timer(hcd, t, watchdog);
	unsigned long flags;

	spin_lock_irqsave(&hcd->lock, flags);
	foo_rh_resume(hcd);
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
	timer_setup(&hcd->watchdog, foo_watchdog, 0);
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
