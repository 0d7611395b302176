"""SARIF output against the official OASIS SARIF 2.1.0 schema, and what code scanning reads."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from helpers import CORPUS, EXAMPLE, lockctx

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())


def sarif_of(*paths) -> dict:
    r = lockctx("check", "--standalone", "--format", "sarif", *paths)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)


def validate(doc: dict) -> None:
    v = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_format_checker_is_active():
    """Without jsonschema[format-nongpl] URI fields go unchecked: make sure they are."""
    v = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x",
                                                              "informationUri": "not a uri"}}}]}
    assert list(v.iter_errors(bad)), "URI format is not being checked"


@pytest.mark.parametrize("case", ["seamldr_plain_guard.c", "shared_lock", "seamldr_irqsave_guard.c"])
def test_sarif_is_valid(case):
    validate(sarif_of(CORPUS / case))


def test_sarif_whole_corpus_valid_and_complete():
    doc = sarif_of(CORPUS)
    validate(doc)
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["LC001", "LC002", "LC003", "LC004"]
    for r in rules:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"]
        assert "Why it is a bug" in r["help"]["text"] and r["help"]["markdown"]
    assert {res["ruleId"] for res in run["results"]} == {"LC001", "LC002", "LC003", "LC004"}
    for res in run["results"]:
        # every level is explicit, never inherited from the rule
        assert res["level"] in ("error", "warning")
        assert res["partialFingerprints"]["lockctx/v1"]


def test_sarif_result_shape_for_the_seamldr_example():
    doc = sarif_of(EXAMPLE)
    validate(doc)
    run = doc["runs"][0]
    assert run["tool"]["driver"]["name"] == "lockctx"
    (res,) = run["results"]
    assert res["ruleId"] == "LC001" and res["level"] == "error"
    loc = res["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "examples/seamldr.c", "uriBaseId": "%SRCROOT%"}
    assert loc["region"]["startLine"] == 34
    assert "%SRCROOT%" in run["originalUriBaseIds"]
    assert res["relatedLocations"][0]["id"] == 1
    assert "](1)" in res["message"]["text"]
    flows = res["codeFlows"]
    assert len(flows) == 2 and all(len(f["threadFlows"]) == 1 for f in flows)
    first = [l["location"]["message"]["text"] for l in flows[0]["threadFlows"][0]["locations"]]
    assert first[0].startswith("install_store") and first[-1].startswith("seamldr_call")


def test_fingerprint_survives_unrelated_line_moves(tmp_path):
    src = tmp_path / "seamldr.c"
    src.write_text(EXAMPLE.read_text())
    a = sarif_of(src)["runs"][0]["results"][0]["partialFingerprints"]
    src.write_text("/* a new comment */\n\n" + EXAMPLE.read_text())
    b = sarif_of(src)["runs"][0]["results"][0]
    assert b["locations"][0]["physicalLocation"]["region"]["startLine"] == 36
    assert b["partialFingerprints"] == a
