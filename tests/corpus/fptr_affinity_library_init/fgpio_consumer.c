// SPDX-License-Identifier: GPL-2.0
/*
 * A generic consumer (reduced from gpio-virtuser.c): it drives whatever line it was given,
 * from an interrupt handler, through the core. It owns no chip and stores no callback, so
 * the core's gc->direction_output stays bound to every chip's (see fgpio_slow.c).
 */
#include <linux/interrupt.h>
#include <linux/module.h>

#include "fgpio.h"

struct fconsumer {
	struct fgpio_desc *desc;
	int irq;
};

static irqreturn_t fconsumer_irq(int irq, void *data)
{
	struct fconsumer *c = data;

	fgpiod_direction_output(c->desc, 1);
	return IRQ_HANDLED;
}

int fconsumer_probe(struct fconsumer *c)
{
	return request_irq(c->irq, fconsumer_irq, 0, "fconsumer", c);
}
