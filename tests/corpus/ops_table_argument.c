// SPDX-License-Identifier: GPL-2.0
/*
 * An ops table passed as an argument, reduced from sound/core/pcm_native.c: snd_pcm_drain()
 * calls snd_pcm_action(&snd_pcm_action_drain_init, ...) under snd_pcm_stream_lock_irq(), and
 * snd_pcm_action() hands `ops` on to snd_pcm_action_group() / snd_pcm_action_single(), which
 * call ops->pre_action(), ops->do_action(), ops->undo_action() and ops->post_action().  Which
 * functions those reach is decided by the table the caller passed, not by every
 * struct action_ops initializer of the file.
 *
 * bar_start() passes bar_action_start (nothing sleeps, no undo_action) under a spinlock with
 * interrupts off: no finding, although bar_action_prepare's do_action and undo_action sleep
 * (bar_prepare() passes that one with no lock held: fine too).  bar_drain() passes
 * bar_action_drain, whose do_action sleeps, under the lock: a bug.
 *
 * bar_reset() passes bar_reset_soft to bar_reset_or_hard() under the lock, but that one
 * replaces its argument by bar_reset_hard when the stream failed: its call through the
 * parameter is not bound to the caller's table any more, and reaches bar_hard_reset().
 *
 * Expected: LC004 at the msleep() of bar_do_drain() and of bar_hard_reset() only.
 */
#include <linux/delay.h>
#include <linux/spinlock.h>

struct bar_stream {
	spinlock_t lock;
	struct bar_stream *group;
	int state;
};

struct bar_action_ops {
	int (*pre_action)(struct bar_stream *s, int state);
	int (*do_action)(struct bar_stream *s, int state);
	void (*undo_action)(struct bar_stream *s, int state);
	void (*post_action)(struct bar_stream *s, int state);
};

static int bar_pre_any(struct bar_stream *s, int state)
{
	return s->state == state ? -1 : 0;
}

static int bar_do_start(struct bar_stream *s, int state)
{
	s->state = state;
	return 0;
}

static void bar_post_any(struct bar_stream *s, int state)
{
	s->state = state;
}

static int bar_do_prepare(struct bar_stream *s, int state)
{
	msleep(10);			/* waits for the hardware: task context only */
	s->state = state;
	return 0;
}

static void bar_undo_prepare(struct bar_stream *s, int state)
{
	msleep(1);
	s->state = 0;
}

static int bar_do_drain(struct bar_stream *s, int state)
{
	msleep(5); /* expect: LC004 */
	s->state = state;
	return 0;
}

static const struct bar_action_ops bar_action_start = {
	.pre_action = bar_pre_any,
	.do_action = bar_do_start,
	.post_action = bar_post_any,
};

static const struct bar_action_ops bar_action_prepare = {
	.pre_action = bar_pre_any,
	.do_action = bar_do_prepare,
	.undo_action = bar_undo_prepare,
	.post_action = bar_post_any,
};

static const struct bar_action_ops bar_action_drain = {
	.pre_action = bar_pre_any,
	.do_action = bar_do_drain,
	.post_action = bar_post_any,
};

static int bar_action_single(const struct bar_action_ops *ops, struct bar_stream *s,
			     int state)
{
	int res;

	res = ops->pre_action(s, state);
	if (res < 0)
		return res;
	res = ops->do_action(s, state);
	if (res == 0)
		ops->post_action(s, state);
	else if (ops->undo_action)
		ops->undo_action(s, state);
	return res;
}

static int bar_action_group(const struct bar_action_ops *ops, struct bar_stream *s,
			    int state)
{
	struct bar_stream *t;
	int res = 0;

	for (t = s; t; t = t->group) {
		res = ops->pre_action(t, state);
		if (res < 0)
			return res;
	}
	for (t = s; t; t = t->group) {
		res = ops->do_action(t, state);
		if (res < 0) {
			if (ops->undo_action)
				ops->undo_action(t, state);
			return res;
		}
	}
	for (t = s; t; t = t->group)
		ops->post_action(t, state);
	return 0;
}

static int bar_action(const struct bar_action_ops *ops, struct bar_stream *s, int state)
{
	if (s->group)
		return bar_action_group(ops, s, state);
	return bar_action_single(ops, s, state);
}

struct bar_reset_ops {
	int (*reset)(struct bar_stream *s);
};

static int bar_soft_reset(struct bar_stream *s)
{
	s->state = 0;
	return 0;
}

static int bar_hard_reset(struct bar_stream *s)
{
	msleep(20); /* expect: LC004 */
	s->state = 0;
	return 0;
}

static const struct bar_reset_ops bar_reset_soft = { .reset = bar_soft_reset };
static const struct bar_reset_ops bar_reset_hard = { .reset = bar_hard_reset };

static int bar_reset_or_hard(const struct bar_reset_ops *ops, struct bar_stream *s)
{
	if (s->state < 0)
		ops = &bar_reset_hard;
	return ops->reset(s);
}

int bar_reset(struct bar_stream *s)
{
	int res;

	spin_lock_irq(&s->lock);
	res = bar_reset_or_hard(&bar_reset_soft, s);
	spin_unlock_irq(&s->lock);
	return res;
}

int bar_start(struct bar_stream *s)
{
	int res;

	spin_lock_irq(&s->lock);
	res = bar_action(&bar_action_start, s, 1);
	spin_unlock_irq(&s->lock);
	return res;
}

int bar_prepare(struct bar_stream *s)
{
	return bar_action(&bar_action_prepare, s, 2);
}

int bar_drain(struct bar_stream *s)
{
	int res;

	spin_lock_irq(&s->lock);
	res = bar_action(&bar_action_drain, s, 3);
	spin_unlock_irq(&s->lock);
	return res;
}
