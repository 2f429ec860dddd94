"""One walk over a file's tree that describes every `except` handler.

The four error-handling rules ask different questions of the same handlers (what is
caught, does the handler log, re-raise, pass the exception on, where does it sit), so
the walk runs once per tree and its result is shared (`handlers_of`).
"""
from __future__ import annotations

import ast

from ...facts.types import ModuleFacts
from ._handler_record import Handler
from ._handler_walk import HandlerWalker

# Moved out of this module; still imported from here elsewhere (a redundant alias marks a re-export).
from ._handler_logging import is_log_call as is_log_call
from ._handler_shapes import (CLEANUP_CALLS as CLEANUP_CALLS, KEEPING as KEEPING, called as called,
                              keepalive_function as keepalive_function, mentions as mentions, named_as as named_as,
                              passes as passes, silent_statement as silent_statement, stored_into as stored_into)


_cache: tuple[ast.Module, list[Handler]] | None = None


def handlers_of(tree: ast.Module, facts: ModuleFacts | None = None) -> list[Handler]:
    """Every handler of the tree, from one walk shared by the rules that run on the same tree.
    With the file's facts, the walk skips the functions that hold no `try`."""
    global _cache
    if _cache is None or _cache[0] is not tree:
        walker = HandlerWalker(_try_lines(facts) if facts is not None else None)
        walker.scope_node = tree
        walker.visit(tree)
        _cache = (tree, walker.handlers)
    return _cache[1]


def _try_lines(facts: ModuleFacts) -> list[int]:
    """The lines of the `try` statements inside functions (the extractor records each one as a
    block of its innermost function), sorted."""
    return sorted(block["line"] for func in facts.functions.values() for block in func.extra.get("blocks", ())
                  if block["kind"] == "try")


def unless_callees(handlers: list[Handler], check: str, line_of) -> dict:
    """`Finding.extra` naming the project call of each handler (`line_of(handler)`) that would
    clear the finding if `check` holds for it (see `model.exits`); {} when one has no such call."""
    lines = [line_of(h) for h in handlers]
    if not all(lines):
        return {}
    return {"unless": [{"check": check, "function": h.function, "line": line} for h, line in zip(handlers, lines)]}


def handler_location_end(handler: Handler, max_lines: int = 4) -> int:
    """The last line to cite for a handler: the clause and the start of its body."""
    end = handler.node.end_lineno or handler.node.lineno
    return min(end, handler.node.lineno + max_lines - 1)


def commented(lines: list[str], handler: dict) -> bool:
    """A comment line above the `except` or in the handler, or one after its `pass`: a documented decision."""
    above, body = lines[max(handler["line"] - 2, 0):handler["line"]], lines[handler["line"]:handler["end"]]
    return any(line.lstrip().startswith("#") for line in above + body) or any("# " in line for line in body)
