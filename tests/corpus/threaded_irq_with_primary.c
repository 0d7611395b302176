// SPDX-License-Identifier: GPL-2.0
/*
 * Threaded IRQ whose primary handler takes the lock too.
 *
 * devm_request_threaded_irq() with both handlers: foo_sensor_irq_primary()
 * runs in hardirq context and latches the status under sensor->lock, then
 * wakes foo_sensor_irq_thread(), which runs in task context with hardirqs
 * enabled.  The thread and the sysfs show both take sensor->lock with a plain
 * spin_lock(); the primary handler of the next interrupt (or of another
 * device on a shared line) can fire on the CPU holding it.
 *
 * Expected: LC001 at both plain spin_lock() calls that run with hardirqs
 * enabled - the one in the thread function and the one in sample_show().
 * The primary handler's own acquisition is the hardirq side: no finding.
 */
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/sysfs.h>

#define FOO_SENSOR_DATA		0x00
#define FOO_SENSOR_ACK		0x04
#define FOO_SENSOR_STATUS	0x08

struct foo_sensor {
	void __iomem *regs;
	spinlock_t lock;		/* protects status, last_sample */
	u32 status;
	u32 last_sample;
	int irq;
};

static irqreturn_t foo_sensor_irq_primary(int irq, void *data)
{
	struct foo_sensor *sensor = data;
	u32 status = readl(sensor->regs + FOO_SENSOR_STATUS);

	if (!status)
		return IRQ_NONE;

	spin_lock(&sensor->lock);
	sensor->status |= status;
	spin_unlock(&sensor->lock);
	return IRQ_WAKE_THREAD;
}

static irqreturn_t foo_sensor_irq_thread(int irq, void *data)
{
	struct foo_sensor *sensor = data;
	u32 sample;

	/* the conversion result is valid 100us after the interrupt */
	usleep_range(100, 200);
	sample = readl(sensor->regs + FOO_SENSOR_DATA);

	spin_lock(&sensor->lock); /* expect: LC001 */
	sensor->last_sample = sample;
	sensor->status = 0;
	spin_unlock(&sensor->lock);

	writel(1, sensor->regs + FOO_SENSOR_ACK);
	return IRQ_HANDLED;
}

static ssize_t sample_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct foo_sensor *sensor = dev_get_drvdata(dev);
	u32 sample;

	spin_lock(&sensor->lock); /* expect: LC001 */
	sample = sensor->last_sample;
	spin_unlock(&sensor->lock);

	return sysfs_emit(buf, "%u\n", sample);
}
static DEVICE_ATTR_RO(sample);

static int foo_sensor_probe(struct platform_device *pdev)
{
	struct foo_sensor *sensor;
	int ret;

	sensor = devm_kzalloc(&pdev->dev, sizeof(*sensor), GFP_KERNEL);
	if (!sensor)
		return -ENOMEM;

	sensor->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(sensor->regs))
		return PTR_ERR(sensor->regs);

	spin_lock_init(&sensor->lock);
	platform_set_drvdata(pdev, sensor);

	sensor->irq = platform_get_irq(pdev, 0);
	if (sensor->irq < 0)
		return sensor->irq;

	ret = devm_request_threaded_irq(&pdev->dev, sensor->irq,
					foo_sensor_irq_primary,
					foo_sensor_irq_thread, IRQF_ONESHOT,
					"foo-sensor", sensor);
	if (ret)
		return ret;

	return device_create_file(&pdev->dev, &dev_attr_sample);
}

static void foo_sensor_remove(struct platform_device *pdev)
{
	device_remove_file(&pdev->dev, &dev_attr_sample);
}

static struct platform_driver foo_sensor_driver = {
	.probe = foo_sensor_probe,
	.remove = foo_sensor_remove,
	.driver = {
		.name = "foo-sensor",
	},
};
module_platform_driver(foo_sensor_driver);

MODULE_DESCRIPTION("foo sensor (threaded IRQ with primary handler)");
MODULE_LICENSE("GPL");
