"""Facts: what the frontend learned from one translation unit, as plain data.

These dataclasses are the contract between the frontend and everything after it, and they are
the cache format: `to_json`/`from_json` round-trip them exactly. Nothing here knows about
libclang; a second frontend only has to produce the same shapes.
"""
from __future__ import annotations

import dataclasses
import json
import sys
from dataclasses import dataclass, field

FACTS_VERSION = 1


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


@dataclass(frozen=True, order=True, slots=True)
class LockRef:
    """How a lock expression names its lock.

    kind: global | static | member | param | local | unknown
    name: the lock class for global/static/member ("seamldr_lock", "drv.c:seamldr_lock",
          "struct foo.q.lock"), the parameter index for param ("0"), the variable for local.
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


@dataclass(frozen=True, slots=True)
class Event:
    """One thing a function body does that matters for locking, in execution order.

    kind is one of
      acquire   take `lock` (mode w/r, trylock?) and change hardirq/softirq state
      release   drop `lock` and restore/enable state
      irq       change only the interrupt/bottom-half state (local_irq_save, ...)
      call      call a function: `callee` (direct) or through struct field `field`
      sleep     a call that may sleep
      try_fail  the failure edge of a trylock condition: undo the acquisition
      ret_ok / ret_fail  the branches of an `if` that tests what `callee` returned
      assert    the code states the state here (`api`: lockdep_assert_irqs_disabled): hardirqs
                off/on, or the context it runs in
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
    # when the argument is the caller's own parameter N (a function pointer handed on)
    fnargs: tuple = ()
    consts: tuple = ()         # call: ((argument index, integer value), ...) of constant args


@dataclass(slots=True)
class Block:
    """A basic block of the body's control-flow graph."""
    id: int
    events: list[Event] = field(default_factory=list)
    succs: list[int] = field(default_factory=list)


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


@dataclass(frozen=True, slots=True)
class Binding:
    """`.field = fn` in an initializer or `x->field = fn`: `fn` may be called through `field`."""
    field: str
    function: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class Registration:
    """A call that makes `function` an entry point running in `context`."""
    function: str
    context: str               # task | softirq | hardirq | nmi
    hardirqs: str              # on | off
    api: str
    loc: Loc
    forced: bool = False       # forced interrupt threading (threadirqs) would run it in a thread


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


# ---- serialization ------------------------------------------------------------------------

def to_json(facts: FileFacts) -> str:
    return json.dumps({"version": FACTS_VERSION, "facts": dataclasses.asdict(facts)},
                      sort_keys=True, separators=(",", ":"))


def _loc(d):
    # one string object per file name, not one per location: a whole tree's facts are
    # millions of locations
    return Loc(sys.intern(d["file"]), d["line"], d["col"], d["end_line"], d["end_col"])


def _lockref(d):
    return None if d is None else LockRef(**d)


def _event(d):
    d = dict(d)
    d["loc"] = _loc(d["loc"])
    d["api"], d["callee"], d["field"] = (sys.intern(d["api"]), sys.intern(d["callee"]),
                                         sys.intern(d["field"]))
    d["lock"] = _lockref(d["lock"])
    d["args"] = tuple(_lockref(a) for a in d["args"])
    d["fnargs"] = tuple((i, sys.intern(f)) for i, f in d["fnargs"])
    d["consts"] = tuple((i, v) for i, v in d["consts"])
    return Event(**d)


def from_json(text: str) -> FileFacts:
    """Inverse of to_json; raises ValueError on anything that is not our format."""
    try:
        doc = json.loads(text)
        if doc.get("version") != FACTS_VERSION:
            raise ValueError("facts version mismatch")
        f = doc["facts"]
        functions = [
            Function(id=fn["id"], name=fn["name"], loc=_loc(fn["loc"]), params=list(fn["params"]),
                     blocks=[Block(id=b["id"], events=[_event(e) for e in b["events"]],
                                   succs=list(b["succs"])) for b in fn["blocks"]],
                     entry=fn["entry"], exit=fn["exit"], in_header=fn["in_header"])
            for fn in f["functions"]]
        return FileFacts(
            path=f["path"], functions=functions,
            bindings=[Binding(b["field"], b["function"], _loc(b["loc"])) for b in f["bindings"]],
            registrations=[Registration(r["function"], r["context"], r["hardirqs"], r["api"],
                                        _loc(r["loc"]), r["forced"])
                           for r in f["registrations"]],
            lockdefs=[LockDef(d["name"], d["lock_class"], d["type"], _loc(d["loc"]))
                      for d in f["lockdefs"]],
            errors=list(f["errors"]), lost_statements=f["lost_statements"],
            recovered=f["recovered"])
    except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a lockctx facts document: {exc}") from None
