// SPDX-License-Identifier: GPL-2.0
/*
 * The second driver with its own `struct foo_mac_operations` (see a.c).  Its reset sleeps,
 * which is fine from its task-context caller; its timer callback calls it too: that one is
 * a bug (sleeping in softirq context).
 *
 * Expected: LC004 at the msleep() below, reached from foo_b_timer_fn only.
 */
#include <linux/delay.h>
#include <linux/timer.h>

struct foo_mac_operations {
	void (*reset)(void *hw);
	int (*check_link)(void *hw);
};

struct foo_b_hw {
	const struct foo_mac_operations *ops;
	struct timer_list watchdog;
};

static void foo_b_reset(void *hw)
{
	msleep(10); /* expect: LC004 */
}

static const struct foo_mac_operations foo_b_ops = { .reset = foo_b_reset };
static struct foo_b_hw foo_b_hw0 = { .ops = &foo_b_ops };

static void foo_b_timer_fn(struct timer_list *t)
{
	foo_b_hw0.ops->reset(&foo_b_hw0);
}

void foo_b_init(void)
{
	timer_setup(&foo_b_hw0.watchdog, foo_b_timer_fn, 0);
}
