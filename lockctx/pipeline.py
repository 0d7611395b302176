"""The pipeline, top to bottom: inputs -> frontend -> link -> propagate -> rules.

This module only wires the stages together and decides which files are parsed with which
flags; each stage lives in its own module.
"""
from __future__ import annotations

import contextlib
import gc
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import kbuild, resultcache, sources
from .extract import Cache, Outcome, extract_all
from .facts import FileFacts
from .finding import Finding
from .frontend import PathMapper
from .knowledge import Knowledge
from .link import Program, link
from .propagate import Analysis, propagate
from .rules import run_rules


class InputError(Exception):
    """Bad input from the user; str() is the one-line message."""


@dataclass
class Options:
    paths: list[Path]
    knowledge: Knowledge
    kernel_tree: Path | None = None
    standalone: bool = False
    every_function: bool = False       # explain: paths to all functions, not only relevant ones
    jobs: int = 1
    cache_dir: Path | None = None      # None: no cache
    database: Path | None = None       # -p FILE
    build_dir: Path | None = None
    all_files: bool = False
    context: list[Path] = field(default_factory=list)
    file_timeout: float | None = None
    progress: object = None            # callable(done, total, path, from_cache)
    # check --from-cache: the units `lockctx kbuild` recorded, and their source tree
    selection: sources.Selection | None = None
    root: Path | None = None           # (also: --standalone's root instead of git's top level)
    executor: object = None            # executor_dask.DaskExecutor; None: the local pool
    frontend: str = "clang"            # clang | pycparser (standalone mode only)
    # assume code outside the run may set any flag and call any function: no closed-world
    # inference over the directories it analyses whole (whole_directories)
    open_world: bool = False


@dataclass
class Result:
    root: Path
    mode: str                          # kernel | standalone
    files: list[str]                   # analysed files, relative to root
    facts: list[FileFacts]
    program: Program
    analysis: Analysis
    findings: list[Finding]
    failures: list[tuple[str, str]] = field(default_factory=list)   # (file, first error)
    seconds: dict = field(default_factory=dict)
    from_cache: int = 0
    excluded: int = 0
    notes: list[str] = field(default_factory=list)
    flags_from: str = ""               # compile database | kbuild | stubs
    configs: list = field(default_factory=list)    # [(name, Result)] of each configuration
    units: int = 0                     # translation units analysed (parsed or from cache)
    lost_statements: int = 0           # statements clang dropped (undeclared identifiers)
    recovered: int = 0                 # lock API uses recovered from their tokens
    # the result came from the result cache: no facts, program or analysis, and the edits
    # fixing each finding as they were computed when it was stored
    edits: dict | None = None


INCLUDE_C = re.compile(rb'^\s*#\s*include\s+"([^"]+\.c)"', re.M)


def included_sources(sources: list[Path]) -> set[Path]:
    """`.c` files that another source #includes (kernel/sched/build_policy.c style): they
    are analysed through their includer, not as translation units of their own."""
    included: set[Path] = set()
    for src in sources:
        try:
            text = src.read_bytes()
        except OSError:
            continue
        for m in INCLUDE_C.finditer(text):
            included.add((src.parent / m.group(1).decode("utf-8", "replace")).resolve())
    return included & set(sources)


class HeaderCopies:
    """A header inline is in the facts of every file that calls it (half of all functions
    on kernel/; most of them on a whole tree): keep only the copy of the first file, in the
    run's order, which is all `link` uses. Done as each file's facts arrive, in whatever
    order the workers finish (a later copy from an earlier file replaces the one kept), so
    that the copies never all sit in memory at once: on the whole defconfig tree they are
    most of the facts."""

    def __init__(self) -> None:
        self.holder: dict[str, int] = {}     # header inline id -> the file whose copy is kept
        self.facts: dict[int, FileFacts] = {}

    def __call__(self, i: int, facts: FileFacts) -> None:
        if i in self.facts:
            return                           # (the same facts handed on twice)
        self.facts[i] = facts
        kept, stale = [], {}
        for fn in facts.functions:
            if fn.in_header:
                j = self.holder.get(fn.id)
                if j is not None and j <= i:
                    continue
                self.holder[fn.id] = i
                if j is not None:
                    stale.setdefault(j, set()).add(fn.id)
            kept.append(fn)
        facts.functions = kept
        for j, ids in stale.items():
            old = self.facts[j]
            old.functions = [fn for fn in old.functions if not (fn.in_header and fn.id in ids)]


def git_toplevel(d: Path) -> Path | None:
    try:
        out = subprocess.run(["git", "-C", str(d), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(out.stdout.strip()) if out.returncode == 0 and out.stdout.strip() else None


def choose_mode(opts: Options) -> tuple[str, kbuild.Tree | None, Path]:
    if opts.kernel_tree is not None:
        if not opts.kernel_tree.is_dir() or not kbuild.looks_like_kernel(opts.kernel_tree):
            raise InputError(f"{opts.kernel_tree}: not a Linux kernel tree "
                             "(no Makefile, Kconfig and include/linux/)")
        root = opts.kernel_tree.resolve()
    elif not opts.standalone:
        found = kbuild.find_tree(opts.paths)
        root = found.resolve() if found else None
    else:
        root = None
    if root is not None and not opts.standalone:
        tree = kbuild.Tree(root, build=opts.build_dir.resolve() if opts.build_dir else None)
        if not tree.prepared:
            raise InputError(f"{root}: kernel tree is not prepared (no include/generated/"
                             "autoconf.h): run `make defconfig prepare` there, or pass "
                             "--standalone to check with the bundled stub headers")
        return "kernel", tree, root
    cwd = Path.cwd()
    top = opts.root or git_toplevel(cwd) or cwd
    return "standalone", None, top.resolve()


def libclang_error() -> str:
    """Why libclang cannot be loaded, or '' when it can."""
    try:
        import clang.cindex as ci
        ci.conf.lib
    except Exception as exc:  # noqa: BLE001 - whatever stops it, the message says why
        return (str(exc).splitlines() or [type(exc).__name__])[0]
    return ""


_warned: set[str] = set()


def choose_frontend(requested: str, real_headers: bool, first: Path) -> str:
    """The frontend that parses this run: the one asked for, or pycparser (with a one-line
    warning, once) when libclang cannot be loaded. pycparser parses against the stub
    headers only: a kernel tree's or a compile database's headers are libclang's."""
    why = libclang_error() if requested == "clang" else ""
    if why:
        if real_headers:
            raise InputError(f"{first}: libclang cannot be loaded ({why}), and the pycparser "
                             "frontend parses against the bundled stub headers only "
                             "(--standalone)")
        if why not in _warned:
            _warned.add(why)
            print(f"lockctx: warning: libclang cannot be loaded ({why}); parsing with the "
                  "pycparser frontend", file=sys.stderr)
        requested = "pycparser"
    elif requested == "pycparser" and real_headers:
        raise InputError(f"{first}: --frontend pycparser parses against the bundled stub "
                         "headers only (--standalone), not a kernel tree's or a compile "
                         "database's; use the libclang frontend (--frontend clang)")
    if requested == "pycparser":
        from .frontend_pycparser import Unsupported, find_cpp
        try:
            find_cpp()
        except Unsupported as exc:
            raise InputError(f"{first}: {exc}") from None
    return requested


# Python's cyclic collector runs every 700 allocations that outlive their creator and scans
# the young objects each time: a run that builds a whole program's facts and states (hundreds
# of thousands of objects, all long-lived) spent a third of an edited file's re-run in it
# (kernel/: 17.4 -> 13.6 s). What the analysis makes is nearly all acyclic, freed by
# reference counting; the collector still runs, only less often.
GC_THRESHOLDS = (50_000, 20, 100)


@contextlib.contextmanager
def fewer_collections():
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def run(opts: Options) -> Result:
    with fewer_collections():
        return _run(opts)


def translation_units(sel: sources.Selection) -> tuple[list[sources.Unit], set[Path]]:
    """The selected units lockctx parses, and the selected `.c` files it does not: a .c
    #included by another (built or not) is never a translation unit of its own."""
    through_includer = included_sources([u.path for u in sel.units] + sel.excluded)
    return [u for u in sel.units if u.path not in through_includer], through_includer


def whole_directories(opts: Options, paths: PathMapper) -> list[str]:
    """The directories the run analyses whole: the PATHs and --context-from directories
    (relative to the root; "" for the root itself). link.private_functions: a header of
    their own is included by their files only."""
    out = set()
    for p in [*opts.paths, *opts.context]:
        if p.is_dir():
            name = paths(str(p))
            out.add("" if name == paths.root else name)
    return sorted(out)


def _run(opts: Options) -> Result:
    t0 = time.perf_counter()
    if opts.selection is not None:
        mode, tree, root, database, sel = "kernel", None, opts.root, None, opts.selection
    else:
        mode, tree, root = choose_mode(opts)
        try:
            database = sources.find_database(tree.root if tree else None, opts.build_dir,
                                             opts.database) if tree or opts.database else None
            sel = sources.select(opts.paths, opts.context, tree, database, opts.all_files,
                                 opts.build_dir, opts.cache_dir)
        except sources.SourceError as exc:
            raise InputError(str(exc)) from None
    units, through_includer = translation_units(sel)
    if not units and not through_includer:
        raise InputError(f"{' '.join(map(str, opts.paths))}: no .c files to analyse"
                         + (f" ({len(sel.excluded)} not built in this configuration; "
                            "--all-files analyses them anyway)" if sel.excluded else ""))
    frontend = choose_frontend(opts.frontend, mode == "kernel" or database is not None,
                               units[0].path if units else opts.paths[0])
    paths = PathMapper(root, kbuild.STUBS)
    cache = Cache(opts.cache_dir, opts.knowledge, root, frontend) if opts.cache_dir else None
    report_files = {paths(str(u.path)) for u in sel.units if u.report}
    whole = whole_directories(opts, paths) if opts.selection is None and \
        not opts.open_world else []
    flags_from = "compile database" if database else ("kbuild" if tree else (
        "build (lockctx kbuild)" if opts.selection is not None else "stubs"))
    # Parse what the facts cache lacks first: a run whose facts all come out as the last
    # run's (nothing edited, or only comments and code the frontend does not see) reads the
    # last run's findings back instead of loading every file's facts to analyse them again
    parsed: dict[int, Outcome] = {}
    rkey, preload = None, None
    copies = HeaderCopies()
    if cache is not None:
        keys = [cache.key(u) for u in units]
        digests = [cache.digest(k) for k in keys]
        missing = [i for i, d in enumerate(digests) if d is None]
        if missing:
            # while the workers parse, the main process would idle: it loads the cached
            # files' facts, which the run needs unless the result turns out to be stored
            cached = iter(i for i, d in enumerate(digests) if d is not None)
            preload = Preloader(cache, keys, cached, copies)
            outs = extract(opts, [units[i] for i in missing], root, cache, frontend,
                           meanwhile=preload, landed=lambda i, f: copies(missing[i], f))
            parsed = dict(zip(missing, outs))
            for i in missing:      # the workers that stored an entry say its digest
                digests[i] = parsed[i].digest or cache.digest(keys[i])
        rkey = result_key(cache, opts, units, digests, report_files, mode, whole)
        stored = resultcache.load(opts.cache_dir, rkey, root) if rkey else None
        if stored is not None:
            return Result(root=root, mode=mode, files=sorted(report_files), facts=[],
                          program=None, analysis=None, findings=stored["findings"],
                          failures=stored["failures"],
                          seconds={"extract": time.perf_counter() - t0, "analyse": 0.0},
                          from_cache=len(units) - len(parsed), excluded=len(sel.excluded),
                          notes=list(sel.notes) + stored["notes"], flags_from=flags_from,
                          units=len(units), lost_statements=stored["lost_statements"],
                          recovered=stored["recovered"], edits=stored["edits"])
        if preload is not None:
            parsed.update(preload.loaded)
    outcomes = extract(opts, units, root, cache, frontend, parsed, landed=copies)
    all_facts: list[FileFacts] = []
    failures: list[tuple[str, str]] = []
    for u, out in zip(units, outcomes):
        rel = paths(str(u.path))
        if out.error:
            failures.append((rel, out.error))
        if out.facts is not None:
            all_facts.append(out.facts)
    t1 = time.perf_counter()
    gc.freeze()        # the facts live to the end of the run: never scan them again
    program = link(all_facts, opts.knowledge, whole)
    analysis = propagate(program, everything=opts.every_function,
                         knowledge=opts.knowledge)
    notes = []
    a = analysis
    if a.dropped_instances or a.dropped_states or a.unfinished:
        notes.append(f"propagation bounds reached: {a.dropped_instances} function instances and "
                     f"{a.dropped_states} block states dropped, {a.unfinished} instances left "
                     "unanalysed; findings on those paths may be missing")
    if a.balanced_cycle_functions:
        notes.append(f"{a.balanced_cycle_functions} functions in recursive call cycles larger "
                     "than the analysis summarises are assumed to return with the locks and "
                     "interrupt state they were called with")
    findings = run_rules(analysis, report_files)
    t2 = time.perf_counter()
    result = Result(root=root, mode=mode, files=sorted(report_files), facts=all_facts,
                    program=program, analysis=analysis, findings=findings, failures=failures,
                    seconds={"extract": t1 - t0, "analyse": t2 - t1},
                    from_cache=sum(1 for o in outcomes if o.from_cache),
                    excluded=len(sel.excluded), notes=notes, flags_from=flags_from,
                    units=len(units), lost_statements=sum(f.lost_statements for f in all_facts),
                    recovered=sum(f.recovered for f in all_facts))
    if rkey is not None:
        from .fixes import Fixer
        fixer = Fixer(result)
        edits = [fixer.edit(f) for f in findings]
        resultcache.store(opts.cache_dir, rkey, result, edits, fixer.read_files())
        result.edits = dict(zip(findings, edits))    # the reports use these, not anew
    result.notes = list(sel.notes) + notes
    return result


def extract(opts: Options, units, root: Path, cache, frontend: str, parsed=None,
            meanwhile=None, landed=None):
    return extract_all(units, opts.knowledge, root, kbuild.STUBS, max(1, opts.jobs), cache,
                       opts.file_timeout, opts.progress,
                       executor=opts.executor if frontend == "clang" else None,
                       frontend=frontend, known=parsed, meanwhile=meanwhile, landed=landed)


class Preloader:
    """Loads cached facts one file per call (extract_all's `meanwhile`)."""

    def __init__(self, cache: Cache, keys: list[str], todo, landed) -> None:
        self.cache, self.keys, self.todo, self.landed = cache, keys, todo, landed
        self.loaded: dict[int, Outcome] = {}

    def __call__(self) -> bool:
        i = next(self.todo, None)
        if i is None:
            return False
        found = self.cache.outcome(self.keys[i])
        if found is not None:        # else: extract_all finds it absent and parses it
            self.loaded[i] = found
            if found.facts is not None:
                self.landed(i, found.facts)
        return True


def result_key(cache: Cache, opts: Options, units, digests, report_files,
               mode: str, whole: list[str]) -> str | None:
    """The result cache's key for this run (resultcache): the digests of every file's facts
    (not of its source: a comment edited changes no facts, and no finding). None when some
    file has no facts in the cache (then the run analyses and stores nothing)."""
    if opts.every_function or None in digests:
        return None        # explain needs the whole analysis, not findings
    entries = [(str(u.path), d) for u, d in zip(units, digests)]
    # the same files named one by one or as their directory: private_functions differs
    return resultcache.result_key(cache.salt, opts.knowledge, entries, report_files,
                                  {"mode": mode, "whole": whole})
