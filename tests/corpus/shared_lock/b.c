// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs side of the foo event counter; see a.c.
 *
 * reset_store() runs in task context with hardirqs enabled and takes
 * foo_event_lock, which a.c's interrupt handler takes in hardirq context.
 *
 * Expected: LC001 at the spin_lock() in reset_store().
 */
#include <linux/device.h>
#include <linux/spinlock.h>
#include <linux/sysfs.h>

#include "foo_event.h"

static ssize_t count_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	unsigned long flags, count;

	spin_lock_irqsave(&foo_event_lock, flags);
	count = foo_event_count;
	spin_unlock_irqrestore(&foo_event_lock, flags);

	return sysfs_emit(buf, "%lu\n", count);
}
static DEVICE_ATTR_RO(count);

static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t len)
{
	spin_lock(&foo_event_lock); /* expect: LC001 */
	foo_event_count = 0;
	spin_unlock(&foo_event_lock);
	return len;
}
static DEVICE_ATTR_WO(reset);

int foo_event_sysfs_init(struct device *dev)
{
	int ret;

	ret = device_create_file(dev, &dev_attr_count);
	if (ret)
		return ret;
	ret = device_create_file(dev, &dev_attr_reset);
	if (ret)
		device_remove_file(dev, &dev_attr_count);
	return ret;
}

void foo_event_sysfs_exit(struct device *dev)
{
	device_remove_file(dev, &dev_attr_reset);
	device_remove_file(dev, &dev_attr_count);
}
