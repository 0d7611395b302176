#!/usr/bin/env python3
"""lockctx on a real tree against the libclang parse floor: cold, warm and one-file re-runs.

    python benchmarks/bench_tree.py TREE PATH [PATH...] [-j N]

floor    the same files (same selection, same flags) parsed by libclang alone, N processes
cold     `lockctx check` with an empty cache
warm     again, nothing changed
one-file after appending a comment to one .c file (its facts do not change: the last
         result is read back), then after appending a function to it (the whole program is
         analysed again); the file is restored afterwards, byte for byte
Peak RSS is the lockctx main process's (it holds the whole-program model); the parser
workers are separate processes of about one TU each.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from lockctx import frontend, kbuild, pipeline, sources  # noqa: E402


def parse_only(unit) -> None:
    path, flags = unit
    frontend.parse(path, list(flags))


def floor(units, jobs: int) -> float:
    # in lockctx's order (extract_all: biggest files first), so that the floor is not
    # longer than it need be by a big file handed out last
    todo = sorted(((str(u.path), u.flags) for u in units), key=lambda t: -os.stat(t[0]).st_size)
    t0 = time.perf_counter()
    with Pool(jobs) as pool:
        pool.map(parse_only, todo, chunksize=1)
    return time.perf_counter() - t0


def lockctx(tree: Path, paths: list[str], jobs: int, cache: Path) -> tuple[float, int, str]:
    """(wall seconds, peak RSS KiB of the main process, summary line)."""
    cmd = ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "lockctx", "check", "-j",
           str(jobs), "--cache-dir", str(cache), "--format", "sarif", "-o", os.devnull, *paths]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=tree, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    lines = r.stderr.strip().splitlines()
    summary = next((l for l in reversed(lines) if "files analysed" in l), r.stderr[-300:])
    return wall, int(lines[-1]) if lines and lines[-1].isdigit() else 0, summary


# a function more: the file's facts change (a comment alone changes none, and the run reads
# the last result back), so this re-run links, propagates and checks the whole program again
CODE_EDIT = b"\nstatic void __maybe_unused lockctx_bench_edit(void) { }\n"


def edited(victim: Path, tail: bytes, root: Path, a, cache: Path) -> tuple[float, int, str]:
    """lockctx re-run after appending `tail` to one file (restored afterwards, byte for byte)."""
    original = victim.read_bytes()
    st = victim.stat()
    try:
        victim.write_bytes(original + tail)
        return lockctx(root, a.paths, a.j, cache)
    finally:
        victim.write_bytes(original)
        os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("tree", type=Path)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--no-floor", action="store_true", help="skip the parse-only pass")
    a = ap.parse_args()
    tree = kbuild.Tree(a.tree.resolve())
    sel = sources.select([tree.root / p for p in a.paths], [], tree, None, False)
    # the floor parses what lockctx parses: not the .c files another one #includes
    # (kernel/sched/build_policy.c's), which parsed alone are hundreds of errors each
    units, included = pipeline.translation_units(sel)
    print(f"{' '.join(a.paths)}: {len(units)} translation units (+ {len(included)} #included), "
          f"{len(sel.excluded)} not built, -j{a.j}")
    fl = None if a.no_floor else floor(units, a.j)
    cache = Path(tempfile.mkdtemp(prefix="lockctx-bench-cache-"))
    try:
        cold, rss_cold, s_cold = lockctx(tree.root, a.paths, a.j, cache)
        warm, rss_warm, s_warm = lockctx(tree.root, a.paths, a.j, cache)
        victim = units[len(units) // 2].path
        one, rss_one, s_one = edited(victim, b"\n/* lockctx benchmark */\n", tree.root, a, cache)
        code, rss_code, s_code = edited(victim, CODE_EDIT, tree.root, a, cache)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    rows = [("floor (parse only)", fl, ""), ("cold", cold, s_cold), ("warm", warm, s_warm),
            ("one-file (comment)", one, s_one), ("one-file (code)", code, s_code)]
    print(f"  edited: {victim.relative_to(tree.root)}")
    for name, secs, summ in rows:
        if secs is not None:
            print(f"  {name:<19} {secs:8.1f} s   {summ}")
    ratios = [f"cold/floor {cold / fl:.2f}"] if fl else []
    ratios += [f"warm/cold {warm / cold:.3f}", f"one-file/cold {one / cold:.3f} (comment), "
               f"{code / cold:.3f} (code)",
               f"peak RSS {max(rss_cold, rss_warm, rss_one, rss_code) / 1024:.0f} MiB"]
    print("  " + "   ".join(ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
