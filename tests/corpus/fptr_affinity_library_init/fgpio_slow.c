// SPDX-License-Identifier: GPL-2.0
/*
 * A chip driver whose callbacks take a mutex (reduced from gpio-mockup.c, which, like this
 * one, never sets can_sleep): a consumer may call them from atomic context.
 *
 * fgpio_consumer.c does, from hardirq: fgpiod_direction_output() reaches every chip's
 * direction_output, this one's included (the consumer owns no chip): LC004, a real bug.
 * slow_get() and slow_set() are reached only through other chips' calls (fgpio_mxc.c's
 * handler, the MMIO library's fbgpio_dir_out()), which never hold this chip.
 */
#include <linux/module.h>
#include <linux/mutex.h>

#include "fgpio.h"

struct slow_chip {
	struct fgpio_chip gc;
	struct mutex lock;
	unsigned long values;
};

static int slow_get(struct fgpio_chip *gc, unsigned int offset)
{
	struct slow_chip *chip = container_of(gc, struct slow_chip, gc);
	int v;

	mutex_lock(&chip->lock);
	v = !!(chip->values & (1ul << offset));
	mutex_unlock(&chip->lock);
	return v;
}

static void slow_set(struct fgpio_chip *gc, unsigned int offset, int value)
{
	struct slow_chip *chip = container_of(gc, struct slow_chip, gc);

	mutex_lock(&chip->lock);
	if (value)
		chip->values |= 1ul << offset;
	mutex_unlock(&chip->lock);
}

static int slow_direction_output(struct fgpio_chip *gc, unsigned int offset, int value)
{
	struct slow_chip *chip = container_of(gc, struct slow_chip, gc);

	mutex_lock(&chip->lock); /* expect: LC004 */
	if (value)
		chip->values |= 1ul << offset;
	mutex_unlock(&chip->lock);
	return 0;
}

static const struct fgpio_chip slow_template = {
	.get = slow_get,
	.set = slow_set,
	.direction_output = slow_direction_output,
};

int slow_probe(struct slow_chip *chip)
{
	mutex_init(&chip->lock);
	chip->gc = slow_template;
	return fgpiochip_add(&chip->gc);
}
