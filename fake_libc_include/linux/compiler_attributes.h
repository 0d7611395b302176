/* lockctx stub: mirrors the Linux 6.12 shape of <linux/compiler_attributes.h>. */
#ifndef __LINUX_COMPILER_ATTRIBUTES_H
#define __LINUX_COMPILER_ATTRIBUTES_H

/*
 * Every GNU __attribute__ used by the stubs goes through __lockctx_attr().
 * Define LOCKCTX_NO_ATTRIBUTES (e.g. for a pycparser pass after `gcc -E`)
 * to drop them all; the stubs then also avoid inline asm and __builtin_va_list.
 */
#ifdef LOCKCTX_NO_ATTRIBUTES
# define __lockctx_attr(x)
#else
# define __lockctx_attr(x) __attribute__((x))
#endif

#define __aligned(x)			__lockctx_attr(__aligned__(x))
#define __alloc_size(x, ...)		__lockctx_attr(__alloc_size__(x, ## __VA_ARGS__))
#define __realloc_size(x, ...)		__lockctx_attr(__alloc_size__(x, ## __VA_ARGS__))
#define __always_unused			__lockctx_attr(__unused__)
#define __maybe_unused			__lockctx_attr(__unused__)
#define __cleanup(func)			__lockctx_attr(__cleanup__(func))
#define __cold				__lockctx_attr(__cold__)
#define __malloc			__lockctx_attr(__malloc__)
#define __must_check			__lockctx_attr(__warn_unused_result__)
#define __noreturn			__lockctx_attr(__noreturn__)
#define __packed			__lockctx_attr(__packed__)
#define __printf(a, b)			__lockctx_attr(__format__(printf, a, b))
#define __section(section)		__lockctx_attr(__section__(section))
#define __used				__lockctx_attr(__used__)
#define __weak				__lockctx_attr(__weak__)
#define noinline			__lockctx_attr(__noinline__)
#define __compiletime_error(msg)	__lockctx_attr(__error__(msg))

#ifdef LOCKCTX_NO_ATTRIBUTES
# define fallthrough			do {} while (0)
#else
# define fallthrough			__attribute__((__fallthrough__))
#endif

#endif /* __LINUX_COMPILER_ATTRIBUTES_H */
