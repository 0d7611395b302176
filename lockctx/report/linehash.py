"""`partialFingerprints.primaryLocationLineHash`, as GitHub's upload action computes it.

A Python port of the `hash` function in github/codeql-action `src/fingerprints.ts`, so that
SARIF uploaded through the REST API (which computes nothing) deduplicates alerts exactly as
SARIF uploaded with `upload-sarif` (which fills the key in when it is missing, and warns when a
value already present disagrees with its own).

The action reads the file as UTF-8 text and walks its UTF-16 code units. Spaces and tabs are
dropped, `\\r\\n` and lone `\\r` become `\\n`, one 0xFFFF code unit marks the end of the file
and zeros follow. The hash of line L is a polynomial hash, base 37, in wrapping 64-bit
arithmetic, of the 100 code units starting at the first one of that line (a blank line starts
at its newline), printed as unsigned hex without leading zeros. The action computes it as a
rolling hash over a 100-unit window; `line_hashes` gives every line's as the difference of
two prefix hashes. Identical hashes in one file are told apart by `:N`, the occurrence number
of that value counted from the top of the file. A report needs a few lines of each file, not
all of them: `LineHasher` hashes only the window of a line asked for, and counts the earlier
lines whose window is the same text (found by a C-level substring search) for its `:N`.

The line count is the number of newlines plus one (a file that ends with a newline has a last,
empty line), as in the action.
"""
from __future__ import annotations

import re
import sys
from array import array
from itertools import accumulate

BLOCK_SIZE = 100
MOD = 37
MASK = (1 << 64) - 1
EOF = 0xFFFF
LF = 0x0A
SHIFT = pow(MOD, BLOCK_SIZE, 1 << 64)     # the action's `firstMod`

_CRLF = re.compile(r"\r\n")
_BLANK = re.compile(r"[ \t]+")


def normalize(text: str) -> array:
    """The code units the action hashes, with the end-of-file mark and the zero padding.

    In the action a `\\n` is dropped only when the unit just before it was a `\\r` (a space
    between them resets that), so CRLF pairs are joined before blanks are removed."""
    text = _BLANK.sub("", _CRLF.sub("\n", text).replace("\r", "\n"))
    units = array("H")
    units.frombytes(text.encode("utf-16-le", "surrogatepass"))
    if sys.byteorder == "big":
        units.byteswap()
    units.append(EOF)
    units.extend([0] * BLOCK_SIZE)
    return units


def _step(h: int, unit: int) -> int:
    return (h * MOD + unit) & MASK


def line_hashes(text: str) -> list[str]:
    """`hash:N` for every line of `text`, line 1 first."""
    units = normalize(text)
    # prefix[k]: the hash of units[:k]; a window's hash is the difference of two prefixes
    prefix = array("Q", accumulate(units, _step, initial=0))
    n = len(units) - BLOCK_SIZE          # the units before the padding, EOF included
    starts = [0]
    find = units.index
    p = 0
    while True:
        try:
            p = find(LF, p, n) + 1
        except ValueError:
            break
        starts.append(p)
    counts: dict[int, int] = {}
    out = []
    for s in starts:
        h = (prefix[s + BLOCK_SIZE] - prefix[s] * SHIFT) & MASK
        c = counts[h] = counts.get(h, 0) + 1
        out.append(f"{h:x}:{c}")
    return out


class LineHasher:
    """`hash:N` of single lines of one text, as line_hashes(text)[line - 1] gives them."""

    def __init__(self, text: str):
        units = normalize(text)
        self.n = len(units) - BLOCK_SIZE
        self.units = units
        self.bytes = units.tobytes()
        self.starts = [0]
        p = 0
        while True:
            try:
                p = units.index(LF, p, self.n) + 1
            except ValueError:
                break
            self.starts.append(p)
        self._start_set: set[int] | None = None

    def __len__(self) -> int:
        return len(self.starts)

    def __call__(self, line: int) -> str:
        s = self.starts[line - 1]
        h = 0
        for u in self.units[s:s + BLOCK_SIZE]:
            h = (h * MOD + u) & MASK
        # equal windows give equal hashes: the earlier lines with this window, this one included
        if self._start_set is None:
            self._start_set = set(self.starts)
        window = self.bytes[2 * s:2 * (s + BLOCK_SIZE)]
        count, o = 0, self.bytes.find(window)
        while 0 <= o <= 2 * s:
            if o % 2 == 0 and o // 2 in self._start_set:
                count += 1
            o = self.bytes.find(window, o + 1)
        return f"{h:x}:{count}"


def file_line_hashes(data: bytes) -> list[str]:
    """Line hashes of a file's bytes, decoded as the action's `fs.createReadStream(path,
    "utf8")` does: no BOM stripping, each malformed sequence replaced by U+FFFD."""
    return line_hashes(data.decode("utf-8", "replace"))


def file_line_hasher(data: bytes) -> LineHasher:
    """A LineHasher over a file's bytes, decoded as file_line_hashes decodes them."""
    return LineHasher(data.decode("utf-8", "replace"))

