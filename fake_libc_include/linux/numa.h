/* lockctx stub: mirrors the Linux 6.12 shape of <linux/numa.h>. */
#ifndef _LINUX_NUMA_H
#define _LINUX_NUMA_H

#define NUMA_NO_NODE	(-1)

#endif /* _LINUX_NUMA_H */
