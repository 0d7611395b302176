/* lockctx stub: mirrors the Linux 6.12 shape of x86 <asm/barrier.h> (no inline asm). */
#ifndef _ASM_X86_BARRIER_H
#define _ASM_X86_BARRIER_H

#include <linux/compiler.h>

#define mb()			barrier()
#define rmb()			barrier()
#define wmb()			barrier()
#define smp_mb()		barrier()
#define smp_rmb()		barrier()
#define smp_wmb()		barrier()
#define smp_mb__before_atomic()	barrier()
#define smp_mb__after_atomic()	barrier()

#define smp_store_mb(var, value)  do { WRITE_ONCE(var, value); barrier(); } while (0)
#define smp_store_release(p, v)	  do { barrier(); WRITE_ONCE(*p, v); } while (0)
#define smp_load_acquire(p)	  ({ typeof(*p) ___p1 = READ_ONCE(*p); barrier(); ___p1; })

#endif /* _ASM_X86_BARRIER_H */
