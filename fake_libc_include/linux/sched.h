/* lockctx stub: mirrors the Linux 6.12 shape of <linux/sched.h> (subset; PREEMPT_DYNAMIC). */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>
#include <asm/barrier.h>

#define TASK_RUNNING			0x00000000
#define TASK_INTERRUPTIBLE		0x00000001
#define TASK_UNINTERRUPTIBLE		0x00000002
#define __TASK_STOPPED			0x00000004
#define __TASK_TRACED			0x00000008
#define TASK_PARKED			0x00000040
#define TASK_DEAD			0x00000080
#define TASK_WAKEKILL			0x00000100
#define TASK_WAKING			0x00000200
#define TASK_NOLOAD			0x00000400
#define TASK_KILLABLE			(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_IDLE			(TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_NORMAL			(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

enum {
	TASK_COMM_LEN = 16,
};

/* kernel/sched/sched.h's (the scheduler's own header): named in rules.toml's [[callback]] */
struct rq;
struct balance_callback {
	struct balance_callback *next;
	void (*func)(struct rq *rq);
};

struct task_struct {
	unsigned int			__state;
	unsigned int			flags;
	int				prio;
	pid_t				pid;
	pid_t				tgid;
	char				comm[TASK_COMM_LEN];
};

/* kernel/sched/sched.h's (subset): named in rules.toml's [follow] unreached */
struct sched_class {
	bool (*dequeue_task)(struct rq *rq, struct task_struct *p, int flags);
};

/* x86 <asm/current.h>: per-cpu pcpu_hot.current_task */
extern struct task_struct *__lockctx_current_task;

static __always_inline struct task_struct *get_current(void)
{
	return __lockctx_current_task;
}

#define current get_current()

#define __set_current_state(state_value)				\
	do {								\
		WRITE_ONCE(current->__state, (state_value));		\
	} while (0)

#define set_current_state(state_value)					\
	do {								\
		smp_store_mb(current->__state, (state_value));		\
	} while (0)

#define	MAX_SCHEDULE_TIMEOUT		LONG_MAX

extern long schedule_timeout(long timeout);
extern long schedule_timeout_interruptible(long timeout);
extern long schedule_timeout_killable(long timeout);
extern long schedule_timeout_uninterruptible(long timeout);
extern long schedule_timeout_idle(long timeout);
asmlinkage void schedule(void);
extern void io_schedule(void);
extern void yield(void);

extern int wake_up_process(struct task_struct *tsk);
extern int wake_up_state(struct task_struct *tsk, unsigned int state);

extern int signal_pending(struct task_struct *p);

/* _cond_resched(): PREEMPT_DYNAMIC with static calls */
static __always_inline int _cond_resched(void)
{
	return __cond_resched();
}

#define cond_resched() ({			\
	__might_resched(__FILE__, __LINE__, 0);	\
	_cond_resched();			\
})

extern int __cond_resched_lock(spinlock_t *lock);

#define cond_resched_lock(lock) ({					\
	__might_resched(__FILE__, __LINE__, 0);				\
	__cond_resched_lock(lock);					\
})

static inline int task_pid_nr(struct task_struct *tsk)
{
	return tsk->pid;
}

#endif /* _LINUX_SCHED_H */
