/* lockctx stub: mirrors the Linux 6.12 shape of <linux/export.h> (the ksymtab asm is omitted). */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#include <linux/compiler.h>

#define __EXPORT_SYMBOL(sym, license, ns)	extern typeof(sym) sym

#define EXPORT_SYMBOL(sym)		__EXPORT_SYMBOL(sym, "", "")
#define EXPORT_SYMBOL_GPL(sym)		__EXPORT_SYMBOL(sym, "GPL", "")
#define EXPORT_SYMBOL_NS(sym, ns)	__EXPORT_SYMBOL(sym, "", ns)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	__EXPORT_SYMBOL(sym, "GPL", ns)

#define THIS_MODULE ((struct module *)&__this_module)

#endif /* _LINUX_EXPORT_H */
