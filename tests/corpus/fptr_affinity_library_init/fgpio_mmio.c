// SPDX-License-Identifier: GPL-2.0
/*
 * The generic memory-mapped GPIO library (reduced from gpio-mmio.c): fbgpio_init() fills in
 * the chip's callbacks with its own accessors, which only touch registers.
 * fbgpio_dir_out() sets the value through gc->set of the same chip, which is always the
 * library's own fbgpio_set(): the call is made in this file, which stores it.
 *
 * Expected: nothing in this file.
 */
#include <linux/io.h>
#include <linux/module.h>

#include "fgpio.h"

static int fbgpio_get(struct fgpio_chip *gc, unsigned int offset)
{
	return !!(readl(gc->reg_dat) & (1u << offset));
}

static void fbgpio_set(struct fgpio_chip *gc, unsigned int offset, int value)
{
	if (value)
		gc->bgpio_data |= 1ul << offset;
	else
		gc->bgpio_data &= ~(1ul << offset);
	writel(gc->bgpio_data, gc->reg_dat);
}

static int fbgpio_dir_out(struct fgpio_chip *gc, unsigned int offset, int value)
{
	gc->set(gc, offset, value);
	return 0;
}

int fbgpio_init(struct fgpio_chip *gc, void __iomem *dat)
{
	gc->reg_dat = dat;
	gc->get = fbgpio_get;
	gc->set = fbgpio_set;
	gc->direction_output = fbgpio_dir_out;
	return 0;
}
