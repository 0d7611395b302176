"""`lockctx explain`: the contexts a function runs in, or where a lock is taken and in which
states, each with a witness path from an entry point."""
from __future__ import annotations

from .propagate import Analysis
from .rules.common import lock_name


def state_words(s) -> str:
    words = [f"{s.ctx} context", "hardirqs " + ("on" if s.hard else "off")]
    if s.ctx == "task":
        words.append("softirqs " + ("on" if s.soft == 0 else "off"))
    held = [lock_name(c) for c, _, _ in s.held]
    if held:
        words.append("holding " + ", ".join(held))
    return ", ".join(words)


def path_lines(steps, indent: str = "    ") -> list[str]:
    names = [("-> " if i else "") + st.function for i, st in enumerate(steps)]
    width = max(len(n) for n in names)
    out = []
    for name, st in zip(names, steps):
        note = f"  ({st.note})" if st.note else ""
        out.append(f"{indent}{name:<{width}}  {st.loc.file}:{st.loc.line}{note}")
    return out


def explain_text(analysis: Analysis, function: str) -> str:
    keys = sorted(k for k in analysis.parents if k[0] == function or k[0].split("@")[0] == function)
    if not keys:
        return ""
    out = []
    seen = set()
    for key in keys:
        s = key[1]
        words = state_words(s)
        if (key[0], words) in seen:
            continue
        seen.add((key[0], words))
        fn = analysis.program.functions[key[0]]
        steps = analysis.path(key, fn.loc, "")
        out.append(f"{fn.name} ({fn.loc.file}:{fn.loc.line}) runs in {words}:")
        out.extend(path_lines(steps))
    return "\n".join(out) + "\n"


def names_lock(cls: str, name: str) -> bool:
    """`seamldr_lock`, `drv.c:seamldr_lock` or `struct foo.lock` name the class `cls`."""
    return bool(cls) and (cls == name or lock_name(cls) == name)


def lock_text(analysis: Analysis, name: str) -> str:
    """Every acquisition site of the lock classes `name` names, the states the lock is held in
    there (after the acquisition's own interrupt change: `_irqsave` sites are held with
    hardirqs off), and a shortest path to each."""
    obs = [o for o in analysis.observations if o.kind == "acquire" and names_lock(o.lock, name)]
    if not obs:
        return ""
    # per class, per site, per state: the shortest witness path
    best: dict = {}
    for o in obs:
        site = (o.event.loc.file, o.event.loc.line, o.event.loc.col, o.event.api,
                analysis.name(o.key[0]))
        steps = analysis.path(o.key, o.event.loc, o.event.api)
        k = (o.lock, site, state_words(o.state))
        rank = (len(steps), [(st.function, st.loc.file, st.loc.line) for st in steps])
        if k not in best or rank < best[k][0]:
            best[k] = (rank, steps, o)
    out = []
    for cls in sorted({k[0] for k in best}):
        sites = sorted({k[1] for k in best if k[0] == cls})
        ctxs = sorted({o.state.ctx for (c, _, _), (_, _, o) in best.items() if c == cls})
        offs = {o.state.hard for (c, _, _), (_, _, o) in best.items() if c == cls}
        irqs = ("with hardirqs both on and off" if len(offs) > 1 else
                "always with hardirqs " + ("on" if offs.pop() else "off"))
        shown = lock_name(cls) + (f" ({cls})" if cls != lock_name(cls) else "")
        out.append(f"{shown}: taken at {len(sites)} "
                   f"site{'s' if len(sites) != 1 else ''}, held in {', '.join(ctxs)} context, "
                   f"{irqs}")
        for site in sites:
            file, line, col, api, fn = site
            out.append(f"  {file}:{line}:{col}: {api} in {fn}")
            for (c, s, words), (_, steps, _) in sorted(best.items(), key=lambda kv: kv[0]):
                if c == cls and s == site:
                    out.append(f"    held in {words}:")
                    out.extend(path_lines(steps, "      "))
    return "\n".join(out) + "\n"
