// SPDX-License-Identifier: GPL-2.0
/*
 * scoped_guard(spinlock_irqsave) in task context.
 *
 * The GPIO block's interrupt handler takes gc->lock (guard(spinlock)) in
 * hardirq context to read and clear the latched edges.  The direction setter,
 * reached from the probe in task context, updates the shared direction
 * register inside scoped_guard(spinlock_irqsave, &gc->lock): hardirqs are off
 * for the whole scope, so the handler cannot interrupt the holder.
 *
 * Expected: no finding.
 */
#include <linux/bits.h>
#include <linux/cleanup.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define FOO_GPIO_DIR		0x00
#define FOO_GPIO_EDGE		0x04

struct foo_gpio {
	void __iomem *regs;
	spinlock_t lock;		/* serialises DIR/EDGE read-modify-write */
	u32 edges;
	int irq;
};

static irqreturn_t foo_gpio_irq(int irq, void *data)
{
	struct foo_gpio *gc = data;
	u32 edge;

	guard(spinlock)(&gc->lock);
	edge = readl(gc->regs + FOO_GPIO_EDGE);
	if (!edge)
		return IRQ_NONE;
	writel(edge, gc->regs + FOO_GPIO_EDGE);
	gc->edges |= edge;
	return IRQ_HANDLED;
}

static void foo_gpio_set_direction(struct foo_gpio *gc, unsigned int offset,
				   bool output)
{
	u32 dir;

	scoped_guard(spinlock_irqsave, &gc->lock) {
		dir = readl(gc->regs + FOO_GPIO_DIR);
		if (output)
			dir |= BIT(offset);
		else
			dir &= ~BIT(offset);
		writel(dir, gc->regs + FOO_GPIO_DIR);
	}
}

static int foo_gpio_probe(struct platform_device *pdev)
{
	struct foo_gpio *gc;
	int ret;

	gc = devm_kzalloc(&pdev->dev, sizeof(*gc), GFP_KERNEL);
	if (!gc)
		return -ENOMEM;

	gc->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(gc->regs))
		return PTR_ERR(gc->regs);

	spin_lock_init(&gc->lock);

	gc->irq = platform_get_irq(pdev, 0);
	if (gc->irq < 0)
		return gc->irq;

	ret = devm_request_irq(&pdev->dev, gc->irq, foo_gpio_irq, 0,
			       "foo-gpio", gc);
	if (ret)
		return ret;

	/* line 0 drives the status LED */
	foo_gpio_set_direction(gc, 0, true);
	return 0;
}

static struct platform_driver foo_gpio_driver = {
	.probe = foo_gpio_probe,
	.driver = {
		.name = "foo-gpio",
	},
};
module_platform_driver(foo_gpio_driver);

MODULE_DESCRIPTION("foo GPIO (scoped_guard irqsave)");
MODULE_LICENSE("GPL");
