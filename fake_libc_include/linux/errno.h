/* lockctx stub: mirrors the Linux 6.12 shape of <linux/errno.h> (+ uapi errno values). */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#define EPERM		 1
#define ENOENT		 2
#define ESRCH		 3
#define EINTR		 4
#define EIO		 5
#define ENXIO		 6
#define E2BIG		 7
#define EBADF		 9
#define EAGAIN		11
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define EINVAL		22
#define ENOSPC		28
#define ERANGE		34
#define EDEADLK		35
#define ENOSYS		38
#define ENODATA		61
#define ETIME		62
#define EPROTO		71
#define EOVERFLOW	75
#define EOPNOTSUPP	95
#define ENOTCONN	107
#define ETIMEDOUT	110
#define EALREADY	114
#define EINPROGRESS	115
#define ECANCELED	125
#define EWOULDBLOCK	EAGAIN

#define ERESTARTSYS	512
#define EPROBE_DEFER	517
#define ENOTSUPP	524

#endif /* _LINUX_ERRNO_H */
