// SPDX-License-Identifier: GPL-2.0
/*
 * An interrupt window the entry code opens itself, reduced from kernel/entry/common.c:92-131
 * (exit_to_user_mode_loop(): `local_irq_enable_exit_to_user(ti_work)` at the top of each
 * pass, `local_irq_disable_exit_to_user()` before rereading the flags) under
 * irqentry_exit() (337), which has no caller in kernel/ and asserts interrupts are off.
 * Entered with them off as its assertion says, but no caller is seen that saved them or
 * holds an _irq lock expecting them to stay off: the enable is the design, as after a plain
 * local_irq_disable() (round-7 KH-02).
 *
 * Expected: nothing in foo_exit_work_loop(); an enable with a spinlock held in a root that
 * asserts the same is still reported (LC003), and so is one below a known caller's
 * local_irq_save().
 */
#include <linux/irqflags.h>
#include <linux/lockdep.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(foo_exit_lock);

void foo_handle_work(void);
unsigned long foo_read_flags(void);

static void foo_exit_work_loop(unsigned long work)
{
	while (work & 1) {
		local_irq_enable();
		foo_handle_work();
		local_irq_disable();
		work = foo_read_flags();
	}
}

void foo_irqentry_exit(unsigned long work)
{
	lockdep_assert_irqs_disabled();
	foo_exit_work_loop(work);
}

void foo_irqentry_exit_locked(unsigned long work)
{
	lockdep_assert_irqs_disabled();
	spin_lock(&foo_exit_lock);
	local_irq_enable(); /* expect: LC003 */
	foo_handle_work();
	local_irq_disable();
	spin_unlock(&foo_exit_lock);
}

static void foo_flush_work(void)
{
	local_irq_enable(); /* expect: LC003 */
	foo_handle_work();
	local_irq_disable();
}

void foo_flush(void)
{
	unsigned long flags;

	local_irq_save(flags);
	foo_flush_work();
	local_irq_restore(flags);
}
