"""RA706 logic-error: `a.b != a.b`, an expression compared with itself."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, is_pure, nodes_with_function, replaced_line, same_expr, source_of, where

_ALWAYS_TRUE = (ast.Eq, ast.LtE, ast.GtE, ast.Is)


@register
class SelfComparison(Rule):
    """A comparison of an expression with itself (`hold.owner != hold.owner`).

    What it finds:
        A comparison whose two sides are the same attribute or subscript expression, with no
        call, `await` or assignment inside (so both sides evaluate to the same object). A plain
        name compared with itself (`x != x`) is the float NaN test and is left alone, and so
        is `==`/`!=` choosing between a number and a numeric stand-in
        (`Decimal(e.price) if e.price == e.price else Decimal(0)`).

    Why it matters:
        The result is fixed: `==`, `<=`, `>=` and `is` are always true, `!=`, `<`, `>` and
        `is not` always false. A guard written this way (an ownership or token check) never
        rejects anything; one side was meant to be another value, usually the caller's.

    Example:
        if hold.session_token != hold.session_token:
            raise ReservationError("hold belongs to another session")

    Instead:
        Compare with the value the check is about:

            if hold.session_token != body.session_token:
    """

    id = "RA706"
    name = "self-comparison"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        asserted: set[int] = set()  # tests of `assert` statements (parents come first)
        nan_tests: set[int] = set()  # `x.v == x.v` choosing between the number and a numeric stand-in
        for node, func in nodes_with_function(ctx.tree):
            if isinstance(node, ast.Assert):
                asserted.add(id(node.test))
            elif isinstance(node, (ast.IfExp, ast.If)) and _numeric_choice(node):
                nan_tests.add(id(node.test))
            elif isinstance(node, ast.Compare) and len(node.ops) == 1 and _self_compared(node) \
                    and not (id(node) in nan_tests and isinstance(node.ops[0], (ast.Eq, ast.NotEq))):
                yield self._finding(ctx, node, func, id(node) in asserted)

    def _finding(self, ctx: FileContext, node: ast.Compare, func: Func | None, asserted: bool) -> Finding:
        text, side = source_of(ctx.lines, node), source_of(ctx.lines, node.left)
        outcome = "true" if isinstance(node.ops[0], _ALWAYS_TRUE) else "false"
        other = _counterpart(node.left, func)
        fixed = replaced_line(ctx.lines, node.comparators[0], other)
        effect = "the check decides nothing: the code it guards runs (or is skipped) whatever the data."
        if asserted:
            effect = ("the assertion can never fail" if outcome == "true" else "the assertion always fails") \
                + " and verifies nothing about the data."
        description = f"In {where(func)}, `{text}` compares `{side}` with itself: it is always {outcome}, so {effect}"
        recommendation = (f"Compare `{side}` with the value it is meant to match (the caller's or the "
                          f"request's), e.g.:\n\n```python\n{fixed}\n```")
        return self.finding(ctx.loc(node), f"`{text}` compares a value with itself", description,
                            recommendation=recommendation)


_NUMBERS = frozenset({"Decimal", "float", "int", "nan", "isnan"})


def _numeric_choice(node: ast.IfExp | ast.If) -> bool:
    """A branch on the test is a number or a numeric conversion (`Decimal(e.price) if
    e.price == e.price else Decimal(0)`): comparing a value with itself is then the NaN test,
    the only value not equal to itself."""
    branches = [node.body, node.orelse] if isinstance(node, ast.IfExp) else [
        s.value for s in node.body[:1] + node.orelse[:1] if isinstance(s, (ast.Assign, ast.Return)) and s.value]
    return any(_numeric(branch) for branch in branches)


def _numeric(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return type(node.value) in (int, float)
    func = node.func if isinstance(node, ast.Call) else node
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in _NUMBERS


def _self_compared(node: ast.Compare) -> bool:
    left, right = node.left, node.comparators[0]
    return isinstance(left, (ast.Attribute, ast.Subscript)) and same_expr(left, right) and is_pure(left) \
        and any(isinstance(sub, ast.Name) for sub in ast.walk(left))


def _counterpart(side: ast.expr, func: Func | None) -> str:
    """What the other side probably was: a parameter named like the attribute, else a placeholder."""
    attr = side.attr if isinstance(side, ast.Attribute) else ""
    params = {a.arg for a in func.args.args + func.args.kwonlyargs} if func is not None else set()
    if attr and attr in params:
        return attr
    return f"<expected>.{attr}" if attr else "<expected value>"
