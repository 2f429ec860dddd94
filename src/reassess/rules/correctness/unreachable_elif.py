"""RA708 logic-error: an `elif` that an earlier test of its chain already covers."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, Range, module_constants, nodes_with_function, range_of, same_expr, source_of, where


@register
class UnreachableElif(Rule):
    """An `elif` branch that can never run, because an earlier test of the chain covers it.

    What it finds:
        In an `if`/`elif` chain, an `elif` comparing a value (no call inside) with a number
        (written, or a module constant such as `LIMIT = Decimal("0.15")`), or testing it for
        equality with a constant, where an earlier test of the same chain compares the same
        value and accepts every value this one does: `if ratio > 1.0:`
        followed by `elif ratio > 1.5:`, or `elif status == "x"` repeated. Earlier tests
        on other values, or narrower ones, are fine and not reported.

    Why it matters:
        Only the first true test of a chain runs its branch, so the later one is dead: the
        case it was written for (a stronger throttle above 150 %, a special status) is
        handled by the earlier, more general branch instead. The thresholds are usually in
        the wrong order.

    Example:
        if ratio > 1.0:
            return 0.5
        elif ratio > 1.5:
            return 0.0

    Instead:
        Test the narrower condition first:

            if ratio > 1.5:
                return 0.0
            elif ratio > 1.0:
                return 0.5
    """

    id = "RA708"
    name = "unreachable-elif"
    category = "logic-error"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        chained: set[int] = set()  # the `elif`s of chains already read (parents come first)
        resolve = module_constants(ctx.facts, ctx.tree)  # thresholds are usually named
        for node, func in nodes_with_function(ctx.tree):
            if isinstance(node, ast.If) and id(node) not in chained:
                seen: list[tuple[ast.If, ast.expr, Range]] = []
                for branch in _chain(node):
                    chained.add(id(branch))
                    tested = range_of(branch.test, resolve)
                    if tested is None:
                        continue
                    earlier = next((prev for prev in seen if same_expr(prev[1], tested[0])
                                    and tested[1].within(prev[2])), None)
                    if earlier is not None:
                        yield self._finding(ctx, func, branch, earlier[0])
                    seen.append((branch, *tested))

    def _finding(self, ctx: FileContext, func: Func | None, branch: ast.If, earlier: ast.If) -> Finding:
        test, before = source_of(ctx.lines, branch.test), source_of(ctx.lines, earlier.test)
        keyword = "elif" if ctx.lines[branch.lineno - 1].lstrip().startswith("elif") else "else: if"
        description = (f"In {where(func)}, `{keyword} {test}` (line {branch.lineno}) can never run: every value "
                       f"it accepts already makes the earlier `{before}` (line {earlier.lineno}) true, and "
                       "only the first true test of a chain runs its branch.")
        recommendation = (f"Order the tests from the narrowest to the widest (test `{test}` before "
                          f"`{before}`), or fix the threshold that was mistyped.")
        if same_expr(branch.test, earlier.test):
            recommendation = ("Remove the repeated branch, or fix the value it was meant to test (merge its "
                              "body into the first one if both should run the same code).")
        return self.finding(ctx.loc(branch.test), f"`{keyword} {test}` is unreachable", description,
                            recommendation=recommendation,
                            related=[ctx.loc(earlier.test, note="the earlier test that covers it")])


def _chain(node: ast.If) -> Iterator[ast.If]:
    """The `if` and its `elif`s (an `else:` holding only another `if` is an `elif`)."""
    current: ast.If | None = node
    while current is not None:
        yield current
        orelse = current.orelse
        current = orelse[0] if len(orelse) == 1 and isinstance(orelse[0], ast.If) else None
