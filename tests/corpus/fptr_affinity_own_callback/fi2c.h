/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bus core's adapter and its bus-recovery callbacks, reduced from <linux/i2c.h>
 * (struct i2c_adapter, struct i2c_bus_recovery_info).
 */
#ifndef FI2C_H
#define FI2C_H

struct fi2c_adapter;

struct fi2c_recovery_info {
	int (*recover_bus)(struct fi2c_adapter *adap);
	void (*set_scl)(struct fi2c_adapter *adap, int val);
};

struct fi2c_adapter {
	struct fi2c_recovery_info *bus_recovery_info;
	unsigned int scl_pulses;
};

int fi2c_add_adapter(struct fi2c_adapter *adap);
int fi2c_recover_bus(struct fi2c_adapter *adap);
int fi2c_generic_scl_recovery(struct fi2c_adapter *adap);

#endif
