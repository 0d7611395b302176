/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DRV_C_H
#define DRV_C_H

#include <linux/spinlock.h>

#include "fi2c.h"

struct drv_c {
	void __iomem *regs;
	spinlock_t lock;
	struct fi2c_adapter adap;
	struct fi2c_recovery_info rinfo;
	int irq;
};

int drv_c_init(struct drv_c *c);

#endif
