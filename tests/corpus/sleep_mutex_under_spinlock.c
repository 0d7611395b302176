// SPDX-License-Identifier: GPL-2.0
/*
 * mutex_lock() inside a spin_lock() section.
 *
 * foo_fw_update_begin() holds fw->state_lock (a spinlock, never taken in
 * interrupt context) while it takes fw->io_mutex to talk to the firmware:
 * mutex_lock() may sleep, which is not allowed with a spinlock held.  The
 * sysfs store calls it in task context.  The mutex_lock() in
 * foo_fw_read_version(), with no spinlock held, is fine.
 *
 * Expected: LC004 at the mutex_lock() in foo_fw_update_begin() only.
 */
#include <linux/device.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define FOO_FW_CMD		0x00
#define FOO_FW_VERSION		0x04
#define FOO_FW_CMD_UPDATE	0x2

struct foo_fw {
	void __iomem *regs;
	spinlock_t state_lock;		/* protects updating */
	struct mutex io_mutex;		/* serialises firmware commands */
	bool updating;
	u32 version;
};

static u32 foo_fw_read_version(struct foo_fw *fw)
{
	u32 version;

	mutex_lock(&fw->io_mutex);
	version = readl(fw->regs + FOO_FW_VERSION);
	mutex_unlock(&fw->io_mutex);
	return version;
}

static int foo_fw_update_begin(struct foo_fw *fw)
{
	int ret = 0;

	spin_lock(&fw->state_lock);
	if (fw->updating) {
		ret = -EBUSY;
	} else {
		fw->updating = true;
		mutex_lock(&fw->io_mutex); /* expect: LC004 */
		writel(FOO_FW_CMD_UPDATE, fw->regs + FOO_FW_CMD);
		mutex_unlock(&fw->io_mutex);
	}
	spin_unlock(&fw->state_lock);
	return ret;
}

static ssize_t update_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	struct foo_fw *fw = dev_get_drvdata(dev);
	int ret;

	ret = foo_fw_update_begin(fw);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(update);

static int foo_fw_probe(struct platform_device *pdev)
{
	struct foo_fw *fw;

	fw = devm_kzalloc(&pdev->dev, sizeof(*fw), GFP_KERNEL);
	if (!fw)
		return -ENOMEM;

	fw->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(fw->regs))
		return PTR_ERR(fw->regs);

	spin_lock_init(&fw->state_lock);
	mutex_init(&fw->io_mutex);
	platform_set_drvdata(pdev, fw);

	fw->version = foo_fw_read_version(fw);
	return device_create_file(&pdev->dev, &dev_attr_update);
}

static void foo_fw_remove(struct platform_device *pdev)
{
	device_remove_file(&pdev->dev, &dev_attr_update);
}

static struct platform_driver foo_fw_driver = {
	.probe = foo_fw_probe,
	.remove = foo_fw_remove,
	.driver = {
		.name = "foo-fw",
	},
};
module_platform_driver(foo_fw_driver);

MODULE_DESCRIPTION("foo firmware loader (mutex under a spinlock)");
MODULE_LICENSE("GPL");
