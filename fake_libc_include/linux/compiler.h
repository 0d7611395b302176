/* lockctx stub: mirrors the Linux 6.12 shape of <linux/compiler.h>. */
#ifndef __LINUX_COMPILER_H
#define __LINUX_COMPILER_H

#include <linux/compiler_types.h>

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#ifdef LOCKCTX_NO_ATTRIBUTES
# define barrier()	do { } while (0)
#else
# define barrier()	__asm__ __volatile__("" : : : "memory")
#endif

#ifdef LOCKCTX_NO_ATTRIBUTES	/* plain-C mode: no typeof */
# define READ_ONCE(x)		(x)
# define WRITE_ONCE(x, val)	do { (x) = (val); } while (0)
#else
# define READ_ONCE(x)		(*(const volatile typeof(x) *)&(x))
# define WRITE_ONCE(x, val)						\
	do {								\
		*(volatile typeof(x) *)&(x) = (val);			\
	} while (0)
#endif

#define unreachable()		__builtin_unreachable()

#endif /* __LINUX_COMPILER_H */
