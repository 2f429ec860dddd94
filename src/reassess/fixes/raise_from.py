"""Chain the caught exception: `raise X(...)` in `except E as exc:` becomes `raise X(...) from exc`."""
from __future__ import annotations

import ast

from .edits import Insertion, apply, unified_diff

PARITY = ("Only `__cause__` of the raised exception changes (the traceback now shows the original "
          "error); the exception type, its arguments, the response and the control flow are the same.")


def insertions(raises: list[tuple[ast.Raise, str]]) -> list[Insertion]:
    """` from NAME` right after each raised expression whose handler binds NAME."""
    out = []
    for node, name in raises:
        exc = node.exc
        if exc is None or node.cause is not None or not name or exc.end_lineno is None:
            continue
        if isinstance(exc, ast.Name) and exc.id == name:
            continue  # `raise exc`: re-raising the caught object
        out.append((exc.end_lineno, exc.end_col_offset, f" from {name}"))
    return out


def fix(path: str, lines: list[str], raises: list[tuple[ast.Raise, str]]) -> dict[str, str] | None:
    """`{"diff", "parity"}` for the raises that can be chained, or None."""
    edits = insertions(raises)
    if not edits:
        return None
    return {"diff": unified_diff(path, lines, apply(lines, edits)), "parity": PARITY}
