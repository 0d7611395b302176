"""One-line error messages: what exit code 2 and 3 print is a single line on stderr."""
from __future__ import annotations

import re

# everything str.splitlines() breaks at, and the other control characters
_BREAKS = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` with line breaks and control characters escaped ('a\\nb'), so that a key or a
    file name from the input cannot split the message."""
    return _BREAKS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class OneLineError(Exception):
    """An error whose str() is always one line."""

    def __init__(self, message: str = "") -> None:
        super().__init__(one_line(str(message)))
