"""Which compiler flags a file is parsed with: a prepared kernel tree's, or the bundled stubs'.

In a kernel tree prepared with `make defconfig prepare`, lockctx parses with the tree's own
headers and the flags Kbuild would use (include dirs, forced includes, -D__KERNEL__,
KBUILD_MODNAME, and what the Makefiles add: see kbuild_walk). Outside a kernel tree, or with
--standalone, `#include <linux/...>` resolves to fake_libc_include/.
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import shlex
import tempfile
from dataclasses import astuple, dataclass
from pathlib import Path

from . import __version__
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
    if config_set(walk, "CONFIG_FUNCTION_TRACER") and config_set(walk, "CONFIG_HAVE_FENTRY"):
        # the top Makefile adds -DCC_USING_FENTRY (and -mfentry) when the compiler takes
        # -mfentry, a probe lockctx does not run (every compiler that builds x86-64 does);
        # without it asm/ftrace.h stops: "Compiler does not support fentry?" (allmodconfig)
        flags.append("-DCC_USING_FENTRY")
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


def config_set(walk: KbuildWalk, option: str) -> bool:
    return walk.start.get(option, ("",))[0] == "y"


_WALKS: dict[tuple[Path, Path, str], KbuildWalk] = {}


def walk_of(tree: Tree) -> KbuildWalk:
    """The tree's evaluated Kbuild files (evaluated once per process: under a second)."""
    key = (tree.root.resolve(), tree.objtree.resolve(), tree.arch)
    walk = _WALKS.get(key)
    if walk is None:
        walk = _WALKS[key] = KbuildWalk(tree.root, tree.objtree, tree.arch)
    return walk


class Plans:
    """What Kbuild does with each file — (verdict, object, flags) — kept across runs.

    Evaluating every Makefile of a tree takes seconds, more than a warm run's whole budget.
    The walk records each file it read and each directory it looked into; while none of them
    has changed (same mtime and size, same absence) the verdicts it gave still hold, so they
    are kept in the cache directory as JSON and the walk runs only for a file not seen before.
    """

    FORMAT = 1

    def __init__(self, tree: Tree, cache_dir: Path | None):
        self.tree = tree
        self.path = None if cache_dir is None else cache_dir / "kbuild" / f"{_plans_key(tree)}.json"
        self.files: dict[str, list] = {}
        self.stamps: dict[str, list | None] = {}
        self.changed = False
        self._load()

    def get(self, path: Path) -> tuple[str, Obj | None, list[str]]:
        key = str(path)
        entry = self.files.get(key)
        if entry is None:
            verdict, obj = walk_of(self.tree).verdict(path)
            entry = [verdict, None if obj is None else list(astuple(obj)),
                     kernel_flags(self.tree, path, obj)]
            self.files[key] = entry
            self.changed = True
        verdict, obj, flags = entry
        return verdict, None if obj is None else _obj(obj), list(flags)

    def save(self) -> None:
        """Write the verdicts with the stamps of what the walk has read by now."""
        if self.path is None or not self.changed:
            return
        walk = walk_of(self.tree)
        stamps = {p: _stamp(p) for p in sorted(walk.seen)}
        body = json.dumps({"format": self.FORMAT, "stamps": stamps, "files": self.files},
                          sort_keys=True)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(body)
            os.replace(tmp, self.path)
        except OSError:
            pass                      # an unwritable cache costs the next run the walk, no more

    def _load(self) -> None:
        if self.path is None:
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") != self.FORMAT:
                return
            stamps, files = data["stamps"], data["files"]
            if not isinstance(stamps, dict) or not isinstance(files, dict):
                return
        except (OSError, ValueError, KeyError, AttributeError):
            return                    # absent, truncated or foreign: walk again
        if all(_stamp(p) == s for p, s in stamps.items()):
            self.files, self.stamps = files, stamps


def _stamp(what: str):
    """What the walk saw of a path: a file's mtime and size, whether a path exists, or the
    names a pattern matched. (Not directories' mtimes: building writes objects beside the
    Makefiles.)"""
    kind, _, path = what.partition(":") if what[:5] in ("exist", "glob:") else ("", "", what)
    if kind == "exists":
        return os.path.exists(path)
    if kind == "glob":
        return hashlib.sha1("\0".join(sorted(glob.glob(path))).encode()).hexdigest()
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size]


def _obj(fields: list) -> Obj:
    d, flags, modname, kernel, missing = fields
    return Obj(d, tuple(flags), modname, kernel, tuple(missing))


def _plans_key(tree: Tree) -> str:
    h = hashlib.sha256()
    for part in (__version__, str(tree.root.resolve()), str(tree.objtree.resolve()), tree.arch):
        h.update(part.encode() + b"\0")
    here = Path(__file__).parent
    for name in ("kbuild.py", "kbuild_walk.py", "make.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()[:32]


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
