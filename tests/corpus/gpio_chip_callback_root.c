// SPDX-License-Identifier: GPL-2.0
/*
 * A gpio_chip whose get() and set() take a mutex around a firmware call but which never sets
 * can_sleep (reduced from drivers/gpio/gpio-imx-scu.c, Linux 6.12). gpiolib then lets any
 * consumer call them through gpiod_get_value()/gpiod_set_value() from a hard IRQ handler,
 * with no warning: rules.toml enters a chip's get/set in hardirq unless the chip sets
 * can_sleep, so the bug is found with no consumer in the run. LC004 at both mutex_lock()s
 * (fix: set gc->can_sleep = true). get_direction() takes no lock.
 */
#include <linux/errno.h>
#include <linux/gpio/driver.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>

struct scu_gpio_priv {
	struct gpio_chip chip;
	struct mutex lock;
	u32 levels;
};

/* the SCU firmware call: an IPC that waits for the firmware's reply */
static int imx_sc_misc_get_control(struct scu_gpio_priv *priv, unsigned int offset, int *level)
{
	*level = !!(priv->levels & (1u << offset));
	return 0;
}

static int imx_scu_gpio_get(struct gpio_chip *chip, unsigned int offset)
{
	struct scu_gpio_priv *priv = container_of(chip, struct scu_gpio_priv, chip);
	int level;
	int err;

	if (offset >= chip->ngpio)
		return -EINVAL;

	mutex_lock(&priv->lock); /* expect: LC004 */
	err = imx_sc_misc_get_control(priv, offset, &level);
	mutex_unlock(&priv->lock);
	return err ? err : level;
}

static void imx_scu_gpio_set(struct gpio_chip *chip, unsigned int offset, int value)
{
	struct scu_gpio_priv *priv = container_of(chip, struct scu_gpio_priv, chip);

	if (offset >= chip->ngpio)
		return;

	mutex_lock(&priv->lock); /* expect: LC004 */
	if (value)
		priv->levels |= 1u << offset;
	else
		priv->levels &= ~(1u << offset);
	mutex_unlock(&priv->lock);
}

static int imx_scu_gpio_get_direction(struct gpio_chip *chip, unsigned int offset)
{
	if (offset >= chip->ngpio)
		return -EINVAL;
	return 0;	/* GPIO_LINE_DIRECTION_OUT */
}

int imx_scu_gpio_probe(struct scu_gpio_priv *priv)
{
	struct gpio_chip *gc;

	mutex_init(&priv->lock);
	gc = &priv->chip;
	gc->base = -1;
	gc->ngpio = 8;
	gc->label = "imx-scu-gpio";
	gc->get = imx_scu_gpio_get;
	gc->set = imx_scu_gpio_set;
	gc->get_direction = imx_scu_gpio_get_direction;
	return 0;
}
