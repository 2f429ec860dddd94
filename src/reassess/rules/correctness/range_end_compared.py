"""RA717 logic-error: `for attempt in range(n): ... if attempt == n:`, a test the loop never passes."""
from __future__ import annotations

import ast
from typing import Iterator

from ...facts.visitor import own_nodes
from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, is_pure, nodes_with_function, same_expr, source_of, where



@register
class RangeEndCompared(Rule):
    """A loop variable of `range(...)` compared with the range's own end.

    What it finds:
        Inside `for v in range(stop)` (or `range(start, stop[, step])`), a comparison of `v`
        with that same `stop` expression: `v == stop` (never true: a range stops before its
        end), `v != stop` (always true) and, without a step, `v >= stop` (never true). Neither
        `v` nor anything `stop` is read from may be assigned in the loop, and the expression
        must have no call or `await` in it, so both reads give the same value.

    Why it matters:
        The branch is dead (or always taken). In a retry loop (`if attempt == self.max_attempts:
        raise`) the last failure is never raised: the loop ends silently and the function goes
        on (or returns None) as if the call had succeeded.

    Example:
        for attempt in range(self.max_attempts):
            ...
            if attempt == self.max_attempts:
                raise FetchError(url)

    Instead:
        Compare with the last value the loop takes:

            if attempt == self.max_attempts - 1:
                raise FetchError(url)
    """

    id = "RA717"
    name = "range-end-compared"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        for node, func in nodes_with_function(ctx.tree):
            loop = _range_loop(node)
            if loop is not None:
                yield from (self._finding(ctx, test, func, *loop) for test in _end_tests(node, *loop))

    def _finding(self, ctx: FileContext, test: ast.Compare, func: Func | None, var: str, stop: ast.expr,
                 stepped: bool) -> Finding:
        text, end = source_of(ctx.lines, test), source_of(ctx.lines, stop)
        outcome = "always true" if isinstance(test.ops[0], ast.NotEq) else "never true"
        description = (f"In {where(func)}, `{var}` runs over `range(...)` up to `{end}`, which the range never "
                       f"reaches, so `{text}` is {outcome}: the branch it guards "
                       f"{'always runs' if outcome == 'always true' else 'never runs'}.")
        return self.finding(ctx.loc(test), f"`{text}` is {outcome} inside `for {var} in range({end})`", description,
                            recommendation=f"Compare with the last value the loop takes (`{var} == {end} - 1`), "
                                           "or handle the end after the loop (a `for ... else:`).")


def _range_loop(node: ast.AST) -> tuple[str, ast.expr, bool] | None:
    """(loop variable, the range's stop, whether a step is given) for `for v in range(...)`."""
    if not isinstance(node, ast.For) or not isinstance(node.target, ast.Name):
        return None
    call = node.iter
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "range"
            and 1 <= len(call.args) <= 3 and not call.keywords):
        return None
    stop = call.args[0] if len(call.args) == 1 else call.args[1]
    if isinstance(stop, ast.Starred) or not is_pure(stop):
        return None
    return node.target.id, stop, len(call.args) == 3


def _end_tests(loop: ast.For, var: str, stop: ast.expr, stepped: bool) -> list[ast.Compare]:
    """Comparisons of the loop variable with the stop in the loop's own body (nested functions
    left out), unless the body assigns the variable or any name or attribute the stop reads."""
    body = own_nodes(loop.body)
    read = {_target(n) for n in ast.walk(stop) if isinstance(n, (ast.Name, ast.Attribute, ast.Subscript))}
    stored = {_target(n) for n in body if isinstance(n, (ast.Name, ast.Attribute, ast.Subscript))
              and not isinstance(n.ctx, ast.Load)}
    if stored & read or var in stored:
        return []
    kinds = (ast.Eq, ast.NotEq) if stepped else (ast.Eq, ast.NotEq, ast.GtE)
    return [node for node in body if isinstance(node, ast.Compare) and len(node.ops) == 1
            and isinstance(node.ops[0], kinds) and _var_against(node, var, stop)]


def _var_against(test: ast.Compare, var: str, stop: ast.expr) -> bool:
    """`var OP stop` (or `stop == var` / `stop != var`, the symmetric tests)."""
    left, right = test.left, test.comparators[0]
    if isinstance(left, ast.Name) and left.id == var:
        return same_expr(right, stop)
    symmetric = isinstance(test.ops[0], (ast.Eq, ast.NotEq))
    return symmetric and isinstance(right, ast.Name) and right.id == var and same_expr(left, stop)


def _target(node: ast.expr) -> str:
    """A name, attribute or item as written, the same whether it is read or assigned."""
    return node.id if isinstance(node, ast.Name) else ast.unparse(node)
