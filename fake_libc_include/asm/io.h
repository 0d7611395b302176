/* lockctx stub: mirrors the Linux 6.12 shape of x86 <asm/io.h> (MMIO accessors are inline functions; no asm). */
#ifndef _ASM_X86_IO_H
#define _ASM_X86_IO_H

#include <linux/types.h>
#include <linux/compiler.h>

#define build_mmio_read(name, type)					\
static inline type name(const volatile void __iomem *addr)		\
{ return *(const volatile type __force *)addr; }

#define build_mmio_write(name, type)					\
static inline void name(type val, volatile void __iomem *addr)		\
{ *(volatile type __force *)addr = val; }

build_mmio_read(readb, u8)
build_mmio_read(readw, u16)
build_mmio_read(readl, u32)
build_mmio_read(readq, u64)
build_mmio_write(writeb, u8)
build_mmio_write(writew, u16)
build_mmio_write(writel, u32)
build_mmio_write(writeq, u64)

#define readb readb
#define readw readw
#define readl readl
#define readq readq
#define writeb writeb
#define writew writew
#define writel writel
#define writeq writeq

#define readb_relaxed(a) readb(a)
#define readw_relaxed(a) readw(a)
#define readl_relaxed(a) readl(a)
#define readq_relaxed(a) readq(a)
#define writeb_relaxed(v, a) writeb(v, a)
#define writew_relaxed(v, a) writew(v, a)
#define writel_relaxed(v, a) writel(v, a)
#define writeq_relaxed(v, a) writeq(v, a)

void __iomem *ioremap(resource_size_t offset, unsigned long size);
void __iomem *ioremap_uc(resource_size_t offset, unsigned long size);
void __iomem *ioremap_wc(resource_size_t offset, unsigned long size);
extern void iounmap(volatile void __iomem *addr);
#define ioremap ioremap
#define ioremap_uc ioremap_uc
#define ioremap_wc ioremap_wc
#define iounmap iounmap

extern void memcpy_fromio(void *, const volatile void __iomem *, size_t);
extern void memcpy_toio(volatile void __iomem *, const void *, size_t);
extern void memset_io(volatile void __iomem *, int, size_t);
#define memcpy_fromio memcpy_fromio
#define memcpy_toio memcpy_toio
#define memset_io memset_io

/* <asm/shared/io.h>: port I/O (inline asm in the kernel) */
extern u8 __inb(u16 port);
extern u16 __inw(u16 port);
extern u32 __inl(u16 port);
extern void __outb(u8 value, u16 port);
extern void __outw(u16 value, u16 port);
extern void __outl(u32 value, u16 port);
#define inb __inb
#define inw __inw
#define inl __inl
#define outb __outb
#define outw __outw
#define outl __outl

/* <asm-generic/iomap.h> (lib/iomap.c) */
extern unsigned int ioread8(const void __iomem *);
extern unsigned int ioread16(const void __iomem *);
extern unsigned int ioread32(const void __iomem *);
extern u64 ioread64(const void __iomem *);
extern void iowrite8(u8, void __iomem *);
extern void iowrite16(u16, void __iomem *);
extern void iowrite32(u32, void __iomem *);
extern void iowrite64(u64, void __iomem *);

#endif /* _ASM_X86_IO_H */
