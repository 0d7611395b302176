"""Propagate: the execution states each function runs in, with a witness path for each.

A state is (context, hardirqs enabled?, softirq-disable depth, locks held, the irqsave stack,
lock parameters bound by the caller). Each function is analysed once per distinct entry state,
flow-sensitively over its control-flow graph; a call continues with the callee's exit states for
that entry state (its summary), so a `foo_lock_irqsave()` helper that returns with a lock held
and interrupts off is seen by its caller. Summaries start empty (a callee that has not returned
yet blocks the path) and grow to a least fixpoint; dependants are re-analysed when they grow.

What the rules need is recorded as observations: every acquisition, interrupt enable and
sleeping call with the state it was reached in and the analysed instance it belongs to.
"""
from __future__ import annotations

import dataclasses
import sys
from collections import deque
from dataclasses import dataclass, field

from .facts import Event, Function, Loc, LockRef
from .link import Entry, Program

MAX_SAVES = 2                 # irqsave nesting kept; deeper saves forget the outermost
MAX_SOFT = 3
MAX_HELD = 8
MAX_DEPTH = 200               # depth-first analysis nesting before falling back to the queue
MAX_STATES = 16               # states kept per block entry; more are dropped (counted)
ANALYSES_PER_FUNCTION = 2     # fixpoint budget: analyses per relevant function
MAX_INSTANCES = 12            # entry states analysed per function; more are dropped (counted)


@dataclass(frozen=True, order=True)
class State:
    ctx: str
    hard: bool                 # hardirqs enabled
    soft: int = 0              # softirq-disable depth (0: bottom halves enabled)
    held: tuple = ()           # sorted ((lock class, lock kind, mode), ...)
    saves: tuple = ()          # hardirq states saved by irqsave, innermost last
    binds: tuple = ()          # ((param index, lock class), ...)
    tag: tuple = ()            # (callee, took a lock?) after a call that only sometimes does
    # A callee does not see *which* locks its caller holds (that would analyse it once per
    # combination of held locks: the scheduler has thousands), only whether a spinning one
    # is held; locks it releases that it did not take go to `released`, and the caller
    # merges both back on return.
    caller_spin: bool = False
    released: tuple = ()       # sorted lock classes released here but taken by a caller

    @property
    def spin_held(self) -> bool:
        return self.caller_spin or any(k in ("spin", "rwlock") for _, k, _ in self.held)

    @property
    def atomic(self) -> bool:
        return self.ctx != "task" or not self.hard or self.soft > 0 or self.spin_held

    def but(self, **changes) -> "State":
        return dataclasses.replace(self, **changes)


Key = tuple  # (function id, State)


@dataclass(frozen=True)
class Observation:
    kind: str                  # acquire | irq_off | irq_enable | sleep
    event: Event
    lock: str                  # resolved lock class ('' when none)
    state: State               # the state just before the event
    key: Key                   # the analysed function instance
    entry_hard: bool           # hardirqs were enabled when the function was entered


@dataclass(frozen=True)
class Step:
    function: str
    loc: Loc
    note: str = ""


@dataclass
class Analysis:
    program: Program
    observations: list[Observation] = field(default_factory=list)
    parents: dict = field(default_factory=dict)   # key -> (parent key, call Loc, via) | Entry
    summaries: dict = field(default_factory=dict)
    dropped_instances: int = 0
    dropped_states: int = 0
    unfinished: int = 0        # instances left when the fixpoint budget ran out

    def path(self, key: Key, last: Loc, note: str) -> list[Step]:
        """The witness path to `last` inside instance `key`, entry point first."""
        steps = [Step(self.name(key[0]), last, note)]
        seen = {key}
        while True:
            p = self.parents[key]
            if isinstance(p, Entry):
                first = steps[0]
                steps[0] = Step(first.function, first.loc, _join(p.reason, first.note))
                return steps
            parent, call_loc, via = p
            if parent in seen:            # defensive: parents never form a cycle
                return steps
            seen.add(parent)
            if via:
                steps[0] = Step(steps[0].function, steps[0].loc, _join(via, steps[0].note))
            steps.insert(0, Step(self.name(parent[0]), call_loc))
            key = parent

    def name(self, fid: str) -> str:
        fn = self.program.functions.get(fid)
        return fn.name if fn else fid.split("@")[0]


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a and b else a or b


def resolve(lock: LockRef | None, binds: tuple, fid: str) -> str:
    """The lock class a lock expression names in a state (parameters via the caller)."""
    if lock is None:
        return ""
    if lock.kind == "param":
        for i, cls in binds:
            if str(i) == lock.name:
                return cls
        return f"{fid}:param{lock.name}"
    if lock.kind in ("local", "unknown"):
        return f"{fid}:{lock.kind}:{lock.name}"
    return lock.name


def entry_state(e: Entry) -> State:
    soft = 1 if e.context in ("softirq", "hardirq", "nmi") else 0
    return State(e.context, e.hardirqs and e.context not in ("hardirq", "nmi"), soft)


def relevant_functions(program: Program) -> set[str]:
    """Functions that lock, change interrupt state or sleep, directly or through callees.

    Everything else leaves the state as it found it and observes nothing, so it is treated
    like an external function: analysing it would only multiply instances.
    """
    callers: dict[str, set[str]] = {}
    relevant: set[str] = set()
    for fid, fn in program.functions.items():
        for b in fn.blocks:
            for ev in b.events:
                if ev.kind != "call":
                    relevant.add(fid)
                    continue
                targets = program.field_targets.get(ev.field, []) if ev.field else [ev.callee]
                for t in targets:
                    callers.setdefault(t, set()).add(fid)
    work = list(relevant)
    while work:
        f = work.pop()
        for c in callers.get(f, ()):
            if c not in relevant:
                relevant.add(c)
                work.append(c)
    return relevant


class Propagator:
    def __init__(self, program: Program, everything: bool = False):
        self.p = program
        self.a = Analysis(program)
        # `explain` wants a path to every function, the rules only to the relevant ones
        self.relevant = set(program.functions) if everything else relevant_functions(program)
        self.queue: deque[Key] = deque()
        self.queued: set[Key] = set()
        self.dependants: dict[Key, set[Key]] = {}
        self.obs: dict[Key, list[Observation]] = {}
        self.instances: dict[str, int] = {}
        self.active: set[Key] = set()          # instances being analysed (the call stack)
        # a deterministic bound on the fixpoint's work, so a huge program ends (and says so)
        self.analyses = 0
        self.budget = ANALYSES_PER_FUNCTION * len(self.relevant) + 1000

    def run(self) -> Analysis:
        # depth-first solving nests a few Python frames per call level
        sys.setrecursionlimit(max(sys.getrecursionlimit(), 50 * MAX_DEPTH))
        for e in self.p.entries:
            if e.function not in self.relevant:
                continue
            key = (e.function, entry_state(e))
            if key not in self.a.parents:
                self.a.parents[key] = e
                self.enqueue(key)
        while self.queue and not self.exhausted:
            key = self.queue.pop()
            self.queued.discard(key)
            self.solve(key)
        self.a.unfinished = len(self.queue)
        for key in sorted(self.obs, key=_key_order):
            self.a.observations.extend(self.obs[key])
        return self.a

    @property
    def exhausted(self) -> bool:
        return self.analyses >= self.budget

    def solve(self, key: Key) -> None:
        """Analyse one instance and publish its summary; dependants re-run if it grew."""
        if self.exhausted:
            self.a.unfinished += 1
            return
        self.analyses += 1
        self.active.add(key)
        try:
            exits, obs = self.analyse(key)
        finally:
            self.active.discard(key)
        self.obs[key] = obs
        if exits != self.a.summaries.get(key):
            self.a.summaries[key] = exits
            for d in sorted(self.dependants.get(key, ())):
                if d not in self.active:
                    self.enqueue(d)

    def enqueue(self, key: Key) -> None:
        if key not in self.queued:
            self.queued.add(key)
            self.queue.append(key)

    def instance(self, callee: str, state: State, caller: Key, loc: Loc, via: str) -> Key | None:
        key = (callee, state)
        if key not in self.a.parents:
            n = self.instances.get(callee, 0)
            if n >= MAX_INSTANCES:
                self.a.dropped_instances += 1
                return None
            self.instances[callee] = n + 1
            self.a.parents[key] = (caller, loc, via)
        self.dependants.setdefault(key, set()).add(caller)
        if key not in self.a.summaries and key not in self.active and \
                len(self.active) < MAX_DEPTH:
            # depth first: the caller then continues with the callee's summary instead of
            # being analysed again once it exists (recursion is cut by `active`; the queue
            # finishes the fixpoint)
            self.queued.discard(key)
            self.solve(key)
        elif key not in self.a.summaries:
            self.enqueue(key)
        return key

    # ---- one function instance -------------------------------------------------------

    def analyse(self, key: Key):
        fid, entry = key
        fn: Function = self.p.functions[fid]
        ins: dict[int, set[State]] = {fn.entry: {entry}}
        done: dict[int, set[State]] = {}
        work = deque([fn.entry])
        obs: dict[tuple, Observation] = {}
        while work:
            bid = work.popleft()
            new = ins.get(bid, set()) - done.get(bid, set())
            if not new:
                continue
            done.setdefault(bid, set()).update(new)
            block = fn.blocks[bid]
            states = new
            for i, ev in enumerate(block.events):
                states = self.transfer(key, ev, states, obs, (bid, i))
                if not states:
                    break
            for s in block.succs:
                have = ins.setdefault(s, set())
                if not states <= have:
                    have.update(states)
                    if len(have) > MAX_STATES:
                        # a bound on the work per block: keep a deterministic subset
                        kept = set(sorted(have)[:MAX_STATES])
                        self.a.dropped_states += len(have) - len(kept)
                        have.intersection_update(kept)
                    work.append(s)
        # what the caller needs of an exit: tags, bindings and caller_spin are the callee's own
        exits = frozenset(State(x.ctx, x.hard, x.soft, x.held, x.saves, (), (), False, x.released)
                          for x in ins.get(fn.exit, ()))
        return exits, sorted(obs.values(), key=lambda o: (o.event.loc, o.kind, o.state))

    def transfer(self, key: Key, ev: Event, states: set[State], obs, where) -> set[State]:
        fid, entry = key
        out: set[State] = set()
        for s in sorted(states):
            if ev.kind == "call":
                out.update(self.call(key, ev, s))
                continue
            cls = resolve(ev.lock, s.binds, fid)

            def note(kind, lock=cls, s=s):
                obs[(where, kind, s)] = Observation(kind, ev, lock, s, key, entry.hard)

            if ev.kind == "acquire":
                if ev.sleeps:
                    note("sleep")
                if ev.hardirqs == "off" and not s.hard:
                    note("irq_enable")      # its unlock turns interrupts back on
                # spin_lock_irqsave() disables interrupts before it takes the lock: lockdep
                # judges the acquisition in the state after that
                taken = irq_state(s, ev.hardirqs, ev.softirqs)
                if ev.lock is not None:
                    note("acquire", s=taken)
                out.add(self.acquire(taken, ev, cls))
            elif ev.kind in ("release", "try_fail"):
                out.add(self.release(s, ev, cls))
            elif ev.kind == "irq":
                # an enable undoing this function's own disable is fine; one that re-enables
                # what the caller or the context (hardirq) disabled is LC003
                if ev.hardirqs == "on" and not s.hard and not entry.hard:
                    note("irq_enable", "")
                out.add(irq_state(s, ev.hardirqs, ev.softirqs))
            elif ev.kind in ("ret_ok", "ret_fail"):
                if not s.tag or s.tag[0] != ev.callee or s.tag[1] == (ev.kind == "ret_ok"):
                    out.add(s)
            elif ev.kind == "sleep":
                note("sleep", "")
                out.add(s)
            else:
                out.add(s)
        return out

    def acquire(self, s: State, ev: Event, cls: str) -> State:
        if ev.lock is None or len(s.held) >= MAX_HELD:
            return s
        if any(c == cls for c, _, _ in s.held):
            return s                    # recursive acquisition: the set is what matters
        return s.but(held=tuple(sorted(s.held + ((cls, ev.lock_kind, ev.mode),))))

    def release(self, s: State, ev: Event, cls: str) -> State:
        held = tuple(h for h in s.held if h[0] != cls)
        if len(held) != len(s.held):
            s = s.but(held=held)
        elif ev.kind == "release" and cls not in s.released and len(s.released) < MAX_HELD:
            s = s.but(released=tuple(sorted(s.released + (cls,))))   # the caller's lock
        return irq_state(s, ev.hardirqs, ev.softirqs)

    def call(self, key: Key, ev: Event, s: State) -> set[State]:
        fid = key[0]
        if ev.field:
            callees = self.p.field_targets.get(ev.field, [])
            via = f"via {ev.field}" + (f" (1 of {len(callees)})" if len(callees) > 1 else "")
        else:
            callees = [ev.callee]
            via = ""
        callees = [c for c in callees if c in self.relevant]
        if not callees:
            return {s}                       # not analysed: assume it leaves the state alone
        binds = tuple((i, resolve(a, s.binds, fid)) for i, a in enumerate(ev.args)
                      if a is not None)
        out: set[State] = set()
        for callee in callees:
            cs = State(s.ctx, s.hard, s.soft, (), s.saves, binds, (), s.spin_held, ())
            ckey = self.instance(callee, cs, key, ev.loc, via)
            if ckey is None:
                out.add(s)
                continue
            exits = self.a.summaries.get(ckey, ())
            # a callee that returns holding a lock on some paths only (irq_get_desc_lock())
            # tells the caller by its return value: tag the states so that the caller's
            # `if (!desc)` keeps only the matching ones (ret_ok / ret_fail events)
            conditional = len({(x.held, x.released) for x in exits}) > 1
            for x in exits:
                tag = (callee, bool(x.held or x.released)) if conditional else ()
                out.add(self.returned(s, x, tag))
        return out

    @staticmethod
    def returned(s: State, x: State, tag: tuple) -> State:
        """The caller's state after a callee that exited in state x."""
        if not x.held and not x.released:
            if (x.hard, x.soft, x.saves, x.ctx) == (s.hard, s.soft, s.saves, s.ctx) and s.tag == tag:
                return s
            return State(x.ctx, x.hard, x.soft, s.held, x.saves, s.binds, tag, s.caller_spin,
                         s.released)
        gone = set(x.released)
        held = tuple(h for h in s.held if h[0] not in gone)
        mine = {h[0] for h in held}
        held = tuple(sorted(held + tuple(h for h in x.held if h[0] not in mine)))
        released = s.released
        if gone - {h[0] for h in s.held}:          # released further up: our caller's locks
            released = tuple(sorted(set(released) | (gone - {h[0] for h in s.held})))
        return State(x.ctx, x.hard, x.soft, held, x.saves, s.binds, tag, s.caller_spin,
                     released)


def irq_state(s: State, hard: str, soft: str) -> State:
    h, saves, depth = s.hard, s.saves, s.soft
    if hard == "off":
        h = False
    elif hard == "on":
        h = True
    elif hard == "save":
        saves = (saves + (h,))[-MAX_SAVES:]
        h = False
    elif hard == "restore":
        if saves:
            h, saves = saves[-1], saves[:-1]
        else:
            h = s.ctx in ("task", "softirq")
    if soft == "off":
        depth = min(depth + 1, MAX_SOFT)
    elif soft == "on":
        depth = max(depth - 1, 0)
    if (h, saves, depth) == (s.hard, s.saves, s.soft):
        return s
    return s.but(hard=h, soft=depth, saves=saves)


def _key_order(key: Key):
    return (key[0], key[1])


def propagate(program: Program, everything: bool = False) -> Analysis:
    return Propagator(program, everything).run()
