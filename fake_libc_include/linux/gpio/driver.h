/* lockctx stub: mirrors the Linux 6.12 shape of <linux/gpio/driver.h> (subset). */
#ifndef __LINUX_GPIO_DRIVER_H
#define __LINUX_GPIO_DRIVER_H

#include <linux/types.h>
#include <linux/irqhandler.h>

struct device;
struct irq_chip;

struct gpio_irq_chip {
	struct irq_chip *chip;
	irq_flow_handler_t handler;
	unsigned int default_type;
	/* the chained handler of the parent interrupt: a flow handler (rules.toml: hardirq) */
	irq_flow_handler_t parent_handler;
	void *parent_handler_data;
	unsigned int num_parents;
	unsigned int *parents;
};

struct gpio_chip {
	const char *label;
	struct device *parent;
	int (*get_direction)(struct gpio_chip *gc, unsigned int offset);
	int (*direction_input)(struct gpio_chip *gc, unsigned int offset);
	int (*direction_output)(struct gpio_chip *gc, unsigned int offset, int value);
	int (*get)(struct gpio_chip *gc, unsigned int offset);
	int (*get_multiple)(struct gpio_chip *gc, unsigned long *mask, unsigned long *bits);
	void (*set)(struct gpio_chip *gc, unsigned int offset, int value);
	void (*set_multiple)(struct gpio_chip *gc, unsigned long *mask, unsigned long *bits);
	int (*set_config)(struct gpio_chip *gc, unsigned int offset, unsigned long config);
	int base;
	u16 ngpio;
	/* the callbacks may sleep: only the _cansleep consumer API reaches them (rules.toml) */
	bool can_sleep;
	struct gpio_irq_chip irq;
};

#endif /* __LINUX_GPIO_DRIVER_H */
