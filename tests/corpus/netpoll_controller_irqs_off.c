// SPDX-License-Identifier: GPL-2.0
/*
 * A driver's netpoll controller runs with interrupts off, reduced from
 * drivers/net/ethernet/intel/e100.c: e100_netpoll() (2238-2246, the driver's
 * ndo_poll_controller) calls the interrupt handler and e100_tx_clean(), which takes
 * nic->cb_lock with a plain spin_lock() (1810) as the NAPI poll e100_poll() (softirq)
 * does. netpoll_poll_dev() calls the controller only with interrupts off
 * (net/core/netpoll.c: __netpoll_send_skb()'s lockdep_assert_irqs_disabled(), netconsole's
 * spin_lock_irqsave()), so no softirq can interrupt it there. In a run over the driver
 * alone the controller had no known caller and was entered with interrupts on: a false
 * LC002 (round-3 triage of intel).
 *
 * Expected: nothing for the controller's path; foo_nic_reset(), an ndo callback run in
 * task context with interrupts on, taking the lock plainly is still reported (LC002).
 */
#include <linux/interrupt.h>
#include <linux/netdevice.h>
#include <linux/spinlock.h>

struct foo_nic {
	struct net_device *netdev;
	struct napi_struct napi;
	spinlock_t cb_lock;
	int cb_to_clean;
	int irq;
};

static int foo_nic_tx_clean(struct foo_nic *nic)
{
	int cleaned = 0;

	spin_lock(&nic->cb_lock);
	while (nic->cb_to_clean) {
		nic->cb_to_clean--;
		cleaned++;
	}
	spin_unlock(&nic->cb_lock);
	return cleaned;
}

static irqreturn_t foo_nic_intr(int irq, void *dev_id)
{
	struct net_device *netdev = dev_id;
	struct foo_nic *nic = netdev_priv(netdev);

	napi_schedule(&nic->napi);
	return IRQ_HANDLED;
}

static int foo_nic_poll(struct napi_struct *napi, int budget)
{
	struct foo_nic *nic = container_of(napi, struct foo_nic, napi);

	foo_nic_tx_clean(nic);
	napi_complete_done(napi, 0);
	return 0;
}

static void foo_nic_netpoll(struct net_device *netdev)
{
	struct foo_nic *nic = netdev_priv(netdev);

	foo_nic_intr(nic->irq, netdev);
	foo_nic_tx_clean(nic);
}

static int foo_nic_reset(struct net_device *netdev)
{
	struct foo_nic *nic = netdev_priv(netdev);

	spin_lock(&nic->cb_lock); /* expect: LC002 */
	nic->cb_to_clean = 0;
	spin_unlock(&nic->cb_lock);
	return 0;
}

static const struct net_device_ops foo_nic_ops = {
	.ndo_open		= foo_nic_reset,
	.ndo_poll_controller	= foo_nic_netpoll,
};

int foo_nic_probe(struct net_device *netdev)
{
	struct foo_nic *nic = netdev_priv(netdev);

	netdev->netdev_ops = &foo_nic_ops;
	netif_napi_add_weight(netdev, &nic->napi, foo_nic_poll, 64);
	return request_irq(nic->irq, foo_nic_intr, IRQF_SHARED, "foo-nic", netdev);
}
