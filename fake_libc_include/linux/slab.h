/* lockctx stub: mirrors the Linux 6.12 shape of <linux/slab.h> (kmalloc family as macros over *_noprof). */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/gfp.h>
#include <linux/alloc_tag.h>
#include <linux/err.h>
#include <linux/cleanup.h>
#include <linux/numa.h>

struct kmem_cache;

#define SLAB_HWCACHE_ALIGN	((__force slab_flags_t)0x00002000U)
#define SLAB_CACHE_DMA		((__force slab_flags_t)0x00004000U)
#define SLAB_PANIC		((__force slab_flags_t)0x00040000U)
#define SLAB_TYPESAFE_BY_RCU	((__force slab_flags_t)0x00080000U)
#define SLAB_ACCOUNT		((__force slab_flags_t)0x00400000U)
#define SLAB_RECLAIM_ACCOUNT	((__force slab_flags_t)0x00020000U)

#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

struct kmem_cache *__kmem_cache_create(const char *name, unsigned int size,
				       unsigned int align, slab_flags_t flags,
				       void (*ctor)(void *));

/* 6.12 dispatches on the third argument with _Generic; the stub keeps the legacy 5-argument form */
#define kmem_cache_create(__name, __object_size, __args, ...)           \
	__kmem_cache_create(__name, __object_size, __args, __VA_ARGS__)

void kmem_cache_destroy(struct kmem_cache *s);

void * __must_check krealloc_noprof(const void *objp, size_t new_size,
				    gfp_t flags) __realloc_size(2);
#define krealloc(...)				alloc_hooks(krealloc_noprof(__VA_ARGS__))

void kfree(const void *objp);
void kfree_sensitive(const void *objp);
size_t ksize(const void *objp);

DEFINE_FREE(kfree, void *, if (!IS_ERR_OR_NULL(_T)) kfree(_T))

void *kmem_cache_alloc_noprof(struct kmem_cache *cachep,
			      gfp_t flags) __malloc;
#define kmem_cache_alloc(...)			alloc_hooks(kmem_cache_alloc_noprof(__VA_ARGS__))

void kmem_cache_free(struct kmem_cache *s, void *objp);

#define kmem_cache_zalloc(_k, _flags)		kmem_cache_alloc(_k, (_flags)|__GFP_ZERO)

void *__kmalloc_noprof(size_t size, gfp_t flags) __alloc_size(1) __malloc;
void *__kmalloc_node_noprof(size_t size, gfp_t flags, int node) __alloc_size(1) __malloc;

static __always_inline __alloc_size(1) void *kmalloc_noprof(size_t size, gfp_t flags)
{
	return __kmalloc_noprof(size, flags);
}
#define kmalloc(...)				alloc_hooks(kmalloc_noprof(__VA_ARGS__))

static __always_inline __alloc_size(1) void *kmalloc_node_noprof(size_t size, gfp_t flags, int node)
{
	return __kmalloc_node_noprof(size, flags, node);
}
#define kmalloc_node(...)			alloc_hooks(kmalloc_node_noprof(__VA_ARGS__))

static inline __alloc_size(1, 2) void *kmalloc_array_noprof(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(size != 0 && n > SIZE_MAX / size))
		return NULL;
	bytes = n * size;
	return kmalloc_noprof(bytes, flags);
}
#define kmalloc_array(...)			alloc_hooks(kmalloc_array_noprof(__VA_ARGS__))

#define kcalloc(n, size, flags)		kmalloc_array(n, size, (flags) | __GFP_ZERO)

static inline __alloc_size(1) void *kzalloc_noprof(size_t size, gfp_t flags)
{
	return kmalloc_noprof(size, flags | __GFP_ZERO);
}
#define kzalloc(...)				alloc_hooks(kzalloc_noprof(__VA_ARGS__))
#define kzalloc_node(_size, _flags, _node)	kmalloc_node(_size, (_flags)|__GFP_ZERO, _node)

void *__kvmalloc_node_noprof(size_t size, gfp_t flags, int node) __alloc_size(1);
#define kvmalloc_node_noprof(size, flags, node)	\
	__kvmalloc_node_noprof(size, flags, node)
#define kvmalloc_node(...)			alloc_hooks(kvmalloc_node_noprof(__VA_ARGS__))

#define kvmalloc(_size, _flags)			kvmalloc_node(_size, _flags, NUMA_NO_NODE)
#define kvzalloc(_size, _flags)			kvmalloc(_size, (_flags)|__GFP_ZERO)
#define kvcalloc(_n, _size, _flags)		kvmalloc((_n) * (_size), (_flags)|__GFP_ZERO)

extern void kvfree(const void *addr);
DEFINE_FREE(kvfree, void *, if (!IS_ERR_OR_NULL(_T)) kvfree(_T))

#endif	/* _LINUX_SLAB_H */
