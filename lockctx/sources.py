"""Which files are analysed, and with which flags.

Three sources of truth, in order:
1. a compile database (the kernel's `make compile_commands.json`, `-p FILE`, or one in
   `--build-dir`): exactly the files and flags the build used, translated for libclang;
2. a tree prepared with `make <config> prepare`: Kbuild's flags synthesized per file, and the
   files Kbuild positively excludes for this configuration skipped (and counted);
3. neither: the bundled stubs (standalone mode).
Nothing from the tree or the database is ever executed; the database is only read.
"""
from __future__ import annotations

import json
import os
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from . import kbuild


class SourceError(Exception):
    """Unusable input; str() is the one-line message for the user."""


@dataclass(frozen=True)
class Unit:
    """One translation unit to parse."""
    path: Path
    flags: tuple[str, ...]
    report: bool = True                # inside the PATHs (else: context for the call graph)


@dataclass
class Selection:
    units: list[Unit] = field(default_factory=list)
    excluded: list[Path] = field(default_factory=list)       # Kbuild does not build them
    notes: list[str] = field(default_factory=list)
    host_programs: int = 0


# ---- compile database ---------------------------------------------------------------------

# flags libclang needs to see the code as the build did; everything else a GCC build passes
# (-mindirect-branch=..., -fconserve-stack, -W..., -Werror, -o, -MD, ...) is dropped
_KEEP_WITH_VALUE = ("-I", "-isystem", "-include", "-imacros", "-iquote", "-idirafter", "-D", "-U")
_KEEP_EXACT = ("-nostdinc", "-m64", "-m32", "-fms-extensions", "-funsigned-char",
               "-fshort-wchar", "-fno-common", "-fno-strict-aliasing", "-ffreestanding",
               "-mno-red-zone", "-mcmodel=kernel", "-fno-PIE")
_KEEP_PREFIX = ("-std=", "--target=", "-march=", "-mabi=")


def translate_flags(args: list[str], directory: Path) -> list[str]:
    """The database's compiler arguments, reduced to what changes how libclang parses."""
    out: list[str] = []
    i = 1                                   # args[0] is the compiler
    while i < len(args):
        a = args[i]
        if a in _KEEP_WITH_VALUE and i + 1 < len(args):
            out += [a, _absolute(a, args[i + 1], directory)]
            i += 2
            continue
        for opt in _KEEP_WITH_VALUE:
            if a.startswith(opt) and len(a) > len(opt) and opt not in ("-include",):
                out.append(opt + _absolute(opt, a[len(opt):], directory))
                break
        else:
            if a in _KEEP_EXACT or a.startswith(_KEEP_PREFIX):
                out.append(a)
        i += 1
    if not any(a.startswith("--target=") for a in out):
        out = [*kbuild.TARGET, *out]
    return out + ["-Wno-unknown-warning-option", "-Wno-unused-value", "-ferror-limit=0"]


def _absolute(opt: str, value: str, directory: Path) -> str:
    if opt in ("-D", "-U") or os.path.isabs(value):
        return value
    return str(directory / value)


def load_database(path: Path, tree_root: Path | None) -> list[tuple[Path, list[str]]]:
    """(source file, translated flags) for every kernel entry of a compile database."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read compile database: {exc}") from None
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path}: compile database is not JSON: line {exc.lineno} column "
                          f"{exc.colno}: {exc.msg}") from None
    if not isinstance(entries, list):
        raise SourceError(f"{path}: compile database must be a JSON array of entries")
    old_root = _recorded_root(entries)
    out = []
    for n, e in enumerate(entries):
        if not isinstance(e, dict) or not isinstance(e.get("file"), str) or \
                not isinstance(e.get("directory"), str):
            raise SourceError(f"{path}: entry #{n + 1} needs string 'file' and 'directory'")
        if isinstance(e.get("arguments"), list) and all(isinstance(a, str) for a in e["arguments"]):
            args = list(e["arguments"])
        elif isinstance(e.get("command"), str):
            try:
                args = shlex.split(e["command"])
            except ValueError as exc:
                raise SourceError(f"{path}: entry #{n + 1}: cannot split 'command': {exc}") from None
        else:
            raise SourceError(f"{path}: entry #{n + 1} needs 'arguments' or 'command'")
        directory = Path(_remap(e["directory"], old_root, tree_root))
        file = Path(_remap(e["file"], old_root, tree_root))
        if not file.is_absolute():
            file = directory / file
        args = [_remap(a, old_root, tree_root) for a in args]
        if "-D__KERNEL__" not in args:       # host programs (scripts/, tools/) are not kernel code
            out.append((file, None))
            continue
        out.append((file, translate_flags(args, directory)))
    return out


def _recorded_root(entries) -> str | None:
    """The tree root the database was written in: the directory of its entries."""
    dirs = {e.get("directory") for e in entries if isinstance(e, dict)}
    dirs.discard(None)
    return min(dirs, key=len) if dirs else None


def _remap(text: str, old: str | None, new: Path | None) -> str:
    """A database made before the tree moved names the old absolute paths: rewrite them."""
    if old and new and str(new) != old and old in text:
        return text.replace(old, str(new))
    return text


def find_database(tree_root: Path | None, build_dir: Path | None, explicit: Path | None) -> Path | None:
    if explicit is not None:
        if not explicit.is_file():
            raise SourceError(f"{explicit}: no such compile database")
        return explicit
    for d in (build_dir, tree_root):
        if d is not None and (d / "compile_commands.json").is_file():
            return d / "compile_commands.json"
    return None


# ---- Kbuild: what this configuration builds ----------------------------------------------

_OBJ_LINE = re.compile(r"^\s*([\w.-]+?)-(y|m|objs|\$[({](CONFIG_\w+)[)}])\s*[:+]?=\s*(.*)$")


class KbuildConfig:
    """Answers 'does this configuration build X.c?' from Makefiles and include/config/auto.conf."""

    def __init__(self, root: Path, build_dir: Path | None = None):
        self.root = root
        conf = (build_dir or root) / "include/config/auto.conf"
        self.enabled: set[str] = set()
        try:
            for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
                m = re.match(r"(CONFIG_\w+)=(y|m|.+)", line)
                if m:
                    self.enabled.add(m.group(1))
        except OSError:
            pass
        self._makefiles: dict[Path, list[tuple[str, str | None, list[str]]]] = {}
        self._dirs: dict[Path, bool] = {}
        self.arch = "x86"

    def makefile(self, d: Path):
        rules = self._makefiles.get(d)
        if rules is None:
            rules = []
            for line in kbuild.makefile_lines(d):
                m = _OBJ_LINE.match(line.split("#", 1)[0])
                if m:
                    cond = m.group(3) if m.group(2).startswith("$") else None
                    rules.append((m.group(1), cond, m.group(4).split()))
            self._makefiles[d] = rules
        return rules

    def _on(self, cond: str | None) -> bool:
        return cond is None or cond in self.enabled

    def builds(self, path: Path, depth: int = 0) -> bool | None:
        """True: built; False: positively excluded; None: no Makefile mentions it.

        The nearest Makefile (the file's own directory, or an ancestor naming it with a
        relative path, as i915's `i915-y += display/intel_foo.o`) decides."""
        for anc in [path.parent, *list(path.parents)[1:4]]:
            obj = path.with_suffix(".o").relative_to(anc).as_posix()
            verdicts = []
            for target, cond, objs in self.makefile(anc):
                if obj not in objs:
                    continue
                if target in ("obj", "lib", "core", "drivers", "libs") or depth >= 4:
                    verdicts.append(self._on(cond))
                else:                          # part of a composite object: foo-y += bar.o
                    composite = self.builds(anc / f"{target}.c", depth + 1)
                    verdicts.append(self._on(cond) and composite is not False)
            if verdicts:
                return any(verdicts) and self.dir_built(anc)
        return None

    def has_makefile(self, d: Path) -> bool:
        return (d / "Makefile").is_file() or (d / "Kbuild").is_file()

    def dir_built(self, d: Path) -> bool:
        """Is directory d part of this configuration's build?

        The nearest ancestor whose Makefile/Kbuild names d (as `sub/` relative to itself, or
        relative to the tree root as arch Makefiles do) decides; d is built if any such
        mention is enabled and its parent is built. A top-level directory nobody names
        (tools/, scripts/, Documentation/) is not kernel code; a deeper one nobody names yet
        (a new driver directory) follows its parent.
        """
        d = d.resolve()
        if d in self._dirs:
            return self._dirs[d]
        root = self.root.resolve()
        if d == root or root not in d.parents:
            return True
        verdict, named_by = None, None
        for anc in d.parents:
            names = {f"{d.relative_to(anc).as_posix()}/", f"{d.relative_to(root).as_posix()}/"}
            mentions = [self._on(cond) for _, cond, objs in self.makefile(anc)
                        for o in objs if self._expand(o) in names]
            if mentions:
                verdict, named_by = any(mentions), anc
                break
            if anc == root:
                break
        if verdict is None:
            # nobody names it. A top-level directory (tools/, scripts/) is not kernel code; a
            # Makefile fragment without object rules (amd/display/, pulled in through
            # variables) cannot be judged and is left out; anything else — a new driver not
            # wired in yet, i915/display/ built from its parent's Makefile — follows its parent
            fragment = self.has_makefile(d) and not any(
                o.endswith((".o", "/")) for target, _, objs in self.makefile(d)
                if target in ("obj", "lib", "core", "drivers", "libs") for o in objs)
            verdict = not fragment and d.parent != root and self.dir_built(d.parent)
        elif verdict:
            verdict = self.dir_built(named_by)
        self._dirs[d] = verdict
        return verdict

    def _expand(self, obj: str) -> str:
        return obj.replace("$(SRCARCH)", self.arch).replace("$(ARCH)", self.arch)


# ---- selection ----------------------------------------------------------------------------

def walk_c_files(p: Path) -> list[Path]:
    """Every .c file under a directory, without following symlinked directories."""
    found = []
    for dirpath, dirnames, filenames in os.walk(p, followlinks=False):
        dirnames.sort()
        for f in sorted(filenames):
            if f.endswith(".c"):
                fp = Path(dirpath) / f
                if fp.is_file():
                    found.append(fp)
    return found


def expand(paths: list[Path]) -> tuple[list[Path], set[Path]]:
    """(.c files under the PATHs, the ones named explicitly)."""
    files, explicit = [], set()
    for p in paths:
        if not p.exists():
            raise SourceError(f"{p}: no such file or directory")
        if p.is_dir():
            files.extend(q.resolve() for q in walk_c_files(p))
        elif p.suffix == ".c":
            files.append(p.resolve())
            explicit.add(p.resolve())
        else:
            raise SourceError(f"{p}: not a C source file (.c) or directory")
    return sorted(set(files)), explicit


def select(paths: list[Path], context: list[Path], tree: kbuild.Tree | None,
           database: Path | None, all_files: bool, build_dir: Path | None = None) -> Selection:
    sel = Selection()
    report_files, explicit = expand(paths)
    context_files = [f for f in expand(context)[0] if f not in set(report_files)] if context else []
    wanted = [(f, True) for f in report_files] + [(f, False) for f in context_files]
    if database is not None:
        db = {}
        for file, flags in load_database(database, tree.root if tree else None):
            if flags is None:
                sel.host_programs += 1
            db[file.resolve()] = flags
        for f, report in wanted:
            flags = db.get(f)
            if flags is not None:
                sel.units.append(Unit(f, tuple(flags), report))
            elif f in db:                                  # a host program
                continue
            elif all_files or f in explicit:
                fl = kbuild.kernel_flags(tree, f) if tree else kbuild.standalone_flags(f)
                sel.units.append(Unit(f, tuple(fl), report))
                sel.notes.append(f"{f}: not in the compile database; analysed with synthesized flags")
            else:
                sel.excluded.append(f)
        return sel
    kconf = KbuildConfig(tree.root, build_dir) if tree else None
    for f, report in wanted:
        if tree is None:
            sel.units.append(Unit(f, tuple(kbuild.standalone_flags(f)), report))
            continue
        built = kconf.builds(f)
        if built is None and not kconf.dir_built(f.parent):
            built = False
        if built is False and not all_files and f not in explicit:
            sel.excluded.append(f)
            continue
        if built is False:
            sel.notes.append(f"{f}: this configuration does not build it")
        sel.units.append(Unit(f, tuple(kbuild.kernel_flags(tree, f)), report))
    return sel
