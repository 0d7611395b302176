"""Graphviz output (`--format dot`): the call graph the findings' paths run through.

Entry points are double octagons (labelled with how they are entered), functions boxes, lock
classes hexagons; for a finding with no lock (LC003, LC004) the site itself is the end node.
A call edge is labelled with its call site; the edge into a lock is the acquisition (API and
line), coloured by the finding's level and labelled with its rule. Nodes and edges are shared
between paths and written sorted, so the same findings always give the same bytes.
"""
from __future__ import annotations

COLORS = {"error": "red", "warning": "orange", "note": "blue"}


def quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def render(result) -> str:
    nodes: dict[str, dict] = {}          # id -> attributes
    entries: dict[str, set] = {}         # id -> how it is entered
    edges: dict[tuple, dict] = {}        # (from, to, label) -> attributes

    def fn_node(step) -> str:
        nid = f"fn:{step.loc.file}:{step.function}"
        nodes.setdefault(nid, {"label": f"{step.function}\n{step.loc.file}"})
        return nid

    for f in result.findings:
        if f.lock_class:
            end = f"lock:{f.lock_class}"
            nodes[end] = {"label": f.lock or f.lock_class, "shape": "hexagon"}
        else:
            end = f"site:{f.loc.file}:{f.loc.line}:{f.loc.col}:{f.rule}"
            nodes[end] = {"label": f"{f.rule} {f.name}\n{f.loc.file}:{f.loc.line}",
                          "shape": "note"}
        for p in f.paths:
            steps = p.steps
            ids = [fn_node(st) for st in steps]
            if steps[0].note:
                entries.setdefault(ids[0], set()).add(steps[0].note.split("; ")[0])
            for a, b, st, nxt in zip(ids, ids[1:], steps, steps[1:]):
                via = [n for n in nxt.note.split("; ") if n.startswith("via ")] if nxt.note else []
                label = "\n".join([f"{st.loc.file}:{st.loc.line}", *via])
                edges.setdefault((a, b, label), {})
            last = steps[-1]
            api = last.note.split("; ")[-1] if last.note else ""
            label = f"{f.rule}: {api} {last.loc.file}:{last.loc.line}".replace("  ", " ")
            edges[(ids[-1], end, label)] = {"color": COLORS.get(f.level, "black"),
                                            "fontcolor": COLORS.get(f.level, "black")}
    for nid, how in entries.items():
        nodes[nid] = {"label": nodes[nid]["label"] + "\n" + "\n".join(sorted(how)),
                      "shape": "doubleoctagon"}

    def attrs(d: dict) -> str:
        return ", ".join(f"{k}={quote(v)}" for k, v in sorted(d.items()))

    out = ["digraph lockctx {", "  rankdir=LR;",
           '  node [shape=box, fontname="monospace", fontsize=10];',
           '  edge [fontname="monospace", fontsize=9];']
    out += [f"  {quote(nid)} [{attrs(a)}];" for nid, a in sorted(nodes.items())]
    out += [f"  {quote(a)} -> {quote(b)} [{attrs({'label': label, **extra})}];"
            for (a, b, label), extra in sorted(edges.items())]
    out.append("}")
    return "\n".join(out) + "\n"
