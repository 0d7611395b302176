"""Several configurations in one run: `--tree DIR` repeated, or `--config-name NAME=DIR`.

Each configuration is analysed on its own (its own files, flags, link and propagation: a
function may exist, or be reached from an IRQ handler, in one configuration only); the
findings are then merged by their line-independent fingerprint (`Finding.fingerprint`), so a
finding present in several configurations is reported once, listing them
(`extra["configurations"]`: SARIF `properties.configurations`, a line in text output). With a
single configuration nothing is added and the report is the one `--kernel-tree DIR` gives.

A configuration's DIR is a prepared kernel tree, an out-of-tree build directory (`make O=DIR`,
found by its `source` link to the tree), or with --standalone a directory of sources (the
report root). Relative PATHs are taken inside each DIR, so the same files are compared.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from . import kbuild
from .pipeline import InputError, Options, Result, run


@dataclass(frozen=True)
class Config:
    name: str
    dir: Path


def parse_configs(trees: list[Path], named: list[str]) -> list[Config]:
    """--tree DIR (named after DIR's basename) and --config-name NAME=DIR, in that order."""
    configs = [Config(t.resolve().name or str(t), t) for t in trees]
    for spec in named:
        name, eq, d = spec.partition("=")
        if not eq or not name.strip() or not d:
            raise InputError(f"--config-name {spec!r}: expected NAME=DIR")
        configs.append(Config(name.strip(), Path(d)))
    seen: set[str] = set()
    for c in configs:
        if not c.dir.is_dir():
            raise InputError(f"{c.dir}: configuration directory does not exist")
        if c.name in seen:
            raise InputError(f"configuration name {c.name!r} is used twice: name them with "
                             "--config-name NAME=DIR")
        seen.add(c.name)
    return configs


def options_for(base: Options, c: Config) -> Options:
    d = c.dir.resolve()
    if base.standalone:
        root, tree, build = d, None, None
    elif kbuild.looks_like_kernel(d):
        root, tree, build = d, d, base.build_dir
    elif (d / "source").is_dir() and kbuild.looks_like_kernel((d / "source").resolve()):
        root, tree, build = (d / "source").resolve(), (d / "source").resolve(), d
    else:
        raise InputError(f"{c.dir}: configuration {c.name!r} is neither a kernel tree nor an "
                         "out-of-tree build directory (make O=DIR); with --standalone, any "
                         "directory of sources")
    paths = [_inside(p, root) for p in base.paths] or [root]
    context = [_inside(p, root) for p in base.context]
    return replace(base, paths=paths, context=context, kernel_tree=tree, build_dir=build,
                   root=root if base.standalone else base.root)


def _inside(p: Path, root: Path) -> Path:
    return p if p.is_absolute() else root / p


def run_configs(base: Options, configs: list[Config]) -> Result:
    if len(configs) == 1:
        return run(options_for(base, configs[0]))
    return merge([(c.name, run(options_for(base, c))) for c in configs])


def merge(named: list[tuple[str, Result]]) -> Result:
    """One result: each finding once, with the configurations it occurs in (the k-th finding
    with a fingerprint in one configuration is the k-th with it in another); the first
    configuration's instance is reported, and rendered against that configuration."""
    groups: dict[tuple[str, int], tuple] = {}
    for name, r in named:
        count: Counter = Counter()
        for f in r.findings:
            fp = f.fingerprint()
            key = (fp, count[fp])
            count[fp] += 1
            if key in groups:
                groups[key][1].append(name)
            else:
                groups[key] = (f, [name])
    findings = sorted((replace(f, extra={**f.extra, "configurations": tuple(names),
                                         "config": names[0]})
                       for f, names in groups.values()), key=lambda f: f.sort_key())
    failures, seen = [], set()
    for name, r in named:
        for fail in r.failures:
            if fail not in seen:
                seen.add(fail)
                failures.append(fail)
    first = named[0][1]
    seconds: dict = {}
    for _, r in named:
        for k, v in r.seconds.items():
            seconds[k] = seconds.get(k, 0.0) + v
    return replace(
        first, findings=findings, failures=failures,
        files=sorted({f for _, r in named for f in r.files}),
        facts=[f for _, r in named for f in r.facts],
        units=sum(r.units for _, r in named),
        lost_statements=sum(r.lost_statements for _, r in named),
        recovered=sum(r.recovered for _, r in named),
        from_cache=sum(r.from_cache for _, r in named),
        excluded=sum(r.excluded for _, r in named),
        notes=[f"{name}: {n}" for name, r in named for n in r.notes],
        seconds=seconds, configs=list(named))


def origin(result, finding) -> Result:
    """The configuration's result a merged finding is rendered against."""
    name = finding.extra.get("config")
    for n, r in getattr(result, "configs", None) or []:
        if n == name:
            return r
    return result
