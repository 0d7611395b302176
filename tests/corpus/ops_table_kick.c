// SPDX-License-Identifier: GPL-2.0
/*
 * Function pointer in a const ops table.
 *
 * The DMA engine has two hardware revisions; the per-revision "kick" callback
 * is chosen at probe time from a static const ops table (.kick = ...).  The
 * interrupt handler restarts the engine through priv->ops->kick(priv), so both
 * kick implementations run in hardirq context and take priv->lock there.
 * foo_dma_submit(), reached from the probe (task context, hardirqs enabled),
 * takes the same lock with a plain spin_lock().
 *
 * Expected: LC001 at the spin_lock() in foo_dma_submit() only.  The kick
 * callbacks are called through struct foo_dma_ops.kick from the handler, so
 * they are not roots and their plain spin_lock() runs in hardirq context.
 */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define FOO_DMA_STATUS		0x00
#define FOO_DMA_DOORBELL	0x04
#define FOO_DMA_COUNT		0x08
#define FOO_DMA_STATUS_DONE	0x1

struct foo_dma;

struct foo_dma_ops {
	void (*kick)(struct foo_dma *priv);
};

struct foo_dma {
	void __iomem *regs;
	spinlock_t lock;		/* protects pending */
	const struct foo_dma_ops *ops;
	u32 pending;
	int irq;
};

static void foo_dma_v1_kick(struct foo_dma *priv)
{
	spin_lock(&priv->lock);
	if (priv->pending)
		writel(1, priv->regs + FOO_DMA_DOORBELL);
	spin_unlock(&priv->lock);
}

static void foo_dma_v2_kick(struct foo_dma *priv)
{
	spin_lock(&priv->lock);
	writel(priv->pending, priv->regs + FOO_DMA_COUNT);
	priv->pending = 0;
	spin_unlock(&priv->lock);
}

static const struct foo_dma_ops foo_dma_v1_ops = {
	.kick = foo_dma_v1_kick,
};

static const struct foo_dma_ops foo_dma_v2_ops = {
	.kick = foo_dma_v2_kick,
};

static irqreturn_t foo_dma_irq(int irq, void *data)
{
	struct foo_dma *priv = data;
	u32 status;

	status = readl(priv->regs + FOO_DMA_STATUS);
	if (!(status & FOO_DMA_STATUS_DONE))
		return IRQ_NONE;
	writel(status, priv->regs + FOO_DMA_STATUS);

	priv->ops->kick(priv);
	return IRQ_HANDLED;
}

static void foo_dma_submit(struct foo_dma *priv, u32 count)
{
	spin_lock(&priv->lock); /* expect: LC001 */
	priv->pending += count;
	spin_unlock(&priv->lock);
}

static int foo_dma_probe(struct platform_device *pdev)
{
	struct foo_dma *priv;
	int ret;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;

	priv->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(priv->regs))
		return PTR_ERR(priv->regs);

	spin_lock_init(&priv->lock);
	priv->ops = pdev->id == 2 ? &foo_dma_v2_ops : &foo_dma_v1_ops;

	priv->irq = platform_get_irq(pdev, 0);
	if (priv->irq < 0)
		return priv->irq;

	ret = devm_request_irq(&pdev->dev, priv->irq, foo_dma_irq, 0,
			       dev_name(&pdev->dev), priv);
	if (ret)
		return ret;

	/* prime the engine with the first descriptor */
	foo_dma_submit(priv, 1);
	return 0;
}

static struct platform_driver foo_dma_driver = {
	.probe = foo_dma_probe,
	.driver = {
		.name = "foo-dma",
	},
};
module_platform_driver(foo_dma_driver);

MODULE_DESCRIPTION("foo DMA engine (ops table)");
MODULE_LICENSE("GPL");
