/*
 * lockctx --frontend pycparser: force-included (before the stub headers) when a file is
 * preprocessed for pycparser. libclang never sees this file.
 *
 * pycparser parses ISO C only. The stubs already drop GNU attributes, inline asm and
 * builtin types under LOCKCTX_NO_ATTRIBUTES; what remains is spelled away here, so that the
 * stubs keep one shape for both frontends. Statement expressions `({ ... })` are the one
 * GNU extension the frontend's parser accepts itself (they carry control flow that matters:
 * guards, trylock macros), see frontend_pycparser.Parser.
 */
#ifndef __LOCKCTX_PYCPARSER_PRELUDE_H
#define __LOCKCTX_PYCPARSER_PRELUDE_H

/* typeof / __auto_type: one opaque type. The frontend infers the types it needs (lock
   classes, struct fields) from declarations, never from a typeof. */
typedef struct __lockctx_typeof __lockctx_typeof_t;
#define typeof(x)		__lockctx_typeof_t
#define __typeof__(x)		__lockctx_typeof_t
#define __typeof(x)		__lockctx_typeof_t
#define __auto_type		__lockctx_typeof_t

/* GNU spellings of ISO keywords, and keywords ISO C does not have */
#define __inline__		inline
#define __inline		inline
#define __volatile__		volatile
#define __const			const
#define __restrict		restrict
#define __restrict__		restrict
#define __signed__		signed
#define __extension__
#define __attribute__(x)
#define __asm__(...)
#define asm(...)
#define __alignof__(x)		sizeof(x)
#define __builtin_types_compatible_p(a, b)	0

#endif /* __LOCKCTX_PYCPARSER_PRELUDE_H */
