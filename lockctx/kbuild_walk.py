"""What a prepared kernel tree's configuration builds, and with which Makefile flags.

Kbuild descends from the root Kbuild file through every `obj-y`/`obj-m` directory, evaluating
each directory's Kbuild (or Makefile) with make; scripts/Makefile.lib then turns `obj-y`,
`lib-y` and composite objects (`foo-y += a.o b.o`) into the files it compiles. This module does
the same walk with lockctx.make, once per tree, and records for every compiled object the
directory that names it, its flags (KBUILD_CFLAGS as changed on the way down, `ccflags-y`,
`CFLAGS_<stem>.o`) and whether it is kernel code at all: host and user programs (`hostprogs`,
`userprogs`) and directories that replace KBUILD_CFLAGS (the EFI stub; arch/x86/boot and
realmode/rm if they were reached) are compiled for another world than the kernel's.

A directory the walk does not reach is not built when a kbuild file names it (under a
disabled option: `obj-$(CONFIG_OFF) += foo/`, or in another architecture's Makefile), when it
is a top-level directory (tools/, scripts/), or when its Makefile has no object rules (a
fragment another Makefile includes). Any other deeper one (a new driver not wired in yet) is
evaluated as if its parent named it. A directory without a kbuild file is never descended
into: its files are compiled when some Makefile names them by path (arch/x86/kvm/Makefile
names virt/kvm/'s), and a file there nobody names is new code, as in its parent.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .make import Make, logical_lines

# stands for the kernel's own KBUILD_CFLAGS (kbuild.kernel_flags): a directory whose Makefile
# assigns KBUILD_CFLAGS without it compiles with flags of its own, not the kernel's
KERNEL_CFLAGS = "@lockctx-kernel-cflags@"
BUILT, NOT_BUILT, UNNAMED, NOT_KERNEL = "built", "not built", "unnamed", "not kernel code"


@dataclass(frozen=True)
class Obj:
    """One object a directory's kbuild file compiles."""
    dir: str                       # the directory whose kbuild file names it (root-relative)
    flags: tuple[str, ...]         # the Makefiles' flag words for it, not yet split by a shell
    modname: str                   # KBUILD_MODNAME: the composite object it is linked into
    kernel: bool = True            # compiled with the kernel's KBUILD_CFLAGS
    missing: tuple[str, ...] = ()  # generated files it needs that the tree has not made yet


@dataclass
class Dir:
    """A directory's kbuild file, evaluated."""
    rel: str
    exports: dict                  # exported variables after evaluation: what subdirectories see
    flags: list[str]               # KBUILD_CPPFLAGS KBUILD_CFLAGS ccflags-y, filtered
    kernel: bool                   # KBUILD_CFLAGS still the kernel's


class KbuildWalk:
    def __init__(self, root: Path, objtree: Path | None = None, arch: str = "x86"):
        self.root = root.resolve()
        self.objtree = (objtree or root).resolve()
        self.arch = arch
        self.objects: dict[str, Obj] = {}          # root-relative foo/bar.o
        self.host: set[str] = set()               # host and user program objects
        self.mentioned: set[str] = set()          # objects named by path in another directory
        self.by_path: set[str] = set()            # directories whose objects are named so
        self.dirs: dict[str, Dir] = {}             # reached (or evaluated as if reached)
        self._states: dict[str, str] = {}
        self._words: dict[str, tuple[frozenset, tuple]] = {}
        self._fragments: dict[str, frozenset] = {}
        self._foreign: frozenset | None = None
        self._exported: set[str] = set()           # what make passes down to sub-makes
        # what the verdicts depend on: files read, "exists:PATH" for files looked for and
        # "glob:PATTERN" for directories listed (kbuild.Plans keeps verdicts across runs
        # while none of these has changed)
        self.seen: set[str] = set()
        self.start = self._start_env()
        self._walk()

    # ---- the environment every directory starts from ------------------------------------

    def _config(self) -> dict[str, tuple[str, bool]]:
        out = {}
        self.seen.add(str(self.objtree / "include/config/auto.conf"))
        try:
            text = (self.objtree / "include/config/auto.conf").read_text(
                encoding="utf-8", errors="replace")
        except OSError:
            return out
        for line in text.splitlines():
            name, eq, value = line.partition("=")
            if eq and name.startswith("CONFIG_"):
                out[name] = (value, False)
        return out

    def _make(self, variables: dict, exported=()) -> Make:
        return Make(self.objtree, self.root, variables, set(exported), self.seen)

    def _start_env(self) -> dict:
        base = self._config()
        out_of_tree = self.objtree != self.root
        base.update({k: (v, False) for k, v in {
            "srctree": str(self.root), "objtree": str(self.objtree), "ARCH": self.arch,
            "SRCARCH": self.arch, "SUBARCH": self.arch, "HEADER_ARCH": self.arch,
            "VPATH": str(self.root) if out_of_tree else "",
            "building_out_of_srctree": "1" if out_of_tree else "",
        }.items()})
        mk = self._make(base)
        # the helpers every sub-make reads (comma, space, cc-option: empty, never executed)
        mk.read(self.root / "scripts/Kbuild.include")
        mk.read(self.root / "scripts/Makefile.compiler")
        helpers = dict(mk.vars)
        # the arch Makefile: BITS and the directories it adds (top Makefile's ARCH_CORE & co.)
        for name, value in (("core-y", ""), ("drivers-y", ""), ("libs-y", "lib/")):
            mk.set(name, value)
        mk.read(self.root / f"arch/{self.arch}/Makefile")
        env = dict(helpers)
        env.update({n: mk.vars[n] for n in mk.exported if n in mk.vars})
        env.update({
            "ARCH_CORE": (mk.get("core-y"), False),
            "ARCH_LIB": (" ".join(w for w in mk.words("libs-y") if w.endswith("/")), False),
            "ARCH_DRIVERS": (mk.get("drivers-y") + " " + mk.get("drivers-m"), False),
            "KBUILD_CFLAGS": (KERNEL_CFLAGS, False),
            "KBUILD_CPPFLAGS": ("", False),
        })
        self._exported = set(mk.exported) | {"KBUILD_CFLAGS", "KBUILD_CPPFLAGS", "ARCH_CORE",
                                             "ARCH_LIB", "ARCH_DRIVERS"}
        return env

    # ---- the walk -----------------------------------------------------------------------

    def _walk(self, rel: str = ".", inherited: dict | None = None) -> None:
        """Evaluate rel and every directory it descends into, depth first."""
        todo = [(rel, inherited or {})]
        while todo:
            rel, inherited = todo.pop()
            if rel in self.dirs or not self.has_kbuild(rel):
                continue
            d, subdirs = self.evaluate(rel, inherited)
            todo.extend((s, d.exports) for s in reversed(subdirs))

    def has_kbuild(self, rel: str) -> bool:
        d = self.root / rel
        self.seen.update((f"exists:{d}/Kbuild", f"exists:{d}/Makefile"))
        return (d / "Kbuild").is_file() or (d / "Makefile").is_file()

    def evaluate(self, rel: str, inherited: dict) -> tuple[Dir, list[str]]:
        """Evaluate one directory's kbuild file as Makefile.build does; record its objects."""
        env = dict(self.start)
        env.update(inherited)
        src = rel if self.objtree == self.root else f"{self.root}/{rel}"
        env.update({"obj": (rel, False), "src": (src, False)})
        for name in ("obj-y", "obj-m", "lib-y", "lib-m", "always-y", "always-m", "targets",
                     "subdir-y", "subdir-m", "ccflags-y", "subdir-ccflags-y", "EXTRA_CFLAGS",
                     "asflags-y", "hostprogs", "userprogs"):
            env[name] = ("", False)
        mk = self._make(env, self._exported)
        d = self.root / rel
        mk.read(d / "Kbuild" if (d / "Kbuild").is_file() else d / "Makefile")
        # scripts/Makefile.lib
        mk.assign("ccflags-y", "+=", mk.get("EXTRA_CFLAGS"))
        mk.assign("KBUILD_CFLAGS", "+=", mk.get("subdir-ccflags-y"))
        obj_y = mk.words("obj-y")
        obj_m = [w for w in mk.words("obj-m") if w not in obj_y]
        lib_y = sorted(set(mk.words("lib-y") + mk.words("lib-m")) - set(obj_y))
        subdirs = sorted(set(mk.words("subdir-y") + mk.words("subdir-m") +
                             [w.rstrip("/") for w in obj_y + obj_m if w.endswith("/")]))
        kernel = KERNEL_CFLAGS in mk.words("KBUILD_CFLAGS")
        remove = set(mk.words("ccflags-remove-y"))
        flags = [w for w in mk.words("KBUILD_CPPFLAGS") + mk.words("KBUILD_CFLAGS") +
                 mk.words("ccflags-y") if w not in remove and w != KERNEL_CFLAGS]
        exports = dict(inherited)
        exports.update({n: (mk.get(n), False) for n in mk.exported if n in mk.vars and
                        self.start.get(n) != mk.vars[n]})
        info = Dir(rel, exports, flags, kernel)
        self.dirs[rel] = info
        for o, stem, modname in self._objects(mk, obj_y, obj_m, lib_y):
            path = _norm(rel, o)
            if path is None or path in self.objects:
                continue
            extra = tuple(w for w in mk.words(f"CFLAGS_{stem}.o")
                          if w not in mk.words(f"CFLAGS_REMOVE_{stem}.o"))
            self.objects[path] = Obj(rel, tuple(flags) + extra, modname, kernel,
                                     self._missing(mk.prerequisites.get(_join(rel, o), ())))
        for o in self._programs(mk):
            path = _norm(rel, o)
            if path is not None:
                self.host.add(path)
        # usb/core's `usbcore-y += ../misc/onboard_usb_dev_pdevs.o`, in an ifdef not taken
        for tok in self._tokens(rel)[0]:
            if tok.endswith(".o") and "/" in tok:
                path = _norm(rel, tok)
                if path is not None:
                    self.mentioned.add(path)
                    self.by_path.add(os.path.dirname(path))
        return info, [s for s in (_norm_dir(rel, s) for s in subdirs) if s is not None]

    @staticmethod
    def _objects(mk: Make, obj_y, obj_m, lib_y):
        """(object, stem relative to the directory, module name) of every compiled object:
        Makefile.lib's real-search, which replaces composite foo.o by $(foo-objs) $(foo-y)."""
        for objs, suffixes in ((obj_y, ("-objs", "-y")), (obj_m, ("-objs", "-y", "-m")),
                               (lib_y, ())):
            for m in objs:
                if not m.endswith(".o"):
                    continue
                base = m[:-2]
                parts = [w for s in suffixes for w in mk.words(base + s)]
                composite = parts or (suffixes and mk.vars.get(base + "-", ("", False))[0])
                name = base.rpartition("/")[2]
                if not composite:
                    yield m, base, name
                for p in parts:
                    if p.endswith(".o"):
                        yield p, p[:-2], name

    def _missing(self, prereqs) -> tuple[str, ...]:
        """`$(obj)/crc32.o: $(obj)/crc32table.h`: the prerequisites a build makes (in the
        object tree) that do not exist yet, as in a tree only prepared, not built."""
        out = []
        for p in prereqs:
            if p == "FORCE" or (os.path.isabs(p) and not p.startswith(str(self.objtree))):
                continue
            self.seen.update((f"exists:{self.objtree / p}", f"exists:{self.root / p}"))
            if not (self.objtree / p).exists() and not (self.root / p).exists():
                out.append(os.path.relpath(self.objtree / p, self.objtree))
        return tuple(out)

    @staticmethod
    def _programs(mk: Make):
        """The objects of host and user programs: built, but never kernel code."""
        progs = (mk.words("hostprogs") + mk.words("hostprogs-always-y") +
                 mk.words("hostprogs-always-m") + mk.words("userprogs") +
                 mk.words("userprogs-always-y") + mk.words("userprogs-always-m"))
        for p in progs:
            parts = mk.words(f"{p}-objs") + mk.words(f"{p}-cxxobjs")
            yield from (parts or [p + ".o"])

    # ---- verdicts -----------------------------------------------------------------------

    def verdict(self, path: Path) -> tuple[str, Obj | None]:
        """(BUILT | NOT_BUILT | UNNAMED | NOT_KERNEL, the object when Kbuild compiles it)."""
        rel = self.rel(path)
        if rel is None:
            return UNNAMED, None
        o = rel.with_suffix(".o").as_posix()
        known = o in self.objects or o in self.host
        state = BUILT if known else self.dir_state(rel.parent.as_posix() or ".")  # may evaluate
        obj = self.objects.get(o)
        if obj is not None:
            return (BUILT if obj.kernel else NOT_KERNEL), obj
        if o in self.host:
            return NOT_KERNEL, None
        if state != BUILT or self.mentions_file(rel):
            return (state if state != BUILT else NOT_BUILT), None
        d = rel.parent.as_posix() or "."
        if not self.has_kbuild(d) and d in self.by_path:
            # Makefiles name this directory's objects one by one (i915's selftests/): what
            # they do not name is not compiled (it may be #included by another source)
            return NOT_BUILT, None
        return UNNAMED, None

    def rel(self, path: Path) -> Path | None:
        try:
            return path.resolve().relative_to(self.root)
        except ValueError:
            return None

    def dir_state(self, rel: str) -> str:
        """BUILT (reached, or new and following a built parent), NOT_BUILT or NOT_KERNEL."""
        if rel not in self._states:
            self._states[rel] = self._dir_state(rel)
        return self._states[rel]

    def _dir_state(self, rel: str) -> str:
        if rel in self.dirs:
            return BUILT if self.dirs[rel].kernel else NOT_KERNEL
        parent = os.path.dirname(rel) or "."
        if rel == "." or parent == ".":
            return NOT_BUILT
        if not self.has_kbuild(rel):
            # nothing descends into it: its files are compiled when a Makefile names them by
            # path (the walk recorded those); an unnamed one is new code, as its parent's
            return self.dir_state(parent)
        pstate = self.dir_state(parent)          # a new parent is evaluated with its subtree
        if rel in self.dirs:
            return BUILT if self.dirs[rel].kernel else NOT_KERNEL
        if pstate != BUILT or self.named(rel) or self.fragment(rel):
            return NOT_BUILT if pstate == BUILT else pstate
        self._walk(rel, self.dirs[parent].exports)
        return BUILT if self.dirs[rel].kernel else NOT_KERNEL

    def context(self, path: Path) -> Dir | None:
        """The evaluated kbuild directory whose flags a file not compiled by Kbuild gets: its
        own directory's, else the nearest evaluated ancestor's."""
        rel = self.rel(path)
        if rel is None:
            return None
        for anc in [rel.parent, *rel.parent.parents]:
            d = self.dirs.get(anc.as_posix() or ".")
            if d is not None:
                return d
        return None

    # ---- names in kbuild files that were not taken ---------------------------------------

    def named(self, rel: str) -> bool:
        """Does some kbuild file name directory rel (`obj-$(CONFIG_OFF) += foo/`), or another
        architecture's Makefile add it (arch/x86/um/ is arch/um's)?"""
        p = Path(rel)
        for anc in p.parents:
            a = anc.as_posix() or "."
            if a != "." and not self.has_kbuild(a):
                continue
            if _names(self._tokens(a), p.relative_to(anc).as_posix() + "/"):
                return True
        # root-relative: the arch Makefile's drivers-$(CONFIG_PCI) += arch/x86/pci/
        arch_mk = f"arch/{self.arch}/Makefile"
        return _names(self._tokens(arch_mk), rel + "/") or rel + "/" in self.foreign_dirs()

    def mentions_file(self, rel: Path) -> bool:
        """Does a kbuild file at or above the file's directory name its object? In a directory
        without one, a makefile fragment there counts (virt/kvm/Makefile.kvm's
        `$(KVM)/kvm_main.o`, included by arch/x86/kvm/Makefile)."""
        o = rel.with_suffix(".o")
        if o.as_posix() in self.mentioned:
            return True
        d = rel.parent.as_posix() or "."
        if not self.has_kbuild(d) and o.name in self._fragment_objects(d):
            return True
        for anc in list(o.parents)[:4]:
            a = anc.as_posix() or "."
            if self.has_kbuild(a) and _names(self._tokens(a), o.relative_to(anc).as_posix()):
                return True
        return False

    def fragment(self, rel: str) -> bool:
        """A Makefile with no object rules at all (amd/display/, pulled in by another
        Makefile's variables) is not a directory Kbuild descends into by itself."""
        return not any(re.match(r"(obj|lib)-", t) for t in self._assigned(rel))

    def _tokens(self, rel: str) -> tuple[frozenset, tuple]:
        """Every word of a directory's kbuild text, literal ones and `$(...)` patterns."""
        if rel not in self._words:
            self._words[rel] = _tokens(self._text(rel))
        return self._words[rel]

    def _fragment_objects(self, rel: str) -> frozenset:
        """The object file names (without directories) makefile fragments in rel name."""
        if rel not in self._fragments:
            names = set()
            d = self.root / rel
            self.seen.update((f"glob:{d}/Makefile*", f"glob:{d}/Kbuild*"))
            for f in sorted((self.root / rel).glob("Makefile*")) + \
                    sorted((self.root / rel).glob("Kbuild*")):
                text = self._text(f.relative_to(self.root).as_posix())
                names.update(re.findall(r"(?<![\w.-])([\w-]+\.o)(?![\w.-])",
                                        re.sub(r"\S*/", " ", text)))
            self._fragments[rel] = frozenset(names)
        return self._fragments[rel]

    def _assigned(self, rel: str) -> tuple[str, ...]:
        """The names a directory's kbuild text assigns to."""
        return tuple(m.group(1) for m in re.finditer(r"^[ \t]*([\w$(){}.-]+)[ \t]*[:+?]?=",
                                                     self._text(rel), re.MULTILINE))

    def _text(self, rel: str) -> str:
        """A directory's kbuild file (or a makefile), continuation lines joined."""
        d = self.root / rel
        self.seen.add(f"exists:{d}")
        for f in ([d] if d.is_file() else [d / "Kbuild", d / "Makefile"]):
            self.seen.add(str(f))
            try:
                return "\n".join(logical_lines(f.read_text(encoding="utf-8", errors="replace")))
            except OSError:
                continue
        return ""

    def foreign_dirs(self) -> frozenset:
        """Directories other architectures' Makefiles add to their core-y/drivers-y/libs-y."""
        if self._foreign is None:
            out = set()
            self.seen.add(f"glob:{self.root}/arch/*/Makefile")
            for arch_mk in sorted(self.root.glob("arch/*/Makefile")):
                arch = arch_mk.parent.name
                if arch == self.arch:
                    continue
                mk = self._make({"srctree": (str(self.root), False), "ARCH": (arch, False),
                                 "SRCARCH": (arch, False), "SUBARCH": (self.arch, False)})
                mk.read(arch_mk)
                for var in ("core-y", "drivers-y", "libs-y"):
                    out.update(w for w in mk.words(var) if not w.startswith(f"arch/{arch}/"))
            self._foreign = frozenset(out)
        return self._foreign


def _tokens(text: str) -> tuple[frozenset, tuple]:
    """Every word of kbuild text: the literal ones, and `$(...)` ones as patterns."""
    literal, patterns = set(), []
    for w in re.findall(r"[^\s=,:;'\"]+", text):
        while w.endswith(")") and w.count("(") < w.count(")"):
            w = w[:-1]
        w = re.sub(r"^\$[({](obj|src)[)}]/", "", w)
        if "$" in w:
            # process_$(BITS).o names process_32.o; $(foo).o names nothing in particular
            fixed = re.sub(r"\$[({][^)}]*[)}]", "", w)
            if not re.search(r"\w", re.sub(r"\.o$|/$", "", fixed)):
                continue
            rx = re.sub(r"\\\$\\[({][^)}]*\\[)}]", "[^/ ]*", re.escape(w))
            patterns.append(re.compile(rx + r"\Z"))
        else:
            literal.add(w)
    return frozenset(literal), tuple(patterns)


def _names(tokens: tuple[frozenset, tuple], name: str) -> bool:
    literal, patterns = tokens
    return name in literal or any(p.match(name) for p in patterns)


def _norm(rel: str, obj: str) -> str | None:
    """Root-relative path of an object named relative to directory rel (None: outside)."""
    p = os.path.normpath(os.path.join(rel, obj))
    return None if p.startswith("..") or os.path.isabs(p) else p


def _join(rel: str, obj: str) -> str:
    """How Makefile.build names an object in rules: $(obj)/foo.o."""
    return obj if rel == "." else f"{rel}/{obj}"


def _norm_dir(rel: str, sub: str) -> str | None:
    p = _norm(rel, sub)
    return None if p in (None, ".") else p
