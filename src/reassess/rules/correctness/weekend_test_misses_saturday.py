"""RA721 logic-error: a weekend range test on `weekday()` whose bound leaves only Sunday."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import source_of

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
        constants = _int_constants(ctx.tree)
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


def _sunday_only(node: ast.Compare, constants: dict[str, int]) -> bool:
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


def _number(value: ast.expr, constants: dict[str, int]) -> int | None:
    if isinstance(value, ast.Constant) and type(value.value) is int:
        return value.value
    if isinstance(value, ast.Name):
        return constants.get(value.id)
    return None


def _int_constants(tree: ast.Module) -> dict[str, int]:
    """Module-level names assigned an int literal exactly once."""
    found: dict[str, int | None] = {}
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    value = node.value
                    found[target.id] = (value.value if target.id not in found and isinstance(value, ast.Constant)
                                        and type(value.value) is int else None)
    return {name: value for name, value in found.items() if value is not None}
