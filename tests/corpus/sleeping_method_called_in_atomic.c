// SPDX-License-Identifier: GPL-2.0
/*
 * A method the kernel documents as one that may sleep (Documentation/filesystems/
 * locking.rst: "file_operations ... All may block") is a sleeping call where it is called
 * through its ops table. Reduced from the whole defconfig tree: bio_endio() ->
 * dio_bio_end_aio() -> dio_complete() -> generic_write_sync() -> vfs_fsync_range()'s
 * `file->f_op->fsync()` was followed into every filesystem's fsync, and each lock and
 * sleep below it was a finding (690 of 2,716), where the one call is the thing to fix.
 *
 * foo_end_io() (hardirq) completes a write and syncs the file through foo_write_sync(),
 * which calls `file->f_op->fsync()`. bar_fsync(), a filesystem's fsync, takes bar_list_lock
 * and then a mutex; bar_list_add() takes bar_list_lock with interrupts on.
 *
 * Expected: one LC004, at the ->fsync() call; bar_fsync() is not entered in hardirq context
 * (no LC004 at its mutex_lock(), no LC001 for bar_list_lock). foo_flush() calls ->flush()
 * under foo_lock: LC004 there too. bar_open()'s task-context ->fsync() call is fine.
 */
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

static DEFINE_MUTEX(bar_mutex);
static DEFINE_SPINLOCK(bar_list_lock);
static DEFINE_SPINLOCK(foo_lock);
static int bar_nr_synced, bar_nr_items;
static struct file *foo_file;

static int bar_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	spin_lock(&bar_list_lock);
	bar_nr_synced++;
	spin_unlock(&bar_list_lock);
	mutex_lock(&bar_mutex);
	bar_nr_synced++;
	mutex_unlock(&bar_mutex);
	return 0;
}

static int bar_flush(struct file *file, void *id)
{
	mutex_lock(&bar_mutex);
	mutex_unlock(&bar_mutex);
	return 0;
}

static int bar_open(struct inode *inode, struct file *file)
{
	return file->f_op->fsync(file, 0, 0, 1);
}

static const struct file_operations bar_fops = {
	.owner = THIS_MODULE,
	.open = bar_open,
	.flush = bar_flush,
	.fsync = bar_fsync,
};

void bar_list_add(void)
{
	spin_lock(&bar_list_lock);
	bar_nr_items++;
	spin_unlock(&bar_list_lock);
}

static int foo_write_sync(struct file *file)
{
	return file->f_op->fsync(file, 0, 0, 1); /* expect: LC004 */
}

static irqreturn_t foo_end_io(int irq, void *data)
{
	foo_write_sync(foo_file);
	return IRQ_HANDLED;
}

void foo_flush(struct file *file)
{
	spin_lock(&foo_lock);
	file->f_op->flush(file, NULL); /* expect: LC004 */
	spin_unlock(&foo_lock);
}

int foo_setup(int irq)
{
	int ret = register_chrdev(0, "bar", &bar_fops);

	if (ret < 0)
		return ret;
	return request_irq(irq, foo_end_io, 0, "foo", NULL);
}
MODULE_LICENSE("GPL");
