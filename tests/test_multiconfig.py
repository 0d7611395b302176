"""Several configurations in one run (lockctx/multiconfig.py): each analysed on its own, each
finding reported once with the configurations it occurs in."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import CORPUS, lockctx

BOTH = "seamldr_plain_guard.c"         # an LC001 in either configuration
ONLY_X86 = "scoped_guard_plain.c"      # an LC001 in x86 only


@pytest.fixture
def configs(tmp_path) -> tuple[Path, Path]:
    """Two views of the corpus: x86 has both files, arm64 only BOTH, two lines further down
    (the line-independent fingerprint still matches it)."""
    x86, arm64 = tmp_path / "x86", tmp_path / "arm64"
    x86.mkdir()
    arm64.mkdir()
    shutil.copy(CORPUS / BOTH, x86 / BOTH)
    shutil.copy(CORPUS / ONLY_X86, x86 / ONLY_X86)
    (arm64 / BOTH).write_text("/* moved down */\n\n" + (CORPUS / BOTH).read_text())
    return x86, arm64


def check(*args, cwd) -> str:
    r = lockctx("check", "--standalone", "--no-cache", "-q", *args, cwd=cwd)
    assert r.returncode == 1, r.stderr
    return r.stdout


def test_sarif_lists_configurations(configs, tmp_path):
    x86, arm64 = configs
    doc = json.loads(check("-f", "sarif", "--tree", x86, "--tree", arm64, cwd=tmp_path))
    results = doc["runs"][0]["results"]
    where = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]:
             r["properties"]["configurations"] for r in results}
    assert where == {BOTH: ["x86", "arm64"], ONLY_X86: ["x86"]}
    assert len(results) == 2            # the finding in both is reported once
    # reported as found in the first configuration listing it
    line = [r for r in results if r["ruleId"] and
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == BOTH][0]
    single = json.loads(check("-f", "sarif", BOTH, cwd=x86))["runs"][0]["results"][0]
    assert line["locations"] == single["locations"]


def test_text_and_json_list_configurations(configs, tmp_path):
    x86, arm64 = configs
    text = check("--config-name", f"x86_64={x86}", "--config-name", f"arm={arm64}",
                 cwd=tmp_path)
    assert text.count("in configurations: x86_64, arm\n") == 1
    assert text.count("in configurations: x86_64\n") == 1
    doc = json.loads(check("-f", "json", "--tree", arm64, "--tree", x86, cwd=tmp_path))
    assert sorted(f["configurations"] for f in doc["findings"]) == [["arm64", "x86"], ["x86"]]


def test_one_configuration_is_the_plain_report(configs, tmp_path):
    x86, _ = configs
    for fmt in ("sarif", "text", "json"):
        one = check("-f", fmt, "--tree", x86, cwd=tmp_path)
        assert one == check("-f", fmt, ".", cwd=x86)
        assert "configurations" not in one


def test_configuration_names_must_differ(configs, tmp_path):
    x86, _ = configs
    r = lockctx("check", "--standalone", "--tree", x86, "--config-name", f"x86={x86}",
                cwd=tmp_path)
    assert r.returncode == 2 and "used twice" in r.stderr, r.stderr
