"""RA721 logic-error: a weekend range test on `weekday()` whose bound leaves only Sunday."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Resolve, module_constants, source_of

# method -> the number it gives Sunday, the last day of its week
_SUNDAY = {"weekday": 6, "isoweekday": 7}


@register
class WeekendTestMissesSaturday(Rule):
    """`day.weekday() > 5`: a range test over the days of the week that holds for Sunday alone.

    What it finds:
        A comparison of `.weekday()` (Monday 0 .. Sunday 6) or `.isoweekday()` (Monday 1 ..
        Sunday 7) against a number, or a module constant holding one, written as a range
        (`>`/`>=`) whose only day is Sunday: `weekday() > 5`, `weekday() >= 6`, `isoweekday() > 6`,
        `weekday() > SATURDAY` with `SATURDAY = 5`.

    Why it matters:
        A range at the end of the week is a weekend test; bounded one day too late it lets
        Saturday through. Deadlines, delivery dates and business-day counts then land on a
        Saturday. Code meaning Sunday alone writes `== 6`; the range form is the off-by-one of
        `>= 5` (`> 4`).

    Example:
        SATURDAY = 5
        while day.weekday() > SATURDAY or day in holidays:
            day += timedelta(days=1)

    Instead:
        Include Saturday:

            while day.weekday() >= SATURDAY or day in holidays:
    """

    id = "RA721"
    name = "weekend-test-misses-saturday"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.1
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        if not any("weekday()" in line for line in ctx.lines):
            return
        constants = module_constants(ctx.facts)  # `SATURDAY = 5`
        for node in ast.walk(ctx.tree):
            if isinstance(node, ast.Compare) and len(node.ops) == 1 and _sunday_only(node, constants):
                text = source_of(ctx.lines, node)
                yield self.finding(
                    ctx.loc(node), f"`{text}` holds for Sunday only",
                    f"`{text}` (line {node.lineno}) is a range test at the end of the week, but its bound "
                    "leaves a single day in the range, Sunday: Saturday fails it. A weekend test needs "
                    "Saturday too; a test for Sunday alone would be written `==`.",
                    recommendation="Start the range at Saturday (`weekday() >= 5`, `isoweekday() >= 6`), "
                                   "or write `== 6` if Sunday alone is meant.")


def _sunday_only(node: ast.Compare, constants: Resolve) -> bool:
    """`x.weekday() > 5` / `>= 6` (or mirrored, `5 < x.weekday()`): a range holding Sunday alone."""
    left, op, right = node.left, node.ops[0], node.comparators[0]
    if isinstance(right, ast.Call) and not isinstance(left, ast.Call):  # `5 < day.weekday()`
        left, right = right, left
        op = {ast.Lt: ast.Gt(), ast.LtE: ast.GtE()}.get(type(op), op)
    sunday = _day_method(left)
    bound = _number(right, constants)
    if sunday is None or bound is None:
        return False
    return isinstance(op, ast.Gt) and bound == sunday - 1 or isinstance(op, ast.GtE) and bound == sunday


def _day_method(value: ast.expr) -> int | None:
    if (isinstance(value, ast.Call) and not value.args and isinstance(value.func, ast.Attribute)
            and value.func.attr in _SUNDAY):
        return _SUNDAY[value.func.attr]
    return None


def _number(value: ast.expr, constants: Resolve) -> int | None:
    found = value.value if isinstance(value, ast.Constant) else constants(value) if isinstance(value, ast.Name) else None
    return found if type(found) is int else None
