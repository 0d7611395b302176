/* lockctx stub: mirrors the Linux 6.12 shape of <linux/lockdep.h> / lockdep_types.h (!CONFIG_LOCKDEP). */
#ifndef __LINUX_LOCKDEP_H
#define __LINUX_LOCKDEP_H

#include <linux/types.h>

/* Empty in a !LOCKDEP kernel; a dummy member keeps the stubs plain C. */
struct lock_class_key { char __lockctx_unused; };
struct lockdep_map { char __lockctx_unused; };

#define SINGLE_DEPTH_NESTING		1

#define lockdep_init_map(lock, name, key, sub) \
		do { (void)(name); (void)(key); } while (0)
#define lockdep_set_class(lock, key)		do { (void)(key); } while (0)
#define lockdep_set_subclass(lock, sub)		do { } while (0)

#define lockdep_assert(c)			do { } while (0)
#define lockdep_assert_once(c)			do { } while (0)
#define lockdep_assert_held(l)			do { (void)(l); } while (0)
#define lockdep_assert_not_held(l)		do { (void)(l); } while (0)
#define lockdep_assert_held_write(l)		do { (void)(l); } while (0)
#define lockdep_assert_held_read(l)		do { (void)(l); } while (0)
#define lockdep_assert_held_once(l)		do { (void)(l); } while (0)
#define lockdep_assert_none_held_once()		do { } while (0)
extern int lockdep_is_held(const void *);
#define lockdep_is_held_type(l, r)		(1)

#define lockdep_assert_irqs_enabled()		do { } while (0)
#define lockdep_assert_irqs_disabled()		do { } while (0)
#define lockdep_assert_in_irq()			do { } while (0)
#define lockdep_assert_in_softirq()		do { } while (0)
#define lockdep_assert_preemption_enabled()	do { } while (0)
#define lockdep_assert_preemption_disabled()	do { } while (0)

#endif /* __LINUX_LOCKDEP_H */
