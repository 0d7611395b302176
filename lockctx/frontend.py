"""Frontend: parse one translation unit with libclang and extract its facts.

Only what matters is walked: the bodies of functions defined in the non-header files of the TU
(a `.c` file #included by another is analysed through its includer), plus the bodies of header
`static inline` functions those bodies call. Header declarations are never iterated: walking
every cursor of a kernel TU in Python costs more than parsing it.

APIs are recognised where the code calls them, never by descending into their bodies: a macro
API (`spin_lock_irqsave`, `kmalloc`, `timer_setup`) by the macro-name token at the expansion
location of the call it produces, a function API (`spin_lock`, `request_irq`) by its callee
name. Macro arguments are found again in the AST through their file locations, so the lock is
`&priv->lock` as written, not what the macro body turns it into.
"""
from __future__ import annotations

import ctypes
import dataclasses
import gc
import os
import re
from pathlib import Path

import clang.cindex as ci

from . import clangapi
from .cfg import Graph, bit_key
from .facts import (CONTEXT_TEST, FIELDREF, FLAG, MASKED_AND, MASKED_OR, NONNULL, NOT, OR,
                    Binding, Block, Event, FileFacts, Function, Loc, LockDef, LockRef,
                    array_field, compact_blocks, freeze_blocks, made_by,
                    param_field, with_sets)
from .knowledge import Knowledge, LockApi

K = ci.CursorKind
IDENT = re.compile(rb"[A-Za-z_]\w*")
GUARD_CTOR = re.compile(r"class_(\w+)_constructor$")
GUARD_DTOR = re.compile(r"class_(\w+)_destructor$")
LOCK_TYPES = {
    "spinlock_t": "spin", "struct spinlock": "spin", "raw_spinlock_t": "spin",
    "struct raw_spinlock": "spin", "rwlock_t": "rwlock", "struct mutex": "mutex",
    "struct rw_semaphore": "rwsem", "struct semaphore": "semaphore", "struct rt_mutex": "rt_mutex",
}
FUNCTION_DECL_ID, VAR_DECL_ID = K.FUNCTION_DECL.value, K.VAR_DECL.value
TOP_KINDS = frozenset((FUNCTION_DECL_ID, VAR_DECL_ID))   # the top-level cursors walked
DECL_REF_EXPR_ID, SIZEOF_ID = K.DECL_REF_EXPR.value, K.CXX_UNARY_EXPR.value
# references_in(): what it collects, and what it does not look below (sizeof's operand is
# not evaluated; a DeclRefExpr has nothing below it that names a function)
REFERENCE_KINDS = frozenset({DECL_REF_EXPR_ID})
REFERENCE_PRUNED = frozenset({DECL_REF_EXPR_ID, SIZEOF_ID})
STMT_EXPR_ID = 121     # CXCursor_StmtExpr, `({ ... })`; older bindings show UNEXPOSED_EXPR
TRANSPARENT = {K.UNEXPOSED_EXPR, K.PAREN_EXPR, K.CSTYLE_CAST_EXPR}
PARSE_OPTIONS = ci.TranslationUnit.PARSE_INCOMPLETE
MAX_API_ARGS = 16      # arguments of an API call searched for functions it is handed
UNPLACED = Loc("", 0, 0)   # an assign event's until BodyBuilder.finish


class ParseFailure(Exception):
    """libclang could not produce a translation unit at all."""


def is_header(path: str) -> bool:
    return not path.endswith(".c")


def type_name(t: ci.Type) -> str:
    """The canonical spelling of a type without qualifiers: 'struct foo', 'int'."""
    s = t.get_canonical().spelling
    for q in ("const ", "volatile ", "restrict "):
        s = s.replace(q, "")
    return s.strip()


def is_function_pointer(t: ci.Type) -> bool:
    t = t.get_canonical()
    return t.kind == ci.TypeKind.POINTER and t.get_pointee().get_canonical().kind in (
        ci.TypeKind.FUNCTIONPROTO, ci.TypeKind.FUNCTIONNOPROTO)


def is_function_pointer_array(t: ci.Type) -> bool:
    t = t.get_canonical()
    return t.kind in (ci.TypeKind.CONSTANTARRAY, ci.TypeKind.INCOMPLETEARRAY) and \
        is_function_pointer(t.element_type)


def array_element(item: ci.Cursor) -> ci.Cursor:
    """The value of an array initializer's element: `[IDX] = fn` is an unexposed
    expression whose last child is the value."""
    kids = clangapi.children(item) if item.kind == K.UNEXPOSED_EXPR else []
    return kids[-1] if len(kids) >= 2 else item


def is_const_record_pointer(t: ci.Type) -> bool:
    """`const struct action_ops *`: what an ops table's address is passed as."""
    t = t.get_canonical()
    if t.kind != ci.TypeKind.POINTER:
        return False
    p = t.get_pointee()
    return p.is_const_qualified() and p.get_canonical().kind == ci.TypeKind.RECORD


def is_lock_pointer(t: ci.Type) -> bool:
    key = bytes(t)             # asked of every call argument: the same types again and again
    v = _lock_pointers.get(key)
    if v is None:
        c = t.get_canonical()
        v = _lock_pointers[key] = \
            c.kind == ci.TypeKind.POINTER and type_name(c.get_pointee()) in LOCK_TYPES
    return v


# is_lock_pointer() by the type's bytes (its kind and pointers into the TU): Extractor
# empties it for each TU
_lock_pointers: dict[bytes, bool] = {}


FOR_HEAD = re.compile(rb"for\s*\(")

# expressions that cannot run anything: leaves, and sizeof/alignof, whose operand is not
# evaluated (kernel macros put calls there: sizeof(*foo())). Not walking them is most of
# what keeps fact extraction close to the parse.
INERT = {K.DECL_REF_EXPR, K.INTEGER_LITERAL, K.FLOATING_LITERAL, K.STRING_LITERAL,
         K.CHARACTER_LITERAL, K.CXX_UNARY_EXPR, K.TYPE_REF}
# the hottest tests compare raw kind ids: most cursors are leaves, and this skips the
# CursorKind lookup for them
INERT_IDS = frozenset(k.value for k in INERT)
TRANSPARENT_IDS = frozenset(k.value for k in TRANSPARENT)
# expressions expr() has nothing to do with but walk what is under them
PLAIN_IDS = frozenset(k.value for k in (K.UNEXPOSED_EXPR, K.PAREN_EXPR, K.MEMBER_REF_EXPR,
                                        K.CSTYLE_CAST_EXPR, K.ARRAY_SUBSCRIPT_EXPR))


def is_not(c: ci.Cursor) -> bool:
    c = strip(c)
    return c.kind == K.UNARY_OPERATOR and clangapi.unary_operator(c) == clangapi.UNOP_LNOT


def unnegate(c: ci.Cursor) -> tuple[ci.Cursor, bool]:
    """The operand under any number of `!` (and unlikely()), and whether they negate it."""
    negated = False
    while True:
        c = strip(c)
        if is_not(c) and clangapi.children(c):
            c, negated = clangapi.children(c)[0], not negated
        elif c.kind == K.CALL_EXPR and c.spelling == "__builtin_expect" and call_args(c):
            c = call_args(c)[0]
        else:
            return c, negated


def const_cond(c: ci.Cursor, depth: int = 0) -> bool | None:
    """The value of a condition this configuration fixes (`IS_ENABLED(CONFIG_X) && y` with
    CONFIG_X unset, a call of a stub that returns a constant), else None."""
    c = strip(c)
    if is_not(c):
        kids = clangapi.children(c)
        v = const_cond(kids[0], depth) if kids else None
        return None if v is None else not v
    if c.kind == K.BINARY_OPERATOR:
        op = clangapi.binary_operator(c)
        if op in (clangapi.BINOP_LAND, clangapi.BINOP_LOR):
            kids = clangapi.children(c)
            if len(kids) != 2:
                return None
            a, b = const_cond(kids[0], depth), const_cond(kids[1], depth)
            decisive = op == clangapi.BINOP_LOR          # true decides ||, false decides &&
            if a is decisive or b is decisive:
                return decisive
            return None if a is None or b is None else not decisive
    if c.kind == K.CALL_EXPR:
        return constant_call(c, depth)
    if c.kind == K.MEMBER_REF_EXPR or c.kind == K.DECL_REF_EXPR and \
            (c.referenced is None or c.referenced.kind != K.ENUM_CONSTANT_DECL):
        return None              # not constant (a const variable is still a variable here)
    v = clangapi.evaluate_int(c)
    return None if v is None else v != 0


def constant_call(c: ci.Cursor, depth: int) -> bool | None:
    """The truth of a call's value when the configuration fixes it (stub_value), or of
    likely()/unlikely()'s operand; else None."""
    if c.spelling == "__builtin_expect":
        args = call_args(c)
        return const_cond(args[0], depth) if args else None
    v = stub_value(c, depth)
    return None if v is None else v != 0


def stub_value(c: ci.Cursor, depth: int = 0) -> int | None:
    """The value of a call of a constant stub, a file's own function whose whole body is
    `return E;` with E constant (the configuration's stub of an optional feature: `static
    inline bool force_dma_unencrypted(struct device *dev) { return false; }` with
    CONFIG_ARCH_HAS_FORCE_DMA_UNENCRYPTED unset, `PageHighMem()` without CONFIG_HIGHMEM),
    when its arguments call nothing (they are not walked: a lock taken there would be
    lost); else None."""
    ref = c.referenced
    if ref is None or ref.kind != K.FUNCTION_DECL or depth > CONSTANT_DEPTH:
        return None
    key = ref.hash
    if key not in _stub_values:
        _stub_values[key] = None       # a recursion finds it not constant
        found = function_return(ref)
        _stub_values[key] = None if found is None else constant_value(found[1], depth + 1)
    v = _stub_values[key]
    if v is None or any(calls_something(a) for a in call_args(c)):
        return None
    return v


def constant_value(e: ci.Cursor, depth: int) -> int | None:
    """The value of a constant expression a stub returns: an integer constant, another
    stub's call, or a condition (`!x`, `a && b`: 0 or 1) the configuration fixes."""
    e = strip(e)
    v = clangapi.evaluate_int(e)
    if v is not None:
        return v
    if e.kind == K.CALL_EXPR:
        return stub_value(e, depth)
    truth = const_cond(e, depth)
    return None if truth is None else int(truth)


def function_return(decl: ci.Cursor | None) -> tuple[ci.Cursor, ci.Cursor] | None:
    """(definition, E) for a file's own function (internal linkage: no `__weak` default
    another file overrides) whose whole body is `return E;`, else None."""
    d = decl.get_definition() if decl is not None and decl.kind == K.FUNCTION_DECL else None
    if d is None or d.linkage != ci.LinkageKind.INTERNAL:
        return None
    kids = clangapi.children(d)
    body = kids[-1] if kids else None
    if body is None or body.kind != K.COMPOUND_STMT:
        return None
    stmts = clangapi.children(body)
    if len(stmts) != 1 or stmts[0].kind != K.RETURN_STMT:
        return None
    value = clangapi.children(stmts[0])
    return (d, value[0]) if len(value) == 1 else None


def calls_something(c: ci.Cursor) -> bool:
    stack = [c]
    while stack:
        x = stack.pop()
        if x.kind == K.CALL_EXPR or x._kind_id == STMT_EXPR_ID:
            return True
        stack.extend(clangapi.children(x))
    return False


# stub_value() by the declaration's hash: Extractor empties it for each TU
_stub_values: dict[int, int | None] = {}
CONSTANT_DEPTH = 4      # `return other_stub();` is followed this deep


def copy_of_flag(copies: dict, key: str, value) -> None:
    """Both frontends' BodyBuilder.flag_copies after `key = value` (value as in
    Event.consts): a variable that only ever copied one boolean member is that member when
    passed on (snd_pcm_stream_group_ref()'s `snd_pcm_group_lock(group, nonatomic)`)."""
    if "-" in key or "." in key:
        return
    flag = value if isinstance(value, str) and value.startswith(FLAG) else None
    copies[key] = flag if copies.get(key, flag) == flag else None


def arg_value(c: ci.Cursor) -> int | str | None:
    """What a call's argument tells the callee's tests of it (facts.Event.consts): a
    constant's value, NONNULL for an address (`kfree_rcu(p, rcu)` passes `&p->rcu`), else
    None."""
    s = strip(c)
    if s.kind == K.UNARY_OPERATOR and clangapi.unary_operator(s) == clangapi.UNOP_ADDROF:
        return NONNULL
    if s.kind == K.BINARY_OPERATOR:
        # a mask of flags (`GFP_ATOMIC | __GFP_NOWARN`): its value, when constant
        return clangapi.evaluate_int(s)
    if s.kind == K.CALL_EXPR:
        # a constant stub's value (`bool coherent = dev_is_dma_coherent(dev);`)
        return stub_value(s)
    return const_value(c)


def const_value(c: ci.Cursor) -> int | None:
    """An integer literal or enumerator as written (`TRACE_REG_PERF_DEL`, `0`), else None:
    the constants a call or a test names to select a case."""
    c = strip(c)
    neg = c.kind == K.UNARY_OPERATOR and clangapi.unary_operator(c) == clangapi.UNOP_MINUS
    if neg:
        kids = clangapi.children(c)
        c = strip(kids[0]) if kids else c
    ref = c.referenced if c.kind == K.DECL_REF_EXPR else None
    if c.kind == K.INTEGER_LITERAL or (ref is not None and ref.kind == K.ENUM_CONSTANT_DECL):
        v = clangapi.evaluate_int(c)
        return None if v is None else (-v if neg else v)
    return None


MUST_HOLD = re.compile(rb"\b__must_hold\s*\(")
MEMBER_OF_PARAM = re.compile(r"&?\s*(\w+)\s*->\s*(\w+(?:\s*\.\s*\w+)*)")


def must_hold(header: bytes) -> list[tuple[str, list[str]]]:
    """The locks a function's sparse annotation `__must_hold(&p->lock)` says its callers
    hold, from the text of its declaration (the macro is empty outside sparse): (parameter,
    member path) for each one written as a member of a parameter."""
    out = []
    for m in MUST_HOLD.finditer(header):
        depth, i = 1, m.end()
        while i < len(header) and depth:
            depth += {ord("("): 1, ord(")"): -1}.get(header[i], 0)
            i += 1
        found = MEMBER_OF_PARAM.fullmatch(header[m.end():i - 1].decode("utf-8", "replace")
                                          .strip())
        if found:
            out.append((found.group(1), re.split(r"\s*\.\s*", found.group(2))))
    return out


def is_flag_field(f: ci.Cursor | None) -> bool:
    """A boolean struct field, bool or a one-bit bitfield: the flags facts.Binding.sets
    records (`can_sleep`)."""
    if f is None or f.kind != K.FIELD_DECL:
        return False
    return f.type.get_canonical().kind == ci.TypeKind.BOOL or \
        (f.is_bitfield() and f.get_bitfield_width() == 1)


def owner_key(name: str, declared_in: str) -> str:
    """record_owner's rule, for both frontends: include/, arch/*/include/ and the stubs are
    shared by every file; anything else is one driver's own."""
    shared = declared_in.startswith(("include/", "<stubs>/", "/")) or \
        "/include/" in declared_in or not name.startswith(("struct ", "union "))
    return name if shared else f"{name}@{declared_in}"


def or_param(operands) -> str | None:
    """facts.OR + "#argN" for `a || b` with one operand the caller's parameter N handed on
    (the values of const_arg of each operand); None otherwise."""
    found = [v for v in operands if isinstance(v, str) and v.startswith("#arg")]
    return OR + found[0] if len(found) == 1 else None


def masked_param(operands: list, set_bits: bool) -> str | None:
    """facts.MASKED_OR / MASKED_AND hand-on for `p | K` / `p & K` with p the caller's
    parameter N handed on and K a constant: `operands` has, for each operand, its const_arg
    and its value as a constant expression."""
    # (only a plain "#argN": a mask of a mask is not followed)
    handed = [v for v, _ in operands if isinstance(v, str) and v.startswith("#arg") and
              v[4:].isdigit()]
    consts = [k for _, k in operands if k is not None]
    if len(handed) != 1 or len(consts) != 1:
        return None
    return f"{handed[0]}{MASKED_OR if set_bits else MASKED_AND}{consts[0]}"


def closing_paren(text: bytes, i: int) -> int:
    """The index of the parenthesis closing the one at text[i], -1 if none does."""
    depth = 0
    for j in range(i, len(text)):
        ch = text[j]
        if ch == 40:             # (
            depth += 1
        elif ch == 41:           # )
            depth -= 1
            if depth == 0:
                return j
    return -1


def has_label(c: ci.Cursor | None) -> bool:
    if c is None:
        return False
    if c.kind == K.LABEL_STMT:
        return True
    return any(has_label(k) for k in clangapi.children(c))


def strip(c: ci.Cursor) -> ci.Cursor:
    while c._kind_id in TRANSPARENT_IDS:
        kids = clangapi.children(c)
        if len(kids) != 1:
            break
        c = kids[0]
    return c


def once_target(c: ci.Cursor) -> ci.Cursor | None:
    """`x` of READ_ONCE(x) / WRITE_ONCE(x, v), which expand to `*(volatile T *)&(x)`
    (pycparser's plain-C stubs make them `(x)`); None for anything else."""
    c = strip(c)
    if c.kind != K.UNARY_OPERATOR or clangapi.unary_operator(c) != clangapi.UNOP_DEREF:
        return None
    kids = clangapi.children(c)
    inner = kids[-1] if kids else None
    # the cast to `volatile typeof(x) *` has typeof's expression as a child too: the
    # operand is its last
    while inner is not None and inner._kind_id in TRANSPARENT_IDS:
        kids = clangapi.children(inner)
        inner = kids[-1] if kids else None
    if inner is None or inner.kind != K.UNARY_OPERATOR or \
            clangapi.unary_operator(inner) != clangapi.UNOP_ADDROF:
        return None
    kids = clangapi.children(inner)
    return strip(kids[0]) if kids else None


def init_list(c: ci.Cursor) -> ci.Cursor | None:
    """The braces an initializer is: `{ ... }`, or a compound literal's (`static
    DEFINE_IRQ_WORK(w, fn)` is `struct irq_work w = (struct irq_work){ .func = fn }`, and
    a member's `.rtp_irq_work = IRQ_WORK_INIT_HARD(fn)` is one too); None for any other
    expression."""
    c = strip(c)
    if c.kind == K.COMPOUND_LITERAL_EXPR:
        c = clangapi.children(c)[-1]
    return c if c.kind == K.INIT_LIST_EXPR else None


def stmt_expr_value(c: ci.Cursor) -> ci.Cursor | None:
    """The value of a statement expression `({ ...; x; })`: its last statement, when that
    is an expression; None for anything else."""
    c = strip(c)
    if c._kind_id == STMT_EXPR_ID:
        kids = clangapi.children(c)
        c = kids[0] if len(kids) == 1 else c
    if c.kind != K.COMPOUND_STMT:
        return None
    kids = clangapi.children(c)
    return kids[-1] if kids and kids[-1].kind.is_expression() else None


def call_args(c: ci.Cursor) -> list[ci.Cursor]:
    """list(c.get_arguments()) of a CALL_EXPR: its children after the callee (C's CallExpr
    children are the callee, then the arguments), the cursors the walk shares (see
    clangapi.children) rather than new ones made by two calls and one per argument."""
    return clangapi.children(c)[1:]


def anonymous(name: str) -> bool:
    """An unnamed struct or union (or a member of one): `union lockref::(anonymous at ...)`."""
    return not name or "(anonymous" in name or "(unnamed" in name


def embedded_owner(base: ci.Cursor, bt: ci.Type, path: list[str]) -> bool:
    """Is `base` a named struct member that holds the lock (`pgdat->__lruvec` in
    `pgdat->__lruvec.lru_lock`), in an object that is no file-scope variable (whose locks
    keep the variable's name)?"""
    if not path or bt.kind != ci.TypeKind.RECORD or anonymous(type_name(bt)):
        return False
    c = strip(base)
    if c.kind != K.MEMBER_REF_EXPR:
        return False
    while c.kind in (K.MEMBER_REF_EXPR, K.ARRAY_SUBSCRIPT_EXPR):
        kids = clangapi.children(c)
        if not kids:
            return False
        if kids[0].type.get_canonical().kind == ci.TypeKind.POINTER:
            return True
        c = strip(kids[0])
    ref = c.referenced if c.kind == K.DECL_REF_EXPR else None
    return ref is None or ref.kind != K.VAR_DECL or ref.semantic_parent is None or \
        ref.semantic_parent.kind != K.TRANSLATION_UNIT


def is_inline(c: ci.Cursor) -> bool:
    """Is a function declared inline? (A header's plain static function, unlike its inline
    ones, is part of the file that includes it: see Extractor._run.)"""
    f = clangapi.lib().clang_Cursor_isFunctionInlined
    if f.argtypes is None:
        f.argtypes, f.restype = [ci.Cursor], ctypes.c_uint
    return bool(f(c))


def file_static(ref: ci.Cursor | None) -> bool:
    """Is `ref` a variable of file scope with internal linkage (`static struct x y = ...`)?"""
    return ref is not None and ref._kind_id == VAR_DECL_ID and \
        ref.linkage == ci.LinkageKind.INTERNAL and \
        ref.semantic_parent is not None and \
        ref.semantic_parent.kind == K.TRANSLATION_UNIT


def source_functions(ids) -> list[str]:
    """FileFacts.referenced from the static function ids a walk saw named: those defined in
    a .c file (a header's are never roots), sorted."""
    return sorted(f for f in ids if "@" in f and not is_header(f.rpartition("@")[2]))


def settle_facts(facts: FileFacts, copied_flags, var_bindings: dict, var_refs: dict,
                 dead: set[str], referenced: set[str]) -> None:
    """The end of either frontend's walk of a TU. The flags a copied template's code sets go
    to its bindings; a dead variable's bindings go (dead_variables), and the functions only
    its initializer names stay unreferenced; the rest is sorted, so that the facts do not
    depend on the order of the walk."""
    for name, flags in copied_flags:
        with_sets(facts.bindings, var_bindings.get(name, ()), flags)
    drop = {i for name in dead for i in var_bindings[name]}
    if drop:
        facts.bindings = [b for i, b in enumerate(facts.bindings) if i not in drop]
    for name, refs in var_refs.items():
        if name not in dead:
            referenced |= refs
    facts.functions.sort(key=lambda fn: (fn.loc, fn.id))
    freeze_blocks(facts.functions)
    facts.bindings.sort(key=lambda b: (b.loc, b.field, b.function))
    facts.registrations.sort(key=lambda r: (r.loc, r.function))
    facts.lockdefs.sort(key=lambda d: (d.loc, d.name))
    facts.referenced = source_functions(referenced)
    facts.declared.sort()
    facts.set_flags = sorted(set(facts.set_flags))
    facts.struct_headers = sorted(set(facts.struct_headers))
    facts.tables = sorted({t for t in facts.tables if t.partition("@")[0] not in dead})


class PathMapper:
    """Maps absolute file names to the names facts use: relative to the report root."""

    def __init__(self, root: Path, stubs: Path):
        self.root = str(root.resolve())
        self.stubs = str(stubs.resolve())
        self._cache: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        r = self._cache.get(name)
        if r is None:
            p = os.path.normpath(os.path.abspath(name))
            if p.startswith(self.stubs + os.sep):
                r = "<stubs>/" + os.path.relpath(p, self.stubs)
            elif p.startswith(self.root + os.sep):
                r = os.path.relpath(p, self.root)
            else:
                r = p
            self._cache[name] = r
        return r


class Extractor:
    """Walks one parsed translation unit and fills a FileFacts."""

    def __init__(self, tu: ci.TranslationUnit, main: str, knowledge: Knowledge,
                 paths: PathMapper):
        self.tu = tu
        self.main = main
        self.k = knowledge
        self.paths = paths
        self.facts = FileFacts(path=paths(main))
        clangapi.forget_files()
        _lock_pointers.clear()
        _stub_values.clear()
        self._texts: dict[str, bytes] = {}
        self._walked: set[str] = set()
        self._accessors: dict[str, str] = {}   # lock accessor function -> the class it returns
        self._destructors: dict[str, ci.Cursor] | None = None
        self._pending: list[ci.Cursor] = []
        self._top: list[ci.Cursor] | None = None
        self._source_files: dict[int | None, bool] = {}   # in_source() by file pointer
        self._decls: list[ci.Cursor] | None = None
        # function_id() and called_function() by the declaration cursor's bytes (pointers
        # into this TU): asked at every call
        self._fids: dict[bytes, str] = {}
        self._callees: dict[bytes, ci.Cursor | None] = {}
        # facts.Binding.sets of a template copied in code: the bindings each file-scope
        # variable's initializer made, and (variable, flags) of the bodies copying one
        self.var_bindings: dict[str, range] = {}
        self.copied_flags: list[tuple[str, set[str]]] = []
        self._consumed: set[tuple[str, int]] = set()
        self.api_names = knowledge.api_names()
        self._referenced: set[str] = set()       # FileFacts.referenced, headers' included
        # the static functions each file-scope variable's initializer names, and how many
        # times code removed by a constant condition names each file-scope static variable
        # (see dead_variables)
        self.var_refs: dict[str, set[str]] = {}
        self.dead_refs: dict[str, int] = {}
        # did the initializer being walked set a function pointer field to something other
        # than a function or NULL? (FileFacts.tables)
        self._opaque = False

    # ---- source text helpers ------------------------------------------------------------

    def text_of(self, fname: str) -> bytes:
        t = self._texts.get(fname)
        if t is None:
            try:
                t = Path(fname).read_bytes()
            except OSError:
                t = b""
            self._texts[fname] = t
        return t

    def loc(self, c: ci.Cursor) -> Loc:
        """Where a cursor is reported: its expansion location (a macro's name for macro code)."""
        name, line, col, end_line, end_col = clangapi.extent(c)
        if name is None:
            return Loc(self.facts.path, 0, 0)
        return Loc(self.paths(name), line, col, end_line, end_col)

    def for_header(self, c: ci.Cursor) -> tuple[bool, bool, bool] | None:
        """Which of init, condition and increment a `for` writes (libclang leaves out the
        missing parts, so the children cannot tell), from its text; None for a `for` a
        macro writes (scoped_guard), whose text is the macro's name."""
        f, _, _, off = clangapi.file_location(c.extent.start)
        head = self.text_of(f)[off:off + 600] if f else b""
        m = FOR_HEAD.match(head)
        if not m:
            return None
        depth, i, start, parts = 0, m.end(), m.end(), []
        while i < len(head):
            ch = head[i:i + 1]
            if ch in b"([{":
                depth += 1
            elif ch in b")]}":
                if depth == 0:
                    parts.append(head[start:i])
                    break
                depth -= 1
            elif ch == b";" and depth == 0:
                parts.append(head[start:i])
                start = i + 1
            i += 1
        if len(parts) != 3:
            return None
        return tuple(bool(p.strip()) for p in parts)

    def source(self, c: ci.Cursor) -> str:
        """The text a cursor was written as (its file-location extent)."""
        f1, _, _, o1 = clangapi.file_location(c.extent.start)
        f2, _, _, o2 = clangapi.file_location(c.extent.end)
        if not f1 or f1 != f2 or o2 <= o1:
            return ""
        return self.text_of(f1)[o1:o2].decode("utf-8", "replace")

    def macro_at(self, c: ci.Cursor) -> tuple[str, str, int]:
        """(identifier at the expansion location, file, offset) of a cursor."""
        fname, offset = clangapi.expansion(c)
        if fname is None:
            return "", "", -1
        m = IDENT.match(self.text_of(fname), offset)
        return (m.group().decode() if m else ""), fname, offset

    def macro_args(self, fname: str, offset: int) -> list[tuple[int, int, str]]:
        """Split the argument list of the macro invocation whose name starts at `offset`."""
        text = self.text_of(fname)
        m = IDENT.match(text, offset)
        if not m:
            return []
        i = m.end()
        while i < len(text) and text[i:i + 1].isspace():
            i += 1
        if text[i:i + 1] != b"(":
            return []
        args, depth, start, i = [], 0, i + 1, i + 1
        while i < len(text):
            ch = text[i:i + 1]
            if ch in b"([{":
                depth += 1
            elif ch in b")]}":
                if depth == 0:
                    args.append((start, i))
                    break
                depth -= 1
            elif ch == b"," and depth == 0:
                args.append((start, i))
                start = i + 1
            i += 1
        out = []
        for a, b in args:
            raw = text[a:b]
            lead = len(raw) - len(raw.lstrip())
            out.append((a + lead, b, raw.strip().decode("utf-8", "replace")))
        return out

    def find_arg(self, within: ci.Cursor, fname: str, start: int) -> ci.Cursor | None:
        """The outermost expression under `within` written at file offset `start`."""
        stack = [within]
        while stack:
            c = stack.pop()
            if c.kind.is_expression():
                f, _, _, off = clangapi.file_location(c.extent.start)
                if off == start and f == fname:
                    return c
            stack.extend(reversed(clangapi.children(c)))
        return None

    # ---- identities ---------------------------------------------------------------------

    def record_owner(self, t: ci.Type) -> str:
        """A struct as the owner of a function-pointer field: its tag, and for a struct
        declared outside the shared headers the file declaring it. Drivers reuse tags
        (three different `struct e1000_mac_operations` in e1000e, igb and igbvf): without
        the file, one driver's `mac.ops.setup_link()` would call the others' functions."""
        return self.record_decl(t)[0]

    def record_decl(self, t: ci.Type) -> tuple[str, str]:
        """(record_owner, the file declaring the struct or '')."""
        name = type_name(t)
        decl = t.get_declaration()
        f = decl.location.file if decl is not None and decl.kind != K.NO_DECL_FOUND else None
        if f is None:
            return name, ""
        declared_in = self.paths(f.name)
        return owner_key(name, declared_in), declared_in

    def flag_owner(self, t: ci.Type) -> str:
        """record_owner of a struct whose flag the code tests or sets, noting the header of
        a shared one (FileFacts.struct_headers)."""
        owner, declared_in = self.record_decl(t)
        if declared_in and "@" not in owner:
            self.facts.struct_headers.append((owner, declared_in))
        return owner

    def function_id(self, decl: ci.Cursor) -> str:
        key = bytes(decl)          # the same declaration, however it was reached
        fid = self._fids.get(key)
        if fid is None:
            if decl.linkage == ci.LinkageKind.INTERNAL:
                d = decl.get_definition() or decl
                f = d.location.file
                fid = f"{decl.spelling}@{self.paths(f.name) if f else self.facts.path}"
            else:
                fid = decl.spelling
            self._fids[key] = fid
        return fid

    def variable_id(self, decl: ci.Cursor) -> str:
        """A file-scope variable's id, as function_id's: `name@file` for a static one."""
        if decl.linkage == ci.LinkageKind.INTERNAL:
            d = decl.get_definition() or decl
            f = d.location.file
            return f"{decl.spelling}@{self.paths(f.name) if f else self.facts.path}"
        return decl.spelling

    def table_ref(self, c: ci.Cursor) -> str:
        """The ops table a call's argument is the address of (`&snd_pcm_action_start`): the
        id of a file-scope const struct variable, else ''. Only the ids FileFacts.tables
        lists are tables to link."""
        c = strip(c)
        if c.kind != K.UNARY_OPERATOR or clangapi.unary_operator(c) != clangapi.UNOP_ADDROF:
            return ""
        kids = clangapi.children(c)
        v = strip(kids[0]) if kids else None
        ref = v.referenced if v is not None and v.kind == K.DECL_REF_EXPR else None
        if ref is None or ref.kind != K.VAR_DECL or ref.semantic_parent is None or \
                ref.semantic_parent.kind != K.TRANSLATION_UNIT:
            return ""
        t = ref.type.get_canonical()
        return self.variable_id(ref) if t.kind == ci.TypeKind.RECORD and \
            t.is_const_qualified() else ""

    def function_ref(self, c: ci.Cursor | None) -> str:
        """The function an expression names (`fn`, `&fn`, `(cast)fn`), or ''."""
        while c is not None:
            c = strip(c)
            if c.kind == K.UNARY_OPERATOR:
                kids = clangapi.children(c)
                c = kids[0] if kids else None
                continue
            if c.kind == K.DECL_REF_EXPR:
                ref = c.referenced
                if ref is not None and ref.kind == K.FUNCTION_DECL:
                    return self.function_id(ref)
            return ""
        return ""

    def reference(self, c: ci.Cursor) -> None:
        """A DeclRefExpr not in a direct call's callee position: when it names a static
        function, that function's address is taken (FileFacts.referenced)."""
        ref = c.referenced
        if ref is not None and ref._kind_id == FUNCTION_DECL_ID and \
                ref.linkage == ci.LinkageKind.INTERNAL:
            self._referenced.add(self.function_id(ref))

    def references_in(self, c: ci.Cursor | None) -> None:
        """Every function a whole expression names (a file-scope initializer, an API's
        argument), called or not: code the body walk does not enter. Not under sizeof."""
        if c is None:
            return
        if c._kind_id == DECL_REF_EXPR_ID:
            self.reference(c)
        elif c._kind_id != SIZEOF_ID:
            for x in clangapi.descendants(c, REFERENCE_KINDS, REFERENCE_PRUNED):
                self.reference(x)

    def lockref(self, c: ci.Cursor | None, display: str = "") -> LockRef | None:
        if c is None:
            return None
        display = display or self.source(c)
        path: list[str] = []
        # `spin_unlock(fw->ptl)`: a struct member that points to a lock (LockRef "pointer")
        top = strip(c)
        member = "pointer" if top.kind == K.MEMBER_REF_EXPR and \
            top.type.get_canonical().kind == ci.TypeKind.POINTER else "member"
        while True:
            c = strip(c)
            if c.kind == K.UNARY_OPERATOR:
                kids = clangapi.children(c)
                if not kids:
                    break
                c = kids[0]
                continue
            if c.kind == K.CALL_EXPR and not path:
                args = call_args(c)
                if len(args) == 1 and is_lock_pointer(args[0].type):
                    c = args[0]             # pass-through helpers such as spinlock_check(l)
                    continue
                # an accessor such as rq_lockp(rq) returns the same kind of lock for every
                # argument: the class its body returns (`return &rq->__lock;`), else one
                # named after it, the same in every function using it
                callee = c.referenced
                if callee is not None and callee.spelling:
                    return self.accessor_lock(callee, display)
                break
            if c.kind == K.ARRAY_SUBSCRIPT_EXPR:
                kids = clangapi.children(c)
                if not kids:
                    break
                if path:
                    path[0] += "[]"
                else:
                    path.append("[]")
                c = kids[0]
                continue
            if c.kind == K.MEMBER_REF_EXPR:
                if not anonymous(c.spelling):     # `lockref->lock` crosses an unnamed union
                    path.insert(0, c.spelling)
                kids = clangapi.children(c)
                if not kids:
                    break
                base = kids[0]
                bt = base.type.get_canonical()
                if bt.kind == ci.TypeKind.POINTER:
                    owner = type_name(bt.get_pointee())
                    if anonymous(owner):
                        owner = "struct ?"
                    return LockRef(member, owner + "." + ".".join(path).replace(".[]", "[]"),
                                   display)
                if embedded_owner(base, bt, path):
                    # a lock in a struct embedded in another (`&pgdat->__lruvec.lru_lock`) is
                    # named by the embedded struct's type, as the code that is handed a
                    # pointer to it names it (`return &pgdat->__lruvec;`, then
                    # `spin_unlock_irqrestore(&lruvec->lru_lock, flags)`): one lock, one name
                    return LockRef(member, type_name(bt) + "." +
                                   ".".join(path).replace(".[]", "[]"), display)
                c = base
                continue
            if c.kind == K.DECL_REF_EXPR:
                ref = c.referenced
                if ref is None:
                    break
                suffix = ("." + ".".join(path).replace(".[]", "[]")) if path else ""
                if ref.kind == K.PARM_DECL:
                    if path:
                        return LockRef(member, type_name(ref.type) + suffix, display)
                    return LockRef("param", str(self._param_index(ref)), display)
                if ref.kind == K.VAR_DECL:
                    if ref.semantic_parent is not None and ref.semantic_parent.kind == K.TRANSLATION_UNIT:
                        if ref.linkage == ci.LinkageKind.INTERNAL:
                            f = ref.location.file
                            fn = self.paths(f.name) if f else self.facts.path
                            return LockRef("static", f"{fn}:{ref.spelling}{suffix}", display)
                        return LockRef("global", ref.spelling + suffix, display)
                    if path:
                        return LockRef(member, type_name(ref.type) + suffix, display)
                    init = [x for x in clangapi.children(ref) if x.kind.is_expression()]
                    if init and ref.type.get_canonical().kind == ci.TypeKind.POINTER:
                        # `spinlock_t *l = &priv->lock;` names priv's lock
                        r = self.lockref(init[-1], display)
                        if r is not None and r.kind != "unknown":
                            return r
                    return LockRef("local", ref.spelling, display)
            break
        return LockRef("unknown", display, display)

    def accessor_lock(self, decl: ci.Cursor, display: str) -> LockRef:
        key = decl.spelling
        if key not in self._accessors:
            self._accessors[key] = f"{key}()"          # also cuts recursion
            found = set()
            d = decl.get_definition()
            stack = list(clangapi.children(d)) if d is not None else []
            while stack and len(found) < 2:
                x = stack.pop()
                if x.kind == K.RETURN_STMT:
                    for e in clangapi.children(x):
                        r = self.lockref(e)
                        by_class = r and r.kind in ("member", "pointer", "global", "static")
                        found.add(r.name if by_class else "")
                elif not x.kind.is_expression():
                    stack.extend(clangapi.children(x))
            if len(found) == 1 and "" not in found:
                self._accessors[key] = found.pop()
        return LockRef("member", self._accessors[key], display)

    def _param_index(self, parm: ci.Cursor) -> int:
        fn = parm.semantic_parent
        if fn is not None:
            for i, a in enumerate(fn.get_arguments()):
                if a == parm:
                    return i
        return 0

    # ---- top level ----------------------------------------------------------------------

    def run(self) -> FileFacts:
        # the walk makes hundreds of thousands of short-lived cursors and keeps every event
        # it records: the cyclic collector's passes over the growing facts find nothing to
        # free (neither holds a cycle), so it is off for the walk
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._run()
        finally:
            clangapi.forget_children()
            _lock_pointers.clear()
            _stub_values.clear()
            self._top = self._decls = None
            if enabled:
                gc.enable()

    def _run(self) -> FileFacts:
        self.lost = self.lost_lines()
        header_fns = []
        for c in self.top_decls():
            if c._kind_id == FUNCTION_DECL_ID:
                if self.in_source(c):
                    self.walk_function(c, in_header=False)
                elif not is_inline(c):
                    header_fns.append(c)
            elif self.in_source(c):
                self.top_var(c)
        while self._pending:
            self.walk_function(self._pending.pop(), in_header=True)
        for c in header_fns:
            # kernel/rcu/tree.c #includes tree_nocb.h, whose plain static functions are
            # walked only when called: the functions the others call or name are not dead
            if self.function_id(c) not in self._walked:
                self.references_in(c)
                clangapi.forget_children()
        settle_facts(self.facts, self.copied_flags, self.var_bindings, self.var_refs,
                     self.dead_variables(), self._referenced)
        self.collect_diagnostics()
        return self.facts

    def top_level(self) -> list[ci.Cursor]:
        """The TU's top-level function and variable declarations, visited once (tens of
        thousands of header declarations: children()'s memo is emptied after each
        function)."""
        if self._top is None:
            self._top = clangapi.children_of_kinds(self.tu.cursor, TOP_KINDS)
        return self._top

    def top_decls(self) -> list[ci.Cursor]:
        """The top-level function definitions and variable declarations, in order."""
        if self._decls is None:
            # most top-level cursors are header declarations: test the cheap things first
            # (the raw kind id: no CursorKind lookup per cursor)
            self._decls = [c for c in self.top_level()
                           if c._kind_id == VAR_DECL_ID or
                           c._kind_id == FUNCTION_DECL_ID and c.is_definition()]
        return self._decls

    def destructor(self, cls: str) -> ci.Cursor | None:
        """The definition of `class_<cls>_destructor` (cleanup.h), found once per TU."""
        if self._destructors is None:
            self._destructors = {}
            for c in self.top_decls():
                if c._kind_id == FUNCTION_DECL_ID:
                    m = GUARD_DTOR.match(c.spelling)
                    if m:
                        self._destructors[m.group(1)] = c
        return self._destructors.get(cls)

    def lost_lines(self) -> set[tuple[str, int]]:
        """Lines where clang dropped a statement: it names an undeclared identifier."""
        lost = set()
        for d in self.tu.diagnostics:
            f = d.location.file
            if f is not None and d.severity >= ci.Diagnostic.Error and "undeclared" in d.spelling:
                lost.add((f.name, d.location.line))
        return lost

    def recover(self, fn: ci.Cursor, fid: str, blocks: list[Block]) -> None:
        """Find lock API uses in statements the AST lost, from the tokens.

        `spin_lock(&q->lock)` with an undeclared `q` vanishes from the AST; the call is still
        in the tokens. The lock is named by its text (`q->lock`), so two lost uses of the same
        expression are still one lock. Each recovered event goes after the last event of an
        earlier line, which is where the statement stood as far as lines can tell.
        """
        f = fn.extent.start.file
        if f is None or not any(fl == f.name and fn.extent.start.line <= line <= fn.extent.end.line
                                for fl, line in self.lost):
            return
        toks = list(fn.get_tokens())
        for i, tok in enumerate(toks[:-1]):
            line = tok.location.line
            if (f.name, line) not in self.lost or tok.kind != ci.TokenKind.IDENTIFIER:
                continue
            api = self.k.locks.get(tok.spelling)
            if api is None or toks[i + 1].spelling != "(":
                continue
            if any(e.loc.line == line and e.api == tok.spelling for b in blocks for e in b.events):
                continue
            args = self.macro_args(f.name, tok.location.offset)
            lock = None
            if api.lock_arg is not None and api.lock_arg < len(args):
                text = re.sub(r"\s+", "", args[api.lock_arg][2]).lstrip("&")
                lock = LockRef("global", text, args[api.lock_arg][2])
            kind = {"release": "release", "": "irq"}.get(api.acquire, "acquire")
            ev = Event(kind, Loc(self.paths(f.name), line, tok.location.column), api=tok.spelling,
                       lock=lock if kind != "irq" else None, lock_kind=api.kind, mode=api.mode,
                       trylock=api.trylock, hardirqs=api.hardirqs, softirqs=api.softirqs,
                       sleeps=api.sleeps)
            self.insert_by_line(blocks, ev)
            self.facts.recovered += 1

    @staticmethod
    def insert_by_line(blocks: list[Block], ev: Event) -> None:
        best, pos = blocks[0], 0
        best_line = -1
        for b in blocks:
            for j, e in enumerate(b.events):
                if best_line < e.loc.line <= ev.loc.line:
                    best, pos, best_line = b, j + 1, e.loc.line
        best.events.insert(pos, ev)

    def in_source(self, c: ci.Cursor) -> bool:
        """Is the cursor in a non-header file of the TU (the main file or an included .c)?"""
        key = clangapi.expansion_file_key(c)
        v = self._source_files.get(key)
        if v is None:
            name = clangapi.file_name(key)
            v = self._source_files[key] = name is not None and not is_header(name)
        return v

    def collect_diagnostics(self) -> None:
        for d in self.tu.diagnostics:
            if d.severity < ci.Diagnostic.Error:
                continue
            f = d.location.file
            where = f"{self.paths(f.name)}:{d.location.line}:{d.location.column}" if f else \
                self.facts.path
            self.facts.errors.append(f"{where}: {d.spelling}")
        self.facts.lost_statements = len(self.lost)

    def top_var(self, c: ci.Cursor) -> None:
        tname = type_name(c.type)
        if tname in LOCK_TYPES:
            ref = LockRef("static", f"{self.paths(c.location.file.name)}:{c.spelling}") \
                if c.linkage == ci.LinkageKind.INTERNAL else LockRef("global", c.spelling)
            self.facts.lockdefs.append(LockDef(c.spelling, ref.name, tname, self.loc(c)))
        start = len(self.facts.bindings)
        outer, self._referenced = self._referenced, set()
        table = False
        for child in clangapi.children(c):
            if child.kind.is_expression():
                init = init_list(child)
                if init is not None:
                    self._opaque = False
                    if is_function_pointer_array(c.type):
                        self.array_initializer(init, array_field(self.variable_id(c)))
                    else:
                        self.initializer(init)
                    t = c.type.get_canonical()
                    table = t.kind == ci.TypeKind.RECORD and t.is_const_qualified() and \
                        not self._opaque
                self.references_in(child)
        self.var_refs.setdefault(c.spelling, set()).update(self._referenced)
        self._referenced = outer
        clangapi.forget_children()
        if table:
            self.ops_table(self.variable_id(c), start)
        if len(self.facts.bindings) > start:
            self.var_bindings[c.spelling] = range(start, len(self.facts.bindings))

    def ops_table(self, vid: str, start: int) -> None:
        """A const struct variable whose initializer the bindings from `start` on describe
        whole: an ops table (FileFacts.tables), its bindings owned by it."""
        self.facts.tables.append(vid)
        b = self.facts.bindings
        b[start:] = [dataclasses.replace(x, owner=vid) for x in b[start:]]

    def dead_code(self, c: ci.Cursor | None) -> None:
        """A statement removed by a constant condition (BodyBuilder.if_stmt): count the
        file-scope static variables it names (dead_variables)."""
        stack = [c] if c is not None else []
        while stack:
            x = stack.pop()
            if x._kind_id == DECL_REF_EXPR_ID:
                ref = x.referenced
                if file_static(ref):
                    self.dead_refs[ref.spelling] = self.dead_refs.get(ref.spelling, 0) + 1
            else:
                stack.extend(clangapi.children(x))

    def dead_variables(self) -> set[str]:
        """The file-scope static variables whose initializers bind functions to fields and
        that only code a constant condition removes names: `static struct
        smp_hotplug_thread irqwork_threads = { .thread_fn = run_irq_workd, ... }` registered
        only `if (IS_ENABLED(CONFIG_PREEMPT_RT))` (kernel/irq_work.c). The compiler drops
        that branch, then the unused variable: its bindings and the functions it names are
        not in this configuration. Every reference in the TU's source files is counted (not
        only the code walked: API arguments are not); a variable whose name a header
        mentions, or that carries an attribute (__used, a section), is kept."""
        cands = {n for n in self.dead_refs if n in self.var_bindings}
        if not cands:
            return set()
        decls: dict[str, ci.Cursor] = {}
        total = dict.fromkeys(cands, 0)     # the dead references included
        for top in self.top_level():
            if top._kind_id not in (FUNCTION_DECL_ID, VAR_DECL_ID) or not self.in_source(top):
                continue
            if top._kind_id == VAR_DECL_ID and top.spelling in cands:
                decls.setdefault(top.spelling, top)
            stack = list(clangapi.children(top))
            while stack:
                x = stack.pop()
                if x._kind_id == DECL_REF_EXPR_ID:
                    ref = x.referenced
                    if ref is not None and ref.spelling in total and file_static(ref):
                        total[ref.spelling] += 1
                else:
                    stack.extend(clangapi.children(x))
            clangapi.forget_children()
        dead = {n for n in cands if total[n] == self.dead_refs[n] and n in decls and
                not any(k.kind.is_attribute() for k in clangapi.children(decls[n]))}
        if dead:
            for inc in self.tu.get_includes():
                name = inc.include.name
                if is_header(name):
                    text = self.text_of(name)
                    dead = {n for n in dead
                            if not re.search(rb"\b%s\b" % re.escape(n.encode()), text)}
                    if not dead:
                        break
        return dead

    def array_initializer(self, init: ci.Cursor, array: str) -> None:
        """Record the functions a file-scope array of function pointers' initializer names,
        each bound to the array (facts.array_field)."""
        self.facts.bindings.extend(
            Binding(array, fn, self.loc(item)) for item in clangapi.children(init)
            for fn in [self.function_ref(array_element(item))] if fn)

    def initializer(self, init: ci.Cursor, bound=None) -> None:
        """Record `.field = fn` (designated or positional) in a struct initializer. In a
        function body, `bound` (BodyBuilder.bound_function) names what a value binds: a
        parameter too."""
        t = init.type.get_canonical()
        fields = list(t.get_fields()) if t.kind == ci.TypeKind.RECORD else []
        owner = self.record_owner(t)
        found, flags = [], set()
        for i, item in enumerate(clangapi.children(init)):
            kids = clangapi.children(item) if item.kind == K.UNEXPOSED_EXPR else []
            # `.f = v` is [MEMBER_REF f, v]; into an anonymous union or struct member it is
            # [MEMBER_REF (anonymous), MEMBER_REF f, v], and f is still a field of `t`
            names = [k for k in kids[:-1] if k.kind == K.MEMBER_REF and k.spelling]
            if len(kids) >= 2 and all(k.kind == K.MEMBER_REF for k in kids[:-1]) and \
                    len(names) == 1:
                fname, value, fdecl = names[0].spelling, kids[-1], names[0].referenced
            else:
                fdecl = fields[i] if i < len(fields) else None
                fname = fdecl.spelling if fdecl is not None else ""
                value = item
            inner = init_list(value)
            if inner is not None:
                if bound is None:    # in a body, BodyBuilder.expr() walks to it on its own
                    self.initializer(inner)
                continue
            fn = bound(value) if bound is not None else self.function_ref(value)
            if fn and fname and t.kind == ci.TypeKind.RECORD:
                found.append(Binding(f"{owner}.{fname}", fn, self.loc(value)))
            elif fname and const_value(value) != 0:
                if is_flag_field(fdecl):
                    flags.add(fname)
                    self.facts.set_flags.append(f"{owner}.{fname}")
                elif fdecl is not None and is_function_pointer(fdecl.type):
                    self._opaque = True
        self.facts.bindings.extend(
            dataclasses.replace(b, sets=tuple(sorted(flags))) if flags else b for b in found)

    # ---- function bodies ----------------------------------------------------------------

    def walk_function(self, fn: ci.Cursor, in_header: bool) -> None:
        fid = self.function_id(fn)
        if fid in self._walked:
            return
        self._walked.add(fid)
        try:
            self._walk_function(fn, fid, in_header)
        finally:
            clangapi.forget_children()   # one function's cursors at a time

    def _walk_function(self, fn: ci.Cursor, fid: str, in_header: bool) -> None:
        body = [c for c in clangapi.children(fn) if c.kind == K.COMPOUND_STMT]
        if not body:
            return
        cfg = BodyBuilder(self, fid)
        params = [(a.spelling, a) for a in fn.get_arguments()]
        cfg.set_params([name for name, _ in params])
        cfg.table_params = {i: name for i, (name, a) in enumerate(params)
                            if is_const_record_pointer(a.type)}
        start = len(self.facts.bindings)
        for ev in self.must_hold_events(fn, body[0], dict(params)):
            cfg.emit(ev)
        cfg.stmt(body[0])
        cfg.finish()
        with_sets(self.facts.bindings, range(start, len(self.facts.bindings)), cfg.flags)
        made_by(self.facts.bindings, range(start, len(self.facts.bindings)), fid)
        if cfg.flags:
            self.copied_flags.extend((name, cfg.flags) for name in sorted(cfg.copies))
        self.facts.set_flags.extend(cfg.flags)
        if not in_header:
            self.recover(fn, fid, cfg.blocks)
            self.declared_in(fn, fid)
        self.facts.functions.append(Function(
            id=fid, name=fn.spelling, loc=self.loc(fn),
            params=[name for name, _ in params],
            blocks=compact_blocks(cfg.blocks), entry=0, exit=1, in_header=in_header,
            containers=tuple(sorted(cfg.containers))))

    def declared_in(self, fn: ci.Cursor, fid: str) -> None:
        """FileFacts.declared: the header of an external function's first declaration."""
        if "@" in fid:
            return
        f = fn.canonical.location.file
        if f is not None and is_header(f.name):
            self.facts.declared.append((fid, self.paths(f.name)))

    def must_hold_events(self, fn: ci.Cursor, body: ci.Cursor,
                         params: dict[str, ci.Cursor]) -> list[Event]:
        """`__must_hold(&rq->lock)` on the definition: an assertion at entry, as
        lockdep_assert_held() would be."""
        f1, _, _, o1 = clangapi.file_location(fn.extent.start)
        f2, _, _, o2 = clangapi.file_location(body.extent.start)
        if not f1 or f1 != f2 or o2 <= o1:
            return []
        header = self.text_of(f1)[o1:o2]
        if b"__must_hold" not in header:
            return []
        out = []
        for param, path in must_hold(header):
            p = params.get(param)
            t = p.type.get_canonical() if p is not None else None
            if t is None or t.kind != ci.TypeKind.POINTER:
                continue
            owner = t = t.get_pointee().get_canonical()
            for name in path:
                t = next((f.type.get_canonical() for f in t.get_fields() if f.spelling == name),
                         None)
                if t is None:
                    break
            kind = LOCK_TYPES.get(type_name(t)) if t is not None else None
            if kind:
                out.append(Event("assert", self.loc(fn), api="__must_hold", context="held",
                                 lock=LockRef("member", f"{type_name(owner)}.{'.'.join(path)}"),
                                 lock_kind=kind))
        return out

    def called_function(self, decl: ci.Cursor) -> None:
        """A direct call: walk the callee too if it is a header inline we have not seen."""
        key = bytes(decl)
        if key in self._callees:
            d = self._callees[key]
        else:
            d = decl.get_definition()
            if d is None or d.location.file is None or not is_header(d.location.file.name):
                d = None
            self._callees[key] = d
        if d is not None and self.function_id(d) not in self._walked:
            self._pending.append(d)

    # ---- API matching -------------------------------------------------------------------

    def match_api(self, call: ci.Cursor, statements: list[ci.Cursor] = ()):
        """(api name, how, argument getter) when `call` is a known API use, else None.

        how is 'macro' (matched by the name token at the expansion location) or 'function'.
        """
        callee = call.spelling
        name, fname, off = self.macro_at(call)
        if name and name != callee and name in self.api_names:
            key = (fname, off)
            if key in self._consumed:
                return "consumed", None, None
            self._consumed.add(key)
            margs = self.macro_args(fname, off)

            def arg(i, call=call, margs=margs, fname=fname):
                if i >= len(margs):
                    return None, ""
                a, _, text = margs[i]
                # the call matched may be only part of the expansion
                # (`({ local_irq_save(f); raw_spin_trylock(l) ... })`): look further out
                for scope in [call, *reversed(statements)]:
                    found = self.find_arg(scope, fname, a)
                    if found is not None:
                        return found, text
                return None, text
            return name, "macro", arg
        if callee in self.api_names:
            args = call_args(call)

            def arg(i, args=args):
                if i >= len(args):
                    return None, ""
                return args[i], self.source(args[i])
            return callee, "function", arg
        return None, None, None


class BodyBuilder(Graph):
    """Builds the control-flow graph (cfg.Graph) of one function body from libclang's
    cursors, with its events in order."""

    def __init__(self, ex: Extractor, fid: str):
        super().__init__(fid)
        self.ex = ex
        self.statements: list[ci.Cursor] = []     # the statements being walked, outermost first
        # id -> (assign event, the cursor it is reported at): Graph.finish keeps only the
        # assignments of variables some condition tests, and only those get their Loc
        self.assigns: dict[int, tuple[Event, ci.Cursor]] = {}
        # variable -> FLAG + field while every assignment so far copied that boolean member
        # (`bool nonatomic = substream->pcm->nonatomic;`), None once another one did
        self.flag_copies: dict[str, str | None] = {}

    def emit_assign(self, key: str, at: ci.Cursor, value: ci.Cursor | None = None) -> None:
        v = None if value is None else arg_value(value)
        flag = self.flag_field(value) if v is None and value is not None else None
        if flag:
            v = FLAG + flag                     # `bool nonatomic = substream->pcm->nonatomic`
        copy_of_flag(self.flag_copies, key, v)
        ev = Event("assign", UNPLACED, api=key, consts=() if v is None else ((0, v),))
        self.assigns[id(ev)] = (ev, at)      # the event kept alive: its id stays unique
        self.emit(ev)

    def finish(self) -> None:
        super().finish()
        if self.assigns:
            for b in self.blocks:
                for i, e in enumerate(b.events):
                    if e.kind == "assign":
                        ev, at = self.assigns[id(e)]
                        b.events[i] = dataclasses.replace(ev, loc=self.ex.loc(at))
            self.assigns.clear()

    # -- statements --
    def stmt(self, c: ci.Cursor) -> None:
        # lockdep_assert_irqs_disabled() & co.: statements (empty ones without CONFIG_LOCKDEP)
        # known by the macro they expand from
        if c.kind == K.DO_STMT:
            name = self.ex.macro_at(c)[0]
            a = self.ex.k.asserts.get(name)
            if a is not None and not a.never_true:
                if a.lock_arg is not None:
                    self.held_assertion(c, name, a.lock_arg)
                else:
                    self.emit(Event("assert", self.ex.loc(c), api=name, hardirqs=a.hardirqs,
                                    context=a.context))
                return
        self.statements.append(c)
        try:
            self.statement(c)
        finally:
            self.statements.pop()

    def statement(self, c: ci.Cursor) -> None:
        k = c.kind
        if k == K.COMPOUND_STMT:
            self.scopes.append([])
            for s in clangapi.children(c):
                self.stmt(s)
            self.release_scopes(len(self.scopes) - 1)
            self.scopes.pop()
        elif k == K.DECL_STMT:
            for d in clangapi.children(c):
                if d.kind == K.VAR_DECL:
                    self.var_decl(d)
        elif k == K.IF_STMT:
            self.if_stmt(c)
        elif k == K.WHILE_STMT:
            cond, body = clangapi.children(c)[-2:]
            head = self.new()
            self.goto(head)
            exit_, start = self.new(), self.new()
            self.while_test(cond, clangapi.evaluate_int(cond), start, exit_)
            self.loop_body(body, start, cont=head, brk=exit_)
            self.cur = exit_
        elif k == K.DO_STMT:
            body, cond = clangapi.children(c)[-2:]
            start, test, exit_ = self.new(), self.new(), self.new()
            self.goto(start)
            self.loop_body(body, None, cont=test, brk=exit_)
            self.goto(test)
            self.expr(cond)
            if clangapi.evaluate_int(cond) != 0:       # do { ... } while (0) runs once
                self.edge(self.cur, start)
            self.goto(exit_)
        elif k == K.FOR_STMT:
            kids = clangapi.children(c)
            init, cond, inc = self.for_parts(c, kids)
            self.scopes.append([])        # a scoped_guard's variable lives in the for
            if init is not None:
                self.stmt(init) if init.kind == K.DECL_STMT else self.expr(init)
            head = self.new()
            self.goto(head)
            if cond is not None:
                self.expr(cond)           # before every iteration
            test = self.cur if self.cur is not None else self.new()
            start, exit_, cont = self.new(), self.new(), self.new()
            self.edge(test, start)
            # `for (;;)` and scoped_guard's always-true condition leave by break/goto only
            if cond is not None and const_cond(cond) is not True:
                self.edge(test, exit_)
                self.loop_entry_values(cond, start)
            self.loop_body(kids[-1], start, cont=cont, brk=exit_)
            # the increment runs after the body (scoped_guard's is `({ goto _label; })`,
            # which leaves through the label's break): walked before the body, it made the
            # body unreachable
            self.cur = cont
            if inc is not None:
                self.expr(inc)
            self.edge(self.cur, head)
            self.cur = exit_
            self.release_scopes(len(self.scopes) - 1)
            self.scopes.pop()
        elif k == K.SWITCH_STMT:
            kids = clangapi.children(c)
            self.expr(kids[0])
            # `switch (type)` on a variable: each case records the value (cfg.Graph.case)
            sw = self.begin_switch(self.path_key(unnegate(kids[0])[0]) if len(kids) >= 2
                                   else None)
            self.stmt(kids[-1])
            self.end_switch(sw)
        elif k in (K.CASE_STMT, K.DEFAULT_STMT):
            ckids = clangapi.children(c)
            key = self.switches[-1][3] if self.switches else None
            value = const_value(ckids[0]) \
                if key is not None and k == K.CASE_STMT and len(ckids) == 2 else None
            self.case(value, k == K.DEFAULT_STMT, self.ex.loc(c))
            self.stmt(ckids[-1])
        elif k in (K.BREAK_STMT, K.CONTINUE_STMT):
            if self.loops:
                cont, brk, depth = self.loops[-1]
                target = brk if k == K.BREAK_STMT else cont
                if target is not None:
                    self.release_scopes(depth)
                    self.edge(self.cur, target)
            self.cur = None
        elif k == K.RETURN_STMT:
            for e in clangapi.children(c):
                self.expr(e)
            self.release_scopes(0)
            self.edge(self.cur, 1)
            self.cur = None
        elif k == K.GOTO_STMT:
            # leaving the scope of a guard runs its release (cfg.Graph.jump)
            refs = [r for r in clangapi.children(c) if r.kind == K.LABEL_REF]
            if refs:
                self.jump(refs[0].spelling)
            self.cur = None
        elif k == K.LABEL_STMT:
            self.place_label(c.spelling)
            for s in clangapi.children(c):
                self.stmt(s)
        elif k == K.NULL_STMT or k.is_declaration():
            pass
        else:
            self.expr(c)

    def for_parts(self, c: ci.Cursor, kids) -> list:
        """[init, condition, increment] of a `for`, None for each one not written."""
        rest = list(kids[:-1])
        present = self.ex.for_header(c)
        if present is None or sum(present) != len(rest):
            # written by a macro: all three, or a declaration first (the init), else the
            # condition first
            if len(rest) == 3:
                present = (True, True, True)
            elif rest and rest[0].kind == K.DECL_STMT:
                present = (True, len(rest) > 1, False)
            else:
                present = (False, bool(rest), len(rest) > 1)
        return [rest.pop(0) if has and rest else None for has in present]

    def loop_body(self, body, start, cont, brk) -> None:
        if start is not None:
            self.cur = start
        else:
            start = self.cur
        self.loops.append((cont, brk, len(self.scopes)))
        self.stmt(body)
        self.loops.pop()
        self.edge(self.cur, cont)
        self.cur = None

    def held_assertion(self, c: ci.Cursor, name: str, index: int) -> None:
        """lockdep_assert_held(&rq->lock): the lock, and its kind from its type (what the
        expression points to), as written in the macro's argument."""
        _, fname, off = self.ex.macro_at(c)
        margs = self.ex.macro_args(fname, off)
        if index >= len(margs):
            return
        start, _, text = margs[index]
        cur = self.ex.find_arg(c, fname, start)
        if cur is None:
            return
        t = cur.type.get_canonical()
        kind = LOCK_TYPES.get(type_name(t.get_pointee())) if t.kind == ci.TypeKind.POINTER \
            else None
        lock = self.ex.lockref(cur, text)
        if kind and lock is not None:
            self.emit(Event("assert", self.ex.loc(c), api=name, lock=lock, lock_kind=kind,
                            context="held"))

    def if_stmt(self, c: ci.Cursor) -> None:
        kids = clangapi.children(c)
        cond, then = kids[0], kids[1]
        other = kids[2] if len(kids) > 2 else None
        # `if (IS_ENABLED(CONFIG_PREEMPT_RT) && bh_lock)`: a branch this configuration never
        # takes is not code (unless a goto jumps into it: the scoped_guard shape's `if (0)`)
        value = const_cond(cond)
        if value is not None and not has_label(then if not value else other):
            self.ex.dead_code(other if value else then)
            if value:
                self.stmt(then)
            elif other is not None:
                self.stmt(other)
            return
        if self.cur is None:
            self.cur = self.new()
        t, f, join = self.new(), self.new(), self.new()
        mark = len(self.plain_tests)
        guard = self.null_tested(cond, then)
        self.branch(cond, t, f)
        before = self.emitted
        self.cur = t
        act = self.last_act
        self.stmt(then)
        if guard and self.cur is not None and self.last_act is not act:
            self.null_guard(f, self.last_act)
        jumps = self.cur is None         # a branch that only jumps still decides the path
        self.edge(self.cur, join)
        self.cur = f
        if other is not None:
            self.stmt(other)
        jumps = jumps or self.cur is None
        self.edge(self.cur, join)
        self.cur = join
        if self.emitted != before or jumps:
            self.correlate(mark, t, f, self.ex.loc(cond), self.emitted == before)
        del self.plain_tests[mark:]

    def null_tested(self, cond: ci.Cursor, then: ci.Cursor) -> bool:
        """`if (v) { ...; f(..., v, ...); }`: cond is a local pointer variable or parameter,
        and the true branch ends with a call (a function, or a lock API's macro) that is
        handed v (cfg.Graph.null_guard)."""
        c = strip(cond)
        if c.kind != K.DECL_REF_EXPR or c.type.get_canonical().kind != ci.TypeKind.POINTER:
            return False
        ref = c.referenced
        if ref is None or ref.kind not in (K.VAR_DECL, K.PARM_DECL):
            return False
        body = then
        while body.kind == K.COMPOUND_STMT:
            kids = clangapi.children(body)
            if not kids:
                return False
            body = kids[-1]
        body = strip(body)
        if body.kind == K.CALL_EXPR:
            args = call_args(body)
        elif body.kind == K.DO_STMT and self.ex.macro_at(body)[0] in self.ex.api_names:
            args = [body]
        else:
            return False
        return any(x._kind_id == DECL_REF_EXPR_ID and x.referenced == ref for a in args
                   for x in (a, *clangapi.descendants(a, REFERENCE_KINDS, frozenset())))

    def leaf_values(self, leaf: ci.Cursor):
        """(key, value when true, value when false) of an operand of a condition (no `!`,
        `&&`, `||` at its top) that tests a variable or a member reached from one (`atomic`,
        `type == TRACE_REG_PERF_OPEN`), or compares two locals (`rnp != rnp_start`, see
        cfg.Graph.pair_values); None for anything else (see cfg.Graph.correlate)."""
        var = strip(leaf)
        yes, no = "1", "0"
        what = self.context_test(var)
        if what:
            return CONTEXT_TEST + what, yes, no
        if var.kind == K.CALL_EXPR:
            return self.predicate_values(var)
        op = clangapi.binary_operator(var) if var.kind == K.BINARY_OPERATOR else None
        if op == clangapi.BINOP_AND:
            # `flags & MSG_SPLICE_PAGES`: a bit of a variable (cfg.bit_key)
            kids = clangapi.children(var)
            consts = [const_value(x) for x in kids] if len(kids) == 2 else [None, None]
            if (consts[0] is None) == (consts[1] is None):
                return None
            mask = consts[0] if consts[0] is not None else consts[1]
            key = self.path_key(kids[1] if consts[0] is not None else kids[0])
            return None if key is None or not mask else (bit_key(key, mask), yes, no)
        if op in (clangapi.BINOP_EQ, clangapi.BINOP_NE):
            # `type == TRACE_REG_PERF_OPEN`: equal on one branch, different on the other
            kids = clangapi.children(var)
            if len(kids) != 2:
                return None
            consts = [const_value(x) for x in kids]
            if consts == [None, None]:      # `rnp != rnp_start`
                return self.pair_values(self.local_var(kids[0]), self.local_var(kids[1]),
                                        op == clangapi.BINOP_EQ)
            if None not in consts:
                return None
            value = consts[0] if consts[0] is not None else consts[1]
            var = kids[1] if consts[0] is not None else kids[0]
            yes, no = f"={value}", f"!{value}"
            if op == clangapi.BINOP_NE:
                yes, no = no, yes
        key = self.path_key(var)
        return None if key is None else (key, yes, no)

    def predicate_values(self, call: ci.Cursor):
        """leaf_values of a call of a predicate on some bits of one argument: a file's own
        function whose whole body is `return (param & MASK);`, maybe negated
        (`gfpflags_allow_blocking(gfp)` is `return !!(gfp_flags & __GFP_DIRECT_RECLAIM);`).
        The test is one of those bits of the variable passed, as if written in place:
        __kvmalloc_node_noprof()'s `if (!gfpflags_allow_blocking(flags)) return NULL;`
        keeps a GFP_ATOMIC caller out of the vmalloc fallback (propagate.consistent)."""
        found = function_return(call.referenced)
        if found is None:
            return None
        fn, value = found
        test, negated = unnegate(value)
        if test.kind != K.BINARY_OPERATOR or \
                clangapi.binary_operator(test) != clangapi.BINOP_AND:
            return None
        kids = [strip(x) for x in clangapi.children(test)]
        params = [x.referenced if x.kind == K.DECL_REF_EXPR else None for x in kids]
        params = [i for i, r in enumerate(params) if r is not None and r.kind == K.PARM_DECL]
        if len(kids) != 2 or len(params) != 1:
            return None
        ref = kids[params[0]].referenced
        mask = clangapi.evaluate_int(kids[1 - params[0]])   # `__GFP_DIRECT_RECLAIM`: a cast
        if not mask:
            return None
        names = [a.spelling for a in fn.get_arguments()]
        args = call_args(call)
        i = names.index(ref.spelling) if ref.spelling in names else len(args)
        key = self.path_key(args[i]) if i < len(args) else None
        if key is None:
            return None
        return (bit_key(key, mask), "0", "1") if negated else (bit_key(key, mask), "1", "0")

    def context_test(self, c: ci.Cursor) -> str:
        """What a condition operand tests when it is a [context_tests] predicate
        (`in_hardirq()`, a macro in the kernel: the operand is its whole expansion), else
        ''."""
        tests = self.ex.k.context_tests
        if not tests:
            return ""
        if c.kind == K.CALL_EXPR:
            return tests.get(c.spelling, "")
        fname, start, end = clangapi.expansion_extent(c)
        if fname is None or end - start > 200:
            return ""
        text = self.ex.text_of(fname)[start:end]
        m = IDENT.match(text)
        name = m.group().decode() if m else ""
        if name not in tests or not text[m.end():].lstrip().startswith(b"(") or \
                closing_paren(text, text.index(b"(", m.end())) != len(text) - 1:
            return ""          # `in_hardirq() || x`: more than the one invocation
        return tests[name]

    def path_key(self, c: ci.Cursor) -> str | None:
        """`atomic`, `dev->lltx`, `substream->pcm->nonatomic`: a variable or a member chain
        from one, as a key for the values conditions find it to have; None otherwise."""
        c = strip(c)
        c = once_target(c) or c          # READ_ONCE(x) reads x (pycparser's stubs: `(x)`)
        if c.kind == K.DECL_REF_EXPR:
            ref = c.referenced
            if ref is not None and ref.kind in (K.PARM_DECL, K.VAR_DECL):
                return c.spelling
            return None
        if c.kind == K.MEMBER_REF_EXPR:
            kids = clangapi.children(c)
            base = self.path_key(kids[0]) if kids else None
            if base is None:
                return None
            arrow = kids[0].type.get_canonical().kind == ci.TypeKind.POINTER
            return f"{base}{'->' if arrow else '.'}{c.spelling}"
        return None

    def local_var(self, c: ci.Cursor) -> str | None:
        """The local variable or parameter an expression is, else None."""
        c = strip(c)
        ref = c.referenced if c.kind == K.DECL_REF_EXPR else None
        if ref is None or ref.kind not in (K.PARM_DECL, K.VAR_DECL) or \
                ref.semantic_parent is None or \
                ref.semantic_parent.kind == K.TRANSLATION_UNIT:
            return None
        return c.spelling

    def assigned(self, lhs: ci.Cursor, loc_of: ci.Cursor, value: ci.Cursor | None = None) -> None:
        """A write to a variable or member forgets what conditions found it to be; `value`,
        the right-hand side of a plain `=`, may tell what it is now."""
        key = self.path_key(lhs)
        if key is not None:
            self.emit_assign(key, loc_of, value)

    # the node hooks of cfg.Graph.branch and store_value
    def cond_shape(self, c: ci.Cursor) -> tuple:
        """("not", x), ("and", a, b), ("or", a, b) or ("leaf", c), under parentheses, casts
        and likely()/unlikely(). A context predicate is one leaf, whatever it expands to
        (in_task()'s `!(...)`)."""
        c = strip(c)
        if self.context_test(c):
            return "leaf", c
        if is_not(c) and clangapi.children(c):
            return "not", clangapi.children(c)[0]
        if c.kind == K.CALL_EXPR and c.spelling == "__builtin_expect":
            args = call_args(c)
            if args:
                return self.cond_shape(args[0])
        if c.kind == K.BINARY_OPERATOR:
            op = clangapi.binary_operator(c)
            kids = clangapi.children(c)
            if op in (clangapi.BINOP_LAND, clangapi.BINOP_LOR) and len(kids) == 2:
                return ("and" if op == clangapi.BINOP_LAND else "or"), kids[0], kids[1]
        return "leaf", c

    def cond_const(self, c: ci.Cursor) -> bool | None:
        return const_cond(c)

    def warning_args(self, c: ci.Cursor) -> list[ci.Cursor] | None:
        """The arguments of a warning macro's value (`WARN_ON_ONCE(x)`: a statement
        expression that [[assert]] never_true names by the macro written at the `if`): [x],
        as the pycparser frontend sees them, not the expansion's own warning code. None when
        c is no warning."""
        c = strip(c)
        if c._kind_id != STMT_EXPR_ID:
            return None
        name, fname, off = self.ex.macro_at(c)
        a = self.ex.k.asserts.get(name)
        if a is None or not a.never_true:
            return None
        # (an argument is found below the value: never the value itself, whose walk would
        # ask again)
        kids = clangapi.children(c)
        found = [self.ex.find_arg(k, fname, start) for start, _, _ in
                 self.ex.macro_args(fname, off) for k in kids]
        return [x for x in found if x is not None]

    def cond_loc(self, c: ci.Cursor) -> Loc:
        return self.ex.loc(c)

    def negates(self, c: ci.Cursor) -> bool:
        return is_not(c)

    def stmt_expr_value(self, c: ci.Cursor) -> ci.Cursor | None:
        return stmt_expr_value(c)

    def value_var(self, c: ci.Cursor) -> str | None:
        """The variable whose value an expression is: `x`, or `({ ...; x; })`."""
        c = strip(c)
        inner = stmt_expr_value(c)
        if inner is not None:
            return self.value_var(inner)
        if c.kind == K.DECL_REF_EXPR and c.referenced is not None and \
                c.referenced.kind in (K.VAR_DECL, K.PARM_DECL):
            return c.spelling
        return None

    def value_call(self, c: ci.Cursor) -> str | None:
        """The function whose result an expression is: `f(...)`, or `({ ...; f(...); })`
        ('' when the call is not direct); None when it is no call."""
        c = strip(c)
        inner = stmt_expr_value(c)
        if inner is not None:
            return self.value_call(inner)
        return self.direct_callee(c) if c.kind == K.CALL_EXPR else None

    def ret_test(self, c: ci.Cursor, negate: bool = False):
        """(callee, failure-when-true) when an if condition tests what a call returned:
        `!desc`, `desc == NULL`, `IS_ERR(p)`, `ret`, `ret < 0`, `ret >= 0`, `unlikely(...)` of
        those.

        Kernel convention: a pointer result is NULL or an ERR_PTR on failure, an integer
        result is non-zero (negative) on failure."""
        c = strip(c)
        k = c.kind
        if is_not(c):
            kids = clangapi.children(c)
            return self.ret_test(kids[0], not negate) if kids else None
        if k == K.BINARY_OPERATOR:
            op = clangapi.binary_operator(c)
            kids = clangapi.children(c)
            if len(kids) != 2 or op not in (clangapi.BINOP_EQ, clangapi.BINOP_NE,
                                            clangapi.BINOP_LT, clangapi.BINOP_GE):
                return None
            if op in (clangapi.BINOP_LT, clangapi.BINOP_GE):    # ret < 0, ret >= 0
                if self.ex.source(strip(kids[1])) != "0":
                    return None
                r = self.ret_test(kids[0])
                return None if r is None else (r[0], negate == (op == clangapi.BINOP_GE))
            zero = [x for x in kids if self.ex.source(strip(x)) in ("0", "NULL") or
                    strip(x).kind == K.INTEGER_LITERAL and self.ex.source(strip(x)) == "0"]
            other = [x for x in kids if x not in zero]
            if len(zero) != 1 or len(other) != 1:
                return None
            return self.ret_test(other[0], negate if op == clangapi.BINOP_NE else not negate)
        if k == K.CALL_EXPR:
            name = c.spelling
            args = call_args(c)
            if name == "__builtin_expect" and args:
                return self.ret_test(args[0], negate)
            if name in ("IS_ERR", "IS_ERR_OR_NULL") and args:
                r = self.ret_test(args[0])
                return None if r is None else (r[0], not negate)
            callee = self.direct_callee(c)
            if not callee:
                return None
            # a pointer (or bool) is true on success; an int is an error code
            pointer = c.type.get_canonical().kind in (ci.TypeKind.POINTER, ci.TypeKind.BOOL)
            return callee, negate if pointer else not negate
        if k == K.DECL_REF_EXPR:
            callee = self.last_call.get(c.spelling)
            if not callee:
                return None
            # a pointer (or bool) is true on success; an int is an error code
            pointer = c.type.get_canonical().kind in (ci.TypeKind.POINTER, ci.TypeKind.BOOL)
            return callee, negate if pointer else not negate
        inner = stmt_expr_value(c)     # `if (!lock_timer(id, &flags))`: the macro's value
        if inner is not None:
            return self.ret_test(inner, negate)
        return None

    def direct_callee(self, call: ci.Cursor) -> str:
        kids = clangapi.children(call)
        ref = strip(kids[0]) if kids else None
        if ref is not None and ref.kind == K.DECL_REF_EXPR and ref.referenced is not None \
                and ref.referenced.kind == K.FUNCTION_DECL:
            return self.ex.function_id(ref.referenced)
        return ""

    def var_decl(self, d: ci.Cursor) -> None:
        init = [x for x in clangapi.children(d) if x.kind.is_expression()]
        if not init:
            return
        call = strip(init[-1])
        m = GUARD_CTOR.match(call.spelling) if call.kind == K.CALL_EXPR else None
        if m:
            cls = m.group(1)
            api = self.ex.k.guards.get(cls)
            if api is not None:
                self.guard(d, call, cls, api)
                return
            dtor = self.ex.destructor(cls)
            if dtor is not None:
                # a guard class rules.toml does not list (DEFINE_LOCK_GUARD_1(task_rq_lock,
                # ...) in kernel/sched/sched.h): its constructor runs here as a call, and its
                # destructor on every way out of the scope, as the cleanup attribute does
                self.expr(init[-1])
                self.ex.called_function(dtor)
                if self.scopes:
                    self.scopes[-1].append(Event("call", self.ex.loc(d),
                                                 callee=self.ex.function_id(dtor)))
                return
        mark = self.mark()
        self.expr(init[-1])
        spec = self.container_spec(strip(init[-1]))
        if spec:
            self.embedded[d.spelling] = spec
        self.store_value(d.spelling, init[-1], mark)
        self.emit_assign(d.spelling, d, init[-1])
        key = self.entry_copy(d.spelling, init[-1])
        if key:
            self.emit_assign(key, d, init[-1])

    def guard(self, var: ci.Cursor, ctor: ci.Cursor, cls: str, api: LockApi) -> None:
        args = call_args(ctor)
        lock = self.ex.lockref(args[0]) if api.lock_arg is not None and args else None
        loc = self.ex.loc(var)
        written = self.ex.macro_at(var)[0] or "guard"
        name = f"{written}({cls})"
        for a in args:
            self.expr(a)
        self.emit(Event("acquire", loc, api=name, lock=lock, lock_kind=api.kind, mode=api.mode,
                        trylock=api.trylock, hardirqs=api.hardirqs, softirqs=api.softirqs,
                        sleeps=api.sleeps))
        release = Event("release", loc, api=name, lock=lock, lock_kind=api.kind,
                        hardirqs={"save": "restore", "off": "on"}.get(api.hardirqs, ""),
                        softirqs="on" if api.softirqs == "off" else "")
        if self.scopes:
            self.scopes[-1].append(release)

    # -- expressions --
    def expr(self, c: ci.Cursor) -> None:
        kid = c._kind_id
        if kid in INERT_IDS:
            if kid == DECL_REF_EXPR_ID:
                self.ex.reference(c)         # not a callee: call() walks only the arguments
            return
        if kid == STMT_EXPR_ID:
            warned = self.warning_args(c)
            if warned is not None:           # WARN_ON(x): x runs, the warning does not fire
                self.exprs(warned)
                return
            self.container_spec(c)           # notes what a container_of requires
        if kid in PLAIN_IDS:                 # most cursors: just walk what is under them
            self.exprs(clangapi.children(c))
            return
        k = c.kind
        if k == K.CALL_EXPR:
            self.call(c)
            return
        if k == K.COMPOUND_STMT:            # statement expression ({ ... })
            self.stmt(c)
            return
        if k == K.CONDITIONAL_OPERATOR:
            kids = clangapi.children(c)
            if len(kids) == 3:
                self.expr(kids[0])
                test = self.cur if self.cur is not None else self.new()
                join = self.new()
                for branch in kids[1:]:
                    self.cur = self.new()
                    self.edge(test, self.cur)
                    self.expr(branch)
                    self.edge(self.cur, join)
                self.cur = join
                return
        if k == K.COMPOUND_ASSIGNMENT_OPERATOR or (
                k == K.UNARY_OPERATOR and clangapi.unary_operator(c) in clangapi.UNOP_INCDEC):
            kids = clangapi.children(c)
            for child in kids:
                self.expr(child)
            if kids:
                self.assigned(kids[0], c)
                self.may_set(kids[0])
            return
        if k == K.UNARY_OPERATOR:
            target = once_target(c)
            if target is not None:       # READ_ONCE(x): x is read, not set
                self.expr(target)
                return
            if clangapi.unary_operator(c) == clangapi.UNOP_ADDROF:
                kids = clangapi.children(c)
                if kids:
                    self.may_set(kids[0])    # kstrtobool(buf, &x->flag)
        if k == K.BINARY_OPERATOR and clangapi.binary_operator(c) == clangapi.BINOP_ASSIGN:
            kids = clangapi.children(c)
            if len(kids) == 2:
                self.assignment(kids[0], kids[1])
                lhs = strip(kids[0])
                if lhs.kind == K.DECL_REF_EXPR:
                    mark = self.mark()
                    self.expr(kids[1])
                    self.store_value(lhs.spelling, kids[1], mark)
                else:
                    self.expr(kids[0])
                    self.expr(kids[1])
                self.assigned(kids[0], c, kids[1])
                return
        if k == K.INIT_LIST_EXPR:
            # a local's initializer or a compound literal: `{ .func = func }` binds as
            # `data.func = func` does, a parameter included
            self.ex.initializer(c, self.bound_function)
        self.exprs(clangapi.children(c))

    def exprs(self, kids: list[ci.Cursor]) -> None:
        """expr() of each cursor, the leaves without a call each."""
        for child in kids:
            kid = child._kind_id
            if kid in INERT_IDS:
                if kid == DECL_REF_EXPR_ID:
                    self.ex.reference(child)
            else:
                self.expr(child)

    def assignment(self, lhs: ci.Cursor, rhs: ci.Cursor) -> None:
        """`x->field = fn` binds fn to the field."""
        lhs = strip(lhs)
        lhs = once_target(lhs) or lhs        # WRITE_ONCE(x->flag, true)
        if lhs.kind != K.MEMBER_REF_EXPR:
            return
        stored = self.stored_functions(rhs)
        fn = stored[0][0] if stored else ""
        flag = not fn and const_value(rhs) != 0 and is_flag_field(lhs.referenced)
        if not fn and not flag:
            r = strip(rhs)
            if r.kind == K.DECL_REF_EXPR and r.type.get_canonical().kind == ci.TypeKind.RECORD:
                ref = r.referenced       # `chip->gc = template;`, a file-scope variable
                if ref is not None and ref.kind == K.VAR_DECL and \
                        ref.semantic_parent.kind == K.TRANSLATION_UNIT:
                    self.copies.add(r.spelling)
            return
        kids = clangapi.children(lhs)
        if not kids:
            return
        bt = kids[0].type.get_canonical()
        if bt.kind == ci.TypeKind.POINTER:
            bt = bt.get_pointee().get_canonical()
        key = f"{self.ex.record_owner(bt)}.{lhs.spelling}"
        if flag:
            self.flags.add(key)      # `gc->can_sleep = true`: see facts.Binding.sets
            return
        for fn, at in stored:
            self.ex.facts.bindings.append(Binding(key, fn, self.ex.loc(at)))

    def may_set(self, lhs: ci.Cursor) -> None:
        """A boolean member written other than by `=`, or whose address is taken: it may be
        set (FileFacts.set_flags)."""
        flag = self.flag_field(lhs)
        if flag:
            self.ex.facts.set_flags.append(flag)

    def flag_field(self, leaf: ci.Cursor) -> str | None:
        c = strip(leaf)
        c = once_target(c) or c
        if c.kind != K.MEMBER_REF_EXPR or not is_flag_field(c.referenced):
            return None
        kids = clangapi.children(c)
        if not kids:
            return None
        bt = kids[0].type.get_canonical()
        if bt.kind == ci.TypeKind.POINTER:
            bt = bt.get_pointee().get_canonical()
        return f"{self.ex.flag_owner(bt)}.{c.spelling}"

    def stored_functions(self, value: ci.Cursor) -> list[tuple[str, ci.Cursor]]:
        """The functions a store of `value` binds (bound_function), each with the expression
        naming it: both arms of a conditional, `tu->tread ? snd_timer_user_tinterrupt :
        snd_timer_user_interrupt` (sound/core/timer.c:1756-1757)."""
        c = strip(value)
        if c.kind == K.CONDITIONAL_OPERATOR:
            kids = clangapi.children(c)
            if len(kids) == 3:
                return self.stored_functions(kids[1]) + self.stored_functions(kids[2])
        fn = self.bound_function(value)
        return [(fn, value)] if fn else []

    def call(self, c: ci.Cursor) -> None:
        name, how, arg = self.ex.match_api(c, self.statements)
        if name == "consumed":
            return
        if name is not None:
            self.api_call(c, name, arg)
            return
        kids = clangapi.children(c)
        for a in kids[1:] if kids else []:
            self.expr(a)
        callee = strip(kids[0]) if kids else None
        loc = self.ex.loc(c)
        args_ = kids[1:]
        args = tuple(self.lock_arg(a) for a in args_)
        fnargs = tuple((i, v) for i, v in enumerate(map(self.fn_value, args_)) if v)
        # `class->reg(call, TRACE_REG_PERF_DEL, data)`: the callee's switch on that parameter
        # takes one case (propagate binds it)
        consts = tuple((i, v) for i, v in enumerate(map(self.const_arg, args_))
                       if v is not None)
        tables = tuple((i, v) for i, v in enumerate(map(self.table_value, args_)) if v)
        argvars = tuple((i, v) for i, v in enumerate(map(self.local_var, args_)) if v)
        objargs = tuple((i, v) for i, v in enumerate(map(self.object_of, args_)) if v)
        if callee is not None and callee.kind == K.MEMBER_REF_EXPR:
            base = clangapi.children(callee)
            if base:
                self.emit(Event("call", loc, api=callee.spelling,
                                field=self.member_field(callee), args=args,
                                fnargs=fnargs, consts=consts, tables=tables,
                                base=self.table_param(base[0]), argvars=argvars,
                                objargs=objargs))
            return
        array = self.called_array(callee)
        if array is not None:
            self.emit(Event("call", loc, api=array.spelling,
                            field=array_field(self.ex.variable_id(array)), args=args,
                            fnargs=fnargs, consts=consts, tables=tables, argvars=argvars,
                            objargs=objargs))
            return
        n = self.called_param(callee)
        if n >= 0:
            self.emit(Event("call", loc, api=self.param_names[n], field=param_field(self.fid, n),
                            args=args, fnargs=fnargs, consts=consts, tables=tables,
                            argvars=argvars, objargs=objargs))
            return
        ref = callee.referenced if callee is not None and callee.kind == K.DECL_REF_EXPR else None
        if ref is not None and ref.kind == K.FUNCTION_DECL:
            self.ex.called_function(ref)
            self.emit(Event("call", loc, api=ref.spelling, callee=self.ex.function_id(ref),
                            args=args, fnargs=fnargs, consts=consts, tables=tables,
                            argvars=argvars, objargs=objargs))

    def called_array(self, callee: ci.Cursor | None) -> ci.Cursor | None:
        """The file-scope array of function pointers (its declaration) a call goes through
        an element of (`event_handlers[e](ehci)`), else None."""
        if callee is None or callee.kind != K.ARRAY_SUBSCRIPT_EXPR:
            return None
        kids = clangapi.children(callee)
        base = strip(kids[0]) if kids else None
        ref = base.referenced if base is not None and base.kind == K.DECL_REF_EXPR else None
        if ref is None or ref.kind != K.VAR_DECL or ref.semantic_parent is None or \
                ref.semantic_parent.kind != K.TRANSLATION_UNIT or \
                not is_function_pointer_array(ref.type):
            return None
        return ref

    def object_of(self, a: ci.Cursor) -> str | None:
        """What a call argument says of the struct its object is embedded in (facts.Event.
        objargs): `&x->m`, a parameter or a local from container_of() handed on, or a
        container_of() itself."""
        c = strip(a)
        spec = self.container_spec(c)
        if spec:
            return spec
        if c.kind == K.UNARY_OPERATOR and clangapi.unary_operator(c) == clangapi.UNOP_ADDROF:
            kids = clangapi.children(c)
            m = strip(kids[0]) if kids else None
            if m is None or m.kind != K.MEMBER_REF_EXPR:
                return None
            base = clangapi.children(m)
            through = base and base[0].type.get_canonical().kind == ci.TypeKind.POINTER
            return self.object_arg(None, self.member_field(m),
                                   self.local_var(base[0]) if through else None)
        return self.object_arg(self.local_var(c), None, None)

    def container_spec(self, c: ci.Cursor) -> str | None:
        """`container_of(p, struct T, m)` of a parameter p, which expands to `({ void *__mptr
        = (void *)(p); ...; ((struct T *)(__mptr - offsetof(struct T, m))); })`: the object
        it yields (cfg.Graph.container_of); None for anything else."""
        if c._kind_id != STMT_EXPR_ID:
            return None
        value = stmt_expr_value(c)
        cast = strip(value) if value is not None else None
        if cast is None or cast.kind != K.CSTYLE_CAST_EXPR:
            return None
        diff = strip(clangapi.children(cast)[-1])
        if diff.kind != K.BINARY_OPERATOR or \
                clangapi.binary_operator(diff) != clangapi.BINOP_SUB:
            return None
        kids = clangapi.children(diff)
        if len(kids) != 2:
            return None
        members = [k for k in clangapi.children(strip(kids[1])) if k.kind == K.MEMBER_REF]
        mptr = strip(kids[0])
        ref = mptr.referenced if mptr.kind == K.DECL_REF_EXPR else None
        if len(members) != 1 or ref is None or ref.kind != K.VAR_DECL:
            return None
        ptr = clangapi.children(ref)
        ptr = ptr[-1] if ptr else None
        while ptr is not None and ptr.kind in (K.CSTYLE_CAST_EXPR, K.PAREN_EXPR,
                                               K.UNEXPOSED_EXPR):
            kids = clangapi.children(ptr)
            ptr = kids[-1] if kids else None
        if ptr is None or ptr.kind != K.DECL_REF_EXPR:
            return None
        t = cast.type.get_canonical()
        if t.kind != ci.TypeKind.POINTER:
            return None
        owner = self.ex.record_owner(t.get_pointee().get_canonical())
        return self.container_of(self.local_var(ptr), f"{owner}.{members[0].spelling}")

    def called_param(self, callee: ci.Cursor | None) -> int:
        """N when a call's callee is this function's own parameter N, `ack(bus, s)` or
        `(*ack)(bus, s)`: the call reaches what its callers pass (facts.param_field);
        -1 otherwise."""
        if callee is not None and callee.kind == K.UNARY_OPERATOR and \
                clangapi.unary_operator(callee) == clangapi.UNOP_DEREF:
            kids = clangapi.children(callee)
            callee = strip(kids[0]) if len(kids) == 1 else None
        ref = callee.referenced if callee is not None and callee.kind == K.DECL_REF_EXPR else None
        if ref is None or ref.kind != K.PARM_DECL or ref.spelling not in self.params:
            return -1
        return self.param_names.index(ref.spelling)

    def table_param(self, c: ci.Cursor) -> int:
        """N when the expression is this function's parameter N, a pointer to a const
        struct (cfg.Graph.table_params); -1 otherwise."""
        if not self.table_params:
            return -1
        c = strip(c)
        ref = c.referenced if c.kind == K.DECL_REF_EXPR else None
        if ref is None or ref.kind != K.PARM_DECL:
            return -1
        return next((i for i, name in self.table_params.items() if name == ref.spelling), -1)

    def table_value(self, a: ci.Cursor) -> str:
        """As facts.Event.tables: the ops table an argument is the address of, or "#argN"
        for this function's own parameter N handed on; '' otherwise."""
        i = self.table_param(a)
        return f"#arg{i}" if i >= 0 else self.ex.table_ref(a)

    def const_arg(self, a: ci.Cursor) -> int | str | None:
        """As facts.Event.consts: a constant argument's value (arg_value), or "#argN" for
        this function's own parameter N handed on, whose value its caller may have fixed
        (`snd_seq_event_dup(pool, event, &cell, 1, NULL, NULL)` -> `snd_seq_cell_alloc(pool,
        cellp, nonblock, file, mutexp)`)."""
        v = arg_value(a)
        if v is not None:
            return v
        flag = self.flag_field(a)
        if flag:
            return FLAG + flag       # `substream->pcm->nonatomic`: false if nothing sets it
        a = strip(a)
        if a.kind == K.UNARY_OPERATOR and clangapi.unary_operator(a) == clangapi.UNOP_LNOT:
            # `add_ptr_to_bulk_krc_lock(..., !head)`: the negation of a parameter
            kids = clangapi.children(a)
            inner = self.const_arg(kids[0]) if len(kids) == 1 else None
            return NOT + inner if isinstance(inner, str) and inner.startswith("#arg") else None
        op = clangapi.binary_operator(a) if a.kind == K.BINARY_OPERATOR else None
        if op == clangapi.BINOP_LOR:
            # `async || (hctx->flags & BLK_MQ_F_BLOCKING)`: true where the parameter is
            return or_param(self.const_arg(k) for k in clangapi.children(a))
        if op in (clangapi.BINOP_OR, clangapi.BINOP_AND):
            # `mem_flags | __GFP_ZERO`: the parameter with some bits set (or kept)
            kids = clangapi.children(a)
            return masked_param([(self.const_arg(k), clangapi.evaluate_int(k)) for k in kids],
                                op == clangapi.BINOP_OR) if len(kids) == 2 else None
        ref = a.referenced if a.kind == K.DECL_REF_EXPR else None
        if ref is not None and ref.kind == K.PARM_DECL:
            return f"#arg{self.ex._param_index(ref)}"
        name = self.local_var(a)
        return self.flag_copies.get(name) if name else None

    def fn_value(self, a: ci.Cursor) -> str:
        """The function an argument is (`handle_edge_irq`), or "#argN" for this function's
        own function-pointer parameter N handed on; '' otherwise."""
        fn = self.ex.function_ref(a)
        if fn:
            return fn
        a = strip(a)
        ref = a.referenced if a.kind == K.DECL_REF_EXPR else None
        if ref is not None and ref.kind == K.PARM_DECL and is_function_pointer(ref.type):
            return f"#arg{self.ex._param_index(ref)}"
        if a.kind == K.MEMBER_REF_EXPR and is_function_pointer(a.type) and \
                clangapi.children(a):
            # `kref_put(&ce->ref, ce->ops->destroy)`: one of the functions that field holds
            return FIELDREF + self.member_field(a)
        return ""

    def member_field(self, member: ci.Cursor) -> str:
        """The struct field a member expression reads, as bindings name it (`struct
        intel_context_ops.destroy`, a driver's own struct with its declaring file)."""
        bt = clangapi.children(member)[0].type.get_canonical()
        if bt.kind == ci.TypeKind.POINTER:
            bt = bt.get_pointee().get_canonical()
        return f"{self.ex.record_owner(bt)}.{member.spelling}"

    def lock_arg(self, a: ci.Cursor) -> LockRef | None:
        """A call argument that is a pointer to a lock: callees taking it as a parameter
        lock what the caller passed."""
        return self.ex.lockref(a) if is_lock_pointer(a.type) else None

    def api_call(self, c: ci.Cursor, name: str, arg) -> None:
        self.api_use(name, self.ex.loc(c), arg)

    # the node hooks of cfg.Graph.api_use
    def api_lock(self, cur: ci.Cursor | None, text: str) -> LockRef | None:
        if cur is not None:
            return self.ex.lockref(cur, text)
        return LockRef("unknown", text, text) if text else None

    def api_function(self, cur: ci.Cursor) -> str:
        return self.ex.function_ref(cur)

    def api_references(self, arg) -> None:
        for i in range(MAX_API_ARGS):
            node, text = arg(i)
            if node is None and not text:
                break
            self.ex.references_in(node)

    def api_int(self, cur: ci.Cursor) -> int | None:
        return clangapi.evaluate_int(cur)


# ---- parsing --------------------------------------------------------------------------------

_index = None


def parse(path: str, args: list[str]) -> ci.TranslationUnit:
    global _index
    if _index is None:
        _index = ci.Index.create()
    try:
        return _index.parse(path, args=args, options=PARSE_OPTIONS)
    except ci.TranslationUnitLoadError as exc:
        raise ParseFailure(f"{path}: libclang could not parse the file ({exc})") from None


def extract_with_deps(path: str, args: list[str], knowledge: Knowledge,
                      paths: PathMapper) -> tuple[FileFacts, list[str]]:
    """The facts of one file and the files it included (the cache's dependencies)."""
    tu = parse(path, args)
    facts = Extractor(tu, path, knowledge, paths).run()
    included = {inc.include.name for inc in tu.get_includes() if inc.include is not None}
    return facts, sorted(included)
