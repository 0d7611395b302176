"""The extraction map on Dask distributed: `--scheduler tcp://HOST:PORT`, or `--executor dask`
alone for a LocalCluster of -j worker processes on this machine.

Only the per-file map runs on the workers; everything else (the facts cache, link, propagate,
rules, the report) stays on the client, which merges the facts in input order exactly as a
local run does, so the report is byte for byte the local one. Workers return each file's facts
as the JSON `facts.py` writes (the cache's format), never live objects.

Before any file is sent, every worker is asked who it is: the same lockctx (version and a
digest of the frontend's code), the same libclang, the bundled stub headers and the kernel tree
at the same path with the same contents (the root's listing and a few input files' hashes).
A worker that differs is refused with one line; each task checks again on whatever worker it
lands on, so one that joins later is held to the same.

Files go out in small batches. A libclang crash kills the worker process (its nanny restarts
it) and the scheduler retries the tasks it was running elsewhere; a batch that keeps killing
workers (the scheduler gives up after `distributed.scheduler.allowed-failures` deaths and
raises KilledWorker) is split and its files retried one by one, and the one file that still
kills a worker is reported like a parse failure. Workers should run one thread each
(`dask worker --nthreads 1`): libclang's index is shared within a process, so files are parsed
one at a time per process anyway.

dask is imported only here and only when asked for: lockctx runs without it.

Test hook (read only in `_extract_batch`, on the worker): LOCKCTX_TEST_KILL_WORKER=NAME makes
the worker process exit abruptly (os._exit) when it reaches a file named NAME, every time;
NAME:MARKER does so only the first time (it creates the file MARKER, then never again).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import select
import signal
import threading
import time
from pathlib import Path

from .knowledge import Knowledge
from .pipeline import InputError

BATCH = 4                              # files per task: small enough that a crash costs little
SAMPLES = 8                            # input files hashed to check a worker's tree
TEST_KILL = "LOCKCTX_TEST_KILL_WORKER"


class DaskError(InputError):
    """The cluster cannot be used; str() is the one-line message (exit 2)."""


class WorkerMismatch(Exception):
    """Raised on a worker whose lockctx, libclang or tree differs from the client's."""


def _import():
    try:
        import distributed
    except ImportError:
        raise DaskError("--executor dask / --scheduler need dask.distributed: "
                        "pip install 'lockctx[dask]'") from None
    return distributed


# ---- who a process is ---------------------------------------------------------------------

def _digest_tree(root: str, samples: list[str]) -> str:
    h = hashlib.sha256(root.encode())
    try:
        h.update("\0".join(sorted(os.listdir(root))).encode())
    except OSError:
        h.update(b"<no root>")
    for p in samples:
        try:
            h.update(p.encode() + hashlib.sha256(Path(p).read_bytes()).digest())
        except OSError:
            h.update(p.encode() + b"<missing>")
    return h.hexdigest()[:16]


def _digest_stubs(stubs: str) -> str:
    h = hashlib.sha256(stubs.encode())
    for dirpath, dirs, files in sorted(os.walk(stubs)):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(dirpath, f)
            h.update(p.encode() + hashlib.sha256(Path(p).read_bytes()).digest())
    return h.hexdigest()[:16]


def identity(root: str, stubs: str, samples: list[str]) -> dict[str, str]:
    """What must be equal on the client and every worker, by what it is called in an error."""
    import lockctx
    from .extract import frontend_identity, libclang_identity
    return {"lockctx version": lockctx.__version__,
            "lockctx frontend code": frontend_identity()[:16],
            "libclang": libclang_identity(),
            "stub headers": _digest_stubs(stubs),
            f"tree at {root}": _digest_tree(root, samples)}


def _difference(mine: dict, theirs: dict) -> str:
    for k, v in mine.items():
        if theirs.get(k) != v:
            return f"{k} is {theirs.get(k)!r} there, {v!r} here"
    return ""


# ---- on the worker ------------------------------------------------------------------------

_worker_lock = threading.Lock()        # one parse at a time per process (shared libclang index)
_checked: dict[str, str] = {}          # setup key -> "" or the mismatch found


def _extract_batch(batch: list[tuple[int, str, tuple]], knowledge: Knowledge, root: str,
                   stubs: str, expected: dict, samples: list[str],
                   timeout: float | None = None) -> list[tuple[int, tuple]]:
    from . import extract
    key = f"{knowledge.digest}\0{root}\0{stubs}"
    with _worker_lock:
        if key not in _checked:
            _checked[key] = _difference(expected, identity(root, stubs, samples))
        if _checked[key]:
            raise WorkerMismatch(_checked[key])
        if extract._state.get("dask") != key:
            extract._init(knowledge, root, stubs)
            extract._state["dask"] = key
        kill = os.environ.get(TEST_KILL, "")
        out = []
        for idx, path, flags in batch:
            if kill and os.path.basename(path) == kill.split(":", 1)[0]:
                _test_kill(kill)
            out.append((idx, _bounded(path, flags, timeout) if timeout else _one(path, flags)))
        return out


def _one(path: str, flags: tuple) -> tuple:
    from . import extract
    try:
        return extract._work(path, flags)
    except Exception as exc:  # noqa: BLE001 - one file's bug is that file's failure
        return (None, [], f"{path}: {type(exc).__name__}: {exc}", 0.0)


def _bounded(path: str, flags: tuple, timeout: float) -> tuple:
    """_one() in a forked child, stopped after `timeout` seconds (--file-timeout): a Dask
    task's thread cannot be stopped, a process can. os.fork, not multiprocessing: Dask's
    worker processes are daemons, which multiprocessing forbids to have children."""
    rd, wr = os.pipe()
    pid = os.fork()
    if pid == 0:                                   # the child: parse, send, vanish
        os.close(rd)
        try:
            data = pickle.dumps(_one(path, flags))
            with os.fdopen(wr, "wb") as fh:
                fh.write(data)
        finally:
            os._exit(0)
    os.close(wr)
    chunks, deadline = [], time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([rd], [], [], left)[0]:
                os.kill(pid, signal.SIGKILL)
                return (None, [], f"{path}: stopped after --file-timeout {timeout:g} s",
                        timeout)
            chunk = os.read(rd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(rd)
        _, status = os.waitpid(pid, 0)
    try:
        return pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001 - the child died before it sent a whole result
        return (None, [], f"{path}: libclang crashed the worker (exit status {status})", 0.0)


def _test_kill(spec: str) -> None:
    _, _, marker = spec.partition(":")
    if marker:
        try:
            os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return
    os._exit(70)


# ---- on the client ------------------------------------------------------------------------

class DaskExecutor:
    """A Dask client for the run (and the LocalCluster it started, if any)."""

    def __init__(self, scheduler: str | None = None, workers: int = 2, batch: int = BATCH,
                 connect_timeout: float = 30.0):
        distributed = _import()
        self.batch = max(1, batch)
        self.cluster = None
        self.scheduler = scheduler
        try:
            if scheduler:
                self.client = distributed.Client(scheduler, timeout=connect_timeout)
            else:
                import dask
                # a LocalCluster's scheduler runs here: give up on a batch after one worker
                # death and split it, instead of losing four workers to one bad file; and
                # send a worker one task at a time, so that its death is blamed on that one
                with dask.config.set({"distributed.scheduler.allowed-failures": 1,
                                      "distributed.scheduler.worker-saturation": 1.0}):
                    self.cluster = distributed.LocalCluster(
                        n_workers=max(1, workers), threads_per_worker=1, processes=True,
                        dashboard_address=None, silence_logs=50)
                    self.client = distributed.Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise DaskError(f"{scheduler or 'LocalCluster'}: cannot reach the Dask scheduler "
                            f"({type(exc).__name__}: {exc})") from None

    def verify(self, root: str, stubs: str, samples: list[str]) -> dict:
        """Refuse, with one line, a cluster with no worker or a worker unlike this client."""
        mine = identity(root, stubs, samples)
        try:
            self.client.wait_for_workers(1, timeout=60)
        except TimeoutError:
            raise DaskError(f"{self.scheduler}: no Dask worker connected in 60 s") from None
        theirs = self.client.run(identity, root, stubs, samples)
        for worker, ident in sorted(theirs.items()):
            diff = _difference(mine, ident)
            if diff:
                raise DaskError(f"Dask worker {worker} differs from this client: {diff}")
        return mine

    def run(self, todo: list[tuple[int, str, tuple]], knowledge: Knowledge, root: Path,
            stubs: Path, timeout: float | None, done) -> None:
        """Extract `todo` ([(index, path, flags)]) on the workers, calling done(index, result)
        as each file comes back (results are `extract._work`'s)."""
        distributed = _import()
        root_s, stubs_s = str(root), str(stubs)
        paths = sorted(p for _, p, _ in todo)
        samples = [paths[i * len(paths) // SAMPLES] for i in range(min(SAMPLES, len(paths)))]
        expected = self.verify(root_s, stubs_s, samples)
        if not todo:
            return
        path_of = {i: p for i, p, _ in todo}

        def submit(batch):
            fut = self.client.submit(_extract_batch, batch, knowledge, root_s, stubs_s,
                                     expected, samples, timeout, pure=False)
            batches[fut.key] = batch
            return fut

        batches: dict = {}
        blamed: set[int] = set()       # files that killed workers when sent alone, once
        lost = 0                       # batches cancelled (not killed) and sent again
        futures = [submit(todo[i:i + self.batch]) for i in range(0, len(todo), self.batch)]
        pending = set(i for i, _, _ in todo)
        ac = distributed.as_completed(futures)
        try:
            for fut in ac:
                batch = batches.pop(fut.key)
                if fut.status == "finished":
                    for idx, result in fut.result():
                        if idx in pending:
                            pending.discard(idx)
                            done(idx, result)
                    continue
                exc = fut.exception() if fut.status == "error" else None
                if type(exc).__name__ == "WorkerMismatch":
                    raise DaskError(f"a Dask worker differs from this client: {exc}")
                killed = isinstance(exc, distributed.KilledWorker)
                if exc is None:
                    lost += 1
                    if lost > 3 + len(todo) // self.batch:
                        raise DaskError(f"{self.scheduler or 'LocalCluster'}: tasks keep "
                                        "being cancelled: the Dask cluster went away")
                if exc is None or (killed and len(batch) > 1):
                    # lost or cancelled: again; killed: each file alone, to find the one
                    for one in ([batch] if exc is None else [[t] for t in batch]):
                        ac.add(submit(one))
                    continue
                if killed and batch[0][0] not in blamed:
                    # alone, once more: a worker running several tasks (more than one
                    # thread, or a scheduler's worker-saturation above 1) takes them all down
                    blamed.add(batch[0][0])
                    ac.add(submit(batch))
                    continue
                for idx, path, _ in batch:
                    if isinstance(exc, distributed.KilledWorker):
                        msg = f"{path}: libclang crashed the worker (a Dask worker died on it)"
                    else:
                        msg = f"{path}: {type(exc).__name__}: {exc}"
                    if idx in pending:
                        pending.discard(idx)
                        done(idx, (None, [], msg, 0.0))
        finally:
            for fut in futures:
                fut.release()
        for idx in sorted(pending):          # cannot happen; never lose a file silently
            done(idx, (None, [], f"{path_of[idx]}: no result from the Dask cluster", 0.0))

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            try:
                client.close()
            except Exception:  # noqa: BLE001 - closing is best effort
                pass
        if self.cluster is not None:
            try:
                self.cluster.close()
            except Exception:  # noqa: BLE001
                pass


def executor_for(name: str, scheduler: str | None, jobs: int):
    """None for the local process pool, else a DaskExecutor (DaskError if it cannot be)."""
    if scheduler:
        if not scheduler.startswith(("tcp://", "tls://", "ws://", "wss://", "inproc://",
                                     "ucx://")):
            raise DaskError(f"{scheduler}: --scheduler takes an address like tcp://HOST:PORT")
        return DaskExecutor(scheduler, jobs)
    if name == "local":
        return None
    if name == "dask":
        return DaskExecutor(None, jobs)
    raise DaskError(f"unknown executor {name!r} (choose local or dask)")

