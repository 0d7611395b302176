"""The few libclang entry points the Python bindings do not wrap, bound with ctypes.

clang.cindex's SourceLocation gives the *expansion* location of a cursor: for anything produced
by a macro that is the macro name's position. The frontend also needs the *file* location, which
for a macro argument is where the argument is written, and operator kinds and constant values,
which the bindings only expose in newer releases.
"""
from __future__ import annotations

import ctypes

import clang.cindex as ci

_lib = None
_names: dict[int, str] = {}   # CXFile pointer -> name (valid while its TU lives)

# CXBinaryOperatorKind / CXUnaryOperatorKind (clang-c/Index.h, LLVM 17+)
BINOP_SUB = 7
BINOP_LT = 11
BINOP_AND = 17                    # bitwise &
BINOP_OR = 19                     # bitwise |
BINOP_GE = 14
BINOP_EQ = 15
BINOP_NE = 16
BINOP_LAND = 20
BINOP_LOR = 21
BINOP_ASSIGN = 22
UNOP_INCDEC = (1, 2, 3, 4)   # x++ x-- ++x --x
UNOP_ADDROF = 5
UNOP_DEREF = 6
UNOP_MINUS = 8
UNOP_LNOT = 10
CXEVAL_INT = 1


_inst = None     # clang_getInstantiationLocation with a plain void* for the file
_getref = None   # clang_getCursorReferenced without the bindings' result check
_getloc = None   # clang_getCursorLocation
_spell = _cstring = _dispose = None   # clang_getCursorSpelling, getCString, disposeString


class _String(ctypes.Structure):
    """CXString, disposed of by hand (the bindings' _CXString does it in __del__)."""
    _fields_ = [("data", ctypes.c_void_p), ("flags", ctypes.c_uint)]


def lib():
    global _lib, _inst, _getref, _spell, _cstring, _dispose, _getloc
    if _lib is None:
        _lib = ci.conf.lib
        _lib.clang_getFileLocation.argtypes = [
            ci.SourceLocation, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_uint),
            ctypes.POINTER(ctypes.c_uint), ctypes.POINTER(ctypes.c_uint)]
        _lib.clang_getFileLocation.restype = None
        _lib.clang_getCursorBinaryOperatorKind.argtypes = [ci.Cursor]
        _lib.clang_getCursorBinaryOperatorKind.restype = ctypes.c_int
        _lib.clang_getCursorUnaryOperatorKind.argtypes = [ci.Cursor]
        _lib.clang_getCursorUnaryOperatorKind.restype = ctypes.c_int
        _lib.clang_Cursor_Evaluate.argtypes = [ci.Cursor]
        _lib.clang_Cursor_Evaluate.restype = ctypes.c_void_p
        _lib.clang_EvalResult_getKind.argtypes = [ctypes.c_void_p]
        _lib.clang_EvalResult_getKind.restype = ctypes.c_int
        _lib.clang_EvalResult_getAsLongLong.argtypes = [ctypes.c_void_p]
        _lib.clang_EvalResult_getAsLongLong.restype = ctypes.c_longlong
        _lib.clang_EvalResult_dispose.argtypes = [ctypes.c_void_p]
        _lib.clang_EvalResult_dispose.restype = None
        # a function object of our own: the bindings' one (shared, typed for File objects)
        # is left alone
        _inst = ctypes.CFUNCTYPE(
            None, ci.SourceLocation, ctypes.POINTER(ctypes.c_void_p),
            ctypes.POINTER(ctypes.c_uint), ctypes.POINTER(ctypes.c_uint),
            ctypes.POINTER(ctypes.c_uint))(("clang_getInstantiationLocation", _lib))
        _getref = ctypes.CFUNCTYPE(ci.Cursor, ci.Cursor)(("clang_getCursorReferenced", _lib))
        _getloc = _lib.clang_getCursorLocation
        _spell = ctypes.CFUNCTYPE(_String, ci.Cursor)(("clang_getCursorSpelling", _lib))
        _cstring = ctypes.CFUNCTYPE(ctypes.c_char_p, _String)(("clang_getCString", _lib))
        _dispose = ctypes.CFUNCTYPE(None, _String)(("clang_disposeString", _lib))
    return _lib


# out-parameters of the location calls, made once (one thread walks): a ctypes object and
# its pointer for each, where new ones per call cost more than the call
_F, _LINE, _COL, _OFF = ctypes.c_void_p(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
_EF, _ELINE, _ECOL = ctypes.c_void_p(), ctypes.c_uint(), ctypes.c_uint()
_pF, _pLINE, _pCOL, _pOFF = (ctypes.pointer(x) for x in (_F, _LINE, _COL, _OFF))
_pEF, _pELINE, _pECOL = (ctypes.pointer(x) for x in (_EF, _ELINE, _ECOL))


def file_location(loc: ci.SourceLocation) -> tuple[str | None, int, int, int]:
    """(file name, line, column, offset) where the text at `loc` is written."""
    lib().clang_getFileLocation(loc, _pF, _pLINE, _pCOL, _pOFF)
    return _name_of(_F.value), _LINE.value, _COL.value, _OFF.value


def _name_of(key: int | None) -> str | None:
    """The name of a CXFile pointer (its address), cached by pointer value (a TU's files
    live as long as it does, hence forget_files())."""
    if not key:
        return None
    name = _names.get(key)
    if name is None:
        name = _names[key] = ci.File(ctypes.cast(key, ci.c_object_p)).name
    return name


def expansion_file_key(c: ci.Cursor) -> int | None:
    """The CXFile pointer (an int, None for no file) of a cursor's expansion location, for
    callers that keep their own answer per file."""
    if _getloc is None:
        lib()
    _inst(_getloc(c), _pF, None, None, None)
    return _F.value


def expansion_file(c: ci.Cursor) -> str | None:
    """The file name of a cursor's expansion location, cached by file pointer."""
    return _name_of(expansion_file_key(c))


def file_name(key: int | None) -> str | None:
    """The name of a file from expansion_file_key()."""
    return _name_of(key)


def expansion(c: ci.Cursor) -> tuple[str | None, int]:
    """(file name, offset) of a cursor's expansion location: c.location.file.name and
    c.location.offset without the SourceLocation and File objects."""
    _inst(lib().clang_getCursorLocation(c), _pF, None, None, _pOFF)
    return _name_of(_F.value), _OFF.value


def binary_operator(c: ci.Cursor) -> int:
    return lib().clang_getCursorBinaryOperatorKind(c)


def unary_operator(c: ci.Cursor) -> int:
    return lib().clang_getCursorUnaryOperatorKind(c)


def evaluate_int(c: ci.Cursor) -> int | None:
    """The integer constant value of an expression, or None when it is not a constant."""
    L = lib()
    res = L.clang_Cursor_Evaluate(c)
    if not res:
        return None
    try:
        if L.clang_EvalResult_getKind(res) != CXEVAL_INT:
            return None
        return L.clang_EvalResult_getAsLongLong(res)
    finally:
        L.clang_EvalResult_dispose(res)


def extent(c: ci.Cursor) -> tuple[str | None, int, int, int, int]:
    """(file, line, column, end line, end column) of a cursor's expansion extent, the end
    being the start when the extent ends in another file; what the bindings give through
    SourceRange, SourceLocation and File objects, at a fraction of the calls."""
    L = lib()
    rng = L.clang_getCursorExtent(c)
    _inst(L.clang_getRangeStart(rng), _pF, _pLINE, _pCOL, None)
    _inst(L.clang_getRangeEnd(rng), _pEF, _pELINE, _pECOL, None)
    f, line, col = _F.value, _LINE.value, _COL.value
    name = _name_of(f)
    if name is None or (_EF.value != f and _name_of(_EF.value) != name):
        return name, line, col, line, col
    return name, line, col, _ELINE.value, _ECOL.value


def expansion_extent(c: ci.Cursor) -> tuple[str | None, int, int]:
    """(file, start offset, end offset) of a cursor's extent where it is expanded: for code
    a macro wrote, the macro invocation's text (`in_hardirq()`); (None, -1, -1) when the
    two ends are in different files."""
    L = lib()
    rng = L.clang_getCursorExtent(c)
    _inst(L.clang_getRangeStart(rng), _pF, None, None, _pOFF)
    f, start = _F.value, _OFF.value
    _inst(L.clang_getRangeEnd(rng), _pEF, None, None, _pOFF)
    if not f or _EF.value != f:
        return None, -1, -1
    return _name_of(f), start, _OFF.value


def forget_files() -> None:
    """File pointers die with their translation unit: call before walking a new one."""
    _names.clear()
    _memo.clear()


def _visit(child, parent, out):
    child._tu = out[0]            # keep the TU alive as long as the cursor
    out.append(child)
    return 1                      # CXChildVisit_Continue


_VISIT = None
# children() of the cursors asked for since forget_children(), by the cursor's bytes (its
# kind, xdata and data pointers: equal bytes are the same cursor). The frontend asks again
# and again for the same cursor's children (strip() under every implicit cast, then the
# walk, path_key, cond_shape, ...): half of its clang_visitChildren calls on kernel files.
# The cursors handed out are shared too, so the bindings' own per-object memos (referenced,
# spelling, type, extent) are filled once. Keys are pointers into one TU: forget_children()
# before walking another, and after each function, to keep only one function's cursors.
_memo: dict[bytes, list[ci.Cursor]] = {}


def children(c: ci.Cursor) -> list[ci.Cursor]:
    """c.get_children() as a list, without the bindings' per-child null-cursor comparison
    (a quarter of the frontend's walking time on kernel files). The list is shared between
    callers (see _memo): never modify it."""
    key = bytes(c)
    out = _memo.get(key)
    if out is not None:
        return out
    global _VISIT
    if _VISIT is None:
        _VISIT = ci.callbacks["cursor_visit"](_visit)
    out = [c._tu]
    lib().clang_visitChildren(c, _VISIT, out)
    del out[0]
    _memo[key] = out
    return out


def _visit_kinds(child, parent, out):
    if child._kind_id in out[1]:
        child._tu = out[0]
        out.append(child)
    return 1


_VISIT_KINDS = None


def children_of_kinds(c: ci.Cursor, kinds: frozenset[int]) -> list[ci.Cursor]:
    """The children of `c` whose kind id is in `kinds` (not memoised): a TU's top-level
    declarations without a Python object kept for each of the tens of thousands of
    others."""
    global _VISIT_KINDS
    if _VISIT_KINDS is None:
        _VISIT_KINDS = ci.callbacks["cursor_visit"](_visit_kinds)
    out = [c._tu, kinds]
    lib().clang_visitChildren(c, _VISIT_KINDS, out)
    del out[:2]
    return out


def _visit_below(child, parent, out):
    kind = child._kind_id
    if kind in out[1]:
        child._tu = out[0]
        out.append(child)
    return 1 if kind in out[2] else 2       # CXChildVisit_Continue: not below it; _Recurse


_VISIT_BELOW = None


def descendants(c: ci.Cursor, kinds: frozenset[int], pruned: frozenset[int]) -> list[ci.Cursor]:
    """The cursors below `c` whose kind id is in `kinds`, in one recursive
    clang_visitChildren, not looking below a cursor whose kind is in `pruned` (not
    memoised). A file-scope table's initializer can be millions of cursors
    (net/mac80211/airtime.c's rate tables, one macro expansion per entry): walked with
    children() they took 18 s and 1.9 GiB."""
    global _VISIT_BELOW
    if _VISIT_BELOW is None:
        _VISIT_BELOW = ci.callbacks["cursor_visit"](_visit_below)
    out = [c._tu, kinds, pruned]
    lib().clang_visitChildren(c, _VISIT_BELOW, out)
    del out[:3]
    return out


def forget_children() -> None:
    """Drop children()'s memo (and the cursors it keeps alive)."""
    _memo.clear()


# Cursor.kind maps the kind id through CursorKind.from_id (a bounds check, then the table) on
# every access, and the frontend asks several times per cursor: the same table, indexed once.
_KINDS = ci.CursorKind._kinds


def _cursor_kind(c: ci.Cursor) -> ci.CursorKind:
    kid = c._kind_id
    k = _KINDS[kid] if 0 <= kid < len(_KINDS) else None
    return k if k is not None else ci.CursorKind.from_id(kid)


ci.Cursor.kind = property(_cursor_kind)


# Cursor.referenced goes through Cursor.from_result, which compares the result with
# clang_getNullCursor() by two more library calls and looks for the TU among the arguments:
# the same, memoised on the cursor as the bindings do, with the null test made in Python
# (clang_equalCursors with the null cursor {CXCursor_InvalidFile, 0, {0, 0, 0}}).
_MISSING = object()
_NULL_KIND = 70                  # CXCursor_InvalidFile


def _memoised(name: str, compute):
    """A Cursor property computed once per cursor and kept in its __dict__ under `name`, as
    the bindings keep theirs."""
    def get(c: ci.Cursor):
        d = c.__dict__
        r = d.get(name, _MISSING)
        if r is _MISSING:
            r = d[name] = compute(c)
        return r
    return property(get)


def _cursor_referenced(c: ci.Cursor) -> ci.Cursor | None:
    if _getref is None:
        lib()
    r = _getref(c)
    data = r.data
    if r._kind_id == _NULL_KIND and not data[0] and not data[1] and not data[2]:
        return None
    r._tu = c._tu
    return r


ci.Cursor.referenced = _memoised("_referenced", _cursor_referenced)


# Cursor.spelling converts the CXString through c_interop_string and two more Python
# frames: the same value (None for a null string, else its UTF-8 text).
def _cursor_spelling(c: ci.Cursor) -> str | None:
    if _spell is None:
        lib()
    s = _spell(c)
    r = _cstring(s)           # a copy (bytes), or None
    _dispose(s)
    return None if r is None else r.decode("utf8")


ci.Cursor.spelling = _memoised("_spelling", _cursor_spelling)
