/* lockctx stub: mirrors the Linux 6.12 shape of <linux/of.h> (CONFIG_OF; subset). */
#ifndef _LINUX_OF_H
#define _LINUX_OF_H

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/mod_devicetable.h>

struct device;

struct device_node {
	const char *name;
	const char *full_name;
	struct device_node *parent;
	struct device_node *child;
	struct device_node *sibling;
	unsigned long _flags;
	void	*data;
};

#define of_match_ptr(_ptr)	(_ptr)

extern int of_property_read_u32_index(const struct device_node *np,
				       const char *propname,
				       u32 index, u32 *out_value);

static inline int of_property_read_u32(const struct device_node *np,
				       const char *propname,
				       u32 *out_value)
{
	return of_property_read_u32_index(np, propname, 0, out_value);
}

extern int of_property_read_string(const struct device_node *np,
				   const char *propname,
				   const char **out_string);
struct property;
extern struct property *of_find_property(const struct device_node *np,
					 const char *name, int *lenp);

static inline bool of_property_read_bool(const struct device_node *np,
					 const char *propname)
{
	struct property *prop = of_find_property(np, propname, NULL);

	return prop ? true : false;
}
extern int of_device_is_compatible(const struct device_node *device,
				   const char *);
extern const struct of_device_id *of_match_device(const struct of_device_id *matches,
						  const struct device *dev);
extern const void *of_device_get_match_data(const struct device *dev);
extern struct device_node *of_node_get(struct device_node *node);
extern void of_node_put(struct device_node *node);

#endif /* _LINUX_OF_H */
