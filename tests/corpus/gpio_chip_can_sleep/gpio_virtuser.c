// SPDX-License-Identifier: GPL-2.0
/*
 * A generic consumer (reduced from drivers/gpio/gpio-virtuser.c): its "atomic" debugfs
 * files drive the line from an irq_work, in hardirq context, through the API without
 * _cansleep; the others from task context (fgpiod_set_value_cansleep(), and
 * fgpiod_direction_output() called directly, with interrupts on). It owns no
 * chip, so through gpiolib it reaches every chip's callbacks. Aimed at a chip that sets
 * can_sleep, the atomic files trip gpiolib's WARN: that is not the chip's bug, and no
 * finding is reported in gpio_tpic2810.c, gpio_74x164.c, gpio_pca953x.c or
 * pinctrl_lpass_lpi.c.
 *
 * Expected: nothing in this file.
 */
#include <linux/completion.h>
#include <linux/irq_work.h>
#include <linux/kernel.h>
#include <linux/module.h>

#include "gpiolib.h"

struct gpio_virtuser_irq_work_context {
	struct irq_work work;
	struct completion work_completion;
	struct fgpio_desc *desc;
	int val;
	int ret;
};

static void gpio_virtuser_set_value_atomic(struct irq_work *work)
{
	struct gpio_virtuser_irq_work_context *ctx =
		container_of(work, struct gpio_virtuser_irq_work_context, work);

	fgpiod_set_value(ctx->desc, ctx->val);
	complete(&ctx->work_completion);
}

static void gpio_virtuser_get_value_atomic(struct irq_work *work)
{
	struct gpio_virtuser_irq_work_context *ctx =
		container_of(work, struct gpio_virtuser_irq_work_context, work);

	ctx->ret = fgpiod_get_value(ctx->desc);
	complete(&ctx->work_completion);
}

static void gpio_virtuser_do_set_direction_atomic(struct irq_work *work)
{
	struct gpio_virtuser_irq_work_context *ctx =
		container_of(work, struct gpio_virtuser_irq_work_context, work);

	ctx->ret = fgpiod_direction_output(ctx->desc, ctx->val);
	complete(&ctx->work_completion);
}

static void gpio_virtuser_irq_work_queue_sync(struct gpio_virtuser_irq_work_context *ctx)
{
	irq_work_queue(&ctx->work);
	wait_for_completion(&ctx->work_completion);
}

int gpio_virtuser_set_value(struct fgpio_desc *desc, int value, bool atomic)
{
	struct gpio_virtuser_irq_work_context ctx;

	if (!atomic)
		return fgpiod_set_value_cansleep(desc, value);

	ctx.work = IRQ_WORK_INIT_HARD(gpio_virtuser_set_value_atomic);
	ctx.desc = desc;
	ctx.val = value;
	gpio_virtuser_irq_work_queue_sync(&ctx);
	return 0;
}

int gpio_virtuser_get_value(struct fgpio_desc *desc)
{
	struct gpio_virtuser_irq_work_context ctx;

	ctx.work = IRQ_WORK_INIT_HARD(gpio_virtuser_get_value_atomic);
	ctx.desc = desc;
	gpio_virtuser_irq_work_queue_sync(&ctx);
	return ctx.ret;
}

int gpio_virtuser_set_direction(struct fgpio_desc *desc, int value, bool atomic)
{
	struct gpio_virtuser_irq_work_context ctx;

	if (!atomic)
		return fgpiod_direction_output(desc, value);

	ctx.work = IRQ_WORK_INIT_HARD(gpio_virtuser_do_set_direction_atomic);
	ctx.desc = desc;
	ctx.val = value;
	gpio_virtuser_irq_work_queue_sync(&ctx);
	return ctx.ret;
}
