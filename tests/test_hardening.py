"""Bad trees, hostile names, determinism, crashes, and nothing from the input ever run."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin

import jsonschema
import pytest

from helpers import CORPUS, EXAMPLE, lockctx
from lockctx import sources

FINDING = CORPUS / "trylock_in_task.c"          # one LC001
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())


def notes(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("lockctx: note: ")]


# ---- the tree walk ------------------------------------------------------------------------

def test_walk_survives_loops_bad_names_unreadable_and_huge_files(tmp_path):
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    (tree / "sub").mkdir(parents=True)
    outside.mkdir()
    shutil.copy(FINDING, tree / "ok.c")
    (tree / "loop.c").symlink_to("loop.c")                      # a symlink loop
    (tree / "sub" / "up").symlink_to("..")                      # a directory loop
    (tree / "dangling.c").symlink_to("nowhere.c")
    shutil.copy(CORPUS / "tasklet_plain.c", outside / "x.c")
    (tree / "out.c").symlink_to(outside / "x.c")                # leads out of the tree
    shutil.copy(CORPUS / "timer_softirq_plain.c", os.fsencode(tree) + b"/\xff\xfe.c")
    (tree / "latin1.c").write_bytes(b"/* caf\xe9 \xff */\nint x = 1; // \xe9\n"
                                    b"char *s = \"\xff\\xfe\";\n")
    with open(tree / "huge.c", "wb") as fh:                     # generated data
        fh.write(b"int big[] = {\n")
        fh.write(b"0,\n" * ((sources.MAX_SOURCE_BYTES // 3) + 1))
        fh.write(b"};\n")
    secret = tree / "secret.c"
    secret.write_text("int secret;\n")
    secret.chmod(0)
    unreadable = not os.access(secret, os.R_OK)                 # root reads it anyway
    try:
        r = lockctx("check", "--standalone", "--no-cache", "-j2", "-f", "json", tree)
    finally:
        secret.chmod(0o644)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    doc = json.loads(r.stdout)
    assert {f["rule"] for f in doc["findings"]} == {"LC001"}
    said = "\n".join(notes(r.stderr))
    for name, why in [("loop.c", "Too many levels of symbolic links"),
                      ("dangling.c", "No such file or directory"),
                      ("out.c", "a symlink to outside"),
                      ("\ufffd\ufffd.c", "file name is not UTF-8"),
                      ("huge.c", f"{(tree / 'huge.c').stat().st_size} bytes, over the 8 MiB")]:
        assert f"{name}: {why}" in said, (name, said)
    if unreadable:
        assert "secret.c: cannot read it" in said
    analysed = 3 if not unreadable else 2                       # ok.c, latin1.c (, secret.c)
    assert f"lockctx: {analysed} files analysed" in r.stderr, r.stderr


def test_walk_notes_do_not_depend_on_path_order(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        d.mkdir()
        shutil.copy(FINDING, d / "ok.c")
        (d / "loop.c").symlink_to("loop.c")
    one = lockctx("check", "--standalone", "--no-cache", "-j1", "-f", "sarif", a, b)
    two = lockctx("check", "--standalone", "--no-cache", "-j1", "-f", "sarif", b, a)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert notes(one.stderr) == notes(two.stderr) and len(notes(one.stderr)) == 2


# ---- SARIF URIs ---------------------------------------------------------------------------

def artifact_locations(doc):
    if isinstance(doc, dict):
        if "uri" in doc and doc is not None:
            yield doc
        for k, v in doc.items():
            if k != "originalUriBaseIds":
                yield from artifact_locations(v)
    elif isinstance(doc, list):
        for v in doc:
            yield from artifact_locations(v)


def test_sarif_uris_never_leave_the_root(tmp_path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    for d in (root / "%2e%2e", root / "sub", outside):
        d.mkdir(parents=True)
    shutil.copy(FINDING, root / "%2e%2e" / "x.c")               # decoded, it would read ../x.c
    shutil.copy(FINDING, root / "sub" / "a b#c?.c")
    shutil.copy(FINDING, outside / "y.c")
    (root / "sub" / "link.c").symlink_to(outside / "y.c")
    r = lockctx("check", "--standalone", "--no-cache", "-j1", "-f", "sarif", ".", cwd=root)
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(doc)
    run = doc["runs"][0]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == root.as_uri() + "/"
    seen = set()
    for loc in artifact_locations(run["results"]):
        if loc.get("uriBaseId") == "LOCKCTX_STUBS":
            continue
        assert loc.get("uriBaseId") == "%SRCROOT%", loc          # no file outside the root
        target = urljoin(base, loc["uri"])
        assert target.startswith(base) and ".." not in unquote(loc["uri"]).split("/"), loc
        assert (root / unquote(loc["uri"])).is_file()
        seen.add(unquote(loc["uri"]))
    assert seen == {"%2e%2e/x.c", "sub/a b#c?.c"}                 # link.c was skipped
    assert "sub/link.c: a symlink to outside" in r.stderr

    # PATHs like ../x: a file outside the root is its absolute file: URI, never %SRCROOT%/..
    r = lockctx("check", "--standalone", "--no-cache", "-j1", "-f", "sarif",
                "sub/../../outside/y.c", "sub/link.c", cwd=root)
    assert r.returncode == 1, r.stderr
    for loc in artifact_locations(json.loads(r.stdout)["runs"][0]["results"]):
        if loc.get("uriBaseId") != "LOCKCTX_STUBS":
            assert "uriBaseId" not in loc and loc["uri"] == (outside / "y.c").as_uri(), loc


# ---- determinism --------------------------------------------------------------------------

def test_sarif_is_byte_identical_across_jobs_cache_and_path_order(tmp_path):
    cache = tmp_path / "cache"
    args = ("check", "--standalone", "-f", "sarif")
    cold_j2 = lockctx(*args, "-j2", "--cache-dir", cache, CORPUS)
    warm_j1 = lockctx(*args, "-j1", "--cache-dir", cache, CORPUS)
    entries = sorted((p for p in CORPUS.iterdir() if p.is_dir() or p.suffix == ".c"),
                     reverse=True)
    # the same closed world (link.never_set): the corpus directory is analysed whole in
    # every run, here through --context-from, since its entries are named one by one
    uncached_reversed = lockctx(*args, "-j1", "--no-cache", "--context-from", CORPUS, *entries)
    for r in (cold_j2, warm_j1, uncached_reversed):
        assert r.returncode == 1, r.stderr
    assert "(0 from cache" in cold_j2.stderr and "from cache" in warm_j1.stderr
    assert "(0 from cache" not in warm_j1.stderr
    assert cold_j2.stdout == warm_j1.stdout == uncached_reversed.stdout


# ---- exit code 3 --------------------------------------------------------------------------

def test_internal_error_is_one_line_naming_the_traceback(tmp_path, monkeypatch, capsys):
    import tempfile

    from lockctx import cli

    def boom(*a, **k):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(cli, "analyse", boom)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert cli.main(["check", "--standalone", str(EXAMPLE)]) == 3
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert err.startswith("lockctx: internal error: RuntimeError: boom\\nsecond line")
    path = Path(err.rsplit("full traceback in ", 1)[1].rstrip(")\n"))
    assert path.parent == tmp_path
    text = path.read_text()
    assert "Traceback" in text and "RuntimeError: boom" in text and "def boom" not in text

    # with nowhere to write the traceback, still one line
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    assert cli.main(["check", "--standalone", str(EXAMPLE)]) == 3
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "could not be written" in err, err


def test_an_error_walking_one_file_is_that_files_failure(tmp_path, monkeypatch, capsys):
    """A bug in lockctx's own walk of one file (here a RecursionError, as a warning macro's
    argument once made) fails that file, on one line naming it, and the run goes on with
    the others: no worker traceback on stderr."""
    from lockctx import cli, frontend

    for name in ("bad.c", "good.c"):
        shutil.copy(FINDING, tmp_path / name)
    run = frontend.Extractor.run

    def walk(self):
        if self.main.endswith("bad.c"):
            raise RecursionError("maximum recursion depth exceeded")
        return run(self)

    monkeypatch.setattr(frontend.Extractor, "run", walk)
    code = cli.main(["check", "--standalone", "--no-cache", "-j1", "--format", "json",
                     str(tmp_path / "bad.c"), str(tmp_path / "good.c")])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err, err
    doc = json.loads(out)
    assert [f["file"].rsplit("/", 1)[-1] for f in doc["findings"]] == ["good.c"]
    [failure] = doc["failures"]
    assert failure["file"].endswith("bad.c") and "\n" not in failure["error"]
    assert "RecursionError" in failure["error"], failure


# ---- nothing from the input is executed ---------------------------------------------------

def test_compile_database_commands_are_never_run(tmp_path):
    src = tmp_path / "x.c"
    shutil.copy(FINDING, src)
    marks = [tmp_path / f"pwned{i}" for i in range(5)]
    db = [
        {"directory": str(tmp_path), "file": "x.c",
         "command": f"gcc -D__KERNEL__ $(touch {marks[0]}) `touch {marks[1]}` -c x.c; "
                    f"touch {marks[2]}"},
        {"directory": str(tmp_path), "file": "y.c",
         "arguments": ["sh", "-c", f"touch {marks[3]}", "-D__KERNEL__",
                       f"-include$(touch {marks[4]})", "y.c"]},
    ]
    shutil.copy(FINDING, tmp_path / "y.c")
    (tmp_path / "compile_commands.json").write_text(json.dumps(db))
    r = lockctx("check", "--no-cache", "-j1", "-p", tmp_path / "compile_commands.json",
                src, tmp_path / "y.c")
    assert r.returncode in (0, 1), r.stderr
    assert "Traceback" not in r.stderr
    assert not [m for m in marks if m.exists()]


def test_kbuild_shell_calls_are_never_run(tmp_path):
    tree = tmp_path / "linux"
    mark = tmp_path / "pwned"
    for d in ("include/linux", "include/generated", "arch/x86", "drivers/foo"):
        (tree / d).mkdir(parents=True)
    (tree / "include/generated/autoconf.h").write_text("#define CONFIG_FOO 1\n")
    (tree / "Kconfig").write_text("")
    (tree / "Makefile").write_text(f"X := $(shell touch {mark})\n")
    (tree / "arch/x86/Makefile").write_text(f"KBUILD_CFLAGS += $(shell touch {mark})\n")
    (tree / "Kbuild").write_text(f"obj-y += drivers/\n$(shell touch {mark})\n")
    (tree / "drivers/Makefile").write_text("obj-y += foo/\n")
    (tree / "drivers/foo/Makefile").write_text(
        f"obj-y += x.o\nccflags-y := $(shell touch {mark}) -DFOO\n"
        f"$(info $(shell touch {mark}))\n")
    shutil.copy(FINDING, tree / "drivers/foo/x.c")
    r = lockctx("check", "--no-cache", "-j1", tree / "drivers/foo")
    assert r.returncode in (0, 1), r.stderr
    assert "Traceback" not in r.stderr
    assert not mark.exists()


@pytest.mark.parametrize("name", ["a\nb.c", "a\\b .c", "é.c"])
def test_odd_but_valid_file_names_are_analysed(tmp_path, name):
    shutil.copy(FINDING, tmp_path / name)
    r = lockctx("check", "--standalone", "--no-cache", "-j1", "-f", "sarif", tmp_path)
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(doc)
    assert doc["runs"][0]["results"]
