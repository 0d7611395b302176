// SPDX-License-Identifier: GPL-2.0
/*
 * One flag decides both the lock and the unlock, reduced from deliver_to_subscribers() in
 * sound/core/seq/seq_clientmgr.c (and HARD_TX_LOCK/HARD_TX_UNLOCK in net/core/dev.c):
 * `if (atomic) read_lock(...); else down_read(...); ... if (atomic) read_unlock(...); else
 * up_read(...)`.  The second test takes the branch the first one took, so foo_deliver()
 * returns holding nothing, and foo_ioctl() may sleep after it.  foo_deliver_slow() does sleep
 * while holding the spinlock on its atomic branch: that one is a bug.
 *
 * Expected: LC004 in foo_deliver_slow() only.
 */
#include <linux/delay.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct foo_grp {
	rwlock_t list_lock;
	struct mutex list_mutex;
	int count;
};

static void foo_deliver(struct foo_grp *grp, int atomic)
{
	if (atomic)
		read_lock(&grp->list_lock);
	else
		mutex_lock(&grp->list_mutex);
	grp->count++;
	if (atomic)
		read_unlock(&grp->list_lock);
	else
		mutex_unlock(&grp->list_mutex);
}

void foo_ioctl(struct foo_grp *grp)
{
	foo_deliver(grp, 0);
	msleep(10);
}

void foo_deliver_slow(struct foo_grp *grp, int atomic)
{
	if (atomic)
		read_lock(&grp->list_lock);
	grp->count++;
	msleep(1); /* expect: LC004 */
	if (atomic)
		read_unlock(&grp->list_lock);
}
