// SPDX-License-Identifier: GPL-2.0
/*
 * Threaded IRQ without a primary handler.
 *
 * The sensor's interrupt is requested with request_threaded_irq(irq, NULL,
 * thread_fn, IRQF_ONESHOT, ...): only the default primary handler runs in
 * hardirq context, and foo_sensor_irq_thread() runs in a kernel thread (task
 * context, hardirqs enabled).  Both the thread and the sysfs show take
 * sensor->lock with a plain spin_lock(); no hardirq context ever takes it.
 * The thread may also sleep (usleep_range()).
 *
 * Expected: no finding.
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

struct foo_sensor {
	void __iomem *regs;
	spinlock_t lock;		/* protects last_sample */
	u32 last_sample;
	int irq;
};

static irqreturn_t foo_sensor_irq_thread(int irq, void *data)
{
	struct foo_sensor *sensor = data;
	u32 sample;

	/* the conversion result is valid 100us after the interrupt */
	usleep_range(100, 200);
	sample = readl(sensor->regs + FOO_SENSOR_DATA);

	spin_lock(&sensor->lock);
	sensor->last_sample = sample;
	spin_unlock(&sensor->lock);

	writel(1, sensor->regs + FOO_SENSOR_ACK);
	return IRQ_HANDLED;
}

static ssize_t sample_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct foo_sensor *sensor = dev_get_drvdata(dev);
	u32 sample;

	spin_lock(&sensor->lock);
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

	ret = request_threaded_irq(sensor->irq, NULL, foo_sensor_irq_thread,
				   IRQF_ONESHOT, "foo-sensor", sensor);
	if (ret)
		return ret;

	ret = device_create_file(&pdev->dev, &dev_attr_sample);
	if (ret)
		free_irq(sensor->irq, sensor);
	return ret;
}

static void foo_sensor_remove(struct platform_device *pdev)
{
	struct foo_sensor *sensor = platform_get_drvdata(pdev);

	device_remove_file(&pdev->dev, &dev_attr_sample);
	free_irq(sensor->irq, sensor);
}

static struct platform_driver foo_sensor_driver = {
	.probe = foo_sensor_probe,
	.remove = foo_sensor_remove,
	.driver = {
		.name = "foo-sensor",
	},
};
module_platform_driver(foo_sensor_driver);

MODULE_DESCRIPTION("foo sensor (threaded IRQ only)");
MODULE_LICENSE("GPL");
