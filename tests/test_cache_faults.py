"""The facts cache under faults: damaged entries are rebuilt, concurrent runs never corrupt it."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from helpers import CORPUS, REPO, lockctx

FILES = sorted(CORPUS.glob("*.c"))[:12]
SUMMARY = re.compile(r"(\d+) files analysed \((\d+) from cache")


def check(cache: Path, out: Path, *extra) -> tuple[int, int, bytes]:
    """(files analysed, from cache, SARIF bytes) of one run over FILES."""
    r = lockctx("check", "--standalone", "-f", "sarif", "-o", out, "--cache-dir", cache,
                *extra, *FILES)
    assert r.returncode == 1, r.stderr
    m = SUMMARY.search(r.stderr)
    assert m, r.stderr
    return int(m.group(1)), int(m.group(2)), out.read_bytes()


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.glob("*/*.json") if p.is_file())


def assert_sound(cache: Path) -> None:
    """Every entry is whole (valid JSON of the cache format) and no temporary is left."""
    assert not list(cache.glob("*/.tmp-*"))
    for p in entries(cache):
        doc = json.loads(p.read_text())
        assert doc["key"] == p.stem and doc["format"].startswith("lockctx-cache/")


def test_damaged_entries_are_detected_and_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    n, cached, cold = check(cache, tmp_path / "cold.sarif", "-j2")
    assert (n, cached) == (len(FILES), 0)
    found = entries(cache)
    assert len(found) == len(FILES)
    truncated, garbled, version, deep_version, foreign, not_object, directory = found[:7]
    truncated.write_bytes(truncated.read_bytes()[:len(truncated.read_bytes()) // 2])
    data = bytearray(garbled.read_bytes())
    at = data.index(b'"facts":') + 40
    data[at:at + 8] = b"\x00\xff{]\"\\zz"
    garbled.write_bytes(bytes(data))
    doc = json.loads(version.read_text())
    doc["format"] = "lockctx-cache/0"
    version.write_text(json.dumps(doc))
    # an entry whose facts are another version's, checksum and all
    from lockctx.extract import _checksum
    doc = json.loads(deep_version.read_text())
    body = json.loads(doc["facts"])
    body["version"] = -1
    doc["facts"] = json.dumps(body)
    doc["sha"] = _checksum(doc["facts"], doc["deps"])
    deep_version.write_text(json.dumps(doc))
    foreign.write_bytes(found[-1].read_bytes())          # another file's entry
    not_object.write_text("[]")
    directory.unlink()
    directory.mkdir()                                     # cannot even be rewritten

    n, cached, warm = check(cache, tmp_path / "warm.sarif", "-j1")
    assert (n, cached) == (len(FILES), len(FILES) - 7)   # the 7 were parsed again
    assert warm == cold
    assert directory.is_dir()
    n, cached, again = check(cache, tmp_path / "again.sarif", "-j2")
    assert (n, cached) == (len(FILES), len(FILES) - 1)   # rebuilt, except the directory
    assert again == cold
    directory.rmdir()
    assert_sound(cache)


def test_concurrent_runs_share_one_cache(tmp_path):
    cache = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [subprocess.Popen([sys.executable, "-m", "lockctx", "check", "--standalone", "-f",
                               "sarif", "-o", str(tmp_path / f"run{i}.sarif"), "--cache-dir",
                               str(cache), "-j1", *map(str, FILES)],
                              cwd=REPO, env=env, stderr=subprocess.PIPE, text=True)
             for i in range(2)]
    errs = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [1, 1], errs
    first = (tmp_path / "run0.sarif").read_bytes()
    assert (tmp_path / "run1.sarif").read_bytes() == first
    assert_sound(cache)
    n, cached, warm = check(cache, tmp_path / "warm.sarif", "-j2")
    assert (n, cached) == (len(FILES), len(FILES))       # everything from the cache
    assert warm == first


def test_unwritable_cache_costs_only_time(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache directory should be\n")
    n, cached, out = check(blocker, tmp_path / "out.sarif", "-j1")
    assert (n, cached) == (len(FILES), 0)
    n, cached, again = check(blocker, tmp_path / "again.sarif", "-j1")
    assert cached == 0 and again == out
