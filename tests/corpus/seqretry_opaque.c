// SPDX-License-Identifier: GPL-2.0
/*
 * The seqlock "read locklessly, lock on retry" helpers, as include/linux/seqlock.h defines
 * them (reduced: a spinlock stands for seqlock_t's), and a reader reduced from
 * thread_group_cputime() in kernel/sched/cputime.c.  read_seqbegin_or_lock() locks only when
 * `*seq` is odd, done_seqretry() unlocks only then: the pairing is decided by the caller's
 * retry loop, which no analysis of one call can see.  rules.toml lists them as [follow]
 * opaque, so the reader returns holding nothing and its caller may sleep.
 *
 * Expected: no finding.
 */
#include <linux/delay.h>
#include <linux/spinlock.h>

struct foo_sig {
	spinlock_t stats_lock;
	unsigned int stats_seq;
	unsigned long utime;
};

static inline void read_seqbegin_or_lock(struct foo_sig *sig, int *seq)
{
	if (!(*seq & 1))
		*seq = sig->stats_seq;
	else
		spin_lock(&sig->stats_lock);
}

static inline int need_seqretry(struct foo_sig *sig, int seq)
{
	return !(seq & 1) && sig->stats_seq != seq;
}

static inline void done_seqretry(struct foo_sig *sig, int seq)
{
	if (seq & 1)
		spin_unlock(&sig->stats_lock);
}

static unsigned long foo_group_cputime(struct foo_sig *sig)
{
	unsigned long t;
	int seq, nextseq = 0;

	do {
		seq = nextseq;
		read_seqbegin_or_lock(sig, &seq);
		t = sig->utime;
		nextseq = 1;
	} while (need_seqretry(sig, seq));
	done_seqretry(sig, seq);
	return t;
}

unsigned long foo_getrusage(struct foo_sig *sig)
{
	unsigned long t = foo_group_cputime(sig);

	msleep(1);
	return t;
}
