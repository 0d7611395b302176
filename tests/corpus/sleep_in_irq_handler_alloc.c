// SPDX-License-Identifier: GPL-2.0
/*
 * GFP_KERNEL allocation directly in a hardirq handler.
 *
 * The button controller's interrupt handler records each event in a newly
 * allocated struct and hands it to a work item.  It allocates with
 * kzalloc(..., GFP_KERNEL), which may sleep in hardirq context; it must use
 * GFP_ATOMIC.  The work function runs in task context and takes the event
 * list lock with spin_lock_irq(), which is correct there.
 *
 * Expected: LC004 at the kzalloc() in the handler only.
 */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#define FOO_BTN_STATUS		0x00

struct foo_btn_event {
	struct list_head node;
	u32 status;
};

struct foo_btn {
	void __iomem *regs;
	spinlock_t lock;		/* protects events */
	struct list_head events;
	struct work_struct work;
	int irq;
};

static irqreturn_t foo_btn_irq(int irq, void *data)
{
	struct foo_btn *btn = data;
	struct foo_btn_event *ev;
	u32 status;

	status = readl(btn->regs + FOO_BTN_STATUS);
	if (!status)
		return IRQ_NONE;
	writel(status, btn->regs + FOO_BTN_STATUS);

	ev = kzalloc(sizeof(*ev), GFP_KERNEL); /* expect: LC004 */
	if (!ev)
		return IRQ_HANDLED;
	ev->status = status;

	spin_lock(&btn->lock);
	list_add_tail(&ev->node, &btn->events);
	spin_unlock(&btn->lock);

	schedule_work(&btn->work);
	return IRQ_HANDLED;
}

static void foo_btn_work(struct work_struct *work)
{
	struct foo_btn *btn = container_of(work, struct foo_btn, work);
	struct foo_btn_event *ev, *tmp;
	LIST_HEAD(events);

	spin_lock_irq(&btn->lock);
	list_splice_init(&btn->events, &events);
	spin_unlock_irq(&btn->lock);

	list_for_each_entry_safe(ev, tmp, &events, node) {
		pr_debug("foo-btn: status %#x\n", ev->status);
		kfree(ev);
	}
}

static int foo_btn_probe(struct platform_device *pdev)
{
	struct foo_btn *btn;

	btn = devm_kzalloc(&pdev->dev, sizeof(*btn), GFP_KERNEL);
	if (!btn)
		return -ENOMEM;

	btn->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(btn->regs))
		return PTR_ERR(btn->regs);

	spin_lock_init(&btn->lock);
	INIT_LIST_HEAD(&btn->events);
	INIT_WORK(&btn->work, foo_btn_work);

	btn->irq = platform_get_irq(pdev, 0);
	if (btn->irq < 0)
		return btn->irq;

	return devm_request_irq(&pdev->dev, btn->irq, foo_btn_irq, 0,
				"foo-btn", btn);
}

static struct platform_driver foo_btn_driver = {
	.probe = foo_btn_probe,
	.driver = {
		.name = "foo-btn",
	},
};
module_platform_driver(foo_btn_driver);

MODULE_DESCRIPTION("foo buttons (GFP_KERNEL in a hardirq handler)");
MODULE_LICENSE("GPL");
