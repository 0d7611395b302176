/* lockctx stub: mirrors the Linux 6.12 shape of <linux/module.h> (+ moduleparam.h; built-in). */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stringify.h>
#include <linux/init.h>
#include <linux/export.h>
#include <linux/kernel.h>

struct module {
	const char *name;
};

extern struct module __this_module;

#define module_init(x)	__initcall(x);
#define module_exit(x)	__exitcall(x);

#define __MODULE_INFO(tag, name, info)					  \
	static const char __UNIQUE_ID(name)[]				  \
		__used __section(".modinfo") __aligned(1)		  \
		= __stringify(tag) "=" info

#define MODULE_INFO(tag, info) __MODULE_INFO(tag, tag, info)

#define MODULE_LICENSE(_license)	MODULE_INFO(license, _license)
#define MODULE_AUTHOR(_author)		MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_description) MODULE_INFO(description, _description)
#define MODULE_VERSION(_version)	MODULE_INFO(version, _version)
#define MODULE_ALIAS(_alias)		MODULE_INFO(alias, _alias)
#define MODULE_SOFTDEP(_softdep)	MODULE_INFO(softdep, _softdep)
#define MODULE_FIRMWARE(_firmware)	MODULE_INFO(firmware, _firmware)
#define MODULE_IMPORT_NS(ns)		MODULE_INFO(import_ns, __stringify(ns))

/* built-in: no alias table */
#define MODULE_DEVICE_TABLE(type, name)

/* <linux/moduleparam.h> (the kernel_param table is omitted) */
#define MODULE_PARM_DESC(_parm, desc) \
	__MODULE_INFO(parm, _parm, #_parm ":" desc)
#define module_param_named(name, value, type, perm)			\
	static void * __maybe_unused __UNIQUE_ID(param_##name) = &(value)
#define module_param(name, type, perm)				\
	module_param_named(name, name, type, perm)

static inline bool try_module_get(struct module *module) { return true; }
static inline void module_put(struct module *module) { }

#endif /* _LINUX_MODULE_H */
