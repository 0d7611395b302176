/* lockctx stub: mirrors the Linux 6.12 shape of <linux/clockchips.h> (subset). */
#ifndef _LINUX_CLOCKCHIPS_H
#define _LINUX_CLOCKCHIPS_H

#include <linux/types.h>
#include <linux/ktime.h>
#include <linux/cpumask.h>

struct clock_event_device {
	void			(*event_handler)(struct clock_event_device *);
	int			(*set_next_event)(unsigned long evt, struct clock_event_device *);
	int			(*set_next_ktime)(ktime_t expires, struct clock_event_device *);
	ktime_t			next_event;
	u64			max_delta_ns;
	u64			min_delta_ns;
	u32			mult;
	u32			shift;
	unsigned int		features;
	int			(*set_state_shutdown)(struct clock_event_device *);
	int			(*set_state_periodic)(struct clock_event_device *);
	int			(*set_state_oneshot)(struct clock_event_device *);
	int			(*tick_resume)(struct clock_event_device *);
	const char		*name;
	int			rating;
	int			irq;
	const struct cpumask	*cpumask;
};

extern void clockevents_register_device(struct clock_event_device *dev);
#endif /* _LINUX_CLOCKCHIPS_H */
