/* lockctx stub: mirrors the Linux 6.12 shape of <linux/kernel.h> (PREEMPT_DYNAMIC, !DEBUG_ATOMIC_SLEEP). */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/limits.h>
#include <linux/bits.h>
#include <linux/stringify.h>
#include <linux/typecheck.h>
#include <linux/container_of.h>
#include <linux/build_bug.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/printk.h>

#define ARRAY_SIZE(arr)		(sizeof(arr) / sizeof((arr)[0]))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define ALIGN(x, a)		(((x) + ((typeof(x))(a) - 1)) & ~((typeof(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((typeof(x))(a) - 1)) == 0)
#define round_up(x, y)		((((x) - 1) | ((typeof(x))((y) - 1))) + 1)
#define round_down(x, y)	((x) & ~((typeof(x))((y) - 1)))
#define upper_32_bits(n)	((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n)	((u32)((n) & 0xffffffff))

#define min(x, y) ({ typeof(x) __x = (x); typeof(y) __y = (y); __x < __y ? __x : __y; })
#define max(x, y) ({ typeof(x) __x = (x); typeof(y) __y = (y); __x > __y ? __x : __y; })
#define min_t(type, x, y) ({ type __x = (x); type __y = (y); __x < __y ? __x : __y; })
#define max_t(type, x, y) ({ type __x = (x); type __y = (y); __x > __y ? __x : __y; })
#define clamp(val, lo, hi) min(max(val, lo), hi)
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)

#define PTR_IF(cond, ptr)	((cond) ? (ptr) : NULL)

/* might_sleep(): PREEMPT_DYNAMIC (static call) + !DEBUG_ATOMIC_SLEEP, as x86_64 defconfig */
extern int __cond_resched(void);

static __always_inline void might_resched(void)
{
	__cond_resched();
}

static inline void __might_resched(const char *file, int line,
				   unsigned int offsets) { }
static inline void __might_sleep(const char *file, int line) { }
# define might_sleep() do { might_resched(); } while (0)
# define cant_sleep() do { } while (0)
# define cant_migrate() do { } while (0)
#define might_sleep_if(cond) do { if (cond) might_sleep(); } while (0)

static inline void might_fault(void) { }

extern __printf(2, 3) int sprintf(char *buf, const char *fmt, ...);
extern __printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
extern __printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);
extern int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
extern __printf(2, 3) char *kasprintf(gfp_t gfp, const char *fmt, ...);
extern int __must_check kstrtoint(const char *s, unsigned int base, int *res);
extern int __must_check kstrtouint(const char *s, unsigned int base, unsigned int *res);
extern int __must_check kstrtoul(const char *s, unsigned int base, unsigned long *res);
extern int __must_check kstrtoull(const char *s, unsigned int base, unsigned long long *res);
extern int __must_check kstrtoll(const char *s, unsigned int base, long long *res);

static inline int __must_check kstrtou64(const char *s, unsigned int base, u64 *res)
{
	return kstrtoull(s, base, res);
}

static inline int __must_check kstrtos64(const char *s, unsigned int base, s64 *res)
{
	return kstrtoll(s, base, res);
}
extern int __must_check kstrtobool(const char *s, bool *res);

#endif /* _LINUX_KERNEL_H */
