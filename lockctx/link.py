"""Link: merge per-file facts into one program.

The program is the call graph (direct calls and calls through struct fields resolved to the
functions bound to them), the entry points with the context each one starts in, and the roots:
functions nothing analysed calls, which run in task context with interrupts and bottom halves
enabled.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .facts import FIELDREF, Binding, FileFacts, Function, LockDef, called_param
from .knowledge import Callback, Knowledge


@dataclass(frozen=True, order=True)
class Entry:
    function: str
    context: str               # task | softirq | hardirq | nmi
    hardirqs: bool             # enabled on entry?
    reason: str                # "hardirq: request_irq at drv.c:43"
    root: bool = False         # no known caller: assumed task context (less certain)
    bh_off: bool = False       # entered with bottom halves disabled (a force-threaded handler)
    caller_spin: bool = False  # entered with a spinlock held (lockdep_assert_held() says so)
    # hardirqs are off only because an assertion of a function with no known caller or a
    # [[root]] says so: nothing shows a save or an _irq lock that expects them to stay off
    # (State.plain_off)
    plain_off: bool = False



def bindings_through_parameters(functions: dict, bindings: list[Binding]) -> list[Binding]:
    """`irq_set_handler(irq, handle_edge_irq)` stores its argument in `desc->handle_irq` a
    few calls down: the frontend records that parameter N of a function is stored in a field
    ("fid#argN") or handed on to another function's parameter, and which functions calls pass
    as arguments. Here those become ordinary bindings of the functions passed, so a function
    passed as an argument is no longer a root with no known caller. A parameter the function
    calls through (`ack(bus, azx_dev)` in snd_hdac_bus_handle_stream_irq(), facts.param_field)
    counts as stored in the field "fid#argN" that call is made through: the functions its
    callers pass, azx_interrupt()'s stream_update, are bound to that."""
    fields: dict[tuple[str, int], set[str]] = {}
    plain = []
    for b in bindings:
        fid, sep, arg = b.function.partition("#arg")
        if sep:
            fields.setdefault((fid, int(arg)), set()).add(b.field)
        else:
            plain.append(b)
    handed: list[tuple[tuple[str, int], tuple[str, int]]] = []
    passed: list[tuple[str, int, str, object]] = []
    for fid in sorted(functions):
        for blk in functions[fid].blocks:
            for ev in blk.events:
                if ev.kind != "call":
                    continue
                n = called_param(ev.field) if ev.field else -1
                if n >= 0:
                    # `ack(bus, azx_dev)`: the parameter is as good as a field it is stored in
                    fields.setdefault((fid, n), set()).add(ev.field)
                if not ev.callee or not ev.fnargs:
                    continue
                for i, value in ev.fnargs:
                    if value.startswith("#arg"):
                        handed.append(((fid, int(value[4:])), (ev.callee, i)))
                    elif not value.startswith(FIELDREF):   # bound where stored
                        passed.append((ev.callee, i, value, ev.loc))
    changed = True
    while changed:                 # a parameter handed on is stored where the callee stores it
        changed = False
        for mine, theirs in handed:
            more = fields.get(theirs, set()) - fields.get(mine, set())
            if more:
                fields.setdefault(mine, set()).update(more)
                changed = True
    derived = [Binding(f, value, loc) for callee, i, value, loc in passed
               for f in sorted(fields.get((callee, i), ()))]
    return plain + derived


def maybe_live(files: list[FileFacts]) -> set[str]:
    """The static functions some code may reach: those a TU names other than as a direct
    callee (FileFacts.referenced: stored in a field, passed, returned); those any function
    of any TU calls, including a definition link set aside for another one of the same name
    (kernel/sys_ni.c's __weak __x64_sys_timer_delete() stub wins over posix-timers.c's
    wrapper, the only caller of its static __se_sys_timer_delete()); and every static
    function of a TU the frontend did not see whole (parse errors, statements clang
    dropped), where the reference may be in the part lost."""
    out: set[str] = set()
    for facts in files:
        out.update(facts.referenced)
        if facts.errors or facts.lost_statements:
            out.update(fn.id for fn in facts.functions)
        out.update(ev.callee for fn in facts.functions for b in fn.blocks for ev in b.events
                   if ev.kind == "call" and ev.callee)
    return out


def dead(fid: str, live: set[str], private: frozenset = frozenset()) -> bool:
    """A static function (`name@file`) that nothing calls and nothing names: its callers
    are compiled out in this configuration (rcu_advance_cbs_nowake() is static
    __maybe_unused, called only from CONFIG_RCU_NOCB_CPU code). Not a root: nothing runs it.
    A function with external linkage may be called from files not analysed, unless it is
    declared in a private header of a directory the run covers whole (`private`)."""
    return ("@" in fid or fid in private) and fid not in live


def private_functions(files: list[FileFacts], whole_dirs: list[str]) -> frozenset:
    """The external functions whose first declaration is in a header of their own directory
    tree, one outside the shared include directories, in a directory the run analyses whole:
    only that directory's files include it, so the run sees all their callers. The !PREEMPT
    _double_lock_balance() in kernel/sched/sched.h and the unbuilt ext.c call
    raw_spin_rq_trylock(); with neither compiled, nothing runs it (round-7 KM-08/09)."""
    if not whole_dirs:
        return frozenset()

    def covered(header: str) -> bool:
        parts = header.split("/")
        if header.startswith(("/", "<")) or "include" in parts[:-1]:
            return False
        return covers(whole_dirs, header.rpartition("/")[0])

    return frozenset(fid for facts in files for fid, header in facts.declared if covered(header))


def covers(whole_dirs, directory: str) -> bool:
    """Is `directory` (relative to the root) inside one the run analyses whole?"""
    return any(d == "" or directory == d or directory.startswith(d + "/") for d in whole_dirs)


def struct_world(owner: str, headers: dict[str, str]) -> str:
    """The directory whose files are all that can use a struct (`struct snd_pcm`), so all
    that can set its flags: a driver's own struct (owner "struct foo@drivers/x/foo.h"), its
    file's directory; one in a subsystem's shared headers (include/sound/pcm.h), that
    subsystem (sound); one in include/linux/ or elsewhere, the whole tree ("")."""
    _, at, declared_in = owner.partition("@")
    if at:
        return declared_in.rpartition("/")[0]
    parts = headers.get(owner, "").split("/")
    if len(parts) > 2 and parts[0] == "include" and parts[1] not in ("linux", "uapi"):
        return parts[1]
    return ""


def never_set(files: list[FileFacts], whole_dirs=("",)) -> frozenset:
    """The boolean struct fields some condition tests (facts "flag" events) that no analysed
    code or initializer sets to anything but a constant 0: false wherever they are read, as
    kzalloc() left them. `substream->pcm->nonatomic` is set only by the firewire, xen,
    virtio, vx and ASoC drivers; with none of them built, the mutex arm of every
    `if (substream->pcm->nonatomic)` in sound/core/pcm_native.c is dead, and so are the
    paths that took one test's mutex arm and another's spinlock arm (round-8 S-01..S-12).
    A closed world, so only for a struct all of whose users the run analyses
    (struct_world inside `whole_dirs`, the directories it analyses whole): a run over
    net/core/ alone does not see the drivers that set a `struct net_device` flag. A store
    the run cannot see (memcpy) is not counted."""
    tested = {ev.field for facts in files for fn in facts.functions for b in fn.blocks
              for ev in b.events if ev.kind == "flag"}
    if not tested or not whole_dirs:
        return frozenset()
    stored = {f for facts in files for f in facts.set_flags}
    headers = dict(sh for facts in files for sh in facts.struct_headers)
    return frozenset(f for f in tested - stored
                     if covers(whole_dirs, struct_world(f.rpartition(".")[0], headers)))


def named_functions(files: list[FileFacts], bindings: list[Binding]) -> set[str]:
    """The functions some code stores, registers or passes (external ones included)."""
    out = {b.function for b in bindings}
    for facts in files:
        out.update(r.function for r in facts.registrations)
        out.update(f for fn in facts.functions for b in fn.blocks for ev in b.events
                   for _, f in ev.fnargs)
    return out


def no_caller_entry(fid: str, fn: Function, knowledge: Knowledge) -> Entry:
    """How a function nothing analysed calls is entered: as rules.toml's [[root]] says (the
    kernel calls it through a field or hook filled in elsewhere), else as task context with
    interrupts on, a guess the path marks as such."""
    r = knowledge.roots.get(fn.name)
    if r is None:
        return Entry(fid, "task", True, "task context: no known caller", root=True)
    hard = r.hardirqs == "on" if r.hardirqs else r.context not in ("hardirq", "nmi")
    state = f"{r.context}, hardirqs {'on' if hard else 'off'}"
    # the code that runs a task-context root with interrupts off (the idle loop,
    # stop_machine, the context switch) turned them off with a plain local_irq_disable()
    # and turns them back on by design: not a save an enable below would break
    return Entry(fid, r.context, hard,
                 f"{state}: no known caller, {r.reason or 'rules.toml [[root]]'}",
                 plain_off=not hard and r.context in ("task", "softirq"))


def registered_entry(r, forced_threading: bool) -> Entry:
    """The entry point a registration makes; a handler that forced interrupt threading
    (`threadirqs`) moves into a thread is entered as irq_forced_thread_fn() runs it: in
    task context with hardirqs and bottom halves off. Each view says which one it is."""
    where = f"{r.api} at {r.loc.short()}"
    if r.forced and forced_threading:
        return Entry(r.function, "task", False,
                     f"irq thread (forced threading, hardirqs and BHs off): {where}", bh_off=True)
    return Entry(r.function, r.context, r.hardirqs == "on",
                 f"{r.context}: {where}" + (", not force-threaded" if r.forced else ""))

@dataclass
class Program:
    functions: dict[str, Function] = field(default_factory=dict)
    # the boolean struct fields conditions test that no analysed code sets (never_set)
    never_set: frozenset = frozenset()
    field_targets: dict[str, list[str]] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    lockdefs: dict[str, LockDef] = field(default_factory=dict)
    files: list[FileFacts] = field(default_factory=list)
    # field -> {function bound to it: the files whose code or initialisers store it there}
    field_stores: dict[str, dict[str, frozenset]] = field(default_factory=dict)
    # leaf driver file -> the files whose stores its paths may reach (see driver_affinity)
    affinity: dict[str, frozenset] = field(default_factory=dict)
    # field -> the functions bound to it only in structs that set its [[callback]]
    # unless_set flag: an indirect call made in atomic context does not reach them
    guarded: dict[str, frozenset] = field(default_factory=dict)
    # ops table (facts.FileFacts.tables) -> {field: the functions its initializer binds}
    tables: dict[str, dict[str, tuple]] = field(default_factory=dict)
    # field -> {function: the ops tables that bind it there}, for the functions only ops
    # tables bind to the field (no store in code, no other initializer): see table_only
    table_of: dict[str, dict[str, frozenset]] = field(default_factory=dict)


def driver_affinity(functions: dict[str, Function]) -> dict[str, frozenset]:
    """The leaf driver files, each with the files whose stores into a callback field its own
    objects can hold.

    An indirect call through a per-object field (`bri->recover_bus(adap)`, `gc->set(gc, ...)`,
    `port->ops->stop_rx(port)`) calls what was stored in *that object*. The call graph only
    knows every function stored in the field anywhere, so a hardirq handler of driver A would
    reach driver B's callback through the core code both use. Which object a path holds is not
    in the facts, but who can have filled it in is: a driver's objects are set up by the driver
    itself, by the other file of its own module, and by the library and core functions it
    calls directly (gpio-mxc's bgpio_init() stores bgpio_get*/bgpio_set* in its gpio_chip;
    i2c-core-base.c's recovery init stores i2c_generic_scl_recovery in the adapter's
    bus_recovery_info). Propagate restricts the indirect calls of a path rooted in a leaf file
    D to functions stored by these files or by the file making the call (a file on the path).

    Leaf driver or library/core is decided from the direct calls between files: a library or
    core file (i2c-core-base.c, gpiolib.c, gpio-mmio.c, serial_core.c, 8250_port.c) is one
    whose functions other files call directly, and one that several files call is shared by
    all of them, so its paths may hold any of their objects (the exported gpiod_*() with no
    caller here is entered for every chip). A leaf driver is called directly by at most one
    other file (the glue or core half of its own module, which then belongs to its scope):
    everything else reaches it through the fields and registrations it fills in. Header
    inlines belong to no file. Directories do not decide it: drivers/gpio holds gpiolib.c and
    the chip drivers alike, and drivers/i2c/busses holds many unrelated drivers."""
    file_of = {fid: fn.loc.file for fid, fn in functions.items() if not fn.in_header}
    calls: dict[str, set[str]] = {}
    clients: dict[str, set[str]] = {}
    for fid in sorted(file_of):
        a = file_of[fid]
        for b in functions[fid].blocks:
            for ev in b.events:
                t = file_of.get(ev.callee) if ev.kind == "call" and ev.callee else None
                if t and t != a:
                    calls.setdefault(a, set()).add(t)
                    clients.setdefault(t, set()).add(a)
    out = {}
    for d in sorted(set(file_of.values())):
        mine = clients.get(d, set())
        if len(mine) <= 1:
            out[d] = frozenset({d} | mine | calls.get(d, set()))
    return out


def callback_context(cb: Callback, b: Binding, functions: dict[str, Function],
                     constants: dict[str, int]) -> tuple[str, str]:
    """The context a [[callback]] entry gives the function binding b stores, and what the
    path says of it: softirq for a soft hrtimer, whose storing function's every
    hrtimer_init() passes a mode with HRTIMER_MODE_SOFT ([[callback]] softirq_if). A
    function that also sets up a timer otherwise, or none, leaves the field's context."""
    if not cb.softirq_if or b.by not in functions:
        return cb.context, ""
    call, arg, flag = cb.softirq_if
    modes = [dict(ev.consts).get(arg) for blk in functions[b.by].blocks for ev in blk.events
             if ev.kind == "call" and ev.callee.partition("@")[0] == call]
    bit = constants[flag]
    if modes and all(isinstance(m, int) and not isinstance(m, bool) and m & bit
                     for m in modes):
        return "softirq", f" ({flag} in {call}())"
    return cb.context, ""


def guarded_targets(bindings: list[Binding], knowledge: Knowledge) -> dict[str, frozenset]:
    """For each [[callback]] field with `unless_set`, the functions every store of which into
    the field is into a struct that sets that flag (facts.Binding.sets): a gpio_chip's
    callbacks when the chip sets can_sleep. gpiolib calls such a chip only through the
    _cansleep API, from task context, so an indirect call through the field made in atomic
    context (propagate) does not reach them; a function also stored in a chip without the
    flag still is."""
    flagged: dict[str, set[str]] = {}
    plain: dict[str, set[str]] = {}
    for b in bindings:
        cb = knowledge.callback(b.field)
        if cb is not None and cb.unless_set:
            (flagged if cb.unless_set in b.sets else plain).setdefault(b.field, set()).add(
                b.function)
    return {f: frozenset(fns - plain.get(f, set())) for f, fns in sorted(flagged.items())
            if fns - plain.get(f, set())}


def ops_tables(files: list[FileFacts], bindings: list[Binding],
               functions: dict[str, Function]) -> dict[str, dict[str, tuple]]:
    """Each ops table with the functions its initializer binds to each field: all that a
    call through the table's field can reach (propagate: an argument `&table`)."""
    out: dict[str, dict[str, set]] = {t: {} for f in files for t in f.tables}
    for b in bindings:
        if b.owner in out and b.function in functions:
            out[b.owner].setdefault(b.field, set()).add(b.function)
    return {t: {f: tuple(sorted(fns)) for f, fns in sorted(by.items())}
            for t, by in sorted(out.items())}


def table_only(bindings: list[Binding], tables: dict, functions: dict) -> dict:
    """field -> {function: the ops tables whose initializers bind it to the field}, for the
    functions nothing else binds there. A call through such a field that returned holding a
    lock (a seq_file's start) went through one of those tables, and the same function's
    next call through the same struct type (its show, its stop) goes to the same table's
    functions (propagate.Propagator.same_table)."""
    owners: dict[tuple, set[str]] = {}
    loose: set[tuple] = set()
    for b in bindings:
        key = (b.field, b.function)
        if b.owner in tables:
            owners.setdefault(key, set()).add(b.owner)
        else:
            loose.add(key)
    out: dict[str, dict[str, frozenset]] = {}
    for (fld, fn), ts in sorted(owners.items()):
        if (fld, fn) not in loose and fn in functions:
            out.setdefault(fld, {})[fn] = frozenset(ts)
    return out


def link(all_facts: list[FileFacts], knowledge: Knowledge,
         whole_dirs: list[str] = ()) -> Program:
    """The program of the facts. `whole_dirs`: the directories (relative to the root, ""
    for the root) whose files the run analyses all of (private_functions)."""
    prog = Program(files=sorted(all_facts, key=lambda f: f.path))
    bindings = []
    registrations = []
    for facts in prog.files:
        for fn in facts.functions:
            # a header inline appears in every TU that calls it: the first copy serves all
            prog.functions.setdefault(fn.id, fn)
        bindings.extend(facts.bindings)
        registrations.extend(facts.registrations)
        for d in facts.lockdefs:
            prog.lockdefs.setdefault(d.lock_class, d)
    bindings = bindings_through_parameters(prog.functions, bindings)
    # a "cannot happen" trap stored in an ops field ([follow] unreached): no call through
    # the field reaches it, and it is no root either (it has its caller, the dispatch)
    trapped: set[str] = set()
    if knowledge.unreached:
        traps = [b.function in prog.functions and
                 prog.functions[b.function].name in knowledge.unreached_through(b.field)
                 for b in bindings]
        trapped = {b.function for b, trap in zip(bindings, traps) if trap}
        bindings = [b for b, trap in zip(bindings, traps) if not trap]

    called_fields: set[str] = set()
    direct_callees: set[str] = set()
    for fn in prog.functions.values():
        for b in fn.blocks:
            for ev in b.events:
                if ev.kind == "call":
                    if ev.field:
                        called_fields.add(ev.field)
                    elif ev.callee:
                        direct_callees.add(ev.callee)

    targets: dict[str, set[str]] = {}
    for b in bindings:
        if b.function in prog.functions:
            targets.setdefault(b.field, set()).add(b.function)
    prog.field_targets = {f: sorted(t) for f, t in sorted(targets.items())}
    stores: dict[str, dict[str, set[str]]] = {}
    for b in bindings:
        if b.function in prog.functions:
            stores.setdefault(b.field, {}).setdefault(b.function, set()).add(b.loc.file)
    prog.field_stores = {f: {t: frozenset(files) for t, files in sorted(by.items())}
                         for f, by in sorted(stores.items())}
    prog.affinity = driver_affinity(prog.functions)
    prog.guarded = guarded_targets(bindings, knowledge)
    prog.tables = ops_tables(prog.files, bindings, prog.functions)
    prog.table_of = table_only(bindings, prog.tables, prog.functions)
    # closed world only over whole directories: a file checked alone has its flags set in
    # its siblings (tests/corpus/trylock_in_condition_or.c's cb_sleep)
    prog.never_set = never_set(prog.files, whole_dirs)

    entries: set[Entry] = set()
    for r in registrations:
        if r.function in prog.functions:
            entries.add(registered_entry(r, knowledge.forced_threading))
    for b in bindings:
        cb = knowledge.callback(b.field)
        if cb is not None and cb.context and b.function in prog.functions and \
                cb.unless_set not in b.sets:
            context, why = callback_context(cb, b, prog.functions, knowledge.constants)
            hard = cb.hardirqs == "on" if cb.hardirqs else context not in ("hardirq", "nmi")
            entries.add(Entry(b.function, context, hard,
                              f"{context}: {b.field} at {b.loc.short()}{why}"))

    # ...unless rules.toml says how the kernel runs it otherwise: a [[root]] (the per-CPU
    # backlog NAPI's poll is no device's, netpoll never polls it; net_rx_action does)
    has_caller = set(direct_callees) | {f for f in trapped
                                        if prog.functions[f].name not in knowledge.roots}
    for f in called_fields:
        has_caller.update(targets.get(f, ()))
    has_caller.update(e.function for e in entries)
    live = maybe_live(prog.files)
    private = private_functions(prog.files, list(whole_dirs))
    if private:
        live |= named_functions(prog.files, bindings)
    for fid, fn in prog.functions.items():
        if fid not in has_caller and not fn.in_header and not dead(fid, live, private):
            entries.add(no_caller_entry(fid, fn, knowledge))
    prog.entries = sorted(entries)
    return prog
