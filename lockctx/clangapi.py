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
BINOP_LT = 11
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


def lib():
    global _lib
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
    return _lib


def file_location(loc: ci.SourceLocation) -> tuple[str | None, int, int, int]:
    """(file name, line, column, offset) where the text at `loc` is written."""
    f = ctypes.c_void_p()
    line, col, off = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    lib().clang_getFileLocation(loc, ctypes.byref(f), ctypes.byref(line), ctypes.byref(col),
                                ctypes.byref(off))
    return _file_name(f), line.value, col.value, off.value


def _file_name(f) -> str | None:
    """The name of a CXFile pointer, cached by pointer value (a TU's files live as long as
    it does, hence forget_files())."""
    key = ctypes.cast(f, ctypes.c_void_p).value
    if not key:
        return None
    name = _names.get(key)
    if name is None:
        name = _names[key] = ci.File(ctypes.cast(f, ci.c_object_p)).name
    return name


def expansion_file(c: ci.Cursor) -> str | None:
    """The file name of a cursor's expansion location, cached by file pointer."""
    loc = lib().clang_getCursorLocation(c)
    f = ci.c_object_p()
    lib().clang_getInstantiationLocation(loc, ctypes.byref(f), None, None, None)
    return _file_name(f)


def binary_operator(c: ci.Cursor) -> int:
    return lib().clang_getCursorBinaryOperatorKind(c)


def unary_operator(c: ci.Cursor) -> int:
    return lib().clang_getCursorUnaryOperatorKind(c)


def evaluate_int(c: ci.Cursor) -> int | None:
    """The integer constant value of an expression, or None when it is not a constant."""
    res = lib().clang_Cursor_Evaluate(c)
    if not res:
        return None
    try:
        if lib().clang_EvalResult_getKind(res) != CXEVAL_INT:
            return None
        return lib().clang_EvalResult_getAsLongLong(res)
    finally:
        lib().clang_EvalResult_dispose(res)


def extent(c: ci.Cursor) -> tuple[str | None, int, int, int, int]:
    """(file, line, column, end line, end column) of a cursor's expansion extent, the end
    being the start when the extent ends in another file; what the bindings give through
    SourceRange, SourceLocation and File objects, at a fraction of the calls."""
    rng = lib().clang_getCursorExtent(c)
    f, line, col = ci.c_object_p(), ctypes.c_uint(), ctypes.c_uint()
    lib().clang_getInstantiationLocation(lib().clang_getRangeStart(rng), ctypes.byref(f),
                                         ctypes.byref(line), ctypes.byref(col), None)
    name = _file_name(f)
    ef, eline, ecol = ci.c_object_p(), ctypes.c_uint(), ctypes.c_uint()
    lib().clang_getInstantiationLocation(lib().clang_getRangeEnd(rng), ctypes.byref(ef),
                                         ctypes.byref(eline), ctypes.byref(ecol), None)
    if name is None or _file_name(ef) != name:
        return name, line.value, col.value, line.value, col.value
    return name, line.value, col.value, eline.value, ecol.value


def forget_files() -> None:
    """File pointers die with their translation unit: call before walking a new one."""
    _names.clear()


def _visit(child, parent, out):
    child._tu = out[0]            # keep the TU alive as long as the cursor
    out.append(child)
    return 1                      # CXChildVisit_Continue


_VISIT = None


def children(c: ci.Cursor) -> list[ci.Cursor]:
    """c.get_children() as a list, without the bindings' per-child null-cursor comparison
    (a quarter of the frontend's walking time on kernel files)."""
    global _VISIT
    if _VISIT is None:
        _VISIT = ci.callbacks["cursor_visit"](_visit)
    out = [c._tu]
    lib().clang_visitChildren(c, _VISIT, out)
    del out[0]
    return out


# Cursor.kind maps the kind id through CursorKind.from_id (a bounds check, then the table) on
# every access, and the frontend asks several times per cursor: the same table, indexed once.
_KINDS = ci.CursorKind._kinds


def _cursor_kind(c: ci.Cursor) -> ci.CursorKind:
    kid = c._kind_id
    k = _KINDS[kid] if 0 <= kid < len(_KINDS) else None
    return k if k is not None else ci.CursorKind.from_id(kid)


ci.Cursor.kind = property(_cursor_kind)
