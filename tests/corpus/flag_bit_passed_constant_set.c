// SPDX-License-Identifier: GPL-2.0
/*
 * The other half of flag_bit_passed_constant.c: a caller whose constant has the bit
 * (a timer passing MSG_SPLICE_PAGES) still takes the branch it guards.
 *
 * Expected: LC004 at the mutex_lock() in foo_splice_pages(), reached from
 * foo_zerocopy_timer() (softirq); nothing from foo_icmp_send() (MSG_DONTWAIT).
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

#define MSG_OOB			0x1
#define MSG_PROBE		0x10
#define MSG_DONTWAIT		0x40
#define MSG_ERRQUEUE		0x2000
#define MSG_SPLICE_PAGES	0x8000000

struct foo_sock {
	spinlock_t lock;
	int features;
	int queued;
};

static DEFINE_MUTEX(foo_pin_mutex);
static struct foo_sock foo_icmp_sk;
static struct timer_list foo_icmp_timer, foo_zc_timer;

static int foo_splice_pages(struct foo_sock *sk, int len)
{
	mutex_lock(&foo_pin_mutex); /* expect: LC004 */
	sk->queued += len;
	mutex_unlock(&foo_pin_mutex);
	return len;
}

static int __foo_append_data(struct foo_sock *sk, void *queue, void *cork, void *v6_cork,
			     void *pfrag, void *getfrag, void *from, int length,
			     int transhdrlen, unsigned int flags)
{
	if (flags & MSG_PROBE)
		return -EINVAL;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (flags & MSG_ERRQUEUE)
		return -EINVAL;
	if (!transhdrlen)
		return -EINVAL;
	if ((flags & MSG_SPLICE_PAGES) && length) {
		if (!(sk->features & 1))
			flags &= ~MSG_SPLICE_PAGES;
	}
	if (flags & MSG_SPLICE_PAGES)
		return foo_splice_pages(sk, length);
	sk->queued += length;
	return length;
}

static int foo_append_data(struct foo_sock *sk, void *getfrag, void *from, int length,
			   int transhdrlen, void *ipc6, void *fl6, void *rt,
			   unsigned int flags)
{
	return __foo_append_data(sk, NULL, NULL, NULL, NULL, getfrag, from, length,
				 transhdrlen, flags);
}

static void foo_icmp_send(struct timer_list *t)
{
	spin_lock(&foo_icmp_sk.lock);
	foo_append_data(&foo_icmp_sk, NULL, NULL, 64, 8, NULL, NULL, NULL,
			MSG_DONTWAIT);
	spin_unlock(&foo_icmp_sk.lock);
}

static void foo_zerocopy_timer(struct timer_list *t)
{
	foo_append_data(&foo_icmp_sk, NULL, NULL, 64, 8, NULL, NULL, NULL,
			MSG_SPLICE_PAGES);
}

int foo_sendmsg(struct foo_sock *sk, int len, unsigned int msg_flags)
{
	return foo_append_data(sk, NULL, NULL, len, 0, NULL, NULL, NULL, msg_flags);
}

static int __init foo_init(void)
{
	spin_lock_init(&foo_icmp_sk.lock);
	timer_setup(&foo_icmp_timer, foo_icmp_send, 0);
	timer_setup(&foo_zc_timer, foo_zerocopy_timer, 0);
	return 0;
}
module_init(foo_init);
MODULE_LICENSE("GPL");
