// SPDX-License-Identifier: GPL-2.0
/*
 * A put whose release callback drops the caller's lock, reduced from
 * drivers/base/firmware_loader/main.c: free_fw_priv() takes fwc->lock and calls
 * `if (!kref_put(&fw_priv->ref, __free_fw_priv)) spin_unlock(&fwc->lock);` (main.c:
 * 208-214), and __free_fw_priv() releases fwc->lock itself (`__releases(&fwc->lock)`,
 * main.c:186-205). kref_put() calls the release function it is handed only when it
 * returns 1. The kernel passes hundreds of release functions to kref_put(): its own
 * summary, over all of them, said nothing of fwc->lock, and free_fw_priv() looked as if it
 * returned holding it. On the whole defconfig tree 567 findings came through one caller of
 * the firmware loader (azx_probe_continue()) "holding struct firmware_cache.lock". Here the
 * other release functions (bar_release(), baz_release_*()) make the call through kref_put()'s
 * parameter a wide one, and foo_fw_release() is summarised after kref_put() unless the
 * call to kref_put() that passes it asks for kref_put() as it runs with foo_fw_release().
 *
 * Expected: no finding in foo_load() (it sleeps after foo_free_priv() returned, with the
 * lock dropped on both paths); LC004 in foo_load_bad(), which sleeps under the lock.
 */
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct foo_cache {
	spinlock_t lock;
};

struct foo_priv {
	struct kref ref;
	struct foo_cache *fwc;
};

struct bar {
	spinlock_t bar_lock;
	struct kref ref;
};

static DEFINE_MUTEX(foo_mutex);

static void foo_fw_release(struct kref *ref)
	__releases(&fwc->lock)
{
	struct foo_priv *fw_priv = container_of(ref, struct foo_priv, ref);
	struct foo_cache *fwc = fw_priv->fwc;

	spin_unlock(&fwc->lock);
	kfree(fw_priv);
}

static void foo_free_priv(struct foo_priv *fw_priv)
{
	struct foo_cache *fwc = fw_priv->fwc;

	spin_lock(&fwc->lock);
	if (!kref_put(&fw_priv->ref, foo_fw_release))
		spin_unlock(&fwc->lock);
}

static void bar_release(struct kref *ref)
{
	struct bar *b = container_of(ref, struct bar, ref);

	spin_unlock(&b->bar_lock);
	kfree(b);
}

void put_bar(struct bar *b)
{
	spin_lock(&b->bar_lock);
	if (!kref_put(&b->ref, bar_release))
		spin_unlock(&b->bar_lock);
}

struct baz {
	struct kref ref;
	int n;
};

static void baz_release_a(struct kref *ref) { kfree(container_of(ref, struct baz, ref)); }
static void baz_release_b(struct kref *ref) { kfree(container_of(ref, struct baz, ref)); }
static void baz_release_c(struct kref *ref) { kfree(container_of(ref, struct baz, ref)); }
static void baz_release_d(struct kref *ref) { kfree(container_of(ref, struct baz, ref)); }

void put_baz(struct baz *b, int how)
{
	if (how == 0)
		kref_put(&b->ref, baz_release_a);
	else if (how == 1)
		kref_put(&b->ref, baz_release_b);
	else if (how == 2)
		kref_put(&b->ref, baz_release_c);
	else
		kref_put(&b->ref, baz_release_d);
}

void foo_load(struct foo_priv *fw_priv)
{
	foo_free_priv(fw_priv);
	mutex_lock(&foo_mutex);
	mutex_unlock(&foo_mutex);
}

void foo_load_bad(struct foo_priv *fw_priv)
{
	struct foo_cache *fwc = fw_priv->fwc;

	spin_lock(&fwc->lock);
	mutex_lock(&foo_mutex); /* expect: LC004 */
	mutex_unlock(&foo_mutex);
	spin_unlock(&fwc->lock);
}
