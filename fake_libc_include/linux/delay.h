/* lockctx stub: mirrors the Linux 6.12 shape of <linux/delay.h> (+ x86 asm/delay.h udelay). */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <linux/kernel.h>
#include <linux/sched.h>

extern unsigned long loops_per_jiffy;

/* <asm/delay.h>: busy-wait delays (the real udelay() picks __const_udelay for constants) */
extern void __udelay(unsigned long usecs);
extern void __ndelay(unsigned long nsecs);
#define udelay(n)	__udelay(n)

#define MAX_UDELAY_MS	5

#define mdelay(n) ({unsigned long __ms=(n); while (__ms--) udelay(1000);})

#define ndelay(n)	__ndelay(n)

void msleep(unsigned int msecs);
unsigned long msleep_interruptible(unsigned int msecs);
void usleep_range_state(unsigned long min, unsigned long max,
			unsigned int state);

static inline void usleep_range(unsigned long min, unsigned long max)
{
	usleep_range_state(min, max, TASK_UNINTERRUPTIBLE);
}

static inline void usleep_idle_range(unsigned long min, unsigned long max)
{
	usleep_range_state(min, max, TASK_IDLE);
}

static inline void ssleep(unsigned int seconds)
{
	msleep(seconds * 1000);
}

/* see Documentation/timers/timers-howto.rst for the thresholds */
static inline void fsleep(unsigned long usecs)
{
	if (usecs <= 10)
		udelay(usecs);
	else if (usecs <= 20000)
		usleep_range(usecs, 2 * usecs);
	else
		msleep(DIV_ROUND_UP(usecs, 1000));
}

#endif /* _LINUX_DELAY_H */
