/* SPDX-License-Identifier: GPL-2.0 */
#ifndef FOO_EVENT_H
#define FOO_EVENT_H

#include <linux/device.h>
#include <linux/spinlock.h>

/* defined in a.c, taken by the interrupt handler; protects foo_event_count */
extern spinlock_t foo_event_lock;
extern unsigned long foo_event_count;

int foo_event_sysfs_init(struct device *dev);
void foo_event_sysfs_exit(struct device *dev);

#endif /* FOO_EVENT_H */
