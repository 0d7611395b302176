/* lockctx stub: mirrors the Linux 6.12 shape of <linux/container_of.h>. */
#ifndef _LINUX_CONTAINER_OF_H
#define _LINUX_CONTAINER_OF_H

#include <linux/stddef.h>

#define typeof_member(T, m)	typeof(((T*)0)->m)

/* container_of - cast a member of a structure out to the containing structure */
#define container_of(ptr, type, member) ({				\
	void *__mptr = (void *)(ptr);					\
	((type *)(__mptr - offsetof(type, member))); })

#define container_of_const(ptr, type, member)	container_of(ptr, type, member)

#endif /* _LINUX_CONTAINER_OF_H */
