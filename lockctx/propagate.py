"""Propagate: the execution states each function runs in, with a witness path for each.

Two passes, so that the work grows with the size of the program rather than with the number
of its paths:

1. **Summaries**, bottom-up over the call graph (callees first; a recursive cycle is iterated
   to a fixpoint). Each function is analysed once, flow-sensitively over its control-flow
   graph, in a state *relative to however it was entered*: hardirqs as on entry / off / on /
   as a caller's irqsave left them, the change in bottom-half depth, the locks it holds (a lock
   passed as a parameter stays symbolic), the callers' locks it released. Its exit states are
   its summary. A call applies the callee's summary, with the caller's arguments substituted
   for lock parameters, so a `foo_lock_irqsave()` helper that returns with a lock held and
   interrupts off is seen by its callers.
2. **Contexts**, top-down from the entry points: each function's entry contexts (context,
   hardirqs enabled?, bottom halves disabled?, a caller's spinlock held?, lock parameters bound)
   with the first (shortest) path that reached each. A call site hands its callees the caller's
   context combined with its local state at the call.

The observations the rules need (acquisitions, interrupt enables, sleeping calls) are the local
states of pass 1 seen in each entry context of pass 2.
"""
from __future__ import annotations

import dataclasses
import operator
import sys
from collections import deque
from dataclasses import dataclass, field

from .cfg import ENTRY, decided_by_caller, key_vars, root_var
from .facts import (CONTEXT_TEST, FIELDREF, FLAG, MASKED_AND, MASKED_OR, NONNULL, NOT, OR, Event,
                    Function, Loc, LockRef, called_param, handed_param, lock_name, masked,
                    object_spec)
from .knowledge import Knowledge
from .link import Entry, Program

MAX_SAVES = 2                 # irqsave nesting kept; deeper saves forget the outermost
MAX_SOFT = 3
MAX_HELD = 8
MAX_CONDS = 4                 # variable values remembered per state (see Local.conds)
# ... and, counting those, values of what callers pass (a parameter, a bit of one, a member
# on entry), checked against their constants: __ip6_append_data() tests five bits of
# `flags` and `length` before its splice branch, and a fifth value was not recorded
MAX_CALLER_CONDS = 8
IRQ_HANDLERS = ("hardirq", "nmi")    # contexts that run with hardirqs off, as handlers
MAX_STATES = 32               # local states kept per block entry; more are dropped (counted)
MAX_EXITS = 8                 # exit states kept per summary, balanced ones first
MAX_CONTEXTS = 48             # entry contexts per function; more are dropped (counted)
MAX_CYCLE = 16                # larger recursive cycles are assumed balanced (counted)
# An indirect call bound to more functions than this does not order the summaries: through
# ops tables and notifier chains nearly every driver would otherwise be one recursive cycle
# with the core (29,437 functions on the whole defconfig tree), and such a cycle is only
# assumed balanced. The callee's summary is used if it is ready, else the call is assumed
# to return as it was made.
WIDE_CALL = 4
CYCLE_ANALYSES = 4            # analyses per member of a recursive cycle before giving up
BALANCED_ROUNDS = 2           # rounds over a cycle too large to solve (assume_balanced)
REFINE_ROUNDS = 3             # rounds of pass 1's second round (refine) at most
# Entry contexts of one function that differ only in the driver whose objects their path
# holds (State.origin, Propagator.affine): a core function that calls through its argument's
# ops (uart_add_one_port(), gpiochip_add_data()) is analysed once per driver calling it, up
# to this many; the drivers after that share the context that resolves every driver's
# functions, as without affinity. Counted as one context against MAX_CONTEXTS. And at most
# MAX_ORIGIN_COPIES such copies per function over all its contexts: on a whole tree nearly
# every core function reaches some ops call, and copies per context alone made the instances
# (and the memory: past 4 GiB on the defconfig tree) grow with the drivers.
MAX_ORIGINS = 16
# containers kept per object (State.objs), and distinct State.objs per function: past that a
# context forgets them (its indirect calls reach every function, as without them)
MAX_CONTAINERS = 3
MAX_OBJECT_VARIANTS = 16
MAX_ORIGIN_COPIES = 48
SPINNING = ("spin", "rwlock")
# the states are slots classes (a whole tree keeps hundreds of thousands: their __dict__s
# were 90 MiB); each keeps its hash in this last slot, not compared and not copied (_hash)
HASH_SLOT = field(default=None, init=False, repr=False, compare=False)


@dataclass(frozen=True, order=True, slots=True)
class State:
    """An absolute state: what the rules see at an event, and (with no locks held) the entry
    context of a function instance."""
    ctx: str                   # task | softirq | hardirq | nmi
    hard: bool                 # hardirqs enabled
    soft: int = 0              # softirq-disable depth (0: bottom halves enabled)
    held: tuple = ()           # sorted ((lock class, lock kind, mode), ...) taken in this function
    binds: tuple = ()          # ((param index, lock class), ...) for functions with lock params
    # A callee does not see *which* locks its callers hold (that would analyse it once per
    # combination of held locks: the scheduler has thousands), only whether a spinning one is.
    caller_spin: bool = False
    # hardirqs are off only because of a plain local_irq_disable(), whose code re-enables
    # them on purpose (the idle loop, __schedule()): not what LC003 is about
    plain_off: bool = False
    # (parameter, "=K") for a parameter the function tests, bound to the constant its caller
    # passed: `reg(event, TRACE_REG_PERF_DEL, ...)` reaches only that case of the switch
    consts: tuple = ()
    # the leaf driver file whose objects the path holds (link.driver_affinity): where it
    # started, or the driver whose callback it entered through a field. Kept only while a
    # call through a field bound to several functions lies below (Propagator.affine)
    origin: str = ""
    # the path went on past a reference count's drop to zero (`if
    # (!atomic_long_dec_and_test(&e->refcount)) return; free(e)`) in atomic context: the code
    # after it runs only if that was the last reference, which the caller usually still holds
    last_ref: bool = False
    # (parameter, ops table) for a parameter the function calls through, or hands on to one
    # that does, bound to the table its caller passed (`snd_pcm_action(&snd_pcm_action_start,
    # ...)`): `ops->do_action()` reaches only what that table binds (Propagator.through_table)
    tables: tuple = ()
    # (parameter, function) for a function-pointer parameter the function calls, or hands on
    # to one that does, bound to the function its caller passed (`snd_hdac_bus_handle_stream
    # _irq(bus, status, stream_update)`): `ack(bus, azx_dev)` reaches only that one
    # (Propagator.through_param); '' when what the caller passed is nothing analysed (NULL,
    # a function that does nothing the rules see)
    fns: tuple = ()
    # (parameter, containers) for a parameter whose object the function hands on to an
    # indirect call (object_users): the structs it is embedded in, innermost first
    # ("struct kobject.kref", "struct irq_desc.kobj"), as the calls that passed it said
    # (facts.Event.objargs). An indirect call reaches only the functions whose container_of
    # of that argument agrees (Propagator.fits)
    objs: tuple = ()
    _h: int | None = HASH_SLOT

    def __hash__(self) -> int:
        return _hash(self, STATE_FIELDS)

    @property
    def spin_held(self) -> bool:
        return self.caller_spin or any(k in SPINNING for _, k, _ in self.held)

    @property
    def atomic(self) -> bool:
        return self.ctx != "task" or not self.hard or self.soft > 0 or self.spin_held

    @property
    def in_interrupt(self) -> bool:
        """The kernel's in_interrupt(): hardirq, softirq or NMI context, or bottom halves
        disabled (softirq_count() counts local_bh_disable() too)."""
        return self.ctx != "task" or self.soft > 0

    def but(self, **changes) -> "State":
        return _but(self, changes)


@dataclass(frozen=True, order=True, slots=True)
class Local:
    """A state relative to the function's entry (pass 1)."""
    hard: str = "E"            # E: as on entry | 0: off | d: off by a plain local_irq_disable()
    #                            | 1: on | P: as a caller's irqsave saved them
    saves: tuple = ()          # irqsave stack pushed here, innermost last (values as `hard`)
    pops: int = 0              # irqrestores of an irqsave made by a caller
    soft: int = 0              # change in bottom-half disable depth
    held: tuple = ()           # sorted ((lock, kind, mode), ...); a lock parameter is "param:N"
    released: tuple = ()       # sorted ((lock, kind), ...) released here, taken by a caller
    tag: tuple = ()            # (callee, took a lock?) after a call that only sometimes does
    # ((variable, value), ...) the branches taken found: `if (atomic) lock(); ... if (atomic)
    # unlock()` takes the same branch twice. Local to the function: not in summaries.
    conds: tuple = ()
    # the `dec_and_test` ([refcount] in rules.toml) whose success this path took: what
    # follows runs on the last reference only (State.last_ref). Not in summaries.
    last_ref: str = ""
    # (struct type, ops tables) after a call through a field of that struct type that
    # returned holding a lock or with interrupts saved: the tables it went through (the
    # seq_file start that took igmp's im->lock), which the next call through the same
    # struct type stays in (Propagator.same_table). Not in summaries.
    ops: tuple = ()
    # this function slept (a sleeping call or lock) in the state it was entered in: in an
    # atomic entry context that sleep is the finding (LC004), and nothing after it on this
    # path is checked or followed (slept()). Not in summaries.
    slept: bool = False
    _h: int | None = HASH_SLOT

    def __hash__(self) -> int:
        return _hash(self, LOCAL_ORDER)

    def but(self, **changes) -> "Local":
        return _but(self, changes)


def _compared(cls) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.compare)


# the order of Local's fields, as order=True compares them: sorting by this key gives the
# same order without a Python-level __lt__ per comparison (states are sorted at every block)
LOCAL_ORDER = operator.attrgetter(*_compared(Local))


STATE_FIELDS = operator.attrgetter(*_compared(State))
_set = object.__setattr__


def _hash(obj, fields) -> int:
    # states are the keys of the analysis's sets and dicts, hashed millions of times; the
    # generated __hash__ builds and hashes the tuple of their fields every time. The hash is
    # kept in the instance (HASH_SLOT: not compared, not copied by _but)
    h = obj._h
    if h is None:
        h = hash(fields(obj))
        _set(obj, "_h", h)
    return h


def ordered(states) -> list[Local]:
    if len(states) < 2:
        return list(states)
    return sorted(states, key=LOCAL_ORDER)


_NAMES = {cls: _compared(cls) for cls in (State, Local)}
_FIELDS = {cls: frozenset(names) for cls, names in _NAMES.items()}
_GETTERS = {State: STATE_FIELDS, Local: LOCAL_ORDER}


def _but(obj, changes: dict):
    """dataclasses.replace() for the two frozen states, without its per-call field
    validation (the states are copied hundreds of thousands of times)."""
    cls = type(obj)
    if not changes.keys() <= _FIELDS[cls]:
        raise TypeError(f"{cls.__name__} has no field {sorted(changes.keys() - _FIELDS[cls])}")
    new = object.__new__(cls)
    for name, value in zip(_NAMES[cls], _GETTERS[cls](obj)):
        _set(new, name, changes.get(name, value))
    _set(new, "_h", None)
    return new


Key = tuple  # (function id, entry State)


@dataclass(frozen=True, slots=True)
class Observation:
    kind: str                  # acquire | irq_enable | sleep
    event: Event
    lock: str                  # resolved lock class ('' when none)
    state: State               # the state at the event
    key: Key                   # the function instance
    entry_hard: bool           # hardirqs were enabled when the function was entered


@dataclass(frozen=True, slots=True)
class Step:
    function: str
    loc: Loc
    note: str = ""
    fanout: int = 0            # functions the indirect call that reached this one may call
    root: bool = False         # the path starts at a function with no known caller


@dataclass(frozen=True, order=True, slots=True)
class Point:
    """An event the rules look at, in local terms (pass 1)."""
    where: tuple               # (block, index): with kind and state, identifies the point
    kind: str                  # acquire | irq_enable | sleep
    local: Local
    lock: str                  # local lock symbol
    # irq_enable points are only reported when the entry context has hardirqs off:
    # "off" - when they are off at the point; "entered_off" - and were off on entry too;
    # "hardirq" - in hardirq context
    when: str = ""
    event: Event = field(default=None, compare=False)


@dataclass(slots=True)
class CallSite:
    event: Event
    callees: list[str]
    via: str                   # "via struct ops.kick (1 of 3)" for an indirect call
    fanout: int                # the functions bound to that field (0: a direct call)
    ends_path: bool            # panic() and the like ([follow] stop)
    args: tuple                # local lock symbol of each argument ('' when not a lock)
    # the local states the call is made in: a set while pass 1 analyses the function, then
    # (Propagator.analyse) the tuple of them in order: a whole tree has 400,000 call sites,
    # and their sets were 125 MiB
    locals: set | tuple = field(default_factory=set)


@dataclass(slots=True)
class Body:
    """Pass 1's result for one function."""
    points: list[Point]
    calls: list[CallSite]


@dataclass
class Analysis:
    program: Program
    observations: list[Observation] = field(default_factory=list)
    parents: dict = field(default_factory=dict)   # key -> (parent key, CallSite, why) | Entry
    summaries: dict = field(default_factory=dict)  # function id -> frozenset of exit Locals
    dropped_instances: int = 0
    dropped_states: int = 0
    unfinished: int = 0        # functions whose recursive cycle did not reach its fixpoint
    balanced_cycle_functions: int = 0   # in cycles too large to summarise: assumed balanced

    def path(self, key: Key, last: Loc, note: str) -> list[Step]:
        """The witness path to `last` inside instance `key`, entry point first."""
        steps = [Step(self.name(key[0]), last, note)]
        seen = {key}
        while True:
            p = self.parents[key]
            if isinstance(p, Entry):
                steps[0] = dataclasses.replace(steps[0], note=_join(p.reason, steps[0].note),
                                               root=p.root)
                return steps
            parent, site, why = p
            if parent in seen:            # defensive: parents never form a cycle
                return steps
            seen.add(parent)
            if site.via:
                steps[0] = dataclasses.replace(steps[0], note=_join(site.via, steps[0].note),
                                               fanout=site.fanout)
            steps.insert(0, Step(self.name(parent[0]), site.event.loc, why))
            key = parent

    def name(self, fid: str) -> str:
        fn = self.program.functions.get(fid)
        return fn.name if fn else fid.split("@")[0]


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a and b else a or b


def local_symbol(lock: LockRef | None, fid: str) -> str:
    """How a lock expression is named inside its function: parameters stay symbolic."""
    if lock is None:
        return ""
    if lock.kind == "param":
        return f"param:{lock.name}"
    if lock.kind in ("local", "unknown"):
        return f"{fid}:{lock.kind}:{lock.name}"
    return lock.name


def resolve(sym: str, binds: tuple, fid: str) -> str:
    """The lock class a local symbol names in an entry context."""
    if not sym.startswith("param:"):
        return sym
    index = int(sym[6:])
    for i, cls in binds:
        if i == index:
            return cls
    return f"{fid}:param{index}"


def entry_state(e: Entry) -> State:
    soft = 1 if e.context in ("softirq", "hardirq", "nmi") or e.bh_off else 0
    hard = e.hardirqs and e.context not in IRQ_HANDLERS
    return State(e.context, hard, soft, caller_spin=e.caller_spin,
                 plain_off=e.plain_off and not hard)


def field_owner(field: str) -> str:
    """The struct type of a field key: `struct seq_operations` of its `.start`."""
    return field.rpartition(".")[0]


def field_label(field: str) -> str:
    """A field as people write it: `struct foo_desc.handle_irq`, without the declaring file
    a driver's own struct carries in its key (frontend.owner_key); `event_handlers[]` for an
    array of function pointers (facts.array_field)."""
    if field.endswith("[]"):
        return field.partition("@")[0].removesuffix("[]") + "[]"
    owner, _, name = field.rpartition(".")
    return f"{owner.split('@')[0]}.{name}"


def call_targets(program: Program, ev: Event) -> list[str]:
    return program.field_targets.get(ev.field, []) if ev.field else [ev.callee]


def relevant_functions(program: Program, observed_calls=frozenset()) -> set[str]:
    """Functions that lock, change interrupt state or sleep, directly or through callees,
    or call one of `observed_calls` ([bh_only]: the call itself is what a rule reports).

    Everything else leaves the state as it found it and observes nothing, so it is treated
    like an external function: analysing it would only multiply instances.
    """
    callers: dict[str, set[str]] = {}
    relevant: set[str] = set()
    for fid, fn in program.functions.items():
        for b in fn.blocks:
            for ev in b.events:
                if ev.kind in ("cond", "assign"):
                    continue                 # they only refine what the function does
                if ev.kind != "call":
                    relevant.add(fid)
                    continue
                if ev.callee and ev.callee.partition("@")[0] in observed_calls:
                    relevant.add(fid)
                for t in call_targets(program, ev):
                    callers.setdefault(t, set()).add(fid)
    return _closure(relevant, callers)


def fanning_functions(program: Program, unfollowed=frozenset()) -> set[str]:
    """Functions that may reach a call through a field bound to several functions: the only
    ones whose entry contexts need to know the driver their path started in."""
    start: set[str] = set()
    callers: dict[str, set[str]] = {}
    for fid, fn in program.functions.items():
        for b in fn.blocks:
            for ev in b.events:
                if ev.kind != "call":
                    continue
                targets = call_targets(program, ev)
                if ev.field and len(targets) > 1 and ev.field not in unfollowed and \
                        called_param(ev.field) < 0:
                    start.add(fid)
                for t in targets:
                    callers.setdefault(t, set()).add(fid)
    return _closure(start, callers)


def lock_param_users(program: Program) -> set[str]:
    """Functions that take or release a lock given as a parameter, or pass one on to such a
    function: only their entry contexts carry the caller's lock classes."""
    users: set[str] = set()
    passers: dict[str, set[str]] = {}
    for fid, fn in program.functions.items():
        for b in fn.blocks:
            for ev in b.events:
                if ev.kind == "call":
                    if any(a is not None and a.kind == "param" for a in ev.args):
                        for t in call_targets(program, ev):
                            passers.setdefault(t, set()).add(fid)
                elif ev.lock is not None and ev.lock.kind == "param":
                    users.add(fid)
    return _closure(users, passers)


def entry_members(program: Program) -> dict[str, dict[int, tuple]]:
    """The members of its parameters each function tests as they were on entry (cfg.Graph.
    entry_copy: `int autostopped = ohci->autostop;`): {param index: ((member chain after
    the parameter, key), ...)}. A caller that tested the same member of the variable it
    passes fixes the value (member_values)."""
    out: dict[str, dict[int, set]] = {}
    for fid, fn in program.functions.items():
        for b in fn.blocks:
            for ev in b.events:
                if ev.kind == "cond" and ev.api.endswith(ENTRY):
                    chain = ev.api[:-len(ENTRY)]
                    root = root_var(chain)
                    if root in fn.params:
                        out.setdefault(fid, {}).setdefault(fn.params.index(root), set()).add(
                            (chain[len(root):], ev.api))
    return {f: {i: tuple(sorted(v)) for i, v in sorted(by.items())} for f, by in out.items()}


def member_values(conds: tuple, argvars: tuple, members: dict) -> dict[str, str]:
    """The callee's entry values of the members it tests (entry_members), from what the
    caller's tests found of the same members of the variables it passes
    (facts.Event.argvars): ohci_irq()'s `if (ohci->autostop) ohci_rh_resume(ohci);`."""
    known = {k.lstrip(RETIRED): v for k, v in conds}
    out = {}
    for i, name in argvars:
        for suffix, key in members.get(i, ()):
            v = known.get(name + suffix)
            if v is not None:
                out[key] = v
    return out


def selector_parameters(program: Program) -> dict[str, dict[int, str]]:
    """The parameters ({index: name}) of each function whose value a caller's constant
    decides something by: those it tests (`switch (type)`, `if (!stream_lock)`), and those
    it hands on to such a parameter of a callee ("#argN" in facts.Event.consts:
    snd_seq_check_queue(q, 1, 0) -> ... -> `if (atomic) read_lock(...)` four calls down)."""
    uses: dict[str, set[int]] = {}
    handed: dict[tuple[str, int], set[tuple[str, int]]] = {}
    for fid, fn in program.functions.items():
        keys = set()
        for b in fn.blocks:
            for ev in b.events:
                if ev.kind == "cond":
                    keys.add(ev.api)
                elif ev.kind == "call":
                    hand_ons(handed, program, fid, ev, ev.consts)
        keys |= {k.partition("&")[0] for k in keys}     # a bit of it (cfg.bit_key)
        tested = {i for i, p in enumerate(fn.params) if p in keys}
        if tested:
            uses[fid] = tested
    close_over_hand_ons(uses, handed)
    return {f: {i: program.functions[f].params[i] for i in sorted(ps)
                if i < len(program.functions[f].params)}
            for f, ps in uses.items()}


def table_parameters(program: Program) -> dict[str, frozenset]:
    """The parameters (by index) of each function that it calls through (facts.Event.base)
    or hands on to such a parameter of a callee ("#argN" in facts.Event.tables): only those
    are bound to the ops table a caller passes (State.tables)."""
    return called_parameters(program, lambda ev: (ev.base,) if ev.field and ev.base >= 0 else (),
                             lambda ev: ev.tables)


def fn_parameters(program: Program) -> dict[str, frozenset]:
    """The function-pointer parameters (by index) of each function that it calls through
    (facts.param_field) or hands on to such a parameter of a callee ("#argN" in
    facts.Event.fnargs): only those are bound to the function a caller passes (State.fns)."""
    return called_parameters(program, lambda ev: (called_param(ev.field),)
                             if ev.field and called_param(ev.field) >= 0 else (),
                             lambda ev: ev.fnargs)


def called_parameters(program: Program, through, passed) -> dict[str, frozenset]:
    """For each function, the parameters a call event uses (`through(ev)`: their indexes)
    and those it hands on to such a parameter of a callee (`passed(ev)`: the call's
    (argument index, value) pairs, "#argN" for its own parameter N), transitively."""
    uses: dict[str, set[int]] = {}
    handed: dict[tuple[str, int], set[tuple[str, int]]] = {}
    for fid, fn in program.functions.items():
        for b in fn.blocks:
            for ev in b.events:
                if ev.kind != "call":
                    continue
                used = through(ev)
                if used:
                    uses.setdefault(fid, set()).update(used)
                hand_ons(handed, program, fid, ev, passed(ev))
    close_over_hand_ons(uses, handed)
    return {f: frozenset(ps) for f, ps in uses.items()}


def hand_ons(handed: dict, program: Program, fid: str, ev: Event, args: tuple) -> None:
    """Records, from a call's (argument index, value) pairs, each "#argN": fid hands its own
    parameter N on to parameter i of every function the call reaches."""
    for i, v in args:
        n = handed_param(v)
        if n is not None:
            for c in call_targets(program, ev):
                handed.setdefault((c, i), set()).add((fid, n))


def close_over_hand_ons(uses: dict[str, set[int]], handed: dict) -> None:
    """Adds to `uses` (function -> parameter indexes) every parameter handed on to one
    already in it, transitively."""
    work = sorted((f, i) for f, ps in uses.items() for i in ps)
    while work:
        for fid, n in sorted(handed.get(work.pop(), ())):
            if n not in uses.setdefault(fid, set()):
                uses[fid].add(n)
                work.append((fid, n))


def _closure(start: set[str], up: dict[str, set[str]]) -> set[str]:
    out = set(start)
    work = sorted(start)
    while work:
        f = work.pop()
        for c in up.get(f, ()):
            if c not in out:
                out.add(c)
                work.append(c)
    return out


def cycles_bottom_up(nodes: list[str], succs) -> list[list[str]]:
    """Strongly connected components, callees before callers (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(succs(root)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(succs(w))))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    out.append(sorted(comp))
    return out


class Propagator:
    def __init__(self, program: Program, everything: bool = False,
                 knowledge: Knowledge | None = None):
        self.p = program
        k = knowledge or Knowledge()
        api_names = k.api_names()
        self.stop_calls = k.stop_calls
        self.opaque = k.opaque_calls
        self.unfollowed = k.unfollowed_fields
        self.last_reference = k.last_reference
        # [[sleeps]] unless = "in_interrupt": calls that sleep only outside interrupts
        self.task_only_sleeps = {sl.call for sl in k.sleeps.values()
                                 if sl.unless == "in_interrupt"}
        # [refcount] never_last: the puts these functions call (functions that test a
        # dec_and_test's result: put_event()) drop a reference that is never the last, so
        # they only decrement: not entered from there
        self.never_last = k.never_last
        # functions that begin with a sleep assertion ([[sleeps]] asserts = true:
        # might_sleep()): an atomic context reaching one is reported there, at the kernel's
        # own check, and goes no further (stops_at_assertion): what lies below would repeat
        # that one finding. 1,310 of the whole defconfig tree's 8,668 findings went through
        # rh_call_control() (drivers/usb/core/hcd.c:467), reached from a softirq timer by
        # usb_hcd_submit_urb()'s root-hub branch; 2 do with this (the total fell to 8,535:
        # most sinks below it are reached by other atomic paths too)
        self.sleep_assertions = {sl.call for sl in k.sleeps.values() if sl.asserts}
        # [[callback]] sleeps = true: methods the kernel documents as ones that may sleep
        # (sleeping_call)
        self.callback_rule = k.callback
        self._sleeping_fields: dict[str, bool] = {}
        self.sleepable = {fid for fid, fn in program.functions.items()
                          if asserts_sleepable(fn, self.sleep_assertions)}
        self.puts = {fid for fid, fn in program.functions.items()
                     if any(ev.kind == "ret_ok" and
                            ev.callee.partition("@")[0] in k.last_reference
                            for b in fn.blocks for ev in b.events)} if k.never_last else set()
        self.a = Analysis(program)
        # lock classes named by a struct member that points to a lock (LockRef "pointer"):
        # an unlock through one may release a lock taken under another name (let_go)
        self.pointers = frozenset(ev.lock.name for fn in program.functions.values()
                                  for b in fn.blocks for ev in b.events
                                  if ev.lock is not None and ev.lock.kind == "pointer")
        # `explain` wants a path to every function, the rules only to the relevant ones
        # [bh_only]: functions that run bottom-half code; a call to one with hardirqs off is
        # reported there (LC005) and not followed (bh_only_call)
        self.bh_only = k.bh_only
        self.relevant = set(program.functions) if everything else \
            relevant_functions(program, self.bh_only)
        # the kernel's own implementations of the lock APIs (kernel/locking/mutex.c defines
        # mutex_lock): every use of those names is already an event, never a call to analyse
        self.relevant -= {f for f in self.relevant if program.functions[f].name in api_names}
        self.param_users = lock_param_users(program)
        self.bodies: dict[str, Body] = {}
        self._callees: dict[str, list[str]] = {}
        # what a function's assertions require of its entry context: fid -> {(what, api)}
        # with what one of "off", "on", "hardirq", "softirq"
        self.requires: dict[str, set[tuple[str, str]]] = {}
        # [[root]] always: functions that run with hardirqs so whoever calls them (as an
        # assertion at their start would say), and so do the functions that call one in
        # the state they were entered in (transfer): irq_enter_rcu()'s callers are the
        # interrupt entries (x86's sysvec and FRED entries, which no C code calls)
        self.always: dict[str, str] = {}
        for fid, fn in program.functions.items():
            r = k.roots.get(fn.name)
            if r is not None and r.always:
                self.always[fid] = r.hardirqs
                self.requires.setdefault(fid, set()).add((r.hardirqs, fn.name))
        self.solving: set[str] = set()    # the recursive cycle being iterated
        # functions some caller tests the result of (`if (do_signal_stop(0))`): their
        # exits stay apart, the test picks one (see merge_releases)
        self.result_tested = {ev.callee for fn in program.functions.values()
                              for b in fn.blocks for ev in b.events
                              if ev.kind in ("ret_ok", "ret_fail")}
        self.fanning = fanning_functions(program, self.unfollowed)
        self._affine: dict[tuple, CallSite] = {}
        self.table_params = table_parameters(program)
        self.fn_params = fn_parameters(program)
        self._through_param: dict[tuple, CallSite] = {}
        # pass 1's summaries of a function that calls through a parameter, for the functions
        # a call passes it (specialised): (function, ((param, passed), ...)) -> exits
        self.special: dict[tuple, frozenset] = {}
        self._binds: tuple = ()           # the binding of the analysis under way
        self._specialising: set[tuple] = set()
        self.refining = False             # pass 1's second round (refine)
        self.order: dict[str, int] = {}   # function -> its place in pass 1's order
        self._current = ""                # the function pass 1 is analysing
        self.selector_params = selector_parameters(program)
        self.selector_names = {f: frozenset(ps.values()) for f, ps in self.selector_params.items()}
        self.entry_members = entry_members(program)
        self.containers = container_requirements(program)
        self.object_users = object_users(program)
        self._object_variants: dict[str, set[tuple]] = {}
        # functions that sleep on every way they return, in the state they were entered in
        # (Local.slept at every exit): after a call to one, the caller has slept too
        self.always_sleeps: set[str] = set()
        self._tabled: dict[tuple, CallSite] = {}
        # one object per distinct state the analysis keeps (instance keys, observations): a
        # kernel/ run keeps 42,000 of them and 1,400 differ; a whole tree, millions
        self._states: dict[State, State] = {}
        self._locals: dict[Local, Local] = {}     # the same for the states pass 1 keeps

    def run(self) -> Analysis:
        self.summarise()
        self.spread_contexts()
        self.observe()
        return self.a

    # ---- pass 1: summaries -----------------------------------------------------------

    def callees(self, fid: str) -> list[str]:
        """The relevant functions fid's summary waits for: those it calls directly or
        through an indirect call bound to a few functions (asked often: kept)."""
        out = self._callees.get(fid)
        if out is None:
            found = set()
            for b in self.p.functions[fid].blocks:
                for ev in b.events:
                    if ev.kind == "call":
                        targets = call_targets(self.p, ev)
                        if len(targets) <= WIDE_CALL:
                            found.update(t for t in targets if t in self.relevant)
            out = self._callees[fid] = sorted(found)
        return out

    def summarise(self) -> None:
        order = cycles_bottom_up(sorted(self.relevant), self.callees)
        for n, comp in enumerate(order):
            for f in comp:
                self.order[f] = n
            self.summarise_component(comp)
        self.refine(order)

    def summarise_component(self, comp: list[str]) -> None:
        """The summaries of one component of the call graph: a function, or a recursive
        cycle (solved to a fixpoint, or assumed balanced when too large)."""
        if len(comp) == 1 and comp[0] not in self.callees(comp[0]):
            self.analyse(comp[0])
        elif len(comp) > MAX_CYCLE:
            self.assume_balanced(comp)
        else:
            self.solve_cycle(comp)

    def refine(self, order: list[list[str]]) -> None:
        """Pass 1 again, bottom-up, for the functions that pass a function to one that
        calls it, now that every function has its summary: such a call applies the callee's
        summary specialised to what it passes (summary_for). And again for their callers, as
        far as a summary changes; a recursive cycle is solved again from the start. A call
        wide enough not to order the summaries sees what it saw the first time (`order`).
        The bounds' counters keep the first round's figures (notes).

        Nothing orders a function after the functions it passes: driver_attach() passes
        __driver_attach() to bus_for_each_dev() and may come first. A specialisation made
        with a passed function's summary that this round then changed is stale; it is
        dropped and the functions that pass a changed function are analysed again, for at
        most REFINE_ROUNDS rounds. (A stale bus_for_each_dev(..., __driver_attach) kept
        `firmware_cache.lock` held for every driver registration in the whole tree.)"""
        passing = {f: self.passed_functions(f) for f in self.relevant}
        passing = {f: fns for f, fns in passing.items() if fns is not None}
        counters = (self.a.dropped_states, self.a.unfinished, self.a.balanced_cycle_functions)
        self.refining = True
        seeds = set(passing)
        for _ in range(REFINE_ROUNDS):
            changed = self.refine_round(order, seeds)
            stale = [k for k in self.special if any(v in changed for _, v in k[1])]
            if not stale:
                break
            for k in stale:
                del self.special[k]
            seeds = {f for f, fns in passing.items() if fns & changed}
        self.refining = False
        self.a.dropped_states, self.a.unfinished, self.a.balanced_cycle_functions = counters

    def passed_functions(self, fid: str) -> frozenset | None:
        """The functions fid's calls pass to a callee that calls through that parameter
        (passed_fns), None when it passes none."""
        found = None
        for b in self.p.functions[fid].blocks:
            for ev in b.events:
                if ev.kind == "call":
                    binds = self.passed_fns(ev, call_targets(self.p, ev))
                    if binds:
                        found = (found or frozenset()) | {v for _, v in binds if v}
        return found

    def refine_round(self, order: list[list[str]], seeds: set[str]) -> set[str]:
        """One round of refine over the components with a seed or a changed callee; the
        functions whose summary changed."""
        changed: set[str] = set()
        for comp in order:
            if not any(f in seeds or any(c in changed for c in self.callees(f))
                       for f in comp):
                continue
            before = {f: self.a.summaries[f] for f in comp}
            if 1 < len(comp) <= MAX_CYCLE:
                for f in comp:            # a fixpoint grows from empty summaries
                    del self.a.summaries[f]
            self.summarise_component(comp)
            changed.update(f for f in comp if self.a.summaries[f] != before[f])
        return changed

    def assume_balanced(self, comp: list[str]) -> None:
        """A large recursive cycle (the kernel's printk <-> scheduler <-> tracing knot): its
        functions are assumed to return with the locks and interrupt state they were called
        with. Computing their summaries would cost rounds over the whole cycle, and what
        they come to there is dominated by the places the analysis cannot follow."""
        for f in comp:
            self.a.summaries[f] = frozenset({Local()})
        self.solving = set(comp)          # (summary_for: their summaries are not final)
        # except where a member's own body says it releases what its caller took
        # (rcu_report_qs_rnp(): "must be held upon entry, and it is released before
        # return"), seen over the others' summaries as they stand: after one round directly,
        # through one call inside the cycle after two. Only releases are believed: a lock
        # or an interrupt state a member seems to keep is what the cycle's unfollowed paths
        # would give back (believing those tripled the kernel/ report).
        for _ in range(BALANCED_ROUNDS):
            for f in comp:
                self.analyse(f)
                if not all(only_gives_back(x) for x in self.a.summaries[f]):
                    self.a.summaries[f] = frozenset({Local()})
        self.solving = set()
        self.a.balanced_cycle_functions += len(comp)

    def solve_cycle(self, comp: list[str]) -> None:
        """A recursive cycle: summaries start empty (a call that has not returned yet blocks
        its path) and grow until nothing changes, within a budget."""
        members = self.solving = set(comp)
        callers: dict[str, set[str]] = {}
        for f in comp:
            for c in self.callees(f):
                if c in members:
                    callers.setdefault(c, set()).add(f)
        work = deque(comp)
        queued = set(comp)
        budget = CYCLE_ANALYSES * len(comp)
        while work and budget:
            f = work.popleft()
            queued.discard(f)
            budget -= 1
            before = self.a.summaries.get(f)
            self.analyse(f)
            if self.a.summaries[f] != before:
                for c in sorted(callers.get(f, ())):
                    if c not in queued:
                        queued.add(c)
                        work.append(c)
        self.a.unfinished += len(work)
        self.solving = set()

    def analyse(self, fid: str) -> None:
        """Pass 1 for one function: its body (the local states at its points and call
        sites) and its summary."""
        self.a.summaries[fid] = self.exits(fid, self.local_states(fid))

    def exits(self, fid: str, ins: dict) -> frozenset:
        """fid's summary from the local states at its blocks' entries (`ins`): the exit
        states as callers see them, balanced ones first, at most MAX_EXITS."""
        fn: Function = self.p.functions[fid]
        if ins.get(fn.exit) and all(x.slept for x in ins[fn.exit]):
            self.always_sleeps.add(fid)
        else:
            self.always_sleeps.discard(fid)
        exits = sorted(merge_releases(summary_states(ins.get(fn.exit, ()),
                                                     self.selector_names.get(fid, ())),
                                      fid not in self.result_tested),
                       key=exit_rank)
        if len(exits) > MAX_EXITS:
            self.a.dropped_states += len(exits) - MAX_EXITS
        return frozenset(exits[:MAX_EXITS])

    def local_states(self, fid: str, keep_body: bool = True) -> dict[int, set[Local]]:
        """The flow-sensitive walk of fid's blocks: the local states at each block's entry
        (and, with keep_body, fid's Body)."""
        outer, self._current = self._current, fid
        try:
            return self._local_states(fid, keep_body)
        finally:
            self._current = outer

    def _local_states(self, fid: str, keep_body: bool) -> dict[int, set[Local]]:
        fn: Function = self.p.functions[fid]
        ins: dict[int, set[Local]] = {fn.entry: {Local()}}
        done: dict[int, set[Local]] = {}
        work = deque([fn.entry])
        points: dict[tuple, Point] = {}
        calls: dict[tuple, CallSite] = {}
        while work:
            bid = work.popleft()
            new = ins.get(bid, set()) - done.get(bid, set())
            if not new:
                continue
            done.setdefault(bid, set()).update(new)
            states = new
            for i, ev in enumerate(fn.blocks[bid].events):
                states = self.transfer(fid, ev, states, points, calls, (bid, i))
                if not states:
                    break
            for s in fn.blocks[bid].succs:
                have = ins.setdefault(s, set())
                if not states <= have:
                    have.update(states)
                    if len(have) > MAX_STATES:
                        # a bound on the work per block: keep a deterministic subset
                        kept = set(ordered(have)[:MAX_STATES])
                        self.a.dropped_states += len(have) - len(kept)
                        have.intersection_update(kept)
                    work.append(s)
        if keep_body:
            sites = [calls[w] for w in sorted(calls)]
            for site in sites:
                site.locals = tuple(ordered(site.locals))
            self.bodies[fid] = Body(sorted(points.values()), sites)
        return ins

    def summary_for(self, callee: str, ev: Event):
        """The callee's summary as this call sees it: specialised to the functions the call
        passes to the parameters it calls through. kref_put(&p->ref, __free_fw_priv) returns
        having released what __free_fw_priv() releases, not what the hundreds of other
        release functions passed to kref_put() do: free_fw_priv()'s
        `if (!kref_put(...)) spin_unlock(&fwc->lock)` looked, over the whole tree, as if
        it returned holding fwc->lock, and every caller of the firmware loader with it."""
        generic = self.a.summaries.get(callee)
        if self.refining and ev.field and self.order.get(callee, -1) > \
                self.order.get(self._current, -1) and \
                called_param(ev.field) not in dict(self._binds):
            return None       # a wide call's callee summarised after the caller: as at first
        binds = self.passed_fns(ev, (callee,)) if generic is not None and self.refining \
            else ()
        if not binds:
            return generic
        key = (callee, binds)
        out = self.special.get(key)
        if out is None:
            if key in self._specialising or callee in self.solving or \
                    any(t not in self.a.summaries or t in self.solving
                        for _, v in binds for t in self.fn_targets(v)):
                # recursion, or summaries not final yet (a passed function not summarised,
                # a recursive cycle being iterated): kept for no one
                return generic
            self._specialising.add(key)
            saved, dropped = self._binds, self.a.dropped_states
            self._binds = binds
            try:
                out = self.exits(callee, self.local_states(callee, keep_body=False))
            finally:
                self._binds, self.a.dropped_states = saved, dropped
                self._specialising.discard(key)
            self.special[key] = out
        return out

    def passed_fns(self, ev: Event, callees) -> tuple:
        """((param, function), ...) a call passes to the parameters its callee calls
        through (fn_parameters): a function ("" when not analysed), or what the analysis
        under way has its own parameter bound to ("#argN", self._binds), or nothing for
        NULL. As bind_fns does for pass 2."""
        if not ev.fnargs and not ev.consts or len(callees) != 1:
            return ()
        wanted = self.fn_params.get(callees[0])
        return self.fns_passed(ev, self._binds, wanted) if wanted else ()

    def fns_passed(self, ev: Event, mine: tuple, wanted) -> tuple:
        """((param, function), ...) for the callee's parameters in `wanted`: a function the
        call passes ("" when not analysed), what the caller's own parameter N is bound to for
        "#argN" (`mine`), "" for a NULL argument (`if (ack) ack(...)`)."""
        held = dict(mine)
        out = {}
        for i, v in ev.fnargs:
            if i in wanted:
                if v.startswith("#arg"):
                    v = held.get(int(v[4:]))
                    if v is None:
                        continue
                out[i] = v if v in self.relevant or v.startswith(FIELDREF) else ""
        for i, v in ev.consts:
            if i in wanted and v == 0:
                out.setdefault(i, "")
        return tuple(sorted(out.items()))

    def sleeping_call(self, ev: Event) -> bool:
        """Is ev a call through a field whose methods the kernel documents as ones that may
        sleep ([[callback]] sleeps = true: every file_operations method, an inode's
        ->evict_inode)? Such a call is a sleep where it is made: in atomic context it is
        reported there (LC004) and not followed, as a might_sleep() is (stops_at_assertion).
        Followed, bio_endio()'s completions reached vfs_fsync_range()'s `->fsync()` and from
        it every filesystem's fsync: 690 of the whole defconfig tree's 2,716 findings
        crossed that one call."""
        f = ev.field
        if not f or called_param(f) >= 0:
            return False
        found = self._sleeping_fields.get(f)
        if found is None:
            cb = self.callback_rule(f)
            found = self._sleeping_fields[f] = cb is not None and cb.sleeps
        return found

    def bh_only_call(self, ev: Event) -> bool:
        """Is ev a direct call of a [bh_only] function (netif_receive_skb())?"""
        return bool(self.bh_only) and bool(ev.callee) and \
            ev.callee.partition("@")[0] in self.bh_only

    def transfer(self, fid: str, ev: Event, states: set[Local], points, calls, where):
        out: set[Local] = set()
        if ev.kind == "call":
            site = self.call_site(fid, ev, calls, where)
            sleeps = self.sleeping_call(ev)
            bh_code = self.bh_only_call(ev)
            always = self.always.get(ev.callee) if ev.callee else None
            for s in ordered(states):
                if bh_code:
                    self.note(points, where, "bh_code", s, "", "", ev)
                if always and s.hard == "E":
                    self.requires.setdefault(fid, set()).add((always, ev.api))
                if sleeps:
                    self.note(points, where, "sleep", s, "", "", ev)
                    out.update(slept(x) for x in self.call(site, s))
                else:
                    out.update(self.call(site, s))
            return out
        if ev.kind == "if_null":
            # the release, or a copy of the call site (nothing recorded), made once for all
            # the states
            direct = ev.lock is not None and not ev.callee and not ev.field
            act = dataclasses.replace(ev, kind="release" if direct else "call")
            site = None if direct else self.call_site(fid, act, {}, None)
            return {s for s in states if not self.would_release(fid, act, site, s)}
        sym = local_symbol(ev.lock, fid)
        for s in ordered(states):
            def note(kind, local=s, lock=sym, when=""):
                self.note(points, where, kind, local, lock, when, ev)

            if ev.softirqs == "on" and ev.kind in ("release", "irq"):
                # spin_unlock_bh(), local_bh_enable(): LC005 where hardirqs are off
                note("bh_code", lock="")

            if ev.kind == "acquire":
                if ev.sleeps:
                    note("sleep", lock="")
                    s = slept(s)
                # its unlock turns interrupts back on; but a lock this function gave back
                # to take again (__run_hrtimer()'s unlock_irqrestore ... lock_irq) is the
                # caller's, released as the caller took it
                if ev.hardirqs == "off" and not any(c == sym for c, _ in s.released):
                    note("irq_enable", when="off")
                # spin_lock_irqsave() disables interrupts before it takes the lock: lockdep
                # judges the acquisition in the state after that
                taken = irq_change(s, ev.hardirqs, ev.softirqs)
                if ev.lock is not None:
                    note("acquire", local=taken, when="relock" if relock(taken, sym) else "")
                out.add(acquire(taken, ev, sym))
            elif ev.kind in ("release", "try_fail"):
                # spin_unlock_irq() of a lock this function did not take with it (a caller's,
                # ohci_rh_resume()'s __releases): it turns interrupts on; reported only in
                # hardirq context (observe), where nothing may
                if ev.hardirqs == "on" and not any(h[0] == sym for h in s.held):
                    note("irq_enable", when="hardirq")
                out.add(release(s, ev, sym, self.pointers))
            elif ev.kind == "irq":
                # an enable undoing this function's own disable is fine; one that re-enables
                # what the caller or the context (hardirq) disabled is LC003
                if ev.hardirqs == "on":
                    note("irq_enable", lock="", when="entered_off")
                out.add(irq_change(s, "plain_off" if ev.hardirqs == "off" else ev.hardirqs,
                                   ev.softirqs))
            elif ev.kind == "cond":
                t = context_branch(s, ev.api, ev.mode) \
                    if ev.api.startswith(CONTEXT_TEST) else \
                    branch_taken(s, ev.api, ev.mode, self.from_caller(fid, ev.api))
                if t is not None:
                    out.add(t)
            elif ev.kind == "flag":
                # a flag nothing sets is false: its true branch never runs
                if ev.mode != "1" or ev.field not in self.p.never_set:
                    out.add(s)
            elif ev.kind == "assign":
                if ev.api in self.selector_names.get(fid, ()):
                    out.add(reassigned(assign(as_entry(s, ev.api), self.flag_known(ev)),
                                       ev.api))
                else:
                    out.add(assign(s, self.flag_known(ev)))
            elif ev.kind == "dead":
                out.add(retire(s, ev.api))
            elif ev.kind == "assert":
                t = self.assertion(fid, ev, s)
                if t is not None:
                    out.add(t)
            elif ev.kind in ("ret_ok", "ret_fail"):
                if not s.tag or s.tag[0] != ev.callee or s.tag[1] == (ev.kind == "ret_ok"):
                    name = ev.callee.partition("@")[0]
                    if ev.kind == "ret_ok" and name in self.last_reference:
                        s = s.but(last_ref=name)
                    out.add(s)
            elif ev.kind == "sleep":
                note("sleep", lock="")
                # vfree() does not sleep in interrupt context: what follows still counts
                out.add(s if ev.api in self.task_only_sleeps else slept(s))
            else:
                out.add(s)
        return out

    def note(self, points: dict, where: tuple, kind: str, local: Local, lock: str, when: str,
             ev: Event) -> None:
        """Records a Point of a body (the first at that place, of that kind, in that state),
        its state kept as one object per distinct state (_locals)."""
        key = (where, kind, local)
        if key not in points:
            points[key] = Point(where, kind, self._locals.setdefault(local, local), lock, when,
                                ev)

    def from_caller(self, fid: str, key: str) -> bool:
        """Is `key` a value fid's callers decide: a selector parameter, a bit of one
        (cfg.bit_key), or a member as on entry (cfg.Graph.entry_copy)?"""
        return decided_by_caller(key, self.selector_names.get(fid, ()))

    def would_release(self, fid: str, ev: Event, site: CallSite | None, s: Local) -> bool:
        """Would the release `ev` (site None) or the call at `site` that an if_null event
        stands for undo, on every way it returns, a lock held in s or interrupts this
        function turned off? (Both: the pointer stands for the lock and the interrupt state
        its irqsave took; a relock helper's summary also has the path that finds a lock to
        drop on the first iteration, which never happens.)"""
        held = {h[0] for h in s.held}
        if not held and s.hard != "0":
            return False
        after = {release(s, ev, local_symbol(ev.lock, fid), self.pointers)} if site is None else \
            self.call(site, s)
        return bool(after) and all(held - {h[0] for h in x.held} or
                                   s.hard == "0" and x.hard != "0" for x in after)

    def assertion(self, fid: str, ev: Event, s: Local) -> Local | None:
        """The state after `lockdep_assert_irqs_disabled()` & co., None when the state here
        contradicts it (the path does not happen). What it says about the state on entry
        becomes a requirement on the function's entry contexts."""
        if ev.context == "held":
            # a spinlock held here that this function did not take: its caller holds it
            sym = local_symbol(ev.lock, fid)
            if ev.lock_kind in SPINNING and not any(h[0] == sym for h in s.held):
                self.requires.setdefault(fid, set()).add(
                    ("held:" + lock_label(resolve(sym, (), fid)), ev.api))
            return s
        if ev.context:
            self.requires.setdefault(fid, set()).add((ev.context, ev.api))
        if not ev.hardirqs:
            return s
        off = ev.hardirqs == "off"
        if s.hard == "E":
            self.requires.setdefault(fid, set()).add((ev.hardirqs, ev.api))
            return s
        if s.hard == "P":                 # as a caller's irqsave left them: now known
            return s.but(hard="0" if off else "1")
        return s if (s.hard in ("0", "d")) == off else None

    def call_site(self, fid: str, ev: Event, calls, where) -> CallSite:
        site = calls.get(where)
        if site is None:
            callees = [c for c in call_targets(self.p, ev) if c in self.relevant]
            bound = dict(self._binds).get(called_param(ev.field)) if self._binds and \
                ev.field else None
            if bound is not None:         # specialised (summary_for): what the caller passed
                callees = self.fn_targets(bound)
            elif ev.field in self.unfollowed or ev.callee.split("@")[0] in self.opaque:
                callees = []
            elif self.p.functions[fid].name in self.never_last:
                callees = [c for c in callees if c not in self.puts]
            via, n = "", 0
            if ev.field:
                n = len(self.p.field_targets.get(ev.field, []))
                what = f"parameter {ev.api}" if called_param(ev.field) >= 0 \
                    else field_label(ev.field)
                via = f"via {what}" + (f" (1 of {n})" if n > 1 else "")
            site = calls[where] = CallSite(ev, callees, via, n,
                                           bool(ev.callee) and
                                           ev.callee.split("@")[0] in self.stop_calls,
                                           tuple(local_symbol(a, fid) for a in ev.args))
        return site

    def same_table(self, site: CallSite, s: Local) -> list[str]:
        """The callees of `site` in state s: a call through a field of the struct type an
        earlier call in s went through to a lock-taking function (Local.ops) reaches only
        the functions of the same ops tables. seq_read_iter() calls `m->op->start`, then
        `m->op->show` and `m->op->stop`: start functions that return holding their lock
        (igmp_mcf_seq_start(), blk-mq's ctx_*_rq_list_start()) paired with every seq_file's
        show made any sleeping show look atomic. Both calls are assumed to go through the
        same object, as in core code that dispatches one object's ops. Nothing else can be
        in such a table: a show that single_open() stores in code is not."""
        if not s.ops or not site.event.field or \
                field_owner(site.event.field) != s.ops[0]:
            return site.callees
        allowed = {c for t in s.ops[1] for c in self.p.tables.get(t, {}).get(site.event.field, ())}
        return [c for c in site.callees if c in allowed]

    def call(self, site: CallSite, s: Local) -> set[Local]:
        if site.ends_path:
            return set()                     # panic() and the like: the path ends
        callees = self.same_table(site, s)
        if not callees:
            return {s}                       # not analysed: assume it leaves the state alone
        site.locals.add(self._locals.setdefault(s, s))
        exits: set[tuple] = set()
        for callee in callees:
            summary = self.summary_for(callee, site.event)
            if summary is None and callee not in self.solving:
                summary = (Local(),)         # a wide call to a function summarised later
            exits.update((callee, x) for x in summary or ())
        if site.event.consts and any(x.conds for _, x in exits):
            exits = self.passed_exits(site, exits)
        # a direct callee that returns holding a lock on some paths only (irq_get_desc_lock())
        # tells the caller by its return value: tag the states so that the caller's
        # `if (!desc)` keeps only the matching ones (ret_ok / ret_fail events)
        # (or with interrupts saved-off on success only: try_to_grab_pending())
        conditional = not site.event.field and \
            len({(x.held, x.released, x.saves) for _, x in exits}) > 1
        acquiring = conditional and any(acquired(x) for _, x in exits)
        tabled = self.p.table_of.get(site.event.field, {}) if site.event.field else {}
        out: set[Local] = set()
        for callee, x in sorted(exits, key=lambda e: (e[0], LOCAL_ORDER(e[1]))):
            # a call that always returns the same way leaves the tag of the one before: the
            # test of `rq = __task_rq_lock(p, &rf)` still finds it after task_call_func()'s
            # `func(p, arg)` (kernel/sched/core.c:4374-4388)
            tag = (callee, acquired(x) if acquiring else took(x)) if conditional else s.tag
            ops = s.ops
            if callee in tabled and acquired(x):
                ops = (field_owner(site.event.field), tabled[callee])
            out.add(returned(s, x, substitute(site.args, callee), tag, ops, self.pointers))
        if all(c in self.always_sleeps for c in callees):
            # alloc_fs_context()'s kzalloc(GFP_KERNEL) on every path: vfs_kern_mount() has
            # slept before fc_mount() and every filesystem's get_tree() below it
            out = {slept(x) for x in out}
        return out

    # ---- pass 2: entry contexts --------------------------------------------------------

    def spread_contexts(self) -> None:
        queue: deque[Key] = deque()
        count: dict[str, int] = {}
        # (function, entry context) -> the drivers (State.origin) it was entered for: copies
        # of one context for different drivers count once against MAX_CONTEXTS, and are
        # bounded by MAX_ORIGINS
        origins: dict[Key, set[str]] = {}
        copies: dict[str, int] = {}
        counted: set[Key] = set()

        def admit(fid: str, c: State, origin: str, objs: tuple = ()) -> Key | None:
            c = self._states.setdefault(c, c)
            base = (fid, c)
            if objs:
                # a copy of the context per container variant (passed_objects: at most
                # MAX_OBJECT_VARIANTS per function) counts as the context itself against
                # MAX_CONTEXTS: what an object is embedded in must not crowd out an
                # interrupt state (counted apart, the variants dropped 7,600 more
                # instances of the whole tree, findings among them)
                c = c.but(objs=objs)
                c = self._states.setdefault(c, c)
            if origin and fid in self.fanning:
                seen = origins.setdefault(base, set())
                if origin in seen or (len(seen) < MAX_ORIGINS and
                                      copies.get(fid, 0) < MAX_ORIGIN_COPIES):
                    if origin not in seen:
                        seen.add(origin)
                        copies[fid] = copies.get(fid, 0) + 1
                    c = c.but(origin=origin)
                    c = self._states.setdefault(c, c)
            key = (fid, c)
            if key in self.a.parents or not self.allowed(fid, c):
                return None
            if base not in counted:
                if count.get(fid, 0) >= MAX_CONTEXTS:
                    self.a.dropped_instances += 1
                    return None
                count[fid] = count.get(fid, 0) + 1
                counted.add(base)
            return key

        for e in self.p.entries:
            e = self.asserted_entry(e)
            if e.function not in self.relevant:
                continue
            origin = self.p.functions[e.function].loc.file
            key = admit(e.function, entry_state(e),
                        origin if origin in self.p.affinity else "")
            if key is not None:
                self.a.parents[key] = e
                queue.append(key)
        while queue:
            key = queue.popleft()
            fid, ctx = key
            if self.stops_at_assertion(key):
                continue                         # reported at its might_sleep() (observe)
            held = dict(ctx.objs)                # (State.objs: fits, passed_objects)
            for site in self.bodies[fid].calls:
                narrowed = self.through_table(site, ctx.tables)
                site = narrowed if narrowed is not site else self.affine(fid, site, ctx.origin)
                site = self.through_param(site, ctx.fns)
                for s in site.locals:
                    if not consistent(s.conds, ctx.consts) or not in_context(s.conds, ctx):
                        continue                 # not this call site in this context
                    if enabled_in_handler(ctx, s):
                        continue                 # reported at the enable (LC003) instead
                    if s.slept and ctx.atomic:
                        continue                 # reported at the sleep (LC004) instead
                    base = callee_context(ctx, s)
                    if base.atomic and self.sleeping_call(site.event):
                        continue                 # reported at the call (LC004) instead
                    if not base.hard and self.bh_only_call(site.event):
                        continue                 # reported at the call (LC005) instead
                    # a can_sleep chip's callbacks are not called in atomic context (see
                    # link.guarded_targets)
                    guarded = self.p.guarded.get(site.event.field, ()) \
                        if site.event.field and base.atomic else ()
                    for callee in self.same_table(site, s):
                        if callee in guarded:
                            continue
                        if site.event.field and site.event.objargs and \
                                not self.fits(callee, site.event.objargs, held):
                            continue
                        c = base
                        objs = self.passed_objects(callee, site.event.objargs, held) \
                            if callee in self.object_users and site.event.objargs else ()
                        if callee in self.param_users:
                            c = base.but(binds=tuple(
                                (i, resolve(sym, ctx.binds, fid))
                                for i, sym in enumerate(site.args) if sym))
                        if site.event.tables and callee in self.table_params:
                            c = self.bind_tables(c, site.event.tables, ctx.tables,
                                                 self.table_params[callee])
                        if callee in self.fn_params:
                            c = self.bind_fns(c, site.event, ctx.fns, self.fn_params[callee])
                        sel = self.selector_params.get(callee, {}) \
                            if site.event.consts else {}
                        if sel:
                            c = c.but(consts=self.passed_consts(fid, ctx, site.event.consts,
                                                                sel))
                        members = self.entry_members.get(callee)
                        if members and site.event.argvars:
                            found = member_values(s.conds, site.event.argvars, members)
                            if found:
                                c = c.but(consts=tuple(sorted({**dict(c.consts), **found}
                                                              .items())))
                        origin = ctx.origin
                        if site.event.field:
                            # a driver's callback is called with the driver's own object:
                            # from here on the path is that driver's, whatever core code
                            # called it (serial_core's uart_poll_init() -> qcom's poll_init)
                            mine = self.p.functions[callee].loc.file
                            origin = mine if mine in self.p.affinity else origin
                        ckey = admit(callee, c, origin, objs)
                        if ckey is None:
                            continue
                        self.a.parents[ckey] = (key, site, why_atomic(ctx, ckey[1], s, fid))
                        queue.append(ckey)

    def fits(self, callee: str, objargs: tuple, held: dict) -> bool:
        """Can an indirect call whose arguments are the objects `objargs` (facts.Event.
        objargs; the caller's parameters' containers in `held`) reach callee? Not when callee
        takes container_of() of one of them (container_requirements) as a struct it is not
        embedded in. delayed_free_desc() puts the kobject of an irq_desc: kobject_cleanup()'s
        `t->release(kobj)` is that kobject's type's release, never device_release(), whose
        kobj_to_dev() says its kobject is a device's; bound to all 53 kobj_type releases,
        that one RCU callback reached device teardown, debugfs and mounts (749 of the whole
        defconfig tree's 2,376 findings went that way; 123 had no other path)."""
        wanted = self.containers.get(callee)
        if not wanted:
            return True
        for i, spec in objargs:
            if i in wanted:
                chain = object_chain(spec, held)
                if chain and chain[0] not in wanted[i]:
                    return False
        return True

    def passed_objects(self, callee: str, objargs: tuple, held: dict) -> tuple:
        """The containers of the objects a call passes to the callee's parameters that hand
        them on to an indirect call (State.objs); () past MAX_OBJECT_VARIANTS different ones
        for the callee."""
        users = self.object_users[callee]
        objs = tuple((i, chain) for i, spec in objargs if i in users
                     for chain in (object_chain(spec, held),) if chain)
        if not objs:
            return ()
        seen = self._object_variants.setdefault(callee, set())
        if objs not in seen:
            if len(seen) >= MAX_OBJECT_VARIANTS:
                return ()
            seen.add(objs)
        return objs

    def bind_tables(self, c: State, passed: tuple, mine: tuple, wanted) -> State:
        """Entry context c with the ops tables a call passes (facts.Event.tables) bound to
        the callee's parameters that use them; "#argN" hands on what the caller's own
        parameter N is bound to (`mine`)."""
        held = dict(mine)
        out = []
        for i, t in passed:
            if i in wanted:
                t = held.get(int(t[4:]), "") if t.startswith("#arg") else t
                if t in self.p.tables:
                    out.append((i, t))
        return c.but(tables=tuple(sorted(out))) if out else c

    def bind_fns(self, c: State, ev: Event, mine: tuple, wanted) -> State:
        """Entry context c with the functions a call passes (facts.Event.fnargs) bound to
        the callee's parameters that call them (fn_parameters); "#argN" hands on what the
        caller's own parameter N is bound to (`mine`), and a NULL argument binds to nothing
        (`if (ack) ack(...)`). A parameter given anything else stays unbound: a call through
        it reaches every function any caller passes."""
        out = self.fns_passed(ev, mine, wanted)
        return c.but(fns=out) if out else c

    def through_param(self, site: CallSite, fns: tuple) -> CallSite:
        """The call site as a context that binds the parameter it calls through to the
        function its caller passed sees it: `ack(bus, azx_dev)` reaches stream_update() for
        azx_interrupt(), and nothing else."""
        ev = site.event
        if not fns or not ev.field:
            return site
        n = called_param(ev.field)
        bound = dict(fns).get(n) if n >= 0 else None
        if bound is None:
            return site
        key = (id(site), bound)
        out = self._through_param.get(key)
        if out is None:
            callees = self.fn_targets(bound)
            what = field_label(bound[1:]) if bound.startswith(FIELDREF) else \
                self.a.name(bound) if bound else ""
            out = self._through_param[key] = dataclasses.replace(
                site, callees=callees,
                via=f"via parameter {ev.api} ({what})" if bound else "",
                fanout=len(callees))
        return out

    def fn_targets(self, v: str) -> list[str]:
        """The functions a bound function value (fns_passed) may be: itself, none for '',
        or, for a function pointer read from a struct field (facts.FIELDREF), the functions
        bound to that field: intel_context_put()'s `kref_put(&ce->ref, ce->ops->destroy)`
        releases through an intel_context_ops destroy, not through any of the 71 functions
        passed to kref_put() by name across the tree."""
        if not v:
            return []
        if v.startswith(FIELDREF):
            return [c for c in self.p.field_targets.get(v[1:], ()) if c in self.relevant]
        return [v]

    def through_table(self, site: CallSite, tables: tuple) -> CallSite:
        """The call site as a context that binds the parameter it calls through to an ops
        table sees it: `ops->do_action(...)` reaches only the function that table's
        initializer binds to do_action (none when it binds none: the caller's `if
        (ops->undo_action)` skips the call)."""
        ev = site.event
        if not tables or ev.base < 0 or not ev.field:
            return site
        table = dict(tables).get(ev.base)
        if table is None:
            return site
        # a table of another struct type (passed through a cast): not what the call's field
        # is in
        owner = field_owner(ev.field)
        if self.p.tables[table] and \
                not any(field_owner(f) == owner for f in self.p.tables[table]):
            return site
        key = (id(site), table)
        out = self._tabled.get(key)
        if out is None:
            mine = self.p.tables[table].get(ev.field, ())
            out = self._tabled[key] = dataclasses.replace(
                site, callees=[c for c in site.callees if c in mine],
                via=f"via {field_label(ev.field)} ({table.partition('@')[0]})",
                fanout=len(mine))
        return out

    def affine(self, fid: str, site: CallSite, origin: str) -> CallSite:
        """The call site as a path holding the objects of leaf driver file `origin` sees it:
        a call through a callback field reaches only the functions stored in that field by
        the files the driver's objects are set up in (link.driver_affinity) or by the file
        making the call, which is on the path (i2c-core-base.c calls bri->recover_bus and
        stores i2c_generic_scl_recovery there itself; gpio-mmio.c's bgpio_dir_out() calls
        gc->set, which gpio-mmio.c filled in). When none of the field's functions is stored
        there, the path is a generic consumer's (gpio-virtuser through gpiolib reaches any
        chip) or the field is filled in somewhere this analysis cannot tie to the driver:
        the call keeps all of them, as without affinity."""
        field = site.event.field
        if not origin or not field or not site.callees or called_param(field) >= 0:
            return site
        mkey = (id(site), origin)
        out = self._affine.get(mkey)
        if out is None:
            scope = self.p.affinity.get(origin, frozenset()) | {self.p.functions[fid].loc.file}
            stores = self.p.field_stores.get(field, {})
            mine = [t for t in self.p.field_targets.get(field, []) if stores.get(t, set()) & scope]
            out = site
            if mine and len(mine) < site.fanout:
                keep = set(mine)
                where = origin.rsplit("/", 1)[-1]
                share = "the one" if len(mine) == 1 else f"1 of {len(mine)}"
                out = dataclasses.replace(
                    site, callees=[c for c in site.callees if c in keep],
                    via=f"via {field_label(field)} ({share} for {where}, of {site.fanout} bound)",
                    fanout=len(mine))
            self._affine[mkey] = out
        return out

    def passed_consts(self, fid: str, ctx: State, consts: tuple, sel: dict) -> tuple:
        """The callee's entry values (State.consts) from a call's constant arguments, for its
        selector parameters `sel`: a constant as bound_value gives it, and for "#argN" the
        value the caller's own context fixed for its parameter N, if any ("!#argN": its
        negation: kvfree_call_rcu(head, ptr)'s `add_ptr_to_bulk_krc_lock(..., !head)`, which
        allocates only `if (can_alloc)`, under the two-argument kfree_rcu()'s address;
        "|#argN": true where it is true, `async || ...`)."""
        mine = dict(ctx.consts)
        params = self.p.functions[fid].params
        out = []
        for i, v in consts:
            if i not in sel:
                continue
            n = handed_param(v)
            if n is not None:
                mine_v = mine.get(params[n]) if n < len(params) else None
                if mine_v and v.startswith(NOT):
                    v = negated(mine_v)
                elif v.startswith(OR):
                    # `async || (hctx->flags & BLK_MQ_F_BLOCKING)`: true where async is
                    v = "1" if mine_v and negated(mine_v) == "0" else None
                elif MASKED_OR in v or MASKED_AND in v:
                    # `dma_pool_alloc(pool, mem_flags | __GFP_ZERO, handle)`: the caller's
                    # constant with those bits set (or kept)
                    v = f"={masked(int(mine_v[1:]), v)}" if mine_v and \
                        mine_v[0] == "=" and mine_v[1:].lstrip("-").isdigit() else None
                else:
                    v = mine_v
            else:
                v = self.known_value(v)
            if v is not None:
                out.append((sel[i], v))
        return tuple(sorted(out))

    def known_value(self, v) -> str | None:
        """The value (as in branch_taken) an argument or assigned value of facts.Event.consts
        is known to have: a constant's or an address's (bound_value), 0 for a flag nothing
        sets; None when unknown (a flag something sets, the caller's own "#argN")."""
        if handed_param(v) is not None:
            return None
        if isinstance(v, str) and v.startswith(FLAG):
            return "=0" if v[1:] in self.p.never_set else None
        return bound_value(v)

    def allowed(self, fid: str, c: State) -> bool:
        """Does entry context c agree with what fid's assertions say? A call path that
        contradicts lockdep_assert_irqs_disabled() is one the analysis invented."""
        for what, _ in self.requires.get(fid, ()):
            if (what == "off" and c.hard) or (what == "on" and not c.hard) or \
                    (what == "hardirq" and c.ctx not in IRQ_HANDLERS) or \
                    (what == "softirq" and not c.soft):      # in_softirq(): BHs off will do
                return False
        return True

    def asserted_entry(self, e: Entry) -> Entry:
        """An entry point as its function's assertions describe it: a function with no known
        caller that asserts interrupts are off is entered with them off, one that asserts
        it runs in hardirq context is entered there."""
        req = sorted(self.requires.get(e.function, ()))
        if not req:
            return e
        ctx, hard, held = e.context, e.hardirqs, []
        for what, _ in req:
            if what in ("hardirq", "softirq") and ctx in ("task", "softirq") and ctx != what:
                ctx = what
            elif what in ("off", "on"):
                hard = what == "on"
            elif what.startswith("held:") and e.root:
                # only where nothing else is known: a caller the analysis sees is trusted
                held.append(what[5:])
        if (ctx, hard, bool(held)) == (e.context, e.hardirqs, e.caller_spin):
            return e
        says = "as " + ", ".join(sorted({f"{api}()" for _, api in req})) + " says"
        if e.root:
            where = ctx if ctx != "task" else "task context"
            where += ", hardirqs disabled" if not hard and ctx != "hardirq" else ""
            where += f", holding {', '.join(sorted(set(held)))}" if held else ""
            reason = f"{where}: no known caller, {says}"
        else:
            reason = _join(e.reason, says)
        # the entry code asserts interrupts are off and then opens its own window
        # (exit_to_user_mode_loop() enables them for the work and disables them again):
        # with no caller in sight, nothing is known to expect them to stay off
        plain = e.root and e.hardirqs and not hard and ctx in ("task", "softirq")
        return dataclasses.replace(e, context=ctx, hardirqs=hard, reason=reason,
                                   caller_spin=bool(held), plain_off=plain)

    def passed_exits(self, site: CallSite, exits: set[tuple]) -> set[tuple]:
        """The exits (callee, state) a call's constant arguments allow: an exit that found
        a selector parameter to be something else is another caller's (summary_states)."""
        out = set()
        for callee, x in exits:
            params = self.p.functions[callee].params
            known = {params[i]: self.known_value(v) for i, v in site.event.consts
                     if i < len(params)}
            if all(compatible(v, known[k]) for k, v in x.conds if known.get(k) is not None):
                out.add((callee, x))
        return out or exits

    def flag_known(self, ev: Event) -> Event:
        """An assignment of a boolean member (facts.FLAG): of 0 when nothing sets it, else of
        something unknown."""
        if not ev.consts or not isinstance(ev.consts[0][1], str) or \
                not ev.consts[0][1].startswith(FLAG):
            return ev
        known = self.known_value(ev.consts[0][1]) is not None
        return dataclasses.replace(ev, consts=((0, 0),) if known else ())

    def stops_at_assertion(self, key: Key) -> bool:
        """Is instance `key` an atomic context entering a function that begins with
        might_sleep() (asserts_sleepable)? Only that might_sleep() is observed in it, and
        none of its calls is followed."""
        return key[1].atomic and key[0] in self.sleepable

    def guessed_root(self, key: Key) -> bool:
        """Is instance `key` a function with no known caller, entered as task context with
        interrupts on because nothing says otherwise?"""
        p = self.a.parents.get(key)
        return isinstance(p, Entry) and p.root

    def observe(self) -> None:
        obs = self.a.observations
        # copies of one entry context for different drivers (State.origin) see the same
        # states: the first one reached, on the shortest path, speaks for all of them
        first: dict[Key, Key] = {}
        for key in self.a.parents:             # in the order the contexts were reached
            # (the same for copies that differ in what their objects are embedded in)
            plain = (key[0], key[1].but(origin="", objs=())) \
                if key[1].origin or key[1].objs else key
            first.setdefault(plain, key)
        for key in sorted(first.values()):
            fid, ctx = key
            seen = set()
            asserted = self.stops_at_assertion(key)
            for pt in self.bodies[fid].points:
                if ctx.consts and not consistent(pt.local.conds, ctx.consts) or \
                        not in_context(pt.local.conds, ctx):
                    continue
                if asserted and not (pt.kind == "sleep" and
                                     pt.event.api in self.sleep_assertions):
                    continue
                state = absolute(ctx, pt.local, fid)
                if enabled_in_handler(ctx, pt.local) or pt.local.slept and ctx.atomic:
                    continue                     # reported at the enable or the sleep
                if pt.when == "relock":
                    if self.guessed_root(key):
                        continue
                elif pt.when == "hardirq":
                    if ctx.ctx not in IRQ_HANDLERS:
                        continue
                elif pt.when and (state.hard or (pt.when == "entered_off" and ctx.hard)):
                    continue
                if pt.kind == "sleep" and state.in_interrupt and \
                        pt.event.kind == "sleep" and pt.event.api in self.task_only_sleeps:
                    continue                 # vfree() defers to vfree_atomic() there
                if (pt.where, pt.kind, state) in seen:
                    continue
                seen.add((pt.where, pt.kind, state))
                state = self._states.setdefault(state, state)
                obs.append(Observation(pt.kind, pt.event, resolve(pt.lock, ctx.binds, fid),
                                       state, key, ctx.hard))


def object_chain(spec: str, held: dict) -> tuple:
    """The containers, innermost first, of the object a call argument names (facts.Event.
    objargs), with the caller's parameters' own in `held` (State.objs); () when unknown."""
    head, n = object_spec(spec)
    if n is None:
        return (spec,)                        # `&x->m`: member m of x's struct
    outer = held.get(n, ())
    if not head:
        return outer                          # the parameter, handed on
    if head.startswith("^"):                  # container_of(p, struct T, m): T's object
        return outer[1:] if outer and outer[0] == head[1:] else ()
    return ((head,) + outer)[:MAX_CONTAINERS]  # `&p->m`: in p's object, wherever that is


def container_requirements(program: Program) -> dict[str, dict[int, frozenset]]:
    """For each function, the containers (facts.Function.containers: "struct T.m") its
    container_of() says the objects passed as its parameters are embedded in; also through
    a direct call handed the parameter (device_release()'s kobj_to_dev(kobj))."""
    out: dict[str, dict[int, set]] = {}
    for fid, fn in program.functions.items():
        for i, member in fn.containers:
            out.setdefault(fid, {}).setdefault(i, set()).add(member)
    handing = [(fid, ev.callee, i, n) for fid, fn in program.functions.items()
               for b in fn.blocks for ev in b.events
               if ev.kind == "call" and ev.callee and ev.objargs
               for i, spec in ev.objargs for head, n in (object_spec(spec),)
               if not head and n is not None]
    changed = True
    while changed:
        changed = False
        for fid, callee, i, n in handing:
            got = out.get(callee, {}).get(i)
            if got:
                mine = out.setdefault(fid, {}).setdefault(n, set())
                if not got <= mine:
                    mine |= got
                    changed = True
    return {f: {i: frozenset(m) for i, m in ps.items()} for f, ps in out.items()}


def object_users(program: Program) -> dict[str, frozenset]:
    """For each function, the parameters whose object it hands on (as itself, a member's
    address or its container_of) to an indirect call, directly or through direct calls:
    the ones whose containers its contexts keep (State.objs)."""
    def handed(ev: Event) -> tuple:
        return tuple((i, f"#arg{n}") for i, spec in ev.objargs
                     for n in (object_spec(spec)[1],) if n is not None)
    return called_parameters(program, lambda ev: {handed_param(v) for _, v in handed(ev)}
                             if ev.field else (), handed)


def asserts_sleepable(fn: Function, assertions) -> bool:
    """Does fn call one of the sleep assertions (might_sleep()) on every path, before
    anything that changes the state (a lock, an interrupt change, a call)?"""
    seen, b = set(), fn.entry
    while b not in seen and b < len(fn.blocks):
        seen.add(b)
        for ev in fn.blocks[b].events:
            if ev.kind == "sleep" and ev.api in assertions:
                return True
            if ev.kind not in ("cond", "assign", "dead", "flag"):
                return False
        succs = fn.blocks[b].succs
        if len(succs) != 1:
            return False
        b = succs[0]
    return False


# ---- the local state algebra ---------------------------------------------------------------

def slept(s: Local) -> Local:
    """The state after a sleep in s: marked (Local.slept) when the function still is in the
    state it was entered in (no caller's lock released, interrupts and bottom halves as on
    entry or further off), where an atomic entry context makes the sleep a bug. Once that
    sleep is reported, what the same path does after it only repeats it: on the whole
    defconfig tree, a timer's path into mount code went on through every filesystem's
    get_tree() and reported each lock and sleep there. A call to a function that sleeps
    on every way it returns is such a sleep too (Propagator.always_sleeps)."""
    if s.slept or s.released or s.pops or s.soft < 0 or s.hard not in ("E", "0", "d"):
        return s
    return s.but(slept=True)


def irq_change(s: Local, hard: str, soft: str) -> Local:
    h, saves, pops, depth = s.hard, s.saves, s.pops, s.soft
    if hard == "off":
        h = "0"
    elif hard == "plain_off":
        h = "d"
    elif hard == "on":
        h = "1"
    elif hard == "save":
        saves = (saves + (h,))[-MAX_SAVES:]
        h = "0"
    elif hard == "restore":
        if saves:
            h, saves = saves[-1], saves[:-1]
        else:
            h, pops = "P", min(pops + 1, MAX_SAVES)
    if soft == "off":
        depth = min(depth + 1, MAX_SOFT)
    elif soft == "on":
        depth = max(depth - 1, -MAX_SOFT)
    if (h, saves, pops, depth) == (s.hard, s.saves, s.pops, s.soft):
        return s
    return s.but(hard=h, saves=saves, pops=pops, soft=depth)


def acquire(s: Local, ev: Event, sym: str) -> Local:
    # only spinning locks make a section atomic; tracking sleeping ones would only multiply
    # states (their acquisitions are still observed)
    if ev.lock is None or ev.lock_kind not in SPINNING or len(s.held) >= MAX_HELD:
        return s
    if any(c == sym for c, _, _ in s.held):
        return s                        # recursive acquisition: the set is what matters
    return s.but(held=tuple(sorted(s.held + ((sym, ev.lock_kind, ev.mode),))))


def release(s: Local, ev: Event, sym: str, pointers: frozenset = frozenset()) -> Local:
    if ev.kind == "release" and ev.lock_kind in SPINNING:
        held, released = let_go(s.held, s.released, sym, ev.lock_kind, sym in pointers)
        if (held, released) != (s.held, s.released):
            s = s.but(held=held, released=released)
    elif ev.kind == "try_fail":
        held = tuple(h for h in s.held if h[0] != sym)
        if held != s.held:
            s = s.but(held=held)
    return irq_change(s, ev.hardirqs, ev.softirqs)


UNNAMED = "?"     # a lock whose expression does not name it beyond its function


def named(sym: str) -> bool:
    return not (sym == UNNAMED or ":local:" in sym or ":unknown:" in sym or ":param" in sym)


def let_go(held: tuple, released: tuple, sym: str, kind: str,
           pointer: bool = False) -> tuple[tuple, tuple]:
    """Releases lock `sym`: from what this function holds, else it is a caller's lock.

    Names are not always comparable: `spin_unlock(l)` through a local pointer, or a lock a
    helper returned holding, may release what another expression took. Such an unlock
    matches an unnamed held lock of the same kind, as lock counting would, rather than
    leaving both a lock held forever and a caller's lock released. So does an unlock
    through a struct member that points to a lock (`pointer`): folio_walk_start() hands
    back the page-table lock it took as `fw->ptl = ptl`, and folio_walk_end() releases
    `spin_unlock(fw->ptl)`; gnet_stats_start_copy() and gnet_stats_finish_copy() the same
    through `d->lock`."""
    for h in held:
        if h[0] == sym:
            return tuple(x for x in held if x is not h), released
    same = [h for h in held if h[1] == kind or not kind]
    unnamed = [h for h in same if not named(h[0])]
    match = unnamed or (same if pointer or not named(sym) else [])
    if match:
        return tuple(x for x in held if x is not match[-1]), released
    entry = (sym if named(sym) else UNNAMED, kind)
    if entry in released or len(released) >= MAX_HELD:
        return held, released
    return held, tuple(sorted(released + (entry,)))


RETIRED = "~"     # a value no later test reads (see retire)


def branch_taken(s: Local, key: str, value: str, from_caller: bool = False) -> Local | None:
    """The state on a branch where `key` is `value` ("1"/"0": true/false, "=K"/"!K": equal
    to / different from K); None when the state knows otherwise. `from_caller`: key is a
    value callers pass (MAX_CALLER_CONDS)."""
    known = [v for k, v in s.conds if k == key]
    if not all(compatible(v, value) for v in known):
        return None
    if value in known:
        return s
    conds = s.conds
    if len(conds) >= (MAX_CALLER_CONDS if from_caller else MAX_CONDS):
        retired = [c for c in conds if c[0].startswith(RETIRED)]
        if not retired:
            return s
        conds = tuple(c for c in conds if c != retired[0])
    return s.but(conds=tuple(sorted(conds + ((key, value),))))


def context_branch(s: Local, key: str, value: str) -> Local | None:
    """branch_taken for a [context_tests] predicate (`in_hardirq()`: key "%hardirq").
    Decided here where the function made the state itself (irqs_disabled() after its own
    local_irq_save(), in_softirq() after its own local_bh_disable()); else the branch
    records the value, for the entry context to decide (in_context)."""
    what = key[len(CONTEXT_TEST):]
    truth = None
    if what == "irqs_off":
        if s.hard in ("0", "d"):
            truth = True
        elif s.hard == "1":
            truth = False
        elif s.hard != "E":
            return s                 # restored to what a caller saved: unknown
    elif what in ("bh", "interrupt"):
        if s.soft > 0:
            truth = True
        elif s.soft < 0:
            return s                 # a caller's bottom-half disable undone: unknown
    if truth is not None:
        return s if (value == "1") == truth else None
    return branch_taken(s, key, value, from_caller=True)


def context_truth(ctx: State, what: str) -> bool:
    """The value of a [context_tests] predicate on entry to a function in context ctx."""
    if what == "irqs_off":
        return not ctx.hard
    if what == "hardirq":
        return ctx.ctx in IRQ_HANDLERS
    if what == "bh":
        return ctx.ctx == "softirq" or ctx.soft > 0
    if what == "interrupt":
        return ctx.ctx != "task" or ctx.soft > 0
    return ctx.ctx == what           # nmi, softirq (serving one), task


def in_context(conds: tuple, ctx: State) -> bool:
    """Do the context predicates a state's branches found (context_branch) hold in the
    entry context ctx? `if (in_hardirq() || irqs_disabled()) A else B`: only A in an
    interrupt handler."""
    for k, v in conds:
        k = k.lstrip(RETIRED)
        if k.startswith(CONTEXT_TEST) and \
                not compatible(v, "1" if context_truth(ctx, k[1:]) else "0"):
            return False
    return True


def retire(s: Local, key: str) -> Local:
    """After a "dead" event: no later test reads `key`. Its value stays in the state, so
    that states still differ where they did (merging them here changes which states the
    bounds keep), but it is first to give up its place when a state already knows
    MAX_CONDS values and a test finds another (__do_sys_prlimit64's `tsk`, tested early,
    makes room for `need_tasklist`, tested twice late)."""
    if not any(k == key for k, _ in s.conds):
        return s
    return s.but(conds=tuple(sorted((RETIRED + k if k == key else k, v) for k, v in s.conds)))


def compatible(a: str, b: str) -> bool:
    """Can a variable be both a and b (values as in branch_taken)?"""
    if a == b or REASSIGNED in (a, b):
        return True
    if a[0] not in "=!":
        a, b = b, a
    if a[0] not in "=!":                          # two truth values, different
        return False
    ka, va = a[0], int(a[1:])
    if b[0] not in "=!":                          # a constraint and a truth value
        truth = b == "1"
        return (va != 0) == truth if ka == "=" else (truth or va != 0)
    kb, vb = b[0], int(b[1:])
    if ka == "=" and kb == "=":
        return va == vb
    return not (ka != kb and va == vb)            # =K and !K


def negated(v: str) -> str | None:
    """The truth value of `!x` where x is v (values as in branch_taken); None when unknown."""
    if v in ("1", "0"):
        return "0" if v == "1" else "1"
    if v == "=0" or v == "!0":
        return "1" if v == "=0" else "0"
    if v[0] == "=":
        return "0"                                  # a nonzero constant
    return None


def bound_value(v) -> str:
    """The value (as in branch_taken) a parameter has when a call passes v for it
    (facts.Event.consts): "=K" for a constant K, true for an address, which is never NULL."""
    return "1" if v == NONNULL else f"={v}"


REASSIGNED = "*"     # a parameter the path assigned: no longer what the caller passed


def as_entry(s: Local, param: str) -> Local:
    """Before an assignment to a parameter a caller's constant selects by: what its tests
    found so far was its value on entry (ENTRY keys, checked against the constant), as
    `(flags & MSG_SPLICE_PAGES) && length` before `flags &= ~MSG_SPLICE_PAGES;` in
    __ip6_append_data()."""
    mine = [c for c in s.conds if key_vars(c[0]) == [param] and not c[0].endswith(ENTRY)]
    if not mine:
        return s
    kept = [c for c in s.conds if c not in mine]
    return s.but(conds=tuple(sorted(kept + [(k + ENTRY, v) for k, v in mine
                                            if v != REASSIGNED])))


def reassigned(s: Local, param: str) -> Local:
    """After an assignment to such a parameter: its later tests find the new value, not
    the caller's (consistent)."""
    if (param, REASSIGNED) in s.conds:
        return s
    return s.but(conds=tuple(sorted(s.conds + ((param, REASSIGNED),))))


def consistent(conds: tuple, consts: tuple) -> bool:
    """Do the values a state found agree with the constants the context bound? A test of
    some bits of a parameter (cfg.bit_key) is decided by the constant too; once the path
    assigned the parameter (reassigned), only what it found before (as_entry) is."""
    gone = {k for k, v in conds if v == REASSIGNED}
    for k, v in conds:
        entry = k.endswith(ENTRY)
        base = k[:-len(ENTRY)] if entry else k
        var, _, mask = base.partition("&")
        if var in gone and not entry:
            continue
        for p, c in consts:
            if (p == k or entry and p == base) and not compatible(v, c):
                return False
            if mask and p == var and c[0] == "=" and \
                    not compatible(v, "1" if int(c[1:]) & int(mask) else "0"):
                return False
    return True


def forget(s: Local, key: str) -> Local:
    """After an assignment to `key`: what conditions found about it (or its members, or
    its comparison with another variable, cfg.pair_key) is gone."""
    if not s.conds:
        return s
    kept = tuple(c for c in s.conds
                 if c[0].endswith(ENTRY) or
                 c[0] != key and not c[0].startswith((key + "->", key + ".")) and
                 key not in key_vars(c[0]))
    return s if kept == s.conds else s.but(conds=kept)


def assign(s: Local, ev: Event) -> Local:
    """After `key = value`: what was known of key is gone, and a constant or an address
    assigned is known until the next assignment (`success = true;` ... `if (!success)`
    in kvfree_call_rcu)."""
    s = forget(s, ev.api)
    if not ev.consts:
        return s
    t = branch_taken(s, ev.api, bound_value(ev.consts[0][1]))
    return s if t is None else t


def relock(s: Local, sym: str) -> bool:
    """Is taking `sym` in state s taking back a lock this function gave back to its caller
    (`spin_unlock(&wq->lock); schedule(); spin_lock(&wq->lock)` in do_wait_intr()), with
    the interrupt state still the one it was entered in? In a function with no known caller
    that state is a guess, and a guess the unlock contradicts: its caller holds the lock,
    in a state nothing shows. That caller's own acquisition is where the use is judged."""
    return s.hard == "E" and any(c == sym for c, _ in s.released)


def only_gives_back(x: Local) -> bool:
    """An exit that takes nothing and disables nothing: interrupts as on entry or restored
    from the caller's save, bottom halves as on entry, no lock held."""
    return not x.held and not x.saves and x.soft <= 0 and x.hard in ("E", "P")


def summary_states(exits, selectors) -> set[Local]:
    """The exit states callers see (summary_state). Where they differ in what they did,
    each keeps the values it found of the function's selector parameters
    (`snd_pcm_group_lock_irq(group, nonatomic)`: the mutex exit has nonatomic true, the
    spinlock one false), so that a call passing a constant gets only its own exit
    (Propagator.call)."""
    plain = {summary_state(x) for x in exits}
    if len(plain) <= 1 or not selectors:
        return plain
    return {summary_state(x, selectors) for x in exits}


def summary_state(x: Local, selectors=()) -> Local:
    """An exit state as callers see it: names that mean nothing outside become unnamed.

    A lock class both released and held at the exit was handed over (rcu_report_qs_rnp()
    drops a node's lock and takes its parent's): for the caller, who sees classes, nothing
    changed, so both are dropped."""
    held = tuple(sorted({(c if named(c) else UNNAMED, k, m) for c, k, m in x.held}))
    both = {(c, k) for c, k, _ in held if named(c)} & set(x.released)
    if both:
        held = tuple(h for h in held if (h[0], h[1]) not in both)
        released = tuple(r for r in x.released if r not in both)
    else:
        released = x.released
    conds = tuple(sorted({(k.lstrip(RETIRED), v) for k, v in x.conds
                          if k.lstrip(RETIRED) in selectors})) if selectors else ()
    return Local(x.hard, x.saves, x.pops, x.soft, held, released, (), conds)


def merge_releases(exits: set[Local], untested: bool = True) -> set[Local]:
    """A function that releases a caller's lock on some paths only is an unlock function
    whose condition the caller knows (`if (locked) raw_spin_unlock(...)` with `locked` from
    the matching lock helper): its exits that differ only in that release become one.
    Keeping both would leave the lock held after every such call in every caller."""
    by_rest: dict[Local, set] = {}
    values: dict[Local, set] = {}          # the selector values all merged exits found
    for x in exits:
        rest = x.but(released=(), conds=())
        by_rest.setdefault(rest, set()).update(x.released)
        values[rest] = values[rest] & set(x.conds) if rest in values else set(x.conds)
    merged = {rest.but(released=tuple(sorted(rel)), conds=tuple(sorted(values[rest])))
              for rest, rel in by_rest.items()}
    # the same for `if (uport) unlock(...)` (a guard destructor's `if (_T->lock)`): the path
    # that does nothing at all is the one where the caller holds nothing. Not for a function
    # whose result its callers test (do_signal_stop() releases when it returns true): the
    # test keeps the exit that matches
    idle = [x for x in merged if x.but(conds=()) == Local()]
    if untested and idle and any(x.released and not x.held for x in merged):
        merged.difference_update(idle)
    # an irqsave made for a lock (local_irq_save(); raw_spin_lock(&ctx->lock)) is handed
    # to the caller only together with that lock: an exit with the same save and no lock
    # is a failure path whose restore depends on a value (`if (!ctx) local_irq_restore()`)
    with_lock = {(x.hard, x.saves) for x in merged if x.held}
    return {x for x in merged if x.held or not x.saves or (x.hard, x.saves) not in with_lock}


def took(x: Local) -> bool:
    """Did a callee that exited in x take something its caller must give back (a lock, or
    interrupts it saved)? Its return value says so: the caller tests it."""
    return bool(x.held or x.released or x.saves)


def acquired(x: Local) -> bool:
    """took(), for a callee some of whose exits acquire: the exit that only gave back what
    the caller held is a failure too. timer_wait_running() drops the caller's timer lock
    and returns the relocked timer (its lock held again, interrupts saved: success) or NULL
    (nothing held, interrupts restored: failure)."""
    return bool(x.held or x.saves)


def exit_rank(x: Local):
    """Balanced exits first: when a summary must be cut, an unmatched save or a lock left
    held is more likely an analysis artefact than what the function does."""
    return (len(x.saves) + x.pops, len(x.held) + len(x.released), x)


def substitute(args: tuple, callee: str):
    """Maps a callee's lock symbols to the caller's: its parameters become the arguments."""
    def sub(sym: str) -> str:
        if not sym.startswith("param:"):
            return sym
        i = int(sym[6:])
        return args[i] if i < len(args) and args[i] else f"{callee}:param{i}"
    return sub


def returned(s: Local, x: Local, sub, tag: tuple, ops: tuple = (),
             pointers: frozenset = frozenset()) -> Local:
    """The caller's local state after a callee that exited in (its local) state x.
    `pointers`: the lock classes that are struct members pointing to a lock (let_go)."""
    saves, pops, popped = list(s.saves), s.pops, "P"
    for _ in range(x.pops):
        if saves:
            popped = saves.pop()
        else:
            popped, pops = "P", min(pops + 1, MAX_SAVES)

    def value(v: str) -> str:
        return s.hard if v == "E" else popped if v == "P" else v

    saves = tuple(saves + [value(v) for v in x.saves])[-MAX_SAVES:]
    soft = max(-MAX_SOFT, min(MAX_SOFT, s.soft + x.soft))
    held, released = s.held, s.released
    for c, k in x.released:
        c = sub(c)
        held, released = let_go(held, released, c, k, c in pointers)
    for c, k, m in x.held:
        c = sub(c)
        if len(held) < MAX_HELD and not any(h[0] == c for h in held):
            held = tuple(sorted(held + ((c, k, m),)))
    return Local(value(x.hard), saves, pops, soft, held, released, tag, s.conds, ops=ops,
                 slept=s.slept)


def absolute_hard(ctx: State, h: str) -> bool:
    if h == "E":
        return ctx.hard
    if h == "P":
        # restored to what a caller saved, which this context does not record: assume the
        # usual, enabled outside interrupt context
        return ctx.ctx in ("task", "softirq")
    return h == "1"


def enabled_in_handler(ctx: State, s: Local) -> bool:
    """Has this function turned interrupts on (spin_unlock_irq(), local_irq_enable()) in
    hardirq context? Interrupt handlers must not (genirq warns "handler enabled
    interrupts"): that is LC003, reported at the enable, and the path is not followed
    further in hardirq context. In practice it is a path that does not happen: USB OHCI's
    handler calls ohci_rh_resume() only when autostop is set, and that function unlocks
    and calls ohci_restart() only when it was not; followed, the path went on into debugfs,
    the VFS and page reclaim, and 3,370 of the whole defconfig tree's 8,553 findings
    crossed that one step."""
    return ctx.ctx in IRQ_HANDLERS and s.hard == "1"


def callee_context(ctx: State, s: Local) -> State:
    """The entry context of a function called in local state s of a caller entered in ctx."""
    # a function that released a lock its caller took no longer knows what its caller holds
    caller_spin = ctx.caller_spin and not s.released
    out = State(ctx.ctx, absolute_hard(ctx, s.hard), 1 if ctx.soft + s.soft > 0 else 0,
                caller_spin=caller_spin or any(k in SPINNING for _, k, _ in s.held),
                plain_off=plain_off(ctx, s))
    return out.but(last_ref=True) if last_ref(ctx, s, out) else out


def last_ref(ctx: State, s: Local, here: State) -> bool:
    """Past a drop of the last reference made in atomic context (State.last_ref)."""
    return ctx.last_ref or (bool(s.last_ref) and here.atomic)


def why_atomic(caller: State, callee: State, s: Local, fid: str) -> str:
    """What the call step changes in the callee's context, for the path shown to the user:
    the step where a spinlock was taken or interrupts were turned off, and the step where
    they were turned back on (a path that is atomic at one step and not at a later one says
    where it changed)."""
    words = []
    if callee.caller_spin and not caller.caller_spin:
        held = [resolve(c, caller.binds, fid) for c, k, _ in s.held if k in SPINNING]
        words.append(f"holding {', '.join(lock_label(c) for c in held)}")
    if not callee.hard and caller.hard:
        words.append("hardirqs disabled")
    elif callee.hard and not caller.hard:
        words.append("hardirqs enabled")
    if callee.soft and not caller.soft:
        words.append("bottom halves disabled")
    elif caller.soft and not callee.soft and callee.ctx == "task":
        words.append("bottom halves enabled")
    if callee.last_ref and not caller.last_ref:
        words.append(f"only if {s.last_ref}() dropped the last reference")
    return sys.intern(", ".join(words))     # one string per wording: a million instances


def lock_label(cls: str) -> str:
    return lock_name(cls) if named(cls) else "a lock"


def plain_off(ctx: State, s: Local) -> bool:
    return s.hard == "d" or (s.hard == "E" and ctx.plain_off)


def absolute(ctx: State, s: Local, fid: str) -> State:
    held = tuple(sorted((resolve(c, ctx.binds, fid), k, m) for c, k, m in s.held))
    out = State(ctx.ctx, absolute_hard(ctx, s.hard), max(0, ctx.soft + s.soft), held,
                ctx.binds, ctx.caller_spin and not s.released, plain_off(ctx, s))
    return out.but(last_ref=True) if last_ref(ctx, s, out) else out


def propagate(program: Program, everything: bool = False,
              knowledge: Knowledge | None = None) -> Analysis:
    return Propagator(program, everything, knowledge).run()
