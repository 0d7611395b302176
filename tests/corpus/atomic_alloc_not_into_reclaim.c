// SPDX-License-Identifier: GPL-2.0
/*
 * An atomic allocation does not enter reclaim; reduced from mm/page_alloc.c:4280-4400
 * (__alloc_pages_slowpath(): direct reclaim, compaction and the OOM killer only when
 * `can_direct_reclaim = gfp_mask & __GFP_DIRECT_RECLAIM`) and net/core/skbuff.c:808
 * (napi_alloc_skb(): GFP_ATOMIC from a NAPI poll, softirq). The mask reaches the slow path as
 * a parameter several calls down; followed, every GFP_ATOMIC allocation in a softirq reached
 * shrink_node() and the filesystems' release_folio() (whole defconfig tree: 1,225 findings
 * through node_reclaim() alone). rules.toml's [follow] opaque names the allocator's reclaim
 * entries; an allocation that may sleep is reported at the API, by its flags.
 *
 * Expected: nothing in foo_shrink() (reclaim under the page allocator); LC004 at the
 * kmalloc(GFP_KERNEL) in the timer, which the API's [[sleeps]] entry reports.
 */
#include <linux/gfp.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

struct page;

static DEFINE_MUTEX(foo_shrinker_mutex);
static DEFINE_SPINLOCK(foo_zone_lock);
static struct timer_list foo_refill_timer;
static void *foo_pool[4];
static int foo_free_pages;

static void foo_shrink(void)
{
	mutex_lock(&foo_shrinker_mutex);
	foo_free_pages++;
	mutex_unlock(&foo_shrinker_mutex);
}

static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order)
{
	struct page *page = NULL;
	unsigned long flags;

	spin_lock_irqsave(&foo_zone_lock, flags);
	if (foo_free_pages > 0) {
		foo_free_pages--;
		page = (struct page *)foo_pool[0];
	}
	spin_unlock_irqrestore(&foo_zone_lock, flags);
	return page;
}

static struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order)
{
	bool can_direct_reclaim = gfp & __GFP_DIRECT_RECLAIM;

	if (!can_direct_reclaim)
		return NULL;
	foo_shrink();
	return get_page_from_freelist(gfp, order);
}

struct page *foo_alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = get_page_from_freelist(gfp, order);

	if (!page)
		page = __alloc_pages_slowpath(gfp, order);
	return page;
}

static void foo_refill(struct timer_list *t)
{
	foo_pool[1] = foo_alloc_pages(GFP_ATOMIC, 0);
	foo_pool[2] = kmalloc(32, GFP_KERNEL); /* expect: LC004 */
}

static int __init foo_init(void)
{
	timer_setup(&foo_refill_timer, foo_refill, 0);
	return 0;
}
module_init(foo_init);
MODULE_LICENSE("GPL");
