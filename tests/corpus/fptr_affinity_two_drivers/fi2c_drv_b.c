// SPDX-License-Identifier: GPL-2.0
/*
 * Driver B (reduced from i2c-npcm7xx.c): it brings its own bus recovery, which sleeps, and
 * recovers only from its transfer function, in task context. That is correct.
 *
 * Before driver affinity, the core's bri->recover_bus call was resolved to every recovery
 * stored anywhere, so driver A's hard interrupt handler (fi2c_drv_a.c) reached
 * drv_b_recover() and LC004 was reported here.
 *
 * Expected: nothing in this file.
 */
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/module.h>

#include "fi2c.h"

#define DRV_B_STATUS		0x00

struct drv_b {
	void __iomem *regs;
	struct fi2c_adapter adap;
	struct fi2c_recovery_info rinfo;
};

static int drv_b_recover(struct fi2c_adapter *adap)
{
	usleep_range(2000, 4000);
	return 0;
}

int drv_b_xfer(struct drv_b *b)
{
	if (readl(b->regs + DRV_B_STATUS))
		return fi2c_recover_bus(&b->adap);
	return 0;
}

int drv_b_probe(struct drv_b *b)
{
	b->rinfo.recover_bus = drv_b_recover;
	b->adap.bus_recovery_info = &b->rinfo;
	return fi2c_add_adapter(&b->adap);
}
