"""RA714 logic-error: `if hold.expires_at > now: raise Expired`, an expiry test the wrong way round."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, and_operands, clock_names, is_clock, is_pure, nodes_with_function, own_name, \
    source_of, where

_EXPIRY_WORDS = frozenset({"expires", "expiry", "expiration", "expire", "expiring"})


@register
class InvertedExpiryTest(Rule):
    """A test that an expiry moment is still in the future whose branch reports it as expired.

    What it finds:
        An `if` whose test (or one `and` operand of it) compares an expiry moment (a name,
        attribute or key named `expires_at`, `expiry`, `expiration`...) with the current time (a
        clock call such as `datetime.now(...)`/`time.time()`, or a name such as `now`) so that it
        holds while the expiry is still ahead (`expires_at > now`, `now < expires_at`), and whose
        branch starts by raising an exception named as an expiry (`HoldExpired`, `TokenExpiredError`).

    Why it matters:
        The check is inverted: every valid hold, token or link is rejected as expired and every
        expired one is accepted, so the flow it guards only works past the deadline.

    Example:
        for hold in holds:
            if hold["expires_at"] > now:
                raise HoldExpired()

    Instead:
        Reject when the expiry has passed:

            if hold["expires_at"] <= now:
                raise HoldExpired()
    """

    id = "RA714"
    name = "inverted-expiry-test"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        for node, func in nodes_with_function(ctx.tree):
            if not isinstance(node, ast.If) or not node.body or not _raises_expired(node.body[0]):
                continue
            clocks = clock_names(func)
            found = next((o for o in and_operands(node.test) if _still_ahead(o, clocks)), None)
            if found is not None:
                yield self._finding(ctx, func, found, node.body[0])

    def _finding(self, ctx: FileContext, func: Func | None, test: ast.Compare, raised: ast.Raise) -> Finding:
        text, error = source_of(ctx.lines, test), source_of(ctx.lines, raised)
        description = (f"In {where(func)}, `{text}` holds while the expiry is still ahead, yet its branch runs "
                       f"`{error}`: every valid entry is rejected as expired and every expired one passes.")
        return self.finding(ctx.loc(test), f"`{text}` treats an unexpired value as expired", description,
                            recommendation="Reverse the comparison, so the branch runs once the expiry has "
                                           "passed (`expires_at <= now`).",
                            related=[ctx.loc(raised, note="the branch reports it as expired")])


def _still_ahead(test: ast.expr, clocks: frozenset[str]) -> bool:
    """`expiry > now` / `expiry >= now` / `now < expiry` / `now <= expiry`."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    left, op, right = test.left, test.ops[0], test.comparators[0]
    if isinstance(op, (ast.Lt, ast.LtE)):
        left, right = right, left
    elif not isinstance(op, (ast.Gt, ast.GtE)):
        return False
    return _expiry(left) and is_clock(right, clocks)


def _expiry(node: ast.expr) -> bool:
    return is_pure(node) and bool(set(own_name(node).lower().split("_")) & _EXPIRY_WORDS)


def _raises_expired(stmt: ast.stmt) -> bool:
    """`raise HoldExpired()` / `raise errors.TokenExpiredError(...)`."""
    if not isinstance(stmt, ast.Raise) or stmt.exc is None:
        return False
    exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
    return "expire" in own_name(exc).lower()
