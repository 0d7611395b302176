/* lockctx stub: mirrors the Linux 6.12 shape of <linux/hardirq.h> (subset). */
#ifndef LINUX_HARDIRQ_H
#define LINUX_HARDIRQ_H

#include <linux/preempt.h>
#include <linux/lockdep.h>

extern void synchronize_irq(unsigned int irq);
extern bool synchronize_hardirq(unsigned int irq);

extern void irq_enter(void);
extern void irq_exit(void);

#endif /* LINUX_HARDIRQ_H */
