// SPDX-License-Identifier: GPL-2.0
/*
 * A bit of a flags parameter, decided by the caller's constant; reduced from
 * net/ipv6/icmp.c:630 (icmp6_send(): `ip6_append_data(..., MSG_DONTWAIT)`, in softirq with
 * the ICMP socket locked) and net/ipv6/ip6_output.c:1552-1560, 1759 (__ip6_append_data()):
 *
 *	} else if ((flags & MSG_SPLICE_PAGES) && length) {
 *		if (inet_test_bit(HDRINCL, sk))
 *			return -EPERM;
 *		if (rt->dst.dev->features & NETIF_F_SG && getfrag == ip_generic_getfrag)
 *			...
 *		else
 *			flags &= ~MSG_SPLICE_PAGES;
 *	}
 *	...
 *		} else if (flags & MSG_SPLICE_PAGES) {
 *			err = skb_splice_from_iter(skb, &msg->msg_iter, copy, sk->sk_allocation);
 *
 * skb_splice_from_iter() pins user pages and may migrate them (sleeps). Not tracked, the
 * bit test let every ICMPv6 error sent from softirq reach page migration: 1,123 of the
 * whole defconfig tree's 3,920 findings crossed it. A test of some bits of a parameter is
 * decided by a constant the caller passes, until the function assigns the parameter. Here
 * as there, flags is the ninth argument of one call and the tenth of the next (constant
 * arguments past the eighth were not recorded), and the function tests more values than
 * a state kept (four) before the splice branch.
 *
 * Expected: nothing: foo_icmp_send() passes MSG_DONTWAIT, foo_sendmsg() runs in task
 * context (flag_bit_passed_constant_set.c: a caller that passes the bit still reaches it).
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
static struct timer_list foo_icmp_timer;

static int foo_splice_pages(struct foo_sock *sk, int len)
{
	mutex_lock(&foo_pin_mutex);
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

int foo_sendmsg(struct foo_sock *sk, int len, unsigned int msg_flags)
{
	return foo_append_data(sk, NULL, NULL, len, 0, NULL, NULL, NULL, msg_flags);
}

static int __init foo_init(void)
{
	spin_lock_init(&foo_icmp_sk.lock);
	timer_setup(&foo_icmp_timer, foo_icmp_send, 0);
	return 0;
}
module_init(foo_init);
MODULE_LICENSE("GPL");
