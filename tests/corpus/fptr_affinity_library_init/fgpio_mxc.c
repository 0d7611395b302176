// SPDX-License-Identifier: GPL-2.0
/*
 * A chip driver built on the MMIO library (reduced from gpio-mxc.c): fbgpio_init() fills in
 * its chip, and its interrupt handler reads a line through port->gc.get, the library's
 * fbgpio_get(). The field is bound to the sleeping chip's getter too (fgpio_slow.c), but
 * only for that chip: this handler never reaches it.
 *
 * Expected: nothing in this case but fgpio_slow.c's marker.
 */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>

#include "fgpio.h"

struct fmxc_port {
	void __iomem *base;
	struct fgpio_chip gc;
	unsigned long edge;
	int irq;
};

static irqreturn_t fmxc_irq_handler(int irq, void *data)
{
	struct fmxc_port *port = data;

	if (port->gc.get(&port->gc, 0))
		port->edge++;
	return IRQ_HANDLED;
}

int fmxc_probe(struct fmxc_port *port)
{
	fbgpio_init(&port->gc, port->base);
	fgpiochip_add(&port->gc);
	return request_irq(port->irq, fmxc_irq_handler, 0, "fmxc", port);
}
