/* lockctx stub: mirrors the Linux 6.12 shape of <linux/uaccess.h> (subset; no INLINE_COPY_*). */
#ifndef __LINUX_UACCESS_H__
#define __LINUX_UACCESS_H__

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>

extern __must_check unsigned long
_copy_from_user(void *, const void __user *, unsigned long);
extern __must_check unsigned long
_copy_to_user(void __user *, const void *, unsigned long);

/* <linux/thread_info.h>: hardened usercopy object-size check */
static __always_inline __must_check bool
check_copy_size(const void *addr, size_t bytes, bool is_source)
{
	return true;
}

static __always_inline unsigned long __must_check
copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (!check_copy_size(to, n, false))
		return n;
	return _copy_from_user(to, from, n);
}

static __always_inline unsigned long __must_check
copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!check_copy_size(from, n, true))
		return n;
	return _copy_to_user(to, from, n);
}

extern long strncpy_from_user(char *dst, const char __user *src, long count);
extern __must_check long strnlen_user(const char __user *str, long n);
extern unsigned long clear_user(void __user *to, unsigned long n);

/* x86 get_user()/put_user() are asm; the stub calls out-of-line helpers */
extern int __lockctx_get_user(void *dst, const void __user *ptr, unsigned long size);
extern int __lockctx_put_user(const void *src, void __user *ptr, unsigned long size);

#define get_user(x, ptr)						\
({									\
	might_fault();							\
	__lockctx_get_user(&(x), (ptr), sizeof(*(ptr)));		\
})

#define put_user(x, ptr)						\
({									\
	__typeof__(*(ptr)) __pu_val = (x);				\
	might_fault();							\
	__lockctx_put_user(&__pu_val, (ptr), sizeof(*(ptr)));		\
})

#endif /* __LINUX_UACCESS_H__ */
