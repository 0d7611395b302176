// SPDX-License-Identifier: GPL-2.0
/*
 * Driver A (reduced from i2c-mv64xxx.c): its hard interrupt handler recovers the bus
 * through the core on a bus error, holding its own spinlock. Driver A brings no recovery
 * callback, so the core's generic recovery is the one its adapter holds: busy-waiting, fine
 * in hardirq context.
 *
 * The core's bri->recover_bus call is also bound to driver B's sleeping recovery (see
 * fi2c_drv_b.c), but that is stored only in B's adapters: A's handler never reaches it.
 *
 * Expected: nothing in this case.
 */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/spinlock.h>

#include "fi2c.h"

#define DRV_A_STATUS		0x00
#define DRV_A_STATUS_BUSERR	0x4

struct drv_a {
	void __iomem *regs;
	spinlock_t lock;
	struct fi2c_adapter adap;
	struct fi2c_recovery_info rinfo;
	int irq;
};

static irqreturn_t drv_a_irq(int irq, void *data)
{
	struct drv_a *a = data;
	u32 status;

	spin_lock(&a->lock);
	status = readl(a->regs + DRV_A_STATUS);
	if (status & DRV_A_STATUS_BUSERR)
		fi2c_recover_bus(&a->adap);
	spin_unlock(&a->lock);
	return IRQ_HANDLED;
}

int drv_a_probe(struct drv_a *a)
{
	spin_lock_init(&a->lock);
	a->adap.bus_recovery_info = &a->rinfo;
	fi2c_add_adapter(&a->adap);
	return request_irq(a->irq, drv_a_irq, 0, "drv-a", a);
}
