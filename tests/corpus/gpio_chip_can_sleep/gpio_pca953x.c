// SPDX-License-Identifier: GPL-2.0
/*
 * An I2C expander (reduced from drivers/gpio/gpio-pca953x.c): its callbacks take the chip's
 * mutex around regmap I2C transfers, and pca953x_setup_gpio() stores them through a pointer
 * to the chip, then sets `gc->can_sleep = true` after them.
 *
 * Expected: nothing in this file.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>

#include "gpiolib.h"

struct pca953x_chip {
	unsigned gpio_start;
	struct mutex i2c_lock;
	u8 output;
	struct gpio_chip gpio_chip;
};

static int pca953x_gpio_direction_output(struct gpio_chip *gc, unsigned off, int val)
{
	struct pca953x_chip *chip = container_of(gc, struct pca953x_chip, gpio_chip);

	mutex_lock(&chip->i2c_lock);
	if (val)
		chip->output |= 1u << off;
	mutex_unlock(&chip->i2c_lock);
	return 0;
}

static int pca953x_gpio_get_value(struct gpio_chip *gc, unsigned off)
{
	struct pca953x_chip *chip = container_of(gc, struct pca953x_chip, gpio_chip);
	int ret;

	mutex_lock(&chip->i2c_lock);
	ret = !!(chip->output & (1u << off));
	mutex_unlock(&chip->i2c_lock);
	return ret;
}

static void pca953x_gpio_set_value(struct gpio_chip *gc, unsigned off, int val)
{
	struct pca953x_chip *chip = container_of(gc, struct pca953x_chip, gpio_chip);

	mutex_lock(&chip->i2c_lock);
	if (val)
		chip->output |= 1u << off;
	else
		chip->output &= ~(1u << off);
	mutex_unlock(&chip->i2c_lock);
}

static void pca953x_setup_gpio(struct pca953x_chip *chip, int gpios)
{
	struct gpio_chip *gc = &chip->gpio_chip;

	gc->direction_output = pca953x_gpio_direction_output;
	gc->get = pca953x_gpio_get_value;
	gc->set = pca953x_gpio_set_value;
	gc->can_sleep = true;

	gc->base = chip->gpio_start;
	gc->ngpio = gpios;
	gc->label = "pca953x";
}

int pca953x_probe(struct pca953x_chip *chip)
{
	mutex_init(&chip->i2c_lock);
	pca953x_setup_gpio(chip, 16);
	return gpiolib_add_chip(&chip->gpio_chip);
}
