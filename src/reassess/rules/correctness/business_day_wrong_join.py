"""RA728 logic-error: a business-day test joining "weekday" and "not a holiday" with `or`."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Resolve, module_constants, nodes_with_function, source_of

# method -> the number it gives Saturday, the first day of the weekend
_SATURDAY = {"weekday": 5, "isoweekday": 6}


@register
class BusinessDayWrongJoin(Rule):
    """`day.weekday() < 5 or day not in holidays`: a working-day test that holds for almost every day.

    What it finds:
        An `or` of a Monday-to-Friday test on one date (`d.weekday() < 5`, `<= 4`,
        `d.isoweekday() < 6`, `d.weekday() not in (5, 6)`, or a module constant holding the
        bound) and a "not a holiday" membership test on the same date (`d not in holidays`,
        `d.date() not in HOLIDAYS`); and its mirror, an `and` of a weekend test (`d.weekday() >=
        5`, `d.weekday() in (SATURDAY, SUNDAY)`) and a holiday test (`d in holidays`) that decides
        which days to pass over: as a `while` test (it keeps rolling forward only past a holiday
        falling on a weekend) or as the test of an `if` whose only statement is `continue` (a
        day-counting loop that skips only weekend holidays). (Any other `if` with the mirror is
        left alone: `if day.weekday() >= 5 and day in holidays:` is how a weekend holiday is
        moved to its observed day.)

    Why it matters:
        A business day is a weekday *and* not a holiday. Joined with `or`, every weekend day
        that is not a holiday counts as a business day (and every weekday holiday too): day
        counts, deadlines and settlement dates come out early. The mirrored `and` skips only
        weekend holidays, so Saturdays, Sundays and weekday holidays are all counted.

    Example:
        while added < days:
            day += timedelta(days=1)
            if day.weekday() < 5 or day not in HOLIDAYS:
                added += 1

    Instead:
        Require both:

            if day.weekday() < 5 and day not in HOLIDAYS:
    """

    id = "RA728"
    name = "business-day-wrong-join"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.1
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        if not any("weekday()" in line for line in ctx.lines):
            return
        constants = module_constants(ctx.facts)  # `SATURDAY = 5`
        loop_tests: set[int] = set()  # `while` tests (parents come before their children)
        for node, _func in nodes_with_function(ctx.tree):
            if type(node) is ast.While or type(node) is ast.If and _skips(node):
                loop_tests.add(id(node.test))
            elif type(node) is ast.BoolOp and _wrong_join(node, constants, id(node) in loop_tests):
                text = source_of(ctx.lines, node)
                meant = "and" if type(node.op) is ast.Or else "or"
                yield self.finding(
                    ctx.loc(node), f"Business-day test `{text}` joins its two conditions with the wrong operator",
                    f"`{text}` (line {node.lineno}) tests one date for the day of the week and for a holiday, "
                    f"but joins them with `{'or' if meant == 'and' else 'and'}`: "
                    + ("a weekend day that is not a holiday passes, and so does a weekday holiday; only a "
                       "holiday on a weekend fails." if meant == "and" else
                       "only a holiday falling on a weekend passes; ordinary weekends and weekday holidays "
                       "do not.")
                    + " Business-day counts and deadlines built on it come out wrong.",
                    recommendation=f"Join the two tests with `{meant}`: a business day is a weekday and not a "
                                   "holiday (a day off is a weekend day or a holiday).")


def _wrong_join(node: ast.BoolOp, constants: Resolve, loop_test: bool) -> bool:
    """`or` of a workday range and `not in`, or (as a `while` test, the roll-forward loop) `and`
    of a weekend range and `in`, on one date."""
    want_workday = type(node.op) is ast.Or
    if not want_workday and not loop_test:
        return False
    member = ast.NotIn if want_workday else ast.In
    days = [root for value in node.values if (root := _day_range(value, constants, want_workday))]
    holidays = [_root(value.left) for value in node.values
                if type(value) is ast.Compare and len(value.ops) == 1 and type(value.ops[0]) is member]
    return any(root and root in holidays for root in days)


def _skips(node: ast.If) -> bool:
    """`if ...: continue` with no `else`: the test picks the days a loop passes over."""
    return len(node.body) == 1 and type(node.body[0]) is ast.Continue and not node.orelse


def _day_range(value: ast.expr, constants: Resolve, workday: bool) -> str:
    """The date's name when `value` is `d.weekday() < 5` / `not in (5, 6)` (workday) or
    `d.weekday() >= 5` / `in (5, 6)` (weekend)."""
    if type(value) is not ast.Compare or len(value.ops) != 1:
        return ""
    left, op, right = value.left, type(value.ops[0]), value.comparators[0]
    if op in (ast.In, ast.NotIn):
        return _weekend_member(left, op, right, constants, workday)
    left, op, right = _call_on_left(left, op, right)
    if not _weekday_call(left):
        return ""
    found = right.value if isinstance(right, ast.Constant) else constants(right) if isinstance(right, ast.Name) else None
    if type(found) is not int:
        return ""
    saturday = _SATURDAY[left.func.attr]
    first_off = {ast.Lt: found, ast.LtE: found + 1} if workday else {ast.GtE: found, ast.Gt: found + 1}
    return _root(left.func.value) if first_off.get(op) == saturday else ""


def _call_on_left(left: ast.expr, op: type, right: ast.expr) -> tuple[ast.expr, type, ast.expr]:
    """The comparison with the call first (`5 > day.weekday()` read as `day.weekday() < 5`), the
    operator mirrored, so one reading of the bound serves both spellings."""
    if isinstance(right, ast.Call) and not isinstance(left, ast.Call):
        return right, {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE}.get(op, op), left
    return left, op, right


def _weekday_call(node: ast.expr) -> bool:
    """`d.weekday()` / `d.isoweekday()` with no arguments: the day number whose Saturday `_SATURDAY`
    knows (the two count from different days, so the method decides the bound)."""
    return isinstance(node, ast.Call) and not node.args and isinstance(node.func, ast.Attribute) \
        and node.func.attr in _SATURDAY


def _weekend_member(left: ast.expr, op: type, right: ast.expr, constants: Resolve, workday: bool) -> str:
    """The date's name for `d.weekday() not in (5, 6)` (workday) / `d.weekday() in (5, 6)` (weekend):
    a literal collection of exactly the two weekend days, as numbers or module constants."""
    if not (isinstance(left, ast.Call) and not left.args and isinstance(left.func, ast.Attribute)
            and left.func.attr in _SATURDAY and isinstance(right, (ast.Tuple, ast.List, ast.Set))):
        return ""
    if (op is ast.NotIn) != workday:
        return ""
    days = {item.value if isinstance(item, ast.Constant) else constants(item) if isinstance(item, ast.Name) else None
            for item in right.elts}
    saturday = _SATURDAY[left.func.attr]
    return _root(left.func.value) if len(right.elts) == 2 and days == {saturday, saturday + 1} else ""


def _root(value: ast.expr) -> str:
    """The date a date expression is, as text: `current` for `current.date()` or `current`, and
    `self.start` (not `self`) for `self.start`, so `self.start` and `self.end` stay two dates."""
    if isinstance(value, ast.Call) and not value.args and not value.keywords \
            and isinstance(value.func, ast.Attribute) and value.func.attr == "date":
        value = value.func.value  # `current.date()` is the day of `current`
    return ast.unparse(value) if isinstance(value, (ast.Name, ast.Attribute)) else ""
