// SPDX-License-Identifier: GPL-2.0
/*
 * A function-pointer parameter stored by a local struct's designated initializer, reduced
 * from kernel/events/core.c (cpu_function_call, remote_function, __perf_install_in_context).
 * cpu_function_call() builds `struct remote_function_call data = { .func = func, ... }` from
 * its own parameter and has remote_function() call `tfc->func(tfc->info)` from the
 * function-call IPI. `data.func = func` bound whatever function a caller passes to the
 * field; the initializer did not, so __perf_install_in_context was entered as a caller-less
 * task with interrupts on, and the context lock, also taken from the hrtimer interrupt,
 * was reported (LC001 at kernel/events/core.c:2887 and 2906).
 *
 * Expected: nothing in the installer's locking, which runs in the IPI; a sleep in another
 * function handed to cpu_function_call() is reported (LC004), as is the context lock taken
 * plainly by a caller-less function with interrupts on (LC001).
 */
#include <linux/errno.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/mutex.h>
#include <linux/smp.h>
#include <linux/spinlock.h>

typedef int (*foo_remote_function_f)(void *);

struct foo_remote_function_call {
	void *p;
	foo_remote_function_f func;
	void *info;
	int ret;
};

struct foo_perf_ctx {
	raw_spinlock_t lock;
	struct hrtimer mux_timer;
	int nr_active;
};

static struct foo_perf_ctx foo_perf_cpu_ctx;
static DEFINE_MUTEX(foo_perf_pmus_lock);

static void foo_remote_function(void *data)
{
	struct foo_remote_function_call *tfc = data;

	tfc->ret = tfc->func(tfc->info);
}

static int foo_cpu_function_call(int cpu, foo_remote_function_f func, void *info)
{
	struct foo_remote_function_call data = {
		.p	= NULL,
		.func	= func,
		.info	= info,
		.ret	= -ENXIO, /* No such CPU */
	};

	smp_call_function_single(cpu, foo_remote_function, &data, 1);

	return data.ret;
}

/* as __perf_install_in_context: a cross-CPU call, with interrupts off */
static int foo_perf_install_in_context(void *info)
{
	struct foo_perf_ctx *ctx = info;

	raw_spin_lock(&ctx->lock);
	ctx->nr_active++;
	raw_spin_unlock(&ctx->lock);
	return 0;
}

static int foo_perf_sync_pmus(void *info)
{
	mutex_lock(&foo_perf_pmus_lock); /* expect: LC004 */
	mutex_unlock(&foo_perf_pmus_lock);
	return 0;
}

void foo_perf_install(int cpu)
{
	foo_cpu_function_call(cpu, foo_perf_install_in_context, &foo_perf_cpu_ctx);
	foo_cpu_function_call(cpu, foo_perf_sync_pmus, NULL);
}

/* the hardirq side: as perf_mux_hrtimer_handler */
static enum hrtimer_restart foo_perf_mux_hrtimer_handler(struct hrtimer *hr)
{
	struct foo_perf_ctx *ctx = container_of(hr, struct foo_perf_ctx, mux_timer);

	raw_spin_lock(&ctx->lock);
	ctx->nr_active--;
	raw_spin_unlock(&ctx->lock);
	return HRTIMER_RESTART;
}

void foo_perf_mux_init(void)
{
	hrtimer_init(&foo_perf_cpu_ctx.mux_timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS_PINNED_HARD);
	foo_perf_cpu_ctx.mux_timer.function = foo_perf_mux_hrtimer_handler;
}

void foo_perf_ctx_reset(struct foo_perf_ctx *ctx)
{
	raw_spin_lock(&ctx->lock); /* expect: LC001 */
	ctx->nr_active = 0;
	raw_spin_unlock(&ctx->lock);
}
