// SPDX-License-Identifier: GPL-2.0
/*
 * A chip whose callbacks take a mutex but which never sets can_sleep (reduced from
 * drivers/gpio/gpio-mockup.c, probe 6.12:442-457): gpiolib lets consumers call it from
 * atomic context without a warning, and the chip sleeps there. get() and set() are
 * gpio_chip entry points in hardirq (rules.toml) and are reached from the consumer's
 * irq_work too; direction_output is reached from the irq_work only. LC004 on each: a real
 * bug (fix: set gc->can_sleep, or take a spin lock instead).
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>

#include "gpiolib.h"

struct gpio_mockup_chip {
	struct gpio_chip gc;
	unsigned long values;
	unsigned long dir_out;
	struct mutex lock;
};

static int gpio_mockup_get(struct gpio_chip *gc, unsigned int offset)
{
	struct gpio_mockup_chip *chip = container_of(gc, struct gpio_mockup_chip, gc);
	int val;

	mutex_lock(&chip->lock); /* expect: LC004 */
	val = !!(chip->values & (1ul << offset));
	mutex_unlock(&chip->lock);
	return val;
}

static void gpio_mockup_set(struct gpio_chip *gc, unsigned int offset, int value)
{
	struct gpio_mockup_chip *chip = container_of(gc, struct gpio_mockup_chip, gc);

	mutex_lock(&chip->lock); /* expect: LC004 */
	if (value)
		chip->values |= 1ul << offset;
	else
		chip->values &= ~(1ul << offset);
	mutex_unlock(&chip->lock);
}

static int gpio_mockup_dirout(struct gpio_chip *gc, unsigned int offset, int value)
{
	struct gpio_mockup_chip *chip = container_of(gc, struct gpio_mockup_chip, gc);

	mutex_lock(&chip->lock); /* expect: LC004 */
	chip->dir_out |= 1ul << offset;
	if (value)
		chip->values |= 1ul << offset;
	mutex_unlock(&chip->lock);
	return 0;
}

int gpio_mockup_probe(struct gpio_mockup_chip *chip)
{
	struct gpio_chip *gc;

	mutex_init(&chip->lock);
	gc = &chip->gc;
	gc->base = -1;
	gc->ngpio = 8;
	gc->label = "gpio-mockup";
	gc->get = gpio_mockup_get;
	gc->set = gpio_mockup_set;
	gc->direction_output = gpio_mockup_dirout;
	return gpiolib_add_chip(gc);
}
