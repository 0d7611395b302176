// SPDX-License-Identifier: GPL-2.0
/*
 * Error paths with goto that drop the lock before sleeping.
 *
 * foo_xfer_start() claims the engine under xfer->lock (irqsave: the
 * interrupt handler takes it too).  Each error path jumps to a label that
 * unlocks first; the sleeping calls (kzalloc(GFP_KERNEL),
 * wait_for_completion_timeout(), cancel_work_sync(), mutex_lock()) all run
 * after the lock has been released on every path that reaches them.
 *
 * Expected: no finding.
 */
#include <linux/completion.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#define FOO_XFER_LEN		0x00
#define FOO_XFER_GO		0x04
#define FOO_XFER_STATUS		0x08
#define FOO_XFER_MAX_LEN	4096

struct foo_xfer {
	void __iomem *regs;
	struct mutex io_mutex;		/* one transfer at a time */
	spinlock_t lock;		/* protects busy */
	struct completion done;
	struct work_struct retry_work;
	bool busy;
	int irq;
};

static int foo_xfer_start(struct foo_xfer *xfer, size_t len)
{
	unsigned long flags;
	void *buf;
	int ret = 0;

	mutex_lock(&xfer->io_mutex);

	spin_lock_irqsave(&xfer->lock, flags);
	if (xfer->busy) {
		ret = -EBUSY;
		goto out_unlock;
	}
	if (len > FOO_XFER_MAX_LEN) {
		ret = -EINVAL;
		goto out_unlock;
	}
	xfer->busy = true;
	reinit_completion(&xfer->done);
	spin_unlock_irqrestore(&xfer->lock, flags);

	buf = kzalloc(len, GFP_KERNEL);
	if (!buf) {
		ret = -ENOMEM;
		goto out_idle;
	}

	writel(len, xfer->regs + FOO_XFER_LEN);
	writel(1, xfer->regs + FOO_XFER_GO);
	if (!wait_for_completion_timeout(&xfer->done, HZ))
		ret = -ETIMEDOUT;
	kfree(buf);

out_idle:
	spin_lock_irqsave(&xfer->lock, flags);
	xfer->busy = false;
out_unlock:
	spin_unlock_irqrestore(&xfer->lock, flags);
	if (ret)
		cancel_work_sync(&xfer->retry_work);
	mutex_unlock(&xfer->io_mutex);
	return ret;
}

static void foo_xfer_retry_work(struct work_struct *work)
{
	struct foo_xfer *xfer = container_of(work, struct foo_xfer, retry_work);

	writel(1, xfer->regs + FOO_XFER_GO);
}

static irqreturn_t foo_xfer_irq(int irq, void *data)
{
	struct foo_xfer *xfer = data;
	u32 status = readl(xfer->regs + FOO_XFER_STATUS);

	if (!status)
		return IRQ_NONE;
	writel(status, xfer->regs + FOO_XFER_STATUS);

	spin_lock(&xfer->lock);
	if (xfer->busy)
		complete(&xfer->done);
	spin_unlock(&xfer->lock);
	return IRQ_HANDLED;
}

static int foo_xfer_probe(struct platform_device *pdev)
{
	struct foo_xfer *xfer;
	int ret;

	xfer = devm_kzalloc(&pdev->dev, sizeof(*xfer), GFP_KERNEL);
	if (!xfer)
		return -ENOMEM;

	xfer->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(xfer->regs))
		return PTR_ERR(xfer->regs);

	mutex_init(&xfer->io_mutex);
	spin_lock_init(&xfer->lock);
	init_completion(&xfer->done);
	INIT_WORK(&xfer->retry_work, foo_xfer_retry_work);

	xfer->irq = platform_get_irq(pdev, 0);
	if (xfer->irq < 0)
		return xfer->irq;

	ret = devm_request_irq(&pdev->dev, xfer->irq, foo_xfer_irq, 0,
			       "foo-xfer", xfer);
	if (ret)
		return ret;

	/* self-test: a short transfer must complete */
	return foo_xfer_start(xfer, 64);
}

static struct platform_driver foo_xfer_driver = {
	.probe = foo_xfer_probe,
	.driver = {
		.name = "foo-xfer",
	},
};
module_platform_driver(foo_xfer_driver);

MODULE_DESCRIPTION("foo transfer engine (goto error paths)");
MODULE_LICENSE("GPL");
