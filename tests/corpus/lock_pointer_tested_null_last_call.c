// SPDX-License-Identifier: GPL-2.0
/*
 * A lock held exactly while a pointer is non-NULL, and released by the last call of a
 * longer true branch, with an else; reduced from mm/vmscan.c's
 * check_move_unevictable_folios() (vmscan.c:7603-7638):
 *
 *	for (...) {
 *		lruvec = folio_lruvec_relock_irq(folio, lruvec);
 *		...
 *	}
 *
 * (reduced further here: no loop, one folio that may need moving)
 *	if (lruvec) {
 *		__count_vm_events(UNEVICTABLE_PGRESCUED, pgrescued);
 *		__count_vm_events(UNEVICTABLE_PGSCANNED, pgscanned);
 *		unlock_page_lruvec_irq(lruvec);
 *	} else if (pgscanned) {
 *		count_vm_events(UNEVICTABLE_PGSCANNED, pgscanned);
 *	}
 *
 * The else branch seemed to return holding lru_lock with interrupts off, on the path
 * through the loop. On the whole defconfig tree every DRM driver's buffer release reached
 * it (drm_dev_unregister() -> ... -> ttm_bo_put() -> ... -> shmem_sg_free_table() ->
 * check_release_folio_batch()): the largest funnel, 674 findings.
 *
 * Expected: no finding in foo_release_batch(), which sleeps after the batch moved;
 * LC004 in foo_move_bad(), which sleeps in the true branch, before it unlocks.
 */
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct lruvec {
	spinlock_t lru_lock;
	int nr;
};

struct folio {
	struct lruvec *lruvec;
	int flags;
};

struct folio_batch {
	unsigned int nr;
	struct folio *folios[15];
};

static DEFINE_MUTEX(foo_mutex);
static unsigned long foo_events[2];

static inline struct lruvec *foo_lock_irq(struct folio *folio)
{
	spin_lock_irq(&folio->lruvec->lru_lock);
	return folio->lruvec;
}

static inline void foo_unlock_lruvec_irq(struct lruvec *lruvec)
{
	spin_unlock_irq(&lruvec->lru_lock);
}

static void foo_count_events(int item, int delta)
{
	foo_events[item] += delta;
}

static void foo_move_unevictable(struct folio_batch *fbatch)
{
	struct lruvec *lruvec = NULL;
	int pgscanned = fbatch->nr;

	if (fbatch->folios[0]->flags) {
		lruvec = foo_lock_irq(fbatch->folios[0]);
		lruvec->nr++;
	}
	if (lruvec) {
		foo_count_events(0, pgscanned);
		foo_count_events(1, pgscanned);
		foo_unlock_lruvec_irq(lruvec);
	} else if (pgscanned) {
		foo_count_events(1, pgscanned);
	}
}

void foo_release_batch(struct folio_batch *fbatch)
{
	foo_move_unevictable(fbatch);
	mutex_lock(&foo_mutex);
	mutex_unlock(&foo_mutex);
}

void foo_move_bad(struct folio_batch *fbatch)
{
	struct lruvec *lruvec = NULL;

	if (fbatch->nr)
		lruvec = foo_lock_irq(fbatch->folios[0]);
	if (lruvec) {
		foo_count_events(0, 1);
		mutex_lock(&foo_mutex); /* expect: LC004 */
		mutex_unlock(&foo_mutex);
		foo_unlock_lruvec_irq(lruvec);
	} else {
		foo_count_events(1, 1);
	}
}
