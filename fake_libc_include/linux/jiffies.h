/* lockctx stub: mirrors the Linux 6.12 shape of <linux/jiffies.h> (HZ=1000 as x86_64 defconfig). */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>
#include <linux/limits.h>
#include <linux/typecheck.h>
#include <linux/time.h>

/* <asm/param.h> */
#ifndef HZ
#define HZ		1000
#endif
#define USER_HZ		100

extern u64 jiffies_64;
extern unsigned long volatile jiffies;

#define time_after(a,b)		\
	(typecheck(unsigned long, a) && \
	 typecheck(unsigned long, b) && \
	 ((long)((b) - (a)) < 0))
#define time_before(a,b)	time_after(b,a)
#define time_after_eq(a,b)	\
	(typecheck(unsigned long, a) && \
	 typecheck(unsigned long, b) && \
	 ((long)((a) - (b)) >= 0))
#define time_before_eq(a,b)	time_after_eq(b,a)

#define time_is_before_jiffies(a) time_after(jiffies, a)
#define time_is_after_jiffies(a) time_before(jiffies, a)
#define time_is_before_eq_jiffies(a) time_after_eq(jiffies, a)
#define time_is_after_eq_jiffies(a) time_before_eq(jiffies, a)

#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1)-1)

extern unsigned int jiffies_to_msecs(const unsigned long j);
extern unsigned int jiffies_to_usecs(const unsigned long j);
extern unsigned long __msecs_to_jiffies(const unsigned int m);
extern unsigned long __usecs_to_jiffies(const unsigned int u);
extern unsigned long nsecs_to_jiffies(u64 n);

static __always_inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	return __msecs_to_jiffies(m);
}

static __always_inline unsigned long usecs_to_jiffies(const unsigned int u)
{
	return __usecs_to_jiffies(u);
}

#endif /* _LINUX_JIFFIES_H */
