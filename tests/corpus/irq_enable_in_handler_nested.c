// SPDX-License-Identifier: GPL-2.0
/*
 * spin_lock_irq() reached from a hardirq handler through two calls.
 *
 * foo_nic_irq() (hardirq, interrupts disabled) calls foo_nic_rx(), which
 * calls foo_nic_rx_drain(), which takes rx_lock with spin_lock_irq().  The
 * matching spin_unlock_irq() re-enables interrupts inside the hardirq handler.
 * The same helper is fine when the ring is reset from the probe (task
 * context, interrupts on), but the handler path is enough for the finding.
 *
 * Expected: LC003 at the spin_lock_irq() in foo_nic_rx_drain().  rx_lock is
 * never held with hardirqs enabled, so there is no LC001.
 */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define FOO_NIC_ISR		0x00
#define FOO_NIC_RX_HEAD		0x04
#define FOO_NIC_ISR_RX		0x1

struct foo_nic {
	void __iomem *regs;
	spinlock_t rx_lock;		/* protects rx_tail, rx_packets */
	u32 rx_tail;
	unsigned long rx_packets;
	int irq;
};

static void foo_nic_rx_drain(struct foo_nic *nic)
{
	u32 head = readl(nic->regs + FOO_NIC_RX_HEAD);

	spin_lock_irq(&nic->rx_lock); /* expect: LC003 */
	nic->rx_packets += head - nic->rx_tail;
	nic->rx_tail = head;
	spin_unlock_irq(&nic->rx_lock);
}

static void foo_nic_rx(struct foo_nic *nic, u32 isr)
{
	if (isr & FOO_NIC_ISR_RX)
		foo_nic_rx_drain(nic);
}

static irqreturn_t foo_nic_irq(int irq, void *data)
{
	struct foo_nic *nic = data;
	u32 isr = readl(nic->regs + FOO_NIC_ISR);

	if (!isr)
		return IRQ_NONE;
	writel(isr, nic->regs + FOO_NIC_ISR);

	foo_nic_rx(nic, isr);
	return IRQ_HANDLED;
}

static int foo_nic_probe(struct platform_device *pdev)
{
	struct foo_nic *nic;

	nic = devm_kzalloc(&pdev->dev, sizeof(*nic), GFP_KERNEL);
	if (!nic)
		return -ENOMEM;

	nic->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(nic->regs))
		return PTR_ERR(nic->regs);

	spin_lock_init(&nic->rx_lock);
	/* consume whatever the boot firmware left in the ring */
	foo_nic_rx_drain(nic);

	nic->irq = platform_get_irq(pdev, 0);
	if (nic->irq < 0)
		return nic->irq;

	return devm_request_irq(&pdev->dev, nic->irq, foo_nic_irq, 0,
				"foo-nic", nic);
}

static struct platform_driver foo_nic_driver = {
	.probe = foo_nic_probe,
	.driver = {
		.name = "foo-nic",
	},
};
module_platform_driver(foo_nic_driver);

MODULE_DESCRIPTION("foo NIC (spin_lock_irq under a hardirq handler)");
MODULE_LICENSE("GPL");
