// SPDX-License-Identifier: GPL-2.0
/*
 * A function whose first statement is might_sleep() states that it runs where it may
 * sleep: reduced from drivers/usb/core/hcd.c, where usb_hcd_submit_urb() hands a control
 * URB for the root hub to rh_call_control(), which begins with might_sleep() (hcd.c:467;
 * "control URBs must be submitted in process context with interrupts enabled",
 * hcd.c:1520-1525) and may register a wakeup source (device_set_wakeup_enable() ->
 * device_add(), which sleeps). A softirq timer that submits a URB to its own device
 * (hid-sony's ghl_magic_poke()) reached it through the `is_root_hub()` branch, and every
 * sleep below it became a finding of its own: 1,310 of the whole defconfig tree's 8,668
 * passed through rh_call_control().
 *
 * Expected: the atomic path is reported once, at the might_sleep() (the kernel's own check
 * would fire there, if the path is real), not at what lies below it; a helper without the
 * assertion is still reported where it sleeps (on another path: after a sleep, a path is not
 * checked further, see propagate.slept).
 */
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

struct foo_hcd {
	struct mutex wakeup_mutex;
	struct timer_list poke;
	int root_hub;
	int wakeup;
};

static DEFINE_MUTEX(foo_stats_mutex);

static void foo_register_wakeup(struct foo_hcd *hcd)
{
	mutex_lock(&hcd->wakeup_mutex);
	hcd->wakeup = 1;
	mutex_unlock(&hcd->wakeup_mutex);
}

static int foo_rh_call_control(struct foo_hcd *hcd)
{
	might_sleep(); /* expect: LC004 */
	foo_register_wakeup(hcd);
	return 0;
}

static void foo_count(struct foo_hcd *hcd)
{
	mutex_lock(&foo_stats_mutex); /* expect: LC004 */
	hcd->wakeup++;
	mutex_unlock(&foo_stats_mutex);
}

int foo_submit(struct foo_hcd *hcd)
{
	if (hcd->root_hub)
		return foo_rh_call_control(hcd);
	foo_count(hcd);
	return 0;
}

static void foo_poke(struct timer_list *t)
{
	struct foo_hcd *hcd = from_timer(hcd, t, poke);

	foo_submit(hcd);
}

void foo_init(struct foo_hcd *hcd)
{
	mutex_init(&hcd->wakeup_mutex);
	timer_setup(&hcd->poke, foo_poke, 0);
}
