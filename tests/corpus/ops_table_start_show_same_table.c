// SPDX-License-Identifier: GPL-2.0
/*
 * One object's ops, called one after the other; reduced from fs/seq_file.c:106-135
 * (seq_read_iter()):
 *
 *	p = m->op->start(m, &m->index);
 *	while (1) {
 *		if (!p || IS_ERR(p))
 *			break;
 *		error = m->op->show(m, p);
 *		...
 *	}
 *	m->op->stop(m, p);
 *
 * Some start functions return holding a lock that their own stop releases
 * (net/ipv4/igmp.c:3033's igmp_mcf_seq_start() -> igmp_mcf_get_first():
 * spin_lock_bh(&im->lock)). The call graph only knows every function bound to .start and
 * every function bound to .show, and paired that lock with every seq_file's show: any
 * show that sleeps looked atomic (whole defconfig tree: 835 paths through two such starts,
 * intel_bios_vbt_show(), kernfs_seq_show() ...). The next call through the same struct type
 * goes to the same ops table as the start that took the lock.
 *
 * Expected: nothing in foo_sleepy_show(), a show whose own start takes no lock, nor in
 * foo_vbt_show(), which single_open()-style code stores in ops of its own (a table's start
 * never runs with it); LC004 in foo_bad_show(), which sleeps under the lock its own
 * table's start took.
 */
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct foo_seq;

struct foo_seq_ops {
	void *(*start)(struct foo_seq *m, long *pos);
	void (*stop)(struct foo_seq *m, void *v);
	int (*show)(struct foo_seq *m, void *v);
};

struct foo_seq {
	const struct foo_seq_ops *op;
	long index;
	int count;
};

struct foo_list {
	spinlock_t lock;
	int nr;
};

static struct foo_list foo_mc_list;
static struct foo_list foo_bad_list;
static DEFINE_MUTEX(foo_cfg_mutex);

/* the core: one seq_file's ops, in order */
ssize_t foo_seq_read(struct foo_seq *m)
{
	void *p;
	int err = 0;

	p = m->op->start(m, &m->index);
	if (p)
		err = m->op->show(m, p);
	m->op->stop(m, p);
	return err;
}

/* igmp's: start returns holding the list lock, stop drops it */
static void *foo_mc_start(struct foo_seq *m, long *pos)
{
	spin_lock_bh(&foo_mc_list.lock);
	return &foo_mc_list;
}

static void foo_mc_stop(struct foo_seq *m, void *v)
{
	spin_unlock_bh(&foo_mc_list.lock);
}

static int foo_mc_show(struct foo_seq *m, void *v)
{
	m->count += foo_mc_list.nr;
	return 0;
}

static const struct foo_seq_ops foo_mc_seq_ops = {
	.start = foo_mc_start,
	.stop = foo_mc_stop,
	.show = foo_mc_show,
};

/* a single_open()-like file: its show sleeps, its start takes nothing */
static void *foo_single_start(struct foo_seq *m, long *pos)
{
	return *pos ? NULL : m;
}

static void foo_single_stop(struct foo_seq *m, void *v)
{
}

static int foo_sleepy_show(struct foo_seq *m, void *v)
{
	mutex_lock(&foo_cfg_mutex);
	m->count++;
	mutex_unlock(&foo_cfg_mutex);
	return 0;
}

static const struct foo_seq_ops foo_single_seq_ops = {
	.start = foo_single_start,
	.stop = foo_single_stop,
	.show = foo_sleepy_show,
};

/* single_open(): ops made in code, with a show that sleeps (intel_bios_vbt_show()) */
static int foo_vbt_show(struct foo_seq *m, void *v)
{
	mutex_lock(&foo_cfg_mutex);
	m->count++;
	mutex_unlock(&foo_cfg_mutex);
	return 0;
}

int foo_single_open(struct foo_seq_ops *op, int (*show)(struct foo_seq *, void *))
{
	op->start = foo_single_start;
	op->stop = foo_single_stop;
	op->show = show;
	return 0;
}

int foo_vbt_open(struct foo_seq_ops *op)
{
	return foo_single_open(op, foo_vbt_show);
}

/* a real bug: a show that sleeps under its own start's spinlock */
static void *foo_bad_start(struct foo_seq *m, long *pos)
{
	spin_lock(&foo_bad_list.lock);
	return &foo_bad_list;
}

static void foo_bad_stop(struct foo_seq *m, void *v)
{
	spin_unlock(&foo_bad_list.lock);
}

static int foo_bad_show(struct foo_seq *m, void *v)
{
	mutex_lock(&foo_cfg_mutex); /* expect: LC004 */
	m->count += foo_bad_list.nr;
	mutex_unlock(&foo_cfg_mutex);
	return 0;
}

static const struct foo_seq_ops foo_bad_seq_ops = {
	.start = foo_bad_start,
	.stop = foo_bad_stop,
	.show = foo_bad_show,
};

const struct foo_seq_ops *foo_seq_tables[] = {
	&foo_mc_seq_ops, &foo_single_seq_ops, &foo_bad_seq_ops,
};
