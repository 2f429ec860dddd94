"""RA725 logic-error: a guard that tests one value while the operation it protects uses another."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, and_operands, is_pure, nodes_with_function, ordering, source_of, where

_NEAR = 3  # lines: tests written one under the other


@register
class GuardOnOtherOperand(Rule):
    """A None or zero guard on one value protecting an operation on a different one.

    What it finds:
        Two shapes where the guard and what it guards disagree on the value:
        - a division guarded by a test of a field of one object while the divisor is the same
          field of another, untested object, and the numerator reads the tested field: in a
          conditional expression whose `else` is a constant (`(t.rate - c.rate) / c.rate if
          t.rate else None`, also with the division inside a call such as `round(...)`), or in
          an `if` whose one statement returns or assigns it (`if t.rate != 0: return (t.rate -
          c.rate) / c.rate`);
        - `o.a is not None and x > o.b` (a None test on one field, an ordering of another field of
          the same object that the test does not mention) written within three lines of the
          sibling it was copied from, `o.b is not None and x < o.b`, which tests what it compares.
        Only attribute reads of plain names count, with no calls inside; a divisor that another
        test of the function reads (`if not c.rate: return None` above) is taken as guarded there.

    Why it matters:
        The guard was written for the value the operation uses, then pointed at another: the
        division raises `ZeroDivisionError` exactly when the divisor is zero and the tested value
        is not, and the window check compares the wrong bound (a flag is outside its window right
        after it starts) or raises `TypeError` on a missing one.

    Example:
        return (treatment.rate - control.rate) / control.rate if treatment.rate else None

    Instead:
        Test the value the operation needs:

            return (treatment.rate - control.rate) / control.rate if control.rate else None
    """

    id = "RA725"
    name = "guard-on-other-operand"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        tests: list[tuple[ast.expr, Func | None]] = []
        divisions: list[tuple[ast.AST, Func | None, str, str]] = []
        read_by_tests: dict[int, set[str]] = {}  # per function: the values its tests read
        for node, func in nodes_with_function(ctx.tree):
            if isinstance(node, (ast.If, ast.While, ast.IfExp, ast.Assert)):
                test = node.test
                read_by_tests.setdefault(id(func), set()).update(ast.unparse(n) for n in ast.walk(test)
                                                                 if isinstance(n, ast.Attribute))
            if isinstance(node, ast.IfExp):
                found = _division_slip(node)
                if found is not None:
                    divisions.append((node, func, *found))
            elif isinstance(node, (ast.If, ast.While)):
                tests.append((node.test, func))
                found = _statement_slip(node) if isinstance(node, ast.If) else None
                if found is not None:
                    divisions.append((node.body[0], func, *found))
        for node, func, tested, divisor in divisions:
            if divisor not in read_by_tests.get(id(func), ()):  # a divisor tested elsewhere is guarded there
                yield self._division(ctx, node, func, tested, divisor)
        for test, func, guarded, compared, model in _bound_slips(tests):
            yield self._bound(ctx, test, func, guarded, compared, model)

    def _division(self, ctx: FileContext, node: ast.AST, func: Func | None, tested: str, divisor: str) -> Finding:
        description = (
            f"In {where(func)}, `{source_of(ctx.lines, node)}` divides by `{divisor}` but its test checks "
            f"`{tested}`: when `{divisor}` is zero and `{tested}` is not, the division raises "
            "`ZeroDivisionError` instead of " + ("taking the `else`." if isinstance(node, ast.IfExp) else
                                                 "being skipped by the test.")
        )
        return self.finding(ctx.loc(node), f"division by `{divisor}` guarded by a test of `{tested}`", description,
                            recommendation=f"Test the divisor: `... if {divisor} else ...`.")

    def _bound(self, ctx: FileContext, test: ast.expr, func: Func | None, guarded: str, compared: str,
               model: ast.expr) -> Finding:
        description = (
            f"In {where(func)}, `{source_of(ctx.lines, test)}` tests `{guarded}` for None but compares "
            f"`{compared}`; the test next to it (line {model.lineno}) guards and compares the same field. The guard "
            f"was copied without its comparison: whenever `{guarded}` is set the condition compares `{compared}` "
            f"instead, and `{guarded}` is never compared at all."
        )
        return self.finding(ctx.loc(test), f"None test of `{guarded}` guards a comparison of `{compared}`",
                            description, recommendation=f"Compare `{guarded}`, the field the test guards.")


def _division_slip(node: ast.IfExp) -> tuple[str, str] | None:
    """(tested, divisor) for `... / y.f if x.f else <constant>` where `x` and `y` differ."""
    if not isinstance(node.orelse, ast.Constant):
        return None
    return _guarded_division(node.test, node.body)


def _statement_slip(node: ast.If) -> tuple[str, str] | None:
    """(tested, divisor) for `if x.f: return ... / y.f` (or `v = ... / y.f`), one statement guarded."""
    if len(node.body) != 1 or not isinstance(node.body[0], (ast.Return, ast.Assign)) or node.body[0].value is None:
        return None
    return _guarded_division(node.test, node.body[0].value)


def _guarded_division(test: ast.expr, body: ast.expr) -> tuple[str, str] | None:
    """(tested, divisor) when `test` requires `x.f` to be non-zero and `body` divides by `y.f`
    (at its top or inside a call around it) with a numerator that reads `x.f`."""
    tested = _nonzero_test(test)
    if tested is None or not _field(tested):
        return None
    for division in _divisions(body):
        divisor = division.right
        if not _field(divisor) or not is_pure(division):
            continue
        if tested.attr != divisor.attr or ast.dump(tested.value) == ast.dump(divisor.value):  # type: ignore[attr-defined]
            continue
        if not any(ast.dump(n) == ast.dump(tested) for n in ast.walk(division.left)):
            continue  # the numerator does not read the tested value: the test chooses, it does not guard
        return ast.unparse(tested), ast.unparse(divisor)
    return None


def _divisions(body: ast.expr) -> list[ast.BinOp]:
    """The divisions the value of `body` is: the expression itself, or an argument of a call
    around it (`round(a / b, 2)`, `float(a / b)`), not one nested in other arithmetic."""
    found = []
    for node in (body, *(body.args if isinstance(body, ast.Call) else ())):
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Div, ast.FloorDiv, ast.Mod)):
            found.append(node)
    return found


def _nonzero_test(test: ast.expr) -> ast.expr | None:
    """`x.f` or `x.f != 0` / `x.f > 0`: the value the test requires to be non-zero."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.NotEq, ast.Gt)) \
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value == 0:
        return test.left
    return test if isinstance(test, ast.Attribute) else None


def _field(node: ast.expr) -> bool:
    """`name.attr`: a field of a plain name."""
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)


def _bound_slips(tests: list[tuple[ast.expr, Func | None]]) -> Iterator[tuple]:
    """(test, func, guarded, compared, sibling) for `o.a is not None and x > o.b` beside
    `o.b is not None and x < o.b`."""
    shapes = [(test, func, _guarded_order(test)) for test, func in tests]
    for test, func, shape in shapes:
        if shape is None or shape[0] == shape[1]:
            continue
        guarded, compared = shape
        model = next((t for t, f, s in shapes if t is not test and f is func and s == (compared, compared)
                      and abs(t.lineno - test.lineno) <= _NEAR), None)
        if model is not None and guarded.rpartition(".")[0] == compared.rpartition(".")[0]:
            yield test, func, guarded, compared, model


def _guarded_order(test: ast.expr) -> tuple[str, str] | None:
    """(guarded field, ordered field) for `o.a is not None and <o.b ordered against something>`
    (the one field of the ordering); a slip when the ordering does not read `o.a` at all."""
    parts = and_operands(test)
    if len(parts) != 2:
        return None
    guard, use = parts
    if not (isinstance(guard, ast.Compare) and len(guard.ops) == 1 and isinstance(guard.ops[0], ast.IsNot)
            and isinstance(guard.comparators[0], ast.Constant) and guard.comparators[0].value is None
            and _field(guard.left)):
        return None
    order = ordering(use)
    if order is None or not is_pure(use):
        return None
    fields = [side for side in (order[0], order[2]) if _field(side)]
    guarded, ordered = ast.unparse(guard.left), ast.unparse(fields[0]) if len(fields) == 1 else ""
    if not ordered or guarded != ordered and any(ast.unparse(n) == guarded for n in ast.walk(use)):
        return None
    return guarded, ordered
