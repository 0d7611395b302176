// SPDX-License-Identifier: GPL-2.0
/*
 * guard(spinlock_irq) in a function called with interrupts disabled.
 *
 * On resume the driver restores its clock dividers with interrupts disabled
 * (guard(irqsave)() in foo_clk_restore_all()) and calls foo_clk_set_div()
 * for each output.  foo_clk_set_div() takes clk->lock with
 * guard(spinlock_irq); at the end of its scope the guard calls
 * spin_unlock_irq() and re-enables interrupts inside the caller's
 * interrupts-off section.
 *
 * Expected: LC003 at the guard(spinlock_irq) line.  clk->lock is never taken
 * in interrupt context, so no LC001/LC002.
 */
#include <linux/cleanup.h>
#include <linux/io.h>
#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define FOO_CLK_NR_OUTPUTS	4
#define FOO_CLK_DIV(n)		(0x10 + 4 * (n))

struct foo_clk {
	void __iomem *regs;
	spinlock_t lock;		/* serialises divider updates */
	u32 div[FOO_CLK_NR_OUTPUTS];
};

static void foo_clk_set_div(struct foo_clk *clk, unsigned int out, u32 div)
{
	guard(spinlock_irq)(&clk->lock); /* expect: LC003 */
	writel(div, clk->regs + FOO_CLK_DIV(out));
}

static void foo_clk_restore_all(struct foo_clk *clk)
{
	unsigned int i;

	/* the dividers must change atomically with respect to each other */
	guard(irqsave)();
	for (i = 0; i < FOO_CLK_NR_OUTPUTS; i++)
		foo_clk_set_div(clk, i, clk->div[i]);
}

static int foo_clk_resume(struct device *dev)
{
	struct foo_clk *clk = dev_get_drvdata(dev);

	foo_clk_restore_all(clk);
	return 0;
}

static DEFINE_SIMPLE_DEV_PM_OPS(foo_clk_pm_ops, NULL, foo_clk_resume);

static int foo_clk_probe(struct platform_device *pdev)
{
	struct foo_clk *clk;
	unsigned int i;

	clk = devm_kzalloc(&pdev->dev, sizeof(*clk), GFP_KERNEL);
	if (!clk)
		return -ENOMEM;

	clk->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(clk->regs))
		return PTR_ERR(clk->regs);

	spin_lock_init(&clk->lock);
	for (i = 0; i < FOO_CLK_NR_OUTPUTS; i++)
		clk->div[i] = readl(clk->regs + FOO_CLK_DIV(i));
	platform_set_drvdata(pdev, clk);
	return 0;
}

static struct platform_driver foo_clk_driver = {
	.probe = foo_clk_probe,
	.driver = {
		.name = "foo-clk",
		.pm = pm_sleep_ptr(&foo_clk_pm_ops),
	},
};
module_platform_driver(foo_clk_driver);

MODULE_DESCRIPTION("foo clock divider (guard(spinlock_irq) with irqs off)");
MODULE_LICENSE("GPL");
