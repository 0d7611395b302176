"""`lockctx lsp`: a language server (pygls 2) for editors.

On open and on save of a `.c` file it analyses that file, with the other `.c` files of its
directory as context (their functions, callers and IRQ registrations feed the call graph, as
`--context-from` does), and publishes the file's findings as diagnostics. The facts cache
makes a save cost about one file's parse: the directory's other files come from the cache.

Each diagnostic carries the rule as its code, the lock site and both paths in its message
(for clients that do not show related information) and each step of each path as related
information. A quick-fix code action offers the edit of `fixes.py`, but only while the
buffer is exactly the text that was analysed: edits are byte positions in that text.

The buffer is not analysed, the file on disk is: libclang parses files, and the facts cache
is keyed by their content.
"""
from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from . import __version__
from . import suppress
from .fixes import Edit, fixer_for
from .knowledge import Knowledge
from .pipeline import InputError, Options, run
from .report.sarif import INFO_URI, SourceFiles

SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "note": lsp.DiagnosticSeverity.Information}


@dataclass
class Config:
    knowledge: Knowledge
    kernel_tree: Path | None = None
    standalone: bool = False
    cache_dir: Path | None = None          # None: no cache (every save re-parses the directory)
    jobs: int = 1
    context: bool = True                   # the file's directory as context


@dataclass
class Analysed:
    """One file's last analysis: the bytes analysed, and each diagnostic's edit (if any)."""
    data: bytes
    diagnostics: list[lsp.Diagnostic] = field(default_factory=list)
    edits: list[tuple[lsp.Diagnostic, Edit]] = field(default_factory=list)


class Columns:
    """libclang's 1-based byte columns -> LSP character offsets in the negotiated encoding."""

    def __init__(self, files: SourceFiles, encoding: str) -> None:
        self.files = files
        self.encoding = encoding
        self._lines: dict[str, list[bytes]] = {}

    def position(self, file: str, line: int, col: int) -> lsp.Position:
        if file not in self._lines:
            data = self.files.data(file)
            self._lines[file] = data.split(b"\n") if data is not None else []
        lines = self._lines[file]
        line = max(line, 1)
        before = lines[line - 1][:max(col, 1) - 1] if line <= len(lines) else b""
        if self.encoding == lsp.PositionEncodingKind.Utf8:
            units = len(before)
        else:
            text = before.decode("utf-8", "replace")
            units = len(text) if self.encoding == lsp.PositionEncodingKind.Utf32 \
                else len(text.encode("utf-16-le")) // 2
        return lsp.Position(line=line - 1, character=units)

    def range(self, file: str, line: int, col: int, end_line: int = 0, end_col: int = 0):
        start = self.position(file, line, col)
        if end_line and (end_line, end_col) > (line, col):
            return lsp.Range(start, self.position(file, end_line, end_col))
        return lsp.Range(start, lsp.Position(start.line, start.character + 1))


def analyse(path: Path, cfg: Config):
    """The pipeline on one file, its directory's other files as context."""
    return run(Options(paths=[path], knowledge=cfg.knowledge, kernel_tree=cfg.kernel_tree,
                       standalone=cfg.standalone, jobs=cfg.jobs, cache_dir=cfg.cache_dir,
                       context=[path.parent] if cfg.context else []))


def diagnostics_for(path: Path, result, encoding: str) -> Analysed:
    files = SourceFiles(result.root)
    cols = Columns(files, encoding)
    fixer = fixer_for(result)
    target = path.resolve()
    out = Analysed(data=path.read_bytes())
    for f in result.findings:
        if files.path(f.loc.file).resolve() != target:
            continue
        related = []
        lines = [f.message]
        for p in f.paths:
            steps = p.steps
            if steps:        # the path, ending at its lock site, for clients without related info
                lines.append(f"{p.title}: " + " -> ".join(st.function for st in steps)
                             + f" ({steps[-1].loc.file}:{steps[-1].loc.line})")
            for i, st in enumerate(steps, start=1):
                note = f" ({st.note})" if st.note else ""
                related.append(lsp.DiagnosticRelatedInformation(
                    location=lsp.Location(uri=from_fs_path(str(files.path(st.loc.file))),
                                          range=cols.range(st.loc.file, st.loc.line, st.loc.col,
                                                           st.loc.end_line, st.loc.end_col)),
                    message=f"{p.title} [{i}/{len(steps)}]: {st.function}{note}"))
        if f.fix:
            lines.append(f"fix: {f.fix}")
        diag = lsp.Diagnostic(
            range=cols.range(f.loc.file, f.loc.line, f.loc.col, f.loc.end_line, f.loc.end_col),
            message="\n".join(lines),
            severity=SEVERITY.get(f.level, lsp.DiagnosticSeverity.Warning),
            code=f.rule, source="lockctx",
            code_description=lsp.CodeDescription(href=f"{INFO_URI}#{f.rule.lower()}"),
            related_information=related or None)
        out.diagnostics.append(diag)
        edit = fixer.edit(f)
        if edit is not None:
            out.edits.append((diag, edit))
    return out


def overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    key = lambda p: (p.line, p.character)  # noqa: E731
    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


class LockctxServer(LanguageServer):
    def __init__(self, cfg: Config) -> None:
        super().__init__("lockctx", __version__)
        self.cfg = cfg
        self.analysed: dict[str, Analysed] = {}
        self.lock = threading.Lock()       # one analysis at a time: they share the cache

    def check(self, uri: str) -> tuple[Analysed | None, str]:
        """Runs in a worker thread: analyse the file behind `uri`."""
        path = Path(to_fs_path(uri) or "")
        if path.suffix != ".c" or not path.is_file():
            return None, ""
        t0 = time.perf_counter()
        with self.lock:
            try:
                result = analyse(path, self.cfg)
                # .lockctx-ignore at the root and inline `lockctx: ignore`, as for `check`
                sup = suppress.apply(result.findings, result.root, result.files)
                result = replace(result, findings=sup.kept)
                res = diagnostics_for(path, result, self.workspace.position_encoding)
            except InputError as exc:
                return None, f"lockctx: {exc}"
            except Exception as exc:  # noqa: BLE001 - a bug must not take the editor's server down
                traceback.print_exc()
                return None, f"lockctx: internal error on {path.name}: {type(exc).__name__}: {exc}"
        parsed = result.units - result.from_cache
        files = SourceFiles(result.root)
        errors = [e for p, e in result.failures if files.path(p).resolve() == path.resolve()]
        return res, (f"lockctx: {path.name}: {len(res.diagnostics)} findings; "
                     f"{parsed} files parsed, {result.from_cache} from cache, "
                     f"{time.perf_counter() - t0:.2f} s" + (f"; {errors[0]}" if errors else "")
                     + (f"; {sup.suppressed} suppressed" if sup.suppressed else "")
                     + "".join(f"; warning: {w}" for w in sup.warnings))


def make_server(cfg: Config) -> LockctxServer:
    server = LockctxServer(cfg)

    async def publish(ls: LockctxServer, uri: str) -> None:
        res, note = await asyncio.get_running_loop().run_in_executor(None, ls.check, uri)
        if res is None:
            if note:                       # the user has to act (prepare the tree, report a bug)
                ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error,
                                                             message=note))
            return
        ls.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Info, message=note))
        ls.analysed[uri] = res
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=res.diagnostics))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: LockctxServer, params: lsp.DidOpenTextDocumentParams):
        await publish(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: LockctxServer, params: lsp.DidSaveTextDocumentParams):
        await publish(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LockctxServer, params: lsp.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        if ls.analysed.pop(uri, None) is not None:
            ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri,
                                                                              diagnostics=[]))

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_action(ls: LockctxServer, params: lsp.CodeActionParams):
        uri = params.text_document.uri
        res = ls.analysed.get(uri)
        if res is None:
            return None
        doc = ls.workspace.get_text_document(uri)
        if doc.source.encode("utf-8") != res.data:
            return None                    # edited since the analysis: the edit would misplace
        actions = []
        for diag, edit in res.edits:
            if not overlaps(diag.range, params.range):
                continue
            changes: dict[str, list[lsp.TextEdit]] = {}
            cols = Columns(_Buffer(res.data), ls.workspace.position_encoding)
            for r in edit.replacements:
                changes.setdefault(uri, []).append(lsp.TextEdit(
                    range=lsp.Range(cols.position("", r.line, r.col),
                                    cols.position("", r.end_line, r.end_col)),
                    new_text=r.text))
            actions.append(lsp.CodeAction(
                title=f"lockctx: {edit.description}", kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diag], is_preferred=True,
                edit=lsp.WorkspaceEdit(changes=changes)))
        return actions or None

    return server


class _Buffer:
    """SourceFiles' `data` for the one text an edit applies to."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def data(self, file: str) -> bytes:
        return self._data


def serve(cfg: Config) -> None:
    """Speak LSP on copies of stdin and stdout, and point fds 0 and 1 elsewhere: anything
    else written to fd 1 (a library, a forked parser) goes to stderr instead of corrupting
    the protocol stream, and a `-j` parser process, which closes sys.stdin when it starts,
    does not wait forever for the lock the server's reader thread holds on it."""
    inp = os.fdopen(os.dup(0), "rb")
    out = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    make_server(cfg).start_io(inp, out)
