// SPDX-License-Identifier: GPL-2.0
/*
 * A lock handed back in a struct member that points to it, released through that member;
 * reduced from mm/pagewalk.c:800-921 (folio_walk_start() takes the page-table lock as
 * `ptl = pmd_lock(...)` and, when it finds a folio, returns holding it with
 * `fw->ptl = ptl`), include/linux/pagewalk.h:183 (folio_walk_end() is
 * `spin_unlock((__fw)->ptl)`) and mm/migrate.c:2420-2440 (do_pages_stat_array() looks
 * each page up that way, then kernel_move_pages() calls mmput(), which may sleep).
 *
 * `fw->ptl` names the member, not the lock it points to: the unlock did not match the
 * lock held under its own name, so the walk's callers seemed to return holding
 * page_table_lock and to have released a caller's `fw->ptl` (kernel_move_pages() then
 * called mmput() holding it: whole defconfig tree, 12 medium and high findings through
 * sys_move_pages(); test_value_correlation checks the summary). An unlock through a member that points to a lock now releases a held
 * lock of the same kind, as an unlock through a local pointer does (net/core/
 * gen_stats.c's gnet_stats_start_copy()/gnet_stats_finish_copy() hand `d->lock` back the
 * same way).
 *
 * Expected: no finding in foo_move_pages(), which sleeps after the walk; LC004 in
 * foo_stat_bad(), which sleeps while the walk holds the lock.
 */
#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/spinlock.h>

struct foo_mm {
	spinlock_t page_table_lock;
	int nr;
};

struct foo_walk {
	spinlock_t *ptl;
	int level;
};

static spinlock_t *foo_pmd_lock(struct foo_mm *mm)
{
	spinlock_t *ptl = &mm->page_table_lock;

	spin_lock(ptl);
	return ptl;
}

static int *foo_walk_start(struct foo_walk *fw, struct foo_mm *mm, int addr)
{
	spinlock_t *ptl = foo_pmd_lock(mm);

	if (addr > mm->nr) {
		spin_unlock(ptl);
		return NULL;
	}
	fw->ptl = ptl;
	fw->level = 1;
	return &mm->nr;
}

#define foo_walk_end(__fw) do {		\
	spin_unlock((__fw)->ptl);		\
} while (0)

static int foo_stat(struct foo_mm *mm, int *addrs, int nr)
{
	struct foo_walk fw;
	int i, ret = 0;

	for (i = 0; i < nr; i++) {
		int *page = foo_walk_start(&fw, mm, addrs[i]);

		if (page) {
			ret += *page;
			foo_walk_end(&fw);
		}
	}
	return ret;
}

static void foo_mmput(struct foo_mm *mm)
{
	might_sleep();
	mm->nr--;
}

int foo_move_pages(struct foo_mm *mm, int *addrs, int nr)
{
	int ret = foo_stat(mm, addrs, nr);

	foo_mmput(mm);
	return ret;
}

int foo_stat_bad(struct foo_mm *mm, int addr)
{
	struct foo_walk fw;
	int *page = foo_walk_start(&fw, mm, addr);

	if (page) {
		msleep(1); /* expect: LC004 */
		foo_walk_end(&fw);
	}
	return 0;
}
