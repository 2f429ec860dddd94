"""RA715 logic-error: `x is not None or x <= 0` / `x is None and x.y`, a None guard joined the wrong way."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, is_pure, nodes_with_function, same_expr, source_of, where

_ORDER = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


@register
class NoneGuardWrongJoin(Rule):
    """A None test joined so that the operand after it only runs when the value is None.

    What it finds:
        An `or` whose operand `x is not None` is followed by one that needs a real value of `x`
        (orders it with `<`/`>`, does arithmetic on it, reads an attribute or item of it, calls
        it), or an `and` whose operand `x is None` is followed by one: `stock is not None or
        stock <= 0`, `user is None and user.active`. `x` is a name or attribute, no call inside.

    Why it matters:
        The later operand runs only when the guard let None through, so it raises `TypeError`
        or `AttributeError` exactly for the value it was meant to guard against; for every other
        value the condition is fixed (always true for the `or`, always false for the `and`).
        An "out of stock" check then rejects every item that has a stock count.

    Example:
        if reward.stock is not None or reward.stock <= 0:
            raise OutOfStock()

    Instead:
        Guard with the test that lets the second operand see a value:

            if reward.stock is not None and reward.stock <= 0:
    """

    id = "RA715"
    name = "none-guard-wrong-join"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        for node, func in nodes_with_function(ctx.tree):
            if isinstance(node, ast.BoolOp):
                found = _wrong_join(node)
                if found is not None:
                    yield self._finding(ctx, node, func, *found)

    def _finding(self, ctx: FileContext, node: ast.BoolOp, func: Func | None, guard: ast.expr,
                 use: ast.expr) -> Finding:
        text, subject = source_of(ctx.lines, node), source_of(ctx.lines, guard.left)  # type: ignore[attr-defined]
        joined = "or" if isinstance(node.op, ast.Or) else "and"
        fixed = "true" if joined == "or" else "false"
        other = "and" if joined == "or" else "or"
        description = (f"In {where(func)}, `{text}` evaluates `{source_of(ctx.lines, use)}` only when "
                       f"`{subject}` is None (the `{joined}` stops at the guard otherwise), where it raises; "
                       f"for every other value the condition is always {fixed}.")
        return self.finding(ctx.loc(node), f"`{text}` runs its second test only when `{subject}` is None",
                            description, related=[ctx.loc(use, note="needs a value, but sees only None")],
                            recommendation=f"Join the guard with `{other}` (`{source_of(ctx.lines, guard)} "
                                           f"{other} ...`), or negate the None test.")


def _wrong_join(node: ast.BoolOp) -> tuple[ast.expr, ast.expr] | None:
    """(the None guard, the later operand needing a value) of an `or` after `is not None` / an
    `and` after `is None`."""
    guard_op = ast.IsNot if isinstance(node.op, ast.Or) else ast.Is
    for i, guard in enumerate(node.values):
        subject = _none_test(guard, guard_op)
        if subject is None:
            continue
        for later in node.values[i + 1:]:
            if _needs_value(later, subject):
                return guard, later
    return None


def _none_test(test: ast.expr, op: type) -> ast.expr | None:
    """`x` of `x is None` (op Is) / `x is not None` (op IsNot), x a pure name or attribute."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) is op \
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value is None \
            and isinstance(test.left, (ast.Name, ast.Attribute)) and is_pure(test.left):
        return test.left
    return None


def _needs_value(expr: ast.expr, subject: ast.expr) -> bool:
    """`expr` orders, computes with, reads from or calls `subject` (what None cannot do)."""
    for node in ast.walk(expr):
        if isinstance(node, (ast.Lambda, ast.comprehension)):
            return False
        operands: list[ast.expr] = []
        if isinstance(node, ast.Compare) and any(isinstance(op, _ORDER) for op in node.ops):
            operands = [node.left, *node.comparators]
        elif isinstance(node, ast.BinOp):
            operands = [node.left, node.right]
        elif isinstance(node, (ast.Attribute, ast.Subscript)):
            operands = [node.value]
        elif isinstance(node, ast.Call):
            operands = [node.func]
        if any(same_expr(o, subject) for o in operands):
            return True
    return False
