"""Load and validate rules.toml, the kernel knowledge base.

The loader turns the TOML tables into small frozen records and checks every entry, so that a
mistake in a user's --rules file is one line naming the entry and the problem, not a traceback
deep inside the frontend.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OneLineError

DEFAULT_RULES = Path(__file__).resolve().parent.parent / "rules.toml"

CONTEXTS = ("task", "softirq", "hardirq", "nmi")
LOCK_KINDS = ("spin", "rwlock", "mutex", "rwsem", "semaphore", "rt_mutex")
SLEEPING_KINDS = ("mutex", "rwsem", "semaphore", "rt_mutex")
ACQUIRE = ("exclusive", "shared", "try", "try_shared")


class RulesError(OneLineError):
    """A rules file that cannot be used; str() is the one-line message for the user."""


@dataclass(frozen=True)
class LockApi:
    name: str
    lock_arg: int | None
    kind: str
    acquire: str               # for unlocks: "release"
    hardirqs: str = ""
    softirqs: str = ""
    sleeps: bool = False

    @property
    def mode(self) -> str:
        return "r" if self.acquire in ("shared", "try_shared") else "w"

    @property
    def trylock(self) -> bool:
        return self.acquire.startswith("try")


@dataclass(frozen=True)
class EntryWhen:
    arg: int
    match: str
    context: str = ""
    hardirqs: str = ""


@dataclass(frozen=True)
class EntryApi:
    call: str
    args: tuple[tuple[int, str], ...]
    when: tuple[EntryWhen, ...] = ()
    # forced interrupt threading (`threadirqs`) runs the hardirq handler in a thread unless
    # the flags argument matches: (flags argument, regular expression) or None
    forced_thread: tuple[int, str] | None = None


@dataclass(frozen=True)
class Callback:
    field: str
    context: str               # "": not an entry point (an entry with only unless_set)
    hardirqs: str = ""
    # a boolean field of the same struct (facts.Binding.sets): a function stored in a struct
    # that sets it is not entered here, and an indirect call through `field` made in atomic
    # context does not reach it (gpio_chip.can_sleep: gpiolib lets only the _cansleep API,
    # from task context, call such a chip)
    unless_set: str = ""
    # the kernel documents the method as one that may sleep (Documentation/filesystems/
    # locking.rst: "file_operations ... All may block"): an indirect call through the field
    # is a sleeping call, reported where an atomic context makes it (LC004) and not followed
    # from there (propagate.Propagator.sleeping_call)
    sleeps: bool = False
    # with a field of "struct TYPE.*": the fields of TYPE the entry does not speak for
    # (inode_operations.permission may be called in RCU-walk mode, where it must not block)
    except_fields: tuple[str, ...] = ()
    # (call, arg, flag): a function stored by a body whose every call to `call` passes a
    # constant with bit `flag` set in argument `arg` runs in softirq context instead
    # (hrtimer_init(..., HRTIMER_MODE_REL_SOFT): a soft hrtimer; link.callback_context)
    softirq_if: tuple = ()


@dataclass(frozen=True)
class Root:
    """A function the kernel calls in a known context through something a run may not see
    (an irq flow handler through desc->handle_irq, a CPU-hotplug step with interrupts off)."""
    function: str
    context: str
    hardirqs: str = ""         # off | on; default: off in hardirq/nmi, on elsewhere
    reason: str = ""
    # the function runs with interrupts so whoever calls it (irq_enter_rcu(): entering
    # interrupt context): a caller's path in the other state does not happen, as for a
    # lockdep_assert_irqs_disabled() at its start (propagate.Propagator.requires)
    always: bool = False


# [[sleeps]] unless: the kernel predicates under which a sleeping call does not sleep
SLEEP_UNLESS = ("in_interrupt",)


@dataclass(frozen=True)
class SleepApi:
    call: str
    arg: int | None = None
    flag: str = ""
    # "in_interrupt": it does not sleep where in_interrupt() is true (hardirq, softirq or NMI
    # context, or bottom halves disabled): vfree() hands the work to vfree_atomic() there
    unless: str = ""
    # called first thing, it states that the function runs where it may sleep: an atomic
    # context that reaches it is reported there and followed no further
    # (propagate.asserts_sleepable)
    asserts: bool = False


@dataclass(frozen=True)
class Assertion:
    """What the kernel states at a point (lockdep_assert_irqs_disabled()): evidence about the
    state there, not an effect on it."""
    name: str
    hardirqs: str = ""         # off | on
    context: str = ""          # hardirq | softirq: the code runs in that context
    lock_arg: int | None = None   # this argument is a lock held here (lockdep_assert_held)
    # `if (WARN_ON_ONCE(x))`: a macro whose value is true only where the kernel warns of a
    # bug. The analysis follows the branch where it is false (cfg.Graph.test)
    never_true: bool = False


# how rules name a struct field: `struct TYPE.FIELD[.SUB]`
FIELD_NAME = re.compile(r"struct \w+\.\w+(\.\w+)*")
# `struct tag@dir/file.h.field[.sub]`: a field of a struct one subsystem's header declares
HEADER_STRUCT_FIELD = re.compile(r"((?:struct|union) [^@]+)@[^@]+\.h\.(.+)")


@dataclass
class Knowledge:
    locks: dict[str, LockApi] = field(default_factory=dict)      # lock, unlock and irq APIs
    guards: dict[str, LockApi] = field(default_factory=dict)     # by cleanup.h class name
    entries: dict[str, EntryApi] = field(default_factory=dict)
    callbacks: dict[str, Callback] = field(default_factory=dict)
    sleeps: dict[str, SleepApi] = field(default_factory=dict)
    asserts: dict[str, Assertion] = field(default_factory=dict)
    roots: dict[str, Root] = field(default_factory=dict)          # by function name
    constants: dict[str, int] = field(default_factory=dict)
    stop_calls: set[str] = field(default_factory=set)      # [follow] stop: paths end there
    unfollowed_fields: set[str] = field(default_factory=set)   # [follow] fields
    opaque_calls: set[str] = field(default_factory=set)    # [follow] opaque: not entered
    # [follow] unreached: field -> functions stored there that its indirect calls never reach
    unreached: dict[str, frozenset] = field(default_factory=dict)
    # [refcount] dec_and_test: calls whose true result means the last reference was dropped
    last_reference: set[str] = field(default_factory=set)
    # [refcount] never_last: functions whose calls to a put never drop the last reference
    never_last: set[str] = field(default_factory=set)
    # [bh_only] calls: bottom-half code, never called with hardirqs off (LC005)
    bh_only: set[str] = field(default_factory=set)
    # [context_tests]: predicate (macro or function) -> the CONTEXT_TESTS word it tests
    context_tests: dict[str, str] = field(default_factory=dict)
    digest: str = ""           # facts_digest(): part of the facts cache key
    # the analysis view, not rules: with forced_threading, hardirq handlers that `threadirqs`
    # moves into a thread run there (hardirqs and bottom halves off), not in hardirq context
    forced_threading: bool = False

    def api_names(self) -> set[str]:
        return set(self.locks) | set(self.entries) | set(self.sleeps)

    def callback(self, field_name: str) -> Callback | None:
        """The [[callback]] of a field (see by_field), or of every field of its struct
        (`struct file_operations.*`) unless that entry excepts it."""
        found = by_field(self.callbacks, field_name)
        if found is None:
            owner, _, name = field_name.rpartition(".")
            found = by_field(self.callbacks, owner + ".*")
            if found is not None and name in found.except_fields:
                return None
        return found

    def unreached_through(self, field_name: str) -> frozenset:
        """The functions [follow] unreached says an indirect call through the field never
        reaches (see by_field)."""
        return by_field(self.unreached, field_name) or frozenset()


def by_field(table: dict, field_name: str):
    """A rules table's entry for a field. Rules name the struct by its tag; a struct
    declared outside the shared include directories is one subsystem's own and its fields
    carry the file (`struct balance_callback@kernel/sched/sched.h.func`, see
    frontend.owner_key): it matches by its tag too."""
    found = table.get(field_name)
    if found is None and "@" in field_name:
        # only a header's: a struct a .c file declares is that file's, whatever its tag
        m = HEADER_STRUCT_FIELD.fullmatch(field_name)
        found = table.get(f"{m.group(1)}.{m.group(2)}") if m else None
    return found


def _where(table: str, i: int, entry: dict) -> str:
    key = entry.get("name") or entry.get("call") or entry.get("class") or entry.get("field")
    return f"[[{table}]] #{i + 1}" + (f" {_key_name(entry)}={key}" if key else "")


def _key_name(entry: dict) -> str:
    for k in ("name", "call", "class", "field"):
        if k in entry:
            return k
    return "?"


def _check_keys(where: str, entry: dict, required: dict, optional: dict) -> None:
    for k, typ in required.items():
        if k not in entry:
            raise RulesError(f"{where}: missing required key '{k}'")
    for k, v in entry.items():
        typ = required.get(k) or optional.get(k)
        if typ is None:
            raise RulesError(f"{where}: unknown key '{k}'")
        if not isinstance(v, typ) or (typ is int and isinstance(v, bool)):
            raise RulesError(f"{where}: '{k}' must be {_typename(typ)}, not {v!r}")


def _typename(typ) -> str:
    return {str: "a string", int: "an integer", bool: "true or false", dict: "a table",
            list: "an array"}.get(typ, str(typ))


def _one_of(where: str, key: str, value: str, allowed) -> None:
    if value and value not in allowed:
        raise RulesError(f"{where}: '{key}' must be one of {', '.join(allowed)}, not {value!r}")


def _lock_api(where, e, table) -> LockApi:
    opt = {"lock_arg": int, "kind": str, "acquire": str, "hardirqs": str, "softirqs": str,
           "sleeps": bool}
    if table == "guard":
        _check_keys(where, e, {"class": str}, opt)
    else:
        _check_keys(where, e, {"name": str}, opt)
    if table in ("lock", "unlock") and "kind" not in e:
        raise RulesError(f"{where}: missing required key 'kind'")
    _one_of(where, "kind", e.get("kind", ""), LOCK_KINDS)
    acquire = e.get("acquire", "")
    if table == "lock" and not acquire:
        raise RulesError(f"{where}: missing required key 'acquire'")
    _one_of(where, "acquire", acquire, ACQUIRE)
    hard_ok = {"lock": ("off", "save"), "guard": ("off", "save"), "unlock": ("on", "restore"),
               "irq": ("off", "on", "save", "restore")}[table]
    _one_of(where, "hardirqs", e.get("hardirqs", ""), hard_ok)
    _one_of(where, "softirqs", e.get("softirqs", ""), ("off", "on"))
    if table == "irq" and not (e.get("hardirqs") or e.get("softirqs")):
        raise RulesError(f"{where}: an [[irq]] entry needs 'hardirqs' or 'softirqs'")
    lock_arg = e.get("lock_arg", 0 if table != "irq" else None)
    if lock_arg is not None and lock_arg < 0:
        raise RulesError(f"{where}: 'lock_arg' must be >= 0")
    if table == "guard" and not e.get("kind"):
        lock_arg = None        # guard(irq)(): no lock, only interrupt state
    return LockApi(name=e.get("name") or e["class"], lock_arg=lock_arg, kind=e.get("kind", ""),
                   acquire=acquire if table != "unlock" else "release",
                   hardirqs=e.get("hardirqs", ""), softirqs=e.get("softirqs", ""),
                   sleeps=e.get("sleeps", False))


def _entry(where, e) -> EntryApi:
    _check_keys(where, e, {"call": str, "args": dict}, {"when": list, "forced_thread": dict})
    args = []
    for k, ctx in e["args"].items():
        if not k.isdigit():
            raise RulesError(f"{where}: 'args' keys must be argument numbers, not {k!r}")
        if ctx not in CONTEXTS:
            raise RulesError(f"{where}: context of argument {k} must be one of "
                             f"{', '.join(CONTEXTS)}, not {ctx!r}")
        args.append((int(k), ctx))
    whens = []
    for j, w in enumerate(e.get("when", [])):
        wwhere = f"{where} when #{j + 1}"
        if not isinstance(w, dict):
            raise RulesError(f"{wwhere}: must be a table")
        _check_keys(wwhere, w, {"arg": int, "match": str}, {"context": str, "hardirqs": str})
        _one_of(wwhere, "context", w.get("context", ""), CONTEXTS)
        _one_of(wwhere, "hardirqs", w.get("hardirqs", ""), ("off", "on"))
        try:
            re.compile(w["match"])
        except re.error as exc:
            raise RulesError(f"{wwhere}: 'match' is not a regular expression: {exc}") from None
        whens.append(EntryWhen(w["arg"], w["match"], w.get("context", ""), w.get("hardirqs", "")))
    forced = None
    if "forced_thread" in e:
        f = e["forced_thread"]
        _check_keys(f"{where} forced_thread", f, {"arg": int, "unless": str}, {})
        try:
            re.compile(f["unless"])
        except re.error as exc:
            raise RulesError(f"{where} forced_thread: 'unless' is not a regular expression: "
                             f"{exc}") from None
        forced = (f["arg"], f["unless"])
    return EntryApi(e["call"], tuple(sorted(args)), tuple(whens), forced)


def _callback(where, e) -> Callback:
    _check_keys(where, e, {"field": str}, {"context": str, "hardirqs": str, "unless_set": str,
                                           "sleeps": bool, "except": list, "softirq_if": dict})
    softirq_if = e.get("softirq_if")
    if softirq_if is not None:
        _check_keys(f"{where} softirq_if", softirq_if, {"call": str, "arg": int, "flag": str},
                    {})
        if "context" not in e:
            raise RulesError(f"{where}: 'softirq_if' needs 'context'")
        softirq_if = (softirq_if["call"], softirq_if["arg"], softirq_if["flag"])
    every = e["field"].endswith(".*")
    if not FIELD_NAME.fullmatch(e["field"][:-2] + ".x" if every else e["field"]):
        raise RulesError(f"{where}: 'field' must look like 'struct TYPE.FIELD' or 'struct TYPE.*'")
    excepted = e.get("except", [])
    if excepted and not every:
        raise RulesError(f"{where}: 'except' needs a field of the form 'struct TYPE.*'")
    if not all(isinstance(x, str) and re.fullmatch(r"\w+", x) for x in excepted):
        raise RulesError(f"{where}: 'except' must be a list of field names")
    if "unless_set" in e and not re.fullmatch(r"\w+", e["unless_set"]):
        raise RulesError(f"{where}: 'unless_set' must be a field name")
    if "context" not in e and "unless_set" not in e and not e.get("sleeps"):
        raise RulesError(f"{where}: missing required key 'context'")
    if "hardirqs" in e and "context" not in e:
        raise RulesError(f"{where}: 'hardirqs' needs 'context'")
    if "context" in e and e["context"] not in CONTEXTS:
        raise RulesError(f"{where}: 'context' must be one of {', '.join(CONTEXTS)}, "
                         f"not {e['context']!r}")
    _one_of(where, "hardirqs", e.get("hardirqs", ""), ("off", "on"))
    return Callback(e["field"], e.get("context", ""), e.get("hardirqs", ""),
                    e.get("unless_set", ""), e.get("sleeps", False), tuple(excepted),
                    softirq_if or ())


def _assertion(where, e) -> Assertion:
    _check_keys(where, e, {"name": str}, {"hardirqs": str, "context": str, "lock_arg": int,
                                          "never_true": bool})
    _one_of(where, "hardirqs", e.get("hardirqs", ""), ("off", "on"))
    _one_of(where, "context", e.get("context", ""), ("hardirq", "softirq"))
    states = bool(e.get("hardirqs") or e.get("context") or "lock_arg" in e)
    if "never_true" in e and (states or not e["never_true"]):
        raise RulesError(f"{where}: 'never_true' is true alone: a warning macro's value "
                         "states nothing about the lock or interrupt state")
    if not (states or e.get("never_true")):
        raise RulesError(f"{where}: an [[assert]] entry needs 'hardirqs', 'context', "
                         "'lock_arg' or 'never_true'")
    if e.get("lock_arg", 0) < 0:
        raise RulesError(f"{where}: 'lock_arg' must be >= 0")
    return Assertion(e["name"], e.get("hardirqs", ""), e.get("context", ""), e.get("lock_arg"),
                     e.get("never_true", False))


def _sleep(where, e) -> SleepApi:
    _check_keys(where, e, {"call": str}, {"when": dict, "unless": str, "asserts": bool})
    unless, asserts = e.get("unless", ""), e.get("asserts", False)
    _one_of(where, "unless", unless, SLEEP_UNLESS)
    when = e.get("when")
    if when is None:
        return SleepApi(e["call"], unless=unless, asserts=asserts)
    _check_keys(f"{where} when", when, {"arg": int, "flag": str}, {})
    return SleepApi(e["call"], when["arg"], when["flag"], unless, asserts)


def _root(where, e) -> list[Root]:
    _check_keys(where, e, {"functions": list, "context": str},
                {"hardirqs": str, "reason": str, "always": bool})
    _one_of(where, "context", e["context"], CONTEXTS)
    _one_of(where, "hardirqs", e.get("hardirqs", ""), ("off", "on"))
    names = e["functions"]
    if not names or not all(isinstance(n, str) and re.fullmatch(r"\w+", n) for n in names):
        raise RulesError(f"{where}: 'functions' must be a non-empty list of function names")
    if e.get("always") and not e.get("hardirqs"):
        raise RulesError(f"{where}: 'always' needs 'hardirqs' (the state every caller is in)")
    return [Root(n, e["context"], e.get("hardirqs", ""), e.get("reason", ""),
                 e.get("always", False)) for n in names]


TABLES = ("lock", "unlock", "irq", "guard", "entry", "callback", "sleeps", "assert", "root",
          "follow", "refcount", "bh_only", "context_tests", "constants")
# what a [context_tests] predicate is true in (propagate.context_truth)
CONTEXT_TESTS = ("hardirq", "nmi", "softirq", "bh", "interrupt", "task", "irqs_off")


def parse_follow(follow, origin: str, into: Knowledge) -> None:
    if not isinstance(follow, dict):
        raise RulesError(f"{origin}: [follow] must be a table")
    for key, target in (("stop", into.stop_calls), ("fields", into.unfollowed_fields),
                        ("opaque", into.opaque_calls)):
        names = follow.get(key, [])
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            raise RulesError(f"{origin}: [follow] {key} must be a list of names")
        target.update(names)
    unreached = follow.get("unreached", {})
    if not isinstance(unreached, dict):
        raise RulesError(f"{origin}: [follow] unreached must be a table of field = [functions]")
    for fld, names in unreached.items():
        if not FIELD_NAME.fullmatch(fld):
            raise RulesError(f"{origin}: [follow] unreached: '{fld}' must look like "
                             "'struct TYPE.FIELD'")
        if not isinstance(names, list) or not names or \
                not all(isinstance(n, str) and re.fullmatch(r"\w+", n) for n in names):
            raise RulesError(f"{origin}: [follow] unreached: '{fld}' must list function names")
        into.unreached[fld] = into.unreached.get(fld, frozenset()) | frozenset(names)
    unknown = set(follow) - {"stop", "fields", "opaque", "unreached"}
    if unknown:
        raise RulesError(f"{origin}: [follow] unknown key '{sorted(unknown)[0]}' "
                         "(expected stop, fields, opaque, unreached)")


def parse_refcount(table, origin: str, into: Knowledge) -> None:
    if not isinstance(table, dict):
        raise RulesError(f"{origin}: [refcount] must be a table")
    unknown = set(table) - {"dec_and_test", "never_last"}
    if unknown:
        raise RulesError(f"{origin}: [refcount] unknown key '{sorted(unknown)[0]}' "
                         "(expected dec_and_test, never_last)")
    for key, target, what in (("dec_and_test", into.last_reference, "call"),
                              ("never_last", into.never_last, "function")):
        names = table.get(key, [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise RulesError(f"{origin}: [refcount] {key} must be a list of {what} names")
        target.update(names)


def parse_bh_only(table, origin: str, into: Knowledge) -> None:
    if not isinstance(table, dict):
        raise RulesError(f"{origin}: [bh_only] must be a table")
    unknown = set(table) - {"calls"}
    if unknown:
        raise RulesError(f"{origin}: [bh_only] unknown key '{sorted(unknown)[0]}' "
                         "(expected calls)")
    names = table.get("calls", [])
    if not isinstance(names, list) or \
            not all(isinstance(n, str) and re.fullmatch(r"\w+", n) for n in names):
        raise RulesError(f"{origin}: [bh_only] calls must be a list of function names")
    into.bh_only.update(names)


def parse_context_tests(table, origin: str, into: Knowledge) -> None:
    if not isinstance(table, dict):
        raise RulesError(f"{origin}: [context_tests] must be a table of name = what it tests")
    for name, what in table.items():
        if not re.fullmatch(r"\w+", name) or what not in CONTEXT_TESTS:
            raise RulesError(f"{origin}: [context_tests] {name}: must be one of "
                             f"{', '.join(CONTEXT_TESTS)}")
        into.context_tests[name] = what


def parse_rules(text: str, origin: str, into: Knowledge) -> None:
    """Add the entries of one rules text to `into`; later files override earlier names."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{origin}: TOML syntax error: {exc}") from None
    for key in doc:
        if key not in TABLES:
            raise RulesError(f"{origin}: unknown table '{key}' (expected one of {', '.join(TABLES)})")
    consts = doc.get("constants", {})
    if not isinstance(consts, dict):
        raise RulesError(f"{origin}: [constants] must be a table")
    for k, v in consts.items():
        if not isinstance(v, int) or isinstance(v, bool):
            raise RulesError(f"{origin}: [constants] {k} must be an integer")
        into.constants[k] = v
    parse_follow(doc.get("follow", {}), origin, into)
    parse_refcount(doc.get("refcount", {}), origin, into)
    parse_bh_only(doc.get("bh_only", {}), origin, into)
    parse_context_tests(doc.get("context_tests", {}), origin, into)
    for table in TABLES[:-5]:
        entries = doc.get(table, [])
        if not isinstance(entries, list):
            raise RulesError(f"{origin}: '{table}' must be an array of tables ([[{table}]])")
        for i, e in enumerate(entries):
            where = f"{origin}: {_where(table, i, e) if isinstance(e, dict) else f'[[{table}]] #{i + 1}'}"
            if not isinstance(e, dict):
                raise RulesError(f"{where}: must be a table")
            if table in ("lock", "unlock", "irq"):
                api = _lock_api(where, e, table)
                into.locks[api.name] = api
            elif table == "guard":
                api = _lock_api(where, e, table)
                into.guards[api.name] = api
            elif table == "entry":
                ent = _entry(where, e)
                into.entries[ent.call] = ent
            elif table == "callback":
                cb = _callback(where, e)
                into.callbacks[cb.field] = cb
            elif table == "assert":
                a = _assertion(where, e)
                into.asserts[a.name] = a
            elif table == "root":
                for r in _root(where, e):
                    into.roots[r.function] = r
            else:
                sl = _sleep(where, e)
                into.sleeps[sl.call] = sl
    for cb in into.callbacks.values():
        if cb.softirq_if and cb.softirq_if[2] not in into.constants:
            raise RulesError(f"{origin}: [[callback]] field={cb.field}: flag "
                             f"'{cb.softirq_if[2]}' has no value in [constants]")
    for sl in into.sleeps.values():
        if sl.flag and sl.flag not in into.constants:
            raise RulesError(f"{origin}: [[sleeps]] call={sl.call}: flag '{sl.flag}' "
                             f"has no value in [constants]")


def load_knowledge(extra: list[Path] = (), use_default: bool = True) -> Knowledge:
    k = Knowledge()
    files = ([DEFAULT_RULES] if use_default else []) + list(extra)
    for path in files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RulesError(f"{path}: cannot read rules file: {exc}") from None
        parse_rules(text, str(path), k)
    k.digest = facts_digest(k)
    return k


def facts_digest(k: Knowledge) -> str:
    """A hash of what the frontend reads from the rules (the APIs, guards, registrations,
    sleeping calls, assertions, constants, context tests): part of the facts cache key.
    [[callback]] and [follow] only steer link and propagation, so editing them re-parses
    nothing."""
    tables = (k.locks, k.guards, k.entries, k.sleeps, k.asserts, k.constants, k.context_tests)
    text = repr([sorted(t.items()) for t in tables])
    return hashlib.sha256(text.encode()).hexdigest()
