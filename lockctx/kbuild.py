"""Which compiler flags a file is parsed with: a prepared kernel tree's, or the bundled stubs'.

In a kernel tree prepared with `make defconfig prepare`, lockctx parses with the tree's own
headers and the flags Kbuild would use (include dirs, forced includes, -D__KERNEL__,
KBUILD_MODNAME, the directory's ccflags-y and CFLAGS_<file>.o). Outside a kernel tree, or with
--standalone, `#include <linux/...>` resolves to fake_libc_include/.
"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

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


def kernel_flags(tree: Tree, path: Path) -> list[str]:
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
    name = re.sub(r"[^A-Za-z0-9_]", "_", path.stem)
    try:
        rel = path.resolve().relative_to(r.resolve())
    except ValueError:
        rel = Path(path.name)
    flags += [f"-DKBUILD_MODNAME=\"{name}\"", f"-DKBUILD_BASENAME=\"{name}\"",
              f"-DKBUILD_MODFILE=\"{rel.with_suffix('')}\"", f"-I{path.parent}"]
    flags += makefile_flags(path, r)
    return flags


_MK_VAR = re.compile(r"^\s*(ccflags-y|subdir-ccflags-y|CFLAGS_([\w.-]+)\.o)\s*[+:]?=\s*(.*)$")


def makefile_flags(path: Path, root: Path) -> list[str]:
    """-I/-D flags Kbuild adds for this file: `subdir-ccflags-y` of every Makefile from the
    tree root down, then `ccflags-y` and `CFLAGS_<file>.o` of the nearest Makefile (the one
    that builds it: i915/display/*.c are built by i915/Makefile). `$(srctree)` and `$(src)`
    (that Makefile's directory) are expanded; anything else with a `$(...)` is skipped."""
    dirs = []
    d = path.parent
    while True:
        dirs.append(d)
        if d == root or d.parent == d or root not in d.parents:
            break
        d = d.parent
    nearest = next((x for x in dirs if (x / "Makefile").is_file() or (x / "Kbuild").is_file()),
                   None)
    out: list[str] = []
    for mkdir in reversed(dirs):
        for var, value in _makefile_vars(mkdir, root):
            if var == "subdir-ccflags-y" or (mkdir == nearest and (
                    var == "ccflags-y" or var == f"CFLAGS_{path.stem}.o")):
                out += _cflags(value)
    return out


def makefile_lines(d: Path) -> list[str]:
    """The logical lines (continuations joined) of a directory's Makefile and Kbuild."""
    lines: list[str] = []
    for name in ("Makefile", "Kbuild"):
        try:
            text = (d / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        lines.extend(text.replace("\\\n", " ").splitlines())
    return lines


def _makefile_vars(d: Path, root: Path) -> list[tuple[str, str]]:
    out = []
    for line in makefile_lines(d):
        m = _MK_VAR.match(line)
        if m:
            value = m.group(3).replace("$(srctree)", str(root)).replace("$(src)", str(d))
            out.append((m.group(1), value))
    return out


def _cflags(value: str) -> list[str]:
    try:
        words = shlex.split(value, comments=True)
    except ValueError:
        return []
    out, i = [], 0
    while i < len(words):
        w = words[i]
        if "$" in w:
            pass
        elif w in ("-I", "-D", "-include") and i + 1 < len(words) and "$" not in words[i + 1]:
            out += [w, words[i + 1]]
            i += 1
        elif w.startswith(("-I", "-D", "-U")):
            out.append(w)
        i += 1
    return out
