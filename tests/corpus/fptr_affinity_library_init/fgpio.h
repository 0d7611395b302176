/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A GPIO core's chip and descriptor, reduced from <linux/gpio/driver.h> (struct gpio_chip)
 * and gpiolib.h (struct gpio_desc), with the generic MMIO library's init, bgpio_init().
 */
#ifndef FGPIO_H
#define FGPIO_H

#include <linux/types.h>

struct fgpio_chip {
	int (*get)(struct fgpio_chip *gc, unsigned int offset);
	void (*set)(struct fgpio_chip *gc, unsigned int offset, int value);
	int (*direction_output)(struct fgpio_chip *gc, unsigned int offset, int value);
	void __iomem *reg_dat;
	unsigned long bgpio_data;
	int base;
};

struct fgpio_desc {
	struct fgpio_chip *gc;
	unsigned int offset;
};

int fgpiochip_add(struct fgpio_chip *gc);
int fgpiod_direction_output(struct fgpio_desc *desc, int value);
int fbgpio_init(struct fgpio_chip *gc, void __iomem *dat);

#endif
