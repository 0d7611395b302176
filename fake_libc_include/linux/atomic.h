/* lockctx stub: mirrors the Linux 6.12 shape of <linux/atomic.h> (instrumented wrappers over arch_*). */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>
#include <linux/compiler.h>

extern void arch_atomic_add(int i, atomic_t *v);
extern void arch_atomic_sub(int i, atomic_t *v);
extern int arch_atomic_add_return(int i, atomic_t *v);
extern int arch_atomic_cmpxchg(atomic_t *v, int old, int new);
extern int arch_atomic_xchg(atomic_t *v, int new);
extern void arch_atomic64_add(s64 i, atomic64_t *v);
extern s64 arch_atomic64_add_return(s64 i, atomic64_t *v);
#define arch_atomic_add_return arch_atomic_add_return
#define arch_atomic_cmpxchg arch_atomic_cmpxchg
#define arch_atomic_xchg arch_atomic_xchg
#define arch_atomic64_add_return arch_atomic64_add_return

static __always_inline int atomic_read(const atomic_t *v)
{
	return READ_ONCE(v->counter);
}

static __always_inline void atomic_set(atomic_t *v, int i)
{
	WRITE_ONCE(v->counter, i);
}

static __always_inline void atomic_add(int i, atomic_t *v)
{
	arch_atomic_add(i, v);
}

static __always_inline void atomic_sub(int i, atomic_t *v)
{
	arch_atomic_sub(i, v);
}

static __always_inline void atomic_inc(atomic_t *v)
{
	arch_atomic_add(1, v);
}

static __always_inline void atomic_dec(atomic_t *v)
{
	arch_atomic_sub(1, v);
}

static __always_inline int atomic_add_return(int i, atomic_t *v)
{
	return arch_atomic_add_return(i, v);
}

static __always_inline int atomic_inc_return(atomic_t *v)
{
	return arch_atomic_add_return(1, v);
}

static __always_inline int atomic_dec_return(atomic_t *v)
{
	return arch_atomic_add_return(-1, v);
}

static __always_inline bool atomic_dec_and_test(atomic_t *v)
{
	return arch_atomic_add_return(-1, v) == 0;
}

static __always_inline bool atomic_inc_and_test(atomic_t *v)
{
	return arch_atomic_add_return(1, v) == 0;
}

static __always_inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	return arch_atomic_cmpxchg(v, old, new);
}

static __always_inline int atomic_xchg(atomic_t *v, int new)
{
	return arch_atomic_xchg(v, new);
}

static __always_inline long atomic_long_read(const atomic_long_t *v)
{
	return READ_ONCE(v->counter);
}

static __always_inline void atomic_long_set(atomic_long_t *v, long i)
{
	WRITE_ONCE(v->counter, i);
}

static __always_inline void atomic_long_add(long i, atomic_long_t *v)
{
	arch_atomic64_add(i, v);
}

static __always_inline void atomic_long_inc(atomic_long_t *v)
{
	arch_atomic64_add(1, v);
}

static __always_inline void atomic_long_dec(atomic_long_t *v)
{
	arch_atomic64_add(-1, v);
}

static __always_inline long atomic_long_add_return(long i, atomic_long_t *v)
{
	return arch_atomic64_add_return(i, v);
}

static __always_inline bool atomic_long_dec_and_test(atomic_long_t *v)
{
	return arch_atomic64_add_return(-1, v) == 0;
}

#endif /* _LINUX_ATOMIC_H */
