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


# a driver that takes its lock through a wrapper only rules can teach (FOO_GRAB_RULES): with
# them, LC001 at line 8 (foo_probe's foo_grab with interrupts on, the handler's spin_lock)
FOO_GRAB = """#include <linux/interrupt.h>
#include <linux/spinlock.h>
struct foo { spinlock_t lock; };
extern void foo_grab(spinlock_t *l);
extern void foo_drop(spinlock_t *l);
static struct foo *the_foo;
static irqreturn_t foo_irq(int irq, void *d) { spin_lock(&the_foo->lock); spin_unlock(&the_foo->lock); return IRQ_HANDLED; }
int foo_probe(int irq) { foo_grab(&the_foo->lock); foo_drop(&the_foo->lock); return request_irq(irq, foo_irq, 0, "foo", 0); }
"""
FOO_GRAB_RULES = ('[[lock]]\nname = "foo_grab"\nlock_arg = 0\nkind = "spin"\n'
                  'acquire = "exclusive"\n[[unlock]]\nname = "foo_drop"\nkind = "spin"\n')
