// SPDX-License-Identifier: GPL-2.0
/*
 * An object's type decides which release an indirect call reaches, and container_of()
 * says which type a release expects. Reduced from the whole defconfig tree: the RCU
 * callback delayed_free_desc() (kernel/irq/irqdesc.c) does kobject_put(&desc->kobj) on the
 * kobject embedded in a struct irq_desc; kobject_cleanup()'s `t->release(kobj)` was bound
 * to every kobj_type release, device_release() among them, whose kobj_to_dev() is
 * container_of(kobj, struct device, kobj): a device's kobject, never an irq_desc's. From
 * there, device teardown, debugfs and mount code ran in softirq context (749 of 2,376
 * findings).
 *
 * foo_kobj_put() -> kref_put() -> foo_kobj_release() -> foo_kobj_cleanup() ->
 * `t->release(kobj)`, with three releases: foo_desc_release() for a foo_desc's kobject,
 * foo_dev_release() and bar_dev_release() (through kobj_to_bar_dev()) for a device's.
 * Both releases of devices sleep (mutex_lock).
 *
 * Expected: foo_dev_free_rcu() (softirq) puts a foo_dev: LC004 at foo_dev_release()'s
 * mutex_lock(). foo_desc_free_rcu() (softirq) puts a foo_desc: its release does not sleep,
 * and it does not reach bar_dev_release(), whose devices are put in task context only: no
 * LC004 there.
 */
#include <linux/kernel.h>
#include <linux/container_of.h>
#include <linux/kref.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

struct foo_kobj;

struct foo_ktype {
	void (*release)(struct foo_kobj *kobj);
};

struct foo_kobj {
	const struct foo_ktype *ktype;
	struct kref kref;
};

static void foo_kobj_cleanup(struct foo_kobj *kobj)
{
	const struct foo_ktype *t = kobj->ktype;

	if (t->release)
		t->release(kobj);
}

static void foo_kobj_release(struct kref *kref)
{
	struct foo_kobj *kobj = container_of(kref, struct foo_kobj, kref);

	foo_kobj_cleanup(kobj);
}

void foo_kobj_put(struct foo_kobj *kobj)
{
	if (kobj)
		kref_put(&kobj->kref, foo_kobj_release);
}

/* an interrupt descriptor: freed after a grace period */
struct foo_desc {
	int irq;
	struct foo_kobj kobj;
	struct rcu_head rcu;
};

static void foo_desc_release(struct foo_kobj *kobj)
{
	struct foo_desc *desc = container_of(kobj, struct foo_desc, kobj);

	kfree(desc);
}

static const struct foo_ktype foo_desc_ktype = {
	.release = foo_desc_release,
};

static void foo_desc_free_rcu(struct rcu_head *rhp)
{
	struct foo_desc *desc = container_of(rhp, struct foo_desc, rcu);

	foo_kobj_put(&desc->kobj);
}

void foo_desc_free(struct foo_desc *desc)
{
	desc->kobj.ktype = &foo_desc_ktype;
	call_rcu(&desc->rcu, foo_desc_free_rcu);
}

/* two kinds of device: their releases sleep */
static DEFINE_MUTEX(foo_dev_mutex);

struct foo_dev {
	int id;
	struct foo_kobj kobj;
	struct rcu_head rcu;
};

static void foo_dev_release(struct foo_kobj *kobj)
{
	struct foo_dev *dev = container_of(kobj, struct foo_dev, kobj);

	mutex_lock(&foo_dev_mutex); /* expect: LC004 */
	dev->id = 0;
	mutex_unlock(&foo_dev_mutex);
	kfree(dev);
}

static const struct foo_ktype foo_dev_ktype = {
	.release = foo_dev_release,
};

static void foo_dev_free_rcu(struct rcu_head *rhp)
{
	struct foo_dev *dev = container_of(rhp, struct foo_dev, rcu);

	foo_kobj_put(&dev->kobj);
}

void foo_dev_free(struct foo_dev *dev)
{
	dev->kobj.ktype = &foo_dev_ktype;
	call_rcu(&dev->rcu, foo_dev_free_rcu);
}

struct bar_dev {
	int id;
	struct foo_kobj kobj;
};

static inline struct bar_dev *kobj_to_bar_dev(struct foo_kobj *kobj)
{
	return container_of(kobj, struct bar_dev, kobj);
}

static void bar_dev_release(struct foo_kobj *kobj)
{
	struct bar_dev *dev = kobj_to_bar_dev(kobj);

	mutex_lock(&foo_dev_mutex);
	dev->id = 0;
	mutex_unlock(&foo_dev_mutex);
	kfree(dev);
}

static const struct foo_ktype bar_dev_ktype = {
	.release = bar_dev_release,
};

void bar_dev_put(struct bar_dev *dev)
{
	dev->kobj.ktype = &bar_dev_ktype;
	foo_kobj_put(&dev->kobj);
}
MODULE_LICENSE("GPL");
