/* lockctx stub: mirrors the Linux 6.12 shape of <linux/string.h> (subset). */
#ifndef _LINUX_STRING_H_
#define _LINUX_STRING_H_

#include <linux/types.h>
#include <linux/compiler.h>

extern void *memset(void *s, int c, size_t n);
extern void *memcpy(void *dst, const void *src, size_t n);
extern void *memmove(void *dst, const void *src, size_t n);
extern int memcmp(const void *a, const void *b, size_t n);
extern size_t strlen(const char *s);
extern size_t strnlen(const char *s, size_t n);
extern int strcmp(const char *a, const char *b);
extern int strncmp(const char *a, const char *b, size_t n);
extern char *strcpy(char *dst, const char *src);
extern char *strncpy(char *dst, const char *src, size_t n);
extern char *strchr(const char *s, int c);
extern char *strstr(const char *s1, const char *s2);
extern ssize_t sized_strscpy(char *dst, const char *src, size_t size);

extern char *kstrdup(const char *s, gfp_t gfp) __malloc;
extern void *kmemdup_noprof(const void *src, size_t len, gfp_t gfp) __realloc_size(2);
#define kmemdup(...)	kmemdup_noprof(__VA_ARGS__)

#endif /* _LINUX_STRING_H_ */
