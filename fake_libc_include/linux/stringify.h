/* lockctx stub: mirrors the Linux 6.12 shape of <linux/stringify.h>. */
#ifndef __LINUX_STRINGIFY_H
#define __LINUX_STRINGIFY_H

#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)

#define FILE_LINE	__FILE__ ":" __stringify(__LINE__)

#endif /* __LINUX_STRINGIFY_H */
