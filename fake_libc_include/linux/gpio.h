/* lockctx stub: mirrors the Linux 6.12 shape of <linux/gpio.h> (subset: legacy GPIO numbers). */
#ifndef __LINUX_GPIO_H
#define __LINUX_GPIO_H

#include <linux/gpio/consumer.h>

int gpio_get_value_cansleep(unsigned int gpio);
void gpio_set_value_cansleep(unsigned int gpio, int value);
int gpio_get_value(unsigned int gpio);
void gpio_set_value(unsigned int gpio, int value);

#endif /* __LINUX_GPIO_H */
