// SPDX-License-Identifier: GPL-2.0
/*
 * Bare local_irq_disable()/local_irq_enable() pair in a helper that is
 * called with interrupts already disabled.
 *
 * foo_pll_relock() disables interrupts around a timing-critical register
 * sequence and then unconditionally re-enables them.  The probe calls it
 * with interrupts enabled (fine: the pair is balanced).  foo_pll_set_rate()
 * calls it while holding pll->lock with spin_lock_irqsave(): the
 * local_irq_enable() turns interrupts on while pll->lock, which the
 * interrupt handler takes, is held.  foo_pll_calibrate() has the same
 * balanced pair but is only called from the probe with interrupts enabled:
 * nothing there.
 *
 * Expected: LC003 at the local_irq_enable() in foo_pll_relock() only.
 */
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define FOO_PLL_CTRL		0x00
#define FOO_PLL_MULT		0x04
#define FOO_PLL_ISR		0x08
#define FOO_PLL_CAL		0x0c
#define FOO_PLL_CTRL_RELOCK	0x1

struct foo_pll {
	void __iomem *regs;
	spinlock_t lock;		/* protects mult, unlock_events */
	u32 mult;
	unsigned long unlock_events;
	int irq;
};

static void foo_pll_relock(struct foo_pll *pll)
{
	local_irq_disable();
	writel(FOO_PLL_CTRL_RELOCK, pll->regs + FOO_PLL_CTRL);
	udelay(2);
	writel(0, pll->regs + FOO_PLL_CTRL);
	local_irq_enable(); /* expect: LC003 */
}

static void foo_pll_set_rate(struct foo_pll *pll, u32 mult)
{
	unsigned long flags;

	spin_lock_irqsave(&pll->lock, flags);
	writel(mult, pll->regs + FOO_PLL_MULT);
	pll->mult = mult;
	foo_pll_relock(pll);
	spin_unlock_irqrestore(&pll->lock, flags);
}

static void foo_pll_calibrate(struct foo_pll *pll)
{
	local_irq_disable();
	writel(1, pll->regs + FOO_PLL_CAL);
	udelay(5);
	writel(0, pll->regs + FOO_PLL_CAL);
	local_irq_enable();
}

static irqreturn_t foo_pll_irq(int irq, void *data)
{
	struct foo_pll *pll = data;

	if (!readl(pll->regs + FOO_PLL_ISR))
		return IRQ_NONE;

	spin_lock(&pll->lock);
	writel(1, pll->regs + FOO_PLL_ISR);
	pll->unlock_events++;
	spin_unlock(&pll->lock);
	return IRQ_HANDLED;
}

static int foo_pll_probe(struct platform_device *pdev)
{
	struct foo_pll *pll;
	int ret;

	pll = devm_kzalloc(&pdev->dev, sizeof(*pll), GFP_KERNEL);
	if (!pll)
		return -ENOMEM;

	pll->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(pll->regs))
		return PTR_ERR(pll->regs);

	spin_lock_init(&pll->lock);
	foo_pll_calibrate(pll);
	foo_pll_relock(pll);

	pll->irq = platform_get_irq(pdev, 0);
	if (pll->irq < 0)
		return pll->irq;

	ret = devm_request_irq(&pdev->dev, pll->irq, foo_pll_irq, 0,
			       "foo-pll", pll);
	if (ret)
		return ret;

	foo_pll_set_rate(pll, 40);
	return 0;
}

static struct platform_driver foo_pll_driver = {
	.probe = foo_pll_probe,
	.driver = {
		.name = "foo-pll",
	},
};
module_platform_driver(foo_pll_driver);

MODULE_DESCRIPTION("foo PLL (local_irq_enable with interrupts off)");
MODULE_LICENSE("GPL");
