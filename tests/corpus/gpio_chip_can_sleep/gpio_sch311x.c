// SPDX-License-Identifier: GPL-2.0
/*
 * A chip that does not set can_sleep and takes its block lock with plain spin_lock (reduced
 * from drivers/gpio/gpio-sch311x.c): a consumer may call set() from a hard IRQ handler (a
 * gpio_chip entry point in hardirq, rules.toml), while fgpiod_direction_output() from task
 * context (gpio_virtuser.c) takes the same lock in direction_out, and in set() called from
 * there, with interrupts on: LC001 at both, the fragile pattern of the real driver (fix:
 * spin_lock_irqsave).
 */
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/spinlock.h>

#include "gpiolib.h"

struct sch311x_gpio_block {
	struct gpio_chip chip;
	unsigned short runtime_reg;
	spinlock_t lock;
};

static void sch311x_gpio_set(struct gpio_chip *chip, unsigned offset, int value)
{
	struct sch311x_gpio_block *block = container_of(chip, struct sch311x_gpio_block, chip);
	u8 data;

	spin_lock(&block->lock); /* expect: LC001 */
	data = inb(block->runtime_reg);
	if (value)
		data |= 1u << offset;
	else
		data &= ~(1u << offset);
	outb(data, block->runtime_reg);
	spin_unlock(&block->lock);
}

static int sch311x_gpio_direction_out(struct gpio_chip *chip, unsigned offset, int value)
{
	struct sch311x_gpio_block *block = container_of(chip, struct sch311x_gpio_block, chip);
	u8 data;

	spin_lock(&block->lock); /* expect: LC001 */
	data = inb(block->runtime_reg + 1);
	data &= ~1u;
	outb(data, block->runtime_reg + 1);
	spin_unlock(&block->lock);
	sch311x_gpio_set(chip, offset, value);
	return 0;
}

int sch311x_gpio_probe(struct sch311x_gpio_block *block)
{
	spin_lock_init(&block->lock);
	block->chip.label = "sch311x_gpio";
	block->chip.direction_output = sch311x_gpio_direction_out;
	block->chip.set = sch311x_gpio_set;
	block->chip.ngpio = 8;
	block->chip.base = -1;
	return gpiolib_add_chip(&block->chip);
}
