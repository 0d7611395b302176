"""link: a static function nothing calls and nothing names is dead, not a root; anything else
with no caller still is (tests/corpus/dead_static_root/ has the frontend side)."""
from __future__ import annotations

from lockctx.facts import Block, Event, FileFacts, Function, Loc, from_json, to_json
from lockctx.knowledge import load_knowledge
from lockctx.link import link


def fn(fid: str, file: str) -> Function:
    loc = Loc(file, 1, 1)
    return Function(fid, fid.partition("@")[0], loc, [],
                    [Block(0, [Event("sleep", loc, api="msleep")], [1]), Block(1)])


def roots(facts: FileFacts) -> list[str]:
    return [e.function for e in link([facts], load_knowledge()).entries if e.root]


def test_dead_static_function_is_no_root():
    facts = FileFacts("a.c", [fn("dead@a.c", "a.c"), fn("named@a.c", "a.c"), fn("ext", "a.c")],
                      referenced=["named@a.c"])
    assert roots(facts) == ["ext", "named@a.c"]


def test_lost_code_keeps_static_roots():
    # the reference may be in a statement clang dropped, or past a parse error
    for lost in ({"lost_statements": 1}, {"errors": ["a.c:3:1: error: x"]}):
        facts = FileFacts("a.c", [fn("dead@a.c", "a.c")], **lost)
        assert roots(facts) == ["dead@a.c"]


def test_referenced_round_trips():
    facts = FileFacts("a.c", [fn("f@a.c", "a.c")], referenced=["f@a.c"])
    assert from_json(to_json(facts)).referenced == ["f@a.c"]


def test_caller_link_sets_aside_still_counts():
    # kernel/sys_ni.c's __weak stub of the same name is the one link keeps: the wrapper that
    # calls the static function is set aside, and that function stays a root
    loc = Loc("b.c", 1, 1)
    wrapper = Function("sys_x", "sys_x", loc, [],
                       [Block(0, [Event("call", loc, callee="se_x@b.c")], [1]), Block(1)])
    stub = Function("sys_x", "sys_x", Loc("a.c", 1, 1), [], [Block(0, [], [1]), Block(1)])
    files = [FileFacts("a.c", [stub]), FileFacts("b.c", [wrapper, fn("se_x@b.c", "b.c")])]
    assert [e.function for e in link(files, load_knowledge()).entries if e.root] == \
        ["se_x@b.c", "sys_x"]
