"""The control-flow graph both frontends build from a function body.

Blocks of events (facts.Block); block 0 is the entry and block 1 the exit. cleanup.h guards
are released at the end of their scope and on every early exit (return, break, continue,
goto) out of it. frontend.BodyBuilder (libclang cursors) and frontend_pycparser.BodyBuilder
(pycparser nodes) walk statements their own way and share everything here, so the graphs
they build agree by construction.
"""
from __future__ import annotations

import dataclasses
import re

from .facts import (CONTEXT_TEST, Block, Event, Loc, LockRef, Registration, called_param,
                    handed_param, object_spec)

DEAD = Loc("", 0, 0)      # where a "dead" event is: nowhere in the source


def pair_key(a: str, b: str) -> str:
    """The key of the values a comparison of variables a and b finds (`a==b`, the same
    either way round); assigning either forgets them (key_vars, propagate.forget)."""
    return "==".join(sorted((a, b)))


ENTRY = "@entry"     # a member of a parameter as on entry (Graph.entry_copy)


def root_var(key: str) -> str:
    """The variable a member chain starts from: `ohci` of `ohci->autostop`."""
    return re.split(r"->|\.", key, maxsplit=1)[0]


def key_vars(key: str) -> list[str]:
    """The variables whose assignment forgets what is known under `key`: the two of a
    pair_key, the variable of a bit_key, else the key itself (a variable or a member chain
    from one)."""
    return [k.partition("&")[0] for k in key.split("==")]


def bit_key(key: str, mask: int) -> str:
    """The key of a test of some bits of a variable, `flags & MSG_SPLICE_PAGES`: true where
    any of them is set. A caller's constant for the variable decides it (propagate.
    consistent): icmp6_send() passes MSG_DONTWAIT to ip6_append_data(), so
    __ip6_append_data()'s `(flags & MSG_SPLICE_PAGES) && length` branch, into
    skb_splice_from_iter() and page pinning and migration, is not taken."""
    return f"{key}&{mask}"


def decided_by_caller(key: str, params) -> bool:
    """Is `key` a value a caller decides: one of `params`, some bits of one (bit_key), a
    parameter's member as on entry (Graph.entry_copy), or the context the caller runs the
    function in (a [context_tests] predicate: facts.CONTEXT_TEST)?"""
    return key.endswith(ENTRY) or key.startswith(CONTEXT_TEST) or \
        key.partition("&")[0] in params


class Graph:
    def __init__(self, fid: str):
        self.fid = fid
        self.blocks = [Block(0), Block(1)]
        self.emitted = 0                  # events emitted so far: did a branch do anything?
        self.last_act: Event | None = None    # the last release or call emitted (null_guard)
        self.cond_keys: set[str] = set()  # variables some condition tests (see branch_values)
        # (operand, its block, true edge's target, false edge's target) of each operand of a
        # condition that tested no trylock or call result (see correlate)
        self.plain_tests: list[tuple] = []
        self.acting: set[str] = set()   # keys tested by an if whose branches do something
        self.tests: dict[str, int] = {}  # key -> how many operands of conditions test it
        self.param_names: list[str] = []   # the function's parameters, in order (set_params)
        self.params: set[str] = set()      # the same, as a set
        # index -> name of the parameters that are pointers to a const struct (set by the
        # frontend): an ops table a caller passes (facts.Event.tables, Event.base), unless the
        # body assigns the parameter (`written`)
        self.table_params: dict[int, str] = {}
        self.written: set[str] = set()   # the variables assign events write
        # local -> the member of a parameter it copies as on entry (entry_copy)
        self.entry_copies: dict[str, str] = {}
        # (key, block, block) of the values recorded on the edges of an operand of `&&`/`||`
        self.operand_tests: list[tuple[str, int, int]] = []
        # (key, block, block) of the values recorded by an if whose branches only jump
        # (`if (!rnp->parent) break;`): kept only for the keys in acting, where they decide
        # which way a test that locks or unlocks goes (each value kept splits states)
        self.jump_tests: list[tuple[str, int, int]] = []
        self.cur: int | None = 0
        self.scopes: list[list[Event]] = []
        self.loops: list[tuple[int | None, int, int]] = []   # (continue, break, scope depth)
        # [head, break, has default, tested variable, case values, the default's block]
        self.switches: list[list] = []
        self.labels: dict[str, int] = {}
        # label -> [(scope, how many releases it held)] of each scope open where the label
        # stands; a goto not yet resolved: label -> [(its block, the same where it stands)]
        self.label_scopes: dict[str, list[tuple[list[Event], int]]] = {}
        self.pending_gotos: dict[str, list[tuple[int, list[tuple[list[Event], int]]]]] = {}
        self.last_call: dict[str, str] = {}    # variable -> the function whose result it holds
        # variable -> every function whose result the body stores in it, and the ret tests
        # of variables: (true block, false block, variable, callee, failure when true, loc)
        self.result_of: dict[str, list[str]] = {}
        self.var_ret_tests: list[tuple] = []
        # variable -> (trylocks, negated, key) it holds; key names the variable the trylock's
        # result was first stored in, whose tests are correlated (see finish)
        self.stored_tries: dict[str, tuple] = {}
        self.trylocks: list[Event] = []           # every trylock emitted, in order
        self.calls: list[str] = []                # the callee of every direct call emitted
        # key of a stored trylock result -> (true edge, false edge, loc) of each test of it
        self.try_tests: dict[str, list[tuple[int, int, Loc]]] = {}
        # "OWNER.FIELD" of the boolean fields this body sets (`gc->can_sleep = true`): the
        # bindings it makes into the same struct type carry them (facts.Binding.sets)
        self.flags: set[str] = set()
        # file-scope struct variables this body copies whole (`chip->gc = template;`): their
        # initializers' bindings carry the flags too
        self.copies: set[str] = set()
        # (parameter index, "struct T.m") of each `container_of(p, struct T, m)` of a
        # parameter (facts.Function.containers), and local -> the object spec of the
        # container_of it was initialised with (facts.Event.objargs); assign events per
        # variable tell which of those locals the body writes again (forget_written_objects)
        self.containers: set[tuple[int, str]] = set()
        self.embedded: dict[str, str] = {}
        self.assign_counts: dict[str, int] = {}

    def new(self) -> int:
        self.blocks.append(Block(len(self.blocks)))
        return len(self.blocks) - 1

    def edge(self, a: int | None, b: int) -> None:
        if a is not None and b not in self.blocks[a].succs:
            self.blocks[a].succs.append(b)

    def goto(self, b: int) -> None:
        self.edge(self.cur, b)
        self.cur = b

    def set_params(self, names: list[str]) -> None:
        self.param_names = names
        self.params = set(names)

    def emit(self, ev: Event) -> None:
        if self.cur is None:
            self.cur = self.new()         # unreachable code: analysed with no states
        self.blocks[self.cur].events.append(ev)
        self.emitted += 1
        if ev.kind in ("release", "call"):
            self.last_act = ev
        if ev.kind == "assign":
            self.written.add(ev.api)
            self.assign_counts[ev.api] = self.assign_counts.get(ev.api, 0) + 1
            self.entry_copies.pop(ev.api, None)
        if ev.kind == "acquire" and ev.trylock:
            self.trylocks.append(ev)
        elif ev.kind == "call" and ev.callee:
            self.calls.append(ev.callee)

    def mark(self) -> tuple[int, int]:
        """Where the trylocks and calls of an expression about to be walked start (see
        store_value)."""
        return len(self.trylocks), len(self.calls)

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

    def open_scopes(self) -> list[tuple[list[Event], int]]:
        return [(scope, len(scope)) for scope in self.scopes]

    @staticmethod
    def leaving(here: list[tuple[list[Event], int]],
                there: list[tuple[list[Event], int]]) -> list[Event]:
        """The releases a goto from `here` to a label standing `there` runs (both from
        open_scopes), innermost first: as C runs the cleanups of every variable whose scope
        the jump leaves, those of each scope the label is outside of, and in a scope the
        label is in, those declared after it (`again: ... guard(double_rq_lock)(rq, p_rq);
        if (...) goto again;` in yield_to()). A forward jump cannot skip a cleanup
        variable's declaration into its scope (the compilers refuse it): in a scope both are
        in, nothing is left."""
        at = {id(scope): n for scope, n in there}
        out: list[Event] = []
        for scope, n in reversed(here):
            out.extend(reversed(scope[at.get(id(scope), 0):n]))
        return out

    def jump(self, name: str) -> None:
        """`goto name`. The releases are known once the label is: for a label not reached
        yet, the jump goes through a block of its own that resolve_gotos fills in. They are
        not counted as emitted: a branch that only jumps stays one (see Graph.correlate)."""
        target = self.label(name)
        if self.cur is not None:
            here = self.open_scopes()
            if name in self.label_scopes:
                self.blocks[self.cur].events.extend(
                    self.leaving(here, self.label_scopes[name]))
                self.edge(self.cur, target)
            elif any(n for _, n in here):
                b = self.new()
                self.edge(self.cur, b)
                self.pending_gotos.setdefault(name, []).append((b, here))
            else:
                self.edge(self.cur, target)
        self.cur = None

    def place_label(self, name: str) -> None:
        """Label `name` stands here: entered by falling through and by the gotos to it,
        those walked so far getting their releases now."""
        target = self.label(name)
        self.goto(target)
        there = self.label_scopes[name] = self.open_scopes()
        for b, here in self.pending_gotos.pop(name, []):
            self.blocks[b].events.extend(self.leaving(here, there))
            self.edge(b, target)

    def finish(self) -> None:
        self.edge(self.cur, 1)
        for name, gotos in self.pending_gotos.items():   # a label in code not walked
            for b, _ in gotos:
                self.edge(b, self.labels[name])
        self.pending_gotos.clear()
        self.correlate_try_tests()
        self.results_tested_later()
        self.forget_written_tables()
        self.forget_written_objects()
        # values no other test can take the same way split states for nothing: those of an if
        # whose branches only jump, unless a test that acts needs them or it tests a parameter
        # (`if (head == NULL) goto out;` with a caller passing an address), and those of an
        # operand of `&&`/`||` tested once, unless it is a parameter (a caller's constant
        # selects the branch: `set_load_weight(&init_task, false)`, `if (update_load && ...)`)
        # (nor where the function assigns the variable a constant: `bool coherent =
        # dev_is_dma_coherent(dev);`, a stub, then `if (!coherent)`)
        constant = {e.api for b in self.blocks for e in b.events
                    if e.kind == "assign" and e.consts}
        unused = [(k, a, b) for k, a, b in self.jump_tests
                  if k not in self.acting and not self.from_caller(k)] + \
            [(k, a, b) for k, a, b in self.operand_tests
             if self.tests[k] == 1 and not self.from_caller(k) and
             not constant.intersection(key_vars(k))]
        for key, a, b in unused:
            for blk in (a, b):
                events = self.blocks[blk].events
                cond = next((e for e in events if e.kind == "cond" and e.api == key), None)
                if cond is not None:
                    events.remove(cond)
        # an assignment matters only to a variable some condition tests
        tested = {v for k in self.cond_keys for v in key_vars(k)}
        for b in self.blocks:
            if any(e.kind == "assign" for e in b.events):
                b.events = [e for e in b.events if e.kind != "assign" or
                            any(k == e.api or k.startswith((e.api + "->", e.api + "."))
                                for k in tested)]
        self.tested_members()
        self.drop_dead_values()

    def from_caller(self, key: str) -> bool:
        """Is `key` a value the caller decides (decided_by_caller)? Its tests are kept even
        where they alone decide nothing here."""
        return decided_by_caller(key, self.params)

    def entry_copy(self, var: str, value) -> str | None:
        """`int autostopped = ohci->autostop;` (ohci_rh_resume(), drivers/usb/host/
        ohci-hub.c:159): a local initialised from a member of a parameter that nothing has
        written yet, outside any loop, holds that member's value on entry until it is
        assigned again. Its tests test "ohci->autostop@entry", a value callers decide:
        ohci_irq() calls it only `if (ohci->autostop)`, so its `if (!autostopped)` branch
        (unlock, ohci_restart(), relock) is not taken there (propagate.entry_members).
        Before, that one step took 3,370 of the whole defconfig tree's 8,553 findings into
        debugfs, mounts and reclaim. Returns the key, which the frontend assigns the value
        too (a flag nothing sets is false there as well: link.never_set)."""
        if self.loops or value is None:
            return None
        values = self.leaf_values(value)
        if values is None or "==" in values[0]:
            return None
        key = values[0]
        root = root_var(key)
        if root == key or root not in self.params or \
                any(w == root or w.startswith((root + "->", root + ".")) and
                    not w.endswith(ENTRY) for w in self.written):
            return None
        self.entry_copies[var] = key + ENTRY
        return key + ENTRY

    def entry_key(self, key: str) -> str:
        """The key a test of `key` records: a local's entry copy's (entry_copy), or its own."""
        return self.entry_copies.get(key, key)

    def tested_members(self) -> None:
        """A call's argvars (facts.Event.argvars) are kept only for the variables whose
        members some condition here tests: only their values can reach a callee."""
        tested = {root_var(k) for k in self.cond_keys if root_var(k) != k}
        for b in self.blocks:
            for j, e in enumerate(b.events):
                if e.kind == "call" and e.argvars:
                    keep = tuple(x for x in e.argvars if x[1] in tested)
                    if keep != e.argvars:
                        b.events[j] = dataclasses.replace(e, argvars=keep)

    def container_of(self, ptr: str | None, member: str) -> str | None:
        """`container_of(p, struct T, m)` (`member` "struct T.m") of parameter p: notes that
        the object callers pass as p must be member m of a struct T (Function.containers),
        and returns the spec of the object it yields (facts.Event.objargs)."""
        if ptr not in self.params:
            return None
        n = self.param_names.index(ptr)
        self.containers.add((n, member))
        return f"^{member}#{n}"

    def object_arg(self, var: str | None, member: str | None, base: str | None) -> str | None:
        """The spec (facts.Event.objargs) of a call argument that is variable `var`, or the
        address of member `member` ("struct S.m") of what variable `base` points to."""
        if member:
            return f"{member}#{self.param_names.index(base)}" if base in self.params \
                else member
        if var in self.params:
            return f"#{self.param_names.index(var)}"
        return self.embedded.get(var)

    def forget_written_objects(self) -> None:
        """A parameter the body assigns is not the object its caller passed, nor is a local
        assigned after its container_of initialisation that object's container: what the
        body says of them goes (Function.containers, Event.objargs)."""
        gone = {f"#{i}" for i, name in enumerate(self.param_names) if name in self.written}
        gone |= {spec for var, spec in self.embedded.items() if self.assign_counts.get(var, 0) > 1}
        self.containers = {(i, m) for i, m in self.containers if f"#{i}" not in gone}
        if not gone:
            return
        for b in self.blocks:
            for j, e in enumerate(b.events):
                if e.kind == "call" and e.objargs:
                    keep = tuple((i, v) for i, v in e.objargs
                                 if v not in gone and f"#{object_spec(v)[1]}" not in gone)
                    if keep != e.objargs:
                        b.events[j] = dataclasses.replace(e, objargs=keep)

    def forget_written_tables(self) -> None:
        """A parameter the body assigns is not the ops table its caller passed: its field
        calls and hand-ons lose the parameter (facts.Event.base, Event.tables). Nor is it
        the value its caller passed: its hand-on as a constant goes too (Event.consts)."""
        gone = {i for i, name in self.table_params.items() if name in self.written}
        changed = {i for i, name in enumerate(self.param_names) if name in self.written}
        if not gone and not changed:
            return
        # a call through a parameter the body assigns (`if (!cb) cb = default_cb;`) reaches
        # what was assigned, not only what callers pass: not followed, as before calls
        # through parameters were (facts.param_field)
        for b in self.blocks:
            b.events = [e for e in b.events if not (e.kind == "call" and e.field and
                                                    called_param(e.field) in changed)]
        names = {f"#arg{i}" for i in gone}
        for b in self.blocks:
            for j, e in enumerate(b.events):
                if e.kind == "call" and (e.base in gone or
                                         any(t in names for _, t in e.tables) or
                                         any(handed_param(v) in changed for _, v in e.consts)):
                    b.events[j] = dataclasses.replace(
                        e, base=-1 if e.base in gone else e.base,
                        tables=tuple(x for x in e.tables if x[1] not in names),
                        consts=tuple(x for x in e.consts if handed_param(x[1]) not in changed))

    def drop_dead_values(self) -> None:
        """A value no later test reads is retired where it dies (a "dead" event at the start
        of the block, propagate.retire), so that the few values a state keeps
        (propagate.MAX_CONDS) are the ones still to be tested: __do_sys_prlimit64()
        tests `tsk` once, early, and `need_tasklist` twice, late. A parameter's values stay:
        they are checked against the constants callers pass (propagate.consistent). Not
        inside a straight chain of blocks, which the two frontends cut differently, but
        where control flow branches or joins."""
        blocks = self.blocks
        tests = [{e.api for e in b.events if e.kind == "cond"} for b in blocks]
        if not any(tests):
            return
        sets = [t | {e.api for e in b.events if e.kind == "assign" and e.consts}
                for t, b in zip(tests, blocks)]
        live = [set(t) for t in tests]          # keys a test reachable from the block reads
        changed = True
        while changed:
            changed = False
            for i in range(len(blocks) - 1, -1, -1):
                for s in blocks[i].succs:
                    if not live[s] <= live[i]:
                        live[i] |= live[s]
                        changed = True
        preds: list[list[int]] = [[] for _ in blocks]
        for i, b in enumerate(blocks):
            for s in b.succs:
                preds[s].append(i)
        chained = [i > 1 and len(p) == 1 and len(blocks[p[0]].succs) == 1 and p[0] != i
                   for i, p in enumerate(preds)]
        known: list[set[str]] = [set() for _ in blocks]   # keys a state may know leaving it
        dead: list[set[str]] = [set() for _ in blocks]
        changed = True
        while changed:
            changed = False
            for i, b in enumerate(blocks):
                here = set().union(*(known[p] for p in preds[i])) if preds[i] else set()
                if not chained[i]:
                    dead[i] = {k for k in here - live[i] if not self.from_caller(k)}
                    here -= dead[i]
                out = here | sets[i]
                if i != 1 and not out <= known[i]:
                    known[i] |= out
                    changed = True
        for i, b in enumerate(blocks):
            if dead[i] and i != 1:              # the exit: summaries keep no values anyway
                b.events[:0] = [Event("dead", DEAD, api=k) for k in sorted(dead[i])]

    # ---- conditions -----------------------------------------------------------------------
    # Needs, from the frontend: cond_shape(node), cond_const(node), warning_args(node),
    # value_var(node), value_call(node), stmt_expr_value(node), negates(node), ret_test(node),
    # expr(node), cond_loc(node).

    def null_guard(self, f: int, act: Event) -> None:
        """`if (lruvec) unlock_page_lruvec_irqrestore(lruvec, flags);` (mm/swap.c's
        folio_batch_move_lru()): a pointer is tested, and its true branch ends with a call
        `act` that releases a lock through it (the frontend checked the shape: frontend
        null_tested). The kernel keeps the pointer NULL exactly while it holds no such lock
        (the relock loop: `folio_lruvec_relock_irqsave(folio, &lruvec, &flags)` sets it
        through an out-parameter, which the analysis does not follow), so the false branch
        f (and its else, if any) gets the call as an "if_null" event: a state in which it
        would release a lock held is not on that branch (propagate). Without it, the loop's
        path and the not-taken test seemed to return holding lru_lock, and hundreds of the
        whole tree's functions with it; mm/vmscan.c's check_move_unevictable_folios()
        counts events first and has an else."""
        self.blocks[f].events.insert(0, dataclasses.replace(act, kind="if_null"))

    def branch(self, cond, t: int, f: int) -> bool:
        """Evaluates condition `cond` from the current block and goes on to block t where it
        is true and f where it is false. `!`, `&&` and `||` become edges, as C evaluates
        them: an operand runs only where the operands before it did not decide, and what it
        tests (a trylock, a call's result) is known only on the edges leaving it. So
        `if (a || !spin_trylock(l))` enters its body never holding l (a was true and l was
        not tried, or the trylock failed), and its else always holding it; a trylock
        undone on one whole branch got one of the two wrong. True when some operand tested
        a trylock or a call's result."""
        shape = self.cond_shape(cond)
        if shape[0] == "not":
            tested = self.branch(shape[1], f, t)
        elif shape[0] in ("and", "or"):
            rest = self.new()
            first = self.branch(shape[1], rest, f) if shape[0] == "and" else \
                self.branch(shape[1], t, rest)
            self.cur = rest
            tested = self.branch(shape[2], t, f) or first
        else:
            tested = self.test(shape[1], t, f)
        self.cur = None
        return tested

    def test(self, leaf, t: int, f: int) -> bool:
        """One operand of a condition (no `!`, `&&`, `||` at its top): its edges to t and f,
        with what each edge tells: a trylock failed (try_fail), the tested call succeeded or
        failed (ret_ok / ret_fail)."""
        value = self.cond_const(leaf)
        if value is not None:        # `IS_ENABLED(CONFIG_X)`: one way only
            self.edge(self.cur, t if value else f)
            return False
        warned = self.warning_args(leaf)
        if warned is not None:
            # `if (WARN_ON_ONCE(x))` ([[assert]] never_true): x runs, the warning does not
            # fire (a path that needs it is one the kernel already calls a bug)
            for arg in warned:
                self.expr(arg)
            self.edge(self.cur, f)
            return False
        # a context predicate is a plain test (correlate), not the code it expands to
        # (preempt_count(), the flags read of irqs_disabled()): nothing there for the rules
        context = self.context_test(leaf)
        mark = len(self.trylocks)
        if not context:
            self.expr(leaf)
        tries, fail_if_true, key = self.trylocks[mark:], False, ""
        # `if (contended)`, `if (!raw_spin_trylock_rcu_node(p))`: the tested value is a
        # variable holding a trylock's result (or a statement expression ending in one)
        stored = self.stored_tries.get(self.value_var(leaf) or "")
        if stored is not None:
            tries, fail_if_true, key = stored
        ret = self.ret_test(leaf) if not context else None
        if ret is not None and tries and not self.result_says(ret[0]):
            ret = None
        if not tries and ret is None:
            if self.cur is not None:
                self.plain_tests.append((leaf, self.cur, t, f))
            self.edge(self.cur, t)
            self.edge(self.cur, f)
            return False
        test = self.cur if self.cur is not None else self.new()
        yes, no = self.new(), self.new()
        for edge, to in ((yes, t), (no, f)):
            self.edge(test, edge)
            self.edge(edge, to)
        if ret is not None and not tries:
            # `success = f(); if (!success) { ... success = true; } ... if (!success)`
            # (kvfree_call_rcu()): the variable's value, kept as for a plain test, tells the
            # second test which way the constant assigned in between goes
            self.plain_tests.append((leaf, test, yes, no))
        loc = self.cond_loc(leaf)
        if ret is not None:
            callee, fail_when_true = ret
            var = self.value_var(leaf)
            if var is not None and self.last_call.get(var) == callee:
                self.var_ret_tests.append((yes, no, var, callee, fail_when_true, loc))
            self.ret_events(yes, no, callee, fail_when_true, loc)
        for e in tries:               # the trylock failed on this edge: nothing is held
            self.blocks[yes if fail_if_true else no].events.append(
                Event("try_fail", e.loc, api=e.api, lock=e.lock, lock_kind=e.lock_kind,
                      hardirqs="restore" if e.hardirqs == "save" else
                      ("on" if e.hardirqs == "off" else ""),
                      softirqs="on" if e.softirqs == "off" else ""))
        if key:
            self.try_tests.setdefault(key, []).append((yes, no, loc))
        return True

    def store_value(self, var: str, value, mark: tuple[int, int]) -> None:
        """What `var = value` (or its initialisation) keeps for a later test of var: the
        trylocks value ran (`contended = !spin_trylock(l)`) and the function whose result it
        is. A statement expression ending in a variable (the kernel's `lock_timer()` and
        `raw_spin_trylock_rcu_node()` macros) hands on what that variable holds. `mark`:
        self.mark() before value was walked."""
        tries, calls = self.trylocks[mark[0]:], self.calls[mark[1]:]
        if self.stmt_expr_value(value) is not None:
            src = self.value_var(value)
            if src is not None and src != var:
                self.stored_tries.pop(var, None)
                if src in self.stored_tries:
                    self.stored_tries[var] = self.stored_tries[src]
                elif tries:
                    self.stored_tries[var] = (tries, False, var)
                if self.last_call.get(src) in calls:
                    self.holds_result(var, self.last_call[src])
                return
            # only a call the expression made itself: the calls inside an API macro's
            # expansion (kzalloc() is `({ ... _res = kzalloc_noprof(...); _res; })`) are
            # the API, not a function whose exits a test of the result could select
            callee = self.value_call(value)
            if callee in calls:
                self.holds_result(var, callee)
        else:
            callee = self.value_call(value)
            if callee is None or tries and not self.result_says(callee):
                self.last_call.pop(var, None)   # no longer (only) that call's result
            else:
                self.holds_result(var, callee)
        if tries:
            self.stored_tries[var] = (tries, self.negates(value), var)
        else:
            self.stored_tries.pop(var, None)

    def holds_result(self, var: str, callee: str) -> None:
        self.last_call[var] = callee
        if callee and callee not in self.result_of.setdefault(var, []):
            self.result_of[var].append(callee)

    def result_says(self, callee: str) -> bool:
        """Whether a test of the result of the trylock API `callee` tells more than the
        trylock's own success: only for a [refcount] dec_and_test API (the last reference
        was dropped). `_raw_spin_trylock()`, which libclang sees under raw_spin_trylock()
        (pycparser keeps the macro's name, no function), is no function with exits to
        select."""
        return callee.partition("@")[0] in self.ex.k.last_reference

    def results_tested_later(self) -> None:
        """A test of a variable is a test of the result of every function the body stores
        in it, also below the test: `timr = lock_timer(...); retry: if (!timr) return;
        ... timr = timer_wait_running(timr, &flags); goto retry;` (do_timer_settime()).
        The test was walked knowing only lock_timer(): timer_wait_running()'s exits that
        failed to relock must take the same branch."""
        for yes, no, var, first, fail_when_true, loc in self.var_ret_tests:
            for callee in self.result_of.get(var, ()):
                if callee != first:
                    self.ret_events(yes, no, callee, fail_when_true, loc)

    def ret_events(self, yes: int, no: int, callee: str, fail_when_true: bool,
                   loc: Loc) -> None:
        """The ret_ok / ret_fail events on the true (yes) and false (no) edges of a test of
        what `callee` returned."""
        self.blocks[yes].events.append(Event("ret_fail" if fail_when_true else "ret_ok", loc,
                                             callee=callee))
        self.blocks[no].events.append(Event("ret_ok" if fail_when_true else "ret_fail", loc,
                                            callee=callee))

    def correlate_try_tests(self) -> None:
        """A trylock result tested twice (`if (___locked) smp_mb();` inside
        raw_spin_trylock_rcu_node(), then the caller's `if (!...)`): both tests take the same
        branch. The first test's failure edge dropped the lock and joined its success edge
        again; the value the branches record keeps the second test from entering its success
        branch on that path. Only for results tested more than once: each value recorded
        splits states that would otherwise merge."""
        for key, tests in self.try_tests.items():
            if len(tests) < 2:
                continue
            for yes, no, loc in tests:
                self.branch_values(yes, no, key, "1", "0", loc)

    # ---- values along branches (see propagate.branch_taken) ------------------------------

    # Needs, from the frontend: leaf_values(node) -> (key, value if true, value if false)
    # for an operand that tests a variable, else None.

    def correlate(self, mark: int, t: int, f: int, loc: Loc, jumps_only: bool) -> None:
        """`if (atomic) read_lock(l); ... if (atomic) read_unlock(l)`: the edges leaving
        each operand of an if's condition (self.plain_tests from `mark` on) record the value
        the variable it tests has there, so that a second test of it takes the same branch
        (a bounded Smatch-like implication, see propagate.branch_taken). A whole condition
        that is one test records them at the start of the if's branches t and f; an operand
        of `&&`/`||` on its own edges: the false branch of `rnp != rnp_start &&
        rnp->parent` is either "equal" or "no parent" (rcu_start_this_gp()). `loc`: the
        condition's; `jumps_only`: the branches do nothing but jump (see finish)."""
        tests = self.plain_tests[mark:]
        del self.plain_tests[mark:]
        for leaf, blk, lt, lf in tests:
            values = self.leaf_values(leaf)
            if values is None:
                continue
            key, yes, no = values
            key = self.entry_key(key)
            self.tests[key] = self.tests.get(key, 0) + 1
            if len(tests) != 1 or {lt, lf} != {t, f}:
                lt, lf, loc = self.split(blk, lt), self.split(blk, lf), self.cond_loc(leaf)
                self.operand_tests.append((key, lt, lf))
            self.branch_values(lt, lf, key, yes, no, loc)
            flag = self.flag_field(leaf) if (yes, no) == ("1", "0") else None
            if flag:
                # the flag's struct field: a flag no code sets is false (link.never_set)
                for blk, v in ((lt, yes), (lf, no)):
                    self.blocks[blk].events.insert(0, Event("flag", loc, api=key, mode=v,
                                                            field=flag))
            if jumps_only:
                self.jump_tests.append((key, lt, lf))
            else:
                self.acting.add(key)

    def context_test(self, leaf) -> str:
        """What a condition operand tests when it is a [context_tests] predicate
        (`in_hardirq()`), else ''; the frontends say."""
        return ""

    def flag_field(self, leaf) -> str | None:
        """The struct field (`struct snd_pcm.nonatomic`) when a condition's operand is a
        boolean member (bool or a one-bit bitfield) read from a pointer or struct; the
        frontends say."""
        return None

    def while_test(self, cond, value: int | None, start: int, exit_: int) -> None:
        """The test of `while (cond)` (`value` its constant value, None when not one), into
        the body at start or out at exit_. Its operands are tested as an if's are (branch):
        `while (io_acct_run_queue(acct)) io_worker_handle_work(acct, worker);`
        (io_uring/io-wq.c:739) enters the body where the call returned true holding
        acct->lock, and leaves where it returned false having dropped it; with plain edges,
        the exit that holds the lock left the loop too, and io_wq_worker() seemed to run
        everything after it under a spinlock. `while (1)` leaves by break only."""
        if value not in (None, 0):
            self.expr(cond)
            self.edge(self.cur, start)
            return
        mark = len(self.plain_tests)
        self.branch(cond, start, exit_)
        del self.plain_tests[mark:]           # values: loop_entry_values, parameters only
        self.loop_entry_values(cond, start)

    def loop_entry_values(self, cond, start: int) -> None:
        """`while (pool->free == NULL && !nonblock && ...)`: the loop body is entered only
        where every operand of a `&&` condition held, so a parameter among them has its
        value there (snd_seq_cell_alloc(): a caller's constant nonblock = 1 means the body
        never runs; see propagate.consistent). Parameters only: a loop's own variables
        change each iteration, and each value kept splits states."""
        loc = self.cond_loc(cond)
        for leaf, truth in self.conjuncts(cond, True):
            values = self.leaf_values(leaf)
            if values is None or values[0] not in self.params:
                continue
            key, yes, no = values
            self.cond_keys.add(key)
            self.blocks[start].events.insert(0, Event("cond", loc, api=key,
                                                      mode=yes if truth else no))

    def conjuncts(self, cond, positive: bool):
        """The operands (leaf, truth) that all hold where `cond` is `positive`: through `!`,
        `&&`, and a negated `||`."""
        shape = self.cond_shape(cond)
        if shape[0] == "not":
            yield from self.conjuncts(shape[1], not positive)
        elif shape[0] == ("and" if positive else "or"):
            yield from self.conjuncts(shape[1], positive)
            yield from self.conjuncts(shape[2], positive)
        elif shape[0] == "leaf":
            yield shape[1], positive

    def split(self, a: int, b: int) -> int:
        """A new block on the edge a -> b."""
        n = self.new()
        succs = self.blocks[a].succs
        succs[succs.index(b)] = n
        self.blocks[n].succs.append(b)
        return n

    @staticmethod
    def pair_values(a: str | None, b: str | None, equal: bool):
        """`if (rnp != rnp_start) raw_spin_lock(&rnp->lock); ... if (rnp != rnp_start)
        raw_spin_unlock(&rnp->lock);` (rcu_start_this_gp()): a comparison of two local
        variables or parameters a and b finds, as a test of one variable does, whether they
        are equal (key pair_key(a, b), true when equal), so that a second comparison of the
        same two takes the same branch. `equal`: the comparison is true when they are."""
        if a is None or b is None or a == b:
            return None
        return (pair_key(a, b),) + (("1", "0") if equal else ("0", "1"))

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
    # api_lock(node, text), api_function(node), api_int(node), api_references(arg) for its
    # own kind of node.

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
        else:
            # `kthread_run(fn, ...)`, `wait_event(wq, done(x))`: an API's arguments are not
            # walked as code, but a static function named there is not dead
            self.api_references(arg)
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

    # ---- a function stored into a struct field ------------------------------------------
    # Needs, from the frontend: fn_value(node), the function an argument is or "#argN".

    def bound_function(self, value) -> str:
        """The function a store of `value` into a field binds there, by assignment
        (`desc->handle_irq = handle`) or in an initializer (`{ .func = func }`): the function
        named, or, for this function's own function-pointer parameter N, "FID#argN":
        whatever function a caller passes there (link resolves it). '' for anything else."""
        fn = self.fn_value(value)
        return f"{self.fid}{fn}" if fn.startswith("#arg") else fn
