/* lockctx stub: mirrors the Linux 6.12 shape of <linux/const.h>. */
#ifndef _LINUX_CONST_H
#define _LINUX_CONST_H

#define _AC(X, Y)	(X##Y)
#define _UL(x)		(_AC(x, UL))
#define _ULL(x)		(_AC(x, ULL))
#define UL(x)		(_UL(x))
#define ULL(x)		(_ULL(x))

#endif /* _LINUX_CONST_H */
