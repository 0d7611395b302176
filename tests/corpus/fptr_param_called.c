// SPDX-License-Identifier: GPL-2.0
/*
 * A function passed as an argument and called through the parameter, reduced from
 * sound/pci/hda/hda_controller.c and sound/hda/hdac_controller.c: azx_interrupt() takes
 * bus->reg_lock in hardirq context and calls snd_hdac_bus_handle_stream_irq(bus, status,
 * stream_update) (hda_controller.c:1082-1094), which calls `ack(bus, azx_dev)` through its
 * parameter (hdac_controller.c:680-705).  stream_update() drops and retakes the lock with a
 * plain spin_lock (hda_controller.c:1064-1066): fine in hardirq.  It is no function with no
 * known caller, which lockctx would have to assume runs in task context with interrupts on.
 *
 * baz_stream_reset() is reached the same way, through a wrapper that hands its parameter on
 * to one that calls it as `(*fn)(...)`.
 *
 * baz_poll() passes baz_stream_count() to the same function from task context with
 * interrupts on: that function's plain spin_lock of the lock the handler takes is a bug.
 * What baz_poll() passes is all its call reaches: baz_stream_update() is not called in task
 * context.
 *
 * Expected: LC001 in baz_stream_count() only.
 */
#include <linux/interrupt.h>
#include <linux/spinlock.h>

struct baz_stream {
	struct baz_stream *next;
	unsigned int mask;
	unsigned long periods;
	unsigned long seen;
};

struct baz_bus {
	spinlock_t reg_lock;
	struct baz_stream *streams;
	unsigned int status;
};

typedef void (*baz_stream_fn)(struct baz_bus *bus, struct baz_stream *s);

int baz_handle_stream_irq(struct baz_bus *bus, unsigned int status,
			  void (*ack)(struct baz_bus *, struct baz_stream *))
{
	struct baz_stream *s;
	int handled = 0;

	for (s = bus->streams; s; s = s->next) {
		if (!(status & s->mask))
			continue;
		handled |= s->mask;
		if (ack)
			ack(bus, s);
	}
	return handled;
}

static void baz_each_stream(struct baz_bus *bus, baz_stream_fn fn)
{
	struct baz_stream *s;

	for (s = bus->streams; s; s = s->next)
		(*fn)(bus, s);
}

static void baz_all_streams(struct baz_bus *bus, baz_stream_fn fn)
{
	baz_each_stream(bus, fn);
}

static void baz_stream_update(struct baz_bus *bus, struct baz_stream *s)
{
	spin_unlock(&bus->reg_lock);
	s->periods++;
	spin_lock(&bus->reg_lock);
}

static void baz_stream_reset(struct baz_bus *bus, struct baz_stream *s)
{
	spin_unlock(&bus->reg_lock);
	s->periods = 0;
	spin_lock(&bus->reg_lock);
}

static irqreturn_t baz_interrupt(int irq, void *dev_id)
{
	struct baz_bus *bus = dev_id;

	spin_lock(&bus->reg_lock);
	if (baz_handle_stream_irq(bus, bus->status, baz_stream_update))
		baz_all_streams(bus, baz_stream_reset);
	spin_unlock(&bus->reg_lock);
	return IRQ_HANDLED;
}

static void baz_stream_count(struct baz_bus *bus, struct baz_stream *s)
{
	spin_lock(&bus->reg_lock); /* expect: LC001 */
	s->seen++;
	spin_unlock(&bus->reg_lock);
}

int baz_poll(struct baz_bus *bus)
{
	return baz_handle_stream_irq(bus, bus->status, baz_stream_count);
}

int baz_init(struct baz_bus *bus)
{
	return request_irq(1, baz_interrupt, IRQF_SHARED, "baz", bus);
}
