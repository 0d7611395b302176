// SPDX-License-Identifier: GPL-2.0
/*
 * An I2C output expander (reduced from drivers/gpio/gpio-tpic2810.c): set() takes a mutex
 * around an I2C transfer, so the chip template says `.can_sleep = true` beside the
 * callbacks. gpiolib reaches it only through the _cansleep API, from task context, and its
 * callbacks are neither gpio_chip entry points in hardirq nor reached from the consumer's
 * irq_work (gpio_virtuser.c).
 *
 * Expected: nothing in this file.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>

#include "gpiolib.h"

struct tpic2810 {
	struct gpio_chip chip;
	u8 buffer;
	struct mutex lock;
};

static void tpic2810_set(struct gpio_chip *chip, unsigned offset, int value);

static int tpic2810_direction_output(struct gpio_chip *chip, unsigned offset, int value)
{
	/* This device always output */
	tpic2810_set(chip, offset, value);
	return 0;
}

static void tpic2810_set_mask_bits(struct gpio_chip *chip, u8 mask, u8 bits)
{
	struct tpic2810 *gpio = container_of(chip, struct tpic2810, chip);
	u8 buffer;

	mutex_lock(&gpio->lock);
	buffer = gpio->buffer & ~mask;
	buffer |= (mask & bits);
	gpio->buffer = buffer;
	mutex_unlock(&gpio->lock);
}

static void tpic2810_set(struct gpio_chip *chip, unsigned offset, int value)
{
	tpic2810_set_mask_bits(chip, 1u << offset, value ? 1u << offset : 0);
}

static const struct gpio_chip template_chip = {
	.label			= "tpic2810",
	.direction_output	= tpic2810_direction_output,
	.set			= tpic2810_set,
	.base			= -1,
	.ngpio			= 8,
	.can_sleep		= true,
};

int tpic2810_probe(struct tpic2810 *gpio)
{
	gpio->chip = template_chip;
	mutex_init(&gpio->lock);
	return gpiolib_add_chip(&gpio->chip);
}
