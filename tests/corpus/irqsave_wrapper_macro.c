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

/*
 * In the kernel these are do-while macros around local_irq_save()/local_irq_restore() and
 * __printk_safe_enter()/__printk_safe_exit(). Declared as functions here: a macro the file
 * defines itself is expanded by the pycparser frontend's cpp (only the stub headers' API
 * macros stay calls), while libclang sees its name; the rules.toml entry is what this case
 * tests, under either frontend.
 */
void printk_safe_enter_irqsave(unsigned long flags);
void printk_safe_exit_irqrestore(unsigned long flags);

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
