// SPDX-License-Identifier: GPL-2.0
/*
 * A chip that decides can_sleep at probe time and picks set() to match (reduced from
 * drivers/gpio/gpio-latch.c, Linux 6.12): a mutex and the _cansleep consumer API when an
 * underlying GPIO may sleep, a spinlock with interrupts saved otherwise. A flag the probe
 * sets under an `if` may be set, so neither set() is a hardirq gpio_chip entry point: the
 * sleeping one is called only through the _cansleep API, and the other never sleeps.
 *
 * Expected: nothing.
 */
#include <linux/gpio/consumer.h>
#include <linux/gpio/driver.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct gpio_latch_priv {
	struct gpio_chip gc;
	struct gpio_desc *clk_gpio;
	struct gpio_desc *latched_gpio;
	bool clk_sleeps;
	unsigned long shadow;
	union {
		struct mutex mutex;	/* protects @shadow */
		spinlock_t spinlock;	/* protects @shadow */
	};
};

static void gpio_latch_set(struct gpio_chip *gc, unsigned int offset, int val)
{
	struct gpio_latch_priv *priv = container_of(gc, struct gpio_latch_priv, gc);
	unsigned long flags;

	spin_lock_irqsave(&priv->spinlock, flags);
	if (val)
		priv->shadow |= 1ul << offset;
	else
		priv->shadow &= ~(1ul << offset);
	gpiod_set_value(priv->latched_gpio, val);
	gpiod_set_value(priv->clk_gpio, 1);
	gpiod_set_value(priv->clk_gpio, 0);
	spin_unlock_irqrestore(&priv->spinlock, flags);
}

static void gpio_latch_set_can_sleep(struct gpio_chip *gc, unsigned int offset, int val)
{
	struct gpio_latch_priv *priv = container_of(gc, struct gpio_latch_priv, gc);

	mutex_lock(&priv->mutex);
	if (val)
		priv->shadow |= 1ul << offset;
	else
		priv->shadow &= ~(1ul << offset);
	gpiod_set_value_cansleep(priv->latched_gpio, val);
	gpiod_set_value_cansleep(priv->clk_gpio, 1);
	gpiod_set_value_cansleep(priv->clk_gpio, 0);
	mutex_unlock(&priv->mutex);
}

int gpio_latch_probe(struct gpio_latch_priv *priv)
{
	if (priv->clk_sleeps) {
		priv->gc.can_sleep = true;
		priv->gc.set = gpio_latch_set_can_sleep;
		mutex_init(&priv->mutex);
	} else {
		priv->gc.can_sleep = false;
		priv->gc.set = gpio_latch_set;
		spin_lock_init(&priv->spinlock);
	}
	priv->gc.ngpio = 8;
	priv->gc.base = -1;
	return 0;
}
