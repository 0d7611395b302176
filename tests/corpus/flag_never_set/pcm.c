// SPDX-License-Identifier: GPL-2.0
/*
 * A flag no code sets, reduced from sound/core/pcm_native.c:87-176 (snd_pcm_group_lock(),
 * snd_pcm_stream_lock_irq(): `if (substream->pcm->nonatomic)` takes a mutex, else the
 * spinlock with interrupts off) and snd_pcm_drain() (2130-2159), which tests it twice
 * through two helpers, one of which is handed the flag as a parameter, and
 * snd_pcm_stream_group_ref() (1350-1372), which tests a local copy of it. Only the firewire, xen, virtio, vx and ASoC drivers set
 * `pcm->nonatomic`; with none of them built, the mutex arm never runs. Taken as possible,
 * it paired one test's mutex arm (interrupts on) with another's spinlock arm: LC001 against
 * the hardirq side, and the mutex under the other helper's spinlock, LC004 (round-8
 * S-01..S-12).
 *
 * The closed world is the directory the run analyses whole: this test is a directory for
 * that reason (a file checked alone assumes its siblings may set any flag).
 *
 * Expected: nothing for foo_pcm; a flag some code sets (foo_card's `irq_safe`, set in
 * foo_card_init(); foo_opt's `fast`, set through its address) keeps both arms, and what
 * they do is still reported (LC001).
 */
#include <linux/interrupt.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct foo_pcm {
	bool nonatomic;
	spinlock_t lock;
	struct mutex mutex;
	int state;
};

static void foo_pcm_lock_irq(struct foo_pcm *pcm)
{
	if (pcm->nonatomic)
		mutex_lock(&pcm->mutex);
	else
		spin_lock_irq(&pcm->lock);
}

static void foo_pcm_unlock_irq(struct foo_pcm *pcm)
{
	if (pcm->nonatomic)
		mutex_unlock(&pcm->mutex);
	else
		spin_unlock_irq(&pcm->lock);
}

/* snd_pcm_group_lock(group, nonatomic): the flag passed as a parameter */
static void foo_pcm_group_lock(struct foo_pcm *pcm, bool nonatomic)
{
	if (nonatomic)
		mutex_lock(&pcm->mutex);
	else
		spin_lock(&pcm->lock);
}

static void foo_pcm_group_unlock(struct foo_pcm *pcm, bool nonatomic)
{
	if (nonatomic)
		mutex_unlock(&pcm->mutex);
	else
		spin_unlock(&pcm->lock);
}

int foo_pcm_drain(struct foo_pcm *pcm)
{
	foo_pcm_lock_irq(pcm);
	foo_pcm_group_lock(pcm, pcm->nonatomic);
	pcm->state = 0;
	foo_pcm_group_unlock(pcm, pcm->nonatomic);
	foo_pcm_unlock_irq(pcm);
	return 0;
}

/* snd_pcm_stream_group_ref(): through a local copy */
int foo_pcm_link(struct foo_pcm *pcm)
{
	bool nonatomic = pcm->nonatomic;

	foo_pcm_lock_irq(pcm);
	if (nonatomic)
		mutex_lock(&pcm->mutex);
	pcm->state = 1;
	if (nonatomic)
		mutex_unlock(&pcm->mutex);
	foo_pcm_unlock_irq(pcm);
	return 0;
}

static irqreturn_t foo_pcm_irq(int irq, void *dev_id)
{
	struct foo_pcm *pcm = dev_id;

	foo_pcm_group_lock(pcm, pcm->nonatomic);
	pcm->state++;
	foo_pcm_group_unlock(pcm, pcm->nonatomic);
	return IRQ_HANDLED;
}

int foo_pcm_init(int irq, struct foo_pcm *pcm)
{
	return request_irq(irq, foo_pcm_irq, 0, "foo-pcm", pcm);
}

/* the same shape with a flag foo_card_init() sets */
struct foo_card {
	bool irq_safe;
	spinlock_t lock;
	int state;
};

static void foo_card_lock_irq(struct foo_card *card)
{
	if (card->irq_safe)
		local_irq_disable();
	spin_lock(&card->lock); /* expect: LC001 */
}

static void foo_card_unlock_irq(struct foo_card *card)
{
	spin_unlock(&card->lock);
	if (card->irq_safe)
		local_irq_enable();
}

int foo_card_update(struct foo_card *card)
{
	foo_card_lock_irq(card);
	card->state = 0;
	foo_card_unlock_irq(card);
	return 0;
}

static irqreturn_t foo_card_irq(int irq, void *dev_id)
{
	struct foo_card *card = dev_id;

	spin_lock(&card->lock);
	card->state++;
	spin_unlock(&card->lock);
	return IRQ_HANDLED;
}

int foo_card_init(int irq, struct foo_card *card)
{
	card->irq_safe = true;
	return request_irq(irq, foo_card_irq, 0, "foo-card", card);
}

/* flags set other than by `=`: through their address (WRITE_ONCE(), kstrtobool()) */
struct foo_opt {
	bool fast;
	bool quiet;
	spinlock_t lock;
	int state;
};

int foo_kstrtobool(const char *s, bool *res);

/* the lock is taken only when the flag is set: it must not count as never set */
static void foo_opt_lock(struct foo_opt *opt)
{
	if (opt->fast)
		spin_lock(&opt->lock); /* expect: LC001 */
}

static void foo_opt_unlock(struct foo_opt *opt)
{
	if (opt->fast)
		spin_unlock(&opt->lock);
}

int foo_opt_store(struct foo_opt *opt, const char *buf)
{
	foo_opt_lock(opt);
	opt->state = 0;
	foo_opt_unlock(opt);
	return foo_kstrtobool(buf, &opt->fast);
}

static irqreturn_t foo_opt_irq(int irq, void *dev_id)
{
	struct foo_opt *opt = dev_id;

	spin_lock(&opt->lock);
	opt->state++;
	spin_unlock(&opt->lock);
	return IRQ_HANDLED;
}

int foo_opt_init(int irq, struct foo_opt *opt)
{
	return request_irq(irq, foo_opt_irq, 0, "foo-opt", opt);
}
