"""RA720 logic-error: a part of a span floor-divided by the whole span, which is always 0 or 1."""
from __future__ import annotations

import ast
from typing import Iterator

from ...facts.visitor import own_nodes
from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import source_of, where

# reads that turn a difference into a number of the same unit on both sides of the division
_MEASURES = frozenset({"days", "seconds", "total_seconds", "months", "years"})


@register
class PartFloorDividedByWhole(Rule):
    """A fraction of a span computed with `//`: the part is never larger than the whole, so the
    quotient is 0 (1 at the very end) instead of the share.

    What it finds:
        `part // whole` where both sides are differences that share an end (`(end - today).days //
        (end - start).days`, or `(today - start) // (end - start)`), written inline or through
        local names assigned once: the first span lies inside the second, the time left or the
        time gone of a period divided by the whole period.

    Why it matters:
        The ratio of a part to its whole lies between 0 and 1; integer division floors it to 0
        for every date inside the period. Prorated credits, refunds or charges computed from it
        come out as nothing (or the full amount on the last day), silently.

    Example:
        days_in_period = (period_end - period_start).days
        days_remaining = (period_end - today).days
        share = days_remaining // days_in_period

    Instead:
        Keep the fraction:

            share = Decimal(days_remaining) / Decimal(days_in_period)
    """

    id = "RA720"
    name = "part-floor-divided-by-whole"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        if not any("//" in line for line in ctx.lines):
            return
        for func in (n for n in ast.walk(ctx.tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            body = own_nodes(func.body)
            spans = _span_locals(body)
            for node in body:
                if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.FloorDiv)):
                    continue
                part, whole = _span(node.left, spans), _span(node.right, spans)
                if part is None or whole is None or not _nested(part, whole):
                    continue
                text = source_of(ctx.lines, node)
                yield self.finding(
                    ctx.loc(node), f"`{text}` floors a share of a period to 0",
                    f"In {where(func)}, `{text}` (line {node.lineno}) divides the span "
                    f"`{_show(part)}` by `{_show(whole)}`, which shares an end with it and contains it: "
                    "the quotient lies between 0 and 1, and `//` floors it to 0 for every point inside "
                    "the period (1 only at its edge), so whatever it scales comes out as nothing.",
                    recommendation="Divide with `/` (or `Decimal(part) / Decimal(whole)`) to keep the fraction, "
                                   "and round the result it scales instead.")


def _span_locals(body: list[ast.AST]) -> dict[str, ast.BinOp | None]:
    """Local name -> the difference its only assignment measures (None when assigned otherwise or twice)."""
    spans: dict[str, ast.BinOp | None] = {}
    for node in body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    spans[target.id] = None if target.id in spans else _difference(node.value)
        elif isinstance(node, (ast.AugAssign, ast.For, ast.NamedExpr)) and isinstance(node.target, ast.Name):
            spans[node.target.id] = None
    return spans


def _span(value: ast.expr, spans: dict[str, ast.BinOp | None]) -> ast.BinOp | None:
    if isinstance(value, ast.Name):
        return spans.get(value.id)
    return _difference(value)


def _difference(value: ast.expr) -> ast.BinOp | None:
    """`a - b`, `(a - b).days`, `(a - b).total_seconds()`: the subtraction measured."""
    if isinstance(value, ast.Call) and not value.args and not value.keywords:
        value = value.func
    if isinstance(value, ast.Attribute) and value.attr in _MEASURES:
        value = value.value
    return value if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Sub) else None


def _nested(part: ast.BinOp, whole: ast.BinOp) -> bool:
    """The two differences share exactly one end: `end - x` in `end - start`, or `x - start`.
    A shared number is an offset, not an end of a period: `(2**m - 1) // (2**n - 1)` divides two
    all-ones masks (an exact multiple when `n` divides `m`), not a point of a span by the span."""
    same_end = ast.dump(part.left) == ast.dump(whole.left)
    same_start = ast.dump(part.right) == ast.dump(whole.right)
    shared = part.left if same_end else part.right
    return same_end != same_start and not _number(shared)


def _number(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool)


def _show(span: ast.BinOp) -> str:
    return ast.unparse(span)
