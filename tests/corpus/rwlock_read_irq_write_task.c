// SPDX-License-Identifier: GPL-2.0
/*
 * rwlock: read_lock() in the interrupt handler, write_lock() in task context.
 *
 * Same driver as rwlock_read_irq_read_task.c, but the map writer takes
 * sw->map_lock with a plain write_lock() in task context with hardirqs
 * enabled.  If the doorbell interrupt fires on the CPU holding the write
 * lock, the handler's read_lock() spins forever.  The plain read_lock() in
 * the sysfs show is still fine: a hardirq reader does not conflict with a
 * task reader.
 *
 * Expected: LC001 at the write_lock() in foo_sw_set_map() only.
 */#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/sysfs.h>

#define FOO_SW_NR_QUEUES	8
#define FOO_SW_DOORBELL		0x00

struct foo_sw {
	void __iomem *regs;
	rwlock_t map_lock;		/* protects map */
	u8 map[FOO_SW_NR_QUEUES];
	unsigned long kicks[FOO_SW_NR_QUEUES];
	int irq;
};

static irqreturn_t foo_sw_irq(int irq, void *data)
{
	struct foo_sw *sw = data;
	u32 db = readl(sw->regs + FOO_SW_DOORBELL);
	u8 q;

	if (db >= FOO_SW_NR_QUEUES)
		return IRQ_NONE;

	read_lock(&sw->map_lock);
	q = sw->map[db];
	read_unlock(&sw->map_lock);

	sw->kicks[q]++;
	return IRQ_HANDLED;
}

static ssize_t map_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	struct foo_sw *sw = dev_get_drvdata(dev);
	int i, len = 0;

	read_lock(&sw->map_lock);
	for (i = 0; i < FOO_SW_NR_QUEUES; i++)
		len += sysfs_emit_at(buf, len, "%u ", sw->map[i]);
	read_unlock(&sw->map_lock);

	return len + sysfs_emit_at(buf, len, "\n");
}
static DEVICE_ATTR_RO(map);

static void foo_sw_set_map(struct foo_sw *sw, unsigned int db, u8 q)
{
	write_lock(&sw->map_lock); /* expect: LC001 */
	sw->map[db] = q;
	write_unlock(&sw->map_lock);
}

static int foo_sw_probe(struct platform_device *pdev)
{
	struct foo_sw *sw;
	unsigned int i;
	int ret;

	sw = devm_kzalloc(&pdev->dev, sizeof(*sw), GFP_KERNEL);
	if (!sw)
		return -ENOMEM;

	sw->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(sw->regs))
		return PTR_ERR(sw->regs);

	rwlock_init(&sw->map_lock);
	platform_set_drvdata(pdev, sw);

	sw->irq = platform_get_irq(pdev, 0);
	if (sw->irq < 0)
		return sw->irq;

	ret = devm_request_irq(&pdev->dev, sw->irq, foo_sw_irq, 0,
			       "foo-sw", sw);
	if (ret)
		return ret;

	for (i = 0; i < FOO_SW_NR_QUEUES; i++)
		foo_sw_set_map(sw, i, i);

	return device_create_file(&pdev->dev, &dev_attr_map);
}

static void foo_sw_remove(struct platform_device *pdev)
{
	device_remove_file(&pdev->dev, &dev_attr_map);
}

static struct platform_driver foo_sw_driver = {
	.probe = foo_sw_probe,
	.remove = foo_sw_remove,
	.driver = {
		.name = "foo-switch",
	},
};
module_platform_driver(foo_sw_driver);

MODULE_DESCRIPTION("foo switch (read_lock in IRQ, write_lock in task)");
MODULE_LICENSE("GPL");
