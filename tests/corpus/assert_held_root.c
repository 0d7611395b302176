// SPDX-License-Identifier: GPL-2.0
/*
 * lockdep_assert_held() is evidence about callers the analysis does not see.  Reduced from
 * the pattern of helpers documented "must be called with the lock held" whose callers live in
 * other files: foo_flush_locked() asserts that its caller holds foo_dev.lock, a spinlock, so
 * the mutex it takes sleeps in atomic context; foo_flush_annotated() says the same with the
 * sparse annotation __must_hold(), which is empty outside sparse but written in the source.
 * foo_sync_locked() asserts a mutex: sleeping there is fine.
 *
 * Expected: LC004 in foo_flush_locked() and foo_flush_annotated() only.
 */
#include <linux/compiler_types.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct foo_dev {
	spinlock_t lock;
	struct mutex io_mutex;
	struct mutex cfg_mutex;
	int dirty;
};

void foo_flush_locked(struct foo_dev *foo)
{
	lockdep_assert_held(&foo->lock);
	mutex_lock(&foo->io_mutex); /* expect: LC004 */
	foo->dirty = 0;
	mutex_unlock(&foo->io_mutex);
}

void foo_flush_annotated(struct foo_dev *foo)
	__must_hold(&foo->lock)
{
	mutex_lock(&foo->io_mutex); /* expect: LC004 */
	foo->dirty = 0;
	mutex_unlock(&foo->io_mutex);
}

void foo_sync_locked(struct foo_dev *foo)
{
	lockdep_assert_held(&foo->cfg_mutex);
	mutex_lock(&foo->io_mutex);
	foo->dirty = 0;
	mutex_unlock(&foo->io_mutex);
}
