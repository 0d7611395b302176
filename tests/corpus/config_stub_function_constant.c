// SPDX-License-Identifier: GPL-2.0
/*
 * A call of the configuration's stub of an optional feature is the constant the stub
 * returns; reduced from include/linux/dma-direct.h:113-120 (`static inline bool
 * force_dma_unencrypted(struct device *dev) { return false; }` without
 * CONFIG_ARCH_HAS_FORCE_DMA_UNENCRYPTED, as in x86_64 defconfig), kernel/dma/direct.c
 * (dma_set_decrypted(): `if (!force_dma_unencrypted(dev)) return 0;` before
 * set_memory_decrypted(), whose page-attribute code takes pgd_lock; dma_direct_alloc()'s
 * `if (PageHighMem(page))` remap, with PageHighMem() a stub returning 0 without
 * CONFIG_HIGHMEM; iommu_dma_alloc_pages()'s `coherent = dev_is_dma_coherent(dev)`, a stub
 * returning true on x86, keeps it from remapping) and drivers/hid/hid-sony.c (ghl_magic_poke(), a timer, allocates DMA
 * memory through usb_submit_urb()). Followed as a test of an unknown value, both stubs'
 * branches made the timer take pgd_lock and the vmap page-table lock in softirq context:
 * 52 of the whole defconfig tree's medium and high findings came from that one timer.
 *
 * The stubs carry foo_ names so that the file also compiles against the real kernel headers,
 * which declare the originals.
 *
 * A `__weak` default is no stub: another file may define the function (an architecture's
 * own arch_foo_unencrypted()), so its test stays open.
 *
 * Expected: nothing for foo_pgd_lock, foo_vmap_lock or foo_uncached_lock; LC002 for foo_cpa_lock, which
 * foo_alloc() may take behind the weak default in the timer and foo_cpa_flush() takes with
 * softirqs enabled.
 */
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/types.h>

struct device;
struct page;

static DEFINE_SPINLOCK(foo_pgd_lock);
static DEFINE_SPINLOCK(foo_vmap_lock);
static DEFINE_SPINLOCK(foo_cpa_lock);
static DEFINE_SPINLOCK(foo_uncached_lock);
static struct timer_list foo_poke_timer;
static struct device *foo_dev;
static void *foo_buf;
static int foo_pages;

static inline bool foo_force_dma_unencrypted(struct device *dev)
{
	return false;
}

static inline int FooPageHighMem(const struct page *page)
{
	return 0;
}

static inline bool foo_dev_is_dma_coherent(struct device *dev)
{
	return true;
}

int __weak arch_foo_unencrypted(struct device *dev)
{
	return 0;
}

static int foo_set_memory_decrypted(void *addr, size_t size)
{
	spin_lock(&foo_pgd_lock);
	foo_pages++;
	spin_unlock(&foo_pgd_lock);
	return 0;
}

static void *foo_remap(struct page *page, size_t size)
{
	spin_lock(&foo_vmap_lock);
	foo_pages++;
	spin_unlock(&foo_vmap_lock);
	return page;
}

static int foo_dma_set_decrypted(struct device *dev, void *vaddr, size_t size)
{
	if (!foo_force_dma_unencrypted(dev))
		return 0;
	return foo_set_memory_decrypted(vaddr, size);
}

static void *foo_set_uncached(void *addr, size_t size)
{
	spin_lock(&foo_uncached_lock);
	foo_pages++;
	spin_unlock(&foo_uncached_lock);
	return addr;
}

static void *foo_alloc(struct device *dev, struct page *page, size_t size)
{
	bool coherent = foo_dev_is_dma_coherent(dev);
	void *ret = page;

	if (!coherent)
		return foo_set_uncached(ret, size);
	if (unlikely(FooPageHighMem(page)))
		return foo_remap(page, size);
	if (foo_dma_set_decrypted(dev, ret, size))
		return NULL;
	if (arch_foo_unencrypted(dev)) {
		spin_lock(&foo_cpa_lock);
		foo_pages--;
		spin_unlock(&foo_cpa_lock);
	}
	return ret;
}

static void foo_poke(struct timer_list *t)
{
	foo_buf = foo_alloc(foo_dev, (struct page *)foo_buf, 64);
	mod_timer(&foo_poke_timer, 1);
}

static void foo_cpa_flush(void)
{
	spin_lock(&foo_cpa_lock); /* expect: LC002 */
	foo_pages = 0;
	spin_unlock(&foo_cpa_lock);
	spin_lock(&foo_pgd_lock);
	foo_pages = 0;
	spin_unlock(&foo_pgd_lock);
	spin_lock(&foo_vmap_lock);
	foo_pages = 0;
	spin_unlock(&foo_vmap_lock);
	spin_lock(&foo_uncached_lock);
	foo_pages = 0;
	spin_unlock(&foo_uncached_lock);
}

static int __init foo_init(void)
{
	timer_setup(&foo_poke_timer, foo_poke, 0);
	foo_cpa_flush();
	return 0;
}
module_init(foo_init);
MODULE_LICENSE("GPL");
