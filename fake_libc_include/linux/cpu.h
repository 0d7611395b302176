/* lockctx stub: mirrors the Linux 6.12 shape of <linux/cpu.h> + cpuhplock.h (subset). */
#ifndef _LINUX_CPU_H_
#define _LINUX_CPU_H_

#include <linux/types.h>
#include <linux/cpumask.h>
#include <linux/cleanup.h>

extern void cpus_read_lock(void);
extern void cpus_read_unlock(void);
extern int  cpus_read_trylock(void);

DEFINE_LOCK_GUARD_0(cpus_read_lock, cpus_read_lock(), cpus_read_unlock())

extern int __cpuhp_setup_state(int state, const char *name, bool invoke,
			       int (*startup)(unsigned int cpu),
			       int (*teardown)(unsigned int cpu), bool multi_instance);

static inline int cpuhp_setup_state(int state, const char *name,
				    int (*startup)(unsigned int cpu),
				    int (*teardown)(unsigned int cpu))
{
	return __cpuhp_setup_state(state, name, true, startup, teardown, false);
}

extern void __cpuhp_remove_state(int state, bool invoke);

static inline void cpuhp_remove_state(int state)
{
	__cpuhp_remove_state(state, true);
}

#endif /* _LINUX_CPU_H_ */
