"""Run the frontend over many files: in parallel worker processes, through the facts cache.

Workers are plain processes fed over pipes, so that a file that hangs past --file-timeout or
crashes libclang costs one worker (restarted) and one reported failure, never the run.
Results come back in input order whatever -j is, so the output does not depend on it.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from . import __version__
from .facts import FACTS_VERSION, FileFacts, from_json, to_json
from .frontend import PARSE_OPTIONS, ParseFailure, PathMapper, extract_with_deps
from .knowledge import Knowledge
from .sources import Unit

CACHE_FORMAT = "lockctx-cache/1"


@dataclass
class Outcome:
    facts: FileFacts | None
    error: str = ""                    # why the file has no (or partial) facts
    from_cache: bool = False
    seconds: float = 0.0
    digest: str = ""                   # of the facts' JSON, when this run made it (Cache.digest)


# ---- the cache ----------------------------------------------------------------------------

def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lockctx"


def libclang_identity() -> str:
    try:
        from importlib.metadata import version
        v = version("libclang")
    except Exception:  # noqa: BLE001 - an unknown version only weakens the key
        v = "?"
    import clang.cindex as ci
    lib = ci.conf.get_filename() if hasattr(ci.conf, "get_filename") else ""
    try:
        st = os.stat(lib) if lib and os.path.exists(lib) else None
    except OSError:
        st = None
    return f"{v}:{st.st_size if st else 0}"


FRONTENDS = ("clang", "pycparser")


def extractor(frontend: str):
    """The extract_with_deps of a frontend: libclang's, or the pure-Python one
    (frontend_pycparser, imported only when asked for)."""
    if frontend == "pycparser":
        from . import frontend_pycparser
        return frontend_pycparser.extract_with_deps
    return extract_with_deps


def frontend_identity(frontend: str = "clang") -> str:
    """A digest of the code that produces facts: a lockctx change between releases (a git
    checkout, an editable install) must not serve facts the old code extracted; nor facts
    one frontend extracted to a run with the other."""
    h = hashlib.sha256(frontend.encode())
    here = Path(__file__).parent
    names = ["clangapi.py", "cfg.py", "facts.py", "frontend.py", "knowledge.py", "extract.py"]
    if frontend == "pycparser":
        names += ["frontend_pycparser.py", "pycparser_prelude.h"]
    for name in names:
        h.update((here / name).read_bytes())
    return h.hexdigest()


def pycparser_identity() -> str:
    import shutil

    import pycparser
    return f"pycparser {pycparser.__version__}:{shutil.which('cpp') or shutil.which('gcc')}"


class Cache:
    """Facts per file, keyed by everything that can change them.

    An entry is found by (file path, its content, flags, rules, libclang, parse options,
    lockctx) and then trusted only if every header the file included still has the content
    it had: editing a header re-parses exactly its includers. Entries are written to a
    temporary file and renamed, so concurrent runs never see half an entry; anything that does
    not parse back (truncated, garbled, another version's) is treated as absent and rebuilt.
    One Cache serves one run: it reads each header's content once.
    """

    def __init__(self, directory: Path, knowledge: Knowledge, root: Path,
                 frontend: str = "clang"):
        self.dir = directory
        parser = pycparser_identity() if frontend == "pycparser" else libclang_identity()
        salt = "\0".join([CACHE_FORMAT, str(FACTS_VERSION), __version__, knowledge.digest,
                          frontend, frontend_identity(frontend), parser, str(PARSE_OPTIONS),
                          str(root)])
        self.salt = hashlib.sha256(salt.encode()).hexdigest()
        self._hashes: dict[str, str | None] = {}
        # key -> the digest of the facts its entry held when probe() last found it sound: a
        # run reads each entry twice (its digest makes the result key, then its facts are
        # loaded), and the second read need not check the headers and the checksum again
        self._sound: dict[str, str] = {}

    def file_hash(self, path: str) -> str | None:
        h = self._hashes.get(path, "")
        if h == "":
            try:
                h = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            except OSError:
                h = None
            self._hashes[path] = h
        return h

    def key(self, unit: Unit) -> str:
        content = self.file_hash(str(unit.path)) or "missing"
        text = "\0".join([self.salt, str(unit.path), content, *unit.flags])
        return hashlib.sha256(text.encode()).hexdigest()

    def entry_path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def probe(self, key: str) -> tuple[str, str] | None:
        """(facts JSON, their digest) when the entry is sound and every header it depends
        on is unchanged; None otherwise. Decodes nothing but the envelope."""
        try:
            doc = json.loads(self.entry_path(key).read_text(encoding="utf-8"))
            if doc.get("format") != CACHE_FORMAT or doc.get("key") != key:
                return None
            body = doc["facts"]
            digest = facts_digest(body)
            if self._sound.get(key) == digest:
                return body, digest       # the facts this run found sound already
            deps = doc["deps"]
            if doc.get("sha") != _checksum(body, deps):
                return None
            for path, dep_sha in deps:
                if self.file_hash(path) != dep_sha:
                    return None
            self._sound[key] = digest
            return body, digest
        except Exception:  # noqa: BLE001 - any entry that does not read back ('[]', a
            return None    # directory, [[[[...) is absent: rebuilt, never a crash

    def digest(self, key: str) -> str | None:
        """A digest of the entry's facts alone (not of the source or the headers they came
        from), None when the entry is absent or stale: equal digests, equal facts."""
        found = self.probe(key)
        return None if found is None else found[1]

    def outcome(self, key: str) -> Outcome | None:
        """The facts cached under key as a file's outcome in this run; None when absent."""
        facts = self.lookup(key)
        return None if facts is None else \
            Outcome(facts, facts.errors[0] if facts.errors else "", True)

    def lookup(self, key: str) -> FileFacts | None:
        found = self.probe(key)
        try:
            return None if found is None else from_json(found[0])
        except Exception:  # noqa: BLE001 - not our facts: absent
            return None

    def store(self, key: str, facts_json: str, deps: list[tuple[str, str]]) -> None:
        write_entry(self.entry_path(key), key, facts_json, deps)


def write_entry(target: Path, key: str, facts_json: str, deps: list[tuple[str, str]]) -> None:
    """Write one facts entry atomically (the worker that extracted the file writes it)."""
    deps = [[p, s] for p, s in deps]
    write_json_atomically(target, {"format": CACHE_FORMAT, "key": key, "deps": deps,
                                   "facts": facts_json, "sha": _checksum(facts_json, deps)})


def write_json_atomically(target: Path, doc) -> None:
    """Write to a temporary file and rename it into place, so that concurrent runs never see
    half an entry; a cache that cannot be written only costs time, and leaves no temporary
    file behind."""
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, separators=(",", ":"))
        os.replace(tmp, target)
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def facts_digest(facts_json: str) -> str:
    return hashlib.sha256(facts_json.encode()).hexdigest()


def _checksum(body: str, deps) -> str:
    return hashlib.sha256((body + json.dumps(deps, separators=(",", ":"))).encode()).hexdigest()


# ---- one file -----------------------------------------------------------------------------

_state: dict = {}


def _init(knowledge: Knowledge, root: str, stubs: str, frontend: str = "clang") -> None:
    _state["k"] = knowledge
    _state["extract"] = extractor(frontend)
    _state["paths"] = PathMapper(Path(root), Path(stubs))
    _state["hashes"] = {}


def _hash(path: str) -> str | None:
    memo = _state["hashes"]
    if path not in memo:
        try:
            memo[path] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            memo[path] = None
    return memo[path]


def _extract(path: str, flags: tuple[str, ...]):
    """(facts, [(header, sha)]) of one file, in whatever process; raises ParseFailure, also
    for an error of lockctx's own walk (a bug: the file is reported as not analysed, with
    the error on one line, and the run goes on)."""
    extract = _state.get("extract", extract_with_deps)
    try:
        facts, included = extract(path, list(flags), _state["k"], _state["paths"])
    except ParseFailure:
        raise
    except Exception as exc:                 # RecursionError included
        first = (str(exc).splitlines() or [""])[0][:200]
        raise ParseFailure(f"{path}: lockctx failed on this file, a bug to report "
                           f"({type(exc).__name__}: {first})") from None
    return facts, sorted((p, h) for p in included if p != path for h in [_hash(p)] if h)


def _work(path: str, flags: tuple[str, ...]) -> tuple[str | None, list, str, float]:
    """(facts json, [(header, sha)], error, seconds) for one file (the Dask workers')."""
    t0 = time.perf_counter()
    try:
        facts, deps = _extract(path, flags)
    except ParseFailure as exc:
        return None, [], str(exc), time.perf_counter() - t0
    return to_json(facts), deps, facts.errors[0] if facts.errors else "", time.perf_counter() - t0


def _work_local(path: str, flags: tuple[str, ...], entry: tuple[str, str] | None):
    """_work for the local pool: the worker writes the file's cache entry (entry: its path
    and key) and hands back the facts themselves, so the main process, which links and
    reports, neither encodes nor decodes them while the other workers parse."""
    t0 = time.perf_counter()
    try:
        facts, deps = _extract(path, flags)
    except ParseFailure as exc:
        return None, [], str(exc), time.perf_counter() - t0
    digest = ""
    if entry is not None:
        text = to_json(facts)
        write_entry(Path(entry[0]), entry[1], text, deps)
        digest = facts_digest(text)
    return facts, [], facts.errors[0] if facts.errors else "", time.perf_counter() - t0, digest


def _worker_loop(conn, knowledge, root, stubs, frontend="clang") -> None:
    _init(knowledge, root, stubs, frontend)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        idx, path, flags, entry = task
        conn.send((idx, _work_local(path, flags, entry)))


# ---- many files ---------------------------------------------------------------------------

class _Pool:
    """N worker processes; a worker that times out is killed, one that dies is replaced."""

    def __init__(self, jobs: int, knowledge: Knowledge, root: Path, stubs: Path,
                 frontend: str = "clang"):
        self.args = (knowledge, str(root), str(stubs), frontend)
        self.ctx = mp.get_context("fork")
        self.workers = [self._start() for _ in range(jobs)]

    def _start(self):
        parent, child = self.ctx.Pipe()
        p = self.ctx.Process(target=_worker_loop, args=(child, *self.args), daemon=True)
        p.start()
        child.close()
        return {"proc": p, "conn": parent, "task": None, "since": 0.0}

    def run(self, tasks: list[tuple[int, str, tuple]], timeout: float | None, done,
            meanwhile=None) -> None:
        """`meanwhile`: called again and again while every worker is busy and no result is
        in; it returns False once it has nothing more to do."""
        pending = list(reversed(tasks))
        while pending or any(w["task"] for w in self.workers):
            for i, w in enumerate(self.workers):
                if w["task"] is None and pending:
                    task = pending.pop()
                    try:
                        w["conn"].send(task)
                    except (OSError, BrokenPipeError):
                        self._replace(i)
                        pending.append(task)
                        continue
                    w["task"], w["since"] = task, time.monotonic()
            busy = [w for w in self.workers if w["task"]]
            if not busy:
                continue
            ready = wait([w["conn"] for w in busy], timeout=0 if meanwhile else 1.0)
            if not ready and meanwhile is not None and not meanwhile():
                meanwhile = None
            for i, w in enumerate(self.workers):
                if w["task"] is None:
                    continue
                if w["conn"] in ready:
                    try:
                        idx, result = w["conn"].recv()
                    except (EOFError, OSError):
                        code = w["proc"].exitcode
                        done(w["task"][0], (None, [], f"{w['task'][1]}: libclang crashed the "
                                            f"worker (exit code {code})", 0.0))
                        self._replace(i)
                        continue
                    w["task"] = None
                    done(idx, result)
                elif timeout and time.monotonic() - w["since"] > timeout:
                    done(w["task"][0], (None, [], f"{w['task'][1]}: stopped after "
                                        f"--file-timeout {timeout:g} s", timeout))
                    self._replace(i)

    def _replace(self, i: int) -> None:
        w = self.workers[i]
        w["proc"].kill()
        w["proc"].join(5)
        w["conn"].close()
        self.workers[i] = self._start()

    def close(self) -> None:
        for w in self.workers:
            try:
                w["conn"].send(None)
            except OSError:
                pass
        for w in self.workers:
            w["proc"].join(5)
            if w["proc"].is_alive():
                w["proc"].kill()


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def extract_all(units: list[Unit], knowledge: Knowledge, root: Path, stubs: Path, jobs: int,
                cache: Cache | None, timeout: float | None, progress=None,
                executor=None, frontend: str = "clang",
                known: dict[int, Outcome] | None = None, meanwhile=None,
                landed=None) -> list[Outcome]:
    """Facts for every unit, in input order; `executor` (executor_dask.DaskExecutor) runs the
    files the cache does not have on a Dask cluster instead of the local pool. `known`: the
    outcomes of some units (by index) this run already has. `meanwhile`: work for the main
    process while local workers parse (see _Pool.run). `landed(i, facts)` sees each unit's
    facts as they arrive, in whatever order (pipeline.HeaderCopies)."""
    outcomes: list[Outcome | None] = [None] * len(units)

    def land(i: int, outcome: Outcome | None) -> None:
        outcomes[i] = outcome
        if landed is not None and outcome is not None and outcome.facts is not None:
            landed(i, outcome.facts)
    keys: list[str | None] = [None] * len(units)
    todo = []
    finished = 0
    for i, u in enumerate(units):
        if known and i in known:
            land(i, known[i])
            finished += 1
            if progress:     # (a file loaded while others parsed counts as from the cache)
                progress(finished, len(units), u.path, known[i].from_cache)
            continue
        if cache is not None:
            keys[i] = cache.key(u)
            land(i, cache.outcome(keys[i]))
            if outcomes[i] is not None:
                finished += 1
                if progress:
                    progress(finished, len(units), u.path, True)
                continue
        todo.append((i, str(u.path), u.flags))

    def done(i, result):
        nonlocal finished
        found, deps, error, seconds, *digest = result
        if isinstance(found, str):         # JSON from a Dask worker: stored here
            facts = from_json(found)
            if cache is not None:
                cache.store(keys[i], found, deps)
                digest = [facts_digest(found)]
        else:                              # facts from a local worker, which stored them
            facts = found
        land(i, Outcome(facts, error, False, seconds, digest[0] if digest else ""))
        finished += 1
        if progress:
            progress(finished, len(units), units[i].path, False)

    # biggest files first: the run ends when its last file does, and a big file handed out
    # last keeps one worker busy while the others idle (results still land in input order)
    todo.sort(key=lambda t: -_size(t[1]))
    if todo and hasattr(progress, "parsing"):
        progress.parsing([path for _, path, _ in todo])
    if executor is not None:
        executor.run(todo, knowledge, root, stubs, timeout, done)
    else:
        entry = (lambda i: None) if cache is None else \
            (lambda i: (str(cache.entry_path(keys[i])), keys[i]))
        local = [(i, path, flags, entry(i)) for i, path, flags in todo]
        if local and (jobs > 1 or timeout):
            pool = _Pool(min(jobs, len(local)), knowledge, root, stubs, frontend)
            try:
                pool.run(local, timeout, done, meanwhile)
            finally:
                pool.close()
        elif local:
            _init(knowledge, str(root), str(stubs), frontend)
            for i, path, flags, where in local:
                done(i, _work_local(path, flags, where))
    return outcomes
