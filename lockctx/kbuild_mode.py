"""`lockctx kbuild`: lockctx as Kbuild's source checker, and `check --from-cache`.

    make C=1 CHECK="lockctx kbuild"        # C=2: every object, built or not
    lockctx check --from-cache             # in the object tree, after the build

Kbuild runs `$(CHECK) $(CHECKFLAGS) $(c_flags) file.c` once per compiled file (see
scripts/Makefile.build `cmd_checksrc`), in the object tree (the source tree, or the O=
directory). Each call drops the sparse-only words of CHECKFLAGS, translates the rest exactly
as a compile database's flags are translated (sources.translate_flags), extracts the file's
facts into the facts cache and appends one line to the object tree's manifest:

    <cache>/kbuild/<objtree name>-<hash of its path>/manifest.jsonl
        {"file": ..., "root": srctree, "flags": digest, "key": cache key, "error": ...}
    <cache>/kbuild/flags/<digest>.json       the translated flags, shared by all trees
    <cache>/kbuild/<objtree ...>/kbuild.log  one line per failure (with its traceback)

where <cache> is $LOCKCTX_CACHE_DIR, else the default facts cache (~/.cache/lockctx). Nothing
is written into the kernel tree. A call always exits 0, whatever happens (Kbuild runs the
checker under `set -e`): a failure is one line on stderr and an entry in kbuild.log. Calls run
in parallel under `make -j`: a manifest line is one O_APPEND write under an exclusive flock,
and cache entries and flag files are written to a temporary file and renamed.

Options for lockctx itself go before Kbuild's words: `CHECK="lockctx kbuild --rules my.toml"`
(repeatable; `--no-default-rules` too) extracts with those rules, so that `check --from-cache
--rules my.toml` finds the facts the build made (the rules in force are part of the cache key).

`lockctx check --from-cache [OBJTREE]...` then links the facts of every file in the manifest
(its latest line per file), with the flags the build used, and reports as `check` does. A
file edited since its line was written is parsed again with those flags.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from . import kbuild, sources

# CHECKFLAGS (top Makefile, arch/*/Makefile) are for sparse: macros the compiler predefines
# for its target anyway, sparse's warnings and its target options. translate_flags drops every
# -W, --arch= and -m*-endian itself; the macros and the options with a separate value go here.
SPARSE_DEFINES = frozenset({"-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__",
                            "-D__x86_64__", "-D__i386__"})
SPARSE_WITH_VALUE = frozenset({"-gcc-base-dir", "-multiarch-dir"})
# compiler options whose value is a separate word (so that it is not taken for the source)
_WITH_VALUE = frozenset({"-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote",
                         "-idirafter", "-o", "-MF", "-MT", "-MQ", "-x", "-Xclang", "--param",
                         "-target", *SPARSE_WITH_VALUE})
MANIFEST = "manifest.jsonl"
LOG = "kbuild.log"


class KbuildError(Exception):
    """A call lockctx cannot act on; str() is the one-line reason."""


def cache_root() -> Path:
    from .extract import default_cache_dir
    env = os.environ.get("LOCKCTX_CACHE_DIR")
    return Path(env) if env else default_cache_dir()


def state_dir(cache: Path, objtree: Path) -> Path:
    """The directory holding one object tree's manifest and log."""
    obj = objtree.resolve()
    digest = hashlib.sha256(str(obj).encode()).hexdigest()[:12]
    return cache / "kbuild" / f"{obj.name or 'root'}-{digest}"


def split_args(args: list[str]) -> tuple[str, list[str]]:
    """(the source file, the compiler flags without sparse's own)."""
    source, flags, i = None, [], 0
    while i < len(args):
        a = args[i]
        if a in SPARSE_WITH_VALUE:
            i += 2
            continue
        if a in SPARSE_DEFINES:
            i += 1
            continue
        if a in _WITH_VALUE and i + 1 < len(args):
            flags += [a, args[i + 1]]
            i += 2
            continue
        if not a.startswith("-") and a.endswith(".c"):
            source = a                         # Kbuild passes it last: the last one wins
        else:
            flags.append(a)
        i += 1
    if source is None:
        raise KbuildError("no .c file among the arguments (expected `$(CHECK) $(CHECKFLAGS) "
                          "$(c_flags) file.c`, as Kbuild calls it)")
    return source, flags


def flags_digest(flags: list[str]) -> str:
    return hashlib.sha256("\0".join(flags).encode()).hexdigest()


def _write_atomic(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def append_line(path: Path, line: str) -> None:
    """One line, in one write, with O_APPEND and under an exclusive lock: parallel callers
    never interleave or lose lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = (line.rstrip("\n") + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            os.write(fd, data)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def own_options(args: list[str]) -> tuple[list[Path], bool, list[str]]:
    """(--rules files, --no-default-rules, the rest): lockctx's own options lead the words."""
    rules, no_default, i = [], False, 0
    while i < len(args) and args[i] in ("--rules", "--no-default-rules"):
        if args[i] == "--no-default-rules":
            no_default, i = True, i + 1
            continue
        if i + 1 >= len(args):
            raise KbuildError("--rules needs a file")
        rules.append(Path(args[i + 1]))
        i += 2
    if no_default and not rules:
        raise KbuildError("--no-default-rules needs at least one --rules file")
    return rules, no_default, args[i:]


def extract_one(args: list[str], objtree: Path, cache: Path) -> dict:
    """Extract one file's facts into the cache; returns its manifest entry."""
    from .extract import Cache, extract_all
    from .knowledge import RulesError, load_knowledge
    rules, no_default, args = own_options(args)
    try:
        knowledge = load_knowledge(rules, use_default=not no_default)
    except RulesError as exc:
        raise KbuildError(str(exc)) from None
    source, words = split_args(args)
    path = Path(os.path.normpath(objtree / source))
    if not path.is_file():
        raise KbuildError(f"{source}: no such file (relative to {objtree})")
    found = kbuild.find_tree([path])
    root = (found or objtree).resolve()
    flags = sources.translate_flags(["cc", *words], objtree)
    digest = flags_digest(flags)
    flag_file = cache / "kbuild" / "flags" / f"{digest}.json"
    if not flag_file.is_file():
        _write_atomic(flag_file, json.dumps(flags))
    facts_cache = Cache(cache, knowledge, root)
    unit = sources.Unit(path, tuple(flags))
    t0 = time.perf_counter()
    (outcome,) = extract_all([unit], knowledge, root, kbuild.STUBS, 1, facts_cache, None)
    return {"file": str(path), "root": str(root), "flags": digest,
            "key": facts_cache.key(unit), "error": outcome.error or None,
            "cached": outcome.from_cache, "seconds": round(time.perf_counter() - t0, 3),
            "time": time.time()}


def main(args: list[str]) -> int:
    """`lockctx kbuild ARGS...`: always 0."""
    objtree = Path.cwd()
    cache = state = None
    source = next((a for a in reversed(args) if a.endswith(".c") and not a.startswith("-")),
                  "?")
    try:
        cache = cache_root()
        state = state_dir(cache, objtree)
        entry = extract_one(args, objtree, cache)
        append_line(state / MANIFEST, json.dumps(entry, separators=(",", ":")))
        if entry["error"]:
            _complain(f"{source}: parse error: {entry['error']}", state, None)
        return 0
    except BaseException as exc:  # noqa: BLE001 - a checker must never break the build
        if isinstance(exc, KbuildError):
            msg = f"{exc}"
        else:
            msg = f"{source}: internal error: {type(exc).__name__}: {exc}"
        _complain(msg, state, None if isinstance(exc, KbuildError) else traceback.format_exc())
        return 0


def _complain(msg: str, state: Path | None, trace: str | None) -> None:
    line = " ".join(f"lockctx: kbuild: {msg}".split())        # one line, whatever msg holds
    log = None
    try:
        if state is None:
            raise OSError
        log = state / LOG
        append_line(log, time.strftime("%Y-%m-%dT%H:%M:%S ") + line)
        if trace:
            append_line(log, "".join("    " + t + "\n" for t in trace.splitlines()))
    except BaseException:  # noqa: BLE001
        log = None
    try:
        sys.stderr.write(line + (f" (log: {log})" if log and trace else "") + "\n")
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001
        pass


# ---- check --from-cache -------------------------------------------------------------------

def load_manifest(objtree: Path, cache: Path) -> tuple[Path, list[sources.Unit], list[str]]:
    """(srctree, the units the build checked with their flags, notes) from the latest line of
    each file in the object tree's manifest. Given a directory inside the object tree, the
    manifest is the object tree's, and only the files under that directory are reported (the
    others are context, as with --context-from)."""
    below = objtree.resolve()
    for cand in [below, *below.parents]:
        manifest = state_dir(cache, cand) / MANIFEST
        if manifest.is_file():
            break
    else:
        manifest = state_dir(cache, objtree) / MANIFEST
    if not manifest.is_file():
        raise KbuildError(f"{objtree}: no `lockctx kbuild` manifest in {cache} (looked for "
                          f"{manifest}): run `make C=1 CHECK=\"lockctx kbuild\"` there first, "
                          "with the same LOCKCTX_CACHE_DIR")
    latest: dict[str, dict] = {}
    bad = 0
    with open(manifest, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                e = json.loads(line)
                latest[str(e["file"])] = {"root": str(e["root"]), "flags": str(e["flags"])}
            except (ValueError, KeyError, TypeError):
                bad += 1                      # a line cut short by a crash: skip it
    roots = {e["root"] for e in latest.values()}
    if len(roots) > 1:
        raise KbuildError(f"{manifest}: files from more than one source tree: "
                          + ", ".join(sorted(roots)))
    notes, units, gone = [], [], 0
    for file, e in sorted(latest.items()):
        if not Path(file).is_file():
            gone += 1
            continue
        try:
            flags = json.loads((cache / "kbuild" / "flags" / f"{e['flags']}.json")
                               .read_text(encoding="utf-8"))
        except (OSError, ValueError):
            notes.append(f"{file}: its flags are gone from the cache; run make C=1 again")
            continue
        report = below == Path(file).parent or below in Path(file).parents
        units.append(sources.Unit(Path(file), tuple(str(f) for f in flags), report))
    if bad:
        notes.append(f"{manifest}: {bad} unreadable lines skipped")
    if gone:
        notes.append(f"{gone} files in the manifest no longer exist; left out")
    if not any(u.report for u in units):
        raise KbuildError(f"{manifest}: no files under {objtree} to analyse")
    return Path(next(iter(roots))), units, notes
