// SPDX-License-Identifier: GPL-2.0
/*
 * An irqsave inside a subsystem's own do-while macro, reduced from console_trylock_spinning()
 * in kernel/printk/printk.c and printk_safe_enter_irqsave() in kernel/printk/internal.h. The
 * macro's expansion shows only its own name, so the local_irq_save() inside it was not seen:
 * console_owner_lock, taken with plain raw_spin_lock() right after it and also from an
 * interrupt handler, was reported as taken with interrupts on (6 findings over kernel/:
 * LC001 and LC002 at three sites). rules.toml names the wrappers as irqsave/irqrestore.
 *
 * Expected: nothing under the wrapper; the same lock taken plainly without it is still
 * reported (LC001).
 */
#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <linux/irqflags.h>
#include <linux/printk.h>

/*
 * kernel/printk/internal.h's, as there. The stub headers have them (rules.toml names them);
 * a real tree's public headers do not. (The pycparser frontend keeps the stubs' API macros
 * as calls; a definition here would be expanded again.)
 */
#if !defined(printk_safe_enter_irqsave) && !defined(__LOCKCTX_PYCPARSER__)
void __printk_safe_enter(void);
void __printk_safe_exit(void);
#define printk_safe_enter_irqsave(flags)	\
	do {					\
		local_irq_save(flags);		\
		__printk_safe_enter();		\
	} while (0)
#define printk_safe_exit_irqrestore(flags)	\
	do {					\
		__printk_safe_exit();		\
		local_irq_restore(flags);	\
	} while (0)
#endif

static DEFINE_RAW_SPINLOCK(foo_console_owner_lock);
static int foo_console_waiter;

int foo_console_trylock_spinning(void)
{
	unsigned long flags;
	int waiter;

	printk_safe_enter_irqsave(flags);
	raw_spin_lock(&foo_console_owner_lock);
	waiter = foo_console_waiter;
	foo_console_waiter = 1;
	raw_spin_unlock(&foo_console_owner_lock);
	printk_safe_exit_irqrestore(flags);
	return waiter;
}

static irqreturn_t foo_console_irq(int irq, void *dev)
{
	raw_spin_lock(&foo_console_owner_lock);
	foo_console_waiter = 0;
	raw_spin_unlock(&foo_console_owner_lock);
	return IRQ_HANDLED;
}

int foo_console_probe(int irq)
{
	return request_irq(irq, foo_console_irq, 0, "foo_console", NULL);
}

void foo_console_reset(void)
{
	raw_spin_lock(&foo_console_owner_lock); /* expect: LC001 */
	foo_console_waiter = 0;
	raw_spin_unlock(&foo_console_owner_lock);
}
