// SPDX-License-Identifier: GPL-2.0
/*
 * Driver C's platform half: it stores the driver's own recovery, which sleeps, in the
 * adapter's recovery info and hands over to drv_c_core.c. Reached from drv_c_core.c's hard
 * interrupt handler: LC004.
 */
#include <linux/delay.h>
#include <linux/module.h>

#include "fi2c.h"
#include "drv_c.h"

static int drv_c_recover(struct fi2c_adapter *adap)
{
	msleep(1); /* expect: LC004 */
	return 0;
}

int drv_c_probe(struct drv_c *c)
{
	c->rinfo.recover_bus = drv_c_recover;
	c->adap.bus_recovery_info = &c->rinfo;
	return drv_c_init(c);
}
