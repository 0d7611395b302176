// SPDX-License-Identifier: GPL-2.0
/*
 * GFP_KERNEL allocation two calls below a timer callback.
 *
 * The refill timer (timer_setup, softirq context) tops up both rings.  The
 * RX path, foo_rx_refill() -> foo_rx_alloc_buf(), allocates with GFP_ATOMIC
 * (does not sleep); the TX path, foo_tx_refill() -> foo_tx_alloc_desc(),
 * allocates with kzalloc(..., GFP_KERNEL), which may sleep - not allowed in
 * softirq context.
 *
 * Expected: LC004 at the GFP_KERNEL kzalloc() in foo_tx_alloc_desc() only.
 * The GFP_KERNEL allocations in the probe run in task context: fine.
 */
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/timer.h>

#define FOO_RING_SIZE	64
#define FOO_BUF_SIZE	2048

struct foo_tx_desc {
	u64 addr;
	u32 len;
	u32 flags;
};

struct foo_ring {
	struct timer_list refill_timer;
	void *rx_buf[FOO_RING_SIZE];
	struct foo_tx_desc *tx_desc[FOO_RING_SIZE];
};

static void *foo_rx_alloc_buf(void)
{
	return kmalloc(FOO_BUF_SIZE, GFP_ATOMIC);
}

static struct foo_tx_desc *foo_tx_alloc_desc(void)
{
	return kzalloc(sizeof(struct foo_tx_desc), GFP_KERNEL); /* expect: LC004 */
}

static void foo_rx_refill(struct foo_ring *ring)
{
	unsigned int i;

	for (i = 0; i < FOO_RING_SIZE; i++)
		if (!ring->rx_buf[i])
			ring->rx_buf[i] = foo_rx_alloc_buf();
}

static void foo_tx_refill(struct foo_ring *ring)
{
	unsigned int i;

	for (i = 0; i < FOO_RING_SIZE; i++)
		if (!ring->tx_desc[i])
			ring->tx_desc[i] = foo_tx_alloc_desc();
}

static void foo_ring_refill_timer(struct timer_list *t)
{
	struct foo_ring *ring = from_timer(ring, t, refill_timer);

	foo_rx_refill(ring);
	foo_tx_refill(ring);
	mod_timer(&ring->refill_timer, jiffies + HZ / 10);
}

static int foo_ring_probe(struct platform_device *pdev)
{
	struct foo_ring *ring;
	unsigned int i;

	ring = devm_kzalloc(&pdev->dev, sizeof(*ring), GFP_KERNEL);
	if (!ring)
		return -ENOMEM;

	for (i = 0; i < FOO_RING_SIZE; i++) {
		ring->rx_buf[i] = kmalloc(FOO_BUF_SIZE, GFP_KERNEL);
		if (!ring->rx_buf[i])
			break;
	}

	platform_set_drvdata(pdev, ring);
	timer_setup(&ring->refill_timer, foo_ring_refill_timer, 0);
	mod_timer(&ring->refill_timer, jiffies + HZ / 10);
	return 0;
}

static void foo_ring_remove(struct platform_device *pdev)
{
	struct foo_ring *ring = platform_get_drvdata(pdev);
	unsigned int i;

	del_timer_sync(&ring->refill_timer);
	for (i = 0; i < FOO_RING_SIZE; i++) {
		kfree(ring->rx_buf[i]);
		kfree(ring->tx_desc[i]);
	}
}

static struct platform_driver foo_ring_driver = {
	.probe = foo_ring_probe,
	.remove = foo_ring_remove,
	.driver = {
		.name = "foo-ring",
	},
};
module_platform_driver(foo_ring_driver);

MODULE_DESCRIPTION("foo ring refill (GFP_KERNEL in a timer, two calls down)");
MODULE_LICENSE("GPL");
