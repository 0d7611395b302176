// SPDX-License-Identifier: GPL-2.0
/*
 * hrtimer callback vs plain spin_lock() in task context.
 *
 * A software PWM: the period timer is set up the 6.12 way, hrtimer_init()
 * followed by pwm->timer.function = foo_pwm_timer_fn.  Without a _SOFT mode
 * the callback runs in hardirq context (on !PREEMPT_RT, which is what the
 * spinlock_t rules here are about) and takes pwm->lock.  The sysfs
 * "duty" store takes the same lock with a plain spin_lock() in task context
 * with hardirqs enabled: the timer interrupt can fire on the CPU holding it.
 *
 * Expected: LC001 at the spin_lock() in duty_store().
 */
#include <linux/device.h>
#include <linux/hrtimer.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define FOO_PWM_OUT	0x00

struct foo_pwm {
	void __iomem *regs;
	struct hrtimer timer;
	spinlock_t lock;		/* protects duty_ns, on */
	u64 period_ns;
	u64 duty_ns;
	bool on;
};

static enum hrtimer_restart foo_pwm_timer_fn(struct hrtimer *t)
{
	struct foo_pwm *pwm = container_of(t, struct foo_pwm, timer);
	u64 next;

	spin_lock(&pwm->lock);
	pwm->on = !pwm->on;
	writel(pwm->on, pwm->regs + FOO_PWM_OUT);
	next = pwm->on ? pwm->duty_ns : pwm->period_ns - pwm->duty_ns;
	spin_unlock(&pwm->lock);

	hrtimer_forward_now(t, ns_to_ktime(next));
	return HRTIMER_RESTART;
}

static ssize_t duty_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	struct foo_pwm *pwm = dev_get_drvdata(dev);
	u64 duty;
	int ret;

	ret = kstrtou64(buf, 0, &duty);
	if (ret)
		return ret;
	if (duty > pwm->period_ns)
		return -EINVAL;

	spin_lock(&pwm->lock); /* expect: LC001 */
	pwm->duty_ns = duty;
	spin_unlock(&pwm->lock);
	return count;
}
static DEVICE_ATTR_WO(duty);

static int foo_pwm_probe(struct platform_device *pdev)
{
	struct foo_pwm *pwm;

	pwm = devm_kzalloc(&pdev->dev, sizeof(*pwm), GFP_KERNEL);
	if (!pwm)
		return -ENOMEM;

	pwm->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(pwm->regs))
		return PTR_ERR(pwm->regs);

	spin_lock_init(&pwm->lock);
	pwm->period_ns = 1000000;
	pwm->duty_ns = 500000;
	platform_set_drvdata(pdev, pwm);

	hrtimer_init(&pwm->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	pwm->timer.function = foo_pwm_timer_fn;
	hrtimer_start(&pwm->timer, ns_to_ktime(pwm->duty_ns), HRTIMER_MODE_REL);

	return device_create_file(&pdev->dev, &dev_attr_duty);
}

static void foo_pwm_remove(struct platform_device *pdev)
{
	struct foo_pwm *pwm = platform_get_drvdata(pdev);

	device_remove_file(&pdev->dev, &dev_attr_duty);
	hrtimer_cancel(&pwm->timer);
}

static struct platform_driver foo_pwm_driver = {
	.probe = foo_pwm_probe,
	.remove = foo_pwm_remove,
	.driver = {
		.name = "foo-soft-pwm",
	},
};
module_platform_driver(foo_pwm_driver);

MODULE_DESCRIPTION("foo software PWM (hrtimer vs plain spin_lock)");
MODULE_LICENSE("GPL");
