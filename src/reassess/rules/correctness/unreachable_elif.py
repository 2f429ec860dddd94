"""RA708 logic-error: an `elif` that an earlier test of its chain already covers."""
from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, is_pure, nodes_with_function, same_expr, source_of, where

_FLIP = {ast.Lt: ast.Gt, ast.Gt: ast.Lt, ast.LtE: ast.GtE, ast.GtE: ast.LtE, ast.Eq: ast.Eq}


@dataclass(frozen=True)
class _Range:
    """The values of the subject a test accepts: numbers between `low` and `high`, or one string."""

    low: float = -math.inf
    high: float = math.inf
    low_open: bool = False
    high_open: bool = False
    point: object = None

    def within(self, other: _Range) -> bool:
        if self.point is not None or other.point is not None:
            return self.point is not None and self.point == other.point
        low_ok = other.low < self.low or (other.low == self.low and (self.low_open or not other.low_open))
        high_ok = self.high < other.high or (other.high == self.high and (self.high_open or not other.high_open))
        return low_ok and high_ok


@register
class UnreachableElif(Rule):
    """An `elif` branch that can never run, because an earlier test of the chain covers it.

    What it finds:
        In an `if`/`elif` chain, an `elif` comparing a value (no call inside) with a number,
        or testing it for equality with a constant, where an earlier test of the same chain
        compares the same value and accepts every value this one does: `if ratio > 1.0:`
        followed by `elif ratio > 1.5:`, or `elif status == "x"` repeated. Earlier tests
        on other values, or narrower ones, are fine and not reported.

    Why it matters:
        Only the first true test of a chain runs its branch, so the later one is dead: the
        case it was written for (a stronger throttle above 150 %, a special status) is
        handled by the earlier, more general branch instead. The thresholds are usually in
        the wrong order.

    Example:
        if ratio > 1.0:
            return 0.5
        elif ratio > 1.5:
            return 0.0

    Instead:
        Test the narrower condition first:

            if ratio > 1.5:
                return 0.0
            elif ratio > 1.0:
                return 0.5
    """

    id = "RA708"
    name = "unreachable-elif"
    category = "logic-error"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        chained: set[int] = set()  # the `elif`s of chains already read (parents come first)
        for node, func in nodes_with_function(ctx.tree):
            if isinstance(node, ast.If) and id(node) not in chained:
                seen: list[tuple[ast.If, ast.expr, _Range]] = []
                for branch in _chain(node):
                    chained.add(id(branch))
                    tested = _range_of(branch.test)
                    if tested is None:
                        continue
                    earlier = next((prev for prev in seen if same_expr(prev[1], tested[0])
                                    and tested[1].within(prev[2])), None)
                    if earlier is not None:
                        yield self._finding(ctx, func, branch, earlier[0])
                    seen.append((branch, *tested))

    def _finding(self, ctx: FileContext, func: Func | None, branch: ast.If, earlier: ast.If) -> Finding:
        test, before = source_of(ctx.lines, branch.test), source_of(ctx.lines, earlier.test)
        keyword = "elif" if ctx.lines[branch.lineno - 1].lstrip().startswith("elif") else "else: if"
        description = (f"In {where(func)}, `{keyword} {test}` (line {branch.lineno}) can never run: every value "
                       f"it accepts already makes the earlier `{before}` (line {earlier.lineno}) true, and "
                       "only the first true test of a chain runs its branch.")
        recommendation = (f"Order the tests from the narrowest to the widest (test `{test}` before "
                          f"`{before}`), or fix the threshold that was mistyped.")
        if same_expr(branch.test, earlier.test):
            recommendation = ("Remove the repeated branch, or fix the value it was meant to test (merge its "
                              "body into the first one if both should run the same code).")
        return self.finding(ctx.loc(branch.test), f"`{keyword} {test}` is unreachable", description,
                            recommendation=recommendation,
                            related=[ctx.loc(earlier.test, note="the earlier test that covers it")])


def _chain(node: ast.If) -> Iterator[ast.If]:
    """The `if` and its `elif`s (an `else:` holding only another `if` is an `elif`)."""
    current: ast.If | None = node
    while current is not None:
        yield current
        orelse = current.orelse
        current = orelse[0] if len(orelse) == 1 and isinstance(orelse[0], ast.If) else None


def _range_of(test: ast.expr) -> tuple[ast.expr, _Range] | None:
    """(subject, accepted values) for `x OP constant` / `constant OP x` with OP in < <= > >= ==."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in _FLIP):
        return None
    left, op, right = test.left, type(test.ops[0]), test.comparators[0]
    if _constant(left) is not None and _constant(right) is None:
        left, op, right = right, _FLIP[op], left
    value = _constant(right)
    if value is None or _constant(left) is not None or not is_pure(left):
        return None
    if isinstance(value, str):
        return (left, _Range(point=value)) if op is ast.Eq else None
    if op is ast.Eq:
        return left, _Range(low=value, high=value)
    bound = {ast.Gt: _Range(low=value, low_open=True), ast.GtE: _Range(low=value),
             ast.Lt: _Range(high=value, high_open=True), ast.LtE: _Range(high=value)}
    return left, bound[op]


def _constant(node: ast.expr) -> object:
    """A literal number or string (negative numbers included); None otherwise."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _constant(node.operand)
        return -inner if isinstance(inner, (int, float)) else None
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str)) \
            and not isinstance(node.value, bool):
        return node.value
    return None
