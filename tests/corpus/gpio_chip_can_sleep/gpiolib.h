/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GPIO core's consumer side, reduced from drivers/gpio/gpiolib.h and
 * <linux/gpio/consumer.h>: fgpiod_*() stand for gpiod_*() (the real names are static inline
 * stubs in the kernel headers when CONFIG_GPIOLIB is off), struct fgpio_desc for struct
 * gpio_desc (which reaches its chip through gdev->chip). The chips are the real struct
 * gpio_chip, whose callbacks rules.toml declares.
 */
#ifndef GPIOLIB_H
#define GPIOLIB_H

#include <linux/gpio/driver.h>

struct fgpio_desc {
	struct gpio_chip *gc;
	unsigned int offset;
};

int gpiolib_add_chip(struct gpio_chip *gc);

/* may be called from any context for a chip that does not set can_sleep */
int fgpiod_get_value(const struct fgpio_desc *desc);
int fgpiod_set_value(struct fgpio_desc *desc, int value);
int fgpiod_direction_output(struct fgpio_desc *desc, int value);
/* task context only */
int fgpiod_set_value_cansleep(struct fgpio_desc *desc, int value);

#endif
