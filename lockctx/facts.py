"""Facts: what the frontend learned from one translation unit, as plain data.

These dataclasses are the contract between the frontend and everything after it, and they are
the cache format: `to_json`/`from_json` round-trip them exactly. Nothing here knows about
libclang; a second frontend only has to produce the same shapes.
"""
from __future__ import annotations

import dataclasses
import json
import operator
import re
import sys
from dataclasses import dataclass, field

FACTS_VERSION = 11


def pickled_fast(cls):
    """A frozen slots dataclass pickled as the tuple of its fields. Facts cross from the
    parser processes to the main one pickled, and dataclasses' own __setstate__ for frozen
    slots classes calls fields() per object: unpickling kernel/'s facts took 4.2 s of the
    main process's time, 2.7 s with this (its __getstate__ likewise in the workers)."""
    names = tuple(f.name for f in dataclasses.fields(cls))
    get = operator.attrgetter(*names)
    set_field = object.__setattr__      # frozen: the dataclass's own __setattr__ refuses

    def __getstate__(self):
        return get(self)

    def __setstate__(self, state):
        for name, value in zip(names, state):
            set_field(self, name, value)

    cls.__getstate__, cls.__setstate__ = __getstate__, __setstate__
    return cls


@pickled_fast
@dataclass(frozen=True, order=True, slots=True)
class Loc:
    """A source position; `file` is relative to the report root, lines and columns 1-based."""
    file: str
    line: int
    col: int
    end_line: int = 0
    end_col: int = 0

    def short(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@pickled_fast
@dataclass(frozen=True, order=True, slots=True)
class LockRef:
    """How a lock expression names its lock.

    kind: global | static | member | pointer | param | local | unknown
    name: the lock class for global/static/member ("seamldr_lock", "drv.c:seamldr_lock",
          "struct foo.q.lock"), the parameter index for param ("0"), the variable for local.
          pointer is a member that points to a lock (`fw->ptl`, `spinlock_t *ptl;`), named
          as a member is: it may point to a lock taken under another name.
    display: the expression as written ("&priv->lock").
    """
    kind: str
    name: str
    display: str = ""


def lock_name(cls: str) -> str:
    """The name a lock class is shown by: `drv.c:seamldr_lock` -> `seamldr_lock`; member
    classes stay `struct foo.lock`."""
    if cls.startswith("struct "):
        return cls
    return cls.rsplit(":", 1)[-1]


@pickled_fast
@dataclass(frozen=True, slots=True)
class Event:
    """One thing a function body does that matters for locking, in execution order.

    kind is one of
      acquire   take `lock` (mode w/r, trylock?) and change hardirq/softirq state
      release   drop `lock` and restore/enable state
      irq       change only the interrupt/bottom-half state (local_irq_save, ...)
      call      call a function: `callee` (direct) or through struct field `field`, or
                through the function's own parameter N: `field` is then "fid#argN"
                (param_field) and `api` the parameter's name (`ack(bus, azx_dev)`)
      sleep     a call that may sleep
      try_fail  the failure edge of a trylock condition: undo the acquisition
      ret_ok / ret_fail  the branches of an `if` that tests what `callee` returned
      flag      a branch of a test of a boolean struct member: `api` the member chain, `mode`
                "1"/"0", `field` the struct field (`struct snd_pcm.nonatomic`)
      cond      the branch taken here finds `api` (a variable) has value `mode`
      assign    `api` is written: what was known of it is gone; `consts`: its new value,
                when a constant
      dead      no later test reads `api`: what was known of it is retired (propagate.retire)
      assert    the code states the state here (`api`: lockdep_assert_irqs_disabled): hardirqs
                off/on, or the context it runs in
      if_null   the false branch of `if (p) release_through(p);`: the release (or call) that
                the true branch makes, as a test: a state it would release a held lock in
                does not take this branch (cfg.Graph.null_guard)
    """
    kind: str
    loc: Loc
    api: str = ""              # the API as written: "spin_lock_irqsave", "guard(raw_spinlock)"
    lock: LockRef | None = None
    lock_kind: str = ""        # spin | rwlock | mutex | ...
    mode: str = "w"            # w | r
    trylock: bool = False
    hardirqs: str = ""         # "" | off | on | save | restore
    softirqs: str = ""         # "" | off | on
    sleeps: bool = False       # the acquisition itself may sleep (mutex_lock)
    callee: str = ""           # function id of a direct call
    field: str = ""            # "struct ops.kick" for an indirect call
    args: tuple[LockRef | None, ...] = ()  # lock-like arguments of a call, by position
    context: str = ""          # assert: hardirq | softirq | held (`lock` is held here)
    # call: ((argument index, function id), ...) for arguments that are functions; "#argN"
    # when the argument is the caller's own parameter N (a function pointer handed on);
    # FIELDREF + field when it is read from a struct field
    fnargs: tuple = ()
    # call: ((argument index, integer value or NONNULL), ...) of constant args, and "#argN"
    # for an argument that is the caller's own parameter N, handed on ("!#argN": its
    # negation, `!head`); assign:
    # ((0, value),) when the value assigned is such a constant
    consts: tuple = ()
    # call: ((argument index, table), ...) for arguments that are the address of an ops
    # table (FileFacts.tables: `&snd_pcm_action_start`, its variable id), or "#argN" for the
    # caller's own parameter N, a pointer to a const struct, handed on
    tables: tuple = ()
    # call through a field: N when the struct is the function's own parameter N, a pointer
    # to a const struct the body never assigns (`ops->do_action(...)`); -1 otherwise
    base: int = -1
    # call: ((argument index, variable), ...) for arguments that are a local variable or
    # parameter of the caller some condition of the caller tests a member of (`if
    # (ohci->autostop) ohci_rh_resume(ohci);`): the callee's copy of that member on entry
    # has the value the test found (propagate.Propagator.entry_members)
    argvars: tuple = ()
    # call: ((argument index, object), ...) for arguments that say which struct the object
    # they point to is embedded in (propagate.Propagator.fits): "struct S.m" for `&x->m`,
    # "struct S.m#N" for `&p->m` with p the caller's parameter N (the object p points to is
    # in turn embedded as its caller said), "#N" for parameter N handed on, "^struct T.m#N"
    # for `container_of(p, struct T, m)` of parameter N (or a local initialised with it):
    # the object the member is embedded in
    objargs: tuple = ()


def object_spec(spec: str) -> tuple[str, int | None]:
    """(what, N) of an Event.objargs spec: N the caller's parameter it is relative to, None
    for none ("struct S.m"); what is "" for the parameter itself ("#N"). A driver's struct
    carries its file in its name, and a file name may hold a '#': N is digits after the last
    one."""
    head, sep, n = spec.rpartition("#")
    return (head, int(n)) if sep and n.isdigit() else (spec, None)


def param_field(fid: str, n: int) -> str:
    """Event.field of a call through parameter n of function fid: the same "fid#argN" a
    Binding.function names a parameter by. Link binds to it the functions fid's callers
    pass as argument n, as if the parameter were a field they stored them in."""
    return f"{fid}#arg{n}"


def called_param(field: str) -> int:
    """N when Event.field is a call through the function's parameter N (param_field),
    -1 for a struct field."""
    _, sep, n = field.rpartition("#arg")
    return int(n) if sep and n.isdigit() else -1


# Event.consts: an address (`&x`, `&p->f`, `&a[i]`) whose value is unknown but is not NULL
NONNULL = "&"
# Event.consts: FLAG + "struct snd_pcm.nonatomic", a boolean member passed or assigned: false
# if no analysed code sets that field (link.never_set), else unknown
FLAG = "?"
# Event.consts: NOT + "#argN", the negation of the caller's own parameter N (`!head`)
NOT = "!"
# Event.consts: OR + "#argN", `async || x`: true where the caller's parameter N is, else
# unknown (blk_mq_start_stopped_hw_queues()'s `async || (hctx->flags & BLK_MQ_F_BLOCKING)`)
OR = "|"


# Event.consts: "#argN" + MASKED_OR or MASKED_AND + K, the caller's parameter N with the
# bits of constant K set or kept (`mem_flags | __GFP_ZERO`, `gfp & ~__GFP_ZERO`)
MASKED_OR = "|="
MASKED_AND = "&="
_HANDED = re.compile(r"#arg(\d+)(?:(?:\|=|&=)-?\d+)?$")


def handed_param(v) -> int | None:
    """N for an Event.consts value that hands on the caller's own parameter N: "#argN", or
    its negation or disjunction (NOT, OR), or it with some bits set or kept (MASKED_OR,
    MASKED_AND); None for anything else."""
    if not isinstance(v, str):
        return None
    m = _HANDED.match(v.lstrip(NOT + OR))
    return int(m.group(1)) if m else None


def masked(value: int, v: str) -> int:
    """The value of a MASKED_OR / MASKED_AND hand-on (`v`) of a parameter that is `value`."""
    for op, apply in ((MASKED_OR, int.__or__), (MASKED_AND, int.__and__)):
        _, sep, k = v.partition(op)
        if sep:
            return apply(value, int(k))
    return value


# Event.api of a "cond" event: CONTEXT_TEST + what a kernel context predicate tests
# (rules.toml [context_tests]: "%hardirq" for `in_hardirq()`), "1" or "0" on each branch
CONTEXT_TEST = "%"


def array_field(vid: str) -> str:
    """The Binding.field / Event.field of a file-scope array of function pointers (`static
    void (*event_handlers[])(struct ehci_hcd *) = {...}`, called as `event_handlers[e](x)`):
    every function its initializer names is a target of every call through an element."""
    return vid + "[]"


# Event.fnargs: FIELDREF + "struct intel_context_ops.destroy", a function pointer read from
# a struct field (`kref_put(&ce->ref, ce->ops->destroy)`): one of the functions bound there
FIELDREF = "."


@dataclass(slots=True)
class Block:
    """A basic block of the body's control-flow graph. Lists while a frontend builds it,
    tuples once the file's facts are settled (freeze_blocks): a whole tree has a million
    blocks, and the spare room of their lists was 70 MiB."""
    id: int
    events: list[Event] | tuple[Event, ...] = field(default_factory=list)
    succs: list[int] | tuple[int, ...] = field(default_factory=list)


def freeze_blocks(functions: list[Function]) -> None:
    for fn in functions:
        for b in fn.blocks:
            b.events, b.succs = tuple(b.events), tuple(b.succs)


def compact_blocks(blocks: list[Block]) -> list[Block]:
    """The same control flow with fewer blocks: a block with no events and one successor is
    bypassed, unreachable blocks are dropped, and the rest renumbered (entry 0 and exit 1
    keep their ids). Most blocks a C body produces are such joins; skipping them saves
    memory in the cache and work in every later pass."""
    def target(b: int) -> int:
        seen = set()
        while b > 1 and not blocks[b].events and len(blocks[b].succs) == 1 and b not in seen:
            seen.add(b)
            b = blocks[b].succs[0]
        return b

    succs = {}
    order, work = [], [0, 1]
    while work:
        b = work.pop()
        if b in succs:
            continue
        succs[b] = list(dict.fromkeys(target(s) for s in blocks[b].succs))
        order.append(b)
        work.extend(reversed(succs[b]))
    ids = {0: 0, 1: 1}
    for b in sorted(order):
        ids.setdefault(b, len(ids))
    out = [Block(ids[b], blocks[b].events, [ids[s] for s in succs[b]]) for b in order]
    return sorted(out, key=lambda blk: blk.id)


@dataclass(slots=True)
class Function:
    """A function definition: its id is `name` for external linkage, `name@file` for static."""
    id: str
    name: str
    loc: Loc
    params: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    entry: int = 0
    exit: int = 1
    in_header: bool = False
    # ((parameter index, "struct T.m"), ...): the body takes `container_of(p, struct T, m)` of
    # that parameter: the object passed must be member m of a struct T (kobj_to_dev() of a
    # kobject: the device's own kobject, not an irq_desc's)
    containers: tuple = ()


@pickled_fast
@dataclass(frozen=True, slots=True)
class Binding:
    """`.field = fn` in an initializer or `x->field = fn`: `fn` may be called through `field`.

    sets: the boolean fields (bool, or a one-bit bitfield) of the same struct that are set to
    anything but a constant 0 beside it, sorted: in the same initializer, or, for a store in
    code, into the same struct type in the same function (`.can_sleep = true`, `gc->can_sleep
    = 1` in the probe that also stores `gc->set`, or that copies a file-scope template holding
    the functions into the struct). A flag assigned under an `if` or from a variable may be
    set, so it counts. rules.toml's [[callback]] `unless_set` reads them."""
    field: str
    function: str
    loc: Loc
    sets: tuple[str, ...] = ()
    # the file-scope variable whose initializer made it (its id: `name`, or `name@file` for
    # a static one, as a function's); '' for a store in code
    owner: str = ""
    # the function whose body made it (a store in code, a local's initializer): what else
    # it does to the same kind of object may say how the core calls the function (a soft
    # hrtimer: rules.toml [[callback]] softirq_if)
    by: str = ""


def with_sets(bindings: list[Binding], which, flags: set[str]) -> None:
    """Add the flags stored in code ("OWNER.FIELD" keys, see Binding.sets) to the bindings at
    the indices `which`, for the same struct type: the ones one function's body made, or the
    initializer's of a file-scope template that body copies whole (`chip->gc = template;`
    then `chip->gc.can_sleep = true;`)."""
    if not flags:
        return
    for i in which:
        b = bindings[i]
        owner = b.field.rsplit(".", 1)[0]
        mine = {f.rsplit(".", 1)[1] for f in flags if f.rsplit(".", 1)[0] == owner}
        if mine - set(b.sets):
            bindings[i] = dataclasses.replace(b, sets=tuple(sorted(mine | set(b.sets))))


@pickled_fast
@dataclass(frozen=True, slots=True)
class Registration:
    """A call that makes `function` an entry point running in `context`."""
    function: str
    context: str               # task | softirq | hardirq | nmi
    hardirqs: str              # on | off
    api: str
    loc: Loc
    forced: bool = False       # forced interrupt threading (threadirqs) would run it in a thread


@pickled_fast
@dataclass(frozen=True, slots=True)
class LockDef:
    name: str
    lock_class: str
    type: str
    loc: Loc


@dataclass(slots=True)
class FileFacts:
    path: str
    functions: list[Function] = field(default_factory=list)
    bindings: list[Binding] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)
    lockdefs: list[LockDef] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)       # parse errors, "file:line:col: text"
    lost_statements: int = 0   # statements clang dropped (undeclared identifiers)
    recovered: int = 0         # lock API uses recovered from tokens where the AST lost them
    # ids of the static functions (`name@file`) the code of this TU names other than as the
    # callee of a direct call: stored, passed, assigned, returned. A static function nothing
    # calls and nothing names is dead in this configuration (link: not a root)
    referenced: list[str] = field(default_factory=list)
    # the ids of the ops tables defined here: file-scope const struct variables whose
    # initializer sets every function pointer field to a function or NULL, so that the
    # bindings it made (Binding.owner) are all a call through the table can reach
    tables: list[str] = field(default_factory=list)
    # (function id, header) for each function with external linkage defined here whose first
    # declaration is in a header: a header outside the shared include directories
    # (kernel/sched/sched.h) is included only by its own directory's files, so a function
    # declared only there has all its callers there (link.dead)
    declared: list[tuple[str, str]] = field(default_factory=list)
    # the boolean struct fields (`struct snd_pcm.nonatomic`) this TU stores anything but a
    # constant 0 in, in code or an initializer: a flag no file sets is false (link.never_set)
    set_flags: list[str] = field(default_factory=list)
    # (struct, header) for each shared struct (one declared in a shared header, its name
    # without a file) whose flag this TU tests or sets: a flag's closed world is the code
    # that can include its struct's header (link.never_set). A driver's own struct carries
    # its file in its name (frontend.owner_key).
    struct_headers: list[tuple[str, str]] = field(default_factory=list)


# ---- serialization ------------------------------------------------------------------------
# Positional, not named: a kernel directory's facts are millions of events and locations, and
# decoding them is most of a warm run that must analyse again. An event is its fields in
# declaration order with the trailing defaults left out; a location or lock reference is a
# list of its fields; a binding leaves out empty sets.

_EVENT_FIELDS = [f.name for f in dataclasses.fields(Event)]
_EVENT_DEFAULTS = [f.default for f in dataclasses.fields(Event)]


def _loc_out(loc: Loc) -> list:
    return [loc.file, loc.line, loc.col, loc.end_line, loc.end_col]


def _lockref_out(r: LockRef | None):
    return None if r is None else [r.kind, r.name, r.display]


def _event_out(ev: Event) -> list:
    row = [getattr(ev, name) for name in _EVENT_FIELDS]
    row[1] = _loc_out(ev.loc)
    row[3] = _lockref_out(ev.lock)
    row[12] = [_lockref_out(a) for a in ev.args]
    row[14] = [list(x) for x in ev.fnargs]
    row[15] = [list(x) for x in ev.consts]
    row[16] = [list(x) for x in ev.tables]
    row[18] = [list(x) for x in ev.argvars]
    row[19] = [list(x) for x in ev.objargs]
    n = len(row)
    while n > 2 and row[n - 1] == _EVENT_DEFAULTS[n - 1] or (n > 2 and row[n - 1] == []):
        n -= 1
    return row[:n]


def to_json(facts: FileFacts) -> str:
    doc = {
        "path": facts.path,
        "functions": [[fn.id, fn.name, _loc_out(fn.loc), fn.params,
                       [[b.id, [_event_out(e) for e in b.events], b.succs] for b in fn.blocks],
                       fn.entry, fn.exit, fn.in_header, [list(x) for x in fn.containers]]
                      for fn in facts.functions],
        "bindings": [_binding_out(b) for b in facts.bindings],
        "registrations": [[r.function, r.context, r.hardirqs, r.api, _loc_out(r.loc), r.forced]
                          for r in facts.registrations],
        "lockdefs": [[d.name, d.lock_class, d.type, _loc_out(d.loc)] for d in facts.lockdefs],
        "errors": facts.errors, "lost_statements": facts.lost_statements,
        "recovered": facts.recovered, "referenced": facts.referenced, "tables": facts.tables,
        "declared": [list(d) for d in facts.declared], "set_flags": facts.set_flags,
        "struct_headers": [list(d) for d in facts.struct_headers],
    }
    return json.dumps({"version": FACTS_VERSION, "facts": doc}, separators=(",", ":"))


def _loc(d):
    # one string object per file name, not one per location: a whole tree's facts are
    # millions of locations
    file, line, col, end_line, end_col = d
    return Loc(sys.intern(file), line, col, end_line, end_col)


def _lockref(d):
    return None if d is None else LockRef(*d)


_intern = sys.intern


def _event(row):
    n = len(row)
    if n < 2 or n > len(_EVENT_FIELDS):
        raise TypeError("event row length")
    kind, loc = row[0], _loc(row[1])
    if n == 2:
        return Event(kind, loc)
    rest = list(row[2:]) + _EVENT_DEFAULTS[n:]
    # rest: api lock lock_kind mode trylock hardirqs softirqs sleeps callee field args context
    #       fnargs consts tables base argvars objargs
    api, lock, lock_kind, mode, trylock, hardirqs, softirqs, sleeps, callee, field_, args, \
        context, fnargs, consts, tables, base, argvars, objargs = rest
    return Event(kind, loc, _intern(api), _lockref(lock), lock_kind, mode, trylock, hardirqs,
                 softirqs, sleeps, _intern(callee), _intern(field_),
                 tuple(_lockref(a) for a in args), context,
                 tuple((i, _intern(f)) for i, f in fnargs), tuple((i, v) for i, v in consts),
                 tuple((i, _intern(t)) for i, t in tables), base,
                 tuple((i, _intern(v)) for i, v in argvars),
                 tuple((i, _intern(v)) for i, v in objargs))


def _binding(fld, fn, loc, sets=(), owner="", by=""):
    return Binding(fld, fn, _loc(loc), tuple(_intern(x) for x in sets), _intern(owner),
                   _intern(by))


def _binding_out(b: Binding) -> list:
    row = [b.field, b.function, _loc_out(b.loc), list(b.sets), b.owner, b.by]
    return row if b.by else row[:5] if b.owner else row[:4] if b.sets else row[:3]


def made_by(bindings: list[Binding], which, fid: str) -> None:
    """Binding.by for the bindings in `which` a function body made."""
    for i in which:
        if not bindings[i].owner:
            bindings[i] = dataclasses.replace(bindings[i], by=fid)


def from_json(text: str) -> FileFacts:
    """Inverse of to_json; raises ValueError on anything that is not our format."""
    try:
        doc = json.loads(text)
        if doc.get("version") != FACTS_VERSION:
            raise ValueError("facts version mismatch")
        f = doc["facts"]
        functions = [
            Function(id=fid, name=name, loc=_loc(loc), params=list(params),
                     blocks=[Block(id=bid, events=tuple([_event(e) for e in events]),
                                   succs=tuple(succs)) for bid, events, succs in blocks],
                     entry=entry, exit=exit_, in_header=in_header,
                     containers=tuple((i, _intern(t)) for i, t in containers))
            for fid, name, loc, params, blocks, entry, exit_, in_header, containers
            in f["functions"]]
        return FileFacts(
            path=f["path"], functions=functions,
            bindings=[_binding(*row) for row in f["bindings"]],
            registrations=[Registration(fn, ctx, hard, api, _loc(loc), forced)
                           for fn, ctx, hard, api, loc, forced in f["registrations"]],
            lockdefs=[LockDef(name, cls, typ, _loc(loc)) for name, cls, typ, loc in f["lockdefs"]],
            errors=list(f["errors"]), lost_statements=f["lost_statements"],
            recovered=f["recovered"], referenced=list(f["referenced"]),
            tables=list(f["tables"]),
            declared=[(_intern(fid), _intern(h)) for fid, h in f["declared"]],
            set_flags=list(f["set_flags"]),
            struct_headers=[(_intern(st), _intern(h)) for st, h in f["struct_headers"]])
    except (KeyError, TypeError, AttributeError, ValueError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a lockctx facts document: {exc}") from None
