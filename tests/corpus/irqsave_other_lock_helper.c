// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupts disabled by a caller holding a different lock.
 *
 * The mailbox interrupt handler takes mbox->fifo_lock in hardirq context.
 * foo_mbox_fifo_push() takes fifo_lock with a plain spin_lock(), but its
 * only caller, foo_mbox_send(), calls it while holding mbox->cfg_lock with
 * spin_lock_irqsave(): the interrupt state is inherited, so the plain
 * acquisition runs with hardirqs disabled and the handler cannot interrupt
 * it.  (cfg_lock -> fifo_lock nesting is fine: cfg_lock is never taken in
 * interrupt context.)
 *
 * Expected: no finding.
 */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define FOO_MBOX_TX		0x00
#define FOO_MBOX_RX		0x04
#define FOO_MBOX_STAT		0x08
#define FOO_MBOX_CHAN		0x0c
#define FOO_MBOX_FIFO_LEN	16

struct foo_mbox {
	void __iomem *regs;
	spinlock_t cfg_lock;		/* protects chan */
	spinlock_t fifo_lock;		/* protects fifo, head, tail */
	u32 fifo[FOO_MBOX_FIFO_LEN];
	unsigned int head, tail;
	u32 chan;
	int irq;
};

static irqreturn_t foo_mbox_irq(int irq, void *data)
{
	struct foo_mbox *mbox = data;

	if (!readl(mbox->regs + FOO_MBOX_STAT))
		return IRQ_NONE;

	spin_lock(&mbox->fifo_lock);
	while (mbox->tail != mbox->head) {
		writel(mbox->fifo[mbox->tail], mbox->regs + FOO_MBOX_TX);
		mbox->tail = (mbox->tail + 1) % FOO_MBOX_FIFO_LEN;
	}
	spin_unlock(&mbox->fifo_lock);
	return IRQ_HANDLED;
}

static void foo_mbox_fifo_push(struct foo_mbox *mbox, u32 msg)
{
	spin_lock(&mbox->fifo_lock);
	mbox->fifo[mbox->head] = msg;
	mbox->head = (mbox->head + 1) % FOO_MBOX_FIFO_LEN;
	spin_unlock(&mbox->fifo_lock);
}

static void foo_mbox_send(struct foo_mbox *mbox, u32 chan, u32 msg)
{
	unsigned long flags;

	spin_lock_irqsave(&mbox->cfg_lock, flags);
	if (mbox->chan != chan) {
		writel(chan, mbox->regs + FOO_MBOX_CHAN);
		mbox->chan = chan;
	}
	foo_mbox_fifo_push(mbox, msg);
	spin_unlock_irqrestore(&mbox->cfg_lock, flags);
}

static int foo_mbox_probe(struct platform_device *pdev)
{
	struct foo_mbox *mbox;
	int ret;

	mbox = devm_kzalloc(&pdev->dev, sizeof(*mbox), GFP_KERNEL);
	if (!mbox)
		return -ENOMEM;

	mbox->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(mbox->regs))
		return PTR_ERR(mbox->regs);

	spin_lock_init(&mbox->cfg_lock);
	spin_lock_init(&mbox->fifo_lock);

	mbox->irq = platform_get_irq(pdev, 0);
	if (mbox->irq < 0)
		return mbox->irq;

	ret = devm_request_irq(&pdev->dev, mbox->irq, foo_mbox_irq, 0,
			       "foo-mbox", mbox);
	if (ret)
		return ret;

	/* say hello on the management channel */
	foo_mbox_send(mbox, 0, 0x48454c4f);
	return 0;
}

static struct platform_driver foo_mbox_driver = {
	.probe = foo_mbox_probe,
	.driver = {
		.name = "foo-mbox",
	},
};
module_platform_driver(foo_mbox_driver);

MODULE_DESCRIPTION("foo mailbox (irqsave of another lock in the caller)");
MODULE_LICENSE("GPL");
