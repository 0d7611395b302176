/* lockctx stub: mirrors the Linux 6.12 shape of <linux/bitops.h> (instrumented wrappers over arch_*). */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/types.h>
#include <linux/bits.h>
#include <linux/compiler.h>

#define BITS_TO_LONGS(nr)	(((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)

extern void arch_set_bit(long nr, volatile unsigned long *addr);
extern void arch_clear_bit(long nr, volatile unsigned long *addr);
extern void arch_change_bit(long nr, volatile unsigned long *addr);
extern bool arch_test_and_set_bit(long nr, volatile unsigned long *addr);
extern bool arch_test_and_clear_bit(long nr, volatile unsigned long *addr);
extern bool arch_test_bit(unsigned long nr, const volatile unsigned long *addr);
extern unsigned long _find_first_bit(const unsigned long *addr, unsigned long size);
extern unsigned long _find_next_bit(const unsigned long *addr, unsigned long size,
				    unsigned long offset);

static __always_inline void set_bit(long nr, volatile unsigned long *addr)
{
	arch_set_bit(nr, addr);
}

static __always_inline void clear_bit(long nr, volatile unsigned long *addr)
{
	arch_clear_bit(nr, addr);
}

static __always_inline void change_bit(long nr, volatile unsigned long *addr)
{
	arch_change_bit(nr, addr);
}

static __always_inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	return arch_test_and_set_bit(nr, addr);
}

static __always_inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	return arch_test_and_clear_bit(nr, addr);
}

static __always_inline bool _test_bit(unsigned long nr, const volatile unsigned long *addr)
{
	return arch_test_bit(nr, addr);
}

/* 6.12: test_bit() is a macro dispatching to const_test_bit()/_test_bit() */
#define test_bit(nr, addr)	_test_bit(nr, addr)

#define __set_bit(nr, addr)	set_bit(nr, addr)
#define __clear_bit(nr, addr)	clear_bit(nr, addr)

static inline unsigned long find_first_bit(const unsigned long *addr, unsigned long size)
{
	return _find_first_bit(addr, size);
}

static inline unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
					  unsigned long offset)
{
	return _find_next_bit(addr, size, offset);
}

#define for_each_set_bit(bit, addr, size) \
	for ((bit) = 0; (bit) = find_next_bit((addr), (size), (bit)), (bit) < (size); (bit)++)

#endif /* _LINUX_BITOPS_H */
