// SPDX-License-Identifier: GPL-2.0
/*
 * A release function passed as a function pointer read from an ops struct; reduced from
 * drivers/gpu/drm/i915/gt/intel_context.h:242-244 and intel_breadcrumbs.c:236:
 *
 *	static inline void intel_context_put(struct intel_context *ce)
 *	{
 *		kref_put(&ce->ref, ce->ops->destroy);
 *	}
 *
 * called from signal_irq_work(), an irq_work (hardirq). The release is one of the
 * intel_context_ops destroy functions (lrc_destroy(), guc_context_destroy(), ...). The
 * argument named no function, so kref_put()'s `release(kref)` reached every function passed
 * to kref_put() by name anywhere (71 on the whole defconfig tree: drm_dev_release(),
 * ttm_bo_release(), nfs4_opendata_free() ...): 1,467 of the tree's 3,902 findings went
 * that way. A function pointer read from a field binds the callee's parameter to the
 * functions stored in that field.
 *
 * Expected: nothing from foo_signal_irq_work(); foo_dev_release() sleeps, but only
 * foo_dev_put() (task context) releases through it.
 */
#include <linux/irq_work.h>
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>

struct foo_context_ops {
	void (*destroy)(struct kref *kref);
};

struct foo_context {
	struct kref ref;
	const struct foo_context_ops *ops;
	struct irq_work work;
};

struct foo_dev {
	struct kref ref;
	int users;
};

static DEFINE_MUTEX(foo_dev_mutex);

static void foo_lrc_destroy(struct kref *kref)
{
	struct foo_context *ce = container_of(kref, struct foo_context, ref);

	kfree(ce);
}

static const struct foo_context_ops foo_lrc_ops = {
	.destroy = foo_lrc_destroy,
};

static inline void foo_context_put(struct foo_context *ce)
{
	kref_put(&ce->ref, ce->ops->destroy);
}

static void foo_signal_irq_work(struct irq_work *work)
{
	struct foo_context *ce = container_of(work, struct foo_context, work);

	foo_context_put(ce);
}

static void foo_dev_release(struct kref *kref)
{
	struct foo_dev *d = container_of(kref, struct foo_dev, ref);

	mutex_lock(&foo_dev_mutex);
	d->users = 0;
	mutex_unlock(&foo_dev_mutex);
	kfree(d);
}

void foo_dev_put(struct foo_dev *d)
{
	kref_put(&d->ref, foo_dev_release);
}

struct foo_context *foo_context_create(void)
{
	struct foo_context *ce = kzalloc(sizeof(*ce), GFP_KERNEL);

	if (!ce)
		return NULL;
	kref_init(&ce->ref);
	ce->ops = &foo_lrc_ops;
	init_irq_work(&ce->work, foo_signal_irq_work);
	return ce;
}
MODULE_LICENSE("GPL");
