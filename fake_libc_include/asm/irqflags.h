/* lockctx stub: mirrors the Linux 6.12 shape of x86 <asm/irqflags.h> (native_* are asm in the kernel). */
#ifndef _X86_IRQFLAGS_H_
#define _X86_IRQFLAGS_H_

#include <linux/compiler.h>

#define X86_EFLAGS_IF	0x00000200

extern unsigned long native_save_fl(void);
extern void native_irq_disable(void);
extern void native_irq_enable(void);
extern void native_safe_halt(void);
extern void native_halt(void);

static __always_inline unsigned long arch_local_save_flags(void)
{
	return native_save_fl();
}

static __always_inline void arch_local_irq_disable(void)
{
	native_irq_disable();
}

static __always_inline void arch_local_irq_enable(void)
{
	native_irq_enable();
}

static __always_inline void arch_safe_halt(void)
{
	native_safe_halt();
}

static __always_inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags = arch_local_save_flags();
	arch_local_irq_disable();
	return flags;
}

static __always_inline int arch_irqs_disabled_flags(unsigned long flags)
{
	return !(flags & X86_EFLAGS_IF);
}

static __always_inline int arch_irqs_disabled(void)
{
	unsigned long flags = arch_local_save_flags();

	return arch_irqs_disabled_flags(flags);
}

static __always_inline void arch_local_irq_restore(unsigned long flags)
{
	if (!arch_irqs_disabled_flags(flags))
		arch_local_irq_enable();
}

#endif /* _X86_IRQFLAGS_H_ */
