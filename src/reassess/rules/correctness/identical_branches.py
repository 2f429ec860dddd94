"""RA730 logic-error: `m.a if cond else m.a`, a conditional expression whose two branches are the same."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, is_pure, nodes_with_function, same_expr, source_of, where


@register
class IdenticalBranches(Rule):
    """A conditional expression that gives the same value whichever way its test goes.

    What it finds:
        `a if test else b` where `a` and `b` are the same name, attribute or subscript
        expression with no call, `await` or assignment inside (so both read one value):
        `match.team_a_id if score_a > score_b else match.team_a_id`. Literal branches are left
        alone.

    Why it matters:
        The test decides nothing: the value is the same either way, so the case the other branch
        was written for never happens (the away side never wins, the fallback is never used). One
        branch was meant to read another field or another object.

    Example:
        return match.home_id if home_goals > away_goals else match.home_id

    Instead:
        Give the other branch the value it stands for:

            return match.home_id if home_goals > away_goals else match.away_id
    """

    id = "RA730"
    name = "identical-branches"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        for node, func in nodes_with_function(ctx.tree):
            if isinstance(node, ast.IfExp) and _same_value(node.body, node.orelse):
                yield self._finding(ctx, node, func)

    def _finding(self, ctx: FileContext, node: ast.IfExp, func: Func | None) -> Finding:
        text, branch = source_of(ctx.lines, node), source_of(ctx.lines, node.body)
        test = source_of(ctx.lines, node.test)
        description = (f"In {where(func)}, `{text}` is `{branch}` whether `{test}` holds or not: the test "
                       "decides nothing, and the case the other branch was written for never gets its value.")
        return self.finding(ctx.loc(node), f"Both branches of `{text}` are `{branch}`", description,
                            recommendation=f"Give one branch the value it stands for (another field or object "
                                           f"than `{branch}`), or drop the test if the value is meant to be fixed.")


def _same_value(body: ast.expr, orelse: ast.expr) -> bool:
    """Both branches read one name, attribute or item, with nothing that could change it between."""
    return isinstance(body, (ast.Name, ast.Attribute, ast.Subscript)) and same_expr(body, orelse) and is_pure(body)
