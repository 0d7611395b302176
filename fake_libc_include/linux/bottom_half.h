/* lockctx stub: mirrors the Linux 6.12 shape of <linux/bottom_half.h> (!PREEMPT_RT, !TRACE_IRQFLAGS). */
#ifndef _LINUX_BH_H
#define _LINUX_BH_H

#include <linux/compiler.h>
#include <linux/preempt.h>

/* <linux/instruction_pointer.h>; the real one takes the address of a local label */
#ifndef _THIS_IP_
#define _THIS_IP_	((unsigned long)0)
#endif
#ifndef _RET_IP_
#define _RET_IP_	((unsigned long)__builtin_return_address(0))
#endif

static __always_inline void __local_bh_disable_ip(unsigned long ip, unsigned int cnt)
{
	preempt_count_add(cnt);
	barrier();
}

static inline void local_bh_disable(void)
{
	__local_bh_disable_ip(_THIS_IP_, SOFTIRQ_DISABLE_OFFSET);
}

extern void _local_bh_enable(void);
extern void __local_bh_enable_ip(unsigned long ip, unsigned int cnt);

static inline void local_bh_enable_ip(unsigned long ip)
{
	__local_bh_enable_ip(ip, SOFTIRQ_DISABLE_OFFSET);
}

static inline void local_bh_enable(void)
{
	__local_bh_enable_ip(_THIS_IP_, SOFTIRQ_DISABLE_OFFSET);
}

static inline bool local_bh_blocked(void) { return false; }

#endif /* _LINUX_BH_H */
