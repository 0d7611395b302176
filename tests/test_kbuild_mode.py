"""`lockctx kbuild` as Kbuild's checker (make C=2 CHECK="lockctx kbuild") and
`lockctx check --from-cache`.

The make test runs in the prepared tree of $LOCKCTX_KERNEL_TREE on kernel/irq/, which .ci/run
has already built (prepare-compile-db.sh): C=2 then only runs the checker on each object.
Its cache, manifest and log go to a temporary LOCKCTX_CACHE_DIR; nothing is written into the
tree but what make itself writes.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import CORPUS, FOO_GRAB, FOO_GRAB_RULES, REPO, lockctx
from lockctx import kbuild, kbuild_mode

TREE = os.environ.get("LOCKCTX_KERNEL_TREE")


def env_with(cache: Path) -> dict:
    return {**os.environ, "LOCKCTX_CACHE_DIR": str(cache), "PYTHONPATH": os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)}


def kbuild_call(args, cwd: Path, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lockctx", "kbuild", *map(str, args)],
                          cwd=cwd, env=env_with(cache), capture_output=True, text=True,
                          timeout=300)


def manifest(cache: Path, objtree: Path) -> list[dict]:
    path = kbuild_mode.state_dir(cache, objtree) / kbuild_mode.MANIFEST
    return [json.loads(line) for line in path.read_text().splitlines()]


def findings(r) -> list:
    assert r.returncode in (0, 1), r.stderr
    return sorted((f["file"], f["line"], f["rule"], f["message"])
                  for f in json.loads(r.stdout)["findings"])


def test_sparse_flags_are_dropped_and_the_source_is_found():
    args = ["-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__", "-Wbitwise",
            "-Wno-return-void", "-Wno-unknown-attribute", "-D__x86_64__", "--arch=x86",
            "-mlittle-endian", "-m64", "-Wp,-MMD,kernel/irq/.manage.o.d", "-nostdinc",
            "-I./include", "-include", "./include/linux/kconfig.h", "-D__KERNEL__",
            "-DKBUILD_MODNAME=\"manage\"", "-fno-PIE", "kernel/irq/manage.c"]
    source, words = kbuild_mode.split_args(args)
    assert source == "kernel/irq/manage.c"
    from lockctx.sources import translate_flags
    flags = translate_flags(["cc", *words], Path("/obj"))
    assert not {"-D__linux__", "-Dlinux", "-D__STDC__", "-D__x86_64__", "--arch=x86",
                "-mlittle-endian", "-Wbitwise"} & set(flags)
    assert flags[:1] == kbuild.TARGET
    assert {"-m64", "-nostdinc", "-I/obj/include", "-D__KERNEL__",
            "-DKBUILD_MODNAME=\"manage\"", "-fno-PIE"} <= set(flags)
    assert flags[flags.index("-include") + 1] == "/obj/include/linux/kconfig.h"


@pytest.mark.parametrize("args, what", [
    (["-D__KERNEL__", "nosuch.c"], "nosuch.c: no such file"),
    (["-D__KERNEL__", "-nostdinc"], "no .c file among the arguments"),
    (["garbled.c"], "garbled.c: parse error"),
])
def test_a_failing_call_exits_zero_with_one_line(tmp_path, args, what):
    (tmp_path / "garbled.c").write_bytes(b"int f(void) { return }\n#include <nosuch.h>\n")
    cache = tmp_path / "cache"
    r = kbuild_call(args, tmp_path, cache)
    assert r.returncode == 0
    (line,) = r.stderr.splitlines()
    assert line.startswith("lockctx: kbuild: ") and what in line, r.stderr
    log = kbuild_mode.state_dir(cache, tmp_path) / kbuild_mode.LOG
    assert what in log.read_text()


def test_an_internal_error_exits_zero_with_one_line(tmp_path):
    (tmp_path / "x.c").write_text("int x;\n")
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache directory should be\n")
    r = kbuild_call(["x.c"], tmp_path, blocker)
    assert r.returncode == 0
    (line,) = r.stderr.splitlines()
    assert line.startswith("lockctx: kbuild: x.c: internal error: ")


def _append_many(path: str, n: int, tag: int) -> None:
    for i in range(n):
        kbuild_mode.append_line(Path(path), json.dumps({"tag": tag, "i": i, "pad": "x" * 6000}))


def test_parallel_appends_never_interleave(tmp_path):
    """Lines longer than PIPE_BUF, from several processes at once."""
    path = tmp_path / "m.jsonl"
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_append_many, args=(str(path), 100, t)) for t in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert sorted((e["tag"], e["i"]) for e in lines) == [(t, i) for t in range(4)
                                                         for i in range(100)]


def test_concurrent_calls_leave_a_valid_manifest(tmp_path):
    """Several `lockctx kbuild` processes at once, as make -j runs them; then
    `check --from-cache` reports what `check` reports on the same files."""
    names = ["seamldr_plain_guard.c", "napi_poll_plain.c", "hrtimer_callback_plain.c",
             "tasklet_plain.c", "trylock_in_task.c", "timer_softirq_plain.c"]
    drv = tmp_path / "drv"
    (drv / "sub").mkdir(parents=True)
    rel = [f"drv/{n}" if i % 2 else f"drv/sub/{n}" for i, n in enumerate(names)]
    for n, r in zip(names, rel):
        shutil.copy(CORPUS / n, tmp_path / r)
    cache = tmp_path / "cache"
    procs = []
    for r in rel + rel[:2]:                    # two files checked twice, concurrently
        flags = kbuild.standalone_flags(tmp_path / r)
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "lockctx", "kbuild", *flags, r], cwd=tmp_path,
            env=env_with(cache), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0 and err == "", err
    entries = manifest(cache, tmp_path)
    assert len(entries) == len(names) + 2
    assert {Path(e["file"]).name for e in entries} == set(names)
    assert all(e["error"] is None and e["root"] == str(tmp_path.resolve()) for e in entries)

    env = env_with(cache)
    r = subprocess.run([sys.executable, "-m", "lockctx", "check", "--from-cache",
                        "--format", "json", str(tmp_path)], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=300)
    assert f"{len(names)} files analysed ({len(names)} from cache" in r.stderr
    expected = subprocess.run([sys.executable, "-m", "lockctx", "check", "--standalone",
                               "--no-cache", "--format", "json", "drv"], cwd=tmp_path,
                              env=env, capture_output=True, text=True, timeout=300)
    assert findings(r) == findings(expected) and len(findings(r)) >= 5
    # a directory inside the object tree: its files reported, the others context
    sub = subprocess.run([sys.executable, "-m", "lockctx", "check", "--from-cache",
                          "--format", "json", "drv/sub"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300)
    assert findings(sub) == [f for f in findings(expected) if f[0].startswith("drv/sub/")]
    assert 0 < len(findings(sub)) < len(findings(r))


def test_from_cache_without_a_manifest_is_a_usage_error(tmp_path):
    r = lockctx("check", "--from-cache", "--cache-dir", tmp_path / "cache", tmp_path)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "no `lockctx kbuild` manifest" in r.stderr


@pytest.mark.skipif(not TREE, reason="LOCKCTX_KERNEL_TREE is not set")
def test_make_c2_kernel_irq_then_check_from_cache(tmp_path):
    tree = Path(TREE).resolve()
    cache = tmp_path / "cache"
    check = f"{sys.executable} -m lockctx kbuild"
    r = subprocess.run(["make", f"-j{os.cpu_count() or 1}", "C=2", f"CHECK={check}",
                        "kernel/irq/"], cwd=tree, env=env_with(cache), capture_output=True,
                       text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "lockctx: kbuild:" not in r.stderr, r.stderr[-3000:]
    entries = manifest(cache, tree)
    checked = {Path(e["file"]).relative_to(tree).as_posix() for e in entries}
    built = {p.relative_to(tree).with_suffix(".c").as_posix()
             for p in (tree / "kernel/irq").glob("*.o")}
    assert len(built) >= 15 and built <= checked
    assert [e for e in entries if e["error"]] == []          # zero parse errors

    env = env_with(cache)
    from_cache = subprocess.run([sys.executable, "-m", "lockctx", "check", "--from-cache",
                                 "--format", "json"], cwd=tree, env=env, capture_output=True,
                                text=True, timeout=900)
    assert ", 0 failed to parse" in from_cache.stderr, from_cache.stderr
    n = len(checked)
    assert f"{n} files analysed ({n} from cache" in from_cache.stderr
    synthesized = subprocess.run([sys.executable, "-m", "lockctx", "check", "--format",
                                  "json", "--cache-dir", str(tmp_path / "synth"),
                                  "kernel/irq"], cwd=tree, env=env, capture_output=True,
                                 text=True, timeout=900)
    assert ", 0 failed to parse" in synthesized.stderr, synthesized.stderr
    assert findings(from_cache) == findings(synthesized)
    assert findings(from_cache)


def test_rules_given_to_the_checker_are_the_rules_of_the_facts(tmp_path):
    """CHECK="lockctx kbuild --rules mine.toml": the build extracts with the wrapper API the
    rules teach, and `check --from-cache --rules mine.toml` finds those facts (no parse) and
    the finding only they can give."""
    (tmp_path / "drv.c").write_text(FOO_GRAB)
    (tmp_path / "mine.toml").write_text(FOO_GRAB_RULES)
    cache = tmp_path / "cache"
    flags = kbuild.standalone_flags(tmp_path / "drv.c")
    r = kbuild_call(["--rules", "mine.toml", *flags, "drv.c"], tmp_path, cache)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    r = subprocess.run([sys.executable, "-m", "lockctx", "check", "--from-cache", "--rules",
                        "mine.toml", "--format", "json", str(tmp_path)], cwd=tmp_path,
                       env=env_with(cache), capture_output=True, text=True, timeout=300)
    assert "1 file analysed (1 from cache" in r.stderr or \
        "1 files analysed (1 from cache" in r.stderr, r.stderr
    assert [(f[1], f[2]) for f in findings(r)] == [(8, "LC001")]


def test_a_bad_rules_file_for_the_checker_is_one_line_and_exit_zero(tmp_path):
    (tmp_path / "drv.c").write_text(FOO_GRAB)
    (tmp_path / "bad.toml").write_text('[[lock]]\nname = "foo_grab\n')
    flags = kbuild.standalone_flags(tmp_path / "drv.c")
    r = kbuild_call(["--rules", "bad.toml", *flags, "drv.c"], tmp_path, tmp_path / "cache")
    assert r.returncode == 0
    (line,) = r.stderr.strip().splitlines()
    assert line.startswith("lockctx: kbuild:") and "bad.toml" in line
