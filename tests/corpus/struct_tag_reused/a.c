// SPDX-License-Identifier: GPL-2.0
/*
 * Two drivers that each define their own `struct foo_mac_operations` (this directory is one
 * program), reduced from e1000e, igb and igbvf, which define three different
 * `struct e1000_mac_operations`.  a.c's interrupt handler calls its own ops table, whose
 * reset only counts; b.c's reset sleeps.  The tag is the same, the structs are not: a.c's
 * call never reaches b.c's function.
 *
 * Expected: no finding in a.c; b.c's own finding only (see b.c).
 */
#include <linux/interrupt.h>

struct foo_mac_operations {
	void (*reset)(void *hw);
};

struct foo_a_hw {
	const struct foo_mac_operations *ops;
	unsigned long resets;
};

static void foo_a_reset(void *hw)
{
	((struct foo_a_hw *)hw)->resets++;
}

static const struct foo_mac_operations foo_a_ops = { .reset = foo_a_reset };
static struct foo_a_hw foo_a_hw0 = { .ops = &foo_a_ops };

static irqreturn_t foo_a_irq(int irq, void *dev)
{
	struct foo_a_hw *hw = dev;

	hw->ops->reset(hw);
	return IRQ_HANDLED;
}

int foo_a_init(void)
{
	return request_irq(1, foo_a_irq, IRQF_NO_THREAD, "foo-a", &foo_a_hw0);
}
