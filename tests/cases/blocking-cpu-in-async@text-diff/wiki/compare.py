"""Revision comparison helpers."""
from __future__ import annotations

import difflib


def side_by_side(old: str, new: str) -> str:
    table = difflib.HtmlDiff(wrapcolumn=80)
    return table.make_table(old.splitlines(), new.splitlines(), "before", "after")


def changed_lines(old: str, new: str) -> list[str]:
    return [line for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="")
            if line.startswith(("+", "-"))]
