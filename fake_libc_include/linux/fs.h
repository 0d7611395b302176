/* lockctx stub: mirrors the Linux 6.12 shape of <linux/fs.h> (file_operations and chrdev registration only). */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/list.h>

struct module;
struct inode;
struct poll_table_struct;
struct vm_area_struct;

typedef unsigned int __poll_t;

struct file {
	unsigned int		f_flags;
	fmode_t			f_mode;
	loff_t			f_pos;
	void			*private_data;
	struct inode		*f_inode;
};

struct inode {
	umode_t			i_mode;
	dev_t			i_rdev;
	loff_t			i_size;
	void			*i_private;
};

struct file_operations {
	struct module *owner;
	loff_t (*llseek) (struct file *, loff_t, int);
	ssize_t (*read) (struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write) (struct file *, const char __user *, size_t, loff_t *);
	__poll_t (*poll) (struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl) (struct file *, unsigned int, unsigned long);
	long (*compat_ioctl) (struct file *, unsigned int, unsigned long);
	int (*mmap) (struct file *, struct vm_area_struct *);
	int (*open) (struct inode *, struct file *);
	int (*flush) (struct file *, void *id);
	int (*release) (struct inode *, struct file *);
	int (*fasync) (int, struct file *, int);
};

extern loff_t noop_llseek(struct file *file, loff_t offset, int whence);
extern int nonseekable_open(struct inode *inode, struct file *filp);
extern int stream_open(struct inode *inode, struct file *filp);

extern int __register_chrdev(unsigned int major, unsigned int baseminor,
			     unsigned int count, const char *name,
			     const struct file_operations *fops);
extern void __unregister_chrdev(unsigned int major, unsigned int baseminor,
				unsigned int count, const char *name);

static inline int register_chrdev(unsigned int major, const char *name,
				  const struct file_operations *fops)
{
	return __register_chrdev(major, 0, 256, name, fops);
}

static inline void unregister_chrdev(unsigned int major, const char *name)
{
	__unregister_chrdev(major, 0, 256, name);
}

extern int alloc_chrdev_region(dev_t *, unsigned, unsigned, const char *);
extern void unregister_chrdev_region(dev_t, unsigned);

#endif /* _LINUX_FS_H */
