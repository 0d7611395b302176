/* lockctx stub: mirrors the Linux 6.12 shape of <linux/cpumask.h> (+ threads.h NR_CPUS; subset). */
#ifndef __LINUX_CPUMASK_H
#define __LINUX_CPUMASK_H

#include <linux/types.h>
#include <linux/bitops.h>

#define NR_CPUS		CONFIG_NR_CPUS

typedef struct cpumask { DECLARE_BITMAP(bits, NR_CPUS); } cpumask_t;

extern unsigned int nr_cpu_ids;

extern struct cpumask __cpu_possible_mask;
extern struct cpumask __cpu_online_mask;
extern struct cpumask __cpu_present_mask;
#define cpu_possible_mask ((const struct cpumask *)&__cpu_possible_mask)
#define cpu_online_mask   ((const struct cpumask *)&__cpu_online_mask)
#define cpu_present_mask  ((const struct cpumask *)&__cpu_present_mask)

extern unsigned int cpumask_next(int n, const struct cpumask *srcp);
extern unsigned int cpumask_first(const struct cpumask *srcp);
extern unsigned int num_online_cpus(void);
extern bool cpu_online(unsigned int cpu);

#define for_each_cpu(cpu, mask)				\
	for ((cpu) = -1;				\
	     (cpu) = cpumask_next((cpu), (mask)),	\
	     (cpu) < nr_cpu_ids;)

#define for_each_possible_cpu(cpu) for_each_cpu((cpu), cpu_possible_mask)
#define for_each_online_cpu(cpu)   for_each_cpu((cpu), cpu_online_mask)
#define for_each_present_cpu(cpu)  for_each_cpu((cpu), cpu_present_mask)

#endif /* __LINUX_CPUMASK_H */
