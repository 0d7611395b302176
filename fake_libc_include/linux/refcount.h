/* lockctx stub: mirrors the Linux 6.12 shape of <linux/refcount.h> (subset). */
#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/spinlock_types.h>

struct mutex;

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n)	{ .refs = ATOMIC_INIT(n), }

extern void refcount_set(refcount_t *r, int n);
extern unsigned int refcount_read(const refcount_t *r);
extern void refcount_inc(refcount_t *r);
extern __must_check bool refcount_dec_and_test(refcount_t *r);

extern __must_check bool refcount_dec_and_mutex_lock(refcount_t *r, struct mutex *lock) __cond_acquires(lock);
extern __must_check bool refcount_dec_and_lock(refcount_t *r, spinlock_t *lock) __cond_acquires(lock);
extern __must_check bool refcount_dec_and_lock_irqsave(refcount_t *r,
						       spinlock_t *lock,
						       unsigned long *flags) __cond_acquires(lock);
#endif /* _LINUX_REFCOUNT_H */
