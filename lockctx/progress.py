"""Progress on stderr for long runs: a bar on a terminal, periodic plain lines otherwise."""
from __future__ import annotations

import sys
import time


class PlainProgress:
    """One line every `every` seconds: files done/total, rate, ETA."""

    def __init__(self, every: float = 10.0, stream=None):
        self.every = every
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self.last = self.start
        self.cached = 0
        self.printed = False

    def __call__(self, done: int, total: int, path, from_cache: bool) -> None:
        self.cached += from_cache
        now = time.monotonic()
        # short runs print nothing; long ones a line every `every` seconds and a last one
        if now - self.last < self.every and not (done == total and self.printed):
            return
        self.last = now
        self.printed = True
        rate = done / max(now - self.start, 1e-6)
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
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeRemainingColumn)
        self.bar = Progress(TextColumn("lockctx"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                            TextColumn("{task.fields[file]}"), console=Console(stderr=True),
                            transient=True)
        self.task = None
        self.start = time.monotonic()
        self.bar.start()

    def __call__(self, done: int, total: int, path, from_cache: bool) -> None:
        if self.task is None:
            self.task = self.bar.add_task("files", total=total, rate="", file="")
        rate = done / max(time.monotonic() - self.start, 1e-6)
        self.bar.update(self.task, completed=done, rate=f"{rate:.1f} files/s",
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
