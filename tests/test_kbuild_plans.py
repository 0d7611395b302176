"""Kbuild verdicts are kept across runs and thrown away when a kbuild input changes.

A warm run must not evaluate every Makefile of the tree again (seconds on a real tree), but a
changed configuration or Makefile must change what is analysed.
"""
import os
from pathlib import Path

import pytest

from lockctx import kbuild, kbuild_walk


def make_tree(root: Path, config: str = "CONFIG_FOO=y\n") -> Path:
    for d in ("include/linux", "include/config", "include/generated", "scripts", "arch/x86",
              "drv"):
        (root / d).mkdir(parents=True, exist_ok=True)
    for f in ("Kconfig", "scripts/Kbuild.include", "scripts/Makefile.compiler",
              "arch/x86/Makefile", "include/generated/autoconf.h", "drv/a.c", "drv/b.c"):
        (root / f).touch()
    (root / "Makefile").write_text("all:\n")
    (root / "Kbuild").write_text("obj-y += drv/\n")
    (root / "drv/Makefile").write_text("obj-$(CONFIG_FOO) += a.o\nobj-$(CONFIG_BAR) += b.o\n")
    (root / "include/config/auto.conf").write_text(config)
    return root


@pytest.fixture
def fresh(monkeypatch):
    """Each Plans as in a new process: no walk left in memory; count walks."""
    walks = []
    real = kbuild_walk.KbuildWalk

    def counting(*a, **kw):
        walks.append(a)
        return real(*a, **kw)

    monkeypatch.setattr(kbuild, "KbuildWalk", counting)

    def plans(tree, cache):
        kbuild._WALKS.clear()
        return kbuild.Plans(tree, cache)
    return plans, walks


def verdicts(plans, root):
    out = {n: plans.get(root / "drv" / n)[0] for n in ("a.c", "b.c")}
    plans.save()
    return out


def test_second_run_reuses_verdicts_without_walking(tmp_path, fresh):
    plans, walks = fresh
    tree = kbuild.Tree(make_tree(tmp_path / "linux"))
    first = verdicts(plans(tree, tmp_path / "cache"), tree.root)
    assert first == {"a.c": kbuild_walk.BUILT, "b.c": kbuild_walk.NOT_BUILT}
    assert len(walks) == 1
    again = plans(tree, tmp_path / "cache")
    assert verdicts(again, tree.root) == first
    assert len(walks) == 1, "nothing changed, yet the Makefiles were evaluated again"


@pytest.mark.parametrize("change", ["config", "makefile", "new kbuild file"])
def test_changed_kbuild_input_walks_again(tmp_path, fresh, change):
    plans, walks = fresh
    root = make_tree(tmp_path / "linux")
    tree = kbuild.Tree(root)
    verdicts(plans(tree, tmp_path / "cache"), root)
    if change == "config":
        (root / "include/config/auto.conf").write_text("CONFIG_BAR=y\n")
        expect = {"a.c": kbuild_walk.NOT_BUILT, "b.c": kbuild_walk.BUILT}
    elif change == "makefile":
        # same size, so only the mtime tells: make sure it moves
        (root / "drv/Makefile").write_text("obj-$(CONFIG_FOO) += b.o\nobj-$(CONFIG_BAR) += a.o\n")
        st = os.stat(root / "drv/Makefile")
        os.utime(root / "drv/Makefile", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
        expect = {"a.c": kbuild_walk.NOT_BUILT, "b.c": kbuild_walk.BUILT}
    else:
        # drv/ gains a Kbuild file, which make reads instead of the Makefile
        (root / "drv/Kbuild").write_text("obj-y += a.o b.o\n")
        expect = {"a.c": kbuild_walk.BUILT, "b.c": kbuild_walk.BUILT}
    assert verdicts(plans(tree, tmp_path / "cache"), root) == expect
    assert len(walks) == 2


def test_object_files_written_beside_makefiles_keep_the_verdicts(tmp_path, fresh):
    """A build writes .o and .cmd files into every directory: not a kbuild change."""
    plans, walks = fresh
    root = make_tree(tmp_path / "linux")
    tree = kbuild.Tree(root)
    verdicts(plans(tree, tmp_path / "cache"), root)
    (root / "drv/a.o").write_bytes(b"\x7fELF")
    (root / "drv/.a.o.cmd").write_text("cmd_drv/a.o := gcc ...\n")
    verdicts(plans(tree, tmp_path / "cache"), root)
    assert len(walks) == 1


@pytest.mark.parametrize("garbage", ["", "{", '{"format": 1, "stamps": [], "files": 3}', "[]"])
def test_corrupt_plans_are_rebuilt(tmp_path, fresh, garbage):
    plans, walks = fresh
    root = make_tree(tmp_path / "linux")
    tree = kbuild.Tree(root)
    first = verdicts(plans(tree, tmp_path / "cache"), root)
    for f in (tmp_path / "cache/kbuild").iterdir():
        f.write_text(garbage)
    assert verdicts(plans(tree, tmp_path / "cache"), root) == first
    assert len(walks) == 2


def test_function_tracer_config_defines_cc_using_fentry(tmp_path):
    """With CONFIG_FUNCTION_TRACER (allmodconfig), Kbuild compiles with -DCC_USING_FENTRY
    (after a compiler probe lockctx does not run); without it arch/x86's asm/ftrace.h is an
    #error, and such files failed to parse. Without the option, no such macro."""
    kbuild._WALKS.clear()
    tree = kbuild.Tree(make_tree(tmp_path / "on", "CONFIG_FOO=y\nCONFIG_FUNCTION_TRACER=y\n"
                                 "CONFIG_HAVE_FENTRY=y\n"))
    assert "-DCC_USING_FENTRY" in kbuild.kernel_flags(tree, tree.root / "drv/a.c")
    tree = kbuild.Tree(make_tree(tmp_path / "off", "CONFIG_FOO=y\nCONFIG_HAVE_FENTRY=y\n"))
    assert "-DCC_USING_FENTRY" not in kbuild.kernel_flags(tree, tree.root / "drv/a.c")
