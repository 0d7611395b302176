"""Run the lockctx CLI as a user would: a subprocess."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "corpus"
EXAMPLE = REPO / "examples" / "seamldr.c"


def lockctx(*args, cwd=REPO, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lockctx", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)
