// SPDX-License-Identifier: GPL-2.0
/*
 * CPU hotplug's atomic steps, reduced from kernel/cpu.c's cpuhp_hp_states[] and
 * hrtimers_cpu_dying() in kernel/time/hrtimer.c. The steps between CPUHP_AP_OFFLINE and
 * CPUHP_AP_ONLINE run on the CPU itself with interrupts off: the dying ones from
 * take_cpu_down() under stop_machine, the starting ones from notify_cpu_starting() in the
 * arch's start_secondary(). Nothing analysed calls them (cpuhp_invoke_callback() reaches
 * them through the step table), so they were entered as task context with interrupts on,
 * and the hrtimer base lock, also taken by the timer interrupt, was reported (LC001, LC002;
 * 6 findings over kernel/ with tick_cpu_dying()). rules.toml enters them with interrupts off.
 *
 * Expected: nothing in the dying step's locking; a sleep in a dying step is still reported
 * (LC004), as is the base lock taken plainly by a caller-less function with interrupts on
 * (LC001).
 */
#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/hrtimer.h>

struct foo_cpu_base {
	raw_spinlock_t lock;
	unsigned int active;
};

struct foo_cpuhp_step {
	const char *name;
	int (*startup)(unsigned int cpu);
	int (*teardown)(unsigned int cpu);
};

static struct foo_cpu_base foo_bases[8];
static DEFINE_MUTEX(foo_cfd_mutex);

static enum hrtimer_restart foo_hrtimer_interrupt(struct hrtimer *t)
{
	struct foo_cpu_base *base = &foo_bases[0];

	raw_spin_lock(&base->lock);
	base->active++;
	raw_spin_unlock(&base->lock);
	return HRTIMER_RESTART;
}

int hrtimers_cpu_dying(unsigned int dying_cpu)
{
	struct foo_cpu_base *old_base = &foo_bases[dying_cpu];
	struct foo_cpu_base *new_base = &foo_bases[0];

	raw_spin_lock(&new_base->lock);
	raw_spin_lock_nested(&old_base->lock, SINGLE_DEPTH_NESTING);
	new_base->active += old_base->active;
	old_base->active = 0;
	raw_spin_unlock(&old_base->lock);
	raw_spin_unlock(&new_base->lock);
	return 0;
}

int smpcfd_dying_cpu(unsigned int cpu)
{
	mutex_lock(&foo_cfd_mutex); /* expect: LC004 */
	mutex_unlock(&foo_cfd_mutex);
	return 0;
}

static struct foo_cpuhp_step foo_hp_states[] = {
	{ .name = "smpcfd:dying", .teardown = smpcfd_dying_cpu },
	{ .name = "hrtimers:dying", .teardown = hrtimers_cpu_dying },
};

static struct hrtimer foo_timer;

void foo_timer_init(void)
{
	hrtimer_init(&foo_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	foo_timer.function = foo_hrtimer_interrupt;
}

int foo_hp_count(void)
{
	return foo_hp_states[0].name != 0;
}

void foo_base_reset(void)
{
	struct foo_cpu_base *base = &foo_bases[0];

	raw_spin_lock(&base->lock); /* expect: LC001 */
	base->active = 0;
	raw_spin_unlock(&base->lock);
}
