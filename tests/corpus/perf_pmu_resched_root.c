// SPDX-License-Identifier: GPL-2.0
/*
 * A function whose only caller is outside the analysed files, reduced from
 * perf_pmu_resched() and __perf_ctx_lock() in kernel/events/core.c:172-184, 2860-2866. Its
 * one caller in the tree is update_tfa_sched() (arch/x86/events/intel/core.c:5859-5868),
 * which set_sysctl_tfa() runs on every CPU with on_each_cpu() (5896): in an IPI, or on the
 * calling CPU with interrupts off. A run over kernel/ sees no caller, so it was entered as
 * task context with interrupts on, and the context lock that the perf hrtimer (hardirq)
 * also takes plainly was reported (round-6 M-01, root-irqs). rules.toml's [[root]] enters
 * it as the on_each_cpu() callback it is (hardirq, as the on_each_cpu [[entry]] says).
 *
 * Expected: nothing through foo_pmu_resched's root; the same lock taken plainly by a
 * caller-less function with interrupts on is still reported (LC001).
 */
#include <linux/hrtimer.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>

struct foo_perf_event_context {
	raw_spinlock_t lock;
	int is_active;
};

struct foo_perf_cpu_context {
	struct foo_perf_event_context ctx;
	struct foo_perf_event_context *task_ctx;
	struct hrtimer hrtimer;
};

static DEFINE_PER_CPU(struct foo_perf_cpu_context, foo_perf_cpu_context);

static inline void __perf_ctx_lock(struct foo_perf_event_context *ctx)
{
	raw_spin_lock(&ctx->lock);
}

static void perf_ctx_lock(struct foo_perf_cpu_context *cpuctx,
			  struct foo_perf_event_context *ctx)
{
	__perf_ctx_lock(&cpuctx->ctx);
	if (ctx)
		__perf_ctx_lock(ctx);
}

static void perf_ctx_unlock(struct foo_perf_cpu_context *cpuctx,
			    struct foo_perf_event_context *ctx)
{
	if (ctx)
		raw_spin_unlock(&ctx->lock);
	raw_spin_unlock(&cpuctx->ctx.lock);
}

static enum hrtimer_restart foo_perf_mux_hrtimer_handler(struct hrtimer *hr)
{
	struct foo_perf_cpu_context *cpuctx = container_of(hr, struct foo_perf_cpu_context, hrtimer);

	perf_ctx_lock(cpuctx, cpuctx->task_ctx);
	cpuctx->ctx.is_active ^= 1;
	perf_ctx_unlock(cpuctx, cpuctx->task_ctx);
	return HRTIMER_RESTART;
}

void foo_perf_mux_hrtimer_init(struct foo_perf_cpu_context *cpuctx)
{
	hrtimer_init(&cpuctx->hrtimer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS_PINNED_HARD);
	cpuctx->hrtimer.function = foo_perf_mux_hrtimer_handler;
}

void perf_pmu_resched(void *pmu)
{
	struct foo_perf_cpu_context *cpuctx = this_cpu_ptr(&foo_perf_cpu_context);
	struct foo_perf_event_context *task_ctx = cpuctx->task_ctx;

	perf_ctx_lock(cpuctx, task_ctx);
	cpuctx->ctx.is_active = 0;
	perf_ctx_unlock(cpuctx, task_ctx);
}

void foo_perf_ctx_reset(void)
{
	struct foo_perf_cpu_context *cpuctx = this_cpu_ptr(&foo_perf_cpu_context);
	struct foo_perf_event_context *ctx = &cpuctx->ctx;

	raw_spin_lock(&ctx->lock); /* expect: LC001 */
	ctx->is_active = 0;
	raw_spin_unlock(&ctx->lock);
}
