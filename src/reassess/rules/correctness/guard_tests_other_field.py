"""RA712 logic-error: `f(p.end) if p.start else None` beside `f(p.start) if p.start else None`."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, is_pure, nodes_with_function, source_of, where


_NEAR = 3  # lines: expressions written side by side


@register
class GuardTestsOtherField(Rule):
    """A conditional expression that guards one field and uses another, copied from a sibling.

    What it finds:
        Conditional expressions written side by side (the arguments of one call, the values of
        one dict or tuple, consecutive assignments) with the same test, where one uses the field
        it tests (`from_ts(window.start) if window and window.start else None`) and the other
        uses a different field of the same object without testing it (`from_ts(window.end) if
        window and window.start else None`). Only presence tests count (`x.f`, `x.f is None`,
        `not x.f`, joined with `and`/`or`), and only with an `else` that reads nothing of the
        object (`else None`): `f"{o.cls}.{o.name}" if o.cls else o.name` chooses, it does not guard.

    Why it matters:
        The copy kept the sibling's test: the guarded field is the wrong one. When the tested field
        is set and the used one is missing, the expression converts a None or 0 (an open-ended
        window becomes the epoch, so it looks expired); when the used one is set and the tested one
        is not, a real value is dropped.

    Example:
        active_from=from_epoch(period.start) if period and period.start else None,
        active_until=from_epoch(period.end) if period and period.start else None,

    Instead:
        Test the field the expression uses:

            active_until=from_epoch(period.end) if period and period.end else None,
    """

    id = "RA712"
    name = "guard-tests-other-field"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        by_scope: dict[int, tuple[Func | None, list[ast.IfExp]]] = {}
        for node, func in nodes_with_function(ctx.tree):
            if isinstance(node, ast.IfExp):
                by_scope.setdefault(id(func), (func, []))[1].append(node)
        for func, exprs in by_scope.values():
            for slip, model, tested in _slips(exprs):
                yield self._finding(ctx, slip, model, tested, func)

    def _finding(self, ctx: FileContext, slip: ast.IfExp, model: ast.IfExp, tested: str, func: Func | None) -> Finding:
        used = ", ".join(f"`{a}`" for a in sorted(_fields(slip.body, tested.rpartition(".")[0]) - {tested}))
        description = (
            f"In {where(func)}, `{source_of(ctx.lines, slip)}` tests `{tested}` but uses {used}; the expression "
            f"beside it (line {model.lineno}) uses the field it tests. The test was copied with it: when `{tested}` "
            f"is set and {used} is not, the missing value is converted anyway, and when only {used} is set it is "
            "dropped."
        )
        return self.finding(ctx.loc(slip), f"conditional tests `{tested}` but uses {used}", description,
                            recommendation=f"Test the field the expression uses ({used}) instead of `{tested}`.")


def _slips(exprs: list[ast.IfExp]) -> Iterator[tuple[ast.IfExp, ast.IfExp, str]]:
    """(slip, its sibling, the field tested) for each expression that tests a field it does not use
    while a sibling a few lines away (the same call, dict or run of assignments) with the same
    test uses it."""
    for expr in exprs:
        tested = _presence_fields(expr.test)
        if not tested:
            continue
        for field in sorted(tested):
            base = field.rpartition(".")[0]
            used = _fields(expr.body, base)
            if field in used or not used or _fields(expr.orelse, base):
                continue  # an `else` reading the object too makes the test a choice, not a guard
            model = next((o for o in exprs if o is not expr and abs(o.lineno - expr.lineno) <= _NEAR
                          and ast.dump(o.test) == ast.dump(expr.test) and field in _fields(o.body, base)), None)
            if model is not None:
                yield expr, model, field
                break


def _presence_fields(test: ast.expr) -> set[str]:
    """The attributes a presence test checks: `x.f`, `not x.f`, `x.f is (not) None`, in `and`/`or`."""
    if isinstance(test, ast.BoolOp):
        return set().union(*(_presence_fields(v) for v in test.values))
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _presence_fields(test.operand)
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Is, ast.IsNot)) \
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value is None:
        return _presence_fields(test.left)
    if isinstance(test, ast.Attribute) and is_pure(test):
        return {ast.unparse(test)}
    return set()


def _fields(expr: ast.expr, base: str) -> set[str]:
    """The attributes of `base` read in `expr` (`period.end` for base `period`). A method called on
    it (`self.get_clock()`) is not a field beside the tested one: it may well read that very field
    itself (`self._setup` tested, `get_clock` returning `self._setup.clock`)."""
    called = {id(n.func) for n in ast.walk(expr) if isinstance(n, ast.Call)}
    return {ast.unparse(n) for n in ast.walk(expr)
            if isinstance(n, ast.Attribute) and id(n) not in called and ast.unparse(n.value) == base}
