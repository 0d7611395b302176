// SPDX-License-Identifier: GPL-2.0
/*
 * spin_lock_irq() reached under another lock's spin_lock_irqsave().
 *
 * foo_codec_set_rate() holds codec->lock with spin_lock_irqsave() and calls
 * foo_codec_apply(), which calls foo_codec_flush_stats(), which takes
 * stats_lock with spin_lock_irq().  Its spin_unlock_irq() turns interrupts
 * back on while codec->lock (which the interrupt handler takes) is still
 * held.  foo_codec_flush_stats() is also called directly from the sysfs show
 * with interrupts enabled, which alone would be fine.
 *
 * Expected: LC003 at the spin_lock_irq() in foo_codec_flush_stats().  Every
 * task-context acquisition of codec->lock and stats_lock disables hardirqs,
 * so there is no LC001.
 */
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/sysfs.h>

#define FOO_CODEC_RATE		0x00
#define FOO_CODEC_XRUN		0x04
#define FOO_CODEC_ISR		0x08

struct foo_codec {
	void __iomem *regs;
	spinlock_t lock;		/* protects rate, hw access */
	spinlock_t stats_lock;		/* protects xruns */
	unsigned int rate;
	unsigned long xruns;
	int irq;
};

static void foo_codec_flush_stats(struct foo_codec *codec)
{
	spin_lock_irq(&codec->stats_lock); /* expect: LC003 */
	codec->xruns += readl(codec->regs + FOO_CODEC_XRUN);
	writel(0, codec->regs + FOO_CODEC_XRUN);
	spin_unlock_irq(&codec->stats_lock);
}

static void foo_codec_apply(struct foo_codec *codec, unsigned int rate)
{
	foo_codec_flush_stats(codec);
	writel(rate, codec->regs + FOO_CODEC_RATE);
	codec->rate = rate;
}

static void foo_codec_set_rate(struct foo_codec *codec, unsigned int rate)
{
	unsigned long flags;

	spin_lock_irqsave(&codec->lock, flags);
	if (codec->rate != rate)
		foo_codec_apply(codec, rate);
	spin_unlock_irqrestore(&codec->lock, flags);
}

static irqreturn_t foo_codec_irq(int irq, void *data)
{
	struct foo_codec *codec = data;
	u32 isr;

	spin_lock(&codec->lock);
	isr = readl(codec->regs + FOO_CODEC_ISR);
	writel(isr, codec->regs + FOO_CODEC_ISR);
	spin_unlock(&codec->lock);
	return isr ? IRQ_HANDLED : IRQ_NONE;
}

static ssize_t xruns_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct foo_codec *codec = dev_get_drvdata(dev);

	foo_codec_flush_stats(codec);
	return sysfs_emit(buf, "%lu\n", codec->xruns);
}
static DEVICE_ATTR_RO(xruns);

static int foo_codec_probe(struct platform_device *pdev)
{
	struct foo_codec *codec;
	int ret;

	codec = devm_kzalloc(&pdev->dev, sizeof(*codec), GFP_KERNEL);
	if (!codec)
		return -ENOMEM;

	codec->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(codec->regs))
		return PTR_ERR(codec->regs);

	spin_lock_init(&codec->lock);
	spin_lock_init(&codec->stats_lock);
	platform_set_drvdata(pdev, codec);

	codec->irq = platform_get_irq(pdev, 0);
	if (codec->irq < 0)
		return codec->irq;

	ret = devm_request_irq(&pdev->dev, codec->irq, foo_codec_irq, 0,
			       "foo-codec", codec);
	if (ret)
		return ret;

	foo_codec_set_rate(codec, 48000);
	return device_create_file(&pdev->dev, &dev_attr_xruns);
}

static void foo_codec_remove(struct platform_device *pdev)
{
	device_remove_file(&pdev->dev, &dev_attr_xruns);
}

static struct platform_driver foo_codec_driver = {
	.probe = foo_codec_probe,
	.remove = foo_codec_remove,
	.driver = {
		.name = "foo-codec",
	},
};
module_platform_driver(foo_codec_driver);

MODULE_DESCRIPTION("foo codec (spin_lock_irq under irqsave)");
MODULE_LICENSE("GPL");
