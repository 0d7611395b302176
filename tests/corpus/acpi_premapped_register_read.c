// SPDX-License-Identifier: GPL-2.0
/*
 * ACPI's memory accessors read registers the ACPI core mapped beforehand; reduced from
 * drivers/acpi/osl.c:707-740 (acpi_os_read_memory(): acpi_map_vaddr_lookup() under
 * rcu_read_lock(), acpi_os_ioremap()/iounmap() only for an address nothing mapped) and
 * drivers/mailbox/pcc.c (pcc_mbox_irq(), a hardirq handler, reads the command-complete
 * register). Registers read in interrupt context are mapped at initialisation
 * (acpi_os_initialize(), osl.c:1639-1654), so the fallback's ioremap, and the vmap lock it
 * takes, is not reached from the handler; rules.toml's [follow] opaque names the accessors.
 * Followed, the handler's read reached the vmap and page-table locks that ioremap() takes
 * with interrupts on elsewhere: 40 of the whole defconfig tree's medium and high findings.
 *
 * Expected: nothing for foo_vmap_lock; LC001 for foo_mbox_lock, which the handler itself
 * takes and foo_send() takes with interrupts on.
 */
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>

typedef u32 acpi_status;
typedef u64 acpi_physical_address;
#define AE_OK 0
#define AE_BAD_ADDRESS 1

static DEFINE_SPINLOCK(foo_vmap_lock);
static DEFINE_SPINLOCK(foo_mbox_lock);
static void __iomem *foo_mapped;
static acpi_physical_address foo_mapped_phys;
static int foo_pending;

static void __iomem *acpi_map_vaddr_lookup(acpi_physical_address phys, unsigned int size)
{
	return phys == foo_mapped_phys ? foo_mapped : NULL;
}

void __iomem *acpi_os_ioremap(acpi_physical_address phys, unsigned int size)
{
	void __iomem *p;

	spin_lock(&foo_vmap_lock);
	p = (void __iomem *)(unsigned long)phys;
	spin_unlock(&foo_vmap_lock);
	return p;
}

static void foo_iounmap(void __iomem *addr)
{
	spin_lock(&foo_vmap_lock);
	foo_mapped = NULL;
	spin_unlock(&foo_vmap_lock);
}

acpi_status acpi_os_read_memory(acpi_physical_address phys, u64 *value, u32 width)
{
	void __iomem *virt;
	bool unmap = false;

	rcu_read_lock();
	virt = acpi_map_vaddr_lookup(phys, width / 8);
	if (!virt) {
		rcu_read_unlock();
		virt = acpi_os_ioremap(phys, width / 8);
		if (!virt)
			return AE_BAD_ADDRESS;
		unmap = true;
	}
	*value = readl(virt);
	if (unmap)
		foo_iounmap(virt);
	else
		rcu_read_unlock();
	return AE_OK;
}

static irqreturn_t foo_mbox_irq(int irq, void *p)
{
	u64 val;

	acpi_os_read_memory(foo_mapped_phys, &val, 32);
	spin_lock(&foo_mbox_lock);
	foo_pending = 0;
	spin_unlock(&foo_mbox_lock);
	return IRQ_HANDLED;
}

static void foo_send(void)
{
	spin_lock(&foo_mbox_lock); /* expect: LC001 */
	foo_pending = 1;
	spin_unlock(&foo_mbox_lock);
}

static int __init foo_init(void)
{
	foo_mapped = acpi_os_ioremap(foo_mapped_phys, 4);
	foo_send();
	return request_irq(12, foo_mbox_irq, 0, "foo-pcc", NULL);
}
module_init(foo_init);
MODULE_LICENSE("GPL");
