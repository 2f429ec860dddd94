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
        - a division in a conditional expression whose test checks a field of one object while
          the divisor is the same field of another, untested object, and whose `else` is a
          constant: `(t.rate - c.rate) / c.rate if t.rate else None`;
        - `o.a is not None and x > o.b` (a None test on one field, an ordering of another field of
          the same object that the test does not mention) written within three lines of the
          sibling it was copied from, `o.b is not None and x < o.b`, which tests what it compares.
        Only attribute reads of plain names count, with no calls inside.

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
        for node, func in nodes_with_function(ctx.tree):
            if isinstance(node, ast.IfExp):
                found = _division_slip(node)
                if found is not None:
                    yield self._division(ctx, node, func, *found)
            elif isinstance(node, (ast.If, ast.While)):
                tests.append((node.test, func))
        for test, func, guarded, compared, model in _bound_slips(tests):
            yield self._bound(ctx, test, func, guarded, compared, model)

    def _division(self, ctx: FileContext, node: ast.IfExp, func: Func | None, tested: str, divisor: str) -> Finding:
        description = (
            f"In {where(func)}, `{source_of(ctx.lines, node)}` divides by `{divisor}` but its test checks "
            f"`{tested}`: when `{divisor}` is zero and `{tested}` is not, the division raises "
            "`ZeroDivisionError` instead of taking the `else`."
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
    if not isinstance(node.orelse, ast.Constant) or not isinstance(node.body, ast.BinOp) \
            or not isinstance(node.body.op, (ast.Div, ast.FloorDiv, ast.Mod)):
        return None
    tested, divisor = _nonzero_test(node.test), node.body.right
    if tested is None or not _field(divisor) or not _field(tested) or not is_pure(node.body):
        return None
    if tested.attr != divisor.attr or ast.dump(tested.value) == ast.dump(divisor.value):  # type: ignore[attr-defined]
        return None
    if not any(ast.dump(n) == ast.dump(tested) for n in ast.walk(node.body.left)):
        return None  # the test reads a value the numerator uses: it chooses what to compute, unrelated
    return ast.unparse(tested), ast.unparse(divisor)


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
