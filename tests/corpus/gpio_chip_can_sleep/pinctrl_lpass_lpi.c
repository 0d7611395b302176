// SPDX-License-Identifier: GPL-2.0
/*
 * A chip filled in from a template (reduced from drivers/pinctrl/qcom/pinctrl-lpass-lpi.c,
 * Linux 6.12): the callbacks are in a file-scope gpio_chip without can_sleep, which probe
 * copies into the device and then sets `pctrl->chip.can_sleep = true` on. Its set() takes
 * the pin-control mutex, so the chip is a sleeping one: neither its callbacks are hardirq
 * gpio_chip entry points nor does the consumer's irq_work reach them.
 *
 * Expected: nothing in this file.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>

#include "gpiolib.h"

struct lpi_pinctrl {
	struct gpio_chip chip;
	struct mutex lock;
	u32 config;
};

static int lpi_config_set(struct lpi_pinctrl *pctrl, unsigned int group, int value)
{
	mutex_lock(&pctrl->lock);
	if (value)
		pctrl->config |= 1u << group;
	else
		pctrl->config &= ~(1u << group);
	mutex_unlock(&pctrl->lock);
	return 0;
}

static int lpi_gpio_direction_output(struct gpio_chip *chip, unsigned int pin, int val)
{
	struct lpi_pinctrl *pctrl = container_of(chip, struct lpi_pinctrl, chip);

	return lpi_config_set(pctrl, pin, val);
}

static void lpi_gpio_set(struct gpio_chip *chip, unsigned int pin, int value)
{
	struct lpi_pinctrl *pctrl = container_of(chip, struct lpi_pinctrl, chip);

	lpi_config_set(pctrl, pin, value);
}

static const struct gpio_chip lpi_gpio_template = {
	.direction_output	= lpi_gpio_direction_output,
	.set			= lpi_gpio_set,
};

int lpi_pinctrl_probe(struct lpi_pinctrl *pctrl)
{
	pctrl->chip = lpi_gpio_template;
	pctrl->chip.base = -1;
	pctrl->chip.ngpio = 8;
	pctrl->chip.label = "lpass-lpi";
	pctrl->chip.can_sleep = true;

	mutex_init(&pctrl->lock);
	return gpiolib_add_chip(&pctrl->chip);
}
