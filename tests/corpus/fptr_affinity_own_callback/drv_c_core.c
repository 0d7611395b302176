// SPDX-License-Identifier: GPL-2.0
/*
 * Driver C, the same pattern as fi2c_drv_a.c in the other driver-affinity case, but driver C
 * brings its own bus recovery, and it sleeps: the hard interrupt handler below reaches
 * drv_c_recover() through the core's bri->recover_bus. A real bug (LC004 in
 * drv_c_plat.c).
 *
 * The driver is two files of one module, as i2c-designware-master.c and -platdrv.c are:
 * this one has the interrupt handler, drv_c_plat.c the probe, which stores the recovery.
 */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/spinlock.h>

#include "fi2c.h"
#include "drv_c.h"

#define DRV_C_STATUS		0x00
#define DRV_C_STATUS_BUSERR	0x4

static irqreturn_t drv_c_irq(int irq, void *data)
{
	struct drv_c *c = data;
	u32 status;

	spin_lock(&c->lock);
	status = readl(c->regs + DRV_C_STATUS);
	if (status & DRV_C_STATUS_BUSERR)
		fi2c_recover_bus(&c->adap);
	spin_unlock(&c->lock);
	return IRQ_HANDLED;
}

int drv_c_init(struct drv_c *c)
{
	spin_lock_init(&c->lock);
	fi2c_add_adapter(&c->adap);
	return request_irq(c->irq, drv_c_irq, 0, "drv-c", c);
}
