// SPDX-License-Identifier: GPL-2.0
/*
 * Bottom-half code with hardirqs off (LC005). Reduced from forcedeth
 * (drivers/net/ethernet/nvidia/forcedeth.c:3848-3864): with optimization_mode=1 its MSI-X
 * receive handler nv_nic_irq_rx() calls nv_rx_process_optimized(), which hands packets to
 * napi_gro_receive() in hardirq context. Followed, the whole receive stack looked like
 * hardirq code: 104 of the whole defconfig tree's 542 medium and high findings were locks
 * the stack takes there (LC001 on seqlocks, the IOMMU's lock, ...), one bug's consequences.
 *
 * foo_rx_irq() is a hardirq handler that receives through foo_rx_process(). This file also
 * stands for the stack: its netif_receive_skb() takes ptype_lock plainly (it runs in
 * softirq context), and foo_ptype_count() takes it with spin_lock_bh() in task context.
 * Followed from the handler, that would be an LC001 at foo_ptype_count(); it is one LC005
 * at each call instead. foo_poll() is the NAPI poll doing the same legitimately.
 *
 * foo_reset() re-enables bottom halves under spin_lock_irqsave(): __local_bh_enable_ip()
 * warns (lockdep_assert_irqs_enabled()).
 *
 * Expected: LC005 at foo_rx_process()'s napi_gro_receive() and netif_receive_skb(), and at
 * foo_reset()'s spin_unlock_bh(); nothing for ptype_lock, foo_poll() or foo_stats().
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(ptype_lock);
static int ptype_count;

struct foo_priv {
	struct napi_struct napi;
	spinlock_t hw_lock;
	spinlock_t q_lock;
	struct sk_buff *next;
	int irq;
	int pending;
};

int netif_receive_skb(struct sk_buff *skb)
{
	spin_lock(&ptype_lock);
	ptype_count++;
	spin_unlock(&ptype_lock);
	return 0;
}

int foo_ptype_count(void)
{
	int n;

	spin_lock_bh(&ptype_lock);
	n = ptype_count;
	spin_unlock_bh(&ptype_lock);
	return n;
}

static int foo_rx_process(struct foo_priv *fp, int limit)
{
	int done = 0;

	while (fp->next && done < limit) {
		if (done & 1)
			napi_gro_receive(&fp->napi, fp->next); /* expect: LC005 */
		else
			netif_receive_skb(fp->next); /* expect: LC005 */
		done++;
	}
	return done;
}

static irqreturn_t foo_rx_irq(int irq, void *data)
{
	struct foo_priv *fp = data;

	foo_rx_process(fp, 16);
	return IRQ_HANDLED;
}

static int foo_poll(struct napi_struct *napi, int budget)
{
	struct foo_priv *fp = container_of(napi, struct foo_priv, napi);
	int done = 0;

	while (fp->next && done < budget) {
		napi_gro_receive(napi, fp->next);
		done++;
	}
	if (done < budget)
		napi_complete_done(napi, done);
	return done;
}

static int foo_stats(struct foo_priv *fp)
{
	int n;

	spin_lock_bh(&fp->q_lock);
	n = fp->pending;
	spin_unlock_bh(&fp->q_lock);
	return n;
}

static void foo_reset(struct foo_priv *fp)
{
	unsigned long flags;

	spin_lock_irqsave(&fp->hw_lock, flags);
	spin_lock_bh(&fp->q_lock);
	fp->pending = 0;
	spin_unlock_bh(&fp->q_lock); /* expect: LC005 */
	spin_unlock_irqrestore(&fp->hw_lock, flags);
}

int foo_probe(struct net_device *dev, struct foo_priv *fp)
{
	netif_napi_add(dev, &fp->napi, foo_poll);
	foo_reset(fp);
	return request_irq(fp->irq, foo_rx_irq, 0, "foo-rx", fp) + foo_stats(fp);
}
MODULE_LICENSE("GPL");
