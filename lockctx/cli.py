"""Command line: `lockctx check`, `lockctx rules`, `lockctx explain`, `lockctx lsp`.

Exit codes: 0 no findings, 1 findings (0 with --exit-zero), 2 usage or input error,
3 lockctx itself failed (one line on stderr naming the file with the full traceback).
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from . import baseline as baseline_mod
from . import since as since_mod
from . import suppress as suppress_mod
from .errors import one_line
from .explain import explain_text, lock_text
from .extract import default_cache_dir
from .knowledge import RulesError, load_knowledge
from .progress import make_progress
from .pipeline import InputError, Options, Result, run
from .rules.common import CONFIDENCE

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Find locking bugs that depend on execution context in Linux kernel C.")

FORMATS = ("text", "json", "sarif", "gcc", "dot")


class UsageError(Exception):
    pass


def load(rules: list[Path], no_default_rules: bool):
    if no_default_rules and not rules:
        raise UsageError("--no-default-rules needs at least one --rules FILE")
    return load_knowledge(rules, use_default=not no_default_rules)


def check_output(output: Optional[Path], inputs: list[Path]) -> None:
    """Refuse, before any work, to write the report over an input or into a directory."""
    if output is None:
        return
    out = output.resolve()
    for p in inputs:
        if p.resolve() == out or (p.is_dir() and p.resolve() in out.parents and out.suffix == ".c"):
            raise UsageError(f"{output}: refusing to overwrite an input file with the report")
    if out.is_dir():
        raise UsageError(f"{output}: is a directory")
    if not out.parent.is_dir():
        raise UsageError(f"{output}: directory {out.parent} does not exist")


def write_output(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    out = output.resolve()
    # write beside the target and rename, so an interrupted run never leaves half a report
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, out)


@dataclass
class RunOpts:
    """The options `check` and `explain` share beyond the PATHs."""
    jobs: int = 0
    cache_dir: Optional[Path] = None
    no_cache: bool = False
    database: Optional[Path] = None
    build_dir: Optional[Path] = None
    all_files: bool = False
    context: list = dc_field(default_factory=list)
    file_timeout: Optional[float] = None
    quiet: bool = True
    executor: str = "local"            # local | dask
    scheduler: Optional[str] = None    # a Dask scheduler's address
    configs: list = dc_field(default_factory=list)    # multiconfig.Config, from --tree
    frontend: str = "clang"            # clang | pycparser
    forced_threading: bool = False     # the `threadirqs` view of interrupt handlers
    open_world: bool = False           # no closed-world inference (Options.open_world)


def analyse(paths, rules, no_default_rules, kernel_tree, standalone, every=False,
            ro: RunOpts | None = None, prepared=None) -> Result:
    ro = ro or RunOpts()
    knowledge = load(rules, no_default_rules)
    knowledge.forced_threading = ro.forced_threading
    if not paths and not ro.configs:
        raise UsageError("no PATH given: name the .c files or directories to check")
    if ro.jobs < 0:
        raise UsageError("-j must be at least 1")
    if ro.file_timeout is not None and ro.file_timeout <= 0:
        raise UsageError("--file-timeout must be a positive number of seconds")
    cache_dir = None if ro.no_cache else (ro.cache_dir or default_cache_dir())
    progress = make_progress(ro.quiet)
    executor = None
    try:
        if ro.executor != "local" or ro.scheduler:
            from .executor_dask import executor_for
            executor = executor_for(ro.executor, ro.scheduler, ro.jobs or os.cpu_count() or 1)
        opts = (Options(paths=list(paths or []), knowledge=knowledge, kernel_tree=kernel_tree,
                           standalone=standalone, every_function=every,
                           jobs=ro.jobs or os.cpu_count() or 1, cache_dir=cache_dir,
                           database=ro.database, build_dir=ro.build_dir,
                           all_files=ro.all_files, context=list(ro.context),
                           file_timeout=ro.file_timeout, progress=progress,
                           root=prepared[0] if prepared else None,
                           selection=prepared[1] if prepared else None, executor=executor,
                           frontend=ro.frontend, open_world=ro.open_world))
        if ro.configs:
            from .multiconfig import run_configs
            return run_configs(opts, ro.configs)
        return run(opts)
    finally:
        if executor is not None:
            executor.close()
        if progress is not None:
            progress.close()


def summary_line(result: Result, seconds: float, suppressed: int = 0) -> str:
    return (f"lockctx: {len(result.files)} files analysed ({result.from_cache} from cache, "
            f"{result.excluded} not built in this configuration), {len(result.failures)} "
            f"failed to parse, {len(result.findings)} findings"
            + (f", {suppressed} suppressed" if suppressed else "") + f", {seconds:.1f} s")


PathsArg = typer.Argument(None, help="C files or directories to analyse.", show_default=False)
RulesOpt = typer.Option([], "--rules", help="Extra rules.toml (repeatable); extends the built-in.")
NoDefaultOpt = typer.Option(False, "--no-default-rules", help="Do not load the built-in rules.toml.")
TreeOpt = typer.Option(None, "--kernel-tree", help="A prepared kernel tree (make defconfig prepare).")
StandaloneOpt = typer.Option(False, "--standalone", help="Parse with the bundled stub headers.")
JobsOpt = typer.Option(0, "-j", "--jobs", help="Parallel parser processes (default: CPU count).")
CacheDirOpt = typer.Option(None, "--cache-dir", help="Facts cache (default: ~/.cache/lockctx).")
NoCacheOpt = typer.Option(False, "--no-cache", help="Neither read nor write the facts cache.")
DatabaseOpt = typer.Option(None, "-p", "--compile-commands",
                           help="compile_commands.json to take files and flags from.")
BuildDirOpt = typer.Option(None, "--build-dir", help="Out-of-tree build directory (make O=DIR).")
AllFilesOpt = typer.Option(False, "--all-files",
                           help="Also analyse files this configuration does not build.")
ContextOpt = typer.Option([], "--context-from",
                          help="More sources whose facts feed the call graph, not reported.")
TimeoutOpt = typer.Option(None, "--file-timeout", help="Give up on one file after SECONDS.")
QuietOpt = typer.Option(False, "--quiet", "-q", help="No progress or summary on stderr.")


@app.command()
def check(
    paths: Optional[List[Path]] = PathsArg,
    format: str = typer.Option("text", "--format", "-f", help="text | json | sarif | gcc | dot"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the report here."),
    category: Optional[str] = typer.Option(
        None, "--category", help="SARIF: code scanning category (automationDetails.id NAME/)."),
    baseline: Optional[Path] = typer.Option(
        None, "--baseline", help="An earlier SARIF report: mark results new/unchanged/absent."),
    new_only: bool = typer.Option(False, "--new-only",
                                  help="With --baseline: report only the new findings."),
    since: Optional[str] = typer.Option(
        None, "--since", help="Only findings whose site or paths touch lines changed since "
                              "this git revision (git diff REV)."),
    ignore_file: Optional[Path] = typer.Option(
        None, "--ignore-file", help="Suppressions to use instead of the root's .lockctx-ignore."),
    min_confidence: str = typer.Option(
        "low", "--min-confidence",
        help="low | medium | high: leave out findings whose paths rely on wide indirect "
             "calls (low) or on roots with no known caller (medium)."),
    rules: List[Path] = RulesOpt,
    no_default_rules: bool = NoDefaultOpt,
    kernel_tree: Optional[Path] = TreeOpt,
    standalone: bool = StandaloneOpt,
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even with findings."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Colour text output."),
    jobs: int = JobsOpt, cache_dir: Optional[Path] = CacheDirOpt, no_cache: bool = NoCacheOpt,
    database: Optional[Path] = DatabaseOpt, build_dir: Optional[Path] = BuildDirOpt,
    all_files: bool = AllFilesOpt, context: List[Path] = ContextOpt,
    file_timeout: Optional[float] = TimeoutOpt, quiet: bool = QuietOpt,
    from_cache: bool = typer.Option(
        False, "--from-cache", help="The PATHs are object trees (default: the current "
        "directory) where `make C=1 CHECK=\"lockctx kbuild\"` ran: analyse the files it "
        "checked, with the build's flags, from the facts cache."),
    executor: str = typer.Option(
        "local", "--executor", help="local: a process pool here; dask: a Dask cluster (the "
        "--scheduler's, else a LocalCluster of -j workers); needs the `dask` extra."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="A Dask scheduler, tcp://HOST:PORT: parse on its workers."),
    trees: List[Path] = typer.Option(
        [], "--tree", help="A configuration (repeatable): a prepared kernel tree or make O= "
        "build directory (with --standalone, a source directory); PATHs are inside each."),
    config_names: List[str] = typer.Option(
        [], "--config-name", help="NAME=DIR: a configuration, named (repeatable)."),
    frontend: str = typer.Option(
        "clang", "--frontend", help="clang (libclang) | pycparser: pure Python, with the "
        "system C preprocessor; standalone (stub header) mode only."),
    forced_threading: bool = typer.Option(
        False, "--forced-threading", help="Analyse as with `threadirqs` (as PREEMPT_RT "
        "does): interrupt handlers not requested IRQF_NO_THREAD/ONESHOT/PERCPU run in a "
        "thread with hardirqs and BHs off. Each path says which view it assumes."),
    open_world: bool = typer.Option(
        False, "--open-world", help="Assume code outside the run may set any struct flag "
        "and call any function: no reasoning from what the directories analysed whole do "
        "not contain (a flag nothing sets is false; a function declared only in their "
        "private header that nothing calls is dead)."),
):
    """Analyse C files or directories and report context-dependent locking bugs."""
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r} (choose text, json, sarif, gcc or dot)")
    if category is not None and format != "sarif":
        raise UsageError("--category applies to --format sarif only")
    if category is not None and not category.strip("/").strip():
        raise UsageError("--category needs a non-empty NAME")
    if new_only and baseline is None:
        raise UsageError("--new-only needs --baseline OLD.sarif")
    if min_confidence not in CONFIDENCE:
        raise UsageError(f"unknown confidence {min_confidence!r} (choose low, medium or high)")
    t0 = time.perf_counter()
    if from_cache and not paths:
        paths = [Path.cwd()]                 # the object tree make ran in
    check_output(output, list(paths or []))
    old = baseline_mod.load(baseline) if baseline is not None else None
    if ignore_file is not None and not ignore_file.is_file():
        raise UsageError(f"{ignore_file}: no such ignore file")
    # asked before the analysis, so that a bad REV fails at once (a missing PATH is left to
    # the analysis, whose error names it)
    changed = None
    if since is not None and paths and paths[0].exists():
        changed = since_mod.changed_lines(since, paths[0])
    ro = RunOpts(jobs, cache_dir, no_cache, database, build_dir, all_files, context,
                 file_timeout, quiet, executor, scheduler)
    if executor not in ("local", "dask"):
        raise UsageError(f"unknown executor {executor!r} (choose local or dask)")
    if frontend not in ("clang", "pycparser"):
        raise UsageError(f"unknown frontend {frontend!r} (choose clang or pycparser)")
    ro.frontend = frontend
    ro.forced_threading = forced_threading
    ro.open_world = open_world
    if trees or config_names:
        if kernel_tree is not None:
            raise UsageError("--kernel-tree and --tree/--config-name do not combine: "
                             "give each tree as --tree DIR")
        from .multiconfig import parse_configs
        ro.configs = parse_configs(list(trees), list(config_names))
    prepared = None
    if from_cache:
        prepared = from_cache_units(paths, ro, kernel_tree, standalone)
        paths = [prepared[0]]
    result = analyse(paths, rules, no_default_rules, kernel_tree, standalone, ro=ro,
                     prepared=prepared)
    if result.edits is not None:
        # the reports need the findings and the edits the run stored with them, not the
        # whole-program model: on a whole tree that is most of the memory, freed before the
        # reports build theirs
        result = replace(result, facts=[], program=None, analysis=None)
    from .report import ReportOptions, render
    sup = suppress_mod.apply(result.findings, result.root, result.files, ignore_file)
    for warning in sup.warnings:
        typer.echo(f"lockctx: warning: {warning}", err=True)
    result = replace(result, findings=sup.kept)
    floor = CONFIDENCE.index(min_confidence)
    if floor:
        result = replace(result, findings=[f for f in result.findings
                                           if CONFIDENCE.index(f.confidence) >= floor])
    comparison = baseline_mod.compare(result.findings, old) if old is not None else None
    if comparison is not None and new_only:
        findings, comparison = comparison.only_new(result.findings)
        result = replace(result, findings=findings)
    if changed is not None:
        # after the baseline comparison: a finding --since leaves out is not "absent"
        keep = [since_mod.touches(f, result.root, changed) for f in result.findings]
        result = replace(result, findings=[f for f, k in zip(result.findings, keep) if k])
        if comparison is not None:
            comparison = replace(comparison,
                                 states=[s for s, k in zip(comparison.states, keep) if k])
    use_color = color if color is not None else (output is None and sys.stdout.isatty())
    opts = ReportOptions(category=category, comparison=comparison, suppressed=sup.suppressed)
    write_output(render(format, result, color=use_color, opts=opts), output)
    if not quiet:
        for note in result.notes:
            typer.echo(f"lockctx: note: {note}", err=True)
        if format != "text" or output is not None:
            typer.echo(summary_line(result, time.perf_counter() - t0, sup.suppressed), err=True)
    if result.findings and not exit_zero:
        raise typer.Exit(1)


def from_cache_units(paths, ro: RunOpts, kernel_tree, standalone):
    """check --from-cache: (srctree, Selection) from the object trees' manifests."""
    from . import kbuild_mode
    from .sources import Selection
    for bad, name in ((ro.no_cache, "--no-cache"), (ro.database, "-p"),
                      (ro.build_dir, "--build-dir"), (ro.all_files, "--all-files"),
                      (ro.context, "--context-from"), (kernel_tree, "--kernel-tree"),
                      (standalone, "--standalone")):
        if bad:
            raise UsageError(f"--from-cache takes the files and flags from the build: "
                             f"{name} does not apply")
    if not ro.cache_dir:
        ro.cache_dir = kbuild_mode.cache_root()
    sel, roots, merged = Selection(), set(), {}
    try:
        for objtree in paths or [Path.cwd()]:
            if not objtree.is_dir():
                raise UsageError(f"{objtree}: not a directory (--from-cache takes object trees)")
            root, units, notes = kbuild_mode.load_manifest(objtree, ro.cache_dir)
            roots.add(root)
            for u in units:            # two directories of one tree: one manifest, read twice
                old = merged.get(u.path)
                merged[u.path] = replace(u, report=u.report or (old is not None and old.report))
            sel.notes += [n for n in notes if n not in sel.notes]
    except kbuild_mode.KbuildError as exc:
        raise InputError(str(exc)) from None
    sel.units = list(merged.values())
    if len(roots) > 1:
        raise UsageError("--from-cache: the object trees are builds of different source trees")
    return roots.pop(), sel


@app.command("kbuild", context_settings={"allow_extra_args": True,
                                         "ignore_unknown_options": True})
def kbuild_cmd(ctx: typer.Context):
    """Kbuild's checker: make C=1 CHECK="lockctx kbuild" (C=2 for every object). Extracts
    each compiled file's facts, with its exact flags, into the cache ($LOCKCTX_CACHE_DIR or
    the default) for `lockctx check --from-cache`. lockctx's own --rules FILE /
    --no-default-rules go first (CHECK="lockctx kbuild --rules my.toml"); pass the same to
    check --from-cache. Always exits 0."""
    from . import kbuild_mode
    raise typer.Exit(kbuild_mode.main(list(ctx.args)))


@app.command("rules")
def rules_cmd(markdown: bool = typer.Option(False, "--markdown", help="Markdown, as in SARIF help.")):
    """Describe every rule: what it finds, why it is a bug, an example and the fix."""
    from .rules import all_docs
    docs = all_docs()
    if markdown:
        typer.echo("\n".join(d.markdown() for d in docs))
        return
    for d in docs:
        typer.echo(f"{d.code} {d.name} ({d.level})")
        for h, t in d.sections.items():
            body = t if h == "Example" else t
            indent = "        " if h == "Example" else "    "
            typer.echo(f"  {h}:")
            for line in body.split("\n"):
                typer.echo(f"{indent}{line}" if line else "")
        typer.echo("")


@app.command()
def explain(
    function: str = typer.Argument(
        ..., help="The function to explain, or a lock class (seamldr_lock, 'struct foo.lock')."),
    paths: Optional[List[Path]] = PathsArg,
    rules: List[Path] = RulesOpt,
    no_default_rules: bool = NoDefaultOpt,
    kernel_tree: Optional[Path] = TreeOpt,
    standalone: bool = StandaloneOpt,
    jobs: int = JobsOpt, cache_dir: Optional[Path] = CacheDirOpt, no_cache: bool = NoCacheOpt,
    database: Optional[Path] = DatabaseOpt, build_dir: Optional[Path] = BuildDirOpt,
):
    """Show the contexts and interrupt states FUNCTION is reached in, each with its path; or,
    for a LOCK, every site that takes it, the states each is reached in, and a path to each."""
    ro = RunOpts(jobs, cache_dir, no_cache, database, build_dir)
    result = analyse(paths, rules, no_default_rules, kernel_tree, standalone, every=True, ro=ro)
    text = explain_text(result.analysis, function) or lock_text(result.analysis, function)
    if not text:
        raise UsageError(f"{function}: no such function or lock in the analysed files")
    typer.echo(text, nl=False)


@app.command()
def lsp(
    rules: List[Path] = RulesOpt,
    no_default_rules: bool = NoDefaultOpt,
    kernel_tree: Optional[Path] = TreeOpt,
    standalone: bool = StandaloneOpt,
    jobs: int = typer.Option(1, "-j", "--jobs",
                             help="Parser processes for a directory's first analysis."),
    cache_dir: Optional[Path] = CacheDirOpt, no_cache: bool = NoCacheOpt,
    no_context: bool = typer.Option(False, "--no-context",
                                    help="Analyse the file alone, not with its directory."),
):
    """Language server on stdin/stdout: diagnostics on open/save of a .c file, quick fixes."""
    from .lsp import Config, serve
    if jobs < 1:
        raise UsageError("-j must be at least 1")
    knowledge = load(rules, no_default_rules)
    serve(Config(knowledge=knowledge, kernel_tree=kernel_tree, standalone=standalone,
                 cache_dir=None if no_cache else (cache_dir or default_cache_dir()),
                 jobs=jobs, context=not no_context))


@app.callback(invoke_without_command=True)
def main_options(version: bool = typer.Option(False, "--version", help="Print the version.")):
    if version:
        typer.echo(f"lockctx {__version__}")
        raise typer.Exit(0)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] == ["kbuild"]:
        # the compiler's words go to the checker untouched (no option parsing: `--`, `-h`),
        # and nothing it meets may make the exit code non-zero
        from . import kbuild_mode
        return kbuild_mode.main(args[1:])
    try:
        rc = app(args=argv, standalone_mode=False, prog_name="lockctx")
        return rc if isinstance(rc, int) else 0
    except typer.Exit as exc:
        return exc.exit_code
    except (UsageError, InputError, RulesError, baseline_mod.BaselineError,
            since_mod.SinceError) as exc:
        typer.echo(f"lockctx: error: {one_line(str(exc))}", err=True)
        return 2
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        import click
        if isinstance(exc, click.exceptions.Abort):
            return 130
        if isinstance(exc, click.ClickException):
            exc.show()
            return 2
        try:
            fd, path = tempfile.mkstemp(prefix="lockctx-crash-", suffix=".txt")
            with os.fdopen(fd, "w") as fh:
                traceback.print_exc(file=fh)
            where = f"full traceback in {path}"
        except OSError as err:          # no writable temporary directory: still one line
            where = f"the traceback could not be written: {err.strerror}"
        typer.echo(f"lockctx: internal error: {type(exc).__name__}: {one_line(str(exc))} "
                   f"({where})", err=True)
        return 3
