/* lockctx stub: mirrors the Linux 6.12 shape of <linux/irqdesc.h> (subset). */
#ifndef _LINUX_IRQDESC_H
#define _LINUX_IRQDESC_H

#include <linux/irq.h>

struct irq_desc {
	struct irq_common_data	irq_common_data;
	struct irq_data		irq_data;
	irq_flow_handler_t	handle_irq;
	struct irqaction	*action;
	unsigned int		status_use_accessors;
	unsigned int		depth;
	unsigned int		wake_depth;
	raw_spinlock_t		lock;
	const char		*name;
};

static inline void
irq_set_handler_locked(struct irq_data *data, irq_flow_handler_t handler)
{
	struct irq_desc *desc = container_of(data, struct irq_desc, irq_data);

	desc->handle_irq = handler;
}

static inline void
irq_set_chip_handler_name_locked(struct irq_data *data, const struct irq_chip *chip,
				 irq_flow_handler_t handler, const char *name)
{
	struct irq_desc *desc = container_of(data, struct irq_desc, irq_data);

	desc->handle_irq = handler;
	desc->name = name;
	data->chip = (struct irq_chip *)chip;
}

static inline unsigned int irq_desc_get_irq(struct irq_desc *desc)
{
	return desc->irq_data.irq;
}

static inline struct irq_data *irq_desc_get_irq_data(struct irq_desc *desc)
{
	return &desc->irq_data;
}

static inline struct irq_chip *irq_desc_get_chip(struct irq_desc *desc)
{
	return desc->irq_data.chip;
}

static inline void *irq_desc_get_chip_data(struct irq_desc *desc)
{
	return desc->irq_data.chip_data;
}

static inline void *irq_desc_get_handler_data(struct irq_desc *desc)
{
	return desc->irq_common_data.handler_data;
}

static inline void generic_handle_irq_desc(struct irq_desc *desc)
{
	desc->handle_irq(desc);
}

int generic_handle_irq(unsigned int irq);
int generic_handle_irq_safe(unsigned int irq);
int generic_handle_domain_irq(struct irq_domain *domain, irq_hw_number_t hwirq);
int generic_handle_domain_irq_safe(struct irq_domain *domain, irq_hw_number_t hwirq);
int generic_handle_domain_nmi(struct irq_domain *domain, irq_hw_number_t hwirq);

extern struct irq_desc *irq_to_desc(unsigned int irq);

#endif /* _LINUX_IRQDESC_H */
