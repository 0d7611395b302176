"""`lockctx lsp` under a real editor: headless Neovim (0.7+, Debian's `neovim`) starts the
server with its built-in LSP client, opens a corpus file and receives its diagnostics.
Skipped when nvim is not installed (.ci/run installs it)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from helpers import CORPUS, REPO

NVIM = shutil.which("nvim")

# vim.lsp.start_client/buf_attach_client: the API since 0.5 (vim.lsp.start is 0.8+).
# vim.wait runs the event loop, so the client reads the server while the script waits.
SCRIPT = r"""
local out = os.getenv("LOCKCTX_NVIM_OUT")
local file = os.getenv("LOCKCTX_NVIM_FILE")
local result = {diagnostics = {}}
local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "lockctx",
    cmd = vim.fn.json_decode(os.getenv("LOCKCTX_NVIM_CMD")),
    root_dir = vim.fn.fnamemodify(file, ":h"),
  })
  assert(client_id, "the client did not start")
  assert(vim.lsp.buf_attach_client(bufnr, client_id), "could not attach")
  result.published = vim.wait(120000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 50)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, {lnum = d.lnum, col = d.col, code = d.code,
      source = d.source, severity = d.severity, message = d.message})
  end
  vim.lsp.stop_client(client_id)
end)
if not ok then result.error = tostring(err) end
local f = io.open(out, "w")
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd("qall!")
"""


@pytest.mark.skipif(not NVIM, reason="nvim is not installed")
def test_neovim_shows_the_lc001_diagnostic(tmp_path):
    drv = tmp_path / "drv"
    drv.mkdir()
    for name in ("seamldr_plain_guard.c", "napi_poll_plain.c"):
        shutil.copy(CORPUS / name, drv / name)
    script = tmp_path / "lockctx.lua"
    script.write_text(SCRIPT)
    out = tmp_path / "diagnostics.json"
    cmd = [sys.executable, "-m", "lockctx", "lsp", "--standalone",
           "--cache-dir", str(tmp_path / "cache")]
    home = tmp_path / "home"          # nvim's log, state and data, and nothing of the user's
    env = {**os.environ, "LOCKCTX_NVIM_OUT": str(out),
           "LOCKCTX_NVIM_FILE": str(drv / "seamldr_plain_guard.c"),
           "LOCKCTX_NVIM_CMD": json.dumps(cmd), "HOME": str(home),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "XDG_STATE_HOME": str(home / "state"), "XDG_CACHE_HOME": str(home / "cache"),
           "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH"))
                                         if p)}
    r = subprocess.run([NVIM, "--headless", "--clean", "-u", "NONE", "-i", "NONE", "-n",
                        "-c", f"luafile {script}"], cwd=tmp_path, env=env,
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
    assert out.is_file(), (r.returncode, r.stdout[-2000:], r.stderr[-2000:])
    result = json.loads(out.read_text())
    assert "error" not in result, result
    assert result["published"] is True
    (diag,) = result["diagnostics"]
    assert diag["code"] == "LC001" and diag["source"] == "lockctx"
    assert (diag["lnum"], diag["col"]) == (45, 1)             # 46:2, 0-based
    assert diag["severity"] == 1                              # vim.diagnostic.severity.ERROR
    assert "usage of seamldr_lock" in diag["message"]
