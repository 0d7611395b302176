"""The closed world a run reasons in: a flag nothing sets is false only where the run sees
every file that can set it (link.never_set, link.struct_world), and `--open-world` turns the
reasoning off. Missing a store means cutting a branch the kernel does run: a missed
deadlock."""
from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import CORPUS, lockctx
from lockctx.link import covers, struct_world

PCM = CORPUS / "flag_never_set" / "pcm.c"
STRUCT = re.compile(r"struct foo_pcm \{.*?\n\};\n", re.S)


def findings(*args, cwd) -> set[tuple[str, str, int]]:
    proc = lockctx("check", "--standalone", "--no-cache", "--format", "json", *args, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return {(f["rule"], Path(f["file"]).name, f["line"]) for f in json.loads(proc.stdout)["findings"]}


def pcm_lines() -> set[int]:
    """The lines of flag_never_set/pcm.c in the functions that test `pcm->nonatomic`."""
    text = PCM.read_text().splitlines()
    start = next(i for i, l in enumerate(text) if l.startswith("static void foo_pcm_lock_irq"))
    end = next(i for i, l in enumerate(text) if l.startswith("/* the same shape"))
    return set(range(start + 1, end + 1))


def shared_header_tree(root: Path, header: str) -> None:
    """flag_never_set/pcm.c as sound/core/pcm.c, its struct foo_pcm moved to `header`:
    one declared in shared headers, as the kernel's `struct snd_pcm` is."""
    text = PCM.read_text()
    struct = STRUCT.search(text).group(0)
    (root / header).parent.mkdir(parents=True)
    (root / header).write_text("#include <linux/mutex.h>\n#include <linux/spinlock.h>\n"
                               + struct)
    src = root / "sound" / "core" / "pcm.c"
    src.parent.mkdir(parents=True)
    # same line count: the struct's lines become blank, the include goes on line 1
    body = text.replace(struct, "\n" * struct.count("\n"))
    src.write_text(f'#include "../../{header}"' + body.partition("\n")[1] + body.partition("\n")[2])


def nonatomic_findings(found: set[tuple[str, str, int]]) -> set[tuple[str, str, int]]:
    lines = pcm_lines()
    return {f for f in found if f[1] == "pcm.c" and f[2] in lines}


def test_a_flag_nothing_sets_is_false_in_its_directory_and_open_world_keeps_it():
    closed = findings(PCM.parent, cwd=CORPUS)
    assert closed and not nonatomic_findings(closed)      # the flag's other arms: still LC001
    opened = findings("--open-world", PCM.parent, cwd=CORPUS)
    assert closed < opened
    assert nonatomic_findings(opened) == opened - closed


def test_a_subsystem_struct_is_closed_over_its_subsystem_only(tmp_path):
    shared_header_tree(tmp_path, "include/sound/foo_pcm.h")
    whole = findings("sound", cwd=tmp_path)
    part = findings("sound/core", cwd=tmp_path)
    # sound/ holds every file that can include include/sound/: the flag is false there;
    # sound/core/ does not (sound/pci may set it), so both arms stay
    assert whole and not nonatomic_findings(whole)
    assert nonatomic_findings(part)
    assert part - nonatomic_findings(part) == whole


def test_a_struct_of_the_shared_kernel_headers_is_closed_over_the_whole_tree_only(tmp_path):
    shared_header_tree(tmp_path, "include/linux/foo_pcm.h")
    assert nonatomic_findings(findings("sound", cwd=tmp_path))
    assert not nonatomic_findings(findings(".", cwd=tmp_path))


def test_struct_world_by_where_the_struct_is_declared():
    headers = {"struct snd_pcm": "include/sound/pcm.h", "struct net_device":
               "include/linux/netdevice.h", "struct cpuinfo_x86": "arch/x86/include/asm/p.h"}
    assert struct_world("struct snd_pcm", headers) == "sound"
    assert struct_world("struct net_device", headers) == ""
    assert struct_world("struct cpuinfo_x86", headers) == ""
    assert struct_world("struct unknown", headers) == ""
    assert struct_world("struct azx@sound/pci/hda/hda_controller.h", headers) == "sound/pci/hda"
    assert covers(["sound"], "sound/pci/hda") and covers([""], "")
    assert not covers(["sound/core"], "sound") and not covers(["sound"], "")
    assert not covers(["net/core"], "net/corex")
