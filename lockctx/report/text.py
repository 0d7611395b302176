"""Text output: what a terminal user reads, in the shape compilers and lockdep use."""
from __future__ import annotations

from ..finding import Finding

COLORS = {"error": "\033[1;31m", "warning": "\033[1;35m", "note": "\033[1;36m"}
BOLD, RESET = "\033[1m", "\033[0m"


def step_lines(steps) -> list[str]:
    rows = []
    for i, st in enumerate(steps):
        name = ("-> " if i else "") + st.function
        rows.append((name, f"{st.loc.file}:{st.loc.line}", st.note))
    w1 = max(len(r[0]) for r in rows)
    w2 = max(len(r[1]) for r in rows)
    return [f"    {a:<{w1}}  {b:<{w2}}  {c}".rstrip() for a, b, c in rows]


def render_finding(f: Finding, color: bool, state: str = "") -> str:
    level = f"{COLORS[f.level]}{f.level}{RESET}" if color else f.level
    head = f"{f.loc.file}:{f.loc.line}:{f.loc.col}: {level}: {f.rule} {f.name}: {f.message}"
    if color:
        head = f"{BOLD}{f.loc.file}:{f.loc.line}:{f.loc.col}:{RESET} {level}: {f.rule} {f.name}: {f.message}"
    if f.confidence != "high":
        head += f" [confidence: {f.confidence}]"
    if state:
        head += f" [{state}]"
    out = [head]
    if "configurations" in f.extra:    # several configurations analysed (multiconfig.py)
        out.append(f"  in configurations: {', '.join(f.extra['configurations'])}")
    for p in f.paths:
        out.append(f"  {p.title}:")
        out.extend(step_lines(p.steps))
    if f.scenario:
        out.append("  possible deadlock:")
        out.append("    CPU0: " + " ".join(step.strip() for step in f.scenario[2:]))
    if f.fix:
        out.append(f"  fix: {f.fix}")
    return "\n".join(out)


def render(result, color: bool = False, comparison=None, suppressed: int = 0) -> str:
    states = comparison.states if comparison is not None else [""] * len(result.findings)
    parts = [render_finding(f, color, st) for f, st in zip(result.findings, states)]
    for path, err in result.failures:
        parts.append(f"{path}: note: parse errors, facts may be partial: {err}")
    counts = {}
    for f in result.findings:
        counts[f.level] = counts.get(f.level, 0) + 1
    summary = ", ".join(f"{n} {lvl}{'s' if n != 1 else ''}" for lvl, n in sorted(counts.items()))
    lost = result.lost_statements
    recovered = result.recovered
    lost_note = (f"; {lost} statement{'s' if lost != 1 else ''} lost to undeclared identifiers, "
                 f"{recovered} lock API use{'s' if recovered != 1 else ''} recovered from tokens"
                 if lost else "")
    parts.append(f"lockctx: {len(result.files)} file{'s' if len(result.files) != 1 else ''} "
                 f"analysed ({result.mode}), {summary or 'no findings'}"
                 + (f", {suppressed} suppressed" if suppressed else "") + lost_note
                 + (f"; {comparison.summary()}" if comparison is not None else ""))
    return "\n\n".join(parts[:-1]) + ("\n\n" if len(parts) > 1 else "") + parts[-1] + "\n"
