// SPDX-License-Identifier: GPL-2.0
/*
 * The per-CPU backlog NAPI and netpoll, reduced from net/core/dev.c:6279-6330
 * (process_backlog()), 12480 (`sd->backlog.poll = process_backlog`) and
 * net/core/netpoll.c:149-178, 380-392 (poll_one_napi() calls `napi->poll()` under
 * netpoll_send_skb()'s local_irq_save()). netpoll polls only the NAPI instances on a
 * device's napi_list, and the backlog is on none, so the backlog's local_irq_enable() never
 * runs under netpoll's irqsave (round-7 NH-01..03: reported there, because every
 * `napi->poll()` reached every poll). rules.toml leaves process_backlog out of
 * napi_struct.poll ([follow] unreached) and enters it in softirq ([[root]]), where
 * net_rx_action() polls it.
 *
 * Expected: no LC003 in process_backlog(); it is still analysed in softirq (the task-context
 * user of its lock is LC002); a device's poll that does the same as the backlog is what
 * netpoll polls, and is reported (LC003).
 */
#include <linux/netdevice.h>
#include <linux/spinlock.h>

struct foo_softnet {
	struct napi_struct backlog;
	spinlock_t input_lock;
	unsigned int qlen;
};

static struct foo_softnet foo_softnet_data;

static int process_backlog(struct napi_struct *napi, int quota)
{
	struct foo_softnet *sd = &foo_softnet_data;

	spin_lock_irq(&sd->input_lock);
	sd->qlen = 0;
	spin_unlock_irq(&sd->input_lock);
	return 0;
}

void foo_softnet_init(void)
{
	foo_softnet_data.backlog.poll = process_backlog;
}

void foo_softnet_flush(struct foo_softnet *sd)
{
	spin_lock(&sd->input_lock); /* expect: LC002 */
	sd->qlen = 0;
	spin_unlock(&sd->input_lock);
}

/* a device's NAPI (netif_napi_add() stores its poll): on its napi_list, netpoll polls it */
static DEFINE_SPINLOCK(foo_dev_lock);

static int foo_dev_poll(struct napi_struct *napi, int budget)
{
	spin_lock_irq(&foo_dev_lock); /* expect: LC003 */
	napi->weight = budget;
	spin_unlock_irq(&foo_dev_lock);
	return 0;
}

void foo_dev_setup(struct napi_struct *napi)
{
	napi->poll = foo_dev_poll;
}

static void foo_poll_one_napi(struct napi_struct *napi)
{
	napi->poll(napi, 0);
}

void foo_netpoll_send_skb(struct napi_struct *napi)
{
	unsigned long flags;

	local_irq_save(flags);
	foo_poll_one_napi(napi);
	local_irq_restore(flags);
}
