// SPDX-License-Identifier: GPL-2.0
/*
 * Tasklet (softirq) vs plain spin_lock() in task context.
 *
 * The interrupt handler only schedules a tasklet (tasklet_setup()), which
 * runs in softirq context and drains the RX FIFO into priv->rx_bytes under
 * priv->lock.  The sysfs "reset" store takes the same lock with a plain
 * spin_lock() in task context with softirqs and hardirqs enabled; the
 * tasklet can run on irq exit on that CPU and spin on the lock.
 *
 * Expected: LC002 at the spin_lock() in reset_store().  No hardirq context
 * takes priv->lock, so no LC001.
 */
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define FOO_SPI_ISR		0x00
#define FOO_SPI_RX_LEVEL	0x04
#define FOO_SPI_RX_DATA		0x08

struct foo_spi {
	void __iomem *regs;
	struct tasklet_struct rx_tasklet;
	spinlock_t lock;		/* protects rx_bytes, rx_last */
	unsigned long rx_bytes;
	u32 rx_last;
	int irq;
};

static void foo_spi_rx_tasklet(struct tasklet_struct *t)
{
	struct foo_spi *spi = from_tasklet(spi, t, rx_tasklet);
	u32 level = readl(spi->regs + FOO_SPI_RX_LEVEL);

	spin_lock(&spi->lock);
	while (level--) {
		spi->rx_last = readl(spi->regs + FOO_SPI_RX_DATA);
		spi->rx_bytes++;
	}
	spin_unlock(&spi->lock);
}

static irqreturn_t foo_spi_irq(int irq, void *data)
{
	struct foo_spi *spi = data;

	if (!readl(spi->regs + FOO_SPI_ISR))
		return IRQ_NONE;
	writel(1, spi->regs + FOO_SPI_ISR);
	tasklet_schedule(&spi->rx_tasklet);
	return IRQ_HANDLED;
}

static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	struct foo_spi *spi = dev_get_drvdata(dev);

	spin_lock(&spi->lock); /* expect: LC002 */
	spi->rx_bytes = 0;
	spi->rx_last = 0;
	spin_unlock(&spi->lock);
	return count;
}
static DEVICE_ATTR_WO(reset);

static int foo_spi_probe(struct platform_device *pdev)
{
	struct foo_spi *spi;
	int ret;

	spi = devm_kzalloc(&pdev->dev, sizeof(*spi), GFP_KERNEL);
	if (!spi)
		return -ENOMEM;

	spi->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(spi->regs))
		return PTR_ERR(spi->regs);

	spin_lock_init(&spi->lock);
	tasklet_setup(&spi->rx_tasklet, foo_spi_rx_tasklet);
	platform_set_drvdata(pdev, spi);

	spi->irq = platform_get_irq(pdev, 0);
	if (spi->irq < 0)
		return spi->irq;

	ret = devm_request_irq(&pdev->dev, spi->irq, foo_spi_irq, 0,
			       "foo-spi", spi);
	if (ret)
		return ret;

	return device_create_file(&pdev->dev, &dev_attr_reset);
}

static void foo_spi_remove(struct platform_device *pdev)
{
	struct foo_spi *spi = platform_get_drvdata(pdev);

	device_remove_file(&pdev->dev, &dev_attr_reset);
	tasklet_kill(&spi->rx_tasklet);
}

static struct platform_driver foo_spi_driver = {
	.probe = foo_spi_probe,
	.remove = foo_spi_remove,
	.driver = {
		.name = "foo-spi",
	},
};
module_platform_driver(foo_spi_driver);

MODULE_DESCRIPTION("foo SPI slave (tasklet vs plain spin_lock)");
MODULE_LICENSE("GPL");
