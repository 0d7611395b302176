"""The extraction map on Dask (lockctx/executor_dask.py): the same report as the local pool,
no file lost when a worker dies, the file that kills workers isolated, a worker unlike the
client refused. Needs dask.distributed (the `test` extra installs it)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import CORPUS, REPO, lockctx

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402

KERNEL_TREE = os.environ.get("LOCKCTX_KERNEL_TREE")


@pytest.fixture(scope="module")
def scheduler():
    """A LocalCluster of two worker processes, configured as lockctx configures its own."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 1,
                          "distributed.scheduler.worker-saturation": 1.0}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=50)
    client = distributed.Client(cluster)
    try:
        yield cluster.scheduler_address, client
    finally:
        client.close()
        cluster.close()


def sarif(*args, cwd=REPO) -> str:
    r = lockctx("check", "-f", "sarif", "--no-cache", "-q", *args, cwd=cwd)
    assert r.returncode in (0, 1), r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def corpus_local() -> str:
    return sarif("--standalone", "-j", "2", CORPUS)


def test_corpus_byte_identical_to_local(scheduler, corpus_local):
    address, _ = scheduler
    assert sarif("--standalone", "--scheduler", address, CORPUS) == corpus_local


@pytest.mark.skipif(not KERNEL_TREE, reason="LOCKCTX_KERNEL_TREE not set")
def test_kernel_irq_byte_identical_to_local(scheduler):
    address, _ = scheduler
    tree = Path(KERNEL_TREE)
    local = sarif("--kernel-tree", tree, "-j", "2", tree / "kernel/irq")
    assert '"ruleId"' in local or '"results": []' in local
    assert sarif("--kernel-tree", tree, "--scheduler", address, tree / "kernel/irq") == local


def test_worker_killed_mid_run_loses_no_file(monkeypatch, tmp_path, corpus_local):
    """The worker parsing define_timer_plain.c exits abruptly, once (the test hook in
    executor_dask._extract_batch): its batch runs again elsewhere, the report is unchanged.
    lockctx starts its own LocalCluster here (--executor dask), whose workers inherit the
    hook's variable."""
    marker = tmp_path / "killed"
    monkeypatch.setenv("LOCKCTX_TEST_KILL_WORKER", f"define_timer_plain.c:{marker}")
    assert sarif("--standalone", "--executor", "dask", "-j", "2", CORPUS) == corpus_local
    assert marker.exists(), "the hook never fired: no worker was killed"


def test_file_that_kills_every_worker_is_a_parse_failure(monkeypatch, tmp_path):
    d = tmp_path / "src"
    d.mkdir()
    names = ["define_timer_plain.c", "seamldr_plain_guard.c", "scoped_guard_plain.c"]
    for name in names:
        shutil.copy(CORPUS / name, d / name)
    monkeypatch.setenv("LOCKCTX_TEST_KILL_WORKER", "define_timer_plain.c")
    r = lockctx("check", "--standalone", "-f", "json", "--no-cache", "-q", "--executor", "dask",
                "-j", "2", d, cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    import json
    doc = json.loads(r.stdout)
    assert [f["file"] for f in doc["failures"]] == ["src/define_timer_plain.c"]
    assert "crashed the worker" in doc["failures"][0]["error"]
    assert {f["file"] for f in doc["findings"]} == {"src/seamldr_plain_guard.c",
                                                   "src/scoped_guard_plain.c"}


def _set_version(v):
    import lockctx as pkg
    old, pkg.__version__ = pkg.__version__, v
    return old


def test_worker_with_another_lockctx_is_refused(scheduler):
    address, client = scheduler
    client.run(_set_version, "0.0.0-other")
    try:
        r = lockctx("check", "--standalone", "--no-cache", "-q", "--scheduler", address,
                    CORPUS / "seamldr_plain_guard.c")
    finally:
        import lockctx as pkg
        client.run(_set_version, pkg.__version__)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "lockctx version" in lines[0] and "0.0.0-other" in lines[0], r.stderr


def test_without_dask_one_line_error(monkeypatch, tmp_path):
    shim = tmp_path / "shim" / "distributed"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text("raise ImportError('no distributed here')\n")
    monkeypatch.setenv("PYTHONPATH", str(shim.parent))
    r = lockctx("check", "--standalone", "--no-cache", "-q", "--executor", "dask",
                CORPUS / "seamldr_plain_guard.c")
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "lockctx[dask]" in r.stderr, r.stderr


def test_bad_scheduler_address_is_a_usage_error():
    r = lockctx("check", "--standalone", "--scheduler", "localhost:1", CORPUS / "seamldr_plain_guard.c")
    assert r.returncode == 2 and "tcp://HOST:PORT" in r.stderr, r.stderr


def test_file_timeout_stops_one_file_on_a_dask_worker(tmp_path):
    """--file-timeout holds on Dask workers too: the slow file is a parse failure naming the
    limit, the other file's finding is reported, and the run ends."""
    d = tmp_path / "src"
    d.mkdir()
    # each level doubles the tokens: 2**22 of them keep clang busy for seconds
    levels = ["#define X0(x) x, x"] + [f"#define X{i}(x) X{i - 1}(x), X{i - 1}(x)"
                                       for i in range(1, 22)]
    (d / "slow.c").write_text("\n".join(levels) + "\nint v[] = { X21(1) };\n")
    shutil.copy(CORPUS / "seamldr_plain_guard.c", d / "good.c")
    r = lockctx("check", "--standalone", "-f", "json", "--no-cache", "-q", "--executor", "dask",
                "-j", "2", "--file-timeout", "1", d, cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    import json
    doc = json.loads(r.stdout)
    (fail,) = doc["failures"]
    assert fail["file"] == "src/slow.c" and "--file-timeout 1" in fail["error"]
    assert {f["file"] for f in doc["findings"]} == {"src/good.c"}
