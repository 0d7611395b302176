// SPDX-License-Identifier: GPL-2.0
/*
 * A predicate on bits of an argument decides the caller's test as the bits themselves
 * would; reduced from mm/util.c:640-680 (__kvmalloc_node_noprof(): `if
 * (!gfpflags_allow_blocking(flags)) return NULL;` before the vmalloc fallback, "non-sleeping
 * allocations are not supported by vmalloc"), include/linux/gfp.h
 * (gfpflags_allow_blocking() is `return !!(gfp_flags & __GFP_DIRECT_RECLAIM);`) and
 * lib/rhashtable.c:468 (rhashtable_insert_rehash() allocates a bucket table with
 * GFP_ATOMIC | __GFP_NOWARN under the caller's BH-disabling lock). The call was a test of
 * an unknown result, so the GFP_ATOMIC caller reached vmalloc and its might_sleep(): 41
 * of the whole defconfig tree's findings went that way (21 medium or high). A mask handed
 * on with some bits set or cleared (mm/dmapool.c: dma_pool_zalloc() passes
 * `mem_flags | __GFP_ZERO`, pool_alloc_page() gets `mem_flags & ~__GFP_ZERO`) still
 * carries the caller's other bits.
 *
 * Expected: nothing for foo_table_rehash()'s GFP_ATOMIC allocation; LC004 at
 * foo_vmalloc_node(), which foo_table_grow_bad() reaches with GFP_KERNEL under the same
 * lock.
 */
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>

#define FOO_PAGE_SIZE 4096

static DEFINE_SPINLOCK(foo_table_lock);
static void *foo_table;
static void *foo_pool;

static void *foo_vmalloc(unsigned long size)
{
	might_sleep();
	return foo_pool;
}

static void *foo_vmalloc_node(unsigned long size, int node)
{
	might_sleep(); /* expect: LC004 */
	return foo_pool;
}

static void *foo_kvmalloc(unsigned long size, gfp_t flags)
{
	void *ret = NULL;

	if (size <= FOO_PAGE_SIZE)
		return foo_pool;
	if (!gfpflags_allow_blocking(flags))
		return ret;
	return foo_vmalloc(size);
}

static void *foo_bucket_table_alloc(unsigned long nbuckets, gfp_t gfp)
{
	return foo_kvmalloc(nbuckets * sizeof(void *), gfp | __GFP_ZERO);
}

void foo_table_rehash(unsigned long nbuckets)
{
	spin_lock_bh(&foo_table_lock);
	foo_table = foo_bucket_table_alloc(nbuckets, GFP_ATOMIC | __GFP_NOWARN);
	spin_unlock_bh(&foo_table_lock);
}

static void *foo_kvmalloc_node(unsigned long size, gfp_t flags, int node)
{
	if (!gfpflags_allow_blocking(flags))
		return NULL;
	return foo_vmalloc_node(size, node);
}

void foo_table_grow_bad(unsigned long nbuckets)
{
	spin_lock_bh(&foo_table_lock);
	foo_table = foo_kvmalloc_node(nbuckets * sizeof(void *), GFP_KERNEL, 0);
	spin_unlock_bh(&foo_table_lock);
}
