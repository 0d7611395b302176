"""A small GNU make evaluator: enough of make to read Kbuild files, never to run anything.

Kbuild decides what is built and with which flags through make itself:
`obj-$(CONFIG_X)`, `process_$(BITS).o`, `$(subst m,y,...)`, `ifeq` blocks, `include`d
fragments, `$(foreach f, ..., $(eval CFLAGS_$(f) = ...))`. Regular expressions over the
lines miss all of these, so this module evaluates makefiles the way make does: variables
(recursive `=` and simple `:=`, `+=`, `?=`), conditionals, `include`, `define`, and the text
functions. Of rules only the prerequisites are kept; recipes are skipped. `$(shell ...)` is
never executed and expands to nothing, so anything probing the compiler (`$(call cc-option,
...)`) is empty, as it would be for an unknown compiler.
"""
from __future__ import annotations

import glob
import os
import re
from pathlib import Path

_ASSIGN_OPS = ("::=", ":::=", ":=", "+=", "?=", "!=", "=")
_DIRECTIVES = ("ifeq", "ifneq", "ifdef", "ifndef")
_DOLLAR = re.compile(r"\$")
MAX_DEPTH = 60                       # of nested expansions: a self-referencing variable stops here


class Make:
    """Variables and the evaluation of makefile text. `cwd` is where make runs (relative
    include and wildcard paths); reading is confined to files under `confine`."""

    def __init__(self, cwd: Path, confine: Path,
                 variables: dict[str, tuple[str, bool]] | None = None,
                 exported: set[str] | None = None, seen: set[str] | None = None):
        self.cwd = cwd
        # what the evaluation depends on: files read, and "glob:PATTERN" for $(wildcard)
        self.seen = seen if seen is not None else set()
        self.confine = str(confine.resolve())
        self.vars: dict[str, tuple[str, bool]] = dict(variables or {})  # name -> (value, recursive)
        self.exported: set[str] = set(exported or ())
        self.prerequisites: dict[str, list[str]] = {}  # of explicit rules: target -> files
        self._depth = 0

    # ---- variables ----------------------------------------------------------------------

    def get(self, name: str) -> str:
        """The expanded value of a variable ("" when undefined)."""
        value, recursive = self.vars.get(name, ("", False))
        return self.expand(value) if recursive else value

    def set(self, name: str, value: str, recursive: bool = False) -> None:
        self.vars[name] = (value, recursive)

    def words(self, name: str) -> list[str]:
        return self.get(name).split()

    def assign(self, name: str, op: str, value: str) -> None:
        if op == "=":
            self.vars[name] = (value, True)
        elif op == "?=":
            if name not in self.vars:
                self.vars[name] = (value, True)
        elif op == "+=":
            old, recursive = self.vars.get(name, ("", True))
            new = value if recursive else self.expand(value)
            self.vars[name] = ((old + " " + new).strip() if old else new, recursive)
        elif op == "!=":                              # a shell assignment: never executed
            self.vars[name] = ("", False)
        else:                                         # :=  ::=  :::=
            self.vars[name] = (self.expand(value), False)

    # ---- expansion ----------------------------------------------------------------------

    def expand(self, text: str) -> str:
        if "$" not in text:
            return text
        if self._depth > MAX_DEPTH:
            return ""
        self._depth += 1
        try:
            out, i, n = [], 0, len(text)
            while i < n:
                m = _DOLLAR.search(text, i)
                if m is None:
                    out.append(text[i:])
                    break
                j = m.start()
                out.append(text[i:j])
                if j + 1 >= n:
                    break
                c = text[j + 1]
                if c == "$":
                    out.append("$")
                    i = j + 2
                elif c in "({":
                    end = _close(text, j + 1)
                    out.append(self._reference(text[j + 2:end]))
                    i = end + 1
                else:                                 # $X: a one-letter (automatic) variable
                    out.append(self.get(c))
                    i = j + 2
            return "".join(out)
        finally:
            self._depth -= 1

    def _reference(self, body: str) -> str:
        m = re.match(r"([a-z-]+)[ \t]", body)
        if m and m.group(1) in _FUNCTIONS:
            return _FUNCTIONS[m.group(1)](self, _split_args(body[m.end():]))
        # $(var:a=b), a substitution reference
        colon = _top_level(body, ":")
        if colon is not None and "=" in body[colon:]:
            name = self.expand(body[:colon])
            pat, _, repl = self.expand(body[colon + 1:]).partition("=")
            if "%" not in pat:
                pat, repl = "%" + pat, "%" + repl
            return " ".join(_patsubst(pat, repl, w) for w in self.get(name).split())
        return self.get(self.expand(body))

    # ---- statements ---------------------------------------------------------------------

    def read(self, path: Path) -> None:
        """Evaluate a makefile (silently nothing when it cannot be read)."""
        try:
            real = os.path.realpath(path)
            if not (real == self.confine or real.startswith(self.confine + os.sep)):
                return
            self.seen.add(real)
            text = Path(real).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        self.run(text)

    def run(self, text: str) -> None:
        lines = logical_lines(text)
        stack: list[tuple[bool, bool]] = []          # (this branch taken, some branch taken)
        in_rule = False
        i = 0
        while i < len(lines):
            raw = lines[i]
            i += 1
            active = all(taken for taken, _ in stack)
            if raw.startswith("\t") and in_rule:     # a recipe line
                continue
            line = _uncomment(raw).strip()
            if not line:
                continue
            word, rest = _first_word(line)
            if word in _DIRECTIVES:
                taken = active and self._condition(word, rest)
                stack.append((taken, taken))
                continue
            if word == "else":
                if not stack:
                    continue
                _, done = stack[-1]
                outer = all(t for t, _ in stack[:-1])
                sub, cond = _first_word(rest) if rest else ("", "")
                if sub in _DIRECTIVES:
                    taken = outer and not done and self._condition(sub, cond)
                else:
                    taken = outer and not done
                stack[-1] = (taken, done or taken)
                continue
            if word == "endif":
                if stack:
                    stack.pop()
                continue
            if word == "define":
                body = []
                while i < len(lines) and _uncomment(lines[i]).strip() != "endef":
                    body.append(lines[i])
                    i += 1
                i += 1
                if active:
                    name, op = _define_head(rest)
                    self.assign(self.expand(name), op, "\n".join(body))
                continue
            if not active:
                continue
            in_rule = self._statement(word, rest, line, in_rule)

    def _statement(self, word: str, rest: str, line: str, in_rule: bool) -> bool:
        """Evaluate one active line; returns whether a rule (and so its recipe) follows."""
        if word in ("include", "-include", "sinclude"):
            for f in self.expand(rest).split():
                p = Path(f)
                self.read(p if p.is_absolute() else self.cwd / p)
            return False
        if word in ("export", "unexport", "override", "private"):
            if word == "unexport":
                self.exported.difference_update(self.expand(rest).split())
                return False
            if word == "export" and _assignment(rest) is None:
                self.exported.update(self.expand(rest).split())
                return False
            line = rest
            if word == "export":
                name = _assignment(rest)[0]
                self.exported.add(self.expand(name).strip())
        if word in ("undefine", "vpath"):
            if word == "undefine":
                self.vars.pop(self.expand(rest).strip(), None)
            return False
        a = _assignment(line)
        if a is not None:
            name, op, value = a
            self.assign(self.expand(name).strip(), op, value.lstrip())
            return False
        colon = _top_level(line, ":")
        if colon is not None:
            # a rule; `target: VAR := value` is a target-specific variable, no recipe follows
            after = line[colon + 1:].lstrip(":")
            if _assignment(after) is not None:
                return False
            prereqs = self.expand(after.partition(";")[0]).replace("|", " ").split()
            for target in self.expand(line[:colon]).split():
                self.prerequisites.setdefault(target, []).extend(prereqs)
            return True
        self.expand(line)                            # $(eval ...) and friends at top level
        return in_rule

    def _condition(self, word: str, rest: str) -> bool:
        if word in ("ifdef", "ifndef"):
            value = self.vars.get(self.expand(rest).strip(), ("", False))[0]
            return bool(value) == (word == "ifdef")
        a, b = _condition_args(rest)
        return (self.expand(a).strip() == self.expand(b).strip()) == (word == "ifeq")


# ---- lexical helpers --------------------------------------------------------------------

def logical_lines(text: str) -> list[str]:
    """Lines with backslash-newline continuations joined as make joins them (one space)."""
    return re.sub(r"[ \t]*\\\n[ \t]*", " ", text).split("\n")


def _first_word(line: str) -> tuple[str, str]:
    """('ifeq', '(a,b)') from 'ifeq (a,b)' and from 'ifeq(a,b)'."""
    m = re.match(r"(ifeq|ifneq)(?=[(\'\"])|\S+", line)
    return m.group(0), line[m.end():].strip()


def _uncomment(line: str) -> str:
    """The line without its comment; `\\#` is a literal #."""
    i = line.find("#")
    while i > 0 and line[i - 1] == "\\":
        i = line.find("#", i + 1)
    return (line if i < 0 else line[:i]).replace("\\#", "#")


def _close(text: str, i: int) -> int:
    """Index of the parenthesis closing the one at text[i] (or the end of text)."""
    open_, close = text[i], ")" if text[i] == "(" else "}"
    depth = 0
    for j in range(i, len(text)):
        if text[j] == open_:
            depth += 1
        elif text[j] == close:
            depth -= 1
            if depth == 0:
                return j
    return len(text)


def _outside_refs(text: str):
    """(index, character) of the characters outside any $(...) / ${...}."""
    depth = 0
    for j, c in enumerate(text):
        if c in "({":
            depth += 1
        elif c in ")}":
            depth = max(0, depth - 1)
        elif depth == 0:
            yield j, c


def _top_level(text: str, ch: str) -> int | None:
    """Index of the first ch outside any $(...) / ${...}."""
    return next((j for j, c in _outside_refs(text) if c == ch), None)


def _split_args(text: str) -> list[str]:
    args, depth, start = [], 0, 0
    for j, c in enumerate(text):
        if c in "({":
            depth += 1
        elif c in ")}":
            depth -= 1
        elif c == "," and depth == 0:
            args.append(text[start:j])
            start = j + 1
    args.append(text[start:])
    return args


def _assignment(line: str) -> tuple[str, str, str] | None:
    """(name, operator, value) when the line assigns a variable (outside any $(...))."""
    for j, c in _outside_refs(line):
        if c in ":+?!=":
            for op in _ASSIGN_OPS:
                if line.startswith(op, j):
                    return line[:j], op, line[j + len(op):]
            if c == ":":                              # a rule's colon comes first
                return None
    return None


def _define_head(rest: str) -> tuple[str, str]:
    parts = rest.split()
    if len(parts) >= 2 and parts[-1] in _ASSIGN_OPS:
        return " ".join(parts[:-1]), parts[-1]
    return rest.strip(), "="


def _condition_args(rest: str) -> tuple[str, str]:
    rest = rest.strip()
    if rest.startswith("("):
        inner = rest[1:_close(rest, 0)]
        comma = _top_level(inner, ",")
        if comma is None:
            return inner, ""
        return inner[:comma], inner[comma + 1:]
    m = re.match(r"""(["'])(.*?)\1\s*(["'])(.*?)\3""", rest)
    return (m.group(2), m.group(4)) if m else (rest, "")


def _pattern(pat: str) -> re.Pattern:
    head, _, tail = pat.partition("%")
    return re.compile(re.escape(head) + ("(.*)" if "%" in pat else "") + re.escape(tail) + r"\Z",
                      re.DOTALL)


def _patsubst(pat: str, repl: str, word: str) -> str:
    m = _pattern(pat).match(word)
    if not m:
        return word
    return repl.replace("%", m.group(1), 1) if "%" in pat else repl


def _filter(patterns: list[str], words: list[str], keep: bool) -> list[str]:
    rx = [_pattern(p) for p in patterns]
    return [w for w in words if any(r.match(w) for r in rx) == keep]


# ---- functions ---------------------------------------------------------------------------

def _split_ext(w: str) -> tuple[str, str]:
    slash, dot = w.rfind("/"), w.rfind(".")
    return (w[:dot], w[dot:]) if dot > slash else (w, "")


def _nth(n: str, text: str) -> str:
    words = text.split()
    return words[int(n) - 1] if n.strip().isdigit() and 0 < int(n) <= len(words) else ""


def _wordlist(s: str, e: str, text: str) -> str:
    if not (s.strip().isdigit() and e.strip().isdigit()):
        return ""
    return " ".join(text.split()[int(s) - 1:int(e)])


def _words(fn):
    """A function of each word of its one argument."""
    return lambda text: " ".join(r for r in (fn(w) for w in text.split()) if r)


# functions whose arguments are all expanded first: name -> (number of arguments, function);
# as in make, the last argument takes any further commas
_TEXT = {
    "subst": (3, lambda f, t, s: s.replace(f, t) if f else s),
    "patsubst": (3, lambda p, r, s: " ".join(_patsubst(p, r, w) for w in s.split())),
    "strip": (1, lambda s: " ".join(s.split())),
    "findstring": (2, lambda f, s: f if f in s else ""),
    "filter": (2, lambda p, s: " ".join(_filter(p.split(), s.split(), True))),
    "filter-out": (2, lambda p, s: " ".join(_filter(p.split(), s.split(), False))),
    "sort": (1, lambda s: " ".join(sorted(set(s.split())))),
    "word": (2, _nth),
    "words": (1, lambda s: str(len(s.split()))),
    "wordlist": (3, _wordlist),
    "firstword": (1, lambda s: (s.split() or [""])[0]),
    "lastword": (1, lambda s: (s.split() or [""])[-1]),
    "dir": (1, _words(lambda w: w.rpartition("/")[0] + "/" if "/" in w else "./")),
    "notdir": (1, _words(lambda w: w.rpartition("/")[2])),
    "suffix": (1, _words(lambda w: _split_ext(w)[1])),
    "basename": (1, _words(lambda w: _split_ext(w)[0])),
    "addsuffix": (2, lambda x, s: " ".join(w + x for w in s.split())),
    "addprefix": (2, lambda x, s: " ".join(x + w for w in s.split())),
    "join": (2, lambda x, y: " ".join(p + q for p, q in zip(x.split(), y.split()))),
    # never run anything, never stop: what these would execute or print is of no use here
    "shell": (1, lambda s: ""),
    "error": (1, lambda s: ""),
    "warning": (1, lambda s: ""),
    "info": (1, lambda s: ""),
}


def _text_function(name: str):
    n, fn = _TEXT[name]

    def call(mk: Make, args: list[str]) -> str:
        args = args + [""] * (n - len(args)) if len(args) < n else \
            args[:n - 1] + [",".join(args[n - 1:])]
        return fn(*(mk.expand(a) for a in args))
    return call


# functions that expand their arguments themselves (some only in part, or repeatedly)

def _foreach(mk: Make, args: list[str]) -> str:
    if len(args) < 3:
        return ""
    var, items, body = mk.expand(args[0]).strip(), mk.expand(args[1]).split(), ",".join(args[2:])
    saved = mk.vars.get(var)
    out = []
    for item in items:
        mk.vars[var] = (item, False)
        out.append(mk.expand(body))
    if saved is None:
        mk.vars.pop(var, None)
    else:
        mk.vars[var] = saved
    return " ".join(o for o in out if o.strip())


def _call(mk: Make, args: list[str]) -> str:
    """$(call fn,a,b): fn's value with $(1) and $(2) set. An undefined fn (cc-option without
    scripts/Makefile.compiler) is empty."""
    name = mk.expand(args[0]).strip()
    params = [mk.expand(a) for a in args[1:]]
    saved = {}
    for k, v in enumerate([name, *params]):
        saved[str(k)] = mk.vars.get(str(k))
        mk.vars[str(k)] = (v, False)
    try:
        return mk.get(name)
    finally:
        for k, v in saved.items():
            if v is None:
                mk.vars.pop(k, None)
            else:
                mk.vars[k] = v


def _if(mk: Make, args: list[str]) -> str:
    if mk.expand(args[0]).strip():
        return mk.expand(args[1]) if len(args) > 1 else ""
    return mk.expand(",".join(args[2:])) if len(args) > 2 else ""


def _or(mk: Make, args: list[str]) -> str:
    for a in args:
        v = mk.expand(a).strip()
        if v:
            return v
    return ""


def _and(mk: Make, args: list[str]) -> str:
    v = ""
    for a in args:
        v = mk.expand(a).strip()
        if not v:
            return ""
    return v


def _eval(mk: Make, args: list[str]) -> str:
    mk.run(mk.expand(",".join(args)))
    return ""


def _wildcard(mk: Make, args: list[str]) -> str:
    out = []
    for pat in mk.expand(",".join(args)).split():
        absolute = os.path.isabs(pat)
        mk.seen.add("glob:" + (pat if absolute else str(mk.cwd / pat)))
        for hit in sorted(glob.glob(pat if absolute else str(mk.cwd / pat))):
            real = os.path.realpath(hit)
            if real == mk.confine or real.startswith(mk.confine + os.sep):
                out.append(hit if absolute else os.path.relpath(hit, mk.cwd))
    return " ".join(out)


def _paths(fn):
    return lambda mk, args: " ".join(fn(os.path.join(mk.cwd, w))
                                     for w in mk.expand(",".join(args)).split())


def _flavor(mk: Make, args: list[str]) -> str:
    var = mk.vars.get(mk.expand(",".join(args)).strip())
    return "undefined" if var is None else ("recursive" if var[1] else "simple")


_FUNCTIONS = {
    **{name: _text_function(name) for name in _TEXT},
    "foreach": _foreach, "call": _call, "if": _if, "or": _or, "and": _and, "eval": _eval,
    "wildcard": _wildcard, "abspath": _paths(os.path.normpath),
    "realpath": _paths(os.path.realpath), "flavor": _flavor,
    "value": lambda mk, a: mk.vars.get(mk.expand(",".join(a)).strip(), ("", False))[0],
    "origin": lambda mk, a: "file" if mk.expand(",".join(a)).strip() in mk.vars else "undefined",
}
