#!/usr/bin/env python3
"""Which files of a kernel tree libclang cannot parse with the flags lockctx synthesizes.

    python benchmarks/parse_failures.py [TREE] [PATH...] [--files LIST [--skipped]] [-j N]
                                        [--all-errors]

Files are chosen exactly as `lockctx check PATH...` chooses them (sources.select, then the
.c files another source #includes are dropped); with --files, the listed files (one a line,
relative to TREE) are looked up in the selection of their directories, and the ones lockctx
would not analyse are counted apart (--skipped says why). Each file is parsed with the flags lockctx computes for
it; every file with an error-severity diagnostic is printed with its first error, then the
counts. No facts are extracted and nothing is cached: this measures the flags alone.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from multiprocessing import Pool
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import clang.cindex as ci  # noqa: E402

from lockctx import frontend, kbuild, pipeline, sources  # noqa: E402

DEFAULT_TREE = os.environ.get("LOCKCTX_KERNEL_TREE", "/var/cache/lockctx/linux-6.12")


def errors_of(unit: tuple[str, tuple[str, ...], bool]) -> tuple[str, list[str]]:
    """(path, error diagnostics as 'file:line:col: message'), or the parse failure."""
    path, flags, _ = unit
    try:
        tu = frontend.parse(path, list(flags))
    except frontend.ParseFailure as exc:
        return path, [str(exc)]
    out = []
    for d in tu.diagnostics:
        if d.severity >= ci.Diagnostic.Error:
            f = d.location.file
            out.append(f"{f.name if f else path}:{d.location.line}:{d.location.column}: "
                       f"{d.spelling}")
    return path, out


def select(tree: kbuild.Tree, paths: list[Path]) -> tuple[list[sources.Unit], set[Path]]:
    """(the translation units `lockctx check PATHS` would parse, the .c files it analyses
    through the sources that #include them)."""
    return pipeline.translation_units(sources.select(paths, [], tree, None, False))


def why_not(tree: kbuild.Tree, path: Path, through_includer: set[Path]) -> str:
    if path in through_includer:
        return "analysed through the source that #includes it"
    return kbuild.walk_of(tree).verdict(path)[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("tree", nargs="?", type=Path, default=Path(DEFAULT_TREE))
    ap.add_argument("paths", nargs="*", help="files or directories (default: the whole tree)")
    ap.add_argument("--files", type=Path, help="a list of files, one a line, relative to TREE")
    ap.add_argument("-j", type=int, default=1, help="parser processes (default 1)")
    ap.add_argument("--all-errors", action="store_true", help="every error, not the first")
    ap.add_argument("--skipped", action="store_true",
                    help="with --files: say why each listed file lockctx skips is skipped")
    a = ap.parse_args()
    tree = kbuild.Tree(a.tree.resolve())
    t0 = time.perf_counter()
    wanted: list[Path] | None = None
    if a.files:
        wanted = [(tree.root / line.strip()).resolve()
                  for line in a.files.read_text().splitlines() if line.strip()]
        wanted = [p for p in wanted if p.is_file()]
        dirs = sorted({p.parent for p in wanted})
        units, through_includer = select(tree, dirs)
        units = [u for u in units if u.path in set(wanted)]
        if a.skipped:
            analysed = {u.path for u in units}
            for p in wanted:
                if p not in analysed:
                    print(f"{p.relative_to(tree.root)}: not analysed: "
                          f"{why_not(tree, p, through_includer)}")
    else:
        units = select(tree, [tree.root / p for p in a.paths] or [tree.root])[0]
    t1 = time.perf_counter()
    with Pool(max(1, a.j)) as pool:
        results = pool.imap(errors_of, [(str(u.path), u.flags, u.report) for u in units],
                            chunksize=1)
        failed = 0
        for path, errs in results:
            if errs:
                failed += 1
                rel = os.path.relpath(path, tree.root)
                shown = errs if a.all_errors else errs[:1]
                print(f"{rel}: {len(errs)} errors: " + "\n    ".join(
                    e.replace(str(tree.root) + "/", "") for e in shown), flush=True)
    t2 = time.perf_counter()
    skipped = f", {len(wanted) - len(units)} listed files not analysed by lockctx" \
        if wanted is not None else ""
    print(f"{failed} of {len(units)} files failed to parse{skipped} "
          f"(select {t1 - t0:.1f} s, parse {t2 - t1:.1f} s, -j{max(1, a.j)})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
