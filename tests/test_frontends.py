"""The pycparser frontend against the libclang one: same facts, same findings.

Every C file of the corpus is parsed by both frontends in standalone (stub header) mode and
the facts are compared after normalising what only one of them can know:
  * columns and end positions: after cpp, pycparser sees the preprocessed line, not the
    source line;
  * the display text of a lock expression (libclang has the text as written; pycparser
    regenerates it);
  * how straight-line code is cut into blocks: libclang sees the do { } while (0) and
    `({ ... ? : })` an API macro expands to, pycparser the one call the macro was kept as;
    blocks are compared with every chain (one successor, whose only predecessor it is)
    merged into one block;
  * `_raw_spin_lock_irq` vs `raw_spin_lock_irq`: where the source wraps a raw_* macro API in
    a macro of its own, libclang matches the `_raw_*` function the macro expands to, while
    pycparser, which keeps API macros as calls, sees the `raw_*` name. Both are the same
    rules.toml entry in all but name.
Then `lockctx check --standalone` must report the same findings (rule, lock, function,
line) with either frontend, for every corpus case.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import CORPUS, REPO, lockctx
from lockctx import frontend, frontend_pycparser, kbuild, pipeline
from lockctx.extract import Cache
from lockctx.frontend import PathMapper
from lockctx.knowledge import load_knowledge
from lockctx.pipeline import included_sources
from lockctx.sources import Unit


def corpus_files() -> list[Path]:
    """Every translation unit of the corpus: each .c file but those another one #includes
    (included_c/part.c), which are parsed, and compared, as part of their includer."""
    files = sorted(p.resolve() for p in CORPUS.rglob("*.c"))
    return [p for p in files if p not in included_sources(files)]


def corpus_cases() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir()
                  if not p.name.startswith((".", "_")) and (p.is_dir() or p.suffix == ".c"))


def norm_api(api: str) -> str:
    return re.sub(r"^_raw_", "raw_", api)


def norm_lock(ref):
    return None if ref is None else (ref.kind, ref.name)


def norm_event(e) -> tuple:
    return (e.kind, e.loc.file, e.loc.line, norm_api(e.api), norm_lock(e.lock), e.lock_kind,
            e.mode, e.trylock, e.hardirqs, e.softirqs, e.sleeps, e.callee, e.field,
            tuple(norm_lock(a) for a in e.args), e.context,
            # an assigned constant (a call's constant arguments may come from macros the
            # stubs and pycparser's own headers define differently: THIS_MODULE)
            e.consts if e.kind == "assign" else (), e.tables, e.base)


def merged_blocks(fn) -> tuple:
    """The function's blocks with chains merged, numbered in depth-first order from the
    entry: (events, successor numbers) per block."""
    succs = {b.id: list(b.succs) for b in fn.blocks}
    events = {b.id: [norm_event(e) for e in b.events] for b in fn.blocks}
    preds: dict[int, set] = {b: set() for b in succs}
    for a, ss in succs.items():
        for s in ss:
            preds.setdefault(s, set()).add(a)
    changed = True
    while changed:
        changed = False
        for a in list(succs):
            if a not in succs or len(succs[a]) != 1:
                continue
            s = succs[a][0]
            if s in (a, fn.entry, fn.exit) or preds.get(s) != {a}:
                continue
            events[a] += events.pop(s)
            succs[a] = succs.pop(s)
            for t in succs[a]:
                preds[t] = (preds[t] - {s}) | {a}
            del preds[s]
            changed = True
    order, seen, work = [], set(), [fn.entry, fn.exit]
    while work:
        b = work.pop()
        if b in seen or b not in succs:
            continue
        seen.add(b)
        order.append(b)
        work.extend(reversed(succs[b]))
    number = {b: i for i, b in enumerate(order)}
    return tuple((tuple(events[b]), tuple(number.get(s, -1) for s in succs[b])) for b in order)


def normalise(facts) -> dict:
    """What both frontends can know about a file, in comparable form."""
    return {
        "path": facts.path,
        "functions": [(fn.id, fn.name, fn.loc.file, fn.loc.line, tuple(fn.params), fn.in_header,
                       merged_blocks(fn))
                      for fn in facts.functions],
        "bindings": [(b.field, b.function, b.loc.file, b.loc.line, b.sets, b.owner)
                     for b in facts.bindings],
        "tables": facts.tables,
        "registrations": [(r.function, r.context, r.hardirqs, r.forced, r.api, r.loc.file,
                           r.loc.line)
                          for r in facts.registrations],
        "lockdefs": [(d.name, d.lock_class, d.type, d.loc.file, d.loc.line)
                     for d in facts.lockdefs],
        "errors": facts.errors,
        "lost": (facts.lost_statements, facts.recovered),
        "referenced": facts.referenced,
    }


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


FILES = corpus_files()


def test_corpus_has_files():
    assert len(FILES) >= 40
    # the .c files left out are compared through their includer
    every = sorted(p.resolve() for p in CORPUS.rglob("*.c"))
    assert sorted(included_sources(every)) == [CORPUS.resolve() / "included_c/part.c"]


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_same_facts(path: Path, knowledge):
    paths = PathMapper(REPO, kbuild.STUBS)
    flags = kbuild.standalone_flags(path)
    clang, _ = frontend.extract_with_deps(str(path), flags, knowledge, paths)
    pyc, deps = frontend_pycparser.extract_with_deps(str(path), flags, knowledge, paths)
    assert str(kbuild.STUBS / "linux/spinlock.h") in deps or "spinlock" not in path.read_text()
    a, b = normalise(clang), normalise(pyc)
    for key in a:
        if isinstance(a[key], list):
            only_clang = [x for x in a[key] if x not in b[key]]
            only_pyc = [x for x in b[key] if x not in a[key]]
            assert (only_clang, only_pyc) == ([], []), f"{key} differ"
        assert a[key] == b[key], f"{key} differ"


FLAGS_SRC = """
#include <linux/types.h>
struct ops { void (*f)(void); bool a; unsigned int b:1; unsigned int c; bool d; };
struct other { void (*g)(void); bool a; };
static void fn(void) { }
static void gn(void) { }
static const struct ops t1 = { .f = fn, .a = true, .b = 1, .c = 1, .d = false };
static const struct ops t2 = { .f = fn, .a = 0 };
void probe(struct ops *o, struct other *x, int v)
{
	o->f = fn;
	x->g = gn;
	if (v)
		o->a = true;
	else
		o->a = false;
	o->d = v;
	x->a = 0;
}
static const struct other tmpl = { .g = gn };
static const struct other tmpl2 = { .g = gn };
struct holder { struct other o; };
void probe2(struct holder *h)
{
	h->o = tmpl;
	h->o.a = true;
}
void probe3(struct holder *h)
{
	h->o = tmpl2;
	h->o.a = false;
}
"""


@pytest.mark.parametrize("name", ["clang", "pycparser"])
def test_binding_sets(tmp_path, knowledge, name):
    """Binding.sets: the boolean fields (bool, one-bit bitfields) set beside the function,
    to anything but a constant 0: in the same initializer, or by the same function into the
    same struct type (or into a file-scope template it copies there whole), under an `if` or
    from a variable too."""
    path = tmp_path / "flags.c"
    path.write_text(FLAGS_SRC)
    mod = frontend if name == "clang" else frontend_pycparser
    facts, _ = mod.extract_with_deps(str(path), kbuild.standalone_flags(path), knowledge,
                                     PathMapper(tmp_path, kbuild.STUBS))
    assert [(b.field, b.function.split("@")[0], b.loc.line, b.sets) for b in facts.bindings] == [
        ("struct ops@flags.c.f", "fn", 7, ("a", "b")),
        ("struct ops@flags.c.f", "fn", 8, ()),
        ("struct ops@flags.c.f", "fn", 11, ("a", "d")),
        ("struct other@flags.c.g", "gn", 12, ()),
        ("struct other@flags.c.g", "gn", 20, ("a",)),
        ("struct other@flags.c.g", "gn", 21, ()),
    ]


OBJECTS_SRC = """
#include <linux/kernel.h>
#include <linux/container_of.h>
struct inner { int x; };
struct box { int n; struct inner in; };
void use(struct inner *i);
void reused(struct inner *i)
{
	struct box *b = container_of(i, struct box, in);
	use(&b->in);
	b = NULL;
	use(i);
}
void reassigned(struct inner *i, struct inner *j)
{
	struct box *b;

	i = j;
	b = container_of(i, struct box, in);
	use(i);
}
void keeps(struct inner *i, struct box *b)
{
	struct box *c = container_of(i, struct box, in);
	use(&b->in);
	use(i);
	use((struct inner *)c);
}
"""


@pytest.mark.parametrize("name", ["clang", "pycparser"])
def test_container_of_and_object_arguments(tmp_path, knowledge, name):
    """Function.containers: container_of() of a parameter the body never assigns;
    Event.objargs: `&b->in` (through parameter 1: "#1"), a parameter handed on, a local
    initialised with container_of() and not assigned again."""
    path = tmp_path / "objs.c"
    path.write_text(OBJECTS_SRC)
    mod = frontend if name == "clang" else frontend_pycparser
    facts, _ = mod.extract_with_deps(str(path), kbuild.standalone_flags(path), knowledge,
                                     PathMapper(tmp_path, kbuild.STUBS))
    fns = {fn.name: fn for fn in facts.functions}
    box = "struct box@objs.c.in"

    def objargs(fn):
        return [e.objargs for b in fns[fn].blocks for e in b.events if e.kind == "call"]
    assert fns["reused"].containers == ((0, box),)
    # `b` is assigned again: its container_of no longer says where the object lives
    assert objargs("reused") == [((0, box),), ((0, "#0"),)]
    assert fns["reassigned"].containers == ()
    assert objargs("reassigned") == [()]
    assert fns["keeps"].containers == ((0, box),)
    assert objargs("keeps") == [((0, box + "#1"),), ((0, "#0"),), ()]


INIT_SRC = """
#include <linux/irq_work.h>
#include <linux/smp.h>
struct csd { int flags; smp_call_func_t func; void *info; };
struct outer { struct csd c; int n; };
static void fa(void *info) { }
static void fb(void *info) { }
static void wa(struct irq_work *w) { }
static void wb(struct irq_work *w) { }
extern void run(struct csd c);
static DEFINE_IRQ_WORK(work_a, wa);
static struct { int n; struct irq_work iw; } holder = { .iw = IRQ_WORK_INIT_HARD(wb) };
void set(struct csd *p, struct csd *q, smp_call_func_t func)
{
	struct csd l = { .func = func };
	struct outer o = { .c = { .func = fa }, .n = 1 };
	*p = (struct csd){ .func = fb };
	*q = (struct csd){ 0, func };
	l = (struct csd){ .func = fa };
	run((struct csd){ .func = func });
	run(l);
	run(o.c);
}
"""


@pytest.mark.parametrize("name", ["clang", "pycparser"])
def test_initializer_bindings(tmp_path, knowledge, name):
    """Braces bind their functions wherever they stand: a local's initializer and a
    compound literal (assigned through a pointer, to a variable, or passed) bind the
    function's own function-pointer parameter as `x->f = param` does ("FID#argN"); nested
    braces bind once; a file-scope variable or member initialized by a compound literal
    (DEFINE_IRQ_WORK, IRQ_WORK_INIT_HARD) binds too."""
    path = tmp_path / "inits.c"
    path.write_text(INIT_SRC)
    mod = frontend if name == "clang" else frontend_pycparser
    facts, _ = mod.extract_with_deps(str(path), kbuild.standalone_flags(path), knowledge,
                                     PathMapper(tmp_path, kbuild.STUBS))
    assert [(b.field, b.function.split("@")[0], b.loc.line) for b in facts.bindings] == [
        ("struct irq_work.func", "wa", 11),
        ("struct irq_work.func", "wb", 12),
        ("struct csd@inits.c.func", "set#arg2", 15),
        ("struct csd@inits.c.func", "fa", 16),
        ("struct csd@inits.c.func", "fb", 17),
        ("struct csd@inits.c.func", "set#arg2", 18),
        ("struct csd@inits.c.func", "fa", 19),
        ("struct csd@inits.c.func", "set#arg2", 20),
    ]


def findings(case: Path, frontend_name: str, knowledge) -> list[tuple]:
    """What `lockctx check --standalone CASE` finds, run in this process (the pipeline the
    CLI runs; the CLI itself is run as a subprocess below)."""
    result = pipeline.run(pipeline.Options(paths=[case], knowledge=knowledge, standalone=True,
                                           frontend=frontend_name))
    assert result.failures == []
    return sorted((f.rule, f.lock_class, f.function, f.loc.file, f.loc.line)
                  for f in result.findings)


CASES = corpus_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_same_findings(case: Path, knowledge):
    assert findings(case, "pycparser", knowledge) == findings(case, "clang", knowledge)


def cli_findings(*args) -> tuple[list[tuple], str]:
    proc = lockctx("check", "--standalone", "--no-cache", "--format", "json", *args)
    assert proc.returncode in (0, 1), proc.stderr
    found = sorted((f["rule"], f["lock"], f["function"], f["line"])
                   for f in json.loads(proc.stdout)["findings"])
    return found, proc.stderr


def test_cli_frontend_pycparser():
    case = (CORPUS / "shared_lock").relative_to(REPO)
    pyc, err = cli_findings("--frontend", "pycparser", case)
    clang, _ = cli_findings(case)
    assert pyc == clang and pyc
    assert "warning" not in err


def test_cli_unknown_frontend():
    proc = lockctx("check", "--standalone", "--frontend", "gcc", "examples/seamldr.c")
    assert proc.returncode == 2
    assert proc.stderr.strip() == ("lockctx: error: unknown frontend 'gcc' "
                                   "(choose clang or pycparser)")


def test_pycparser_refuses_real_headers(tmp_path):
    """A compile database (or kernel tree) means real kernel headers: libclang's job."""
    src = tmp_path / "drv.c"
    src.write_text("int x;\n")
    (tmp_path / "compile_commands.json").write_text(json.dumps(
        [{"directory": str(tmp_path), "file": str(src),
          "arguments": ["gcc", "-D__KERNEL__", "-c", str(src), "-o", "drv.o"]}]))
    proc = lockctx("check", "--frontend", "pycparser", "-p",
                   tmp_path / "compile_commands.json", src)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "drv.c" in lines[0] and "--frontend clang" in lines[0], lines


GNU_ONLY = """
#include <linux/spinlock.h>
static DEFINE_SPINLOCK(l);
int classify(int v)
{
\tswitch (v) {
\tcase 1 ... 3:
\t\treturn 1;
\t}
\treturn 0;
}
"""


def test_parse_error_is_one_file_failure(tmp_path):
    """A file pycparser cannot parse (a GNU case range) fails alone, with one line that
    names it and the libclang frontend; the other files are analysed."""
    shutil.copy(CORPUS / "trylock_in_task.c", tmp_path / "good.c")
    (tmp_path / "bad.c").write_text(GNU_ONLY)
    proc = lockctx("check", "--standalone", "--no-cache", "--format", "json", "--frontend",
                   "pycparser", tmp_path)
    report = json.loads(proc.stdout)
    assert [f["file"] for f in report["failures"]] == [str(tmp_path / "bad.c")] or \
        [Path(f["file"]).name for f in report["failures"]] == ["bad.c"]
    error = report["failures"][0]["error"]
    assert "\n" not in error and "bad.c:7" in error and "--frontend clang" in error, error
    assert {Path(f["file"]).name for f in report["findings"]} == {"good.c"}
    assert proc.returncode == 1


def test_fallback_when_libclang_cannot_load():
    """No libclang: the pycparser frontend, with a one-line warning."""
    code = ("import sys, clang.cindex as ci; ci.Config.set_library_file('/nonexistent/libclang.so');"
            "from lockctx.cli import main; sys.exit(main(sys.argv[1:]))")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    case = str((CORPUS / "seamldr_plain_guard.c").relative_to(REPO))
    proc = subprocess.run([sys.executable, "-c", code, "check", "--standalone", "--no-cache",
                           "--format", "json", case], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300)
    warnings = [ln for ln in proc.stderr.splitlines() if "warning" in ln]
    assert len(warnings) == 1 and "libclang cannot be loaded" in warnings[0] and \
        "pycparser" in warnings[0], proc.stderr
    found = sorted((f["rule"], f["lock"], f["function"], f["line"])
                   for f in json.loads(proc.stdout)["findings"])
    assert found == cli_findings(case)[0] and found


def test_cache_key_names_the_frontend(tmp_path, knowledge):
    clang = Cache(tmp_path, knowledge, REPO, "clang")
    pyc = Cache(tmp_path, knowledge, REPO, "pycparser")
    unit = Unit(CORPUS / "trylock_in_task.c", ("-I", "x"))
    assert clang.key(unit) != pyc.key(unit)
