// SPDX-License-Identifier: GPL-2.0
/*
 * NAPI poll (softirq) vs plain spin_lock() in an ethtool callback.
 *
 * foo_eth_poll(), registered with netif_napi_add(), runs in NET_RX softirq
 * context and accumulates counters under priv->stats_lock.  The ethtool
 * get_ethtool_stats callback runs in task context with softirqs and hardirqs
 * enabled and takes the same lock with a plain spin_lock(): the NAPI softirq
 * can run on irq exit on that CPU and spin on the lock.  (It needs
 * spin_lock_bh().)  The interrupt handler only schedules NAPI and takes no
 * lock.
 *
 * Expected: LC002 at the spin_lock() in foo_eth_get_ethtool_stats().
 */
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/platform_device.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>

#define FOO_ETH_ISR		0x00
#define FOO_ETH_RX_PENDING	0x04
#define FOO_ETH_NR_STATS	2

struct foo_eth {
	void __iomem *regs;
	struct napi_struct napi;
	spinlock_t stats_lock;		/* protects rx_packets, rx_polls */
	u64 rx_packets;
	u64 rx_polls;
	int irq;
};

static int foo_eth_poll(struct napi_struct *napi, int budget)
{
	struct foo_eth *priv = container_of(napi, struct foo_eth, napi);
	int done;

	done = min_t(int, readl(priv->regs + FOO_ETH_RX_PENDING), budget);

	spin_lock(&priv->stats_lock);
	priv->rx_packets += done;
	priv->rx_polls++;
	spin_unlock(&priv->stats_lock);

	if (done < budget)
		napi_complete_done(napi, done);
	return done;
}

static irqreturn_t foo_eth_irq(int irq, void *data)
{
	struct foo_eth *priv = data;

	if (!readl(priv->regs + FOO_ETH_ISR))
		return IRQ_NONE;
	writel(1, priv->regs + FOO_ETH_ISR);
	napi_schedule(&priv->napi);
	return IRQ_HANDLED;
}

static int foo_eth_open(struct net_device *ndev)
{
	struct foo_eth *priv = netdev_priv(ndev);

	napi_enable(&priv->napi);
	netif_start_queue(ndev);
	return 0;
}

static int foo_eth_stop(struct net_device *ndev)
{
	struct foo_eth *priv = netdev_priv(ndev);

	netif_stop_queue(ndev);
	napi_disable(&priv->napi);
	return 0;
}

static netdev_tx_t foo_eth_start_xmit(struct sk_buff *skb,
				      struct net_device *ndev)
{
	/* no TX path on this receive-only tap */
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops foo_eth_netdev_ops = {
	.ndo_open = foo_eth_open,
	.ndo_stop = foo_eth_stop,
	.ndo_start_xmit = foo_eth_start_xmit,
};

static int foo_eth_get_sset_count(struct net_device *ndev, int sset)
{
	return sset == ETH_SS_STATS ? FOO_ETH_NR_STATS : -EOPNOTSUPP;
}

static void foo_eth_get_ethtool_stats(struct net_device *ndev,
				      struct ethtool_stats *stats, u64 *data)
{
	struct foo_eth *priv = netdev_priv(ndev);

	spin_lock(&priv->stats_lock); /* expect: LC002 */
	data[0] = priv->rx_packets;
	data[1] = priv->rx_polls;
	spin_unlock(&priv->stats_lock);
}

static const struct ethtool_ops foo_eth_ethtool_ops = {
	.get_sset_count = foo_eth_get_sset_count,
	.get_ethtool_stats = foo_eth_get_ethtool_stats,
};

static int foo_eth_probe(struct platform_device *pdev)
{
	struct net_device *ndev;
	struct foo_eth *priv;
	int ret;

	ndev = devm_alloc_etherdev(&pdev->dev, sizeof(*priv));
	if (!ndev)
		return -ENOMEM;
	priv = netdev_priv(ndev);

	priv->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(priv->regs))
		return PTR_ERR(priv->regs);

	spin_lock_init(&priv->stats_lock);
	ndev->netdev_ops = &foo_eth_netdev_ops;
	ndev->ethtool_ops = &foo_eth_ethtool_ops;
	eth_hw_addr_random(ndev);
	netif_napi_add(ndev, &priv->napi, foo_eth_poll);

	priv->irq = platform_get_irq(pdev, 0);
	if (priv->irq < 0)
		return priv->irq;

	ret = devm_request_irq(&pdev->dev, priv->irq, foo_eth_irq, 0,
			       "foo-eth", priv);
	if (ret)
		return ret;

	return devm_register_netdev(&pdev->dev, ndev);
}

static struct platform_driver foo_eth_driver = {
	.probe = foo_eth_probe,
	.driver = {
		.name = "foo-eth",
	},
};
module_platform_driver(foo_eth_driver);

MODULE_DESCRIPTION("foo Ethernet tap (NAPI poll vs plain spin_lock)");
MODULE_LICENSE("GPL");
