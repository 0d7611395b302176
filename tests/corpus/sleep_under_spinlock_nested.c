// SPDX-License-Identifier: GPL-2.0
/*
 * Sleeping two calls below a spin_lock() section.
 *
 * foo_phy_set_mode() holds phy->lock (plain spin_lock(), task context; the
 * lock is never taken in interrupt context) and calls foo_phy_reconfigure(),
 * which calls foo_phy_reset(), which waits for the PHY with msleep(10) -
 * sleeping with a spinlock held.  The GFP_ATOMIC allocation in
 * foo_phy_reconfigure() does not sleep.
 *
 * Expected: LC004 at the msleep() in foo_phy_reset() only.
 */
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define FOO_PHY_CTRL		0x00
#define FOO_PHY_MODE		0x04
#define FOO_PHY_CTRL_RESET	0x8000

struct foo_phy_cfg {
	u32 mode;
	u32 speed;
};

struct foo_phy {
	void __iomem *regs;
	spinlock_t lock;		/* protects cfg, mode */
	struct foo_phy_cfg *cfg;
	u32 mode;
};

static void foo_phy_reset(struct foo_phy *phy)
{
	writel(FOO_PHY_CTRL_RESET, phy->regs + FOO_PHY_CTRL);
	/* the PHY needs 10ms to come out of reset */
	msleep(10); /* expect: LC004 */
	writel(0, phy->regs + FOO_PHY_CTRL);
}

static int foo_phy_reconfigure(struct foo_phy *phy, u32 mode)
{
	struct foo_phy_cfg *cfg;

	cfg = kzalloc(sizeof(*cfg), GFP_ATOMIC);
	if (!cfg)
		return -ENOMEM;
	cfg->mode = mode;
	kfree(phy->cfg);
	phy->cfg = cfg;

	writel(mode, phy->regs + FOO_PHY_MODE);
	foo_phy_reset(phy);
	return 0;
}

static int foo_phy_set_mode(struct foo_phy *phy, u32 mode)
{
	int ret = 0;

	spin_lock(&phy->lock);
	if (phy->mode != mode) {
		ret = foo_phy_reconfigure(phy, mode);
		if (!ret)
			phy->mode = mode;
	}
	spin_unlock(&phy->lock);
	return ret;
}

static int foo_phy_probe(struct platform_device *pdev)
{
	struct foo_phy *phy;

	phy = devm_kzalloc(&pdev->dev, sizeof(*phy), GFP_KERNEL);
	if (!phy)
		return -ENOMEM;

	phy->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(phy->regs))
		return PTR_ERR(phy->regs);

	spin_lock_init(&phy->lock);
	platform_set_drvdata(pdev, phy);
	return foo_phy_set_mode(phy, 1);
}

static void foo_phy_remove(struct platform_device *pdev)
{
	struct foo_phy *phy = platform_get_drvdata(pdev);

	kfree(phy->cfg);
}

static struct platform_driver foo_phy_driver = {
	.probe = foo_phy_probe,
	.remove = foo_phy_remove,
	.driver = {
		.name = "foo-phy",
	},
};
module_platform_driver(foo_phy_driver);

MODULE_DESCRIPTION("foo PHY (msleep under a spinlock, two calls down)");
MODULE_LICENSE("GPL");
