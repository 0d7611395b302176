// SPDX-License-Identifier: GPL-2.0
/*
 * One lock named two ways, reduced from include/linux/memcontrol.h and mm/swap.c: the lock
 * of a struct embedded in another is taken through the outer struct,
 * `spin_lock_irqsave(&pgdat->__lruvec.lru_lock, *flagsp)`, and the function returns
 * `&pgdat->__lruvec`; its caller unlocks it through that pointer,
 * `spin_unlock_irqrestore(&lruvec->lru_lock, flags)` (folio_lruvec_lock_irqsave() and
 * unlock_page_lruvec_irqrestore(), memcontrol.h:1493-1500, 1633-1637). Named
 * 'struct pglist_data.__lruvec.lru_lock' when taken and 'struct lruvec.lru_lock' when
 * released, the lock seemed never released: every caller of folio_deactivate() and
 * __drm_gem_object_put() returned holding it with interrupts off, and on the whole
 * defconfig tree 947 functions had such an exit (411 findings through i915's
 * drm_driver.release alone). A lock in an embedded struct is now named by that struct's
 * type, as the code handed a pointer to it names it.
 *
 * Expected: no finding in foo_shrink(), which sleeps after foo_deactivate() unlocked;
 * LC004 in foo_deactivate_bad(), which sleeps before; LC001 where foo_account() takes the
 * lock through the outer struct with interrupts on while the interrupt handler takes it
 * through the pointer.
 */
#include <linux/interrupt.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct lruvec {
	spinlock_t lru_lock;
	int nr;
};

struct pglist_data {
	int node_id;
	struct lruvec __lruvec;
};

struct folio {
	struct pglist_data *pgdat;
	int flags;
};

static DEFINE_MUTEX(foo_mutex);

static inline struct lruvec *foo_lruvec_lock_irqsave(struct folio *folio,
						     unsigned long *flagsp)
{
	struct pglist_data *pgdat = folio->pgdat;

	spin_lock_irqsave(&pgdat->__lruvec.lru_lock, *flagsp);
	return &pgdat->__lruvec;
}

static inline void foo_unlock_lruvec_irqrestore(struct lruvec *lruvec, unsigned long flags)
{
	spin_unlock_irqrestore(&lruvec->lru_lock, flags);
}

static void foo_deactivate(struct folio *folio)
{
	unsigned long flags;
	struct lruvec *lruvec = foo_lruvec_lock_irqsave(folio, &flags);

	lruvec->nr++;
	foo_unlock_lruvec_irqrestore(lruvec, flags);
}

void foo_shrink(struct folio *folio)
{
	foo_deactivate(folio);
	mutex_lock(&foo_mutex);
	mutex_unlock(&foo_mutex);
}

void foo_deactivate_bad(struct folio *folio)
{
	unsigned long flags;
	struct lruvec *lruvec = foo_lruvec_lock_irqsave(folio, &flags);

	mutex_lock(&foo_mutex); /* expect: LC004 */
	mutex_unlock(&foo_mutex);
	foo_unlock_lruvec_irqrestore(lruvec, flags);
}

static irqreturn_t foo_irq(int irq, void *data)
{
	struct lruvec *lruvec = data;

	spin_lock(&lruvec->lru_lock);
	lruvec->nr--;
	spin_unlock(&lruvec->lru_lock);
	return IRQ_HANDLED;
}

void foo_account(struct pglist_data *pgdat)
{
	spin_lock(&pgdat->__lruvec.lru_lock); /* expect: LC001 */
	pgdat->__lruvec.nr++;
	spin_unlock(&pgdat->__lruvec.lru_lock);
}

int foo_setup(struct pglist_data *pgdat, int irq)
{
	return request_irq(irq, foo_irq, 0, "foo", &pgdat->__lruvec);
}
