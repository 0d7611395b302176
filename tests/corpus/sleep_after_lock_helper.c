// SPDX-License-Identifier: GPL-2.0
/*
 * Lock helper that returns with the lock held and interrupts off.
 *
 * Like uart_port_lock_irqsave(), foo_port_lock_irqsave(port, &flags) takes
 * port->lock with spin_lock_irqsave() and returns holding it;
 * foo_port_unlock_irqrestore() drops it.  foo_port_set_baud() waits for the
 * divisor latch with usleep_range() between the two: it sleeps with a
 * spinlock held and interrupts disabled.  The msleep() after the unlock
 * helper is fine.  The interrupt handler takes port->lock too, but every
 * task-context acquisition goes through the irqsave helper, so no LC001.
 *
 * Expected: LC004 at the usleep_range() in foo_port_set_baud() only.
 */
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define FOO_PORT_DIV		0x00
#define FOO_PORT_LCR		0x04
#define FOO_PORT_IIR		0x08
#define FOO_PORT_LCR_DLAB	0x80

struct foo_port {
	void __iomem *membase;
	spinlock_t lock;
	unsigned int uartclk;
	unsigned long irq_count;
	int irq;
};

static void foo_port_lock_irqsave(struct foo_port *port, unsigned long *flags)
{
	spin_lock_irqsave(&port->lock, *flags);
}

static void foo_port_unlock_irqrestore(struct foo_port *port,
				       unsigned long flags)
{
	spin_unlock_irqrestore(&port->lock, flags);
}

static void foo_port_set_baud(struct foo_port *port, unsigned int baud)
{
	unsigned long flags;

	foo_port_lock_irqsave(port, &flags);
	writel(FOO_PORT_LCR_DLAB, port->membase + FOO_PORT_LCR);
	writel(port->uartclk / (16 * baud), port->membase + FOO_PORT_DIV);
	/* the divisor latch needs ~50us to settle */
	usleep_range(50, 100); /* expect: LC004 */
	writel(0, port->membase + FOO_PORT_LCR);
	foo_port_unlock_irqrestore(port, flags);

	/* let the line settle at the new rate before the first character */
	msleep(2);
}

static irqreturn_t foo_port_irq(int irq, void *dev_id)
{
	struct foo_port *port = dev_id;

	spin_lock(&port->lock);
	(void)readl(port->membase + FOO_PORT_IIR);
	port->irq_count++;
	spin_unlock(&port->lock);
	return IRQ_HANDLED;
}

static int foo_port_probe(struct platform_device *pdev)
{
	struct foo_port *port;
	int ret;

	port = devm_kzalloc(&pdev->dev, sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;

	port->membase = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(port->membase))
		return PTR_ERR(port->membase);

	spin_lock_init(&port->lock);
	port->uartclk = 1843200;

	port->irq = platform_get_irq(pdev, 0);
	if (port->irq < 0)
		return port->irq;

	ret = devm_request_irq(&pdev->dev, port->irq, foo_port_irq, 0,
			       "foo-port", port);
	if (ret)
		return ret;

	foo_port_set_baud(port, 115200);
	return 0;
}

static struct platform_driver foo_port_driver = {
	.probe = foo_port_probe,
	.driver = {
		.name = "foo-port",
	},
};
module_platform_driver(foo_port_driver);

MODULE_DESCRIPTION("foo port (sleeping under a lock helper)");
MODULE_LICENSE("GPL");
