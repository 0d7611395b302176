#include <linux/spinlock.h>
#include <linux/interrupt.h>
static irqreturn_t h(int irq, void *d) { spin_lock(&q->lock); spin_unlock(&q->lock); return IRQ_HANDLED; }
int probe(int irq) { return request_irq(irq, h, 0, "x", 0); }
void task(void)
{
	spin_lock(&q->lock);
	spin_unlock(&q->lock);
}
