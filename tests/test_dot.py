"""`--format dot`: a Graphviz digraph of the findings' paths."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from helpers import CORPUS, EXAMPLE, lockctx

NODE = re.compile(r'^  ("(?:[^"\\]|\\.)*") \[(.*)\];$')
EDGE = re.compile(r'^  ("(?:[^"\\]|\\.)*") -> ("(?:[^"\\]|\\.)*") \[(.*)\];$')


def structure(text: str):
    """Check the shape of the graph; return its nodes (id -> attributes) and edges."""
    assert text.startswith("digraph lockctx {\n") and text.endswith("}\n")
    unquoted = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)
    depth = 0
    for ch in unquoted:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
    assert depth == 0
    nodes, edges = {}, []
    for line in text.splitlines()[1:-1]:
        if m := EDGE.match(line):
            edges.append((m[1], m[2], m[3]))
        elif m := NODE.match(line):
            assert m[1] not in nodes, m[1]
            nodes[m[1]] = m[2]
        else:
            assert re.match(r"^  (rankdir=LR|node \[.*\]|edge \[.*\]);$", line), line
    for a, b, _ in edges:
        assert a in nodes and b in nodes, (a, b)
    return nodes, edges


def test_example_graph_has_both_entry_points_the_call_and_the_lock():
    r = lockctx("check", "--format", "dot", EXAMPLE)
    assert r.returncode == 1, r.stderr
    nodes, edges = structure(r.stdout)
    entries = {n for n, a in nodes.items() if 'shape="doubleoctagon"' in a}
    assert entries == {'"fn:examples/seamldr.c:install_store"',
                       '"fn:examples/seamldr.c:seamldr_update_irq"'}
    assert "hardirq: devm_request_irq at examples/seamldr.c:62:9" in \
        nodes['"fn:examples/seamldr.c:seamldr_update_irq"']
    lock = '"lock:examples/seamldr.c:seamldr_lock"'
    assert 'shape="hexagon"' in nodes[lock]
    (into_lock,) = [e for e in edges if e[1] == lock]
    assert into_lock[0] == '"fn:examples/seamldr.c:seamldr_call"'
    assert 'label="LC001: guard(raw_spinlock) examples/seamldr.c:34"' in into_lock[2]
    assert 'color="red"' in into_lock[2]
    assert len(edges) == 3


def test_corpus_graph_is_well_formed_and_deterministic():
    a = lockctx("check", "--standalone", "--format", "dot", CORPUS)
    b = lockctx("check", "--standalone", "--format", "dot", CORPUS)
    assert a.returncode == 1, a.stderr
    assert a.stdout == b.stdout
    nodes, edges = structure(a.stdout)
    # findings without a lock (LC004) end at their site
    assert any(n.startswith('"site:') and "LC004" in n for n in nodes)
    assert any("via struct foo_dma_ops.kick" in attrs for _, _, attrs in edges)
    if shutil.which("dot"):
        svg = subprocess.run(["dot", "-Tsvg"], input=a.stdout, capture_output=True, text=True,
                             timeout=120)
        assert svg.returncode == 0 and "<svg" in svg.stdout, svg.stderr


def test_no_findings_is_an_empty_graph():
    r = lockctx("check", "--standalone", "--format", "dot", CORPUS / "seamldr_irqsave_guard.c")
    assert r.returncode == 0
    nodes, edges = structure(r.stdout)
    assert nodes == {} and edges == []


@pytest.mark.skipif(not shutil.which("dot"), reason="graphviz not installed")
def test_graphviz_reads_it():
    r = lockctx("check", "--format", "dot", EXAMPLE)
    out = subprocess.run(["dot", "-Tplain"], input=r.stdout, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("graph ")
