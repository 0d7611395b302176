// SPDX-License-Identifier: GPL-2.0
/*
 * A branch the configuration never takes is not code, reduced from DEFINE_PCM_GROUP_LOCK in
 * sound/core/pcm_native.c: `if (IS_ENABLED(CONFIG_PREEMPT_RT) && bh_lock)
 * local_bh_disable();` with CONFIG_PREEMPT_RT unset.  Followed anyway, the lock helper would
 * return with bottom halves disabled on one path and the unlock helper enable them on
 * another, so foo_ioctl() would seem to sleep with bottom halves off.
 *
 * Expected: no finding.
 */
#include <linux/bottom_half.h>
#include <linux/delay.h>
#include <linux/kconfig.h>
#include <linux/spinlock.h>

struct foo_group {
	spinlock_t lock;
	int state;
};

#define DEFINE_FOO_GROUP_LOCK(action, bh_lock, bh_unlock)		\
static void foo_group_ ## action(struct foo_group *group)		\
{									\
	if (IS_ENABLED(CONFIG_PREEMPT_RT) && bh_lock)			\
		local_bh_disable();					\
	spin_ ## action(&group->lock);					\
	if (IS_ENABLED(CONFIG_PREEMPT_RT) && bh_unlock)			\
		local_bh_enable();					\
}

DEFINE_FOO_GROUP_LOCK(lock_irq, 1, 0);
DEFINE_FOO_GROUP_LOCK(unlock_irq, 0, 1);

void foo_ioctl(struct foo_group *group)
{
	foo_group_lock_irq(group);
	group->state = 1;
	foo_group_unlock_irq(group);
	msleep(10);
}
