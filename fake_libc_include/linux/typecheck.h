/* lockctx stub: mirrors the Linux 6.12 shape of <linux/typecheck.h>. */
#ifndef TYPECHECK_H_INCLUDED
#define TYPECHECK_H_INCLUDED

/* Check at compile time that something is of a particular type. */
#ifdef LOCKCTX_NO_ATTRIBUTES	/* plain-C mode: no typeof / statement expressions */
#define typecheck(type, x) (1)
#else
#define typecheck(type, x) \
({	type __dummy; \
	typeof(x) __dummy2; \
	(void)(&__dummy == &__dummy2); \
	1; \
})
#endif

#define typecheck_fn(type, function) \
({	typeof(type) __tmp = function; \
	(void)__tmp; \
})

#endif /* TYPECHECK_H_INCLUDED */
