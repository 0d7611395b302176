// SPDX-License-Identifier: GPL-2.0
/*
 * A lock helper whose parameter picks the lock, called with a constant, reduced from
 * sound/core/pcm_native.c:80-110 (DEFINE_PCM_GROUP_LOCK: snd_pcm_group_lock_irq(group,
 * nonatomic) takes the group's mutex when nonatomic, else its spinlock with interrupts off)
 * and snd_pcm_stream_lock_irq() (140-144), which passes the PCM's flag. A caller passing
 * false gets the helper's spinlock exit only; taking the mutex exit too, the caller went on
 * with interrupts on after an "irq" lock (LC001 against the hardirq side) and with the mutex
 * under a spinlock elsewhere.
 *
 * Expected: nothing in foo_grp_update(); a caller that passes a value the analysis does not
 * know still gets both exits, and the plain spin_lock() it then takes with interrupts on
 * is reported (LC001).
 */
#include <linux/interrupt.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct foo_grp {
	spinlock_t lock;
	struct mutex mutex;
	spinlock_t stat_lock;
	int state;
};

static void foo_grp_lock_irq(struct foo_grp *grp, bool nonatomic)
{
	if (nonatomic)
		mutex_lock(&grp->mutex);
	else
		spin_lock_irq(&grp->lock);
}

static void foo_grp_unlock_irq(struct foo_grp *grp, bool nonatomic)
{
	if (nonatomic)
		mutex_unlock(&grp->mutex);
	else
		spin_unlock_irq(&grp->lock);
}

int foo_grp_update(struct foo_grp *grp)
{
	foo_grp_lock_irq(grp, false);
	spin_lock(&grp->stat_lock);
	grp->state = 0;
	spin_unlock(&grp->stat_lock);
	foo_grp_unlock_irq(grp, false);
	return 0;
}

int foo_grp_update_any(struct foo_grp *grp, int how)
{
	foo_grp_lock_irq(grp, how & 1);
	spin_lock(&grp->stat_lock); /* expect: LC001 */
	grp->state = 1;
	spin_unlock(&grp->stat_lock);
	foo_grp_unlock_irq(grp, how & 1);
	return 0;
}

static irqreturn_t foo_grp_irq(int irq, void *dev_id)
{
	struct foo_grp *grp = dev_id;

	spin_lock(&grp->stat_lock);
	grp->state++;
	spin_unlock(&grp->stat_lock);
	return IRQ_HANDLED;
}

int foo_grp_init(int irq, struct foo_grp *grp)
{
	return request_irq(irq, foo_grp_irq, 0, "foo-grp", grp);
}
