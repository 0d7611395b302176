/* lockctx stub: mirrors the Linux 6.12 shape of <linux/bug.h> / <asm-generic/bug.h>. */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/build_bug.h>

/* x86 BUG() is an asm ud2; the stub calls a noreturn function instead. */
extern __noreturn void __lockctx_bug(const char *file, int line);
#define BUG() do { __lockctx_bug(__FILE__, __LINE__); } while (0)
#define BUG_ON(condition) do { if (unlikely(condition)) BUG(); } while (0)

extern __printf(4, 5) void warn_slowpath_fmt(const char *file, const int line,
					     unsigned taint, const char *fmt, ...);
#define __WARN()	warn_slowpath_fmt(__FILE__, __LINE__, 9, NULL)

#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__WARN();						\
	unlikely(__ret_warn_on);					\
})
#define WARN_ON_ONCE(condition)	WARN_ON(condition)
#define WARN(condition, format...) ({					\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		warn_slowpath_fmt(__FILE__, __LINE__, 9, format);	\
	unlikely(__ret_warn_on);					\
})
#define WARN_ONCE(condition, format...)	WARN(condition, format)

#endif /* _LINUX_BUG_H */
