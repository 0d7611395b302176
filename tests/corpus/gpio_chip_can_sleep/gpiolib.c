// SPDX-License-Identifier: GPL-2.0
/*
 * The consumer API (reduced from drivers/gpio/gpiolib.c, Linux 6.12; see gpiolib.h for the
 * names): every call reaches the chip through the descriptor's gc, so each indirect call is
 * bound to every chip's callback. fgpiod_get_value() and fgpiod_set_value() may be called
 * from any context for a chip that does not set can_sleep, and WARN for one that does;
 * fgpiod_set_value_cansleep() is for task context.
 *
 * Expected: nothing in this file.
 */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/module.h>

#include "gpiolib.h"

static int gpio_next_base;

int gpiolib_add_chip(struct gpio_chip *gc)
{
	gc->base = gpio_next_base;
	gpio_next_base += gc->ngpio;
	return 0;
}

int fgpiod_get_value(const struct fgpio_desc *desc)
{
	struct gpio_chip *gc = desc->gc;

	/* Should be using gpiod_get_value_cansleep() */
	WARN_ON(gc->can_sleep);
	return gc->get(gc, desc->offset);
}

int fgpiod_set_value(struct fgpio_desc *desc, int value)
{
	struct gpio_chip *gc = desc->gc;

	/* Should be using gpiod_set_value_cansleep() */
	WARN_ON(gc->can_sleep);
	gc->set(gc, desc->offset, value);
	return 0;
}

int fgpiod_set_value_cansleep(struct fgpio_desc *desc, int value)
{
	struct gpio_chip *gc = desc->gc;

	might_sleep();
	gc->set(gc, desc->offset, value);
	return 0;
}

int fgpiod_direction_output(struct fgpio_desc *desc, int value)
{
	struct gpio_chip *gc = desc->gc;

	if (!gc->direction_output)
		return -EIO;
	return gc->direction_output(gc, desc->offset, value);
}
