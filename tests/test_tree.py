"""Whole trees: file selection, the facts cache, parallel workers, compile databases.

The cache and -j tests run on the corpus with the stubs; the rest need the prepared reference
tree in $LOCKCTX_KERNEL_TREE (and, for the compile database, $LOCKCTX_COMPILE_DB: built by
.ci/run with `make kernel/irq/` and scripts/clang-tools/gen_compile_commands.py).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from pathlib import Path

import pytest

from helpers import CORPUS, EXAMPLE, lockctx

TREE = os.environ.get("LOCKCTX_KERNEL_TREE")
DB = os.environ.get("LOCKCTX_COMPILE_DB")
needs_tree = pytest.mark.skipif(not TREE, reason="LOCKCTX_KERNEL_TREE is not set")
SUMMARY = re.compile(r"lockctx: (\d+) files analysed \((\d+) from cache, (\d+) not built in "
                     r"this configuration\), (\d+) failed to parse, (\d+) findings")


def summary(r) -> dict:
    m = SUMMARY.search(r.stderr)
    assert m, r.stderr
    keys = ("files", "cached", "excluded", "failed", "findings")
    return dict(zip(keys, map(int, m.groups())))


def findings(r) -> list:
    return [(f["file"], f["line"], f["rule"]) for f in json.loads(r.stdout)["findings"]]


# ---- cache --------------------------------------------------------------------------------

@pytest.fixture
def program(tmp_path):
    """A three-file program: a.c and b.c include foo.h; c.c does not."""
    d = tmp_path / "prog"
    shutil.copytree(CORPUS / "shared_lock", d)
    (d / "c.c").write_text(EXAMPLE.read_text())
    return d


def check(d, cache, *extra):
    return lockctx("check", "--standalone", "--format", "json", "--cache-dir", cache, *extra, d)


def test_rerun_with_nothing_changed_parses_nothing(program, tmp_path):
    cache = tmp_path / "cache"
    cold = check(program, cache)
    warm = check(program, cache)
    assert summary(cold)["cached"] == 0
    assert summary(warm)["cached"] == summary(warm)["files"] == 3
    assert cold.stdout == warm.stdout


def test_editing_one_c_file_reparses_only_it(program, tmp_path):
    cache = tmp_path / "cache"
    cold = check(program, cache)
    c = program / "c.c"
    c.write_text(c.read_text() + "\n/* touched */\n")
    again = check(program, cache)
    assert summary(again)["cached"] == 2              # exactly one re-parse
    assert findings(again) == findings(cold)


def test_editing_a_header_reparses_its_includers(program, tmp_path):
    cache = tmp_path / "cache"
    check(program, cache)
    h = next(program.glob("*.h"))
    h.write_text(h.read_text() + "\n/* touched */\n")
    assert summary(check(program, cache))["cached"] == 1   # only c.c, which does not include it


def test_corrupt_cache_entries_are_rebuilt_not_trusted(program, tmp_path):
    cache = tmp_path / "cache"
    cold = check(program, cache)
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 3
    entries[0].write_text(entries[0].read_text()[:100])          # truncated
    doc = json.loads(entries[1].read_text())
    doc["facts"] = doc["facts"].replace('"path":"', '"path":"x', 1)   # tampered, still JSON
    entries[1].write_text(json.dumps(doc))
    doc = json.loads(entries[2].read_text())
    doc["format"] = "lockctx-cache/0"                              # another version's
    entries[2].write_text(json.dumps(doc))
    again = check(program, cache)
    assert summary(again)["cached"] == 0
    assert findings(again) == findings(cold)
    assert summary(check(program, cache))["cached"] == 3


def test_no_cache_writes_nothing(program, tmp_path):
    cache = tmp_path / "cache"
    r = check(program, cache, "--no-cache")
    assert summary(r)["cached"] == 0 and not cache.exists()


# ---- parallel -----------------------------------------------------------------------------

def test_j1_and_j2_give_identical_sarif():
    a = lockctx("check", "--standalone", "--no-cache", "-j1", "--format", "sarif", CORPUS)
    b = lockctx("check", "--standalone", "--no-cache", "-j2", "--format", "sarif", CORPUS)
    assert a.returncode == b.returncode == 1
    assert a.stdout == b.stdout


def test_file_timeout_stops_one_file_and_keeps_the_rest(tmp_path):
    slow = tmp_path / "slow.c"
    # each level doubles the tokens: 2**22 of them keep clang busy for seconds
    levels = ["#define X0(x) x, x"] + [f"#define X{i}(x) X{i - 1}(x), X{i - 1}(x)"
                                       for i in range(1, 22)]
    slow.write_text("\n".join(levels) + "\nint v[] = { X21(1) };\n")
    (tmp_path / "good.c").write_text(EXAMPLE.read_text())
    r = lockctx("check", "--standalone", "--no-cache", "-j2", "--file-timeout", "1",
                "--format", "json", tmp_path)
    doc = json.loads(r.stdout)
    assert [f["rule"] for f in doc["findings"]] == ["LC001"]
    (fail,) = doc["failures"]
    assert fail["file"].endswith("slow.c") and "--file-timeout" in fail["error"]


# ---- the reference tree -------------------------------------------------------------------

@pytest.fixture
def scratch():
    d = Path(TREE) / "drivers" / f"lockctx_tree_{uuid.uuid4().hex[:8]}"
    d.mkdir()
    try:
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


@needs_tree
def test_real_directories_parse_with_zero_errors():
    r = lockctx("check", "--no-cache", "-j2", "--format", "json", "kernel/irq",
                "drivers/tty/serial/8250", cwd=TREE, timeout=900)
    assert r.returncode in (0, 1), r.stderr
    s = summary(r)
    assert s["failed"] == 0, json.loads(r.stdout)["failures"][:3]
    assert s["files"] >= 25 and s["excluded"] > 0


@needs_tree
def test_kbuild_excluded_files_are_skipped_unless_named(scratch):
    (scratch / "Makefile").write_text("obj-y += on.o\nobj-$(CONFIG_LOCKCTX_NEVER_SET) += off.o\n"
                                      "obj-${CONFIG_LOCKCTX_NEVER_SET} += off2.o\n")
    for name in ("on.c", "off.c", "off2.c", "new.c"):  # new.c: not wired into the Makefile yet
        (scratch / name).write_text(EXAMPLE.read_text())
    r = lockctx("check", "--no-cache", "--format", "json", scratch, cwd=TREE)
    s = summary(r)
    assert (s["files"], s["excluded"], s["failed"]) == (2, 2, 0)
    assert sorted(Path(f).name for f, _, _ in findings(r)) == ["new.c", "on.c"]
    named = lockctx("check", "--no-cache", "--format", "json", scratch / "off.c", cwd=TREE)
    assert summary(named)["files"] == 1 and findings(named)
    every = lockctx("check", "--no-cache", "--all-files", "--format", "json", scratch, cwd=TREE)
    assert summary(every)["files"] == 4


# ---- Kbuild files evaluated as make evaluates them ----------------------------------------

def test_make_evaluates_the_constructs_kbuild_files_use(tmp_path):
    from lockctx.make import Make
    mk = Make(tmp_path, tmp_path, {"CONFIG_64BIT": ("y", False), "CONFIG_MOD": ("m", False)})
    mk.run("BITS := $(if $(CONFIG_64BIT),64,32)\n"
           "obj-y += process_$(BITS).o\n"
           "obj-$(subst m,y,$(CONFIG_MOD)) += hyperv/\n"
           "obj-$(CONFIG_OFF) += off.o\n"
           "ifeq ($(CONFIG_64BIT),y)\n  obj-y += \\\n\tcond.o\nelse\n  obj-y += cond32.o\nendif\n"
           "files = a.o b.o\n"
           "$(foreach f,$(files),$(eval CFLAGS_$(f) = -I$(srctree)/inc))\n"
           "$(obj)/a.o: $(obj)/gen.h\n\tobj-y += recipe_line_not_a_variable.o\n"
           "x := $(patsubst %.o,%.c,$(filter-out b.o,$(files))) $(files:.o=.s)\n")
    assert mk.words("obj-y") == ["process_64.o", "hyperv/", "cond.o"]
    assert mk.get("obj-") == "off.o"
    assert mk.get("CFLAGS_b.o") == "-I/inc"
    assert mk.get("x") == "a.c a.s b.s"
    assert mk.prerequisites == {"/a.o": ["/gen.h"]}


@pytest.fixture
def makefile_dir(scratch):
    """A driver directory whose Makefile needs make to be read, files named after what it
    does with them."""
    (scratch / "Makefile").write_text(
        "obj-y += on_$(BITS).o\n"                            # BITS: from arch/x86/Makefile
        "obj-$(subst m,y,$(CONFIG_LOCKCTX_NEVER_SET)) += off.o\n"
        "ifeq ($(CONFIG_64BIT),y)\nobj-y += cond.o\nelse\nobj-y += cond32.o\nendif\n"
        "parts := part_a.o part_b.o\ncomposite-y := $(parts)\nobj-y += composite.o\n"
        "$(foreach f,$(parts),$(eval CFLAGS_$(f) := -DFROM_EVAL=1))\n"
        "ccflags-y += $(if $(CONFIG_64BIT),-DDIR_FLAG)\n"
        "hostprogs := tool\n"
        "obj-y += boot/\n")
    (scratch / "boot").mkdir()
    (scratch / "boot" / "Makefile").write_text("KBUILD_CFLAGS := -m32 -D_SETUP\nobj-y += setup.o\n")
    kernel = EXAMPLE.read_text()
    needs = "#if !defined(DIR_FLAG) {}\n#error flags not evaluated\n#endif\n"
    for name in ("on_64.c", "on_32.c", "off.c", "cond.c", "cond32.c", "new.c"):
        (scratch / name).write_text(needs.format("") + kernel)
    for name in ("part_a.c", "part_b.c"):      # CFLAGS_<part>.o set through $(eval ...)
        (scratch / name).write_text(needs.format("|| !defined(FROM_EVAL)") + kernel)
    for name in ("tool.c", "boot/setup.c"):    # a host program, a directory of its own flags
        (scratch / name).write_text("#include <stdio.h>\nint main(void) { return 0; }\n")
    return scratch


@needs_tree
def test_makefiles_are_evaluated_for_what_is_built_and_its_flags(makefile_dir):
    r = lockctx("check", "--no-cache", "-j2", "--format", "json", makefile_dir, cwd=TREE)
    s = summary(r)
    assert s["failed"] == 0, json.loads(r.stdout)["failures"][:3]
    analysed = sorted(Path(f).name for f in json.loads(r.stdout)["files"])
    assert analysed == ["cond.c", "new.c", "on_64.c", "part_a.c", "part_b.c"]
    assert s["excluded"] == 3                                  # on_32.c, off.c, cond32.c
    assert "2 files skipped: not kernel code" in r.stderr      # tool.c, boot/setup.c


@needs_tree
def test_formerly_failing_directories_parse_or_are_not_built():
    """Before Kbuild files were evaluated, these directories' files were analysed with wrong
    flags or despite not being built (obj-$(subst m,y,$(CONFIG_HYPERV)), virt/kvm built from
    arch/x86/kvm/Makefile, arch/x86/um/ being arch/um's, host programs) and failed to parse."""
    r = lockctx("check", "--no-cache", "-j2", "--format", "json", "fs/ramfs", "certs", "usr",
                "arch/x86/hyperv", "virt/kvm", "arch/x86/um", "fs/unicode", cwd=TREE,
                timeout=600)
    s = summary(r)
    assert s["failed"] == 0, json.loads(r.stdout)["failures"][:3]
    assert sorted(json.loads(r.stdout)["files"]) == [
        "certs/system_keyring.c", "fs/ramfs/file-mmu.c", "fs/ramfs/inode.c"]
    assert s["excluded"] >= 50
    # certs/extract-cert.c, usr/gen_init_cpio.c, fs/unicode/mkutf8data.c
    assert "3 files skipped: not kernel code" in r.stderr


@needs_tree
@pytest.mark.skipif(TREE and (Path(TREE) / "lib/crc32table.h").exists(),
                    reason="lib/ of the reference tree is built")
def test_files_needing_generated_headers_say_how_to_make_them():
    r = lockctx("check", "--no-cache", "--format", "json", "lib/crc32.c", cwd=TREE)
    assert "lib/: not in this tree yet: crc32table.h, generated by a build and needed by " \
           "1 file" in r.stderr
    assert "`make lib/`" in r.stderr


@needs_tree
@pytest.mark.skipif(not DB, reason="LOCKCTX_COMPILE_DB is not set")
def test_compile_database_flags_parse_with_zero_errors(tmp_path):
    r = lockctx("check", "--no-cache", "-p", DB, "--format", "json", "kernel/irq",
                cwd=TREE, timeout=900)
    s = summary(r)
    assert s["failed"] == 0, json.loads(r.stdout)["failures"][:3]
    assert s["files"] >= 15
    synthesized = lockctx("check", "--no-cache", "--format", "json", "kernel/irq", cwd=TREE,
                          timeout=900)
    assert findings(r) == findings(synthesized)
    # a database written before the tree moved: its absolute paths are remapped
    moved = tmp_path / "compile_commands.json"
    moved.write_text(Path(DB).read_text().replace(str(Path(TREE).resolve()), "/old/place/linux"))
    r2 = lockctx("check", "--no-cache", "-p", moved, "--format", "json", "kernel/irq", cwd=TREE,
                 timeout=900)
    assert summary(r2)["failed"] == 0 and findings(r2) == findings(r)


def test_bad_compile_database_is_one_line(tmp_path):
    db = tmp_path / "compile_commands.json"
    db.write_text("[{\"file\": 1}")
    r = lockctx("check", "--standalone", "-p", db, EXAMPLE)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "compile_commands.json" in r.stderr


def test_context_from_feeds_the_call_graph_without_reporting():
    """b.c takes the lock with IRQs on; the handler that makes it IRQ-used is in a.c."""
    prog = CORPUS / "shared_lock"
    alone = lockctx("check", "--standalone", "--no-cache", "--format", "json", prog / "b.c")
    assert findings(alone) == []
    with_ctx = lockctx("check", "--standalone", "--no-cache", "--format", "json",
                       "--context-from", prog / "a.c", prog / "b.c")
    assert [(Path(f).name, rule) for f, _, rule in findings(with_ctx)] == [("b.c", "LC001")]
    other_way = lockctx("check", "--standalone", "--no-cache", "--format", "json",
                        "--context-from", prog / "b.c", prog / "a.c")
    assert findings(other_way) == []          # the finding is in b.c: context, not reported
