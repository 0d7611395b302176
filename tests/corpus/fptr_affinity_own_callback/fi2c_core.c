// SPDX-License-Identifier: GPL-2.0
/*
 * The bus core (reduced from drivers/i2c/i2c-core-base.c): fi2c_recover_bus() calls the
 * adapter's bri->recover_bus; an adapter that brings no recover_bus of its own gets the
 * generic SCL-toggling recovery, stored by the core itself when the adapter is added.
 * The generic recovery only busy-waits: it may run in any context.
 *
 * Expected: nothing in this file.
 */
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/module.h>

#include "fi2c.h"

static void fi2c_set_scl_reg(struct fi2c_adapter *adap, int val)
{
	adap->scl_pulses += val;
}

int fi2c_generic_scl_recovery(struct fi2c_adapter *adap)
{
	struct fi2c_recovery_info *bri = adap->bus_recovery_info;
	int i;

	for (i = 0; i < 9; i++) {
		bri->set_scl(adap, 1);
		udelay(5);
		bri->set_scl(adap, 0);
		udelay(5);
	}
	return 0;
}

int fi2c_recover_bus(struct fi2c_adapter *adap)
{
	struct fi2c_recovery_info *bri = adap->bus_recovery_info;

	if (!bri || !bri->recover_bus)
		return -EBUSY;
	return bri->recover_bus(adap);
}

static void fi2c_init_recovery(struct fi2c_adapter *adap)
{
	struct fi2c_recovery_info *bri = adap->bus_recovery_info;

	if (!bri)
		return;
	if (!bri->recover_bus)
		bri->recover_bus = fi2c_generic_scl_recovery;
	if (!bri->set_scl)
		bri->set_scl = fi2c_set_scl_reg;
}

int fi2c_add_adapter(struct fi2c_adapter *adap)
{
	fi2c_init_recovery(adap);
	return 0;
}
