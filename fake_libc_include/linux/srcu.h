/* lockctx stub: mirrors the Linux 6.12 shape of <linux/srcu.h> (subset: the callback API). */
#ifndef _LINUX_SRCU_H
#define _LINUX_SRCU_H

#include <linux/rcupdate.h>

struct srcu_struct;

void call_srcu(struct srcu_struct *ssp, struct rcu_head *head,
	       void (*func)(struct rcu_head *head));
int __srcu_read_lock(struct srcu_struct *ssp);
void __srcu_read_unlock(struct srcu_struct *ssp, int idx);
void synchronize_srcu(struct srcu_struct *ssp);

#endif /* _LINUX_SRCU_H */
