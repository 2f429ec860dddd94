"""Insertions into source lines, and the unified diff they make."""
from __future__ import annotations

import difflib

Insertion = tuple[int, int, str]  # (1-based line, UTF-8 byte column as ast gives it, text)


def apply(lines: list[str], insertions: list[Insertion]) -> list[str]:
    """The lines with every insertion made (later positions first, so earlier ones stay valid)."""
    new = list(lines)
    for line, col, text in sorted(insertions, reverse=True):
        raw = new[line - 1].encode("utf-8", "surrogateescape")
        new[line - 1] = (raw[:col] + text.encode("utf-8") + raw[col:]).decode("utf-8", "surrogateescape")
    return new


def unified_diff(path: str, old: list[str], new: list[str]) -> str:
    return "".join(difflib.unified_diff([f"{line}\n" for line in old], [f"{line}\n" for line in new],
                                        fromfile=f"a/{path}", tofile=f"b/{path}", n=2))
