/* SPDX-License-Identifier: GPL-2.0 */
/* a shared header (include/linux/sched.h): any file of the tree may call what it declares */
#ifndef FOO_SCHED_PUB_H
#define FOO_SCHED_PUB_H

struct foo_prq;

void foo_rq_reset(struct foo_prq *rq);

#endif
