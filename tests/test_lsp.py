"""`lockctx lsp` driven by a real LSP client (pytest-lsp) over stdio, as an editor would."""
from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

import pytest
import pytest_asyncio
from lsprotocol import types as lsp
from pygls.uris import from_fs_path
from pytest_lsp import client_capabilities, make_test_lsp_client

from helpers import CORPUS, unprepared_tree

FILES = ("seamldr_plain_guard.c", "napi_poll_plain.c", "hrtimer_callback_plain.c")


@pytest_asyncio.fixture
async def client(tmp_path):
    """The server started as `lockctx lsp` in a directory with three corpus files, its cache
    in tmp_path; an initialized VS Code-like client."""
    drv = tmp_path / "drv"
    drv.mkdir()
    for name in FILES:
        shutil.copy(CORPUS / name, drv / name)
    c = make_test_lsp_client()
    await c.start_io(sys.executable, "-m", "lockctx", "lsp", "--standalone",
                     "--cache-dir", str(tmp_path / "cache"), cwd=str(tmp_path))
    await c.initialize_session(lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=from_fs_path(str(tmp_path))))
    c.drv = drv
    yield c
    await c.shutdown_session()
    await c.stop()


async def diagnostics_after(c, notify, *args) -> list[lsp.Diagnostic]:
    waiting = c.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    notify(*args)
    params = await waiting
    return list(params.diagnostics)


def open_params(path: Path) -> lsp.DidOpenTextDocumentParams:
    return lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=from_fs_path(str(path)), language_id="c", version=1, text=path.read_text()))


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """UTF-16 positions; the corpus is ASCII, so characters."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                    reverse=True):
        a = starts[e.range.start.line] + e.range.start.character
        b = starts[e.range.end.line] + e.range.end.character
        text = text[:a] + e.new_text + text[b:]
    return text


@pytest.mark.asyncio
async def test_open_publishes_the_finding_and_the_quick_fix_removes_it(client):
    path = client.drv / "seamldr_plain_guard.c"
    uri = from_fs_path(str(path))
    (diag,) = await diagnostics_after(client, client.text_document_did_open, open_params(path))
    assert diag.code == "LC001" and diag.source == "lockctx"
    assert diag.severity == lsp.DiagnosticSeverity.Error
    assert diag.range.start == lsp.Position(line=45, character=1)     # 46:2, 0-based
    # the message stands alone: the lock, both paths ending at the lock site, the fix
    assert "usage of seamldr_lock" in diag.message
    assert "also taken in hardirq context: seamldr_irq_handler -> seamldr_call" in diag.message
    assert "fix: guard(raw_spinlock_irqsave)" in diag.message
    related = diag.related_information
    assert [r.message.split(":")[0].rsplit(" [", 1)[0] for r in related].count(
        "also taken in hardirq context") >= 2
    assert all(r.location.uri == uri for r in related)
    # the directory's other files were parsed as context (cold cache)
    assert "3 files parsed, 0 from cache" in client.log_messages[-1].message

    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=diag.range,
        context=lsp.CodeActionContext(diagnostics=[diag])))
    (action,) = actions
    assert action.kind == lsp.CodeActionKind.QuickFix
    assert "raw_spinlock_irqsave" in action.title
    fixed = apply_edits(path.read_text(), action.edit.changes[uri])
    assert "\tguard(raw_spinlock_irqsave)(&seamldr_lock);" in fixed.splitlines()[45]

    # the editor applies it and saves: the diagnostic goes, and only this file is parsed
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=fixed)]))
    path.write_text(fixed)
    after = await diagnostics_after(client, client.text_document_did_save,
                                    lsp.DidSaveTextDocumentParams(
                                        text_document=lsp.TextDocumentIdentifier(uri=uri)))
    assert after == []
    assert "1 files parsed, 2 from cache" in client.log_messages[-1].message


@pytest.mark.asyncio
async def test_no_quick_fix_once_the_buffer_differs_from_what_was_analysed(client):
    path = client.drv / "napi_poll_plain.c"
    uri = from_fs_path(str(path))
    (diag,) = await diagnostics_after(client, client.text_document_did_open, open_params(path))
    assert diag.code == "LC002" and diag.severity == lsp.DiagnosticSeverity.Error

    def ask():
        return client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), range=diag.range,
            context=lsp.CodeActionContext(diagnostics=[diag])))

    (action,) = await ask()
    assert sorted(e.new_text for e in action.edit.changes[uri]) == ["spin_lock_bh",
                                                                    "spin_unlock_bh"]
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(
            text="/* new line */\n" + path.read_text())]))
    assert await ask() is None


@pytest.mark.asyncio
async def test_an_unprepared_tree_is_shown_to_the_user(tmp_path):
    drv = unprepared_tree(tmp_path)
    tree = drv.parents[1]
    c = make_test_lsp_client()
    await c.start_io(sys.executable, "-m", "lockctx", "lsp", "--no-cache", cwd=str(tmp_path))
    try:
        await c.initialize_session(lsp.InitializeParams(
            capabilities=client_capabilities("neovim"), root_uri=from_fs_path(str(tree))))
        waiting = c.wait_for_notification(lsp.WINDOW_SHOW_MESSAGE)
        c.text_document_did_open(open_params(drv))
        shown = await waiting
        assert shown.type == lsp.MessageType.Error
        assert "make defconfig prepare" in shown.message
    finally:
        await c.shutdown_session()
        await c.stop()


@pytest.mark.asyncio
async def test_parallel_parsers_start_under_the_server(tmp_path):
    """-j 2 forks parser processes from the server's worker thread; they must not hang on
    the stdin the server's reader thread is blocked on."""
    for name in FILES:
        shutil.copy(CORPUS / name, tmp_path / name)
    c = make_test_lsp_client()
    await c.start_io(sys.executable, "-m", "lockctx", "lsp", "--standalone", "-j", "2",
                     "--cache-dir", str(tmp_path / "cache"), cwd=str(tmp_path))
    try:
        await c.initialize_session(lsp.InitializeParams(
            capabilities=client_capabilities("neovim"), root_uri=from_fs_path(str(tmp_path))))
        waiting = c.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        c.text_document_did_open(open_params(tmp_path / "napi_poll_plain.c"))
        params = await asyncio.wait_for(waiting, timeout=120)
        assert [d.code for d in params.diagnostics] == ["LC002"]
    finally:
        await c.shutdown_session()
        await c.stop()


@pytest.mark.asyncio
async def test_suppressions_apply_to_the_published_diagnostics(client, tmp_path):
    """.lockctx-ignore at the root (the server's cwd here: no kernel tree, no git) and inline
    `lockctx: ignore` comments silence diagnostics as they silence `lockctx check`."""
    import json

    from helpers import lockctx
    guard = client.drv / "seamldr_plain_guard.c"
    r = lockctx("check", "--standalone", "--no-cache", "--format", "json",
                "drv/seamldr_plain_guard.c", cwd=tmp_path)
    (finding,) = json.loads(r.stdout)["findings"]
    (tmp_path / ".lockctx-ignore").write_text(
        f"{finding['fingerprint']} LC001 -- the handler is never registered\n")
    assert await diagnostics_after(client, client.text_document_did_open,
                                   open_params(guard)) == []
    assert "0 findings;" in client.log_messages[-1].message
    assert "; 1 suppressed" in client.log_messages[-1].message

    napi = client.drv / "napi_poll_plain.c"
    uri = from_fs_path(str(napi))
    (diag,) = await diagnostics_after(client, client.text_document_did_open, open_params(napi))
    lines = napi.read_text().splitlines(keepends=True)
    line = diag.range.start.line
    lines.insert(line, "\t/* lockctx: ignore LC002 -- napi_poll runs with BHs off here */\n")
    napi.write_text("".join(lines))
    save = lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    assert await diagnostics_after(client, client.text_document_did_save, save) == []
    assert "; 1 suppressed" in client.log_messages[-1].message

    # a malformed comment silences nothing and is reported in the log
    lines[line] = "\t/* lockctx: ignore LC002 */\n"
    napi.write_text("".join(lines))
    (again,) = await diagnostics_after(client, client.text_document_did_save, save)
    assert again.code == "LC002"
    assert "warning: " in client.log_messages[-1].message
    assert "malformed lockctx comment" in client.log_messages[-1].message
