"""Progress on stderr for long runs: a bar on a terminal, periodic plain lines otherwise."""
from __future__ import annotations

import os
import sys
import time


# what parsing one file costs, in bytes of its own source: the headers every kernel file
# includes (a 1 KB file takes about a quarter of the time of a 280 KB one, sched/core.c)
FILE_COST = 64 * 1024


def parse_cost(path) -> int:
    try:
        return os.stat(path).st_size + FILE_COST
    except OSError:
        return FILE_COST


class Remaining:
    """The time left to parse, from the cost of the files parsed so far (parse_cost). The
    biggest files go first, so files per second alone would overestimate it several times
    over (two hours said after 18 minutes of a 61-minute run)."""

    def __init__(self):
        self.left = 0
        self.done = 0
        self.since = None

    def parsing(self, paths) -> None:
        self.left = sum(map(parse_cost, paths))
        self.since = time.monotonic()

    def parsed(self, path) -> None:
        cost = parse_cost(path)
        self.done += cost
        self.left = max(0, self.left - cost)

    def eta(self, now: float) -> float | None:
        if self.since is None or not self.done:
            return None
        return self.left * (now - self.since) / self.done


class PlainProgress:
    """One line every `every` seconds: files done/total, rate, ETA."""

    def __init__(self, every: float = 10.0, stream=None):
        self.every = every
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self.last = self.start
        self.cached = 0
        self.printed = False
        self.remaining = Remaining()

    def parsing(self, paths) -> None:
        """The files to parse (not in the cache), before the first one starts."""
        self.remaining.parsing(paths)

    def __call__(self, done: int, total: int, path, from_cache: bool) -> None:
        self.cached += from_cache
        if not from_cache:
            self.remaining.parsed(path)
        now = time.monotonic()
        # short runs print nothing; long ones a line every `every` seconds and a last one
        if now - self.last < self.every and not (done == total and self.printed):
            return
        self.last = now
        self.printed = True
        rate = done / max(now - self.start, 1e-6)
        eta = self.remaining.eta(now)
        if eta is None:
            eta = (total - done) / rate if rate else 0
        self.stream.write(f"lockctx: {done}/{total} files ({self.cached} from cache), "
                          f"{rate:.1f} files/s, ETA {eta:.0f} s\n")
        self.stream.flush()

    def close(self) -> None:
        pass


class BarProgress:
    """rich's progress bar: files done/total, rate and ETA."""

    def __init__(self):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
        self.bar = Progress(TextColumn("lockctx"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]}"), TextColumn("{task.fields[eta]}"),
                            TextColumn("{task.fields[file]}"), console=Console(stderr=True),
                            transient=True)
        self.task = None
        self.start = time.monotonic()
        self.remaining = Remaining()
        self.bar.start()

    def parsing(self, paths) -> None:
        self.remaining.parsing(paths)

    def __call__(self, done: int, total: int, path, from_cache: bool) -> None:
        if self.task is None:
            self.task = self.bar.add_task("files", total=total, rate="", eta="", file="")
        if not from_cache:
            self.remaining.parsed(path)
        now = time.monotonic()
        rate = done / max(now - self.start, 1e-6)
        eta = self.remaining.eta(now)
        self.bar.update(self.task, completed=done, rate=f"{rate:.1f} files/s",
                        eta="" if eta is None else f"ETA {eta:.0f} s",
                        file=getattr(path, "name", str(path)))

    def close(self) -> None:
        self.bar.stop()


def make_progress(quiet: bool):
    if quiet:
        return None
    if sys.stderr.isatty():
        try:
            return BarProgress()
        except ImportError:
            pass
    return PlainProgress()
