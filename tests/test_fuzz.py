"""Bounded, deterministic fuzzing of every input lockctx reads from the user.

Each target either accepts its input or fails with the one-line error the CLI turns into exit
code 2; nothing may escape as another exception (exit 3, a traceback). Hypothesis runs
derandomized with a fixed number of examples, so CI sees the same inputs every run; the
whole file takes well under a minute.

Inputs tried per run (max_examples): frontend 60 mutated corpus files (each also linked,
propagated and checked), rules.toml 150 generated documents + 150 mutated texts, SARIF
baseline 150 mutated logs (each also compared and rendered in every format) + 100
byte-mutated ones + 7 edge cases, compile_commands.json 100 generated databases + 100
mutated texts + 6 edge cases, and 7 CLI subprocesses.
"""
from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import CORPUS, EXAMPLE, lockctx
from lockctx import kbuild, sources
from lockctx.baseline import BaselineError, compare
from lockctx.baseline import load as load_baseline
from lockctx.facts import from_json, to_json
from lockctx.frontend import ParseFailure, PathMapper, extract_with_deps
from lockctx.knowledge import TABLES, RulesError, load_knowledge
from lockctx.link import link
from lockctx.propagate import propagate
from lockctx.rules import run_rules

FAST = dict(deadline=None, derandomize=True, database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                   HealthCheck.function_scoped_fixture])

CORPUS_FILES = sorted(CORPUS.glob("*.c"))
KNOWLEDGE = load_knowledge()


def one_line(exc: Exception, name: str) -> None:
    msg = str(exc)
    assert "\n" not in msg and "\r" not in msg, repr(msg)
    assert name in msg, msg


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


# ---- (a) the libclang frontend on mutated corpus files -------------------------------------

C_BYTES = st.sampled_from([b"{", b"}", b"(", b")", b";", b",", b"*", b"&", b"#", b'"', b"'",
                           b"\n", b"\\", b"/*", b"*/", b"//", b"\x00", b"\xff\xfe", b"\xc3",
                           b"#define spin_lock(x)\n", b"#if 1\n", b"#endif\n", b"goto out;",
                           b"return;", b"spin_lock(", b"guard(", b"scoped_guard (",
                           b"switch (x) {", b"case 1:", b"for (;;)", b"if (", b"else",
                           b"static void f(void) {", b"\t", b" "])
MUTATION = st.one_of(
    st.tuples(st.just("del"), st.floats(0, 1), st.integers(1, 64)),
    st.tuples(st.just("ins"), st.floats(0, 1), C_BYTES),
    st.tuples(st.just("ins"), st.floats(0, 1), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("swap"), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("dup"), st.floats(0, 1), st.integers(1, 5)),
)


def mutate(data: bytes, ops) -> bytes:
    for op, a, b in ops:
        if op == "del":
            at = int(a * len(data))
            data = data[:at] + data[at + b:]
        elif op == "ins":
            at = int(a * len(data))
            data = data[:at] + b + data[at:]
        else:
            lines = data.split(b"\n")
            i = min(int(a * len(lines)), len(lines) - 1)
            if op == "swap":
                j = min(int(b * len(lines)), len(lines) - 1)
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i:i] = lines[i:i + b]
            data = b"\n".join(lines)
    return data


@settings(max_examples=60, **FAST)
@given(src=st.sampled_from(CORPUS_FILES), ops=st.lists(MUTATION, min_size=1, max_size=6))
def test_frontend_survives_mutated_sources(work, src, ops):
    path = work / src.name
    path.write_bytes(mutate(src.read_bytes(), ops))
    paths = PathMapper(work, kbuild.STUBS)
    flags = kbuild.standalone_flags(path) + ["-I", str(CORPUS)]
    try:
        facts, included = extract_with_deps(str(path), flags, KNOWLEDGE, paths)
    except ParseFailure as exc:
        one_line(exc, src.name)
        return
    # the facts are a valid cache entry and carry the rest of the pipeline
    assert to_json(from_json(to_json(facts))) == to_json(facts)
    # and cross from a parser process to the main one unchanged (facts.pickled_fast)
    assert pickle.loads(pickle.dumps(facts)) == facts
    analysis = propagate(link([facts], KNOWLEDGE), knowledge=KNOWLEDGE)
    run_rules(analysis, {facts.path})


# ---- (b) the rules.toml loader ------------------------------------------------------------

KEYS = ["name", "class", "call", "field", "kind", "acquire", "lock_arg", "hardirqs", "softirqs",
        "sleeps", "args", "when", "arg", "match", "flag", "context", "stop", "fields",
        "unless", "unreached", "in_interrupt",
        "spin", "save", "hardirq", "1", "0", "-1", "GFP_KERNEL", "a\nb", "é", ""]
SCALARS = st.one_of(
    st.sampled_from(["spin", "mutex", "exclusive", "try", "off", "on", "save", "restore",
                     "hardirq", "task", "struct foo.bar", "GFP_KERNEL", "(", "[a-", "", "x\ny",
                     "spin_lock", "é\u2028", "\x7f"]),
    st.integers(-3, 2**64), st.booleans(), st.floats(allow_nan=True),
    st.text(max_size=6))
TOML_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)),
    max_leaves=12)
RULES_DOCS = st.dictionaries(
    st.sampled_from(list(TABLES) + ["bogus"]),
    st.one_of(st.lists(st.dictionaries(st.sampled_from(KEYS), TOML_VALUES, max_size=6),
                       max_size=3),
              TOML_VALUES),
    max_size=4)


def toml_key(k: str) -> str:
    return k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else json.dumps(k)


def toml_value(v) -> str:
    """A tiny TOML writer: inline tables and arrays cover every shape."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v) if -2**63 <= v < 2**63 else json.dumps(str(v))
    if isinstance(v, float):
        return "nan" if v != v else ("inf" if v == float("inf") else
                                     "-inf" if v == float("-inf") else repr(v))
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return "{" + ", ".join(f"{toml_key(k)} = {toml_value(x)}" for k, x in v.items()) + "}"


def toml_doc(doc: dict) -> str:
    out = []
    for table, value in doc.items():
        if isinstance(value, list) and all(isinstance(e, dict) for e in value) and value:
            for e in value:
                out.append(f"[[{toml_key(table)}]]")
                out += [f"{toml_key(k)} = {toml_value(v)}" for k, v in e.items()]
        else:
            out.append(f"{toml_key(table)} = {toml_value(value)}")
    return "\n".join(out) + "\n"


def check_rules_text(work: Path, data: bytes) -> None:
    path = work / "fuzz-rules.toml"
    path.write_bytes(data)
    try:
        load_knowledge([path], use_default=False)
    except RulesError as exc:
        one_line(exc, str(path))


@settings(max_examples=150, **FAST)
@given(doc=RULES_DOCS)
def test_rules_loader_on_generated_toml(work, doc):
    check_rules_text(work, toml_doc(doc).encode())


VALID_RULES = b"""[[lock]]
name = "foo_lock"
kind = "spin"
acquire = "exclusive"
[[entry]]
call = "foo_register"
args = { 1 = "hardirq" }
when = [{ arg = 2, match = "X", context = "task" }]
[[sleeps]]
call = "foo_alloc"
when = { arg = 1, flag = "GFP_X" }
[constants]
GFP_X = 4
[follow]
stop = ["panic"]
"""


@settings(max_examples=150, **FAST)
@given(ops=st.lists(MUTATION, min_size=1, max_size=5))
def test_rules_loader_on_mutated_text(work, ops):
    check_rules_text(work, mutate(VALID_RULES, ops))


# ---- (c) the SARIF baseline reader ----------------------------------------------------------

@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    """The example's analysis and its SARIF log, to compare fuzzed baselines against."""
    from lockctx.pipeline import Options, run
    from lockctx.report import ReportOptions, render
    result = run(Options(paths=[EXAMPLE], knowledge=KNOWLEDGE, standalone=True))
    return result, json.loads(render("sarif", result, opts=ReportOptions()))


JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-2, 2**70), st.floats(),
                        st.sampled_from(["lockctx", "2.1.0", "absent", "new", "LC001",
                                         "lockctx/v1", "x\ny", ""]),
                        st.text(max_size=5))
JSON_VALUES = st.recursive(
    JSON_LEAVES, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                         st.dictionaries(st.text(max_size=4), inner, max_size=3)),
    max_leaves=8)


def json_paths(doc, at=()):
    yield at
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from json_paths(v, at + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from json_paths(v, at + (i,))


def replace_at(doc, at, value):
    if not at:
        return value
    parent = doc
    for k in at[:-1]:
        parent = parent[k]
    if value is DELETE:
        del parent[at[-1]]
    else:
        parent[at[-1]] = value
    return doc


DELETE = object()


def check_baseline(work: Path, data: bytes, result) -> None:
    from lockctx.report import ReportOptions, render
    path = work / "fuzz-old.sarif"
    path.write_bytes(data)
    try:
        old = load_baseline(path)
    except BaselineError as exc:
        one_line(exc, str(path))
        return
    comparison = compare(result.findings, old)
    for fmt in ("sarif", "json", "text", "gcc"):
        text = render(fmt, result, opts=ReportOptions(comparison=comparison))
        text.encode("utf-8")                     # written as UTF-8
        if fmt in ("sarif", "json"):
            json.loads(text, parse_constant=lambda c: pytest.fail(f"{c} in the {fmt} report"))
    findings, only = comparison.only_new(result.findings)
    render("sarif", result, opts=ReportOptions(comparison=only))


@settings(max_examples=150, **FAST)
@given(data=st.data())
def test_baseline_reader_on_mutated_sarif(work, analysed, data):
    result, log = analysed
    doc = json.loads(json.dumps(log))
    for _ in range(data.draw(st.integers(1, 3))):
        spots = list(json_paths(doc))
        at = data.draw(st.sampled_from(spots))
        value = data.draw(st.one_of(JSON_VALUES, st.just(DELETE))) if at else \
            data.draw(JSON_VALUES)
        doc = replace_at(doc, at, value)
    check_baseline(work, json.dumps(doc).encode(), result)


@settings(max_examples=100, **FAST)
@given(ops=st.lists(MUTATION, min_size=1, max_size=4))
def test_baseline_reader_on_byte_mutated_sarif(work, analysed, ops):
    result, log = analysed
    check_baseline(work, mutate(json.dumps(log, indent=1).encode(), ops), result)


def test_baseline_reader_edge_cases(work, analysed):
    result, _ = analysed
    for data in (b"[" * 100_000, b'{"version": "2.1.0", "runs": [], "x": 1' + b"9" * 5000 + b"}",
                 b"\xef\xbb\xbf", b"", b"\x00", "\u00e9".encode("latin-1"),
                 b'{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "lockctx"}}, '
                 b'"results": [{"partialFingerprints": {"lockctx/v1": "x"}, "ruleId": [1], '
                 b'"message": {"text": "\\ud800"}, "rank": NaN}]}]}'):
        check_baseline(work, data, result)


# ---- (d) compile_commands.json --------------------------------------------------------------

DB_ENTRY = st.dictionaries(
    st.sampled_from(["directory", "file", "arguments", "command", "output"]),
    st.one_of(st.sampled_from(["/tmp", "x.c", "", "rel/dir", "/nonexistent/\x00x.c", "a\nb.c"]),
              st.lists(st.one_of(st.sampled_from(["cc", "-D__KERNEL__", "-I", "-Iinc", "-include",
                                                  "-D", "x.c", "-o"]), JSON_VALUES), max_size=6),
              st.sampled_from(["cc -D__KERNEL__ -I inc -c x.c", "cc 'unterminated",
                               "cc -D__KERNEL__ $(touch x) `id` -c x.c", "cc \\"]),
              JSON_VALUES),
    max_size=5)


def check_database(work: Path, data: bytes) -> None:
    path = work / "compile_commands.json"
    path.write_bytes(data)
    for tree_root in (None, work):
        try:
            entries = sources.load_database(path, tree_root)
        except sources.SourceError as exc:
            one_line(exc, str(path))
            continue
        for file, flags in entries:
            assert isinstance(file, Path)
            assert flags is None or all(isinstance(f, str) for f in flags)
    # the selection that uses it: files resolved and matched
    (work / "x.c").write_text("int x;\n")
    try:
        sources.select([work / "x.c"], [], None, path, False)
    except sources.SourceError as exc:
        one_line(exc, str(path))


@settings(max_examples=100, **FAST)
@given(db=st.one_of(st.lists(st.one_of(DB_ENTRY, JSON_VALUES), max_size=4), JSON_VALUES))
def test_compile_database_on_generated_json(work, db):
    check_database(work, json.dumps(db).encode())


@settings(max_examples=100, **FAST)
@given(ops=st.lists(MUTATION, min_size=1, max_size=4))
def test_compile_database_on_mutated_text(work, ops):
    good = json.dumps([{"directory": str(work), "file": "x.c",
                        "arguments": ["cc", "-D__KERNEL__", "-Iinc", "-c", "x.c"]},
                       {"directory": str(work), "file": "y.c",
                        "command": "cc -D__KERNEL__ -DX='\"a b\"' -c y.c"}], indent=1)
    check_database(work, mutate(good.encode(), ops))


def test_compile_database_edge_cases(work):
    for data in (b"[" * 100_000, b"[" + b"1" * 5000 + b"]", b"\xff", b"",
                 b'[{"directory": [], "file": "x.c", "command": "cc"}]',
                 b'[{"directory": "/tmp", "file": "x.c", "arguments": ["cc", 1]}]'):
        check_database(work, data)


# ---- the CLI on a few fuzzed inputs: exit 2, one line, no traceback -------------------------

def cli_error(r, name: str) -> None:
    assert r.returncode == 2, (r.returncode, r.stderr)
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr and name in lines[0], r.stderr


CLI_CASES = [
    ("rules", b'[[lock]]\nname = "x"\nkind = "spin"\nacquire = "exclusive"\nlock_arg = -1\n'),
    ("rules", b'[[entry]]\ncall = "r"\nargs = { 1 = "hardirq" }\n'
              b'when = [{ arg = 1, match = "(" }]\n'),
    ("rules", b'"a\\nb" = 1\n'),
    ("baseline", b'{"version": "2.1.0", "runs": [{"tool": []}]}'),
    ("baseline", b'{"version": "2.1.0", "runs": [' + b"[" * 50_000),
    ("db", b'[{"directory": {}, "file": "x.c", "command": "cc"}]'),
    ("db", b'[{"directory": "/tmp", "file": "x.c", "arguments": ["cc", null, 3]}]'),
]


@pytest.mark.parametrize("kind,data", CLI_CASES,
                         ids=[f"{k}{i}" for i, (k, _) in enumerate(CLI_CASES)])
def test_cli_exit_2_on_fuzzed_inputs(tmp_path, kind, data):
    src = tmp_path / "x.c"
    src.write_text("int x;\n")
    bad = tmp_path / {"rules": "bad.toml", "baseline": "bad.sarif", "db": "cc.json"}[kind]
    bad.write_bytes(data)
    opt = {"rules": "--rules", "baseline": "--baseline", "db": "-p"}[kind]
    r = lockctx("check", "--standalone", "--no-cache", "-j1", opt, bad, src)
    cli_error(r, bad.name)
