// SPDX-License-Identifier: GPL-2.0
/*
 * A lock handed back through an out-parameter and released by the caller only if it was
 * handed back, reduced from io_uring/poll.c:830-911: io_poll_find() returns holding the
 * bucket's lock with `*out_bucket = hb` when it finds a request, and NULL in
 * *out_bucket otherwise; __io_poll_cancel() ends with
 *
 *	if (bucket)
 *		spin_unlock(&bucket->lock);
 *
 * The false branch of that test is not taken holding the bucket's lock (as for
 * `if (p) f(p)` with f a release, lock_pointer_tested_null.c). It was, for a plain
 * spin_unlock(): the branch let the lock go only for an irqrestore, so io_sync_cancel()
 * seemed to call io_run_task_work_sig() holding it, and every task work it runs
 * (21 of the whole defconfig tree's medium and high findings, LC004 through
 * io_uring_register()).
 *
 * Expected: no finding in foo_sync_cancel(), which sleeps after the cancel; LC004 in
 * foo_cancel_bad(), which sleeps before the unlock.
 */
#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/spinlock.h>

struct foo_bucket {
	spinlock_t lock;
	int nr;
};

struct foo_req {
	int data;
};

struct foo_table {
	struct foo_bucket hbs[16];
	struct foo_req *reqs[16];
};

static struct foo_req *foo_find(struct foo_table *table, int data,
				struct foo_bucket **out_bucket)
{
	struct foo_bucket *hb = &table->hbs[data & 15];

	*out_bucket = NULL;
	spin_lock(&hb->lock);
	if (table->reqs[data & 15] && table->reqs[data & 15]->data == data) {
		*out_bucket = hb;
		return table->reqs[data & 15];
	}
	spin_unlock(&hb->lock);
	return NULL;
}

static int foo_cancel(struct foo_table *table, int data)
{
	struct foo_bucket *bucket;
	struct foo_req *req;

	req = foo_find(table, data, &bucket);
	if (req)
		req->data = 0;
	if (bucket)
		spin_unlock(&bucket->lock);
	return req ? 0 : -ENOENT;
}

int foo_sync_cancel(struct foo_table *table, int data)
{
	int ret = foo_cancel(table, data);

	msleep(10);
	return ret;
}

int foo_cancel_bad(struct foo_table *table, int data)
{
	struct foo_bucket *bucket;
	struct foo_req *req;

	req = foo_find(table, data, &bucket);
	if (req)
		msleep(1); /* expect: LC004 */
	if (bucket)
		spin_unlock(&bucket->lock);
	return 0;
}
