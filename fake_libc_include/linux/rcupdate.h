/* lockctx stub: mirrors the Linux 6.12 shape of <linux/rcupdate.h> (PREEMPT_RCU, !LOCKDEP; subset). */
#ifndef __LINUX_RCUPDATE_H
#define __LINUX_RCUPDATE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/bottom_half.h>
#include <linux/cleanup.h>
#include <asm/barrier.h>

void call_rcu(struct rcu_head *head, rcu_callback_t func);
void call_rcu_hurry(struct rcu_head *head, rcu_callback_t func);
void rcu_barrier_tasks(void);
void synchronize_rcu(void);
void synchronize_rcu_expedited(void);
void rcu_barrier(void);

/* CONFIG_PREEMPT_RCU */
void __rcu_read_lock(void);
void __rcu_read_unlock(void);

static __always_inline void rcu_read_lock(void)
{
	__rcu_read_lock();
	__acquire(RCU);
}

static inline void rcu_read_unlock(void)
{
	__release(RCU);
	__rcu_read_unlock();
}

static inline void rcu_read_lock_bh(void)
{
	local_bh_disable();
	__acquire(RCU_BH);
}

static inline void rcu_read_unlock_bh(void)
{
	__release(RCU_BH);
	local_bh_enable();
}

static inline void rcu_read_lock_sched(void)
{
	preempt_disable();
	__acquire(RCU_SCHED);
}

static inline void rcu_read_unlock_sched(void)
{
	__release(RCU_SCHED);
	preempt_enable();
}

#define rcu_dereference_check(p, c) \
	({ typeof(*(p)) *__p1 = (typeof(*(p)) *)READ_ONCE(p); __p1; })
#define rcu_dereference(p)		rcu_dereference_check(p, 0)
#define rcu_dereference_bh(p)		rcu_dereference_check(p, 0)
#define rcu_dereference_sched(p)	rcu_dereference_check(p, 0)
#define rcu_dereference_protected(p, c)	((typeof(*(p)) *)(p))
#define rcu_access_pointer(p)		((typeof(*(p)) *)READ_ONCE(p))

#define rcu_assign_pointer(p, v)					\
do {									\
	smp_store_release(&p, v);					\
} while (0)

#define RCU_INIT_POINTER(p, v)						\
	do {								\
		WRITE_ONCE(p, v);					\
	} while (0)

void kvfree_call_rcu(struct rcu_head *head, void *ptr);

#define kfree_rcu(ptr, rhf)	kvfree_call_rcu(&((ptr)->rhf), (void *)(ptr))
#define kvfree_rcu(ptr, rhf)	kfree_rcu(ptr, rhf)

DEFINE_LOCK_GUARD_0(rcu,
	do {
		rcu_read_lock();
		__release(RCU);
	} while (0),
	rcu_read_unlock())

#endif /* __LINUX_RCUPDATE_H */
