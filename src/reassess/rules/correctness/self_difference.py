"""RA718 logic-error: `a[i].v - a[i].v`, a value subtracted from itself."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, is_pure, nodes_with_function, same_expr, source_of, where


@register
class SelfDifference(Rule):
    """A value subtracted from itself (`readings[i]["value"] - readings[i]["value"]`).

    What it finds:
        A subtraction whose two sides are the same attribute or subscript expression, with no
        call, `await` or assignment inside (so both sides read the same value). A plain name
        minus itself is left alone.

    Why it matters:
        The result is always zero: a delta, an elapsed time or a balance change computed this
        way never moves, and every decision on it (a threshold, a rollover check) takes the
        same branch. One side was meant to read another item (`readings[i - 1]`), another
        field, or the value before the change.

    Example:
        delta = readings[i]["value"] - readings[i]["value"]

    Instead:
        Subtract the value it is meant to differ from:

            delta = readings[i]["value"] - readings[i - 1]["value"]
    """

    id = "RA718"
    name = "self-difference"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        for node, func in nodes_with_function(ctx.tree):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) and _same_read(node.left, node.right):
                yield self._finding(ctx, node, func)

    def _finding(self, ctx: FileContext, node: ast.BinOp, func: Func | None) -> Finding:
        text, side = source_of(ctx.lines, node), source_of(ctx.lines, node.left)
        description = (f"In {where(func)}, `{text}` subtracts `{side}` from itself: the result is always zero, "
                       "so whatever is computed from it (a delta, a duration, a change) never moves and every "
                       "test on it takes the same branch.")
        return self.finding(ctx.loc(node), f"`{text}` is always zero", description,
                            recommendation=f"Subtract the value `{side}` is meant to differ from (the previous "
                                           "item, the other field, the value before the change).")


def _same_read(left: ast.expr, right: ast.expr) -> bool:
    """Both sides read one attribute or item of a named object, with nothing that could change it between."""
    return isinstance(left, (ast.Attribute, ast.Subscript)) and same_expr(left, right) and is_pure(left) \
        and any(isinstance(sub, ast.Name) for sub in ast.walk(left))
