// SPDX-License-Identifier: GPL-2.0
/*
 * Lock passed as a parameter to a helper.
 *
 * foo_counter_add(lock, counter, n) takes whatever lock it is given with a
 * plain spin_lock().  The sysfs store calls it twice in task context with
 * hardirqs enabled: once with &adc->cfg_lock (never taken in interrupt
 * context: fine) and once with &adc->irq_lock, which the interrupt handler
 * takes in hardirq context.  The helper's acquisition takes the identity of
 * each call site's argument, so only the irq_lock call is a problem.
 *
 * Expected: exactly one LC001, at the spin_lock() inside foo_counter_add()
 * (for struct foo_adc.irq_lock).
 */
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define FOO_ADC_ISR		0x00
#define FOO_ADC_GAIN		0x04

struct foo_adc {
	void __iomem *regs;
	spinlock_t irq_lock;		/* protects samples */
	spinlock_t cfg_lock;		/* protects gain */
	unsigned long samples;
	unsigned long gain;
	int irq;
};

static void foo_counter_add(spinlock_t *lock, unsigned long *counter,
			    unsigned long n)
{
	spin_lock(lock); /* expect: LC001 */
	*counter += n;
	spin_unlock(lock);
}

static irqreturn_t foo_adc_irq(int irq, void *data)
{
	struct foo_adc *adc = data;
	u32 isr = readl(adc->regs + FOO_ADC_ISR);

	if (!isr)
		return IRQ_NONE;
	writel(isr, adc->regs + FOO_ADC_ISR);

	spin_lock(&adc->irq_lock);
	adc->samples++;
	spin_unlock(&adc->irq_lock);
	return IRQ_HANDLED;
}

static ssize_t calibrate_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct foo_adc *adc = dev_get_drvdata(dev);

	foo_counter_add(&adc->cfg_lock, &adc->gain, 1);
	writel(adc->gain, adc->regs + FOO_ADC_GAIN);
	/* account for the calibration sample the hardware injects */
	foo_counter_add(&adc->irq_lock, &adc->samples, 1);
	return count;
}
static DEVICE_ATTR_WO(calibrate);

static int foo_adc_probe(struct platform_device *pdev)
{
	struct foo_adc *adc;
	int ret;

	adc = devm_kzalloc(&pdev->dev, sizeof(*adc), GFP_KERNEL);
	if (!adc)
		return -ENOMEM;

	adc->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(adc->regs))
		return PTR_ERR(adc->regs);

	spin_lock_init(&adc->irq_lock);
	spin_lock_init(&adc->cfg_lock);
	platform_set_drvdata(pdev, adc);

	adc->irq = platform_get_irq(pdev, 0);
	if (adc->irq < 0)
		return adc->irq;

	ret = devm_request_irq(&pdev->dev, adc->irq, foo_adc_irq, 0,
			       "foo-adc", adc);
	if (ret)
		return ret;

	return device_create_file(&pdev->dev, &dev_attr_calibrate);
}

static void foo_adc_remove(struct platform_device *pdev)
{
	device_remove_file(&pdev->dev, &dev_attr_calibrate);
}

static struct platform_driver foo_adc_driver = {
	.probe = foo_adc_probe,
	.remove = foo_adc_remove,
	.driver = {
		.name = "foo-adc",
	},
};
module_platform_driver(foo_adc_driver);

MODULE_DESCRIPTION("foo ADC (lock passed as a parameter)");
MODULE_LICENSE("GPL");
