/* lockctx stub: mirrors the Linux 6.12 shape of <linux/linkage.h> (only the C-side bits). */
#ifndef _LINUX_LINKAGE_H
#define _LINUX_LINKAGE_H

#include <linux/compiler_types.h>

#endif /* _LINUX_LINKAGE_H */
