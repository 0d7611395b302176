"""Which compiler flags a file is parsed with: a prepared kernel tree's, or the bundled stubs'.

In a kernel tree prepared with `make defconfig prepare`, lockctx parses with the tree's own
headers and the flags Kbuild would use (include dirs, forced includes, -D__KERNEL__,
KBUILD_MODNAME, and what the Makefiles add: see kbuild_walk). Outside a kernel tree, or with
--standalone, `#include <linux/...>` resolves to fake_libc_include/.
"""
from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from .kbuild_walk import KbuildWalk, Obj

STUBS = Path(__file__).resolve().parent.parent / "fake_libc_include"
TARGET = ["--target=x86_64-linux-gnu"]


class TreeError(Exception):
    """A kernel tree that cannot be used; str() is the one-line message for the user."""


@dataclass(frozen=True)
class Tree:
    root: Path
    arch: str = "x86"
    build: Path | None = None          # out-of-tree build directory (make O=DIR)

    @property
    def objtree(self) -> Path:
        return self.build or self.root

    @property
    def prepared(self) -> bool:
        return (self.objtree / "include/generated/autoconf.h").is_file()


def looks_like_kernel(d: Path) -> bool:
    return (d / "Makefile").is_file() and (d / "Kconfig").is_file() and (d / "include/linux").is_dir()


def find_tree(paths: list[Path]) -> Path | None:
    """The kernel tree containing the first PATH, found by walking up."""
    for p in paths:
        d = p.resolve()
        d = d if d.is_dir() else d.parent
        for cand in [d, *d.parents]:
            if looks_like_kernel(cand):
                return cand
    return None


def standalone_flags(path: Path) -> list[str]:
    return [*TARGET, "-nostdinc", "-isystem", str(STUBS), "-I", str(STUBS),
            "-I", str(path.parent), "-D__KERNEL__", "-std=gnu11",
            "-include", str(STUBS / "linux/kconfig.h"),
            "-Wno-unused-value", "-Wno-unused-function", "-ferror-limit=0"]


def kernel_flags(tree: Tree, path: Path, obj: Obj | None = None) -> list[str]:
    r, o = tree.root, tree.objtree
    a = f"arch/{tree.arch}"
    flags = [
        *TARGET, "-nostdinc",
        f"-I{r / a / 'include'}", f"-I{o / a / 'include/generated'}", f"-I{r / 'include'}",
        *([f"-I{o / 'include'}"] if o != r else []),
        f"-I{r / a / 'include/uapi'}", f"-I{o / a / 'include/generated/uapi'}",
        f"-I{r / 'include/uapi'}", f"-I{o / 'include/generated/uapi'}",
        "-include", str(r / "include/linux/compiler-version.h"),
        "-include", str(r / "include/linux/kconfig.h"),
        "-include", str(r / "include/linux/compiler_types.h"),
        "-D__KERNEL__", "-std=gnu11", "-fshort-wchar", "-funsigned-char", "-fno-common",
        "-fno-PIE", "-fno-strict-aliasing", "-mno-sse", "-mno-mmx", "-mno-sse2", "-mno-3dnow",
        "-mno-avx", "-m64", "-mno-red-zone", "-mcmodel=kernel", "-fms-extensions",
        "-Wno-unknown-warning-option", "-Wno-gnu-variable-sized-type-not-at-end",
        "-Wno-address-of-packed-member", "-Wno-unused-value", "-ferror-limit=0",
    ]
    walk = walk_of(tree)
    if obj is None:
        obj = walk.verdict(path)[1]
    try:
        rel = path.resolve().relative_to(r.resolve())
    except ValueError:
        rel = Path(path.name)
    if obj is not None:
        words, modname = obj.flags, obj.modname
        modfile = f"{obj.dir}/{modname}" if obj.dir != "." else modname
    else:
        # not compiled by Kbuild (a new file, or --all-files): its directory's flags
        ctx = walk.context(path)
        words, modname, modfile = (ctx.flags if ctx else []), path.stem, str(rel.with_suffix(""))
    name = re.sub(r"[^A-Za-z0-9_]", "_", modname)
    base = re.sub(r"[^A-Za-z0-9_]", "_", path.stem)
    flags += [f"-DKBUILD_MODNAME=\"{name}\"", f"-DKBUILD_BASENAME=\"{base}\"",
              f"-DKBUILD_MODFILE=\"{modfile}\"", f"-I{path.parent}"]
    flags += cflags(words, o)
    return flags


_WALKS: dict[tuple[Path, Path, str], KbuildWalk] = {}


def walk_of(tree: Tree) -> KbuildWalk:
    """The tree's evaluated Kbuild files (evaluated once per process: under a second)."""
    key = (tree.root.resolve(), tree.objtree.resolve(), tree.arch)
    walk = _WALKS.get(key)
    if walk is None:
        walk = _WALKS[key] = KbuildWalk(tree.root, tree.objtree, tree.arch)
    return walk


_WITH_VALUE = ("-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote")
_PATHS = ("-I", "-include", "-imacros", "-isystem", "-iquote")


def cflags(words, objtree: Path) -> list[str]:
    """The flags among a Makefile's compiler words that change how libclang reads the code:
    include paths (relative ones are relative to where make runs, the object tree) and macros.
    Warnings, code generation and the like are dropped."""
    try:
        words = shlex.split(" ".join(words))          # -DFOO='"bar"': the shell unquotes
    except ValueError:
        words = list(words)
    out, i = [], 0
    while i < len(words):
        w = words[i]
        if w in _WITH_VALUE and i + 1 < len(words):          # -I dir, -include file
            opt, value = w, words[i + 1]
            i += 1
        elif w[:2] in ("-I", "-D", "-U") and len(w) > 2:       # -Idir, -DFOO=1
            opt, value = w[:2], w[2:]
        else:
            opt = value = None
        i += 1
        if opt is None or "$" in value:
            continue
        if opt in _PATHS and not os.path.isabs(value):
            value = os.path.normpath(objtree / value)
        out += [opt + value] if opt in ("-I", "-D", "-U") else [opt, value]
    return out
