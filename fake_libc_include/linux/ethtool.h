/* lockctx stub: mirrors the Linux 6.12 shape of <linux/ethtool.h> + uapi/linux/ethtool.h (subset). */
#ifndef _LINUX_ETHTOOL_H
#define _LINUX_ETHTOOL_H

#include <linux/types.h>
#include <linux/compiler.h>

struct net_device;

/* <uapi/linux/ethtool.h> */
#define ETH_GSTRING_LEN		32

enum ethtool_stringset {
	ETH_SS_TEST		= 0,
	ETH_SS_STATS,
	ETH_SS_PRIV_FLAGS,
};

struct ethtool_stats {
	__u32	cmd;
	__u32	n_stats;
	__u64	data[];
};

/* <linux/ethtool.h> */
struct ethtool_ops {
	int	(*get_regs_len)(struct net_device *);
	u32	(*get_msglevel)(struct net_device *);
	void	(*set_msglevel)(struct net_device *, u32);
	int	(*nway_reset)(struct net_device *);
	u32	(*get_link)(struct net_device *);
	void	(*get_strings)(struct net_device *, u32 stringset, u8 *);
	void	(*get_ethtool_stats)(struct net_device *,
				     struct ethtool_stats *, u64 *);
	int	(*get_sset_count)(struct net_device *, int);
};

u32 ethtool_op_get_link(struct net_device *dev);
extern __printf(2, 3) void ethtool_sprintf(u8 **data, const char *fmt, ...);
extern void ethtool_puts(u8 **data, const char *str);

#endif /* _LINUX_ETHTOOL_H */
