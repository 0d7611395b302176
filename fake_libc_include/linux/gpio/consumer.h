/* lockctx stub: mirrors the Linux 6.12 shape of <linux/gpio/consumer.h> (subset, GPIOLIB=y). */
#ifndef __LINUX_GPIO_CONSUMER_H
#define __LINUX_GPIO_CONSUMER_H

#include <linux/types.h>

struct device;
struct gpio_desc;

int gpiod_get_value(const struct gpio_desc *desc);
int gpiod_set_value(struct gpio_desc *desc, int value);
int gpiod_get_raw_value(const struct gpio_desc *desc);
int gpiod_set_raw_value(struct gpio_desc *desc, int value);

/* the _cansleep variants may sleep: for GPIOs behind I2C or SPI expanders */
int gpiod_get_value_cansleep(const struct gpio_desc *desc);
int gpiod_set_value_cansleep(struct gpio_desc *desc, int value);
int gpiod_get_raw_value_cansleep(const struct gpio_desc *desc);
int gpiod_set_raw_value_cansleep(struct gpio_desc *desc, int value);

#endif /* __LINUX_GPIO_CONSUMER_H */
