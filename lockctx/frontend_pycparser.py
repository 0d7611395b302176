"""Frontend without native code: the system C preprocessor, then pycparser.

`lockctx check --frontend pycparser` (and the fallback when libclang cannot be loaded) uses
this module instead of frontend.py. It produces the same FileFacts from the same knowledge
(rules.toml) for standalone mode: files parsed against the stub headers in
fake_libc_include/. Real kernel headers are GNU C through and through and stay libclang's.

What differs from libclang, and how it is made up for:
- pycparser parses ISO C. The stubs already spell GNU attributes, inline asm and builtin
  types away under LOCKCTX_NO_ATTRIBUTES; pycparser_prelude.h (force-included) spells away
  typeof and the GNU keyword spellings; statement expressions `({ ... })` are accepted by
  `Parser` below, because guards and trylock macros put control flow there.
- After cpp there are no macro names. libclang recognises a macro API (spin_lock_irqsave,
  timer_setup, kmalloc) by its name where the code uses it; here every API name rules.toml
  knows is #undef'd right after each stub header (`api_undefs`), so a macro API the source
  uses stays a call to a function of that name, with its arguments as written.
- pycparser has no types. `Types` below resolves the few the facts need (the struct a
  member belongs to, whether an argument is a lock pointer, whether a call returns a
  pointer) from the declarations in the translation unit.
- Columns: the preprocessed line is not the source line, so a column is the position of the
  name on the source line when it is there (1 otherwise), and there are no end positions.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pycparser import c_ast, c_generator, c_parser

from .cfg import Graph, bit_key
from .facts import (CONTEXT_TEST, FIELDREF, FLAG, NONNULL, NOT, Binding, Event, FileFacts,
                    Function, Loc, LockDef, LockRef, array_field, compact_blocks, made_by,
                    param_field, with_sets)
from .frontend import Extractor as ClangExtractor
from .frontend import (GUARD_CTOR, LOCK_TYPES, MAX_API_ARGS, ParseFailure, PathMapper, or_param,
                       copy_of_flag, is_header, masked_param, must_hold, owner_key,
                       settle_facts)
from .knowledge import Knowledge, LockApi

PRELUDE = Path(__file__).resolve().parent / "pycparser_prelude.h"
DEFINES = ["-D__LOCKCTX_PYCPARSER__", "-DLOCKCTX_NO_ATTRIBUTES"]
# flags of a unit (made for libclang) that mean the same to cpp; the rest (--target, -W...,
# -ferror-limit, -std) are libclang's business
KEEP_WITH_VALUE = ("-I", "-isystem", "-include", "-D", "-U", "-iquote", "-idirafter")
LINE_MARKER = re.compile(r'^# (\d+) "((?:[^"\\]|\\.)*)"', re.M)


class Unsupported(ParseFailure):
    """Input this frontend does not handle; str() is the one-line message."""


def hint(what: str) -> str:
    return f"{what}; the libclang frontend (--frontend clang) handles it"


# ---- preprocessing ------------------------------------------------------------------------

def find_cpp() -> list[str]:
    """The system C preprocessor: `cpp`, else `gcc -E`, else `clang -E`."""
    for name, args in (("cpp", []), ("gcc", ["-E"]), ("cc", ["-E"]), ("clang", ["-E"])):
        exe = shutil.which(name)
        if exe:
            return [exe, *args]
    raise Unsupported("--frontend pycparser needs a C preprocessor (cpp, gcc or clang) on "
                      "PATH, and none was found")


def cpp_flags(flags: list[str]) -> list[str]:
    """The include paths, macros and forced includes of a unit's (libclang) flags."""
    out, i = [], 0
    while i < len(flags):
        a = flags[i]
        if a in KEEP_WITH_VALUE and i + 1 < len(flags):
            out += [a, flags[i + 1]]
            i += 2
            continue
        if a == "-nostdinc" or (a.startswith(KEEP_WITH_VALUE) and a not in KEEP_WITH_VALUE):
            out.append(a)
        i += 1
    return out


_wrappers: dict[str, Path] = {}


def api_undefs(knowledge: Knowledge, stubs: Path) -> Path:
    """A directory that shadows every stub header with one that includes the stub
    (#include_next) and then #undefs every API name the knowledge has.

    An API macro is thus expanded inside the stub headers (their inline bodies and guard
    classes are what libclang sees there too) and stays a call by name in the code that
    includes them, which is where libclang matches it by its macro name. The names come
    from the loaded knowledge, --rules files included: there is no second list.
    Written once per knowledge and stub set, under the temp directory, and reused."""
    headers = sorted(p.relative_to(stubs).as_posix() for p in stubs.rglob("*.h"))
    names = sorted(knowledge.api_names() | set(knowledge.asserts) | set(knowledge.context_tests))
    digest = hashlib.sha256("\0".join([str(stubs), *headers, "", *names]).encode()).hexdigest()
    if digest in _wrappers:
        return _wrappers[digest]
    target = Path(tempfile.gettempdir()) / f"lockctx-pycparser-{os.getuid()}-{digest[:16]}"
    if not (target / "done").exists():
        tmp = Path(tempfile.mkdtemp(prefix=".lockctx-pycparser-", dir=target.parent))
        undef = "".join(f"#undef {n}\n" for n in names)
        (tmp / "lockctx_api_undefs.h").write_text(
            "/* lockctx --frontend pycparser: knowledge API names stay calls */\n" + undef)
        for h in headers:
            (tmp / h).parent.mkdir(parents=True, exist_ok=True)
            (tmp / h).write_text(f"#include_next <{h}>\n#include <lockctx_api_undefs.h>\n")
        (tmp / "done").write_text("")
        try:
            tmp.rename(target)
        except OSError:          # another process got there first: use its copy
            shutil.rmtree(tmp, ignore_errors=True)
    _wrappers[digest] = target
    return target


def preprocess(path: str, flags: list[str], knowledge: Knowledge, stubs: Path) -> str:
    wrap = api_undefs(knowledge, stubs)
    cmd = [*find_cpp(), "-nostdinc", "-I", str(wrap), *cpp_flags(flags), *DEFINES,
           "-include", str(PRELUDE), path]
    # the forced kconfig.h of the unit's flags comes after the prelude: keep that order
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    except OSError as exc:
        raise Unsupported(f"{path}: cannot run the C preprocessor ({exc})") from None
    if proc.returncode != 0:
        first = next((ln for ln in proc.stderr.splitlines() if "error" in ln),
                     proc.stderr.strip().splitlines()[0] if proc.stderr.strip() else "")
        raise Unsupported(hint(f"{path}: the C preprocessor failed: {first}"))
    return proc.stdout


def included_files(text: str) -> list[str]:
    return sorted({m.group(2) for m in LINE_MARKER.finditer(text)
                   if not m.group(2).startswith("<")})


# ---- parsing ------------------------------------------------------------------------------

class Parser(c_parser.CParser):
    """pycparser's parser plus GNU statement expressions, which the kernel's macros (guards,
    trylocks, min/max) are made of; and parse errors that say where."""

    def _parse_primary_expression(self):
        if self._peek_type() == "LPAREN" and self._peek_type(2) == "LBRACE":
            self._advance()
            block = self._parse_compound_statement()
            self._expect("RPAREN")
            return block
        return super()._parse_primary_expression()

    def _parse_error(self, msg, coord):
        if not isinstance(coord, c_parser.Coord):
            tok = self._peek()
            coord = self._tok_coord(tok) if tok is not None else coord
        if isinstance(coord, c_parser.Coord):
            # the column counts in the preprocessed line, which is not the source line
            coord = f"{coord.file}:{coord.line}"
        raise c_parser.ParseError(f"{coord}: pycparser cannot parse this ({msg})")


def parse_text(text: str, path: str) -> c_ast.FileAST:
    try:
        return Parser().parse(text, path)
    except c_parser.ParseError as exc:
        raise Unsupported(hint(str(exc))) from None


# ---- types --------------------------------------------------------------------------------
# A type is a small tuple: ("ptr", T) | ("array", T) | ("func", RET) | ("rec", NAME, NODE)
# | ("base", NAME). NAME of a record is what libclang's canonical spelling says: "struct foo",
# or the typedef name of an anonymous struct (`typedef struct { } rwlock_t`).

UNNAMED = "struct (unnamed)"


def type_name(t) -> str:
    """The canonical spelling without qualifiers, as frontend.type_name gives it."""
    if t is None:
        return ""
    if t[0] == "ptr":
        return type_name(t[1]) + " *"
    if t[0] == "array":
        return type_name(t[1]) + " []"
    if t[0] == "func":
        return type_name(t[1]) + " ()"
    return t[1]


def is_pointer(t) -> bool:
    return t is not None and t[0] == "ptr"


def is_function_pointer(t) -> bool:
    return is_pointer(t) and t[1] is not None and t[1][0] == "func"


def is_function_pointer_array(t) -> bool:
    return t is not None and t[0] == "array" and is_function_pointer(t[1])


def is_pointer_or_bool(t) -> bool:
    """A result that is true on success (frontend.BodyBuilder.ret_test)."""
    return is_pointer(t) or (t is not None and t[0] == "base" and t[1] in ("_Bool", "bool"))


def is_lock_pointer(t) -> bool:
    return is_pointer(t) and type_name(t[1]) in LOCK_TYPES


class Types:
    """What the file-scope declarations of a translation unit say about types and names."""

    def __init__(self, ast: c_ast.FileAST):
        self.typedefs: dict[str, c_ast.Node] = {}
        self.records: dict[str, c_ast.Node] = {}     # "struct foo" -> its definition
        self.functions: dict[str, c_ast.Decl] = {}   # name -> a declaration
        self.definitions: dict[str, c_ast.FuncDef] = {}
        self.variables: dict[str, c_ast.Decl] = {}
        self.internal: set[str] = set()              # declared static at file scope
        self.enums: dict[str, int] = {}
        for ext in ast.ext:
            self.declare(ext)

    def declare(self, ext: c_ast.Node) -> None:
        if isinstance(ext, c_ast.FuncDef):
            self.declare(ext.decl)
            self.definitions[ext.decl.name] = ext
            return
        if isinstance(ext, c_ast.Typedef):
            self.typedefs[ext.name] = ext.type
            self.records_in(ext.type)
            return
        if not isinstance(ext, c_ast.Decl):
            return
        self.records_in(ext.type)
        if ext.name is None:
            return
        if "static" in ext.storage:
            self.internal.add(ext.name)
        if isinstance(ext.type, c_ast.FuncDecl):
            self.functions.setdefault(ext.name, ext)
        else:
            self.variables[ext.name] = ext

    def records_in(self, node) -> None:
        """Record struct/union definitions and enumerator values wherever they are written."""
        while isinstance(node, (c_ast.TypeDecl, c_ast.PtrDecl, c_ast.ArrayDecl, c_ast.FuncDecl)):
            node = node.type
        if isinstance(node, (c_ast.Struct, c_ast.Union)) and node.decls is not None:
            if node.name:
                kw = "struct" if isinstance(node, c_ast.Struct) else "union"
                self.records[f"{kw} {node.name}"] = node
            for d in node.decls:
                self.records_in(d.type)
        elif isinstance(node, c_ast.Enum) and node.values is not None:
            value = -1
            for e in node.values.enumerators:
                v = evaluate_int(e.value, self.enums) if e.value is not None else value + 1
                value = v if v is not None else value + 1
                self.enums[e.name] = value

    def canon(self, node, alias: str = ""):
        """The type a declarator or type name denotes."""
        if isinstance(node, (c_ast.Decl, c_ast.Typename)):
            return self.canon(node.type)
        if isinstance(node, c_ast.TypeDecl):
            return self.canon(node.type, alias)
        if isinstance(node, c_ast.PtrDecl):
            return ("ptr", self.canon(node.type))
        if isinstance(node, c_ast.ArrayDecl):
            return ("array", self.canon(node.type))
        if isinstance(node, c_ast.FuncDecl):
            return ("func", self.canon(node.type))
        if isinstance(node, (c_ast.Struct, c_ast.Union)):
            kw = "struct" if isinstance(node, c_ast.Struct) else "union"
            if node.name:
                key = f"{kw} {node.name}"
                return ("rec", key, self.records.get(key, node))
            return ("rec", alias or UNNAMED, node)
        if isinstance(node, c_ast.Enum):
            return ("base", f"enum {node.name}" if node.name else "int")
        if isinstance(node, c_ast.IdentifierType):
            names = node.names
            if len(names) == 1 and names[0] in self.typedefs:
                return self.canon(self.typedefs[names[0]], alias=names[0])
            return ("base", " ".join(names))
        return None

    def member(self, rec, field: str):
        """The type of `field` in record type `rec` (through anonymous members too)."""
        if rec is None or rec[0] != "rec" or rec[2].decls is None:
            return None
        for d in rec[2].decls:
            if d.name == field:
                return self.canon(d.type)
            if d.name is None:
                inner = self.canon(d.type)
                found = self.member(inner, field)
                if found is not None:
                    return found
        return None

    def is_flag(self, rec, field: str) -> bool:
        """As frontend.is_flag_field: `field` of record type `rec` is a bool or a one-bit
        bitfield."""
        if rec is None or rec[0] != "rec" or rec[2].decls is None:
            return False
        for d in rec[2].decls:
            if d.name == field:
                t = self.canon(d.type)
                width = evaluate_int(d.bitsize, self.enums) if d.bitsize is not None else None
                return (t is not None and t[0] == "base" and t[1] in ("_Bool", "bool")) or \
                    width == 1
            if d.name is None and self.is_flag(self.canon(d.type), field):
                return True
        return False

    def fields(self, rec) -> list[str]:
        if rec is None or rec[0] != "rec" or rec[2].decls is None:
            return []
        return [d.name or "" for d in rec[2].decls]


def evaluate_int(node, enums: dict[str, int]) -> int | None:
    """The value of an integer constant expression, as clang_Cursor_Evaluate gives it."""
    if isinstance(node, c_ast.Constant):
        if node.type == "char":
            body = node.value[1:-1]
            return ord(body) if len(body) == 1 else None
        text = node.value.rstrip("uUlL")
        try:
            return int(text, 0) if not re.fullmatch(r"0\d+", text) else int(text, 8)
        except ValueError:
            return None
    if isinstance(node, c_ast.ID):
        return enums.get(node.name)
    if isinstance(node, c_ast.Cast):
        return evaluate_int(node.expr, enums)
    if isinstance(node, c_ast.UnaryOp):
        v = evaluate_int(node.expr, enums)
        if v is None:
            return None
        return {"-": -v, "+": v, "~": ~v, "!": int(not v)}.get(node.op)
    if isinstance(node, c_ast.TernaryOp):
        c = evaluate_int(node.cond, enums)
        return None if c is None else evaluate_int(node.iftrue if c else node.iffalse, enums)
    if isinstance(node, c_ast.BinaryOp):
        a, b = evaluate_int(node.left, enums), evaluate_int(node.right, enums)
        if a is None or b is None:
            return None
        ops = {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b,
               "/": lambda: int(a / b) if b else None, "%": lambda: a % b if b else None,
               "<<": lambda: a << b, ">>": lambda: a >> b, "&": lambda: a & b,
               "|": lambda: a | b, "^": lambda: a ^ b, "&&": lambda: int(bool(a and b)),
               "||": lambda: int(bool(a or b)), "==": lambda: int(a == b),
               "!=": lambda: int(a != b), "<": lambda: int(a < b), ">": lambda: int(a > b),
               "<=": lambda: int(a <= b), ">=": lambda: int(a >= b)}
        f = ops.get(node.op)
        return f() if f else None
    return None


def const_cond(node, types: "Types", depth: int = 0) -> bool | None:
    """As frontend.const_cond: the value of a condition the configuration fixes."""
    node = strip(node)
    if isinstance(node, c_ast.UnaryOp) and node.op == "!":
        v = const_cond(node.expr, types, depth)
        return None if v is None else not v
    if isinstance(node, c_ast.BinaryOp) and node.op in ("&&", "||"):
        a, b = const_cond(node.left, types, depth), const_cond(node.right, types, depth)
        decisive = node.op == "||"
        if a is decisive or b is decisive:
            return decisive
        return None if a is None or b is None else not decisive
    if isinstance(node, c_ast.FuncCall):
        return constant_call(node, types, depth)
    if isinstance(node, c_ast.StructRef) or \
            isinstance(node, c_ast.ID) and node.name not in types.enums:
        return None
    v = evaluate_int(node, types.enums)
    return None if v is None else v != 0


def constant_call(call: c_ast.FuncCall, types: "Types", depth: int) -> bool | None:
    """As frontend.constant_call: the truth of a constant stub's call, or of
    likely()/unlikely()'s operand."""
    args = call_args(call)
    if call_name(call) == "__builtin_expect":
        return const_cond(args[0], types, depth) if args else None
    v = stub_value(call, types, depth)
    return None if v is None else v != 0


def stub_value(call: c_ast.FuncCall, types: "Types", depth: int = 0) -> int | None:
    """As frontend.stub_value: the value of a call of a static function whose whole body is
    `return E;` with E constant, when its arguments call nothing."""
    found = function_return(call_name(call), types) if depth <= CONSTANT_DEPTH else None
    if found is None or any(calls_something(a) for a in call_args(call)):
        return None
    return constant_value(found[1], types, depth + 1)


def constant_value(e, types: "Types", depth: int) -> int | None:
    """As frontend.constant_value."""
    e = strip(e)
    v = evaluate_int(e, types.enums)
    if v is not None:
        return v
    if isinstance(e, c_ast.FuncCall):
        return stub_value(e, types, depth)
    truth = const_cond(e, types, depth)
    return None if truth is None else int(truth)


def function_return(name: str, types: "Types"):
    """As frontend.function_return: (definition, E) for a static function whose whole body
    is `return E;`, else None."""
    fn = types.definitions.get(name)
    if fn is None or "static" not in fn.decl.storage:
        return None
    stmts = fn.body.block_items or []
    if len(stmts) != 1 or not isinstance(stmts[0], c_ast.Return) or stmts[0].expr is None:
        return None
    return fn, stmts[0].expr


def calls_something(node) -> bool:
    return isinstance(node, c_ast.FuncCall) or \
        any(calls_something(child) for _, child in node.children())


CONSTANT_DEPTH = 4      # as frontend.CONSTANT_DEPTH


def const_value(node, enums) -> int | None:
    """As frontend.const_value: an integer literal or enumerator as written."""
    node = strip(node)
    neg = isinstance(node, c_ast.UnaryOp) and node.op == "-"
    if neg:
        node = strip(node.expr)
    v = None
    if isinstance(node, c_ast.Constant) and "int" in node.type and "char" not in node.type:
        v = evaluate_int(node, enums)
    elif isinstance(node, c_ast.ID) and node.name in enums:
        v = enums[node.name]
    return None if v is None else (-v if neg else v)


def arg_value(node, types: "Types") -> int | str | None:
    """As frontend.arg_value: a constant argument's value, NONNULL for an address."""
    s, enums = strip(node), types.enums
    if isinstance(s, c_ast.UnaryOp) and s.op == "&":
        return NONNULL
    if isinstance(s, c_ast.BinaryOp):
        # a mask of flags (`GFP_ATOMIC | __GFP_NOWARN`): its value, when constant
        return evaluate_int(s, enums)
    if isinstance(s, c_ast.FuncCall):
        # a constant stub's value (`bool coherent = dev_is_dma_coherent(dev);`)
        return stub_value(s, types)
    return const_value(node, enums)


def has_label(node) -> bool:
    if node is None:
        return False
    if isinstance(node, c_ast.Label):
        return True
    return any(has_label(child) for _, child in node.children())


def strip(node):
    """Under casts (libclang's TRANSPARENT): the expression itself."""
    while isinstance(node, c_ast.Cast):
        node = node.expr
    return node


def is_not(node) -> bool:
    node = strip(node)
    return isinstance(node, c_ast.UnaryOp) and node.op == "!"


def stmt_expr_value(node):
    """As frontend.stmt_expr_value: the last statement of `({ ...; x; })` when that is an
    expression, else None."""
    node = strip(node)
    if not isinstance(node, c_ast.Compound) or not node.block_items:
        return None
    last = node.block_items[-1]
    return None if is_statement(last) else last


def offsetof_member(node) -> str | None:
    """m of `offsetof(T, m)`: pycparser's own offsetof, or the stubs' `((size_t)&((T *)0)->m)`;
    None for a nested member or anything else."""
    node = strip(node)
    if isinstance(node, c_ast.FuncCall) and isinstance(node.name, c_ast.ID) and \
            node.name.name == "offsetof" and node.args is not None and \
            len(node.args.exprs) == 2 and isinstance(node.args.exprs[1], c_ast.ID):
        return node.args.exprs[1].name
    if isinstance(node, c_ast.UnaryOp) and node.op == "&":
        ref = strip(node.expr)
        if isinstance(ref, c_ast.StructRef) and isinstance(strip(ref.name), c_ast.Constant):
            return ref.field.name
    return None


def identifiers(nodes):
    """Every identifier (c_ast.ID) in and under `nodes`."""
    stack = list(nodes)
    while stack:
        x = stack.pop()
        if isinstance(x, c_ast.ID):
            yield x
        else:
            stack.extend(child for _, child in x.children())


def call_name(call: c_ast.FuncCall) -> str:
    return call.name.name if isinstance(call.name, c_ast.ID) else ""


def call_args(call: c_ast.FuncCall) -> list:
    return list(call.args.exprs) if call.args is not None else []


def unnegate(node):
    """The operand under any number of `!` (and unlikely()), and whether they negate it."""
    negated = False
    while True:
        node = strip(node)
        if is_not(node):
            node, negated = node.expr, not negated
        elif isinstance(node, c_ast.FuncCall) and call_name(node) == "__builtin_expect" \
                and call_args(node):
            node = call_args(node)[0]
        else:
            return node, negated


class Scope:
    """The names a function body can see besides file scope: parameters and locals."""

    def __init__(self, params: list[c_ast.Decl]):
        self.params = params
        self.blocks: list[dict[str, c_ast.Decl]] = [{}]

    def lookup(self, name: str):
        """("local", decl) or ("param", index, decl) or None."""
        for block in reversed(self.blocks):
            if name in block:
                return ("local", block[name])
        for i, p in enumerate(self.params):
            if p.name == name:
                return ("param", i, p)
        return None


def function_params(fn: c_ast.FuncDef) -> list[c_ast.Decl]:
    args = fn.decl.type.args
    if args is None:
        return []
    return [p for p in args.params if isinstance(p, c_ast.Decl) and p.name]


# ---- the extractor ------------------------------------------------------------------------

class Extractor:
    """Walks one parsed translation unit and fills a FileFacts, as frontend.Extractor does."""

    def __init__(self, ast: c_ast.FileAST, main: str, knowledge: Knowledge, paths: PathMapper):
        self.ast = ast
        self.main = main
        self.k = knowledge
        self.paths = paths
        self.types = Types(ast)
        self.facts = FileFacts(path=paths(main))
        self.api_names = knowledge.api_names()
        self._texts: dict[str, bytes] = {}
        self._walked: set[str] = set()
        self._pending: list[c_ast.FuncDef] = []
        # as frontend.Extractor: the bindings of each file-scope variable's initializer, and
        # (variable, flags) of the bodies copying one whole
        self.var_bindings: dict[str, range] = {}
        self.copied_flags: list[tuple[str, set[str]]] = []
        self._accessors: dict[str, str] = {}
        self._gen = c_generator.CGenerator()
        self._referenced: set[str] = set()       # FileFacts.referenced, headers' included
        self._opaque = False                     # as frontend.Extractor._opaque
        # as frontend.Extractor: the static functions each file-scope variable's initializer
        # names, the file-scope static variables, and how many times code removed by a
        # constant condition names each identifier (see dead_variables)
        self.var_refs: dict[str, set[str]] = {}
        self.static_vars: set[str] = set()
        self.dead_refs: dict[str, int] = {}

    # ---- source text --------------------------------------------------------------------

    def text_of(self, fname: str) -> bytes:
        t = self._texts.get(fname)
        if t is None:
            try:
                t = Path(fname).read_bytes()
            except OSError:
                t = b""
            self._texts[fname] = t
        return t

    def line_offset(self, fname: str, line: int) -> int:
        text = self.text_of(fname)
        off = 0
        for _ in range(line - 1):
            off = text.find(b"\n", off) + 1
            if off == 0:
                return -1
        return off

    def name_at(self, fname: str, line: int, name: str) -> int:
        """File offset of `name` as a whole word on `line`, or -1."""
        off = self.line_offset(fname, line)
        if off < 0 or not name:
            return -1
        text = self.text_of(fname)
        end = text.find(b"\n", off)
        m = re.compile(rb"\b" + re.escape(name.encode()) + rb"\b").search(
            text, off, end if end >= 0 else len(text))
        return m.start() if m else -1

    def loc(self, node, name: str = "") -> Loc:
        """Line of a node; its column is where `name` is written on that source line."""
        coord = node.coord
        if coord is None or not coord.file:
            return Loc(self.facts.path, 0, 0)
        col = 1
        off = self.name_at(coord.file, coord.line, name)
        if off >= 0:
            col = off - self.line_offset(coord.file, coord.line) + 1
        return Loc(self.paths(coord.file), coord.line, col)

    def written_args(self, node, name: str) -> list[str]:
        """The arguments of the call of `name` on the node's source line, as written."""
        coord = node.coord
        off = self.name_at(coord.file, coord.line, name) if coord is not None else -1
        if off < 0:
            return []
        # frontend.Extractor.macro_args splits an argument list in the source text; it only
        # needs text_of, which this class has too
        return [text for _, _, text in ClangExtractor.macro_args(self, coord.file, off)]

    def source(self, node) -> str:
        return self._gen.visit(node)

    # ---- identities ---------------------------------------------------------------------

    def function_id(self, name: str) -> str:
        if name in self.types.internal:
            d = self.types.definitions.get(name) or self.types.functions.get(name)
            f = d.coord.file if d is not None and d.coord is not None else None
            return f"{name}@{self.paths(f) if f else self.facts.path}"
        return name

    def variable_id(self, name: str) -> str:
        """As frontend.Extractor.variable_id."""
        if name in self.types.internal:
            d = self.types.variables.get(name)
            f = d.coord.file if d is not None and d.coord is not None else None
            return f"{name}@{self.paths(f) if f else self.facts.path}"
        return name

    def const_record(self, d) -> bool:
        """A declaration of a const struct (`static const struct action_ops x`)."""
        if not isinstance(d.type, c_ast.TypeDecl) or "const" not in d.type.quals:
            return False
        t = self.types.canon(d.type)
        return t is not None and t[0] == "rec"

    def table_ref(self, node, scope: Scope | None) -> str:
        """As frontend.Extractor.table_ref."""
        node = strip(node)
        if not isinstance(node, c_ast.UnaryOp) or node.op != "&":
            return ""
        v = strip(node.expr)
        if not isinstance(v, c_ast.ID) or (scope is not None and scope.lookup(v.name)) or \
                v.name not in self.types.variables:
            return ""
        return self.variable_id(v.name) if self.const_record(self.types.variables[v.name]) \
            else ""

    def is_function(self, name: str, scope: Scope | None) -> bool:
        if scope is not None and scope.lookup(name) is not None:
            return False
        if name.startswith("__builtin_"):
            return True                  # clang declares the builtins implicitly
        return name in self.types.functions and name not in self.types.variables

    def function_ref(self, node, scope: Scope | None) -> str:
        """The function an expression names (`fn`, `&fn`, `(cast)fn`), or ''."""
        while node is not None:
            node = strip(node)
            if isinstance(node, c_ast.UnaryOp) and node.op not in ("sizeof", "_Alignof"):
                node = node.expr
                continue
            if isinstance(node, c_ast.ID) and self.is_function(node.name, scope):
                return self.function_id(node.name)
            return ""
        return ""

    def reference(self, name: str, scope: Scope | None) -> None:
        """As frontend.Extractor.reference: an ID not in a direct call's callee position
        that names a static function."""
        if name in self.types.internal and self.is_function(name, scope):
            self._referenced.add(self.function_id(name))

    def references_in(self, node, scope: Scope | None) -> None:
        """As frontend.Extractor.references_in: every function a whole expression names,
        called or not; not under sizeof, and not a member or designator name."""
        stack = [node] if node is not None else []
        while stack:
            x = stack.pop()
            if isinstance(x, c_ast.ID):
                self.reference(x.name, scope)
            elif isinstance(x, c_ast.StructRef):
                stack.append(x.name)
            elif isinstance(x, c_ast.NamedInitializer):
                stack.append(x.expr)
            elif not (isinstance(x, c_ast.UnaryOp) and x.op in ("sizeof", "_Alignof")):
                stack.extend(child for _, child in x.children())

    def type_of(self, node, scope: Scope | None):
        """The type of an expression, as far as declarations tell; None when unknown."""
        t = self.types
        if isinstance(node, c_ast.ID):
            found = scope.lookup(node.name) if scope is not None else None
            if found is not None:
                return t.canon(found[-1])
            if node.name in t.variables:
                return t.canon(t.variables[node.name])
            if node.name in t.functions:
                return t.canon(t.functions[node.name])
            return ("base", "int") if node.name in t.enums else None
        if isinstance(node, c_ast.Cast):
            return t.canon(node.to_type)
        if isinstance(node, c_ast.StructRef):
            base = self.type_of(node.name, scope)
            if node.type == "->":
                base = base[1] if base is not None and base[0] in ("ptr", "array") else None
            return t.member(base, node.field.name)
        if isinstance(node, c_ast.UnaryOp):
            if node.op == "&":
                inner = self.type_of(node.expr, scope)
                return None if inner is None else ("ptr", inner)
            if node.op == "*":
                inner = self.type_of(node.expr, scope)
                return inner[1] if inner is not None and inner[0] in ("ptr", "array") else None
            if node.op in ("p++", "p--", "++", "--"):
                return self.type_of(node.expr, scope)
            return ("base", "int")
        if isinstance(node, c_ast.ArrayRef):
            base = self.type_of(node.name, scope)
            return base[1] if base is not None and base[0] in ("ptr", "array") else None
        if isinstance(node, c_ast.FuncCall):
            callee = self.type_of(node.name, scope)
            if callee is not None and callee[0] == "ptr":
                callee = callee[1]
            return callee[1] if callee is not None and callee[0] == "func" else None
        if isinstance(node, c_ast.TernaryOp):
            return self.type_of(node.iftrue, scope) or self.type_of(node.iffalse, scope)
        if isinstance(node, c_ast.Assignment):
            return self.type_of(node.lvalue, scope)
        if isinstance(node, c_ast.ExprList) and node.exprs:
            return self.type_of(node.exprs[-1], scope)
        if isinstance(node, c_ast.BinaryOp):
            left = self.type_of(node.left, scope)
            return left if is_pointer(left) and node.op in ("+", "-") else ("base", "int")
        if isinstance(node, c_ast.Constant):
            return ("base", node.type)
        if isinstance(node, c_ast.CompoundLiteral):
            return t.canon(node.type)
        return None

    def lockref(self, node, scope: Scope | None, display: str = "") -> LockRef | None:
        if node is None:
            return None
        display = display or self.source(node)
        path: list[str] = []

        def suffix() -> str:
            return ("." + ".".join(path).replace(".[]", "[]")) if path else ""
        # `spin_unlock(fw->ptl)`: a struct member that points to a lock (LockRef "pointer")
        top = strip(node)
        member = "pointer" if isinstance(top, c_ast.StructRef) and \
            is_pointer(self.type_of(top, scope)) else "member"
        while True:
            node = strip(node)
            if isinstance(node, c_ast.UnaryOp) and node.op not in ("sizeof", "_Alignof"):
                node = node.expr
                continue
            if isinstance(node, c_ast.FuncCall) and not path:
                args = call_args(node)
                if len(args) == 1 and is_lock_pointer(self.type_of(args[0], scope)):
                    node = args[0]          # pass-through helpers such as spinlock_check(l)
                    continue
                name = call_name(node)
                if name and self.is_function(name, scope):
                    return self.accessor_lock(name, display)
                break
            if isinstance(node, c_ast.ArrayRef):
                if path:
                    path[0] += "[]"
                else:
                    path.append("[]")
                node = node.name
                continue
            if isinstance(node, c_ast.StructRef):
                path.insert(0, node.field.name)
                base = self.type_of(node.name, scope)
                if node.type == "->" or is_pointer(base):
                    owner = type_name(base[1]) if is_pointer(base) else ""
                    if not owner or "(unnamed" in owner:
                        owner = "struct ?"
                    return LockRef(member, owner + "." + ".".join(path).replace(".[]", "[]"),
                                   display)
                if self.embedded_owner(node.name, base, scope):
                    # `&pgdat->__lruvec.lru_lock` is 'struct lruvec.lru_lock', as
                    # frontend.Extractor.lockref names it
                    return LockRef(member, type_name(base) + "." +
                                   ".".join(path).replace(".[]", "[]"), display)
                node = node.name
                continue
            if isinstance(node, c_ast.ID):
                found = scope.lookup(node.name) if scope is not None else None
                if found is not None and found[0] == "param":
                    if path:
                        return LockRef(member, type_name(self.types.canon(found[2])) +
                                       suffix(), display)
                    return LockRef("param", str(found[1]), display)
                if found is not None:
                    decl = found[1]
                    if path:
                        return LockRef(member, type_name(self.types.canon(decl)) + suffix(),
                                       display)
                    if decl.init is not None and is_pointer(self.types.canon(decl)):
                        # `spinlock_t *l = &priv->lock;` names priv's lock
                        r = self.lockref(decl.init, scope, display)
                        if r is not None and r.kind != "unknown":
                            return r
                    return LockRef("local", node.name, display)
                decl = self.types.variables.get(node.name)
                if decl is not None:
                    if node.name in self.types.internal:
                        return LockRef("static", f"{self.paths(decl.coord.file)}:{node.name}"
                                       f"{suffix()}", display)
                    return LockRef("global", node.name + suffix(), display)
            break
        return LockRef("unknown", display, display)

    def embedded_owner(self, node, base, scope: Scope | None) -> bool:
        """As frontend.embedded_owner: is `node` (of type `base`) a named struct member in an
        object that is no file-scope variable?"""
        if base is None or base[0] != "rec" or base[1] == UNNAMED:
            return False
        node = strip(node)
        if not isinstance(node, c_ast.StructRef):
            return False
        while isinstance(node, (c_ast.StructRef, c_ast.ArrayRef)):
            if isinstance(node, c_ast.StructRef) and node.type == "->" or \
                    is_pointer(self.type_of(node.name, scope)):
                return True
            node = strip(node.name)
        if not isinstance(node, c_ast.ID):
            return True
        if scope is not None and scope.lookup(node.name) is not None:
            return True
        return node.name not in self.types.variables

    def accessor_lock(self, name: str, display: str) -> LockRef:
        """An accessor such as rq_lockp(rq) returns the same kind of lock for every argument:
        the class its body returns (`return &rq->__lock;`), else one named after it."""
        if name not in self._accessors:
            self._accessors[name] = f"{name}()"          # also cuts recursion
            fn = self.types.definitions.get(name)
            found = set()
            if fn is not None:
                scope = Scope(function_params(fn))
                stack = [fn.body]
                while stack and len(found) < 2:
                    x = stack.pop()
                    if isinstance(x, c_ast.Decl) and x.name:
                        scope.blocks[0][x.name] = x
                    elif isinstance(x, c_ast.Return):
                        r = self.lockref(x.expr, scope) if x.expr is not None else None
                        by_class = r and r.kind in ("member", "pointer", "global", "static")
                        found.add(r.name if by_class else "")
                    elif is_statement(x):
                        stack.extend(reversed([c for _, c in x.children()]))
            if len(found) == 1 and "" not in found:
                self._accessors[name] = found.pop()
        return LockRef("member", self._accessors[name], display)

    # ---- top level ----------------------------------------------------------------------

    def run(self) -> FileFacts:
        first: dict[str, str] = {}     # function name -> file of its first declaration
        for ext in self.ast.ext:
            f = ext.coord.file if ext.coord is not None else None
            decl = ext.decl if isinstance(ext, c_ast.FuncDef) else ext
            if f and isinstance(decl, c_ast.Decl) and isinstance(decl.type, c_ast.FuncDecl):
                first.setdefault(decl.name, f)
            if not f or is_header(f):
                continue
            if isinstance(ext, c_ast.FuncDef):
                self.walk_function(ext, in_header=False)
            elif isinstance(ext, c_ast.Decl) and ext.name and \
                    not isinstance(ext.type, c_ast.FuncDecl):
                self.top_var(ext)
        while self._pending:
            self.walk_function(self._pending.pop(), in_header=True)
        # as frontend.Extractor.declared_in: the header of an external function's first
        # declaration
        self.facts.declared = [(fn.id, self.paths(first[fn.name])) for fn in self.facts.functions
                               if not fn.in_header and "@" not in fn.id and
                               is_header(first.get(fn.name, ""))]
        for ext in self.ast.ext:
            # as frontend.Extractor._run: a header's plain static functions not walked
            if isinstance(ext, c_ast.FuncDef) and ext.coord is not None and \
                    is_header(ext.coord.file) and "inline" not in ext.decl.funcspec and \
                    self.function_id(ext.decl.name) not in self._walked:
                self.references_in(ext.body, Scope(function_params(ext)))
        settle_facts(self.facts, self.copied_flags, self.var_bindings, self.var_refs,
                     self.dead_variables(), self._referenced)
        return self.facts

    def top_var(self, d: c_ast.Decl) -> None:
        t = self.types.canon(d)
        tname = type_name(t)
        if tname in LOCK_TYPES:
            cls = f"{self.paths(d.coord.file)}:{d.name}" if d.name in self.types.internal \
                else d.name
            self.facts.lockdefs.append(LockDef(d.name, cls, tname, self.loc(d, d.name)))
        if "static" in d.storage:
            self.static_vars.add(d.name)
        outer, self._referenced = self._referenced, set()
        self.references_in(d.init, None)
        self.var_refs.setdefault(d.name, set()).update(self._referenced)
        self._referenced = outer
        init, t = self.init_list(d.init, t)
        if init is not None:
            start = len(self.facts.bindings)
            self._opaque = False
            if is_function_pointer_array(t):
                self.array_initializer(init, array_field(self.variable_id(d.name)))
            else:
                self.initializer(init, t, None)
            if self.const_record(d) and not self._opaque:
                self.ops_table(self.variable_id(d.name), start)
            if len(self.facts.bindings) > start:
                self.var_bindings[d.name] = range(start, len(self.facts.bindings))

    def ops_table(self, vid: str, start: int) -> None:
        """As frontend.Extractor.ops_table."""
        self.facts.tables.append(vid)
        b = self.facts.bindings
        b[start:] = [dataclasses.replace(x, owner=vid) for x in b[start:]]

    def dead_code(self, node) -> None:
        """As frontend.Extractor.dead_code: count the identifiers a statement removed by a
        constant condition names."""
        for x in identifiers([node] if node is not None else []):
            self.dead_refs[x.name] = self.dead_refs.get(x.name, 0) + 1

    def dead_variables(self) -> set[str]:
        """As frontend.Extractor.dead_variables: the file-scope static variables with
        bindings that only code removed by a constant condition names. Every identifier of
        the whole translation unit (headers' code too) is counted: a local of the same name
        counts as a use."""
        cands = {n for n in self.dead_refs if n in self.var_bindings and n in self.static_vars}
        if not cands:
            return set()
        total = dict.fromkeys(cands, 0)
        for x in identifiers(self.ast.ext):
            if x.name in total:
                total[x.name] += 1
        return {n for n in cands if total[n] == self.dead_refs[n]}

    def record_owner(self, t) -> str:
        """As frontend.Extractor.record_owner: a driver's own struct carries its file."""
        return self.record_decl(t)[0]

    def record_decl(self, t) -> tuple[str, str]:
        """As frontend.Extractor.record_decl."""
        name = type_name(t)
        coord = t[2].coord if t is not None and t[0] == "rec" and t[2] is not None else None
        if coord is None or not coord.file:
            return name, ""
        declared_in = self.paths(coord.file)
        return owner_key(name, declared_in), declared_in

    def flag_owner(self, t) -> str:
        """As frontend.Extractor.flag_owner."""
        owner, declared_in = self.record_decl(t)
        if declared_in and "@" not in owner:
            self.facts.struct_headers.append((owner, declared_in))
        return owner

    def init_list(self, node, t):
        """As frontend.init_list, with the type of the braces: (`{ ... }`, t) or a compound
        literal's braces and type; (None, None) for any other expression."""
        node = strip(node)
        if isinstance(node, c_ast.CompoundLiteral):
            return node.init, self.types.canon(node.type)
        return (node, t) if isinstance(node, c_ast.InitList) else (None, None)

    def array_initializer(self, init: c_ast.InitList, array: str) -> None:
        """As frontend.Extractor.array_initializer."""
        for item in init.exprs:
            value = item.expr if isinstance(item, c_ast.NamedInitializer) else item
            fn = self.function_ref(value, None)
            if fn:
                self.facts.bindings.append(Binding(array, fn, self.loc(value, fn.split("@")[0])))

    def initializer(self, init: c_ast.InitList, t, scope: Scope | None, bound=None) -> None:
        """As frontend.Extractor.initializer; `scope` is the function body's, if any."""
        fields = self.types.fields(t)
        owner = self.record_owner(t)
        element = t[1] if t is not None and t[0] == "array" else None
        found, flags = [], set()
        for i, item in enumerate(init.exprs):
            if isinstance(item, c_ast.NamedInitializer):
                # `.f = v`; a nested `.a.b = v` names no field of `t` (libclang skips it too)
                first = item.name[0]
                fname = first.name if isinstance(first, c_ast.ID) and len(item.name) == 1 else ""
                value = item.expr
            else:
                fname = fields[i] if i < len(fields) else ""
                value = item
            if isinstance(value, c_ast.InitList):
                inner = element if element is not None else self.types.member(t, fname)
                self.initializer(value, inner, scope, bound)
                continue
            if isinstance(strip(value), c_ast.CompoundLiteral):
                if bound is None:    # in a body, BodyBuilder.expr() walks to it on its own
                    self.initializer(*self.init_list(value, None), scope)
                continue
            fn = bound(value) if bound is not None else self.function_ref(value, scope)
            if fn and fname and t is not None and t[0] == "rec":
                found.append(Binding(f"{owner}.{fname}", fn, self.loc(value, fn.split("@")[0])))
            elif fname and const_value(value, self.types.enums) != 0:
                if self.types.is_flag(t, fname):
                    flags.add(fname)
                    self.facts.set_flags.append(f"{owner}.{fname}")
                elif is_function_pointer(self.types.member(t, fname)):
                    self._opaque = True
        self.facts.bindings.extend(
            dataclasses.replace(b, sets=tuple(sorted(flags))) if flags else b for b in found)

    # ---- function bodies ----------------------------------------------------------------

    def walk_function(self, fn: c_ast.FuncDef, in_header: bool) -> None:
        name = fn.decl.name
        fid = self.function_id(name)
        if fid in self._walked:
            return
        self._walked.add(fid)
        params = function_params(fn)
        cfg = BodyBuilder(self, fid, Scope(params))
        cfg.set_params([p.name for p in params])
        cfg.table_params = {i: p.name for i, p in enumerate(params)
                            if isinstance(p.type, c_ast.PtrDecl) and self.const_record(p.type)}
        start = len(self.facts.bindings)
        for ev in self.must_hold_events(fn, params):
            cfg.emit(ev)
        cfg.stmt(fn.body)
        cfg.finish()
        with_sets(self.facts.bindings, range(start, len(self.facts.bindings)), cfg.flags)
        made_by(self.facts.bindings, range(start, len(self.facts.bindings)), fid)
        if cfg.flags:
            self.copied_flags.extend((name, cfg.flags) for name in sorted(cfg.copies))
        self.facts.set_flags.extend(cfg.flags)
        self.facts.functions.append(Function(
            id=fid, name=name, loc=self.function_loc(fn), params=[p.name for p in params],
            blocks=compact_blocks(cfg.blocks), entry=0, exit=1, in_header=in_header,
            containers=tuple(sorted(cfg.containers))))

    def must_hold_events(self, fn: c_ast.FuncDef, params) -> list[Event]:
        """As frontend.Extractor.must_hold_events, from the lines of the definition before
        its body (cpp has removed the annotation from the tree)."""
        loc = self.function_loc(fn)
        body = fn.body.coord
        if body is None or body.file != fn.decl.coord.file:
            return []
        lines = self.text_of(body.file).split(b"\n")[loc.line - 1:body.line]
        header = b"\n".join(lines)
        if b"__must_hold" not in header:
            return []
        by_name = {p.name: p for p in params}
        out = []
        for param, path in must_hold(header):
            p = by_name.get(param)
            t = self.types.canon(p) if p is not None else None
            if not is_pointer(t):
                continue
            owner = t = t[1]
            for name in path:
                t = self.types.member(t, name)
            kind = LOCK_TYPES.get(type_name(t)) if t is not None else None
            if kind:
                out.append(Event("assert", loc, api="__must_hold", context="held",
                                 lock=LockRef("member", f"{type_name(owner)}.{'.'.join(path)}"),
                                 lock_kind=kind))
        return out

    def function_loc(self, fn: c_ast.FuncDef) -> Loc:
        """Where the definition starts: libclang's extent begins at the first specifier,
        pycparser's coordinate is the declarator's, which may be a line further down."""
        loc = self.loc(fn.decl, fn.decl.name)
        spec = fn.decl.type.type
        while not isinstance(spec, c_ast.TypeDecl) and hasattr(spec, "type"):
            spec = spec.type
        spec = getattr(spec, "type", None)
        if spec is not None and spec.coord is not None and spec.coord.file == fn.decl.coord.file \
                and spec.coord.line < loc.line:
            return Loc(loc.file, spec.coord.line, 1)
        return loc

    def called_function(self, name: str) -> None:
        """A direct call: walk the callee too if it is a header inline we have not seen."""
        d = self.types.definitions.get(name)
        if d is None or d.coord is None or not is_header(d.coord.file):
            return
        if self.function_id(name) not in self._walked:
            self._pending.append(d)

    def destructor(self, cls: str) -> str:
        name = f"class_{cls}_destructor"
        return name if name in self.types.definitions else ""


def is_statement(node) -> bool:
    return not isinstance(node, (c_ast.ID, c_ast.Constant, c_ast.FuncCall, c_ast.BinaryOp,
                                 c_ast.UnaryOp, c_ast.Cast, c_ast.StructRef, c_ast.ArrayRef,
                                 c_ast.Assignment, c_ast.TernaryOp, c_ast.ExprList,
                                 c_ast.InitList, c_ast.CompoundLiteral, c_ast.Typename))


class BodyBuilder(Graph):
    """Builds the control-flow graph (cfg.Graph) of one function body from pycparser's
    nodes: the graph frontend.BodyBuilder builds from libclang's cursors."""

    def __init__(self, ex: Extractor, fid: str, scope: Scope):
        super().__init__(fid)
        self.ex = ex
        self.scope = scope
        # id of a statement expression -> its declarations: the type of its value (`__timr`
        # in lock_timer()) is asked after its scope has ended
        self.stmt_expr_names: dict[int, dict[str, c_ast.Decl]] = {}
        self.flag_copies: dict[str, str | None] = {}     # as frontend.BodyBuilder's

    # -- statements --
    def block(self, items) -> dict[str, c_ast.Decl]:
        """A `{ ... }`: its declarations are visible until its end, its guards released.
        Returns the declarations."""
        self.scopes.append([])
        self.scope.blocks.append({})
        for s in items or []:
            self.stmt(s)
        self.release_scopes(len(self.scopes) - 1)
        self.scopes.pop()
        return self.scope.blocks.pop()

    def stmt(self, c) -> None:
        a = self.ex.k.asserts.get(call_name(c)) if isinstance(c, c_ast.FuncCall) else None
        if a is not None and not a.never_true:
            # lockdep_assert_irqs_disabled() & co.: statements known by their macro name,
            # kept as a call here (libclang sees the do { } while (0) they expand to)
            name = call_name(c)
            if a.lock_arg is not None:
                self.held_assertion(c, name, a.lock_arg)
            else:
                self.emit(Event("assert", self.ex.loc(c, name), api=name,
                                hardirqs=a.hardirqs, context=a.context))
            return
        if isinstance(c, c_ast.Compound):
            self.block(c.block_items)
        elif isinstance(c, c_ast.Decl):
            self.declaration(c)
        elif isinstance(c, c_ast.DeclList):
            for d in c.decls:
                self.declaration(d)
        elif isinstance(c, c_ast.If):
            self.if_stmt(c)
        elif isinstance(c, c_ast.While):
            head = self.new()
            self.goto(head)
            exit_, start = self.new(), self.new()
            self.while_test(c.cond, evaluate_int(c.cond, self.ex.types.enums), start, exit_)
            self.loop_body(c.stmt, start, cont=head, brk=exit_)
            self.cur = exit_
        elif isinstance(c, c_ast.DoWhile):
            start, test, exit_ = self.new(), self.new(), self.new()
            self.goto(start)
            self.loop_body(c.stmt, None, cont=test, brk=exit_)
            self.goto(test)
            self.expr(c.cond)
            if evaluate_int(c.cond, self.ex.types.enums) != 0:   # do { } while (0) runs once
                self.edge(self.cur, start)
            self.goto(exit_)
        elif isinstance(c, c_ast.For):
            self.for_stmt(c)
        elif isinstance(c, c_ast.Switch):
            self.switch_stmt(c)
        elif isinstance(c, (c_ast.Case, c_ast.Default)):
            key = self.switches[-1][3] if self.switches else None
            value = const_value(c.expr, self.ex.types.enums) \
                if key is not None and isinstance(c, c_ast.Case) else None
            self.case(value, isinstance(c, c_ast.Default), self.ex.loc(c))
            for s in c.stmts or []:
                self.stmt(s)
        elif isinstance(c, (c_ast.Break, c_ast.Continue)):
            if self.loops:
                cont, brk, depth = self.loops[-1]
                target = brk if isinstance(c, c_ast.Break) else cont
                if target is not None:
                    self.release_scopes(depth)
                    self.edge(self.cur, target)
            self.cur = None
        elif isinstance(c, c_ast.Return):
            if c.expr is not None:
                self.expr(c.expr)
            self.release_scopes(0)
            self.edge(self.cur, 1)
            self.cur = None
        elif isinstance(c, c_ast.Goto):
            self.jump(c.name)             # runs the releases of the scopes left
        elif isinstance(c, c_ast.Label):
            self.place_label(c.name)
            if c.stmt is not None:
                self.stmt(c.stmt)
        elif isinstance(c, (c_ast.EmptyStatement, c_ast.Typedef, c_ast.Pragma,
                            c_ast.StaticAssert)):
            pass
        else:
            self.expr(c)

    def for_stmt(self, c: c_ast.For) -> None:
        self.scopes.append([])            # a scoped_guard's variable lives in the for
        self.scope.blocks.append({})
        if c.init is not None:
            self.stmt(c.init) if isinstance(c.init, (c_ast.DeclList, c_ast.Decl)) \
                else self.expr(c.init)
        head = self.new()
        self.goto(head)
        if c.cond is not None:
            self.expr(c.cond)             # before every iteration
        test = self.cur if self.cur is not None else self.new()
        start, exit_, cont = self.new(), self.new(), self.new()
        self.edge(test, start)
        # `for (;;)` and scoped_guard's always-true condition leave by break/goto only
        if c.cond is not None and const_cond(c.cond, self.ex.types) is not True:
            self.edge(test, exit_)
            self.loop_entry_values(c.cond, start)
        self.loop_body(c.stmt, start, cont=cont, brk=exit_)
        # the increment runs after the body (scoped_guard's is `({ goto _label; })`)
        self.cur = cont
        if c.next is not None:
            self.expr(c.next)
        self.edge(self.cur, head)
        self.cur = exit_
        self.release_scopes(len(self.scopes) - 1)
        self.scopes.pop()
        self.scope.blocks.pop()

    def switch_stmt(self, c: c_ast.Switch) -> None:
        self.expr(c.cond)
        sw = self.begin_switch(self.path_key(unnegate(c.cond)[0]))
        self.stmt(c.stmt)
        self.end_switch(sw)

    def loop_body(self, body, start, cont, brk) -> None:
        if start is not None:
            self.cur = start
        self.loops.append((cont, brk, len(self.scopes)))
        if body is not None:
            self.stmt(body)
        self.loops.pop()
        self.edge(self.cur, cont)
        self.cur = None

    def if_stmt(self, c: c_ast.If) -> None:
        value = const_cond(c.cond, self.ex.types)
        if value is not None and not has_label(c.iffalse if value else c.iftrue):
            self.ex.dead_code(c.iffalse if value else c.iftrue)
            if value:
                self.stmt(c.iftrue)
            elif c.iffalse is not None:
                self.stmt(c.iffalse)
            return
        if self.cur is None:
            self.cur = self.new()
        t, f, join = self.new(), self.new(), self.new()
        mark = len(self.plain_tests)
        guard = self.null_tested(c.cond, c.iftrue)
        self.branch(c.cond, t, f)
        before = self.emitted
        self.cur = t
        act = self.last_act
        self.stmt(c.iftrue)
        if guard and self.cur is not None and self.last_act is not act:
            self.null_guard(f, self.last_act)
        jumps = self.cur is None         # a branch that only jumps still decides the path
        self.edge(self.cur, join)
        self.cur = f
        if c.iffalse is not None:
            self.stmt(c.iffalse)
        jumps = jumps or self.cur is None
        self.edge(self.cur, join)
        self.cur = join
        if self.emitted != before or jumps:
            self.correlate(mark, t, f, self.ex.loc(c.cond), self.emitted == before)
        del self.plain_tests[mark:]

    def null_tested(self, cond, then) -> bool:
        """As frontend.BodyBuilder.null_tested: `if (v) { ...; f(..., v, ...); }` with v a
        local pointer variable or parameter."""
        c = strip(cond)
        if not isinstance(c, c_ast.ID) or self.scope.lookup(c.name) is None or \
                not is_pointer(self.ex.type_of(c, self.scope)):
            return False
        body = then
        while isinstance(body, c_ast.Compound):
            items = body.block_items or []
            if not items:
                return False
            body = items[-1]
        body = strip(body)
        if not isinstance(body, c_ast.FuncCall):
            return False
        return any(x.name == c.name for x in identifiers(call_args(body)))

    def leaf_values(self, leaf):
        """As frontend.BodyBuilder.leaf_values: what an operand of a condition finds about
        a variable, or about two locals it compares."""
        var = strip(leaf)
        yes, no = "1", "0"
        what = self.context_test(var)
        if what:
            return CONTEXT_TEST + what, yes, no
        if isinstance(var, c_ast.FuncCall):
            return self.predicate_values(var)
        if isinstance(var, c_ast.BinaryOp) and var.op == "&":
            enums = self.ex.types.enums
            consts = [const_value(var.left, enums), const_value(var.right, enums)]
            if (consts[0] is None) == (consts[1] is None):
                return None
            mask = consts[0] if consts[0] is not None else consts[1]
            key = self.path_key(var.right if consts[0] is not None else var.left)
            return None if key is None or not mask else (bit_key(key, mask), yes, no)
        if isinstance(var, c_ast.BinaryOp) and var.op in ("==", "!="):
            enums = self.ex.types.enums
            consts = [const_value(var.left, enums), const_value(var.right, enums)]
            if consts == [None, None]:      # `rnp != rnp_start`
                return self.pair_values(self.local_var(var.left), self.local_var(var.right),
                                        var.op == "==")
            if None not in consts:
                return None
            value = consts[0] if consts[0] is not None else consts[1]
            op = var.op
            var = var.right if consts[0] is not None else var.left
            yes, no = f"={value}", f"!{value}"
            if op == "!=":
                yes, no = no, yes
        key = self.path_key(var)
        return None if key is None else (key, yes, no)

    def predicate_values(self, call: c_ast.FuncCall):
        """As frontend.BodyBuilder.predicate_values: a call of a predicate on some bits of
        one argument (`return !!(gfp_flags & __GFP_DIRECT_RECLAIM);`)."""
        value = function_return(call_name(call), self.ex.types)
        if value is None:
            return None
        fn, value = value
        test, negated = unnegate(value)
        if not isinstance(test, c_ast.BinaryOp) or test.op != "&":
            return None
        names = [p.name for p in function_params(fn)]
        kids = [strip(test.left), strip(test.right)]
        params = [i for i, x in enumerate(kids) if isinstance(x, c_ast.ID) and x.name in names]
        if len(params) != 1:
            return None
        mask = evaluate_int(kids[1 - params[0]], self.ex.types.enums)
        args = call_args(call)
        i = names.index(kids[params[0]].name)
        key = self.path_key(args[i]) if mask and i < len(args) else None
        if key is None:
            return None
        return (bit_key(key, mask), "0", "1") if negated else (bit_key(key, mask), "1", "0")

    def context_test(self, node) -> str:
        """As frontend.BodyBuilder.context_test: a [context_tests] predicate, kept as a call
        by name (api_undefs)."""
        node = strip(node)
        return self.ex.k.context_tests.get(call_name(node), "") \
            if isinstance(node, c_ast.FuncCall) else ""

    def path_key(self, node) -> str | None:
        node = strip(node)
        if isinstance(node, c_ast.ID):
            found = self.scope.lookup(node.name)
            if found is not None or node.name in self.ex.types.variables:
                return node.name
            return None
        if isinstance(node, c_ast.StructRef):
            base = self.path_key(node.name)
            return None if base is None else f"{base}{node.type}{node.field.name}"
        return None

    def local_var(self, node) -> str | None:
        """As frontend.BodyBuilder.local_var: a local variable or parameter's name."""
        node = strip(node)
        if isinstance(node, c_ast.ID) and self.scope.lookup(node.name) is not None:
            return node.name
        return None

    def assigned(self, lhs, at, value=None) -> None:
        key = self.path_key(lhs)
        if key is not None:
            self.emit(self.assign_event(key, at, value))

    def assign_event(self, key: str, at, value) -> Event:
        """As frontend.BodyBuilder.emit_assign: the value is kept when it is a constant."""
        v = None if value is None else arg_value(value, self.ex.types)
        flag = self.flag_field(value) if v is None and value is not None else None
        if flag:
            v = FLAG + flag
        copy_of_flag(self.flag_copies, key, v)
        return Event("assign", self.ex.loc(at), api=key, consts=() if v is None else ((0, v),))

    # the node hooks of cfg.Graph.branch and store_value, as frontend.BodyBuilder's
    def cond_shape(self, node) -> tuple:
        node = strip(node)
        if is_not(node):
            return "not", node.expr
        if isinstance(node, c_ast.FuncCall) and call_name(node) == "__builtin_expect" and \
                call_args(node):
            return self.cond_shape(call_args(node)[0])
        if isinstance(node, c_ast.BinaryOp) and node.op in ("&&", "||"):
            return ("and" if node.op == "&&" else "or"), node.left, node.right
        return "leaf", node

    def cond_const(self, node) -> bool | None:
        return const_cond(node, self.ex.types)

    def warning_args(self, node) -> list | None:
        """The arguments of a warning macro's value (`WARN_ON_ONCE(x)`, kept as a call by
        name: [[assert]] never_true): [x]. None when node is no warning."""
        node = strip(node)
        a = self.ex.k.asserts.get(call_name(node)) if isinstance(node, c_ast.FuncCall) \
            else None
        return call_args(node) if a is not None and a.never_true else None

    def cond_loc(self, node) -> Loc:
        return self.ex.loc(node)

    def negates(self, node) -> bool:
        return is_not(node)

    def stmt_expr_value(self, node):
        return stmt_expr_value(node)

    def value_var(self, node) -> str | None:
        """The variable whose value an expression is: `x`, or `({ ...; x; })`."""
        node = strip(node)
        inner = stmt_expr_value(node)
        if inner is not None:
            return self.value_var(inner)
        if isinstance(node, c_ast.ID) and node.name not in self.ex.types.enums and \
                not self.ex.is_function(node.name, self.scope):
            return node.name
        return None

    def value_call(self, node) -> str | None:
        """The function whose result an expression is: `f(...)`, or `({ ...; f(...); })`
        ('' when the call is not direct); None when it is no call."""
        node = strip(node)
        inner = stmt_expr_value(node)
        if inner is not None:
            return self.value_call(inner)
        return self.direct_callee(node) if isinstance(node, c_ast.FuncCall) else None

    def ret_test(self, c, negate: bool = False):
        """(callee, failure-when-true) when an if condition tests what a call returned:
        `!desc`, `desc == NULL`, `IS_ERR(p)`, `ret`, `ret < 0`, `ret >= 0`, `unlikely(...)`
        of those."""
        c = strip(c)
        if is_not(c):
            return self.ret_test(c.expr, not negate)
        if isinstance(c, c_ast.BinaryOp):
            if c.op not in ("==", "!=", "<", ">="):
                return None
            if c.op in ("<", ">="):                       # ret < 0, ret >= 0
                if not is_zero(c.right):
                    return None
                r = self.ret_test(c.left)
                return None if r is None else (r[0], negate == (c.op == ">="))
            kids = [c.left, c.right]
            zero = [x for x in kids if is_zero(x)]
            other = [x for x in kids if x not in zero]
            if len(zero) != 1 or len(other) != 1:
                return None
            return self.ret_test(other[0], negate if c.op == "!=" else not negate)
        if isinstance(c, c_ast.FuncCall):
            name = call_name(c)
            args = call_args(c)
            if name == "__builtin_expect" and args:
                return self.ret_test(args[0], negate)
            if name in ("IS_ERR", "IS_ERR_OR_NULL") and args:
                r = self.ret_test(args[0])
                return None if r is None else (r[0], not negate)
            callee = self.direct_callee(c)
            if not callee:
                return None
            pointer = is_pointer_or_bool(self.ex.type_of(c, self.scope))
            return callee, negate if pointer else not negate
        if isinstance(c, c_ast.ID):
            callee = self.last_call.get(c.name)
            if not callee:
                return None
            pointer = is_pointer_or_bool(self.ex.type_of(c, self.scope))
            return callee, negate if pointer else not negate
        inner = stmt_expr_value(c)     # `if (!lock_timer(id, &flags))`: the macro's value
        if inner is not None:
            # its declarations, for the type of the value
            self.scope.blocks.append(self.stmt_expr_names.get(id(c), {}))
            try:
                return self.ret_test(inner, negate)
            finally:
                self.scope.blocks.pop()
        return None

    def direct_callee(self, call: c_ast.FuncCall) -> str:
        ref = strip(call.name)
        if isinstance(ref, c_ast.ID) and self.ex.is_function(ref.name, self.scope):
            return self.ex.function_id(ref.name)
        return ""

    def declaration(self, d: c_ast.Decl) -> None:
        if d.name is None or isinstance(d.type, c_ast.FuncDecl):
            return
        self.scope.blocks[-1][d.name] = d     # visible in its own initializer, as in C
        if d.init is None:
            return
        call = strip(d.init)
        m = GUARD_CTOR.match(call_name(call)) if isinstance(call, c_ast.FuncCall) else None
        if m:
            cls = m.group(1)
            api = self.ex.k.guards.get(cls)
            if api is not None:
                self.guard(d, call, cls, api)
                return
            dtor = self.ex.destructor(cls)
            if dtor:
                # a guard class rules.toml does not list: its constructor runs here as a
                # call, and its destructor on every way out of the scope
                self.expr(d.init)
                self.ex.called_function(dtor)
                if self.scopes:
                    self.scopes[-1].append(Event("call", self.ex.loc(d, cls),
                                                 callee=self.ex.function_id(dtor)))
                return
        if isinstance(d.init, c_ast.InitList):
            self.ex.initializer(d.init, self.ex.types.canon(d), self.scope, self.bound_function)
        mark = self.mark()
        self.expr(d.init)
        spec = self.container_spec(d.init)
        if spec:
            self.embedded[d.name] = spec
        self.store_value(d.name, d.init, mark)
        self.emit(self.assign_event(d.name, d, d.init))
        key = self.entry_copy(d.name, d.init)
        if key:
            self.emit(self.assign_event(key, d, d.init))

    def guard(self, var: c_ast.Decl, ctor: c_ast.FuncCall, cls: str, api: LockApi) -> None:
        args = call_args(ctor)
        written = self.guard_macro(var, cls)
        loc = self.ex.loc(var, written)
        lock = None
        if api.lock_arg is not None and args:
            texts = self.ex.written_args(var, written) if written else []
            # guard(T)(&l) is written as two argument lists; scoped_guard(T, &l) as one
            text = texts[1] if len(texts) > 1 else ""
            lock = self.ex.lockref(args[0], self.scope, text)
        name = f"{written or 'guard'}({cls})"
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

    def guard_macro(self, var: c_ast.Decl, cls: str) -> str:
        """The macro the source wrote the guard with (guard, scoped_guard, CLASS): the
        identifier before `(cls` on the declaration's line; cpp left no trace of it."""
        coord = var.coord
        off = self.ex.line_offset(coord.file, coord.line) if coord is not None else -1
        if off < 0:
            return ""
        text = self.ex.text_of(coord.file)
        end = text.find(b"\n", off)
        m = re.search(rb"\b(\w+)\s*\(\s*" + re.escape(cls.encode()) + rb"\b",
                      text[off:end if end >= 0 else len(text)])
        return m.group(1).decode() if m else ""

    # -- expressions --
    def expr(self, c) -> None:
        if isinstance(c, c_ast.ID):
            self.ex.reference(c.name, self.scope)   # call() walks only the arguments
            return
        if c is None or isinstance(c, (c_ast.Constant, c_ast.Typename)):
            return
        if isinstance(c, c_ast.StructRef):
            self.expr(c.name)            # the member's name is no function
            return
        if isinstance(c, c_ast.NamedInitializer):
            self.expr(c.expr)            # nor is a designator's
            return
        if isinstance(c, c_ast.UnaryOp) and c.op in ("sizeof", "_Alignof"):
            return                       # not evaluated
        if isinstance(c, c_ast.FuncCall):
            self.call(c)
            return
        if isinstance(c, c_ast.Compound):          # statement expression ({ ... })
            self.stmt_expr_names[id(c)] = self.block(c.block_items)
            self.container_spec(c)                 # notes what a container_of requires
            return
        if isinstance(c, c_ast.TernaryOp):
            self.expr(c.cond)
            test = self.cur if self.cur is not None else self.new()
            join = self.new()
            for branch in (c.iftrue, c.iffalse):
                self.cur = self.new()
                self.edge(test, self.cur)
                self.expr(branch)
                self.edge(self.cur, join)
            self.cur = join
            return
        if isinstance(c, c_ast.Assignment) and c.op == "=":
            self.assignment(c.lvalue, c.rvalue)
            lhs = strip(c.lvalue)
            if isinstance(lhs, c_ast.ID):
                mark = self.mark()
                self.expr(c.rvalue)
                self.store_value(lhs.name, c.rvalue, mark)
            else:
                self.expr(c.lvalue)
                self.expr(c.rvalue)
            self.assigned(c.lvalue, c, c.rvalue)
            return
        if isinstance(c, c_ast.Assignment) or (
                isinstance(c, c_ast.UnaryOp) and c.op in ("p++", "p--", "++", "--")):
            for _, child in c.children():
                self.expr(child)
            self.assigned(c.lvalue if isinstance(c, c_ast.Assignment) else c.expr, c)
            self.may_set(c.lvalue if isinstance(c, c_ast.Assignment) else c.expr)
            return
        if isinstance(c, c_ast.UnaryOp) and c.op == "&":
            self.may_set(c.expr)
        if isinstance(c, c_ast.CompoundLiteral) and isinstance(c.init, c_ast.InitList):
            self.ex.initializer(c.init, self.ex.types.canon(c.type), self.scope,
                                self.bound_function)
            self.expr(c.init)
            return
        for _, child in c.children():
            self.expr(child)

    def assignment(self, lhs, rhs) -> None:
        """`x->field = fn` binds fn to the field."""
        lhs = strip(lhs)
        if not isinstance(lhs, c_ast.StructRef):
            return
        stored = self.stored_functions(rhs)
        fn = stored[0][0] if stored else ""
        flag = not fn and const_value(rhs, self.ex.types.enums) != 0
        r = strip(rhs)
        if not fn and isinstance(r, c_ast.ID) and self.scope.lookup(r.name) is None and \
                r.name in self.ex.types.variables:
            t = self.ex.types.canon(self.ex.types.variables[r.name])
            if t is not None and t[0] == "rec":
                self.copies.add(r.name)  # `chip->gc = template;`, a file-scope variable
        if not fn and not flag:
            return
        bt = self.ex.type_of(lhs.name, self.scope)
        if is_pointer(bt):
            bt = bt[1]
        if flag and not self.ex.types.is_flag(bt, lhs.field.name):
            return
        key = f"{self.ex.record_owner(bt)}.{lhs.field.name}"
        if flag:
            self.flags.add(key)      # `gc->can_sleep = true`: see facts.Binding.sets
            return
        for fn, at in stored:
            self.ex.facts.bindings.append(Binding(key, fn, self.ex.loc(at, fn.split("@")[0])))

    def may_set(self, lhs) -> None:
        """As frontend.BodyBuilder.may_set."""
        flag = self.flag_field(lhs)
        if flag:
            self.ex.facts.set_flags.append(flag)

    def flag_field(self, leaf) -> str | None:
        """As frontend.BodyBuilder.flag_field."""
        node = strip(leaf)
        if not isinstance(node, c_ast.StructRef):
            return None
        bt = self.ex.type_of(node.name, self.scope)
        if is_pointer(bt):
            bt = bt[1]
        if bt is None or not self.ex.types.is_flag(bt, node.field.name):
            return None
        return f"{self.ex.flag_owner(bt)}.{node.field.name}"

    def stored_functions(self, value) -> list[tuple[str, object]]:
        """As frontend.BodyBuilder.stored_functions."""
        node = strip(value)
        if isinstance(node, c_ast.TernaryOp):
            return self.stored_functions(node.iftrue) + self.stored_functions(node.iffalse)
        fn = self.bound_function(value)
        return [(fn, value)] if fn else []

    def call(self, c: c_ast.FuncCall) -> None:
        name = call_name(c)
        if name in self.ex.api_names and self.scope.lookup(name) is None:
            self.api_call(c, name)          # a function API, or a macro API kept as a call
            return
        args = call_args(c)
        for a in args:
            self.expr(a)
        if self.warning_args(c) is not None and self.scope.lookup(name) is None:
            return                          # WARN_ON(x), kept as a call: x ran, no call
        callee = strip(c.name)
        lock_args = tuple(self.lock_arg(a) for a in args)
        fnargs = tuple((i, v) for i, v in enumerate(map(self.fn_value, args)) if v)
        consts = tuple((i, v) for i, v in enumerate(self.const_arg(a) for a in args)
                       if v is not None)
        tables = tuple((i, v) for i, v in enumerate(map(self.table_value, args)) if v)
        argvars = tuple((i, v) for i, v in enumerate(map(self.local_var, args)) if v)
        objargs = tuple((i, v) for i, v in enumerate(map(self.object_of, args)) if v)
        if isinstance(callee, c_ast.StructRef):
            field = callee.field.name
            self.emit(Event("call", self.ex.loc(c, field), api=field,
                            field=self.member_field(callee), args=lock_args,
                            fnargs=fnargs, consts=consts, tables=tables,
                            base=self.table_param(callee.name), argvars=argvars,
                            objargs=objargs))
            return
        array = self.called_array(callee)
        if array:
            self.emit(Event("call", self.ex.loc(c, array), api=array,
                            field=array_field(self.ex.variable_id(array)), args=lock_args,
                            fnargs=fnargs, consts=consts, tables=tables, argvars=argvars,
                            objargs=objargs))
            return
        n = self.called_param(callee)
        if n >= 0:
            name = self.param_names[n]
            self.emit(Event("call", self.ex.loc(c, name), api=name,
                            field=param_field(self.fid, n), args=lock_args, fnargs=fnargs,
                            consts=consts, tables=tables, argvars=argvars, objargs=objargs))
            return
        if isinstance(callee, c_ast.ID) and self.ex.is_function(callee.name, self.scope):
            self.ex.called_function(callee.name)
            self.emit(Event("call", self.ex.loc(c, callee.name), api=callee.name,
                            callee=self.ex.function_id(callee.name), args=lock_args,
                            fnargs=fnargs, consts=consts, tables=tables, argvars=argvars,
                            objargs=objargs))

    def object_of(self, a) -> str | None:
        """As frontend.BodyBuilder.object_of (where an explicit cast makes it another
        object, as libclang's cast cursor does)."""
        spec = self.container_spec(a)
        if spec:
            return spec
        if isinstance(a, c_ast.Cast):
            return None
        node = a
        if isinstance(node, c_ast.UnaryOp) and node.op == "&":
            m = strip(node.expr)
            if not isinstance(m, c_ast.StructRef):
                return None
            base = self.local_var(m.name) if m.type == "->" else None
            return self.object_arg(None, self.member_field(m), base)
        return self.object_arg(self.local_var(node), None, None)

    def container_spec(self, node) -> str | None:
        """As frontend.BodyBuilder.container_spec; with the plain-C stubs, offsetof is
        `((size_t)&((T *)0)->m)`."""
        while isinstance(node, c_ast.Cast) and isinstance(node.expr, c_ast.Compound):
            node = node.expr
        if not isinstance(node, c_ast.Compound) or not node.block_items:
            return None
        value = node.block_items[-1]
        if not isinstance(value, c_ast.Cast):
            return None
        diff = strip(value.expr)
        left = strip(diff.left) if isinstance(diff, c_ast.BinaryOp) and diff.op == "-" \
            else None
        if not isinstance(left, c_ast.ID):
            return None
        member = offsetof_member(diff.right)
        decl = next((d for d in node.block_items
                     if isinstance(d, c_ast.Decl) and d.name == left.name), None)
        ptr = strip(decl.init) if decl is not None and decl.init is not None else None
        if member is None or not isinstance(ptr, c_ast.ID):
            return None
        t = self.ex.type_of(value, self.scope)
        if not is_pointer(t) or t[1] is None:
            return None
        return self.container_of(self.local_var(ptr), f"{self.ex.record_owner(t[1])}.{member}")

    def called_array(self, callee) -> str:
        """As frontend.BodyBuilder.called_array: the array's name, else ''."""
        base = strip(callee.name) if isinstance(callee, c_ast.ArrayRef) else None
        if not isinstance(base, c_ast.ID) or self.scope.lookup(base.name) is not None or \
                base.name not in self.ex.types.variables or \
                not is_function_pointer_array(self.ex.types.canon(
                    self.ex.types.variables[base.name])):
            return ""
        return base.name

    def called_param(self, callee) -> int:
        """As frontend.BodyBuilder.called_param."""
        if isinstance(callee, c_ast.UnaryOp) and callee.op == "*":
            callee = strip(callee.expr)
        found = self.scope.lookup(callee.name) if isinstance(callee, c_ast.ID) else None
        return found[1] if found is not None and found[0] == "param" else -1

    def const_arg(self, a) -> int | str | None:
        """As frontend.BodyBuilder.const_arg."""
        v = arg_value(a, self.ex.types)
        if v is not None:
            return v
        flag = self.flag_field(a)
        if flag:
            return FLAG + flag
        a = strip(a)
        if isinstance(a, c_ast.UnaryOp) and a.op == "!":
            inner = self.const_arg(a.expr)
            return NOT + inner if isinstance(inner, str) and inner.startswith("#arg") else None
        if isinstance(a, c_ast.BinaryOp) and a.op == "||":
            return or_param(self.const_arg(k) for k in (a.left, a.right))
        if isinstance(a, c_ast.BinaryOp) and a.op in ("|", "&"):
            return masked_param([(self.const_arg(k), evaluate_int(strip(k), self.ex.types.enums))
                                 for k in (a.left, a.right)], a.op == "|")
        found = self.scope.lookup(a.name) if isinstance(a, c_ast.ID) else None
        if found is not None and found[0] == "param":
            return f"#arg{found[1]}"
        return self.flag_copies.get(a.name) if found is not None else None

    def table_param(self, node) -> int:
        """As frontend.BodyBuilder.table_param."""
        node = strip(node)
        found = self.scope.lookup(node.name) if isinstance(node, c_ast.ID) else None
        return found[1] if found is not None and found[0] == "param" and \
            found[1] in self.table_params else -1

    def table_value(self, a) -> str:
        """As frontend.BodyBuilder.table_value."""
        i = self.table_param(a)
        return f"#arg{i}" if i >= 0 else self.ex.table_ref(a, self.scope)

    def fn_value(self, a) -> str:
        """As frontend.BodyBuilder.fn_value."""
        fn = self.ex.function_ref(a, self.scope)
        if fn:
            return fn
        a = strip(a)
        found = self.scope.lookup(a.name) if isinstance(a, c_ast.ID) else None
        if found is not None and found[0] == "param":
            t = self.ex.types.canon(found[2])
            if is_pointer(t) and t[1] is not None and t[1][0] == "func":
                return f"#arg{found[1]}"
        if isinstance(a, c_ast.StructRef):
            t = self.ex.type_of(a, self.scope)
            if is_pointer(t) and t[1] is not None and t[1][0] == "func":
                return FIELDREF + self.member_field(a)
        return ""

    def member_field(self, member: c_ast.StructRef) -> str:
        """As frontend.BodyBuilder.member_field."""
        bt = self.ex.type_of(member.name, self.scope)
        if is_pointer(bt):
            bt = bt[1]
        return f"{self.ex.record_owner(bt)}.{member.field.name}"

    def held_assertion(self, c: c_ast.FuncCall, name: str, index: int) -> None:
        """lockdep_assert_held(&rq->lock), as the libclang frontend records it: the lock and
        its kind, from the type the argument points to."""
        node, text = self.arg_getter(c, name)(index)
        t = self.ex.type_of(node, self.scope) if node is not None else None
        kind = LOCK_TYPES.get(type_name(t[1])) if is_pointer(t) else None
        lock = self.ex.lockref(node, self.scope, text) if node is not None else None
        if kind and lock is not None:
            self.emit(Event("assert", self.ex.loc(c, name), api=name, lock=lock,
                            lock_kind=kind, context="held"))

    def lock_arg(self, a) -> LockRef | None:
        """A call argument that is a pointer to a lock: callees taking it as a parameter
        lock what the caller passed."""
        if is_lock_pointer(self.ex.type_of(a, self.scope)):
            return self.ex.lockref(a, self.scope)
        return None

    def arg_getter(self, c: c_ast.FuncCall, name: str):
        """arg(i) -> (node, text as written) for the API call `c`."""
        args = call_args(c)
        texts = self.ex.written_args(c, name)

        def arg(i):
            if i >= len(args):
                return None, ""
            text = texts[i] if i < len(texts) and len(texts) == len(args) else \
                self.ex.source(args[i])
            return args[i], text
        return arg

    def api_call(self, c: c_ast.FuncCall, name: str) -> None:
        self.api_use(name, self.ex.loc(c, name), self.arg_getter(c, name))

    # the node hooks of cfg.Graph.api_use
    def api_lock(self, node, text: str) -> LockRef | None:
        return self.ex.lockref(node, self.scope, text) if node is not None else None

    def api_function(self, node) -> str:
        return self.ex.function_ref(node, self.scope)

    def api_references(self, arg) -> None:
        for i in range(MAX_API_ARGS):
            node, text = arg(i)
            if node is None and not text:
                break
            self.ex.references_in(node, self.scope)

    def api_int(self, node) -> int | None:
        return evaluate_int(node, self.ex.types.enums)


def is_zero(node) -> bool:
    """`0` or `NULL` (which cpp has turned into ((void *)0))."""
    node = strip(node)
    return isinstance(node, c_ast.Constant) and node.value == "0"


# ---- entry point --------------------------------------------------------------------------

def extract_with_deps(path: str, args: list[str], knowledge: Knowledge,
                      paths: PathMapper) -> tuple[FileFacts, list[str]]:
    """The facts of one file and the files it included (the cache's dependencies)."""
    text = preprocess(path, args, knowledge, Path(paths.stubs))
    ast = parse_text(text, path)
    facts = Extractor(ast, path, knowledge, paths).run()
    return facts, included_files(text)
