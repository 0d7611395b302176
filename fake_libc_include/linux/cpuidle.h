/* lockctx stub: mirrors the Linux 6.12 shape of <linux/cpuidle.h> (subset). */
#ifndef _LINUX_CPUIDLE_H
#define _LINUX_CPUIDLE_H

#include <linux/types.h>
#include <linux/list.h>

struct cpuidle_device;
struct cpuidle_driver;

struct cpuidle_governor {
	char			name[16];
	struct list_head	governor_list;
	unsigned int		rating;

	int  (*enable)		(struct cpuidle_driver *drv, struct cpuidle_device *dev);
	void (*disable)		(struct cpuidle_driver *drv, struct cpuidle_device *dev);

	int  (*select)		(struct cpuidle_driver *drv, struct cpuidle_device *dev,
				 bool *stop_tick);
	void (*reflect)		(struct cpuidle_device *dev, int index);
};

extern int cpuidle_register_governor(struct cpuidle_governor *gov);

#endif
