"""Fixes as edits: the source change that makes an LC001/LC002/LC003 finding go away.

A rule's `fix` text says what to do; this module works out the exact bytes to change, from
the finding, the facts (each function's CFG with its events and their locations) and the
source text, so that SARIF `fixes` and the language server's code action can offer it.

Which variant:
- LC001: `_irq` when every state the acquisition is reached in has hardirqs enabled and
  every path to it starts at a known entry point or at a static function (an exported root
  may have callers outside the analysed files, with interrupts off, where `_irq`'s unlock
  would turn them on); `_irqsave` otherwise.
- LC002: `_bh` under the same condition (spin_unlock_bh() with hardirqs off is itself a bug),
  `_irqsave` otherwise: interrupts off keep softirqs off too.
- LC003: `_irqsave`, whatever the states: it is right in all of them. A bare
  local_irq_enable() becomes local_irq_restore() of the local_irq_disable() it pairs with.

A guard changes its class only (`guard(raw_spinlock)` -> `guard(raw_spinlock_irqsave)`,
when the kernel defines that class). A lock/unlock pair changes every unlock the
acquisition reaches, and every other acquisition that reaches one of those unlocks, so the
pairs stay matched; `_irqsave` adds a `flags` local whose name nothing in the function uses.
No edit is offered when any path leaves the function with the lock held (the unlock is
elsewhere), when the API has no such variant (trylocks, `_nested`), or when the function's
text names the lock in a lock call the facts do not have (an inactive `#ifdef` branch): an
edit that leaves one unlock unchanged would be worse than none.

Positions are 1-based lines and byte columns, end exclusive, as libclang gives them; each
output converts them (SARIF: code points, LSP: UTF-16 units).
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from .facts import Event, Function
from .link import Entry

CALL_LOCK = re.compile(r"(raw_spin|spin|read|write)_lock(_irq|_bh|_irqsave)?$")
CALL_UNLOCK = re.compile(r"(raw_spin|spin|read|write)_unlock(_irq|_bh|_irqrestore)?$")
GUARD = re.compile(r"(guard|scoped_guard)\((\w+)\)$")
IRQ_OFF = ("local_irq_disable", "raw_local_irq_disable")
UNLOCK_SUFFIX = {"": "", "_irq": "_irq", "_bh": "_bh", "_irqsave": "_irqrestore"}
# cleanup.h lock guard classes of 6.12's spinlock.h and irqflags.h (rwlocks have no _bh)
GUARD_CLASSES = frozenset(
    [f"{b}{s}" for b in ("raw_spinlock", "spinlock") for s in ("", "_irq", "_bh", "_irqsave")]
    + [f"{b}{s}" for b in ("read_lock", "write_lock") for s in ("", "_irq", "_irqsave")]
    + ["irq", "irqsave"])
# `u32 head = ...`, `struct foo *p;`: a type name, then (after blanks or stars) a declarator
DECLARATION = re.compile(rb"[ \t]*(?!(?:return|goto|else|case)\b)[A-Za-z_]\w*"
                         rb"(?:[ \t]+\**|[ \t]*\*+[ \t]*)[A-Za-z_]")
FLAG_NAMES = ("flags", "irqflags", "irq_flags", "lockctx_flags")


@dataclass(frozen=True)
class Replacement:
    """Replace [line:col, end_line:end_col) of `file` (relative to the report root) by
    `text`; an empty range is an insertion."""
    file: str
    line: int
    col: int
    end_line: int
    end_col: int
    text: str


@dataclass(frozen=True)
class Edit:
    description: str
    replacements: tuple[Replacement, ...]


class Source:
    """One file's bytes, with comments and literals blanked out in `code` (same offsets), so
    that scanning for names and parentheses never looks inside them."""

    def __init__(self, data: bytes, name: str = "") -> None:
        self.name = name
        self.data = data
        self.starts = [0] + [m.end() for m in re.finditer(rb"\n", data)]
        self.code = _blank_comments(data)

    def offset(self, line: int, col: int) -> int:
        return self.starts[line - 1] + col - 1

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


_LEXEME = re.compile(rb'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def _blank_comments(data: bytes) -> bytes:
    return _LEXEME.sub(lambda m: re.sub(rb"[^\n]", b" ", m.group()), data)


def _close_paren(code: bytes, open_at: int) -> int | None:
    depth = 0
    for i in range(open_at, len(code)):
        c = code[i]
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return i
    return None


def fixer_for(result):
    """What gives a Result's findings their edits: the ones stored with a cached result, or
    a Fixer over its analysis; None when it has neither."""
    edits = getattr(result, "edits", None)
    if edits is not None:
        return StoredEdits(edits)
    return Fixer(result) if getattr(result, "program", None) is not None else None


class StoredEdits:
    """The edits a result cache entry keeps, by finding (resultcache)."""

    def __init__(self, edits: dict) -> None:
        self.edits = edits

    def edit(self, f) -> Edit | None:
        return self.edits.get(f)


class Fixer:
    """Edits for the findings of one pipeline Result; indexes built on first use."""

    def __init__(self, result) -> None:
        self.root = Path(result.root)
        self.program = result.program
        self.analysis = result.analysis
        self._events: dict | None = None
        self._states: dict | None = None
        self._sources: dict[str, Source | None] = {}
        self._uncertain: dict = {}

    # ---- indexes ----------------------------------------------------------------------

    def events_at(self, file: str, line: int, col: int) -> list[tuple[Function, int, int, Event]]:
        if self._events is None:
            self._events = {}
            for fn in self.program.functions.values():
                if fn.in_header:
                    continue
                for blk in fn.blocks:
                    for i, ev in enumerate(blk.events):
                        if ev.kind in ("acquire", "irq"):
                            key = (ev.loc.file, ev.loc.line, ev.loc.col)
                            self._events.setdefault(key, []).append((fn, blk.id, i, ev))
        return self._events.get((file, line, col), [])

    def states_at(self, ev: Event) -> list:
        """(state, instance key) of every observation of the acquisition `ev`."""
        if self._states is None:
            self._states = {}
            for o in self.analysis.observations:
                if o.kind == "acquire":
                    self._states.setdefault(o.event.loc, []).append((o.state, o.key))
        return self._states.get(ev.loc, [])

    def source(self, file: str) -> Source | None:
        if file not in self._sources:
            src = None
            if not file.startswith("<"):           # <stubs>/: never edited
                try:
                    src = Source((self.root / file).read_bytes(), file)
                except OSError:
                    pass
            self._sources[file] = src
        return self._sources[file]

    def read_files(self) -> dict[str, str]:
        """{file: sha256} of every file an edit was made from (a missing one: "")."""
        return {f: hashlib.sha256(src.data).hexdigest() if src else ""
                for f, src in sorted(self._sources.items()) if not f.startswith("<")}

    def uncertain(self, key) -> bool:
        """Does the path to this instance start at an exported function with no known
        caller (which callers elsewhere may enter with interrupts off)?"""
        if key not in self._uncertain:
            k, seen, verdict = key, set(), False
            while k not in seen:
                seen.add(k)
                p = self.analysis.parents.get(k)
                if p is None:
                    verdict = True
                    break
                if isinstance(p, Entry):
                    verdict = p.root and "@" not in p.function
                    break
                k = p[0]
            self._uncertain[key] = verdict
        return self._uncertain[key]

    # ---- the edit -----------------------------------------------------------------------

    def edit(self, f) -> Edit | None:
        if f.rule not in ("LC001", "LC002", "LC003"):
            return None
        api = f.extra.get("api", "")
        found = [x for x in self.events_at(f.loc.file, f.loc.line, f.loc.col) if x[3].api == api]
        src = self.source(f.loc.file)
        if len(found) != 1 or src is None:
            return None            # the site is a call into code outside the PATHs, or unreadable
        fn, b, i, ev = found[0]
        try:
            if GUARD.match(api):
                return self._guard(f, ev, src)
            if CALL_LOCK.match(api) and ev.kind == "acquire" and not ev.trylock:
                return self._pairs(f, fn, (b, i), src)
            if api in ("local_irq_enable", "raw_local_irq_enable") and f.rule == "LC003":
                return self._irq_pairs(f, fn, (b, i), src)
        except _NoEdit:
            return None
        return None

    def _suffix(self, rule: str, openers: list[Event]) -> tuple[str, str]:
        """The variant the rule and the acquisitions' states call for, and why."""
        if rule == "LC003":
            return "irqsave", "it is reached with hardirqs already disabled"
        states = [sk for ev in openers for sk in self.states_at(ev)]
        a = self.analysis
        bounded = a.dropped_instances or a.dropped_states or a.unfinished
        if not states or not all(s.hard for s, _ in states):
            return "irqsave", "it is also reached with hardirqs disabled"
        if bounded:
            return "irqsave", "the analysis reached its bounds, so some paths to it are unknown"
        if any(self.uncertain(k) for _, k in states):
            return "irqsave", "an exported function with no known caller reaches it"
        return ("irq" if rule == "LC001" else "bh"), "every path reaching it has hardirqs enabled"

    def _guard(self, f, ev: Event, src: Source) -> Edit:
        kind, cls = GUARD.match(ev.api).groups()
        base = re.sub(r"_(irq|irqsave|bh)$", "", cls)
        suffix, why = self._suffix(f.rule, [ev])
        new = "irqsave" if cls == "irq" else f"{base}_{suffix}"
        if new not in GUARD_CLASSES:
            new = f"{base}_irqsave"
        if new not in GUARD_CLASSES or new == cls:
            raise _NoEdit
        at = src.offset(ev.loc.line, ev.loc.col)
        m = re.compile(rb"(guard|scoped_guard)\s*\(\s*(\w+)").match(src.code, at)
        if not m or m.group(1).decode() != kind or m.group(2).decode() != cls:
            raise _NoEdit
        rep = _replace(ev.loc.file, src, m.start(2), m.end(2), new)
        return Edit(f"Use {kind}({new}) for {f.lock or 'the lock'}: {why}", (rep,))

    def _pairs(self, f, fn: Function, start, src: Source) -> Edit:
        blocks = {blk.id: blk for blk in fn.blocks}
        ev = blocks[start[0]].events[start[1]]
        ident = (ev.lock.kind, ev.lock.name) if ev.lock else None
        if ident is None:
            raise _NoEdit

        def same(e: Event) -> bool:
            return e.lock is not None and (e.lock.kind, e.lock.name) == ident

        openers = [(b.id, i) for b in fn.blocks for i, e in enumerate(b.events)
                   if e.kind == "acquire" and same(e)]
        closers_of = {o: _reach(fn, blocks, o, lambda e: e.kind in ("release", "try_fail")
                                and same(e)) for o in openers}
        group, closers = _closure(start, openers, closers_of)
        evs = [blocks[b].events[i] for b, i in sorted(group)]
        prefix, old = CALL_LOCK.match(ev.api).groups(default="")
        if any(e.trylock or e.api != ev.api for e in evs):
            raise _NoEdit          # acquisitions sharing an unlock must change together
        unlock_old = f"{prefix}_unlock{UNLOCK_SUFFIX[old]}"
        cevs = [blocks[b].events[i] for b, i in sorted(closers)]
        if any(c.kind != "release" or c.api != unlock_old for c in cevs):
            raise _NoEdit
        suffix, why = self._suffix(f.rule, evs)
        lock_api = f"{prefix}_lock_{suffix}"
        unlock_api = f"{prefix}_unlock_{'irqrestore' if suffix == 'irqsave' else suffix}"
        if lock_api == ev.api:
            raise _NoEdit
        displays = {_norm(e.lock.display.encode()) for e in evs if e.lock and e.lock.display}
        self._no_stray_calls(fn, src, re.escape(prefix) + r"_(?:un)?lock\w*", displays)
        flags = self._flags_name(fn, src, ev, _nested(fn, group)) if suffix == "irqsave" else ""
        reps = [r for e in evs for r in _call(src, e, lock_api, flags)]
        reps += [r for e in cevs for r in _call(src, e, unlock_api, flags)]
        if flags:
            reps.append(_declare(fn, src, flags))
        lock = f.lock or "the lock"
        return Edit(f"Use {lock_api}()/{unlock_api}() for {lock}: {why}", _sorted(reps))

    def _irq_pairs(self, f, fn: Function, start, src: Source) -> Edit:
        """local_irq_disable() ... local_irq_enable() -> local_irq_save(flags) ...
        local_irq_restore(flags), when the enable pairs with disables in this function."""
        blocks = {blk.id: blk for blk in fn.blocks}
        openers = [(b.id, i) for b in fn.blocks for i, e in enumerate(b.events)
                   if e.kind == "irq" and e.api in IRQ_OFF]
        closers_of = {o: _reach(fn, blocks, o, lambda e: e.kind == "irq" and e.hardirqs == "on")
                      for o in openers}
        firsts = [o for o in openers if closers_of[o] and start in closers_of[o][0]]
        if not firsts:
            raise _NoEdit          # it re-enables what a caller disabled: no local pair
        group, closers = _closure(firsts[0], openers, closers_of)
        evs = [blocks[b].events[i] for b, i in sorted(group)]
        cevs = [blocks[b].events[i] for b, i in sorted(closers)]
        if any(c.api not in ("local_irq_enable", "raw_local_irq_enable") for c in cevs):
            raise _NoEdit
        self._no_stray_calls(fn, src, r"(?:raw_)?local_irq_(?:disable|enable)", None)
        flags = self._flags_name(fn, src, None, False)
        reps = [r for e in evs for r in _call(src, e, e.api.replace("_disable", "_save"), flags)]
        reps += [r for e in cevs
                 for r in _call(src, e, e.api.replace("_enable", "_restore"), flags)]
        reps.append(_declare(fn, src, flags))
        return Edit("Use local_irq_save()/local_irq_restore(): it is reached with hardirqs "
                    "already disabled", _sorted(reps))

    def _flags_name(self, fn: Function, src: Source, ev: Event | None, nested: bool) -> str:
        """`flags`, unless the function uses it, or the section nests with another lock's:
        then a name of this lock's, so that the edits of two findings in one function,
        applied together, never share one variable between nested irqsave sections."""
        a, b = _span(fn, src)
        used = set(re.findall(rb"[A-Za-z_]\w*", src.code[a:b]))
        names = FLAG_NAMES
        if nested and ev is not None and ev.lock is not None:
            ident = re.findall(r"[A-Za-z_]\w*", ev.lock.display)
            if len(ident) > 1 and ident[-1] in ("lock", "spinlock", "rwlock"):
                ident = ["_".join(ident[-2:])]         # &foo->lock: foo_lock_flags
            names = ((f"{ident[-1]}_flags",) if ident else ()) + FLAG_NAMES
        for name in names:
            if name.encode() not in used:
                return name
        raise _NoEdit

    def _no_stray_calls(self, fn: Function, src: Source, name: str, displays) -> None:
        """Every call of `name` (a regex) in the function's text, on one of the lock
        expressions `displays` (None: any), must be an event the facts have: one in an
        inactive #ifdef branch would keep the old API and break the pairing."""
        a, b = _span(fn, src)
        known = set()
        for blk in fn.blocks:
            for e in blk.events:
                if e.loc.file == fn.loc.file and e.loc.line:
                    known.add(src.offset(e.loc.line, e.loc.col))
        pat = re.compile(rb"\b" + name.encode() + rb"\s*\(")
        for m in pat.finditer(src.code, a, b):
            close = _close_paren(src.code, m.end() - 1)
            if close is None:
                raise _NoEdit
            arg = src.code[m.end():close].split(b",")[0]
            if (displays is None or _norm(arg) in displays) and m.start() not in known:
                raise _NoEdit


class _NoEdit(Exception):
    """This finding gets no edit (the reason is in the caller's check)."""


def _reach(fn: Function, blocks: dict, start, is_closer, inside: set | None = None):
    """The first closing events on every path from the event at `start`, and whether some
    path reaches the function's exit without one; the events passed on the way are added
    to `inside`."""
    found, leaks, seen = set(), False, set()
    work = [(start[0], start[1] + 1)]
    while work:
        b, i = work.pop()
        if (b, i) in seen:
            continue
        seen.add((b, i))
        blk = blocks[b]
        for j in range(i, len(blk.events)):
            if is_closer(blk.events[j]):
                found.add((b, j))
                break
            if inside is not None:
                inside.add((b, j))
        else:
            if b == fn.exit:
                leaks = True
            work.extend((s, 0) for s in blk.succs)
    return found, leaks


def _nested(fn: Function, group) -> bool:
    """Does a section of another spinning lock overlap one of the group's (either inside
    the other)? Their edits would then need two flags variables."""
    blocks = {blk.id: blk for blk in fn.blocks}
    lock = blocks[min(group)[0]].events[min(group)[1]].lock
    mine = (lock.kind, lock.name)
    inside: set = set()
    for o in group:
        _reach(fn, blocks, o, lambda e: e.kind == "release" and e.lock is not None
               and (e.lock.kind, e.lock.name) == mine, inside)
    for blk in fn.blocks:
        for i, e in enumerate(blk.events):
            if e.kind != "acquire" or e.lock is None or e.lock_kind not in ("spin", "rwlock"):
                continue
            ident = (e.lock.kind, e.lock.name)
            if ident == mine:
                continue
            if (blk.id, i) in inside:
                return True
            theirs: set = set()
            _reach(fn, blocks, (blk.id, i), lambda x, ident=ident: x.kind == "release"
                   and x.lock is not None and (x.lock.kind, x.lock.name) == ident, theirs)
            if theirs & set(group):
                return True
    return False


def _closure(start, openers, closers_of):
    """The acquisitions that share an unlock with `start`, transitively, and their unlocks."""
    group, closers = {start}, set()
    changed = True
    while changed:
        changed = False
        for o in sorted(group):
            found, leaks = closers_of[o]
            if leaks or not found:
                raise _NoEdit      # a path leaves the function holding it: unlocked elsewhere
            closers |= found
        for o in openers:
            if o not in group and closers_of[o][0] & closers:
                group.add(o)
                changed = True
    return group, closers


def _span(fn: Function, src: Source) -> tuple[int, int]:
    a = src.offset(fn.loc.line, fn.loc.col)
    b = src.offset(fn.loc.end_line, fn.loc.end_col) if fn.loc.end_line else len(src.data)
    return a, b


def _norm(b: bytes) -> bytes:
    return re.sub(rb"\s+", b"", b)


def _replace(file: str, src: Source, a: int, b: int, text: str) -> Replacement:
    return Replacement(file, *src.position(a), *src.position(b), text)


def _call(src: Source, ev: Event, new: str, flags: str) -> list[Replacement]:
    """`old(args)` at the event -> `new(args)`, or `new(args, flags)` when `flags`."""
    if ev.loc.file != src.name:
        raise _NoEdit              # expanded from a macro defined elsewhere
    at = src.offset(ev.loc.line, ev.loc.col)
    m = re.compile(rb"(\w+)\s*\(").match(src.code, at)
    if not m or m.group(1).decode() != ev.api:
        raise _NoEdit              # not the call as written (a wrapper macro): leave it
    reps = [_replace(ev.loc.file, src, m.start(1), m.end(1), new)]
    if flags:
        close = _close_paren(src.code, m.end() - 1)
        if close is None:
            raise _NoEdit
        empty = not src.code[m.end():close].strip()
        reps.append(_replace(ev.loc.file, src, close, close, flags if empty else f", {flags}"))
    return reps


def _declare(fn: Function, src: Source, name: str) -> Replacement:
    """`unsigned long NAME;` first in the function's body, indented like the body."""
    a, b = _span(fn, src)
    depth = 0
    for i in range(a, b):
        c = src.code[i]
        depth += (c == 0x28) - (c == 0x29)
        if c == 0x7B and depth == 0:
            break
    else:
        raise _NoEdit
    eol = src.data.find(b"\n", i)
    if eol < 0 or src.data[i + 1:eol].strip():
        return _replace(fn.loc.file, src, i + 1, i + 1, f" unsigned long {name};")
    nxt = re.compile(rb"[ \t]*(?=\S)").search(src.data, eol + 1)
    indent = nxt.group().decode() if nxt and nxt.group() else "\t"
    # kernel style (checkpatch): a blank line between the declarations and the first statement
    first = src.code[eol + 1:src.data.find(b"\n", eol + 1)]
    blank = "" if not first.strip() or first.strip() == b"}" or DECLARATION.match(first) else "\n"
    return _replace(fn.loc.file, src, eol + 1, eol + 1,
                    f"{indent}unsigned long {name};\n{blank}")


def _sorted(reps) -> tuple[Replacement, ...]:
    return tuple(sorted(set(reps), key=lambda r: (r.file, r.line, r.col, r.end_line, r.end_col)))
