"""SARIF output against the official OASIS SARIF 2.1.0 schema, and what code scanning reads."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from helpers import CORPUS, EXAMPLE, add_bug, lockctx
from lockctx.report.linehash import LineHasher, file_line_hashes, line_hashes

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
    assert [r["id"] for r in rules] == ["LC001", "LC002", "LC003", "LC004", "LC005"]
    for r in rules:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"]
        assert "Why it is a bug" in r["help"]["text"] and r["help"]["markdown"]
    assert {res["ruleId"] for res in run["results"]} == \
        {"LC001", "LC002", "LC003", "LC004", "LC005"}
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


# ---- primaryLocationLineHash: github/codeql-action src/fingerprints.ts ------------------------

# Inputs and expected hashes from codeql-action's src/fingerprints.test.ts ("hash" test)
UPSTREAM_HASHES = [
    ("", ["c129715d7a2bc9a3:1"]),
    (" a\nb\n  \t\tc\n d",
     ["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"]),
    (" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End",
     ["8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1", "c6805c5e1288b612:1",
      "b86d3392aea1be30:1", "e6ceba753e1a442:1"]),
    *[(text, ["e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1",
              "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1",
              "c129715d7a2bc9a3:1"])
      for text in (" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
                   " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
                   " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
                   " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n")],
    ("Lorem ipsum dolor sit amet.\n" * 10,
     ["a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4",
      "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
      "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1"]),
    ("x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n",
     ["e54938cc54b302f1:1", "bb609acbe9138d60:1", "1131fd5871777f34:1", "5c482a0f8b35ea28:1",
      "54517377da7028d2:1", "2c644846cb18d53e:1", "f1b89f20de0d133:1", "c129715d7a2bc9a3:1"]),
]


@pytest.mark.parametrize("text,expected", UPSTREAM_HASHES)
def test_line_hash_matches_upstream_fixtures(text, expected):
    assert line_hashes(text) == expected
    assert file_line_hashes(text.encode()) == expected


def test_line_hash_matches_upstream_end_to_end_fixture():
    """codeql-action's fingerprinting.expected.sarif: line 1 of testdata/testFile1.js and line 2
    of testFile2.js, files of four one-statement lines."""
    f1 = b"".join(b"var %s = 0;\n" % v for v in (b"a", b"b", b"c", b"d"))
    f2 = b"".join(b"var %s = 0;\n" % v for v in (b"foo", b"bar", b"baz", b"qux"))
    assert file_line_hashes(f1)[0] == "5e4d5a9cf1294ad9:1"
    assert file_line_hashes(f2)[1] == "f7592a95a9381ac0:1"


def rolling_reference(text: str) -> list[str]:
    """fingerprints.ts `hash`, transcribed statement by statement: the rolling window over
    UTF-16 code units that lockctx's direct computation must agree with."""
    block, mod, mask = 100, 37, (1 << 64) - 1
    first_mod = pow(mod, block, 1 << 64)
    window, line_numbers = [0] * block, [-1] * block
    st = {"hash": 0, "index": 0, "line": 0, "line_start": True, "prev_cr": False}
    counts, out = {}, []

    def output():
        value = format(st["hash"], "x")
        counts[value] = counts.get(value, 0) + 1
        out.append((line_numbers[st["index"]], f"{value}:{counts[value]}"))
        line_numbers[st["index"]] = -1

    def update(current):
        begin = window[st["index"]]
        window[st["index"]] = current
        st["hash"] = (mod * st["hash"] + current - first_mod * begin) & mask
        st["index"] = (st["index"] + 1) % block

    def process(current):
        if current in (0x20, 0x09) or (st["prev_cr"] and current == 0x0A):
            st["prev_cr"] = False
            return
        if current == 0x0D:
            current, st["prev_cr"] = 0x0A, True
        else:
            st["prev_cr"] = False
        if line_numbers[st["index"]] != -1:
            output()
        if st["line_start"]:
            st["line_start"] = False
            st["line"] += 1
            line_numbers[st["index"]] = st["line"]
        if current == 0x0A:
            st["line_start"] = True
        update(current)

    data = text.encode("utf-16-le")
    for i in range(0, len(data), 2):
        process(int.from_bytes(data[i:i + 2], "little"))
    process(0xFFFF)
    for _ in range(block):
        if line_numbers[st["index"]] != -1:
            output()
        update(0)
    assert [n for n, _ in out] == list(range(1, len(out) + 1))
    return [h for _, h in out]


def test_line_hash_agrees_with_the_rolling_window_on_awkward_input():
    import random
    rng = random.Random(4)
    alphabet = ["\t", " ", "\r", "\n", "\r\n", "\r \n", "x", "{", "é", "\U0001F512", "\u00a0",
                "spin_lock(&l);", "a" * 130]
    samples = ["\r", "\n", " \r\n ", "\t\t\n\n", "a" * 250, "\r\n" * 3 + "x"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 120)))
                for _ in range(300)]
    for text in samples:
        assert line_hashes(text) == rolling_reference(text), repr(text)


def test_line_hash_of_single_lines_agrees_with_every_line_hashed():
    """The report hashes only the lines it names; duplicated windows must still count."""
    import random
    rng = random.Random(7)
    block = "spin_lock(&l);\n" * 12
    samples = [block * 3 + "x\n" + block, "\n" * 250, "a\n\n" * 90, "\r\n\r\n" * 70 + "y"]
    samples += ["".join(rng.choice(["\n", "a", " ", "{}", "\r", "é"]) for _ in
                        range(rng.randrange(0, 400))) for _ in range(100)]
    samples += [p.read_bytes().decode("utf-8", "replace") for p in sorted(CORPUS.glob("*.c"))[:5]]
    for text in samples:
        every = line_hashes(text)
        one = LineHasher(text)
        assert len(one) == len(every)
        assert [one(i) for i in range(1, len(every) + 1)] == every, repr(text[:60])


def test_line_hash_of_kernel_c_agrees_with_the_rolling_window():
    for path in sorted(CORPUS.glob("*.c"))[:5] + [EXAMPLE]:
        text = path.read_bytes().decode("utf-8", "replace")
        assert line_hashes(text) == rolling_reference(text), path


def test_sarif_carries_the_primary_location_line_hash(tmp_path):
    src = tmp_path / "seamldr.c"
    src.write_text(EXAMPLE.read_text())
    (res,) = sarif_of(src)["runs"][0]["results"]
    fp = res["partialFingerprints"]
    line = res["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert fp["primaryLocationLineHash"] == line_hashes(src.read_text())[line - 1]
    assert set(fp) == {"lockctx/v1", "primaryLocationLineHash"}
    # editing the reported line changes the line hash, not lockctx's own fingerprint
    lines = EXAMPLE.read_text().split("\n")
    lines[line - 1] += " /* edited */"
    src.write_text("\n".join(lines))
    (res2,) = sarif_of(src)["runs"][0]["results"]
    assert res2["partialFingerprints"]["lockctx/v1"] == fp["lockctx/v1"]
    assert res2["partialFingerprints"]["primaryLocationLineHash"] != fp["primaryLocationLineHash"]


def test_columns_are_code_points_as_column_kind_says(tmp_path):
    """libclang counts bytes; SARIF's columnKind is unicodeCodePoints."""
    src = tmp_path / "seamldr.c"
    lines = EXAMPLE.read_text().split("\n")
    assert lines[33].startswith("\tguard(raw_spinlock)(&seamldr_lock);")
    lines[33] = "\t/* \u00fc */ " + lines[33][1:]
    src.write_text("\n".join(lines))
    doc = sarif_of(src)
    assert doc["runs"][0]["columnKind"] == "unicodeCodePoints"
    region = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == 10 and region["startLine"] == 34   # byte column 11


# ---- rules, category --------------------------------------------------------------------------

def test_rules_carry_what_code_scanning_reads():
    from lockctx.rules import all_docs
    levels = {d.code: d.level for d in all_docs()}
    rules = sarif_of(EXAMPLE)["runs"][0]["tool"]["driver"]["rules"]
    for r in rules:
        short, full = r["shortDescription"]["text"], r["fullDescription"]["text"]
        assert 0 < len(short) <= 1024 and short[0].isupper() and short.endswith(".")
        assert 0 < len(full) <= 1024 and full.endswith("."), (r["id"], full[-40:])
        assert full.startswith("What it finds:") and "Why it is a bug:" in full
        assert "Example:" in r["help"]["text"] and "```c" in r["help"]["markdown"]
        props = r["properties"]
        assert props["tags"] and props["precision"] in ("very-high", "high", "medium", "low")
        assert props["problem.severity"] == levels[r["id"]]
        assert "security-severity" not in props
        assert r["defaultConfiguration"]["level"] == levels[r["id"]]


@pytest.mark.parametrize("category,expected", [("linux-x86", "linux-x86/"),
                                               ("lockctx/defconfig/", "lockctx/defconfig/")])
def test_category_sets_the_automation_id(category, expected):
    r = lockctx("check", "--format", "sarif", "--category", category, EXAMPLE)
    doc = json.loads(r.stdout)
    validate(doc)
    assert doc["runs"][0]["automationDetails"] == {"id": expected}
    assert "automationDetails" not in sarif_of(EXAMPLE)["runs"][0]


# ---- Microsoft's SARIF Multitool, with its GitHub rules ---------------------------------------

def multitool() -> str | None:
    """The Multitool's bundled Linux binary: $LOCKCTX_SARIF_MULTITOOL (.ci/run installs it),
    or a global `npm install -g @microsoft/sarif-multitool`. Its npm wrapper runs through a
    shell, which splits `--rule-kind Sarif;Gh` at the `;`, so the binary is run directly."""
    path = os.environ.get("LOCKCTX_SARIF_MULTITOOL")
    if path:
        return path if os.access(path, os.X_OK) else None
    if not shutil.which("npm"):
        return None
    try:
        root = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True,
                              timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None
    cand = Path(root) / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"
    return str(cand) if cand.is_file() and os.access(cand, os.X_OK) else None


def multitool_results(tool: str, log: Path, tmp_path: Path) -> list[dict]:
    out = tmp_path / (log.stem + ".validation.sarif")
    env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1",
               DOTNET_CLI_TELEMETRY_OPTOUT="1")
    r = subprocess.run([tool, "validate", str(log), "-o", str(out), "--rule-kind", "Sarif;Gh"],
                       capture_output=True, text=True, env=env, timeout=300)
    # its exit code does not reflect the results: read them from the log it wrote
    assert out.is_file(), r.stdout + r.stderr
    doc = json.loads(out.read_text(encoding="utf-8-sig"))
    notes = doc["runs"][0]["invocations"][0].get("toolExecutionNotifications") or []
    assert not [n for n in notes if n.get("level") == "error"], notes
    return doc["runs"][0].get("results") or []


def test_sarif_multitool_finds_nothing(tmp_path):
    tool = multitool()
    if tool is None:
        pytest.skip("SARIF Multitool not installed (LOCKCTX_SARIF_MULTITOOL or npm -g)")
    whole = tmp_path / "corpus.sarif"
    r = lockctx("check", "--standalone", "--format", "sarif", "--category", "corpus",
                "-o", whole, CORPUS)
    assert r.returncode == 1, r.stderr
    # a log with every baselineState: one corpus file dropped, one finding added
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    base = tmp_path / "base.sarif"
    lockctx("check", "--standalone", "--format", "sarif", "-o", base, corpus)
    (corpus / "tasklet_plain.c").unlink()
    add_bug(corpus / "trylock_in_task.c")
    compared = tmp_path / "compared.sarif"
    lockctx("check", "--standalone", "--format", "sarif", "--baseline", base, "-o", compared,
            corpus)
    states = {r["baselineState"] for r in json.loads(compared.read_text())["runs"][0]["results"]}
    assert states == {"new", "unchanged", "absent"}
    # a rule without fullDescription is found: the tool does run GitHub's rules
    broken = json.loads(whole.read_text())
    del broken["runs"][0]["tool"]["driver"]["rules"][0]["fullDescription"]
    bad = tmp_path / "broken.sarif"
    bad.write_text(json.dumps(broken))
    assert any(r["ruleId"].startswith("GH") for r in multitool_results(tool, bad, tmp_path))
    for log in (whole, compared):
        found = multitool_results(tool, log, tmp_path)
        assert found == [], [(r["ruleId"], r["message"]) for r in found]



def test_source_files_forget_old_files_and_answer_the_same(tmp_path, monkeypatch):
    """SourceFiles keeps only the files used last (a whole tree's report touches thousands):
    a file read again after it was dropped gives the same columns and line hashes."""
    from lockctx.report.sarif import SourceFiles
    texts = {f"f{i}.c": ("int x;\n/* é */ int y;\n" * (i + 2)).encode() for i in range(4)}
    for name, data in texts.items():
        (tmp_path / name).write_bytes(data)
    monkeypatch.setattr(SourceFiles, "KEEP", 2)
    src = SourceFiles(tmp_path)
    for _ in range(2):
        for name, data in texts.items():
            assert src.line_hash(name, 2) == file_line_hashes(data)[1]
            assert src.column(name, 2, 12) == 11          # é: two bytes, one code point
        assert len(src._files) == 2
