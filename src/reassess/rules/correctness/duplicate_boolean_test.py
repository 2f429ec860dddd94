"""RA707 logic-error: `a.x is None or a.x is None`, the same test twice in one `and`/`or`."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, boolean_tests, is_pure, replaced_line, same_expr, source_of, where


@register
class DuplicateBooleanTest(Rule):
    """The same operand twice in one `and`/`or` condition (`p.lat is None or p.lat is None`).

    What it finds:
        In an `if`/`while`/`assert`/ternary/comprehension test, an `and` or `or` with two
        identical operands that contain no call, `await` or assignment (so the second can
        only repeat the first).

    Why it matters:
        The repeated operand adds nothing, so the condition tests one value where its author
        meant two: the second was written for another variable or field (a copy-pasted
        `lat` that should be `lng`), and that one is never checked.

    Example:
        if pickup.lat is None or pickup.lat is None:
            raise ValueError("pickup coordinates required")

    Instead:
        Test the value the second operand was meant for:

            if pickup.lat is None or pickup.lng is None:
    """

    id = "RA707"
    name = "duplicate-boolean-test"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        for test, func in boolean_tests(ctx.tree):
            if isinstance(test, ast.BoolOp):
                repeated = _repeated(test.values)
                if repeated is not None:
                    yield self._finding(ctx, test, func, *repeated)

    def _finding(self, ctx: FileContext, test: ast.BoolOp, func: Func | None, first: ast.expr,
                 second: ast.expr) -> Finding:
        text, operand = source_of(ctx.lines, test), source_of(ctx.lines, first)
        op = "or" if isinstance(test.op, ast.Or) else "and"
        sibling = _sibling(first, func)
        description = (f"In {where(func)}, `{text}` tests `{operand}` twice: the second `{op}` operand "
                       "repeats the first, so whatever it was meant to check (another variable or field) "
                       "is never checked.")
        recommendation = "Make the second operand test the value it was written for"
        if sibling:
            fixed = replaced_line(ctx.lines, second, sibling[1])
            recommendation += (f" (the function also reads `{sibling[0]}`):\n\n```python\n{fixed}\n```")
        else:
            recommendation += "."
        return self.finding(ctx.loc(test), f"`{text}` repeats the same test", description,
                            recommendation=recommendation)


def _repeated(values: list[ast.expr]) -> tuple[ast.expr, ast.expr] | None:
    for index, value in enumerate(values):
        for later in values[index + 1:]:
            if same_expr(value, later) and is_pure(value):
                return value, later
    return None


def _sibling(operand: ast.expr, func: Func | None) -> tuple[str, str] | None:
    """Another attribute of the tested object that the function reads (`pickup.lng` next to
    `pickup.lat`), and the operand rewritten to test it; None when there is no single candidate."""
    attrs = [node for node in ast.walk(operand) if isinstance(node, ast.Attribute)]
    if func is None or len(attrs) != 1 or not isinstance(attrs[0].value, ast.Name):
        return None
    tested = attrs[0]
    others = {node.attr for node in ast.walk(func) if isinstance(node, ast.Attribute)
              and isinstance(node.value, ast.Name) and node.value.id == tested.value.id
              and node.attr != tested.attr and isinstance(node.ctx, ast.Load)}
    if len(others) != 1:
        return None
    other = others.pop()
    rewritten = ast.unparse(operand).replace(f"{tested.value.id}.{tested.attr}", f"{tested.value.id}.{other}")
    return f"{tested.value.id}.{other}", rewritten
