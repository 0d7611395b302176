// SPDX-License-Identifier: GPL-2.0
/*
 * The GPIO core (reduced from gpiolib.c): consumers reach a chip's callbacks through the
 * descriptor's gc. It stores none of them itself, so for a consumer that does not own the
 * chip (fgpio_consumer.c) they stay bound to every chip.
 *
 * Expected: nothing in this file.
 */
#include <linux/errno.h>
#include <linux/module.h>

#include "fgpio.h"

static int fgpio_next_base;

int fgpiochip_add(struct fgpio_chip *gc)
{
	gc->base = fgpio_next_base;
	fgpio_next_base += 32;
	return 0;
}

int fgpiod_direction_output(struct fgpio_desc *desc, int value)
{
	struct fgpio_chip *gc = desc->gc;

	if (!gc->direction_output)
		return -EIO;
	return gc->direction_output(gc, desc->offset, value);
}
