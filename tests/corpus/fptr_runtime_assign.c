// SPDX-License-Identifier: GPL-2.0
/*
 * Function pointer assigned at run time.
 *
 * Like uart_port.handle_irq, the port's handle_irq callback is filled in by
 * the probe (port->handle_irq = foo_uart_handle_irq) and called by the shared
 * interrupt handler through the field.  foo_uart_handle_irq() therefore runs
 * in hardirq context and takes port->lock.  The termios path, reached from
 * the probe in task context, takes the same lock with a plain spin_lock().
 *
 * Expected: LC001 at the spin_lock() in foo_uart_set_baud() only; the
 * callback is reached through struct foo_uart_port.handle_irq and is not a
 * root.
 */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define FOO_UART_RX		0x00
#define FOO_UART_LSR		0x04
#define FOO_UART_DIV		0x08
#define FOO_UART_LSR_DR		0x01

struct foo_uart_port {
	void __iomem *membase;
	spinlock_t lock;
	unsigned int uartclk;
	unsigned long rx_bytes;
	int irq;
	int (*handle_irq)(struct foo_uart_port *port);
};

static int foo_uart_handle_irq(struct foo_uart_port *port)
{
	int handled = 0;

	spin_lock(&port->lock);
	while (readl(port->membase + FOO_UART_LSR) & FOO_UART_LSR_DR) {
		(void)readl(port->membase + FOO_UART_RX);
		port->rx_bytes++;
		handled = 1;
	}
	spin_unlock(&port->lock);
	return handled;
}

static irqreturn_t foo_uart_interrupt(int irq, void *dev_id)
{
	struct foo_uart_port *port = dev_id;

	return port->handle_irq(port) ? IRQ_HANDLED : IRQ_NONE;
}

static void foo_uart_set_baud(struct foo_uart_port *port, unsigned int baud)
{
	spin_lock(&port->lock); /* expect: LC001 */
	writel(port->uartclk / (16 * baud), port->membase + FOO_UART_DIV);
	spin_unlock(&port->lock);
}

static int foo_uart_probe(struct platform_device *pdev)
{
	struct foo_uart_port *port;
	int ret;

	port = devm_kzalloc(&pdev->dev, sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;

	port->membase = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(port->membase))
		return PTR_ERR(port->membase);

	spin_lock_init(&port->lock);
	port->uartclk = 1843200;
	port->handle_irq = foo_uart_handle_irq;

	port->irq = platform_get_irq(pdev, 0);
	if (port->irq < 0)
		return port->irq;

	ret = devm_request_irq(&pdev->dev, port->irq, foo_uart_interrupt,
			       IRQF_SHARED, "foo-uart", port);
	if (ret)
		return ret;

	foo_uart_set_baud(port, 115200);
	return 0;
}

static struct platform_driver foo_uart_driver = {
	.probe = foo_uart_probe,
	.driver = {
		.name = "foo-uart",
	},
};
module_platform_driver(foo_uart_driver);

MODULE_DESCRIPTION("foo UART (run-time callback)");
MODULE_LICENSE("GPL");
