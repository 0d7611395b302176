"""Tests for the stub kernel headers in fake_libc_include/.

The stubs let lockctx parse small kernel-style driver files with libclang without a
kernel tree.  They must parse cleanly, declare every API that rules.toml names, and keep
the Linux 6.12 split between macros and functions (the analyzer matches macro APIs by
the macro-name token and function APIs by the callee).
"""

import json
import os
import pathlib
import subprocess
import sys
import tomllib

import clang.cindex as ci
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
STUBS = ROOT / "fake_libc_include"
RULES = ROOT / "rules.toml"
KERNEL_TREE = pathlib.Path(os.environ.get("LOCKCTX_KERNEL_CACHE", "/var/cache/lockctx/linux-6.12"))

# The flags the analyzer uses for stub mode.
ARGS = [
    "-nostdinc", "-isystem", str(STUBS), "-I", str(STUBS), "-D__KERNEL__", "-std=gnu11",
    "--target=x86_64-linux-gnu", "-include", "linux/kconfig.h",
]
# The same without -isystem (so warnings inside the headers are not suppressed) and with
# the usual warning groups switched on.
STRICT_ARGS = [
    "-nostdinc", "-I", str(STUBS), "-D__KERNEL__", "-std=gnu11", "--target=x86_64-linux-gnu",
    "-include", "linux/kconfig.h", "-Wall", "-Wextra", "-Wno-unused-parameter",
]

HEADERS = sorted(p.relative_to(STUBS).as_posix() for p in STUBS.rglob("*.h"))

DETAILED = ci.TranslationUnit.PARSE_DETAILED_PROCESSING_RECORD


@pytest.fixture(scope="module")
def index():
    return ci.Index.create()


def parse(index, src, args=ARGS, options=0):
    return index.parse("t.c", args=args, unsaved_files=[("t.c", src)], options=options)


def problems(tu, severity=ci.Diagnostic.Warning):
    return [str(d) for d in tu.diagnostics if d.severity >= severity]


def walk(cursor):
    yield cursor
    for child in cursor.get_children():
        yield from walk(child)


def in_file(cursor, name="t.c"):
    f = cursor.location.file
    return f is not None and f.name == name


def all_headers_src():
    return "".join(f"#include <{h}>\n" for h in HEADERS)


@pytest.fixture(scope="module")
def declared(index):
    """Macros and functions declared by the stubs: (macros, functions, tu)."""
    tu = parse(index, all_headers_src(), options=DETAILED)
    assert problems(tu) == []
    macros, functions = set(), {}
    for c in tu.cursor.get_children():
        f = c.location.file
        if f is None or not f.name.startswith(str(STUBS)):
            continue
        if c.kind == ci.CursorKind.MACRO_DEFINITION:
            macros.add(c.spelling)
        elif c.kind == ci.CursorKind.FUNCTION_DECL:
            functions.setdefault(c.spelling, c)
    return macros, functions, tu


@pytest.fixture(scope="module")
def rules():
    with open(RULES, "rb") as f:
        return tomllib.load(f)


# --- (a) every header parses on its own ------------------------------------------------

def test_headers_found():
    assert len(HEADERS) > 50
    for must in ("linux/spinlock.h", "linux/cleanup.h", "linux/interrupt.h", "linux/slab.h",
                 "linux/kconfig.h", "asm/nmi.h", "linux/irqchip/chained_irq.h"):
        assert must in HEADERS


@pytest.mark.parametrize("header", HEADERS)
def test_header_parses_cleanly(index, header):
    src = f"#include <{header}>\n"
    assert problems(parse(index, src)) == []
    assert problems(parse(index, src, STRICT_ARGS)) == []


@pytest.mark.parametrize("header", HEADERS)
def test_header_banner_and_guard(header):
    lines = (STUBS / header).read_text().splitlines()
    assert "lockctx stub" in lines[0] and "6.12" in lines[0]
    code = [l for l in lines[1:] if l.strip()]
    assert code[0].startswith("#ifndef ") and code[1].startswith("#define ")
    assert code[0].split()[1] == code[1].split()[1]
    assert code[-1].startswith("#endif")


def test_all_headers_together(index):
    assert problems(parse(index, all_headers_src(), STRICT_ARGS)) == []


def test_attributes_are_behind_macros():
    """__attribute__ appears only in compiler_attributes.h (and the opt-out branches)."""
    for header in HEADERS:
        if header == "linux/compiler_attributes.h":
            continue
        assert "__attribute__" not in (STUBS / header).read_text(), header


# --- (b) a realistic driver ------------------------------------------------------------

DRIVER = r"""
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqchip/chained_irq.h>
#include <linux/irq_work.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/semaphore.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/hrtimer.h>
#include <linux/workqueue.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/delay.h>
#include <linux/rcupdate.h>
#include <linux/netdevice.h>
#include <linux/etherdevice.h>
#include <linux/skbuff.h>
#include <linux/io.h>
#include <linux/uaccess.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <asm/nmi.h>

struct item {
	struct list_head node;
	struct rcu_head rcu;
	u32 val;
};

struct foo {
	struct device *dev;
	void __iomem *base;
	int irq;
	spinlock_t lock;
	raw_spinlock_t raw;
	rwlock_t rw;
	struct mutex mlock;
	struct rw_semaphore sem;
	struct list_head items;
	struct timer_list timer;
	struct hrtimer hrt;
	struct tasklet_struct tasklet;
	struct work_struct work;
	struct delayed_work dwork;
	struct completion done;
	wait_queue_head_t wq;
	struct irq_work iw;
	struct net_device *ndev;
	struct napi_struct napi;
	struct sk_buff_head rxq;
	bool ready;
	unsigned long count;
};

static DEFINE_SPINLOCK(global_lock);
static DEFINE_MUTEX(global_mutex);
static DECLARE_RWSEM(global_sem);
static DEFINE_SEMAPHORE(global_sema, 1);

static irqreturn_t foo_irq(int irq, void *data)
{
	struct foo *foo = data;
	u32 status = readl(foo->base + 0x10);

	if (!status)
		return IRQ_NONE;
	spin_lock(&foo->lock);
	foo->count++;
	spin_unlock(&foo->lock);
	napi_schedule(&foo->napi);
	tasklet_schedule(&foo->tasklet);
	irq_work_queue(&foo->iw);
	writel(status, foo->base + 0x10);
	return IRQ_WAKE_THREAD;
}

static irqreturn_t foo_thread(int irq, void *data)
{
	struct foo *foo = data;
	struct item *it = kmalloc(sizeof(*it), GFP_KERNEL);

	if (!it)
		return IRQ_HANDLED;
	mutex_lock(&foo->mlock);
	list_add_tail(&it->node, &foo->items);
	mutex_unlock(&foo->mlock);
	complete(&foo->done);
	return IRQ_HANDLED;
}

static void foo_timer_fn(struct timer_list *t)
{
	struct foo *foo = from_timer(foo, t, timer);
	unsigned long flags;

	spin_lock_irqsave(&foo->lock, flags);
	foo->count = 0;
	spin_unlock_irqrestore(&foo->lock, flags);
	mod_timer(&foo->timer, jiffies + msecs_to_jiffies(100));
}

static DEFINE_TIMER(static_timer, foo_timer_fn);

static enum hrtimer_restart foo_hrt_fn(struct hrtimer *t)
{
	struct foo *foo = container_of(t, struct foo, hrt);

	guard(raw_spinlock)(&foo->raw);
	foo->count++;
	hrtimer_forward_now(t, ms_to_ktime(10));
	return HRTIMER_RESTART;
}

static void foo_tasklet_fn(struct tasklet_struct *t)
{
	struct foo *foo = from_tasklet(foo, t, tasklet);

	scoped_guard(spinlock_bh, &foo->lock)
		foo->count++;
	read_lock(&foo->rw);
	read_unlock(&foo->rw);
}

static void old_tasklet_fn(unsigned long data) { }
static DECLARE_TASKLET(static_tasklet, foo_tasklet_fn);

static void foo_iw_fn(struct irq_work *w)
{
	struct foo *foo = container_of(w, struct foo, iw);

	scoped_guard(spinlock_irqsave, &foo->lock) {
		foo->ready = true;
	}
	wake_up(&foo->wq);
}

static void foo_work_fn(struct work_struct *w)
{
	struct foo *foo = container_of(w, struct foo, work);
	void *buf = kzalloc(64, GFP_KERNEL);
	struct item *arr = kcalloc(4, sizeof(*arr), GFP_ATOMIC);

	guard(mutex)(&foo->mlock);
	scoped_cond_guard(mutex_intr, return, &foo->mlock) {
		foo->count++;
	}
	if (down_interruptible(&global_sema) == 0)
		up(&global_sema);
	scoped_guard(rwsem_read, &global_sem)
		foo->count++;
	msleep(10);
	usleep_range(100, 200);
	might_sleep();
	cond_resched();
	wait_event_interruptible(foo->wq, foo->ready);
	wait_for_completion_timeout(&foo->done, HZ);
	kfree(arr);
	kfree(buf);
}

static void foo_free_rcu(struct rcu_head *head)
{
	kfree(container_of(head, struct item, rcu));
}

static int foo_poll(struct napi_struct *napi, int budget)
{
	struct foo *foo = container_of(napi, struct foo, napi);
	struct sk_buff *skb = alloc_skb(128, GFP_ATOMIC);

	if (skb)
		dev_kfree_skb_any(skb);
	scoped_guard(spinlock_try, &foo->lock)
		foo->count++;
	napi_complete_done(napi, 0);
	return 0;
}

static netdev_tx_t foo_xmit(struct sk_buff *skb, struct net_device *ndev)
{
	struct foo *foo = netdev_priv(ndev);
	unsigned long flags;

	local_irq_save(flags);
	write_lock(&foo->rw);
	write_unlock(&foo->rw);
	local_irq_restore(flags);
	skb_queue_tail(&foo->rxq, skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops foo_netdev_ops = {
	.ndo_start_xmit = foo_xmit,
};

static int foo_nmi(unsigned int type, struct pt_regs *regs)
{
	return NMI_HANDLED;
}

static void foo_chained(struct irq_desc *desc)
{
	struct irq_chip *chip = irq_desc_get_chip(desc);

	chained_irq_enter(chip, desc);
	generic_handle_irq(42);
	chained_irq_exit(chip, desc);
}

static void foo_mask(struct irq_data *d) { }

static struct irq_chip foo_chip = {
	.name = "foo",
	.irq_mask = foo_mask,
	.irq_unmask = foo_mask,
};

static int foo_thread_fn(void *data)
{
	while (!kthread_should_stop())
		ssleep(1);
	return 0;
}

static ssize_t count_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct foo *foo = dev_get_drvdata(dev);

	scoped_guard(irqsave)
		return sysfs_emit(buf, "%lu\n", foo->count);
	return 0;
}
static DEVICE_ATTR_RO(count);

static ssize_t foo_write(struct foo *foo, const char __user *ubuf, size_t len)
{
	char kbuf[16];

	if (copy_from_user(kbuf, ubuf, min(len, sizeof(kbuf))))
		return -EFAULT;
	return len;
}

static int foo_probe(struct platform_device *pdev)
{
	struct foo *foo;
	struct net_device *ndev;
	int ret;

	foo = devm_kzalloc(&pdev->dev, sizeof(*foo), GFP_KERNEL);
	if (!foo)
		return -ENOMEM;
	foo->dev = &pdev->dev;
	foo->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(foo->base))
		return PTR_ERR(foo->base);
	foo->irq = platform_get_irq(pdev, 0);
	spin_lock_init(&foo->lock);
	raw_spin_lock_init(&foo->raw);
	rwlock_init(&foo->rw);
	mutex_init(&foo->mlock);
	init_rwsem(&foo->sem);
	INIT_LIST_HEAD(&foo->items);
	init_completion(&foo->done);
	init_waitqueue_head(&foo->wq);
	skb_queue_head_init(&foo->rxq);
	timer_setup(&foo->timer, foo_timer_fn, TIMER_IRQSAFE);
	hrtimer_init(&foo->hrt, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	foo->hrt.function = foo_hrt_fn;
	hrtimer_setup(&foo->hrt, foo_hrt_fn, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	hrtimer_start(&foo->hrt, ms_to_ktime(5), HRTIMER_MODE_REL);
	tasklet_setup(&foo->tasklet, foo_tasklet_fn);
	tasklet_init(&static_tasklet, old_tasklet_fn, 0);
	INIT_WORK(&foo->work, foo_work_fn);
	INIT_DELAYED_WORK(&foo->dwork, foo_work_fn);
	schedule_work(&foo->work);
	init_irq_work(&foo->iw, foo_iw_fn);
	ndev = alloc_etherdev(0);
	if (!ndev)
		return -ENOMEM;
	ndev->netdev_ops = &foo_netdev_ops;
	netif_napi_add(ndev, &foo->napi, foo_poll);
	foo->ndev = ndev;
	platform_set_drvdata(pdev, foo);
	irq_set_chained_handler_and_data(43, foo_chained, foo);
	(void)foo_chip;
	register_nmi_handler(NMI_LOCAL, foo_nmi, 0, "foo");
	kthread_run(foo_thread_fn, foo, "foo/%d", 0);
	ret = devm_request_threaded_irq(&pdev->dev, foo->irq, foo_irq, foo_thread,
					IRQF_ONESHOT, "foo", foo);
	if (ret)
		return dev_err_probe(&pdev->dev, ret, "irq %d\n", foo->irq);
	ret = request_irq(foo->irq + 1, foo_irq, IRQF_SHARED, "foo", foo);
	if (ret) {
		dev_err(&pdev->dev, "request_irq: %d\n", ret);
		return ret;
	}
	dev_info(&pdev->dev, "probed\n");
	return 0;
}

static void foo_remove(struct platform_device *pdev)
{
	struct foo *foo = platform_get_drvdata(pdev);
	struct item *it, *tmp;

	free_irq(foo->irq + 1, foo);
	del_timer_sync(&foo->timer);
	timer_delete_sync(&static_timer);
	hrtimer_cancel(&foo->hrt);
	tasklet_kill(&foo->tasklet);
	cancel_work_sync(&foo->work);
	cancel_delayed_work_sync(&foo->dwork);
	synchronize_rcu();
	rcu_read_lock();
	rcu_read_unlock();
	list_for_each_entry_safe(it, tmp, &foo->items, node) {
		list_del(&it->node);
		call_rcu(&it->rcu, foo_free_rcu);
	}
	unregister_nmi_handler(NMI_LOCAL, "foo");
	(void)foo_write;
}

static const struct of_device_id foo_of_match[] = {
	{ .compatible = "acme,foo" },
	{ }
};
MODULE_DEVICE_TABLE(of, foo_of_match);

static struct platform_driver foo_driver = {
	.probe = foo_probe,
	.remove = foo_remove,
	.driver = {
		.name = "foo",
		.of_match_table = foo_of_match,
	},
};
module_platform_driver(foo_driver);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lockctx");
MODULE_DESCRIPTION("stub test driver");
"""


def test_driver_snippet_parses(index):
    tu = parse(index, DRIVER)
    assert problems(tu, ci.Diagnostic.Error) == []
    assert problems(tu) == []
    functions = {c.spelling for c in tu.cursor.get_children()
                 if c.kind == ci.CursorKind.FUNCTION_DECL and c.is_definition() and in_file(c)}
    assert {"foo_probe", "foo_irq", "foo_remove", "foo_driver_init", "foo_driver_exit"} <= functions


# --- (c) everything rules.toml names is declared ----------------------------------------

def rule_api_names(rules):
    names = []
    for section in ("lock", "unlock", "irq"):
        names += [e["name"] for e in rules.get(section, [])]
    for section in ("entry", "sleeps"):
        names += [e["call"] for e in rules.get(section, [])]
    return sorted(set(names))


def test_rules_apis_declared(rules, declared):
    macros, functions, _ = declared
    names = rule_api_names(rules)
    assert len(names) > 100
    missing = [n for n in names if n not in macros and n not in functions]
    assert missing == []


def test_rules_function_apis_are_prototypes(rules, declared):
    """Function APIs are real declarations with parameters (not K&R / implicit)."""
    macros, functions, _ = declared
    for name in rule_api_names(rules):
        if name in functions and name not in macros:
            fn = functions[name]
            assert fn.type.kind == ci.TypeKind.FUNCTIONPROTO, name


def guard_classes(rules):
    return [g["class"] for g in rules.get("guard", [])]


def test_rules_guard_classes_declared(rules, declared):
    _, functions, tu = declared
    typedefs = {c.spelling for c in tu.cursor.get_children()
                if c.kind == ci.CursorKind.TYPEDEF_DECL}
    for cls in guard_classes(rules):
        assert f"class_{cls}_constructor" in functions, cls
        assert f"class_{cls}_destructor" in functions, cls
        assert f"class_{cls}_lock_ptr" in functions, cls
        assert f"class_{cls}_t" in typedefs, cls


def test_rules_guard_classes_reachable_via_guard(index, rules, declared):
    """guard(T)(args) compiles for every class and declares a class_T_t variable
    initialised by a call to class_T_constructor."""
    _, functions, _ = declared
    classes = guard_classes(rules)
    body = [all_headers_src()]
    for i, cls in enumerate(classes):
        params = [a.type.spelling for a in functions[f"class_{cls}_constructor"].get_arguments()]
        decl = ", ".join(f"{t} a{j}" for j, t in enumerate(params)) or "void"
        call = ", ".join(f"a{j}" for j in range(len(params)))
        body.append(f"void use_{i}({decl}) {{ guard({cls})({call}); }}\n")
    tu = parse(index, "".join(body))
    assert problems(tu) == []
    found = {}
    for c in walk(tu.cursor):
        if c.kind == ci.CursorKind.VAR_DECL and in_file(c) and c.spelling.startswith("__UNIQUE_ID_guard"):
            calls = [x.spelling for x in walk(c) if x.kind == ci.CursorKind.CALL_EXPR]
            found[c.type.spelling] = calls
    for cls in classes:
        assert f"class_{cls}_constructor" in found.get(f"class_{cls}_t", []), cls


def test_rules_callback_fields_exist(index, rules):
    """[[callback]] fields and [follow] unreached fields are declared by the stubs; a
    `struct TYPE.*` entry names a complete struct, and the fields it excepts exist."""
    fields = [cb["field"] for cb in rules.get("callback", []) if not cb["field"].endswith(".*")]
    fields += list(rules.get("follow", {}).get("unreached", {}))
    checks = []
    for cb in rules.get("callback", []):
        if cb["field"].endswith(".*"):
            struct = cb["field"][:-2]
            checks.append(f"_Static_assert(sizeof({struct}) > 0, \"{struct}\");\n")
            fields += [f"{struct}.{name}" for name in cb.get("except", [])]
    for name in fields:
        struct, field = name.rsplit(".", 1)
        checks.append(f"_Static_assert(sizeof(((({struct} *)0)->{field})) > 0, \"{name}\");\n")
    tu = parse(index, all_headers_src() + "".join(checks))
    assert problems(tu) == []


def test_rules_constants_match(index, rules):
    asserts = [f"_Static_assert(({name}) == {value}, \"{name}\");\n"
               for name, value in rules.get("constants", {}).items()]
    assert asserts
    tu = parse(index, "#include <linux/gfp.h>\n#include <linux/hrtimer.h>\n" + "".join(asserts))
    assert problems(tu) == []


def test_gfp_values(index):
    src = """#include <linux/gfp.h>
_Static_assert(___GFP_DIRECT_RECLAIM == 0x400, "bit 10");
_Static_assert(__GFP_DIRECT_RECLAIM == 0x400, "bit 10");
_Static_assert(GFP_KERNEL == 0xcc0, "GFP_KERNEL");
_Static_assert(GFP_ATOMIC == 0x820, "GFP_ATOMIC");
_Static_assert((GFP_KERNEL & __GFP_DIRECT_RECLAIM) != 0, "kernel sleeps");
_Static_assert((GFP_NOIO & __GFP_DIRECT_RECLAIM) != 0, "noio sleeps");
_Static_assert((GFP_NOFS & __GFP_DIRECT_RECLAIM) != 0, "nofs sleeps");
_Static_assert((GFP_ATOMIC & __GFP_DIRECT_RECLAIM) == 0, "atomic does not");
_Static_assert((GFP_NOWAIT & __GFP_DIRECT_RECLAIM) == 0, "nowait does not");
_Static_assert(__GFP_ZERO == 0x100, "zero");
_Static_assert(GFP_DMA == 0x1, "dma");
_Static_assert(sizeof(gfp_t) == sizeof(unsigned int), "gfp_t");
"""
    assert problems(parse(index, src)) == []


# --- the macro / function split --------------------------------------------------------

# Linux 6.12 (x86_64 defconfig): M = macro, F = function (inline or extern).
SPLIT = {
    "M": """spin_lock_irqsave spin_trylock_irqsave spin_lock_nested spin_lock_nest_lock
        spin_lock_irqsave_nested spin_lock_init raw_spin_lock raw_spin_lock_irq raw_spin_lock_bh
        raw_spin_lock_irqsave raw_spin_unlock raw_spin_unlock_irqrestore raw_spin_trylock
        raw_spin_trylock_irq raw_spin_trylock_irqsave raw_spin_trylock_bh raw_spin_lock_nested
        raw_spin_lock_init read_lock read_lock_irq read_lock_irqsave read_lock_bh read_unlock
        read_unlock_irqrestore write_lock write_lock_irqsave write_trylock write_trylock_irqsave
        write_lock_nested read_trylock rwlock_init __cond_lock DEFINE_SPINLOCK DEFINE_RAW_SPINLOCK
        DEFINE_RWLOCK local_irq_save local_irq_restore local_irq_disable local_irq_enable
        raw_local_irq_save raw_local_irq_restore raw_local_irq_disable raw_local_irq_enable
        irqs_disabled in_interrupt in_irq in_softirq in_task in_hardirq in_nmi preempt_disable
        preempt_enable mutex_init mutex_lock_nested DEFINE_MUTEX init_rwsem DECLARE_RWSEM
        down_read_nested DEFINE_SEMAPHORE rt_mutex_lock_nested lockdep_assert_held
        DEFINE_CLASS EXTEND_CLASS CLASS DEFINE_GUARD DEFINE_GUARD_COND DEFINE_LOCK_GUARD_0
        DEFINE_LOCK_GUARD_1 DEFINE_LOCK_GUARD_1_COND guard scoped_guard scoped_cond_guard
        __free DEFINE_FREE no_free_ptr kmalloc kzalloc kcalloc kmalloc_array krealloc
        kmem_cache_alloc kmem_cache_zalloc alloc_hooks alloc_pages __get_free_pages vmalloc vzalloc
        timer_setup __init_timer DEFINE_TIMER from_timer DECLARE_TASKLET from_tasklet
        register_nmi_handler might_sleep cond_resched wait_event wait_event_interruptible
        wait_event_timeout wake_up init_waitqueue_head DECLARE_WAIT_QUEUE_HEAD INIT_WORK
        INIT_DELAYED_WORK DECLARE_WORK DECLARE_DELAYED_WORK kthread_run kthread_create
        container_of offsetof list_for_each_entry list_for_each_entry_safe LIST_HEAD
        module_init module_exit module_platform_driver MODULE_LICENSE EXPORT_SYMBOL THIS_MODULE
        printk pr_info pr_err dev_err dev_info dev_dbg DEVICE_ATTR_RO DEVICE_ATTR_RW
        platform_driver_register time_after READ_ONCE WRITE_ONCE likely unlikely BIT test_bit
        smp_processor_id udelay mdelay ndelay IRQ_WORK_INIT DEFINE_IRQ_WORK rcu_dereference
        rcu_assign_pointer kfree_rcu get_user put_user""",
    "F": """spin_lock spin_lock_irq spin_lock_bh spin_unlock spin_unlock_irq spin_unlock_bh
        spin_unlock_irqrestore spin_trylock spin_trylock_irq spin_trylock_bh spinlock_check
        _raw_spin_lock _raw_spin_lock_irqsave _raw_spin_unlock_irqrestore _raw_spin_trylock
        _raw_read_lock _raw_write_lock_irqsave local_bh_disable local_bh_enable
        __local_bh_disable_ip __local_bh_enable_ip arch_local_irq_save mutex_lock
        mutex_lock_interruptible mutex_lock_killable mutex_lock_io mutex_trylock mutex_unlock
        down down_interruptible down_killable down_timeout down_trylock up down_read
        down_read_killable down_read_interruptible down_write down_write_killable
        down_read_trylock down_write_trylock up_read up_write rt_mutex_lock rt_mutex_unlock
        sema_init kmalloc_noprof kzalloc_noprof kmalloc_array_noprof krealloc_noprof
        kmem_cache_alloc_noprof kfree devm_kzalloc devm_kmalloc alloc_skb dev_kfree_skb_any
        vfree init_timer_key mod_timer add_timer del_timer del_timer_sync timer_delete_sync
        hrtimer_init hrtimer_setup hrtimer_start hrtimer_cancel ms_to_ktime request_irq
        request_threaded_irq devm_request_irq devm_request_threaded_irq request_any_context_irq
        devm_request_any_context_irq request_percpu_irq request_nmi free_irq disable_irq
        enable_irq irq_set_chained_handler irq_set_chained_handler_and_data chained_irq_enter
        chained_irq_exit generic_handle_irq tasklet_init tasklet_setup tasklet_schedule
        init_irq_work irq_work_queue smp_call_function smp_call_function_single
        smp_call_function_many on_each_cpu on_each_cpu_mask on_each_cpu_cond call_rcu
        synchronize_rcu rcu_read_lock rcu_read_unlock rcu_read_lock_bh rcu_read_unlock_bh
        netif_napi_add netif_napi_add_weight netif_napi_add_tx netif_napi_add_config
        napi_schedule napi_complete_done skb_queue_head_init netdev_priv msleep
        msleep_interruptible ssleep usleep_range fsleep schedule schedule_timeout
        wait_for_completion wait_for_completion_timeout init_completion complete flush_work
        cancel_work_sync cancel_delayed_work_sync schedule_work queue_work copy_from_user
        copy_to_user kthread_should_stop platform_get_irq platform_get_drvdata
        platform_set_drvdata devm_platform_ioremap_resource dev_get_drvdata sysfs_emit
        msecs_to_jiffies readl writel ioread32 iowrite32 set_bit clear_bit INIT_LIST_HEAD
        list_add list_add_tail list_del list_empty IS_ERR PTR_ERR ERR_PTR atomic_read
        atomic_inc""",
}


@pytest.mark.parametrize("kind", ["M", "F"])
def test_macro_function_split(declared, kind):
    macros, functions, _ = declared
    wrong = []
    for name in SPLIT[kind].split():
        is_macro, is_function = name in macros, name in functions
        if kind == "M" and not is_macro:
            wrong.append(name)
        # x86 spells a few functions `#define readl readl`; a real function-like API must
        # not be hidden behind a function-like macro of its own name.
        if kind == "F" and (not is_function or (is_macro and name not in ("readl", "writel"))):
            wrong.append(name)
    assert wrong == []


@pytest.mark.skipif(not (KERNEL_TREE / "include/linux/spinlock.h").exists(),
                    reason="prepared 6.12 kernel tree not available")
def test_split_matches_real_tree(index, declared):
    """Every macro/function the stubs define that also exists in the prepared 6.12 tree
    is of the same kind (macro, function, or both) there."""
    k = str(KERNEL_TREE)
    args = ["-nostdinc", "-D__KERNEL__", "-std=gnu11", "--target=x86_64-linux-gnu",
            "-I", k + "/arch/x86/include", "-I", k + "/arch/x86/include/generated",
            "-I", k + "/include", "-I", k + "/arch/x86/include/uapi",
            "-I", k + "/arch/x86/include/generated/uapi", "-I", k + "/include/uapi",
            "-I", k + "/include/generated/uapi",
            "-include", k + "/include/linux/compiler-version.h",
            "-include", k + "/include/linux/kconfig.h",
            "-include", k + "/include/linux/compiler_types.h",
            "-DKBUILD_MODNAME=\"x\"", "-DKBUILD_BASENAME=\"x\"", "-Wno-everything"]
    tu = parse(index, all_headers_src(), args,
               DETAILED | ci.TranslationUnit.PARSE_SKIP_FUNCTION_BODIES)
    if problems(tu, ci.Diagnostic.Error):
        pytest.skip("kernel tree does not parse with these flags")
    real = {}
    for c in tu.cursor.get_children():
        if c.kind == ci.CursorKind.MACRO_DEFINITION:
            real.setdefault(c.spelling, set()).add("M")
        elif c.kind == ci.CursorKind.FUNCTION_DECL:
            real.setdefault(c.spelling, set()).add("F")
    macros, functions, _ = declared
    stub = {}
    for n in macros:
        stub.setdefault(n, set()).add("M")
    for n in functions:
        stub.setdefault(n, set()).add("F")
    common = [n for n in stub if n in real and not n.startswith("__lockctx")]
    assert len(common) > 1000
    diff = sorted((n, "".join(sorted(stub[n])), "".join(sorted(real[n])))
                  for n in common if stub[n] != real[n])
    assert diff == []


# --- the shapes the analyzer relies on ---------------------------------------------------

SHAPES = r"""
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/timer.h>
struct p { spinlock_t lock; raw_spinlock_t raw; struct mutex m; int x; };
void irqsave(struct p *p) {
	unsigned long flags;
	spin_lock_irqsave(&p->lock, flags);
	spin_unlock_irqrestore(&p->lock, flags);
}
void guarded(struct p *p) {
	guard(raw_spinlock)(&p->raw);
	p->x++;
}
void scoped(struct p *p) {
	scoped_guard(spinlock_irqsave, &p->lock)
		p->x++;
}
void mutexed(struct p *p) {
	guard(mutex)(&p->m);
}
void plain(struct p *p) {
	spin_lock(&p->lock);
	spin_unlock(&p->lock);
}
void *alloc(void) {
	return kmalloc(16, GFP_KERNEL);
}
void tmr(struct timer_list *t, void (*fn)(struct timer_list *)) {
	timer_setup(t, fn, TIMER_IRQSAFE);
}
"""


@pytest.fixture(scope="module")
def shapes(index):
    tu = parse(index, SHAPES)
    assert problems(tu) == []
    lines = SHAPES.split("\n")
    funcs = {c.spelling: c for c in tu.cursor.get_children()
             if c.kind == ci.CursorKind.FUNCTION_DECL and c.is_definition() and in_file(c)}

    def token_at(cursor):
        loc = cursor.location  # expansion location for macro-expanded code
        return lines[loc.line - 1][loc.column - 1:]

    return funcs, token_at


def calls(cursor):
    return [c for c in walk(cursor) if c.kind == ci.CursorKind.CALL_EXPR]


def test_spin_lock_irqsave_shape(shapes):
    funcs, token_at = shapes
    inner = [c for c in calls(funcs["irqsave"]) if c.spelling == "_raw_spin_lock_irqsave"]
    assert len(inner) == 1
    assert token_at(inner[0]).startswith("spin_lock_irqsave(")
    # spin_unlock_irqrestore is an inline function: the call names it directly
    assert "spin_unlock_irqrestore" in [c.spelling for c in calls(funcs["irqsave"])]


def test_guard_shape(shapes):
    funcs, token_at = shapes
    var = [c for c in walk(funcs["guarded"]) if c.kind == ci.CursorKind.VAR_DECL]
    assert len(var) == 1
    assert var[0].type.spelling == "class_raw_spinlock_t"
    assert var[0].spelling.startswith("__UNIQUE_ID_guard")
    assert token_at(var[0]).startswith("guard(raw_spinlock)")
    init = [c for c in calls(var[0])]
    assert [c.spelling for c in init] == ["class_raw_spinlock_constructor"]
    # the destructor is attached as __cleanup__
    attrs = [c for c in var[0].get_children() if c.kind == ci.CursorKind.UNEXPOSED_ATTR]
    assert attrs


def test_mutex_guard_is_pointer_class(shapes):
    funcs, _ = shapes
    var = [c for c in walk(funcs["mutexed"]) if c.kind == ci.CursorKind.VAR_DECL][0]
    assert var.type.spelling == "class_mutex_t"
    assert var.type.get_canonical().kind == ci.TypeKind.POINTER


def test_scoped_guard_shape(shapes):
    funcs, token_at = shapes
    loops = [c for c in walk(funcs["scoped"]) if c.kind == ci.CursorKind.FOR_STMT]
    assert len(loops) == 1
    var = [c for c in walk(loops[0]) if c.kind == ci.CursorKind.VAR_DECL and c.spelling == "scope"]
    assert var and var[0].type.spelling == "class_spinlock_irqsave_t"
    names = [c.spelling for c in calls(loops[0])]
    assert "class_spinlock_irqsave_constructor" in names
    assert "class_spinlock_irqsave_lock_ptr" in names


def test_spin_lock_is_a_call(shapes):
    funcs, token_at = shapes
    names = [c.spelling for c in calls(funcs["plain"])]
    assert names == ["spin_lock", "spin_unlock"]


def test_kmalloc_is_macro_over_noprof(shapes):
    funcs, token_at = shapes
    inner = [c for c in calls(funcs["alloc"]) if c.spelling == "kmalloc_noprof"]
    assert inner and all(token_at(c).startswith("kmalloc(") for c in inner)


def test_timer_setup_is_macro_over_init_timer_key(shapes):
    funcs, token_at = shapes
    inner = [c for c in calls(funcs["tmr"]) if c.spelling == "init_timer_key"]
    assert len(inner) == 1 and token_at(inner[0]).startswith("timer_setup(")


# --- every corpus case parses against the stubs ------------------------------------------

CORPUS = ROOT / "tests" / "corpus"
CORPUS_CASES = sorted(p for p in CORPUS.iterdir()
                      if not p.name.startswith((".", "_"))
                      and (p.is_dir() or (p.is_file() and p.suffix == ".c")))


@pytest.mark.parametrize("case", CORPUS_CASES,
                         ids=[c.name + ("/" if c.is_dir() else "") for c in CORPUS_CASES])
def test_corpus_case_has_no_parse_failures(case):
    """`lockctx check --standalone` reports no parse failure (missing stub) for the case."""
    proc = subprocess.run(
        [sys.executable, "-m", "lockctx", "check", "--standalone", "--format", "json",
         str(case.relative_to(ROOT))],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"no JSON output (exit {proc.returncode}): {proc.stderr[-2000:]}")
    failures = report.get("failures")
    assert isinstance(failures, list), f"no failures list in the report: {sorted(report)}"
    first = f"{failures[0].get('file')}: {failures[0].get('error')}" if failures else ""
    assert failures == [], f"{len(failures)} file(s) failed to parse; first: {first}"
