"""Which files are analysed, and with which flags.

Three sources of truth, in order:
1. a compile database (the kernel's `make compile_commands.json`, `-p FILE`, or one in
   `--build-dir`): exactly the files and flags the build used, translated for libclang;
2. a tree prepared with `make <config> prepare`: Kbuild's flags synthesized per file from the
   evaluated Kbuild files (kbuild_walk), the files this configuration does not build skipped
   (and counted), and so is what Kbuild compiles but not as kernel code (host programs);
3. neither: the bundled stubs (standalone mode).
Nothing from the tree or the database is ever executed; the database is only read.
"""
from __future__ import annotations

import json
import os
import shlex
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import kbuild, kbuild_walk
from .errors import OneLineError, one_line


class SourceError(OneLineError):
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
    host_programs: int = 0             # skipped: host programs and other non-kernel code


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
    except (ValueError, RecursionError) as exc:     # a 5000-digit number, [[[[... nested
        raise SourceError(f"{path}: compile database is not usable JSON: {exc}") from None
    if not isinstance(entries, list):
        raise SourceError(f"{path}: compile database must be a JSON array of entries")
    old_root = _recorded_root(entries)
    out = []
    for n, e in enumerate(entries):
        if not isinstance(e, dict) or not isinstance(e.get("file"), str) or \
                not isinstance(e.get("directory"), str):
            raise SourceError(f"{path}: entry #{n + 1} needs string 'file' and 'directory'")
        if any(not _usable_path(e[k]) for k in ("file", "directory")):
            raise SourceError(f"{path}: entry #{n + 1}: 'file' and 'directory' must be paths "
                              "(no NUL, valid Unicode)")
        if "arguments" in e:
            if not isinstance(e["arguments"], list) or \
                    not all(isinstance(a, str) and _usable_path(a) for a in e["arguments"]):
                raise SourceError(f"{path}: entry #{n + 1}: 'arguments' must be an array of "
                                  "strings")
            args = list(e["arguments"])
        elif isinstance(e.get("command"), str) and _usable_path(e["command"]):
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


def _usable_path(text: str) -> bool:
    """No NUL (the OS refuses it) and no lone surrogate (libclang takes UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\0" not in text


def _recorded_root(entries) -> str | None:
    """The tree root the database was written in: the directory of its entries."""
    dirs = {e.get("directory") for e in entries
            if isinstance(e, dict) and isinstance(e.get("directory"), str)}
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


# ---- selection ----------------------------------------------------------------------------

# a .c file this big is generated data (register tables, firmware), not locking code; the
# biggest .c in 6.12 is 1.8 MB (rtw89/rtw8852c_table.c, a register table)
MAX_SOURCE_BYTES = 8 << 20


def _shown(path) -> str:
    """A path as a note can print it: one line, valid UTF-8."""
    return one_line(os.fsencode(str(path)).decode("utf-8", "replace"))


def parseable(fp: Path, notes: list[str] | None = None) -> bool:
    """Whether lockctx can parse this .c file; if not, a note says why it is skipped."""
    def skip(why: str) -> bool:
        if notes is not None:
            notes.append(f"{_shown(fp)}: {why}; skipped")
        return False

    try:
        str(fp).encode("utf-8")
    except UnicodeEncodeError:
        return skip("file name is not UTF-8")
    try:
        st = fp.stat()
    except OSError as exc:                        # dangling symlink, symlink loop
        return skip(exc.strerror or "cannot stat")
    if not stat.S_ISREG(st.st_mode):
        return skip("not a regular file")
    if st.st_size > MAX_SOURCE_BYTES:
        return skip(f"{st.st_size} bytes, over the {MAX_SOURCE_BYTES >> 20} MiB a source file "
                    "may have (generated data?)")
    if not os.access(fp, os.R_OK):
        return skip("cannot read it (permission denied)")
    return True


def walk_c_files(p: Path, notes: list[str] | None = None) -> list[Path]:
    """Every parseable .c file under a directory, without following symlinked directories,
    nor symlinked files that lead out of it; what is skipped gets a note."""
    found = []
    top = p.resolve()

    def unreadable(exc: OSError) -> None:
        if notes is not None:
            notes.append(f"{_shown(exc.filename)}: {exc.strerror}; skipped")

    for dirpath, dirnames, filenames in os.walk(p, followlinks=False, onerror=unreadable):
        dirnames.sort()
        for f in sorted(filenames):
            if f.endswith(".c"):
                fp = Path(dirpath) / f
                if not parseable(fp, notes):
                    continue
                if fp.is_symlink() and top not in fp.resolve().parents:
                    if notes is not None:
                        notes.append(f"{_shown(fp)}: a symlink to outside {_shown(p)}; skipped")
                    continue
                found.append(fp)
    return found


def expand(paths: list[Path], notes: list[str] | None = None) -> tuple[list[Path], set[Path]]:
    """(.c files under the PATHs, the ones named explicitly); what is skipped gets a note."""
    files, explicit = [], set()
    for p in paths:
        if not p.exists():
            raise SourceError(f"{_shown(p)}: no such file or directory")
        if p.is_dir():
            files.extend(q.resolve() for q in walk_c_files(p, notes))
        elif p.suffix == ".c":
            if parseable(p, notes):
                files.append(p.resolve())
                explicit.add(p.resolve())
        else:
            raise SourceError(f"{_shown(p)}: not a C source file (.c) or directory")
    return sorted(set(files)), explicit


def select(paths: list[Path], context: list[Path], tree: kbuild.Tree | None,
           database: Path | None, all_files: bool, build_dir: Path | None = None,
           cache_dir: Path | None = None) -> Selection:
    """The units to parse. (build_dir is the tree's own: `tree.build` already names it.)"""
    sel = Selection()
    skipped: list[str] = []
    report_files, explicit = expand(paths, skipped)
    context_files = [f for f in expand(context, skipped)[0]
                     if f not in set(report_files)] if context else []
    sel.notes += sorted(set(skipped))          # sorted: the output must not depend on PATH order
    wanted = [(f, True) for f in report_files] + [(f, False) for f in context_files]
    if database is not None:
        _from_database(sel, wanted, explicit, database, tree, all_files)
    elif tree is not None:
        _from_kbuild(sel, wanted, explicit, tree, all_files, cache_dir)
    else:
        sel.units = [Unit(f, tuple(kbuild.standalone_flags(f)), report) for f, report in wanted]
    if sel.host_programs:
        sel.notes.append(f"{_count(range(sel.host_programs), 'file')} skipped: not kernel "
                         "code (host and user programs, or code compiled with flags of its own: "
                         "boot, EFI stub)")
    return sel


def _from_database(sel: Selection, wanted, explicit, database: Path, tree, all_files) -> None:
    db = {}
    for file, flags in load_database(database, tree.root if tree else None):
        db[file.resolve()] = flags
    for f, report in wanted:
        flags = db.get(f)
        if flags is not None:
            sel.units.append(Unit(f, tuple(flags), report))
        elif f in db:                                  # a host program
            sel.host_programs += 1
        elif all_files or f in explicit:
            fl = kbuild.kernel_flags(tree, f) if tree else kbuild.standalone_flags(f)
            sel.units.append(Unit(f, tuple(fl), report))
            sel.notes.append(f"{f}: not in the compile database; analysed with synthesized flags")
        else:
            sel.excluded.append(f)


def _from_kbuild(sel: Selection, wanted, explicit, tree: kbuild.Tree, all_files,
                 cache_dir: Path | None) -> None:
    plans = kbuild.Plans(tree, cache_dir)
    ungenerated: dict[str, tuple[set[str], list[Path]]] = {}   # directory -> (files, users)
    for f, report in wanted:
        verdict, obj, flags = plans.get(f)
        if verdict == kbuild_walk.NOT_KERNEL:
            if f not in explicit:
                sel.host_programs += 1
                continue
            sel.notes.append(f"{f}: not compiled as kernel code (a host program, or with "
                             "compiler flags of its own); analysed with the kernel's flags")
        elif verdict == kbuild_walk.NOT_BUILT:
            if not all_files and f not in explicit:
                sel.excluded.append(f)
                continue
            sel.notes.append(f"{f}: this configuration does not build it")
        sel.units.append(Unit(f, tuple(flags), report))
        if obj is not None and obj.missing:
            ungenerated.setdefault(obj.dir, (set(), []))[0].update(obj.missing)
            ungenerated[obj.dir][1].append(f)
    plans.save()
    for d, (gen, files) in sorted(ungenerated.items()):
        names = ", ".join(sorted(Path(g).name for g in gen))
        sel.notes.append(f"{d}/: not in this tree yet: {names}, generated by a build and "
                         f"needed by {_count(files, 'file')}; `make {d}/` there makes them "
                         "(until then those files fail to parse)")


def _count(items, noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"
