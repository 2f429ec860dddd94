"""RA709 logic-error: `x < 1 and x > MAX` / `x != A or x != B`, two tests no value can pass (or fail) together."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, module_constants, nodes_with_function, range_of, same_expr, source_of, where


@register
class ContradictoryComparisons(Rule):
    """Two comparisons of one value joined so that the condition has a fixed result.

    What it finds:
        An `and` of two comparisons of the same value (no call inside) with constants (literals,
        enum members, the module's UPPER_CASE constants) that no value satisfies together
        (`qty < 1 and qty > MAX_QTY`, `x == "a" and x == "b"`), or an `or` of two that every
        value satisfies (`s != Status.DONE or s != Status.FAILED`, `x > 10 or x < 20`). The
        condition may be an `if` test, a returned or assigned value, anything.

    Why it matters:
        The first is always false and the second always true, so the guard decides nothing: an
        out-of-range quantity is accepted (the bounds check was meant as `or`), or every row is
        treated as "not finished" (the inequality test was meant as `and`, or `not in`).

    Example:
        if quantity < 1 and quantity > MAX_QUANTITY:
            raise ValueError("quantity out of range")

    Instead:
        Join the out-of-range tests with `or` (or test the range once):

            if not 1 <= quantity <= MAX_QUANTITY:
    """

    id = "RA709"
    name = "contradictory-comparisons"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        resolve = module_constants(ctx.facts)
        for node, func in nodes_with_function(ctx.tree):
            if isinstance(node, ast.BoolOp):
                pair = _fixed_pair(node, resolve)
                if pair is not None:
                    yield self._finding(ctx, node, func, *pair)

    def _finding(self, ctx: FileContext, node: ast.BoolOp, func: Func | None, first: ast.expr,
                 second: ast.expr) -> Finding:
        text = source_of(ctx.lines, node)
        a, b = source_of(ctx.lines, first), source_of(ctx.lines, second)
        if isinstance(node.op, ast.And):
            outcome, why, fix = "false", f"no value passes both `{a}` and `{b}`", \
                "join the out-of-range tests with `or` (`not low <= x <= high`)"
        else:
            outcome, why, fix = "true", f"every value passes `{a}` or `{b}`", \
                "join the exclusions with `and`, or test `x not in (A, B)`"
        description = (f"In {where(func)}, `{text}` is always {outcome}: {why}, so the condition decides "
                       "nothing and the code it guards runs (or is skipped) whatever the data.")
        return self.finding(ctx.loc(node), f"`{text}` is always {outcome}", description,
                            recommendation=f"Write the test that was meant: {fix}.")


def _fixed_pair(node: ast.BoolOp, resolve) -> tuple[ast.expr, ast.expr] | None:
    """Two operands on one subject whose accepted (`and`) or rejected (`or`) values are disjoint."""
    negated = isinstance(node.op, ast.Or)
    ranged = [(value, range_of(value, resolve, negated)) for value in node.values]
    ranged = [(value, found) for value, found in ranged if found is not None]
    for index, (value, (subject, accepted)) in enumerate(ranged):
        for later, (other, other_accepted) in ranged[index + 1:]:
            if same_expr(subject, other) and accepted.disjoint(other_accepted):
                return value, later
    return None
