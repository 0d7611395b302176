/* lockctx stub: mirrors the Linux 6.12 shape of <linux/local_lock.h> (!PREEMPT_RT: a per-CPU lock is preemption or interrupts off). */
#ifndef _LINUX_LOCAL_LOCK_H
#define _LINUX_LOCAL_LOCK_H

#include <linux/cleanup.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>

typedef struct {
	int owner;
} local_lock_t;

#define INIT_LOCAL_LOCK(lockname)	{ 0 }

#define local_lock_init(lock)		do { (void)(lock); } while (0)
#define local_lock(lock)		do { (void)(lock); preempt_disable(); } while (0)
#define local_unlock(lock)		do { (void)(lock); preempt_enable(); } while (0)
#define local_lock_irq(lock)		do { (void)(lock); local_irq_disable(); } while (0)
#define local_unlock_irq(lock)		do { (void)(lock); local_irq_enable(); } while (0)
#define local_lock_irqsave(lock, flags)				\
	do { (void)(lock); local_irq_save(flags); } while (0)
#define local_unlock_irqrestore(lock, flags)			\
	do { (void)(lock); local_irq_restore(flags); } while (0)

DEFINE_GUARD(local_lock_irq, local_lock_t *,
	     local_lock_irq(_T),
	     local_unlock_irq(_T))

#endif /* _LINUX_LOCAL_LOCK_H */
