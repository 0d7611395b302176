"""Run the lockctx CLI as a user would: a subprocess."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "corpus"
EXAMPLE = REPO / "examples" / "seamldr.c"


def lockctx(*args, cwd=REPO, timeout=300) -> subprocess.CompletedProcess:
    # this checkout's package, whatever cwd is and wherever an editable install points
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)}
    return subprocess.run([sys.executable, "-m", "lockctx", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, env=env)


BUG = """
void foo_mon_reset(struct foo_mon *mon)
{
\tspin_lock(&mon->lock);
\tmon->errors = 0;
\tspin_unlock(&mon->lock);
}
"""


def add_bug(path: Path) -> None:
    """Move every line of `path` (a copy of corpus/trylock_in_task.c) down two, and add a
    function that takes the IRQ handler's lock with interrupts on: one new LC001."""
    path.write_text("/* moved down by two lines */\n\n" + path.read_text() + BUG)


def unprepared_tree(tmp_path: Path) -> Path:
    """A kernel tree lockctx recognises but that `make prepare` never ran in; returns a
    driver file in it."""
    tree = tmp_path / "linux"
    (tree / "include/linux").mkdir(parents=True)
    (tree / "Makefile").write_text("")
    (tree / "Kconfig").write_text("")
    (tree / "drivers").mkdir()
    drv = tree / "drivers/x.c"
    drv.write_text("int x;\n")
    return drv
