// SPDX-License-Identifier: GPL-2.0
/*
 * A SPI shift register (reduced from drivers/gpio/gpio-74x164.c): get() and set() take a
 * mutex around the SPI write; probe stores the callbacks and sets
 * `chip->gpio_chip.can_sleep = true` in code. The consumer's irq_work reaches
 * direction_output and set only through calls gpiolib makes on a chip that sets can_sleep.
 *
 * Expected: nothing in this file.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>

#include "gpiolib.h"

struct gen_74x164_chip {
	struct gpio_chip gpio_chip;
	struct mutex lock;
	u32 registers;
	u8 buffer[4];
};

static int gen_74x164_get_value(struct gpio_chip *gc, unsigned offset)
{
	struct gen_74x164_chip *chip = container_of(gc, struct gen_74x164_chip, gpio_chip);
	int ret;

	mutex_lock(&chip->lock);
	ret = (chip->buffer[offset / 8] >> (offset % 8)) & 0x1;
	mutex_unlock(&chip->lock);
	return ret;
}

static void gen_74x164_set_value(struct gpio_chip *gc, unsigned offset, int val)
{
	struct gen_74x164_chip *chip = container_of(gc, struct gen_74x164_chip, gpio_chip);

	mutex_lock(&chip->lock);
	if (val)
		chip->buffer[offset / 8] |= (1 << (offset % 8));
	else
		chip->buffer[offset / 8] &= ~(1 << (offset % 8));
	mutex_unlock(&chip->lock);
}

static int gen_74x164_direction_output(struct gpio_chip *gc, unsigned offset, int val)
{
	gen_74x164_set_value(gc, offset, val);
	return 0;
}

int gen_74x164_probe(struct gen_74x164_chip *chip)
{
	chip->gpio_chip.label = "74x164";
	chip->gpio_chip.direction_output = gen_74x164_direction_output;
	chip->gpio_chip.get = gen_74x164_get_value;
	chip->gpio_chip.set = gen_74x164_set_value;
	chip->gpio_chip.base = -1;
	chip->registers = 4;
	chip->gpio_chip.ngpio = 8 * chip->registers;
	chip->gpio_chip.can_sleep = true;
	mutex_init(&chip->lock);
	return gpiolib_add_chip(&chip->gpio_chip);
}
