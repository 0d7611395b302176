// SPDX-License-Identifier: GPL-2.0
/*
 * A lock held exactly while a pointer is non-NULL, reduced from mm/swap.c and
 * include/linux/memcontrol.h: folio_batch_move_lru() relocks per folio through an
 * out-parameter and unlocks at the end only if it ever locked (swap.c:189-211):
 *
 *	struct lruvec *lruvec = NULL;
 *	for (...) {
 *		folio_lruvec_relock_irqsave(folio, &lruvec, &flags);
 *		move_fn(lruvec, folio);
 *	}
 *	if (lruvec)
 *		unlock_page_lruvec_irqrestore(lruvec, flags);
 *
 * The analysis does not follow the pointer set through `&lruvec`, so `if (lruvec)` split
 * into both branches on the path through the loop, and its false branch returned holding
 * lru_lock with interrupts off. folio_deactivate(), folio_mark_lazyfree() and every
 * caller after them looked atomic: on the whole defconfig tree the largest funnels
 * (drm_dev_unregister() 1,115 findings, azx_probe_continue() 419). The false branch of
 * `if (p) f(p, ...);`, where f releases a lock it holds, is not taken in that state.
 *
 * Expected: no finding in foo_deactivate(), which sleeps after the batch moved; LC004 in
 * foo_move_bad(), which sleeps inside the loop, holding the lock.
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

static inline void foo_relock_irqsave(struct folio *folio, struct lruvec **lruvecp,
				      unsigned long *flags)
{
	if (*lruvecp) {
		if (folio->lruvec == *lruvecp)
			return;
		spin_unlock_irqrestore(&(*lruvecp)->lru_lock, *flags);
	}
	*lruvecp = folio->lruvec;
	spin_lock_irqsave(&(*lruvecp)->lru_lock, *flags);
}

static inline void foo_unlock_lruvec_irqrestore(struct lruvec *lruvec, unsigned long flags)
{
	spin_unlock_irqrestore(&lruvec->lru_lock, flags);
}

static void foo_batch_move_lru(struct folio_batch *fbatch)
{
	struct lruvec *lruvec = NULL;
	unsigned long flags = 0;
	unsigned int i;

	for (i = 0; i < fbatch->nr; i++) {
		struct folio *folio = fbatch->folios[i];

		foo_relock_irqsave(folio, &lruvec, &flags);
		lruvec->nr++;
	}
	if (lruvec)
		foo_unlock_lruvec_irqrestore(lruvec, flags);
}

void foo_deactivate(struct folio_batch *fbatch)
{
	foo_batch_move_lru(fbatch);
	mutex_lock(&foo_mutex);
	mutex_unlock(&foo_mutex);
}

void foo_move_bad(struct folio_batch *fbatch)
{
	struct lruvec *lruvec = NULL;
	unsigned long flags = 0;
	unsigned int i;

	for (i = 0; i < fbatch->nr; i++) {
		foo_relock_irqsave(fbatch->folios[i], &lruvec, &flags);
		mutex_lock(&foo_mutex); /* expect: LC004 */
		mutex_unlock(&foo_mutex);
	}
	if (lruvec)
		foo_unlock_lruvec_irqrestore(lruvec, flags);
}
