"""RA723 logic-error: `x in ("A")`, a membership test against a parenthesised string, not a tuple."""
from __future__ import annotations

import ast
import re
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, nodes_with_function, replaced_line, source_of, where

# a single value word (`"GATE_IN"`, `"admin"`, `"eu-west-1"`): what a one-element tuple would hold
_VALUE_WORD = re.compile(r"[A-Za-z_][\w\-.:]+\Z")


@register
class MembershipInParenthesizedString(Rule):
    """A membership test whose right side is one string in parentheses (`x in ("GATE_IN")`).

    What it finds:
        A comparison `x in ("VALUE")` or `x not in ("VALUE")` where the parentheses hold a single
        string literal that reads as one value (a word, no spaces) and no trailing comma. Parentheses
        alone do not make a tuple, so the test is a substring test on that string. A literal on
        the left (`"-" in (name)`), a bare string without parentheses and `("A",)` are not reported.

    Why it matters:
        `direction in ("GATE_IN")` is true for `"GATE_IN"`, but also for `"IN"`, `"GATE"`, `"_"`
        and the empty string: the guarded branch (a customs-hold check, a permission test) runs
        for values it was never meant for, or, negated, is skipped for them. The author meant a
        one-element tuple, or an equality.

    Example:
        if number and direction in ("GATE_IN"):

    Instead:
        Add the comma that makes the tuple, or compare for equality:

            if number and direction in ("GATE_IN",):
    """

    id = "RA723"
    name = "membership-in-parenthesized-string"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        for node, func in nodes_with_function(ctx.tree):
            if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)) \
                    and _parenthesized_word(ctx.lines, node.left, node.comparators[0]):
                yield self._finding(ctx, node, func)

    def _finding(self, ctx: FileContext, node: ast.Compare, func: Func | None) -> Finding:
        text, value = source_of(ctx.lines, node), source_of(ctx.lines, node.comparators[0])
        subject = source_of(ctx.lines, node.left)
        operator = "not in" if isinstance(node.ops[0], ast.NotIn) else "in"
        fixed = replaced_line(ctx.lines, node, f"{subject} {operator} ({value},)")
        description = (f"In {where(func)}, `{text}` tests whether `{subject}` is a substring of {value}: "
                       f"parentheses around one string do not make a tuple, so any part of {value} "
                       "(and the empty string) passes the test too, and the branch it guards runs for "
                       "values it was never meant for.")
        return self.finding(ctx.loc(node), f"`{text}` is a substring test, not tuple membership", description,
                            recommendation=f"Make it a one-element tuple (or compare with `==`):\n\n"
                                           f"```python\n{fixed}\n```")


def _parenthesized_word(lines: list[str], left: ast.expr, right: ast.expr) -> bool:
    """`right` is a one-word string literal written inside its own parentheses, after a non-literal `left`."""
    if not (isinstance(right, ast.Constant) and isinstance(right.value, str) and _VALUE_WORD.match(right.value)) \
            or isinstance(left, ast.Constant) or left.end_lineno != right.lineno or right.lineno != right.end_lineno:
        return False
    raw = lines[right.lineno - 1].encode("utf-8")
    between = raw[left.end_col_offset:right.col_offset].decode("utf-8", errors="replace")
    after = raw[right.end_col_offset:].decode("utf-8", errors="replace").lstrip()
    return between.rstrip().endswith("(") and after.startswith(")")
