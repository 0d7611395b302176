/* part.c is #included by main.c (kernel/sched/build_policy.c style): analysed through its includer; on its own it would not even parse (l is main.c's). */
#include <linux/spinlock.h>
#include <linux/interrupt.h>
static DEFINE_SPINLOCK(l);
#include "part.c"
static irqreturn_t h(int irq, void *d) { part_work(); return IRQ_HANDLED; }
int probe(int irq) { return request_irq(irq, h, 0, "x", 0); }
