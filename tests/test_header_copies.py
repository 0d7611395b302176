"""A header inline's copies, one per file that calls it, are dropped as the files' facts
arrive (pipeline.HeaderCopies): whatever order the workers finish in, the copy kept is the
first file's, as link expects, so that the output does not depend on -j."""
from __future__ import annotations

from itertools import permutations

from lockctx.facts import FileFacts, Function, Loc
from lockctx.pipeline import HeaderCopies


def facts(i: int, header_ids: list[str]) -> FileFacts:
    # each file's copy differs (its line), as a header compiled under other macros may
    return FileFacts(path=f"f{i}.c", functions=[
        Function(f"own{i}", f"own{i}", Loc(f"f{i}.c", 1, 1)),
        *(Function(h, h, Loc("include/linux/h.h", 10 + i, 1), in_header=True)
          for h in header_ids)])


def kept(order: list[int]) -> dict[str, list[tuple[str, int]]]:
    files = {0: ["a", "b"], 1: ["a", "c"], 2: ["a", "b", "c", "d"]}
    copies = HeaderCopies()
    made = {i: facts(i, files[i]) for i in files}
    for i in order:
        copies(i, made[i])
        copies(i, made[i])            # handed on twice (preloaded, then known): no change
    return {made[i].path: [(fn.id, fn.loc.line) for fn in made[i].functions]
            for i in sorted(made)}


def test_the_first_files_copy_is_kept_whatever_order_the_facts_arrive_in():
    want = {"f0.c": [("own0", 1), ("a", 10), ("b", 10)], "f1.c": [("own1", 1), ("c", 11)],
            "f2.c": [("own2", 1), ("d", 12)]}
    for order in permutations(range(3)):
        assert kept(list(order)) == want, order
