/* SPDX-License-Identifier: GPL-2.0 */
/* #included by rcu_tree.c, as kernel/rcu/tree_nocb.h is by kernel/rcu/tree.c */
#ifdef CONFIG_FOO_NOCB_CPU
static void foo_nocb_gp(struct foo_node *rnp)
{
	foo_advance_cbs_nowake(rnp);
}
#endif

static struct timer_list foo_nocb_timer_list;

static void foo_nocb_timer(struct timer_list *t)
{
	foo_flush();
}

static void foo_setup_nocb(void)
{
	timer_setup(&foo_nocb_timer_list, foo_nocb_timer, 0);
}
