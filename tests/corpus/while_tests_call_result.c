// SPDX-License-Identifier: GPL-2.0
/*
 * A while loop's condition is a test like an if's: a call whose exits differ in the lock
 * they hand back is known on each edge. Reduced from io_uring/io-wq.c:739:
 *
 *	while (io_acct_run_queue(acct))
 *		io_worker_handle_work(acct, worker);
 *
 * io_acct_run_queue() returns true holding acct->lock and false having dropped it;
 * io_worker_handle_work() drops it. With plain edges out of the condition, the exit that
 * holds the lock left the loop too, and everything io_wq_worker() did after the loop
 * (schedule_timeout(), the task work it runs) looked atomic.
 *
 * Expected: foo_worker() sleeps after the loop with nothing held: no finding. Inside the
 * body, before the handler drops the lock, foo_worker_sleepy() sleeps under it: LC004.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct foo_acct {
	raw_spinlock_t lock;
	int nr_work;
};

static DEFINE_MUTEX(foo_mutex);

static bool foo_run_queue(struct foo_acct *acct)
{
	raw_spin_lock(&acct->lock);
	if (acct->nr_work)
		return true;
	raw_spin_unlock(&acct->lock);
	return false;
}

static void foo_handle_work(struct foo_acct *acct)
{
	acct->nr_work--;
	raw_spin_unlock(&acct->lock);
}

void foo_worker(struct foo_acct *acct)
{
	while (foo_run_queue(acct))
		foo_handle_work(acct);
	mutex_lock(&foo_mutex);
	acct->nr_work = 0;
	mutex_unlock(&foo_mutex);
}

void foo_worker_sleepy(struct foo_acct *acct)
{
	while (foo_run_queue(acct)) {
		mutex_lock(&foo_mutex); /* expect: LC004 */
		mutex_unlock(&foo_mutex);
		foo_handle_work(acct);
	}
}
MODULE_LICENSE("GPL");
