/* lockctx stub: mirrors the Linux 6.12 shape of <linux/dcache.h> (struct dentry_operations only). */
#ifndef __LINUX_DCACHE_H
#define __LINUX_DCACHE_H

#include <linux/types.h>

struct dentry;
struct inode;
struct path;
struct qstr;
struct vfsmount;

struct dentry_operations {
	int (*d_revalidate)(struct dentry *, unsigned int);
	int (*d_weak_revalidate)(struct dentry *, unsigned int);
	int (*d_hash)(const struct dentry *, struct qstr *);
	int (*d_compare)(const struct dentry *,
			unsigned int, const char *, const struct qstr *);
	int (*d_delete)(const struct dentry *);
	int (*d_init)(struct dentry *);
	void (*d_release)(struct dentry *);
	void (*d_prune)(struct dentry *);
	void (*d_iput)(struct dentry *, struct inode *);
	char *(*d_dname)(struct dentry *, char *, int);
	struct vfsmount *(*d_automount)(struct path *);
	int (*d_manage)(const struct path *, bool);
	struct dentry *(*d_real)(struct dentry *, int type);
};

#endif /* __LINUX_DCACHE_H */
