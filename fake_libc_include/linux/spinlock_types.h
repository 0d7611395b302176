/* lockctx stub: mirrors the Linux 6.12 shape of <linux/spinlock_types.h> (+ _raw and rwlock_types, qspinlock). */
#ifndef __LINUX_SPINLOCK_TYPES_H
#define __LINUX_SPINLOCK_TYPES_H

#include <linux/types.h>
#include <linux/lockdep.h>

/* asm-generic/qspinlock_types.h, qrwlock_types.h (simplified) */
typedef struct qspinlock {
	atomic_t val;
} arch_spinlock_t;

#define __ARCH_SPIN_LOCK_UNLOCKED	{ .val = ATOMIC_INIT(0) }

typedef struct qrwlock {
	atomic_t cnts;
	arch_spinlock_t wait_lock;
} arch_rwlock_t;

#define __ARCH_RW_LOCK_UNLOCKED { .cnts = ATOMIC_INIT(0), .wait_lock = __ARCH_SPIN_LOCK_UNLOCKED }

/* linux/spinlock_types_raw.h */
typedef struct raw_spinlock {
	arch_spinlock_t raw_lock;
} raw_spinlock_t;

#define __RAW_SPIN_LOCK_INITIALIZER(lockname)	\
	{ .raw_lock = __ARCH_SPIN_LOCK_UNLOCKED }

#define __RAW_SPIN_LOCK_UNLOCKED(lockname)	\
	(raw_spinlock_t) __RAW_SPIN_LOCK_INITIALIZER(lockname)

#define DEFINE_RAW_SPINLOCK(x)  raw_spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED(x)

/* linux/spinlock_types.h (!PREEMPT_RT; the real one wraps rlock in a union) */
typedef struct spinlock {
	struct raw_spinlock rlock;
} spinlock_t;

#define ___SPIN_LOCK_INITIALIZER(lockname)	\
	{ .raw_lock = __ARCH_SPIN_LOCK_UNLOCKED }

#define __SPIN_LOCK_INITIALIZER(lockname) \
	{ .rlock = ___SPIN_LOCK_INITIALIZER(lockname) }

#define __SPIN_LOCK_UNLOCKED(lockname) \
	(spinlock_t) __SPIN_LOCK_INITIALIZER(lockname)

#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

/* linux/rwlock_types.h */
typedef struct {
	arch_rwlock_t raw_lock;
} rwlock_t;

#define __RW_LOCK_UNLOCKED(lockname) \
	(rwlock_t)	{ .raw_lock = __ARCH_RW_LOCK_UNLOCKED }

#define DEFINE_RWLOCK(x)	rwlock_t x = __RW_LOCK_UNLOCKED(x)

#endif /* __LINUX_SPINLOCK_TYPES_H */
