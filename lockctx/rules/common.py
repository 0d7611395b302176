"""What the rule modules share: the rule context, lock names, and the lockdep usage matrix."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..facts import Loc, lock_name
from ..finding import Finding, Path
from ..propagate import Analysis, Observation, Step


@dataclass(frozen=True)
class RuleDoc:
    code: str
    name: str
    level: str
    summary: str               # one sentence
    sections: dict             # heading -> text

    def full_text(self) -> str:
        return "\n\n".join(f"{h}:\n{t}" for h, t in self.sections.items())

    def markdown(self) -> str:
        out = [f"## {self.code} {self.name}", ""]
        for h, t in self.sections.items():
            if h == "Example":
                out += [f"**{h}:**", "", "```c", t, "```", ""]
            else:
                out += [f"**{h}:** {t}", ""]
        return "\n".join(out).strip() + "\n"


SECTION = re.compile(r"^(What it finds|Why it is a bug|Example|Fix):\s*", re.M)


def doc(module) -> RuleDoc:
    text = module.__doc__.strip("\n")
    head, _, body = text.partition("\n")
    code, name = head.split()
    parts = SECTION.split(body)
    sections = {}
    for i in range(1, len(parts) - 1, 2):
        block = parts[i + 1].rstrip()
        lines = block.split("\n")
        if parts[i] == "Example":
            indent = min((len(l) - len(l.lstrip()) for l in lines if l.strip()), default=0)
            sections[parts[i]] = "\n".join(l[indent:] for l in lines).strip("\n")
        else:
            sections[parts[i]] = " ".join(l.strip() for l in lines if l.strip())
    summary = sections.get("What it finds", "").split(". ")[0].rstrip(".") + "."
    return RuleDoc(code, name, module.LEVEL, summary, sections)


@dataclass
class RuleContext:
    analysis: Analysis
    report_files: set[str]

    def path(self, o: Observation, note: str = "") -> list[Step]:
        return self.analysis.path(o.key, o.event.loc, note or o.event.api)

    def premise(self, o: Observation) -> tuple[Loc, str, str] | None:
        """(call site, caller, dec_and_test API) where o's path went on past a drop of the
        last reference in atomic context (propagate State.last_ref); None when it did not,
        or did inside o's own function."""
        if not o.state.last_ref:
            return None
        key = o.key
        while key[1].last_ref:
            p = self.analysis.parents.get(key)
            if not isinstance(p, tuple):
                return None
            parent, site, why = p
            if not parent[1].last_ref:
                # the API is named in the step's note only (State.last_ref is a flag: one
                # context for every dec_and_test API)
                m = LAST_REF_WHY.search(why)
                return site.event.loc, self.analysis.name(parent[0]), \
                    m.group(1) if m else "this put"
            key = parent
        return None

    def site(self, steps: list[Step]) -> tuple[Loc, str] | None:
        """The outermost frame inside the analysed PATHs: where the author can change code."""
        for st in reversed(steps):
            if st.loc.file in self.report_files:
                return st.loc, st.function
        return None


LAST_REF_WHY = re.compile(r"only if (\w+)\(\) dropped the last reference")


def known_lock(cls: str) -> bool:
    """Locks whose identity is known across functions (not a local or unresolved expression)."""
    return bool(cls) and ":param" not in cls and ":local:" not in cls and ":unknown:" not in cls


CONFIDENCE = ("low", "medium", "high")
WIDE_FANOUT = 4        # an indirect call bound to more functions than this is a guess


def confidence(*paths: list[Step], enabled_path: list[Step] = ()) -> str:
    """How much a finding's paths rely on guesses.

    high: direct calls only, or indirect calls bound to one function;
    medium: an indirect call bound to a few functions, or an `enabled_path` (one that the
    finding needs to run with interrupts on) starting at a function with no known caller,
    which is only assumed to run in task context with interrupts on;
    low: an indirect call bound to many functions (the call may never reach this one)."""
    steps = [st for p in (*paths, enabled_path) for st in p]
    if any(st.fanout > WIDE_FANOUT for st in steps):
        return "low"
    if any(st.fanout > 1 for st in steps) or (enabled_path and enabled_path[0].root):
        return "medium"
    return "high"


def past_last_reference(level: str, *observations) -> str:
    """low when a path goes on past a reference count's drop to zero in atomic context
    (`if (!atomic_long_dec_and_test(&e->refcount)) return; _free_event(e);`): that code runs
    only if the caller dropped the last reference there, which its callers usually rule out
    (they hold another); the path says so at that step."""
    return "low" if any(o.state.last_ref for o in observations) else level


def path_rank(steps: list[Step]):
    """The witness shown: the most certain path first, then the shortest."""
    return (-CONFIDENCE.index(confidence(steps)), len(steps), [(s.loc, s.function) for s in steps])


def fix_variant(api: str, suffix: str, lock: str = "lock") -> str:
    """The variant of a lock API that also disables hardirqs (`_irqsave`) or BHs (`_bh`)."""
    m = re.match(r"(guard|scoped_guard|CLASS)\((\w+)\)$", api)
    if m:
        base = re.sub(r"_(irq|irqsave|bh)$", "", m.group(2))
        return f"{m.group(1)}({base}_{suffix})" + (f"({lock})" if m.group(1) == "guard" else "")
    base = re.sub(r"_(irq|irqsave|bh)$", "", api)
    # spin_trylock_irqsave() is released by spin_unlock_irqrestore()
    unlock, n = re.subn(r"_(try)?lock", "_unlock", base, count=1)
    unlock = unlock if n else base + "_unlock"
    if suffix == "irqsave":
        return f"{base}_irqsave({lock}, flags) ... {unlock}_irqrestore({lock}, flags)"
    return f"{base}_{suffix}({lock}) ... {unlock}_{suffix}({lock})"


def inconsistent_usage(ctx: RuleContext, module, irq_ctx: str, enabled_use, in_word: str,
                       on_word: str, title_on: str, title_in: str, fix_suffix: str):
    """Lockdep's {X-ON} -> {IN-X} check: one finding per enabled-use site.

    A trylock in IRQ context does not make a lock IRQ-used; a read acquisition in IRQ context
    conflicts only with write acquisitions made with IRQs enabled.
    """
    by_lock: dict[str, list[Observation]] = {}
    for o in ctx.analysis.observations:
        if o.kind == "acquire" and known_lock(o.lock) and o.event.lock_kind in ("spin", "rwlock"):
            by_lock.setdefault(o.lock, []).append(o)
    best: dict[Loc, tuple] = {}
    for lock, obs in sorted(by_lock.items()):
        in_uses = [o for o in obs if o.state.ctx == irq_ctx and not o.event.trylock]
        if not in_uses:
            continue
        in_paths = sorted((((o.state.last_ref, path_rank(p)), p, o) for o in in_uses
                           for p in [ctx.path(o)]), key=lambda x: x[0])
        for on in obs:
            if not enabled_use(on):
                continue
            conflicting = [x for x in in_paths if x[2].event.mode == "w" or on.event.mode == "w"]
            if not conflicting:
                continue
            on_path = ctx.path(on)
            site = ctx.site(on_path)
            if site is None:
                continue
            rank = (on.state.last_ref, path_rank(on_path), conflicting[0][0])
            if site[0] not in best or rank < best[site[0]][0]:
                best[site[0]] = (rank, lock, on, on_path, conflicting[0][2], conflicting[0][1], site[1])
    # the pairs whose only IN-IRQ witness lies past the same drop of a last reference
    singles, folded = fold_last_reference(
        ctx, {loc: (e[0], e[4], e[5]) for loc, e in best.items()})
    findings = [folded_finding(
        module, premise, sites,
        lambda o: f"{lock_name(o.lock)} taken in {irq_ctx} context at "
                  f"{o.event.loc.file}:{o.event.loc.line}",
        f"taken in {irq_ctx} context past the drop",
        lambda loc, x: f"{lock_name(x.lock)} (also taken with {title_on} at "
                       f"{loc.file}:{loc.line})",
        lambda loc, x: f"{lock_name(x.lock)} taken with {title_on}; in {irq_ctx} context "
                       "only past the drop")
        for premise, sites in folded]
    for loc, (_, lock, on, on_path, irq, irq_path, func) in sorted(best.items()):
        if loc not in singles:
            continue
        name = lock_name(lock)
        irq_site = irq_path[-1]
        msg = (f"inconsistent {{{on_word}-{on.event.mode.upper()}}} -> "
               f"{{{in_word}-{irq.event.mode.upper()}}} usage of {name}: taken here with "
               f"{title_on}, and in {irq_ctx} context at {irq_site.loc.file}:{irq_site.loc.line} "
               f"({irq_site.function}).")
        fix = fix_variant(on.event.api, fix_suffix, on.event.lock.display or name)
        findings.append(Finding(
            rule=module.CODE, name=module.NAME, level=module.LEVEL, loc=loc, message=msg,
            lock=name, lock_class=lock, function=func,
            paths=(Path(f"taken with {title_on}", tuple(on_path)),
                   Path(f"also taken in {irq_ctx} context", tuple(irq_path))),
            related=((irq_site.loc, f"{name} taken in {irq_ctx} context"),),
            fix=fix,
            scenario=("CPU0", "----", f"lock({name});", f"<Interrupt: {irq_ctx}>",
                      f"  lock({name});", "*** DEADLOCK ***"),
            confidence=past_last_reference(confidence(irq_path, enabled_path=on_path), on, irq),
            extra={"api": on.event.api}))
    return sorted(findings, key=lambda f: f.loc)


def single_site(ctx: RuleContext, module, kind: str, select, message, fix, title: str):
    """Rules reported at the event itself (LC003, LC004): one finding per reported site."""
    best: dict[Loc, tuple] = {}
    for o in ctx.analysis.observations:
        if o.kind != kind or not select(o):
            continue
        steps = ctx.path(o)
        site = ctx.site(steps)
        if site is None:
            continue
        rank = (o.state.last_ref, path_rank(steps))
        if site[0] not in best or rank < best[site[0]][0]:
            best[site[0]] = (rank, o, steps, site[1])
    singles, folded = fold_last_reference(ctx, best)
    out = [folded_finding(module, premise, sites, message, title) for premise, sites in folded]
    for loc, (_, o, steps, func) in singles.items():
        out.append(Finding(rule=module.CODE, name=module.NAME, level=module.LEVEL, loc=loc,
                           message=message(o), lock=lock_name(o.lock) if o.lock else "",
                           lock_class=o.lock, function=func,
                           paths=(Path(title, tuple(steps)),), fix=fix(o),
                           confidence=past_last_reference(confidence(steps), o),
                           extra={"api": o.event.api}))
    return sorted(out, key=lambda f: f.loc)


def fold_last_reference(ctx: RuleContext, best: dict) -> tuple[dict, list]:
    """Sites reached only past the same drop of a last reference in atomic context (all of
    _free_event()'s sleeping calls behind put_event()'s atomic_long_dec_and_test() in an
    IPI) are one finding, at that call: one premise, one place to fix it (make sure the
    reference is not the last there, or defer the release), the sites listed with it.
    Returns the sites reported alone ({loc: best entry}) and the folded ones, [(premise,
    [(loc, observation, steps), ...] best ranked first)]."""
    groups: dict[tuple, list] = {}
    for loc, entry in best.items():
        premise = ctx.premise(entry[1])
        if premise is not None and premise[0].file in ctx.report_files:
            groups.setdefault(premise, []).append((entry[0], loc, entry[1], entry[2]))
    singles, folded = dict(best), []
    for premise, members in sorted(groups.items(), key=lambda g: g[0][0]):
        if len(members) < 2:
            continue
        for _, loc, _, _ in members:
            del singles[loc]
        members.sort(key=lambda m: (m[0], m[1]))
        folded.append((premise, [(loc, o, steps) for _, loc, o, steps in members]))
    return singles, folded


def folded_finding(module, premise: tuple, sites: list, message, title: str,
                   site_text=lambda loc, x: f"{x.event.api}() at {loc.file}:{loc.line}",
                   related_text=lambda loc, x: f"{x.event.api}() reached past the drop"
                   ) -> Finding:
    """One finding at the premise for the sites behind it (see fold_last_reference); each
    site is (its report location, the observation past the drop, that observation's path).
    site_text/related_text say what a site is (LC001/LC002: the enabled use that the
    witness past the drop pairs with)."""
    where, func, api = premise
    _, o, steps = sites[0]
    shown = "; ".join(site_text(loc, x) for loc, x, _ in sites[:3])
    more = f" and {len(sites) - 3} more" if len(sites) > 3 else ""
    return Finding(
        rule=module.CODE, name=module.NAME, level=module.LEVEL, loc=where,
        message=(f"only if {api}() drops the last reference here, in atomic "
                 f"context, the release path reaches {len(sites)} sites: {shown}{more}; "
                 f"first: {message(o)}"),
        lock=lock_name(o.lock) if o.lock else "", lock_class=o.lock, function=func,
        paths=(Path(title, tuple(steps)),),
        related=tuple((loc, related_text(loc, x)) for loc, x, _ in sites),
        fix="make sure this is not the last reference in atomic context, or defer the "
            "release (call_rcu(), a work item)",
        confidence="low", extra={"api": o.event.api, "folded": len(sites)})


def describe_state(o: Observation) -> str:
    s = o.state
    if s.ctx != "task":
        return f"{s.ctx} context"
    held = [lock_name(c) for c, k, _ in s.held if k in ("spin", "rwlock")]
    if held:
        return f"with {', '.join(held)} held"
    if s.caller_spin:
        return "with a spinlock held by a caller"
    if not s.hard:
        return "with hardirqs disabled"
    if s.soft:
        return "with bottom halves disabled"
    return "task context"
