// SPDX-License-Identifier: GPL-2.0
/*
 * The idle governors, reduced from drivers/cpuidle/governors/menu.c and
 * kernel/time/tick-sched.c + kernel/time/timer.c. The idle loop (do_idle() ->
 * cpuidle_idle_call() -> cpuidle_select()) calls the governor's select() with interrupts
 * disabled, and the governor asks tick_nohz_get_sleep_length(), which reaches
 * __get_next_timer_interrupt() and its plain raw_spin_lock(&base->lock). In a run over
 * kernel/ nothing calls tick_nohz_get_sleep_length(); in a run over drivers/cpuidle nothing
 * calls menu_select() but the idle loop through cpuidle_governor.select. Both were entered
 * as task context with interrupts on, and the timer base lock, also taken by the timer
 * interrupt, was reported (4 kernel/ LC001s). rules.toml enters both with interrupts off.
 *
 * Expected: nothing in the lookup; the sleep under the governor's interrupts-off context is
 * still reported (LC004), as is a plain lock of the timer base from a workqueue-like caller
 * with interrupts on (LC001).
 */
#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/hrtimer.h>
#include <linux/cpuidle.h>

struct foo_timer_base {
	raw_spinlock_t lock;
	unsigned long next_expiry;
};

static struct foo_timer_base foo_base;
static DEFINE_MUTEX(foo_gov_mutex);

static unsigned long foo_next_timer_interrupt(void)
{
	unsigned long next;

	raw_spin_lock(&foo_base.lock);
	next = foo_base.next_expiry;
	raw_spin_unlock(&foo_base.lock);
	return next;
}

long tick_nohz_get_sleep_length(long *delta_next)
{
	*delta_next = 1;
	return foo_next_timer_interrupt();
}

static enum hrtimer_restart foo_tick(struct hrtimer *t)
{
	raw_spin_lock(&foo_base.lock);
	foo_base.next_expiry++;
	raw_spin_unlock(&foo_base.lock);
	return HRTIMER_RESTART;
}

static int foo_menu_select(struct cpuidle_driver *drv, struct cpuidle_device *dev,
			   bool *stop_tick)
{
	long delta = 0;

	mutex_lock(&foo_gov_mutex); /* expect: LC004 */
	mutex_unlock(&foo_gov_mutex);
	return (int)foo_next_timer_interrupt() + (int)delta;
}

static struct cpuidle_governor foo_menu_governor = {
	.name = "foo_menu",
	.rating = 20,
	.select = foo_menu_select,
};

static struct hrtimer foo_timer;

void foo_timer_init(void)
{
	hrtimer_init(&foo_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	foo_timer.function = foo_tick;
}

void foo_base_reset(void)
{
	raw_spin_lock(&foo_base.lock); /* expect: LC001 */
	foo_base.next_expiry = 0;
	raw_spin_unlock(&foo_base.lock);
}
