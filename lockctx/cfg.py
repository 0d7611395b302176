"""The control-flow graph both frontends build from a function body.

Blocks of events (facts.Block); block 0 is the entry and block 1 the exit. cleanup.h guards
are released at the end of their scope and on every early exit (return, break, continue) out
of it. frontend.BodyBuilder (libclang cursors) and frontend_pycparser.BodyBuilder (pycparser
nodes) walk statements their own way and share everything here, so the graphs they build
agree by construction.
"""
from __future__ import annotations

import re

from .facts import Block, Event, Loc, LockRef, Registration


class Graph:
    def __init__(self, fid: str):
        self.fid = fid
        self.blocks = [Block(0), Block(1)]
        self.emitted = 0                  # events emitted so far: did a branch do anything?
        self.cond_keys: set[str] = set()  # variables some condition tests (see branch_values)
        self.cur: int | None = 0
        self.scopes: list[list[Event]] = []
        self.loops: list[tuple[int | None, int, int]] = []   # (continue, break, scope depth)
        # [head, break, has default, tested variable, case values, the default's block]
        self.switches: list[list] = []
        self.labels: dict[str, int] = {}
        self.last_call: dict[str, str] = {}    # variable -> the function whose result it holds
        self.stored_tries: dict[str, tuple] = {}  # variable -> (trylocks, negated) it holds
        self.trylocks: list[Event] = []           # every trylock emitted, in order
        # "OWNER.FIELD" of the boolean fields this body sets (`gc->can_sleep = true`): the
        # bindings it makes into the same struct type carry them (facts.Binding.sets)
        self.flags: set[str] = set()
        # file-scope struct variables this body copies whole (`chip->gc = template;`): their
        # initializers' bindings carry the flags too
        self.copies: set[str] = set()

    def new(self) -> int:
        self.blocks.append(Block(len(self.blocks)))
        return len(self.blocks) - 1

    def edge(self, a: int | None, b: int) -> None:
        if a is not None and b not in self.blocks[a].succs:
            self.blocks[a].succs.append(b)

    def goto(self, b: int) -> None:
        self.edge(self.cur, b)
        self.cur = b

    def emit(self, ev: Event) -> None:
        if self.cur is None:
            self.cur = self.new()         # unreachable code: analysed with no states
        self.blocks[self.cur].events.append(ev)
        self.emitted += 1
        if ev.kind == "acquire" and ev.trylock:
            self.trylocks.append(ev)

    def release_scopes(self, down_to: int) -> None:
        if self.cur is None:           # nothing reaches here: no path to release on
            return
        for scope in reversed(self.scopes[down_to:]):
            for ev in reversed(scope):
                self.emit(ev)

    def label(self, name: str) -> int:
        if name not in self.labels:
            self.labels[name] = self.new()
        return self.labels[name]

    def finish(self) -> None:
        self.edge(self.cur, 1)
        # an assignment matters only to a variable some condition tests
        for b in self.blocks:
            if any(e.kind == "assign" for e in b.events):
                b.events = [e for e in b.events if e.kind != "assign" or
                            any(k == e.api or k.startswith((e.api + "->", e.api + "."))
                                for k in self.cond_keys)]

    # ---- values along branches (see propagate.branch_taken) ------------------------------

    def branch_values(self, t: int, f: int, key: str, yes: str, no: str, loc: Loc) -> None:
        """The value `key` has on the true (t) and false (f) branch of a test."""
        self.cond_keys.add(key)
        self.blocks[t].events.insert(0, Event("cond", loc, api=key, mode=yes))
        self.blocks[f].events.insert(0, Event("cond", loc, api=key, mode=no))

    def begin_switch(self, key: str | None) -> list:
        if self.cur is None:
            self.cur = self.new()
        if key is not None:
            self.cond_keys.add(key)
        sw = [self.cur, self.new(), False, key, [], None]
        self.switches.append(sw)
        self.loops.append((self.loops[-1][0] if self.loops else None, sw[1], len(self.scopes)))
        self.cur = None
        return sw

    def case(self, value: int | None, default: bool, loc: Loc) -> None:
        """A case (or default) label: a new block, entered from the switch and by falling
        through. A case of a switch on a variable records its value on the edge from the
        switch only (a case fallen into is not tested); the default, none of the values."""
        b = self.new()
        self.edge(self.cur, b)
        if self.switches:
            sw = self.switches[-1]
            head, key = sw[0], sw[3]
            if key is not None and (value is not None or default):
                mid = self.new()
                self.blocks[mid].events.append(Event("cond", loc, api=key, mode=f"={value}"))
                self.edge(head, mid)
                self.edge(mid, b)
                if value is not None:
                    sw[4].append(value)
                else:
                    sw[5] = mid                  # filled in when all cases are known
            else:
                self.edge(head, b)
            if default:
                sw[2] = True
        self.cur = b

    def end_switch(self, sw: list) -> None:
        self.loops.pop()
        self.switches.pop()
        self.edge(self.cur, sw[1])
        if not sw[2]:
            self.edge(sw[0], sw[1])
        self.cur = sw[1]
        if sw[5] is not None:          # default: none of the case values (as many as kept)
            events = self.blocks[sw[5]].events
            events[:] = [Event("cond", events[0].loc, api=sw[3], mode=f"!{v}")
                         for v in sorted(set(sw[4]))[:4]]

    # ---- a use of an API rules.toml knows -----------------------------------------------
    # Needs, from the frontend: self.ex (.k the knowledge, .facts the file's facts), and
    # api_lock(node, text), api_function(node), api_int(node) for its own kind of node.

    def api_use(self, name: str, loc: Loc, arg) -> None:
        """What calling `name` does: take or release a lock, change the interrupt state,
        register an entry point, sleep. arg(i) -> (node, text as written) of argument i."""
        k = self.ex.k
        lock_api = k.locks.get(name)
        if lock_api is not None:
            lock = None
            if lock_api.lock_arg is not None:
                lock = self.api_lock(*arg(lock_api.lock_arg))
            kind = {"release": "release", "": "irq"}.get(lock_api.acquire, "acquire")
            if lock is None and kind != "irq":
                lock = LockRef("unknown", "?", "?")
            self.emit(Event(kind, loc, api=name, lock=lock if kind != "irq" else None,
                            lock_kind=lock_api.kind, mode=lock_api.mode,
                            trylock=lock_api.trylock, hardirqs=lock_api.hardirqs,
                            softirqs=lock_api.softirqs, sleeps=lock_api.sleeps))
        entry = k.entries.get(name)
        if entry is not None:
            self.registration(entry, arg, loc)
        sl = k.sleeps.get(name)
        if sl is not None and self.sleeps(sl, arg):
            self.emit(Event("sleep", loc, api=name))

    def sleeps(self, sl, arg) -> bool:
        """Does this call sleep? Unconditionally, or when its flags argument has every bit
        of the rule's constant (GFP_KERNEL, not GFP_ATOMIC)."""
        if sl.arg is None:
            return True
        node, _ = arg(sl.arg)
        if node is None:
            return False
        value = self.api_int(node)
        want = self.ex.k.constants[sl.flag]
        return value is not None and value & want == want

    def registration(self, entry, arg, loc: Loc) -> None:
        for idx, ctx in entry.args:
            node, _ = arg(idx)
            fn = self.api_function(node) if node is not None else ""
            if not fn:
                continue
            hard = "off" if ctx in ("hardirq", "nmi") else "on"
            for w in entry.when:
                _, text = arg(w.arg)
                if re.search(w.match, text or ""):
                    ctx = w.context or ctx
                    hard = w.hardirqs or ("off" if ctx in ("hardirq", "nmi") else hard)
            forced = False
            if entry.forced_thread is not None and ctx == "hardirq":
                # the flags as written: a variable or an expression we cannot read is
                # taken as threadable, as most drivers' flags are
                _, flags = arg(entry.forced_thread[0])
                forced = not re.search(entry.forced_thread[1], flags or "")
            self.ex.facts.registrations.append(Registration(fn, ctx, hard, entry.call, loc,
                                                            forced))
