"""The command line as a user meets it: output, exit codes and one-line errors."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from helpers import (CORPUS, EXAMPLE, FOO_GRAB, FOO_GRAB_RULES, REPO, add_bug, lockctx,
                     unprepared_tree)


def test_example_reports_lc001_with_both_paths():
    r = lockctx("check", EXAMPLE)
    assert r.returncode == 1, r.stderr
    out = r.stdout
    assert "examples/seamldr.c:34:2: error: LC001 irq-unsafe-lock" in out
    assert "{HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage of seamldr_lock" in out
    assert "taken with hardirqs enabled:" in out and "also taken in hardirq context:" in out
    assert "install_store" in out and "seamldr_update_irq" in out
    assert "hardirq: devm_request_irq at examples/seamldr.c:62" in out
    assert "fix: guard(raw_spinlock_irqsave)(&seamldr_lock)" in out


def test_exit_zero_and_clean_file_exit_codes():
    assert lockctx("check", "--exit-zero", EXAMPLE).returncode == 0
    clean = CORPUS / "seamldr_irqsave_guard.c"
    r = lockctx("check", "--standalone", clean)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no findings" in r.stdout


def test_json_format_has_paths():
    r = lockctx("check", "--format", "json", EXAMPLE)
    doc = json.loads(r.stdout)
    (f,) = doc["findings"]
    assert (f["rule"], f["line"], f["lock"]) == ("LC001", 34, "seamldr_lock")
    titles = [p["title"] for p in f["paths"]]
    assert titles == ["taken with hardirqs enabled", "also taken in hardirq context"]
    assert f["paths"][1]["steps"][0]["function"] == "seamldr_update_irq"


def test_explain_answers_the_seed_question():
    r = lockctx("explain", "seamldr_call", EXAMPLE)
    assert r.returncode == 0, r.stderr
    assert "runs in hardirq context, hardirqs off" in r.stdout
    assert "runs in task context, hardirqs on, softirqs on" in r.stdout
    assert "seamldr_update_irq" in r.stdout and "install_store" in r.stdout


def test_explain_irq_saved_callers_run_with_irqs_off():
    r = lockctx("explain", "seamldr_call", "--standalone", CORPUS / "seamldr_irq_save_callers.c")
    assert r.returncode == 0, r.stderr
    assert "hardirqs on" not in r.stdout


def test_rules_command_documents_every_rule():
    r = lockctx("rules")
    assert r.returncode == 0
    for code in ("LC001 irq-unsafe-lock", "LC002 softirq-unsafe-lock",
                 "LC003 irq-enable-in-atomic", "LC004 sleep-in-atomic",
                 "LC005 bh-with-irqs-off"):
        assert code in r.stdout
    assert r.stdout.count("Why it is a bug:") == 5 and r.stdout.count("Fix:") == 5


def one_line_error(r, *needles):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    for n in needles:
        assert n in lines[0], lines[0]


def test_missing_path_is_a_usage_error(tmp_path):
    one_line_error(lockctx("check", tmp_path / "nope.c"), "nope.c", "no such file")


def test_unknown_format_is_a_usage_error():
    one_line_error(lockctx("check", "--format", "xml", EXAMPLE), "unknown format")


def test_rules_syntax_error_names_line_and_column(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[lock]]\nname = "foo_lock\n')
    one_line_error(lockctx("check", "--rules", bad, EXAMPLE), "bad.toml", "line 2")


def test_rules_schema_error_names_the_entry(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[lock]]\nname = "a_lock"\nkind = "spin"\nacquire = "exclusive"\n\n'
                   '[[lock]]\nname = "foo_lock"\nkind = "spin"\nacquire = "sometimes"\n')
    one_line_error(lockctx("check", "--rules", bad, EXAMPLE),
                   "[[lock]] #2 name=foo_lock", "'acquire' must be one of")


def test_rules_root_entry_errors_name_the_entry(tmp_path):
    bad = tmp_path / "bad.toml"
    for body, why in (('functions = []\ncontext = "hardirq"\n', "'functions' must be"),
                      ('functions = ["f"]\ncontext = "irq"\n', "'context' must be one of")):
        bad.write_text("[[root]]\n" + body)
        one_line_error(lockctx("check", "--rules", bad, EXAMPLE), "[[root]] #1", why)


def test_rules_callback_unless_set():
    """[[callback]] unless_set: with a context, an entry point unless the struct sets the
    flag; without one, only the flag."""
    from lockctx.knowledge import Knowledge, RulesError, parse_rules
    k = Knowledge()
    parse_rules('[[callback]]\nfield = "struct a.f"\ncontext = "hardirq"\nunless_set = "x"\n'
                '[[callback]]\nfield = "struct a.g"\nunless_set = "x"\n', "r.toml", k)
    assert [(c.context, c.unless_set) for c in k.callbacks.values()] == \
        [("hardirq", "x"), ("", "x")]
    for text, says in (('field = "struct a.f"', "missing required key 'context'"),
                       ('field = "struct a.f"\nunless_set = "x"\nhardirqs = "off"',
                        "'hardirqs' needs 'context'"),
                       ('field = "struct a.f"\nunless_set = "x y"', "must be a field name"),
                       ('field = "struct a.f"\ncontext = ""', "'context' must be one of")):
        with pytest.raises(RulesError, match=says):
            parse_rules(f"[[callback]]\n{text}\n", "r.toml", Knowledge())


def test_rules_callback_sleeps_every_method_but():
    """[[callback]] sleeps: a "struct TYPE.*" entry speaks for every method of TYPE but the
    ones it excepts; it needs no context (it is no entry point)."""
    from lockctx.knowledge import Knowledge, RulesError, parse_rules
    k = Knowledge()
    parse_rules('[[callback]]\nfield = "struct inode_operations.*"\nsleeps = true\n'
                'except = ["permission"]\n', "r.toml", k)
    assert k.callback("struct inode_operations.create").sleeps
    assert k.callback("struct inode_operations@include/linux/x.h.create").sleeps
    assert k.callback("struct inode_operations.permission") is None
    assert k.callback("struct file_operations.fsync") is None
    for text, says in (('field = "struct a.f"\nsleeps = true\nexcept = ["g"]',
                        "'except' needs a field of the form"),
                       ('field = "struct a.*"\nsleeps = true\nexcept = ["g h"]',
                        "'except' must be a list of field names"),
                       ('field = "struct a.*"', "missing required key 'context'")):
        with pytest.raises(RulesError, match=says):
            parse_rules(f"[[callback]]\n{text}\n", "r.toml", Knowledge())


def test_rules_callback_softirq_if():
    """[[callback]] softirq_if: the flag must have a value in [constants], and the entry a
    context to replace."""
    from lockctx.knowledge import Knowledge, RulesError, parse_rules
    k = Knowledge()
    parse_rules('[constants]\nSOFT = 4\n[[callback]]\nfield = "struct t.fn"\n'
                'context = "hardirq"\nsoftirq_if = { call = "t_init", arg = 2, flag = "SOFT" }\n',
                "r.toml", k)
    assert k.callback("struct t.fn").softirq_if == ("t_init", 2, "SOFT")
    for text, says in (('context = "hardirq"\nsoftirq_if = { call = "t_init", arg = 2, '
                        'flag = "NOPE" }', "'NOPE' has no value in \\[constants\\]"),
                       ('sleeps = true\nsoftirq_if = { call = "t_init", arg = 2, flag = "SOFT" }',
                        "'softirq_if' needs 'context'")):
        with pytest.raises(RulesError, match=says):
            parse_rules(f'[constants]\nSOFT = 4\n[[callback]]\nfield = "struct t.fn"\n{text}\n',
                        "r.toml", Knowledge())


def test_rules_sleeps_unless():
    """[[sleeps]] unless = "in_interrupt": vfree() does not sleep where in_interrupt()."""
    from lockctx.knowledge import Knowledge, RulesError, parse_rules
    k = Knowledge()
    parse_rules('[[sleeps]]\ncall = "vfree"\nunless = "in_interrupt"\n', "r.toml", k)
    assert k.sleeps["vfree"].unless == "in_interrupt"
    with pytest.raises(RulesError, match="'unless' must be one of in_interrupt"):
        parse_rules('[[sleeps]]\ncall = "vfree"\nunless = "in_irq"\n', "r.toml", Knowledge())


def test_rules_refcount_never_last():
    from lockctx.knowledge import Knowledge, RulesError, parse_rules
    k = Knowledge()
    parse_rules('[refcount]\ndec_and_test = ["d"]\nnever_last = ["f"]\n', "r.toml", k)
    assert (k.last_reference, k.never_last) == ({"d"}, {"f"})
    with pytest.raises(RulesError, match="never_last must be a list of function names"):
        parse_rules('[refcount]\nnever_last = "f"\n', "r.toml", Knowledge())


def test_rules_follow_unreached():
    """[follow] unreached: field -> functions its indirect calls never reach; a struct one
    subsystem's header declares matches by its tag."""
    from lockctx.knowledge import Knowledge, RulesError, parse_rules
    k = Knowledge()
    parse_rules('[follow]\nunreached = { "struct c.f" = ["trap"] }\n', "r.toml", k)
    assert k.unreached_through("struct c.f") == {"trap"}
    assert k.unreached_through("struct c@kernel/x/x.h.f") == {"trap"}
    assert k.unreached_through("struct c@kernel/x/x.c.f") == frozenset()
    for text, says in (('unreached = ["trap"]', "must be a table"),
                       ('unreached = { "c.f" = ["trap"] }', "must look like"),
                       ('unreached = { "struct c.f" = [] }', "must list function names")):
        with pytest.raises(RulesError, match=says):
            parse_rules(f"[follow]\n{text}\n", "r.toml", Knowledge())


def test_extra_rules_add_a_lock_api(tmp_path):
    """A new lock API is a data change: a wrapper taught through --rules is recognised."""
    src = tmp_path / "drv.c"
    src.write_text(FOO_GRAB)
    r = lockctx("check", "--standalone", "--format", "json", src)
    assert json.loads(r.stdout)["findings"] == []
    rules = tmp_path / "mine.toml"
    rules.write_text(FOO_GRAB_RULES)
    r = lockctx("check", "--standalone", "--format", "json", "--rules", rules, src)
    found = json.loads(r.stdout)["findings"]
    assert [(f["rule"], f["line"], f["lock"]) for f in found] == \
        [("LC001", 8, "struct foo.lock")], r.stdout


BAR_RX = """#include <linux/interrupt.h>
#include <linux/skbuff.h>
void bar_deliver(struct sk_buff *skb);
static irqreturn_t bar_irq(int irq, void *data)
{
	bar_deliver(data);
	return IRQ_HANDLED;
}
int bar_probe(int irq, void *skb) { return request_irq(irq, bar_irq, 0, "bar", skb); }
"""


def test_extra_rules_add_a_bh_only_function(tmp_path):
    """[bh_only] is data: a receive function taught through --rules is reported where a
    hardirq handler calls it (LC005); the table's errors are one line."""
    from lockctx.knowledge import Knowledge, RulesError, parse_rules
    src = tmp_path / "bar.c"
    src.write_text(BAR_RX)
    r = lockctx("check", "--standalone", "--format", "json", src)
    assert json.loads(r.stdout)["findings"] == []
    rules = tmp_path / "mine.toml"
    rules.write_text('[bh_only]\ncalls = ["bar_deliver"]\n')
    r = lockctx("check", "--standalone", "--format", "json", "--rules", rules, src)
    found = json.loads(r.stdout)["findings"]
    assert [(f["rule"], f["line"], f["function"]) for f in found] == \
        [("LC005", 6, "bar_irq")], r.stdout
    with pytest.raises(RulesError, match=r"\[bh_only\] calls must be a list of function names"):
        parse_rules('[bh_only]\ncalls = "bar_deliver"\n', "r.toml", Knowledge())
    with pytest.raises(RulesError, match=r"\[bh_only\] unknown key 'call'"):
        parse_rules('[bh_only]\ncall = ["bar_deliver"]\n', "r.toml", Knowledge())


def test_rules_root_always_needs_hardirqs():
    """[[root]] always = true: the function runs in that interrupt state whoever calls it."""
    from lockctx.knowledge import Knowledge, RulesError, parse_rules
    k = Knowledge()
    parse_rules('[[root]]\nfunctions = ["f"]\ncontext = "task"\nhardirqs = "off"\n'
                'always = true\n', "r.toml", k)
    assert k.roots["f"].always and k.roots["f"].hardirqs == "off"
    with pytest.raises(RulesError, match="'always' needs 'hardirqs'"):
        parse_rules('[[root]]\nfunctions = ["f"]\ncontext = "task"\nalways = true\n',
                    "r.toml", Knowledge())


def test_no_default_rules_needs_a_rules_file():
    one_line_error(lockctx("check", "--no-default-rules", EXAMPLE), "--no-default-rules")


def test_unprepared_kernel_tree_names_make_prepare(tmp_path):
    drv = unprepared_tree(tmp_path)
    one_line_error(lockctx("check", drv), "make defconfig prepare")
    # --standalone checks it with the stubs instead
    assert lockctx("check", "--standalone", drv).returncode == 0


def test_output_file_is_written_and_inputs_are_never_overwritten(tmp_path):
    out = tmp_path / "report.sarif"
    r = lockctx("check", "--format", "sarif", "-o", out, EXAMPLE)
    assert r.returncode == 1 and r.stdout == ""
    assert json.loads(out.read_text())["version"] == "2.1.0"
    src = tmp_path / "drv.c"
    src.write_text(EXAMPLE.read_text())
    one_line_error(lockctx("check", "-o", src, src), "refusing to overwrite")
    assert src.read_text() == EXAMPLE.read_text()


def test_file_that_fails_to_parse_is_reported_and_the_run_goes_on(tmp_path):
    (tmp_path / "broken.c").write_text("static int x = ;\nvoid f(void) { spin_lock(; }\n")
    (tmp_path / "good.c").write_text(EXAMPLE.read_text())
    r = lockctx("check", "--standalone", "--format", "json", tmp_path)
    doc = json.loads(r.stdout)
    assert [f["rule"] for f in doc["findings"]] == ["LC001"]
    assert any(f["file"].endswith("broken.c") for f in doc["failures"])


def test_same_input_gives_byte_identical_sarif():
    a = lockctx("check", "--format", "sarif", CORPUS / "shared_lock", EXAMPLE)
    b = lockctx("check", "--format", "sarif", EXAMPLE, CORPUS / "shared_lock")
    assert a.returncode == 1
    assert a.stdout == b.stdout


def test_lock_uses_lost_from_the_ast_are_recovered_from_tokens():
    """`spin_lock(&q->lock)` with an undeclared q vanishes from clang's AST; lockctx still
    sees both uses and says how many statements were lost."""
    r = lockctx("check", "--standalone", "--format", "json", REPO / "tests/data/lost_statements.c")
    doc = json.loads(r.stdout)
    assert [(f["rule"], f["line"], f["lock"]) for f in doc["findings"]] == [("LC001", 7, "q->lock")]
    assert doc["lost_statements"] == 3 and doc["recovered"] == 4
    text = lockctx("check", "--standalone", REPO / "tests/data/lost_statements.c").stdout
    assert "3 statements lost to undeclared identifiers, 4 lock API uses recovered" in text


# ---- --baseline / --new-only ------------------------------------------------------------------

def results_of(doc):
    return doc["runs"][0]["results"]


def test_baseline_round_trip_finds_exactly_the_new_bug(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    base = tmp_path / "before.sarif"
    r = lockctx("check", "--standalone", "--format", "sarif", "-o", base, corpus)
    assert r.returncode == 1, r.stderr
    before = results_of(json.loads(base.read_text()))
    add_bug(corpus / "trylock_in_task.c")

    r = lockctx("check", "--standalone", "--format", "sarif", "--baseline", base, corpus)
    assert r.returncode == 1, r.stderr
    after = results_of(json.loads(r.stdout))
    states = [res["baselineState"] for res in after]
    assert states.count("unchanged") == len(before) and "absent" not in states
    (new,) = [res for res in after if res["baselineState"] == "new"]
    assert new["ruleId"] == "LC001"
    assert new["locations"][0]["logicalLocations"][0]["name"] == "foo_mon_reset"
    # the unchanged findings of the edited file moved down two lines and are still matched
    moved = [res for res in after if res["baselineState"] == "unchanged"
             and res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
             .endswith("trylock_in_task.c")]
    assert moved and all(res["locations"][0]["physicalLocation"]["region"]["startLine"] > 2
                         for res in moved)

    r = lockctx("check", "--standalone", "--format", "sarif", "--baseline", base, "--new-only",
                corpus)
    assert r.returncode == 1, r.stderr
    (only,) = results_of(json.loads(r.stdout))
    assert only["baselineState"] == "new"
    assert only["partialFingerprints"] == new["partialFingerprints"]

    r = lockctx("check", "--standalone", "--format", "json", "--baseline", base, "--new-only",
                corpus)
    doc = json.loads(r.stdout)
    assert [(f["function"], f["baseline_state"]) for f in doc["findings"]] == \
        [("foo_mon_reset", "new")]
    assert doc["baseline"]["new"] == 1 and doc["baseline"]["unchanged"] == len(before)

    r = lockctx("check", "--standalone", "--baseline", base, "--new-only", corpus)
    assert r.stdout.count(": error: ") + r.stdout.count(": warning: ") == 1, r.stdout
    assert "foo_mon_reset" in r.stdout and f"1 new, {len(before)} unchanged, 0 absent" in r.stdout

    # nothing new: --new-only reports nothing and exits 0
    r = lockctx("check", "--standalone", "--baseline", base, "--new-only",
                corpus / "seamldr_plain_guard.c")
    assert r.returncode == 0, r.stdout + r.stderr


def test_baseline_results_no_longer_found_are_absent(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    base = tmp_path / "before.sarif"
    lockctx("check", "--standalone", "--format", "sarif", "-o", base, corpus)
    gone_file = corpus / "tasklet_plain.c"
    gone = [res for res in results_of(json.loads(base.read_text()))
            if res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .endswith("tasklet_plain.c")]
    assert gone
    gone_file.unlink()
    r = lockctx("check", "--standalone", "--format", "sarif", "--baseline", base, corpus)
    doc = json.loads(r.stdout)
    absent = [res for res in results_of(doc) if res["baselineState"] == "absent"]
    assert [a["partialFingerprints"] for a in absent] == [g["partialFingerprints"] for g in gone]
    # an absent result from an earlier comparison is not matched again
    again = tmp_path / "again.sarif"
    again.write_text(r.stdout)
    r = lockctx("check", "--standalone", "--format", "json", "--baseline", again, corpus)
    assert json.loads(r.stdout)["baseline"]["absent"] == 0


def test_baseline_output_is_byte_identical(tmp_path):
    base = tmp_path / "base.sarif"
    lockctx("check", "--format", "sarif", "-o", base, CORPUS / "shared_lock")
    runs = [lockctx("check", "--format", "sarif", "--category", "x", "--baseline", base,
                    EXAMPLE, CORPUS / "shared_lock").stdout for _ in range(2)]
    assert runs[0] == runs[1] and '"baselineState": "new"' in runs[0]


@pytest.mark.parametrize("content,needle", [
    (None, "no such baseline file"),
    ("{not json", "invalid JSON at line 1 column 2"),
    ('{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "other"}}}]}',
     "no lockctx run"),
    (('{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "lockctx"}}, '
      '"results": [{"message": {"text": "x"}}]}]}'), 'has no partialFingerprints "lockctx/v1"'),
    ('[1, 2]', "not a SARIF log"),
])
def test_bad_baseline_is_a_one_line_error_naming_the_file(tmp_path, content, needle):
    bad = tmp_path / "old.sarif"
    if content is not None:
        bad.write_text(content)
    one_line_error(lockctx("check", "--baseline", bad, EXAMPLE), "old.sarif", needle)


def test_new_only_needs_a_baseline_and_category_needs_sarif():
    one_line_error(lockctx("check", "--new-only", EXAMPLE), "--new-only needs --baseline")
    one_line_error(lockctx("check", "--category", "x", EXAMPLE), "--category")


# ---- --format gcc -------------------------------------------------------------------------------

QUICKFIX = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): "
                      r"(?P<level>error|warning|note): (?P<text>.+)$")


def test_gcc_format_lines_parse_as_quickfix_entries():
    r = lockctx("check", "--standalone", "--format", "gcc", CORPUS)
    assert r.returncode == 1, r.stderr
    lines = r.stdout.splitlines()
    entries = [QUICKFIX.match(line) for line in lines]
    assert all(entries), [line for line, m in zip(lines, entries) if not m]
    heads = [m for m in entries if m["level"] != "note"]
    json_doc = json.loads(lockctx("check", "--standalone", "--format", "json", CORPUS).stdout)
    expected = [(f["file"], f["line"], f["column"], f["level"], f["rule"])
                for f in json_doc["findings"]]
    got = [(m["file"], int(m["line"]), int(m["col"]), m["level"],
            re.search(r" \[(LC\d{3})\]$", m["text"])[1]) for m in heads]
    assert got == expected
    assert {m["level"] for m in heads} == {"error", "warning"}
    for m in entries:
        assert (REPO / m["file"]).is_file(), m["file"]


def test_gcc_columns_are_bytes_as_clang_prints_them(tmp_path):
    src = tmp_path / "seam.c"
    lines = EXAMPLE.read_text().split("\n")
    lines[33] = "\t/* \u00fc */ " + lines[33][1:]      # a tab, then 9 bytes in 8 characters
    src.write_text("\n".join(lines))
    r = lockctx("check", "--standalone", "--format", "gcc", src.name, cwd=tmp_path)
    first = r.stdout.splitlines()[0]
    assert first.startswith("seam.c:34:11: error: inconsistent {HARDIRQ-ON-W}"), first
    assert first.endswith(" [LC001]")


def test_vim_quickfix_reads_gcc_format(tmp_path):
    vim = shutil.which("vim")
    if not vim:
        pytest.skip("vim not installed")
    out = tmp_path / "lockctx.out"
    src = tmp_path / "seam.c"
    src.write_text(EXAMPLE.read_text())
    out.write_text(lockctx("check", "--standalone", "--format", "gcc", src.name,
                           cwd=tmp_path).stdout)
    qf = tmp_path / "qf.txt"
    for setup in ("set efm&", "compiler gcc"):
        subprocess.run(
            [vim, "-u", "NONE", "-i", "NONE", "-N", "-n", "-es", "-c", setup,
             "-c", f"cgetfile {out}",
             "-c", "call writefile(map(getqflist(), {_, v -> printf('%s|%d|%d|%s|%d', "
                   "bufname(v.bufnr), v.lnum, v.col, v.type, v.valid)}), '" + str(qf) + "')",
             "-c", "qa!"], cwd=tmp_path, capture_output=True, timeout=60, check=True)
        entries = qf.read_text().splitlines()
        assert len(entries) == len(out.read_text().splitlines())
        assert entries[0].startswith("seam.c|34|2|") and entries[0].endswith("|1")
        assert all(e.endswith("|1") for e in entries), entries
        if setup == "compiler gcc":
            assert entries[0] == "seam.c|34|2|e|1"


def test_rules_warning_macro_is_data(tmp_path):
    """[[assert]] never_true makes `if (WARN_ON_ONCE(x)) return;` a branch the analysis does
    not take (itimer_delete()'s leak of it_lock on it made its callers atomic). It is
    rules.toml data: a rules file that restates WARN_ON_ONCE without it brings the caller's
    finding back; a non-boolean value, or one with a state, is a one-line rules error."""
    src = CORPUS / "warn_branch_not_taken.c"
    caller = f"{src.name}:83:"                # exit_itimers()'s mutex_lock()
    default = lockctx("check", "--standalone", "--no-cache", src)
    assert default.returncode == 1 and f"{src.name}:91:" in default.stdout
    assert caller not in default.stdout
    plain = tmp_path / "plain.toml"
    plain.write_text('[[assert]]\nname = "WARN_ON_ONCE"\nhardirqs = "off"\n')
    r = lockctx("check", "--standalone", "--no-cache", "--rules", plain, src)
    assert caller in r.stdout, r.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('[[assert]]\nname = "WARN_ON"\nnever_true = "yes"\n')
    r = lockctx("check", "--standalone", "--no-cache", "--rules", bad, src)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "never_true" in r.stderr, r.stderr
    from lockctx.knowledge import Knowledge, RulesError, parse_rules
    with pytest.raises(RulesError, match="never_true"):
        parse_rules('[[assert]]\nname = "WARN_ON"\nnever_true = true\nhardirqs = "off"\n',
                    "r.toml", Knowledge())


def test_rules_sleep_assertion_is_data(tmp_path):
    """[[sleeps]] asserts = true makes might_sleep() first thing an assertion: the atomic
    path is reported at it and not followed below. A rules file that restates might_sleep()
    without it changes nothing here any more: a plain sleep also ends its path in atomic
    context (propagate.slept), so the finding below stays away either way; a bad value is
    a one-line rules error."""
    src = CORPUS / "might_sleep_entry_assertion.c"
    lines = src.read_text().splitlines()
    at = next(i for i, t in enumerate(lines, 1) if "might_sleep(); /* expect" in t)
    below = next(i for i, t in enumerate(lines, 1) if "mutex_lock(&hcd->wakeup_mutex)" in t)
    default = lockctx("check", "--standalone", "--no-cache", src)
    assert default.returncode == 1 and f"{src.name}:{at}:" in default.stdout
    assert f"{src.name}:{below}:" not in default.stdout
    plain = tmp_path / "plain.toml"
    plain.write_text('[[sleeps]]\ncall = "might_sleep"\n')
    r = lockctx("check", "--standalone", "--no-cache", "--rules", plain, src)
    assert f"{src.name}:{at}:" in r.stdout and f"{src.name}:{below}:" not in r.stdout, r.stdout
    from lockctx.knowledge import Knowledge, RulesError, parse_rules
    with pytest.raises(RulesError, match="asserts"):
        parse_rules('[[sleeps]]\ncall = "might_sleep"\nasserts = "yes"\n', "r.toml",
                    Knowledge())
