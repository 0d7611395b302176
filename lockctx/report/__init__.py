"""Report: render findings as text (terminals), json (scripts) or SARIF (code scanning)."""
from __future__ import annotations

from . import json_report, sarif, text

FORMATS = {"text": text.render, "json": json_report.render, "sarif": sarif.render}


def render(fmt: str, result, color: bool = False) -> str:
    if fmt == "text":
        return text.render(result, color=color)
    return FORMATS[fmt](result)
