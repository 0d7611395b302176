// SPDX-License-Identifier: GPL-2.0
/*
 * vfree() where in_interrupt() is true, reduced from thread_stack_free_rcu() in
 * kernel/fork.c:228-244 (queued by call_rcu() in thread_stack_delayed_free()). vfree() does
 * not sleep there: mm/vmalloc.c:3412-3415 hands the area to vfree_atomic() (a lockless
 * llist_add() and schedule_work()) when in_interrupt(), that is in hardirq, softirq or NMI
 * context or with bottom halves disabled; only then does it reach might_sleep() (3418).
 * vfree() was a [[sleeps]] call everywhere, so the RCU callback was reported (round-6 H-03,
 * api-wrong). rules.toml now says `unless = "in_interrupt"`.
 *
 * Expected: nothing in the RCU callback nor under spin_lock_bh() (bottom halves disabled:
 * in_interrupt() is true); vfree() in task context with a spinlock held or interrupts off
 * is still reported (LC004): in_interrupt() is false there and vfree() calls might_sleep().
 */
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>

struct foo_vm_stack {
	struct rcu_head rcu;
	void *stack_vm_area;
};

static DEFINE_SPINLOCK(foo_stack_lock);
static void *foo_cached_stack;

static bool foo_release_stack_to_cache(void *vm)
{
	if (foo_cached_stack)
		return false;
	foo_cached_stack = vm;
	return true;
}

static void foo_stack_free_rcu(struct rcu_head *rh)
{
	struct foo_vm_stack *vm_stack = container_of(rh, struct foo_vm_stack, rcu);

	if (foo_release_stack_to_cache(vm_stack->stack_vm_area))
		return;

	vfree(vm_stack);
}

void foo_stack_delayed_free(struct foo_vm_stack *vm_stack)
{
	call_rcu(&vm_stack->rcu, foo_stack_free_rcu);
}

void foo_stack_drop_cache_bh(void)
{
	spin_lock_bh(&foo_stack_lock);
	vfree(foo_cached_stack);
	foo_cached_stack = NULL;
	spin_unlock_bh(&foo_stack_lock);
}

void foo_stack_drop_cache_locked(void)
{
	spin_lock(&foo_stack_lock);
	vfree(foo_cached_stack); /* expect: LC004 */
	foo_cached_stack = NULL;
	spin_unlock(&foo_stack_lock);
}

void foo_stack_drop_cache_irqs_off(void)
{
	unsigned long flags;

	local_irq_save(flags);
	vfree(foo_cached_stack); /* expect: LC004 */
	foo_cached_stack = NULL;
	local_irq_restore(flags);
}
