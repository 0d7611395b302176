// SPDX-License-Identifier: GPL-2.0
/*
 * A constant assigned to a variable a later test reads, reduced from kvfree_call_rcu()
 * (kernel/rcu/tree.c:3834-3878):
 *
 *	success = add_ptr_to_bulk_krc_lock(&krcp, &flags, ptr, !head);
 *	if (!success) {
 *		if (head == NULL)
 *			goto unlock_return;
 *		...
 *		success = true;
 *	}
 *	...
 * unlock_return:
 *	krc_this_cpu_unlock(krcp, flags);
 *	if (!success) {
 *		...
 *		synchronize_rcu();
 *
 * called as kfree_rcu(p, rcu) under the rq lock with interrupts off (kernel/sched/core.c:2750):
 * head is an address, so the failed-add branch sets success, and the second test never runs
 * synchronize_rcu(). lockctx only forgot a variable's value on an assignment, so both arms
 * of the second test stayed open and the sleep was reported under the lock (LC004 at
 * tree.c:3875, round-6 triage H-05, "value-corr (assigned constant)").
 *
 * foo_flush_locked() is the real bug beside it: `done = false` where the test wants it true,
 * so the sleep runs under the spinlock.
 *
 * Recording those values costs room: a state keeps at most four. foo_prlimit() is
 * __do_sys_prlimit64() (kernel/sys.c:1696-1760): old_rlim, new_rlim, tsk and ret are tested
 * before need_tasklist, which decides both the read_lock() and the read_unlock(). Unless the
 * values no later test reads (tsk) are dropped, need_tasklist is not kept, and the
 * copy_to_user() after the unlock is reported under tasklist_lock.
 *
 * Expected: LC004 at the msleep() in foo_flush() only.
 */
#include <linux/spinlock.h>
#include <linux/rcupdate.h>
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/uaccess.h>

struct foo_krc_task {
	spinlock_t pi_lock;
	struct rcu_head rcu;
	int queued;
};

static int foo_krc_nr;

static bool foo_add_to_bulk(void *ptr, bool can_alloc)
{
	if (!can_alloc)
		return false;
	foo_krc_nr++;
	return foo_krc_nr < 16;
}

void foo_krc_call(struct rcu_head *head, void *ptr)
{
	bool success;

	success = foo_add_to_bulk(ptr, !head);
	if (!success) {
		if (head == NULL)
			goto unlock_return;
		head->func = ptr;
		success = true;
	}
	foo_krc_nr++;
unlock_return:
	if (!success)
		might_sleep();
}

#define foo_krc_free(ptr, rhf)	foo_krc_call(&((ptr)->rhf), (void *)(ptr))

void foo_krc_free_locked(struct foo_krc_task *p)
{
	unsigned long flags;

	spin_lock_irqsave(&p->pi_lock, flags);
	p->queued = 0;
	foo_krc_free(p, rcu);
	spin_unlock_irqrestore(&p->pi_lock, flags);
}

static void foo_flush(struct foo_krc_task *p)
{
	bool done = true;

	if (p->queued)
		done = false;
	if (!done)
		msleep(1); /* expect: LC004 */
}

void foo_flush_locked(struct foo_krc_task *p)
{
	spin_lock(&p->pi_lock);
	foo_flush(p);
	spin_unlock(&p->pi_lock);
}

static DEFINE_RWLOCK(foo_tasklist_lock);

struct foo_rlim {
	unsigned long cur;
};

static int foo_check_permission(struct foo_krc_task *tsk, unsigned int flags)
{
	return tsk->queued == (int)flags ? -1 : 0;
}

static bool foo_same_group(struct foo_krc_task *tsk)
{
	return tsk->queued == 0;
}

static struct foo_krc_task foo_init_task;

static struct foo_krc_task *foo_find_task(int id)
{
	return id == 1 ? &foo_init_task : NULL;
}

int foo_prlimit(int id, struct foo_rlim *new_rlim, struct foo_rlim *old_rlim)
{
	struct foo_krc_task *tsk;
	struct foo_rlim old = { 0 };
	unsigned int checkflags = 0;
	bool need_tasklist;
	int ret;

	if (old_rlim)
		checkflags |= 1;
	if (new_rlim) {
		if (copy_from_user(&old, new_rlim, sizeof(old)))
			return -14;
		checkflags |= 2;
	}
	rcu_read_lock();
	tsk = id ? foo_find_task(id) : &foo_init_task;
	if (!tsk) {
		rcu_read_unlock();
		return -3;
	}
	ret = foo_check_permission(tsk, checkflags);
	if (ret) {
		rcu_read_unlock();
		return ret;
	}
	rcu_read_unlock();

	need_tasklist = !foo_same_group(tsk);
	if (need_tasklist) {
		read_lock(&foo_tasklist_lock);
		if (!tsk->queued)
			ret = -3;
	}
	if (!ret)
		old.cur = 1;
	if (need_tasklist)
		read_unlock(&foo_tasklist_lock);

	if (!ret && old_rlim) {
		if (copy_to_user(old_rlim, &old, sizeof(old)))
			ret = -14;
	}
	return ret;
}
