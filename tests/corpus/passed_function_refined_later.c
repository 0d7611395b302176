// SPDX-License-Identifier: GPL-2.0
/*
 * A function passed to an iterator, whose own summary is corrected after the caller that
 * passes it was analysed, reduced from drivers/base/dd.c and the firmware loader:
 * driver_attach() is `bus_for_each_dev(drv->bus, NULL, drv, __driver_attach)`, and
 * __driver_attach() reaches free_fw_priv()'s `spin_lock(&fwc->lock); if
 * (!kref_put(&fw_priv->ref, __free_fw_priv)) spin_unlock(&fwc->lock);`, whose summary is
 * right only once kref_put() is specialised to __free_fw_priv() (release_callback_unlocks.c).
 * Nothing orders driver_attach() after __driver_attach() (it passes it, it does not call
 * it), so bus_for_each_dev() specialised to __driver_attach() was made with the summary
 * from before that correction and kept: every driver registration in the whole defconfig
 * tree looked as if it returned holding firmware_cache.lock (acpi_init() 215 findings,
 * i8042_init() 107, agp_amd64_init() 51, ...).
 *
 * Here foo_for_each_dev() is handed five functions, so its call through the parameter does
 * not order the summaries either.
 *
 * Expected: no finding in foo_attach_all(), which sleeps after the iteration; LC004 in
 * foo_attach_bad(), which sleeps under the lock.
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

struct foo_dev {
	struct foo_priv *priv;
	struct foo_dev *next;
};

struct baz {
	struct kref ref;
};

static DEFINE_MUTEX(foo_mutex);
static struct foo_dev *foo_devices;

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

static int foo_for_each_dev(void *data, int (*fn)(struct foo_dev *, void *))
{
	struct foo_dev *dev;
	int error = 0;

	for (dev = foo_devices; dev && !error; dev = dev->next)
		error = fn(dev, data);
	return error;
}

static int foo_attach_one(struct foo_dev *dev, void *data)
{
	foo_free_priv(dev->priv);
	return 0;
}

/* other iterations: the call through foo_for_each_dev()'s parameter is a wide one */
static int foo_count(struct foo_dev *dev, void *data) { (*(int *)data)++; return 0; }
static int foo_find(struct foo_dev *dev, void *data) { return dev == data; }
static int foo_mark(struct foo_dev *dev, void *data) { dev->priv = data; return 0; }
static int foo_stop(struct foo_dev *dev, void *data) { return 1; }

int foo_iterate(int how, void *data)
{
	if (how == 0)
		return foo_for_each_dev(data, foo_count);
	if (how == 1)
		return foo_for_each_dev(data, foo_find);
	if (how == 2)
		return foo_for_each_dev(data, foo_mark);
	return foo_for_each_dev(data, foo_stop);
}

void foo_attach_all(void)
{
	foo_for_each_dev(NULL, foo_attach_one);
	mutex_lock(&foo_mutex);
	mutex_unlock(&foo_mutex);
}

void foo_attach_bad(struct foo_cache *fwc)
{
	spin_lock(&fwc->lock);
	mutex_lock(&foo_mutex); /* expect: LC004 */
	mutex_unlock(&foo_mutex);
	spin_unlock(&fwc->lock);
}
