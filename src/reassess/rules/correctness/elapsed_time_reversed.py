"""RA727 logic-error: `if started - time.monotonic() > limit:`, an elapsed time subtracted the wrong way."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ...knowledge.clocks import CLOCKS
from ..api import FileContext, Rule, register
from ._conditions import Func, is_clock, nodes_with_function, source_of, where


@register
class ElapsedTimeReversed(Rule):
    """An earlier clock reading minus the current time, tested against a limit it can never pass.

    What it finds:
        A comparison `earlier - <clock>() > limit` (or `>=`, or the mirror `limit < earlier -
        <clock>()`) where `earlier` is a local the function only ever binds to a clock reading
        (`received = utcnow()`, `started = time.monotonic()`) and the other side of the
        subtraction is a fresh clock call: the difference is never positive, so a limit that is
        not negative is never passed. A subtraction inside more arithmetic (`started -
        time.monotonic() + timeout`, time left) is not a test of elapsed time and is left alone.

    Why it matters:
        The operands are reversed: the elapsed time comes out negative, so the deadline or
        timeout check never fires, and the late or stuck work it was written to catch is never
        reported or stopped.

    Example:
        received = utcnow()
        await apply(command)
        if received - utcnow() > self._deadline:
            log.error("applied after the deadline")

    Instead:
        Subtract the earlier reading from the current time:

            if utcnow() - received > self._deadline:
    """

    id = "RA727"
    name = "elapsed-time-reversed"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        if not any(site.func and site.func[-1] in CLOCKS for func in ctx.facts.functions.values()
                   for site in func.calls):
            return  # the facts name no clock call: no walk
        readings: dict[int, frozenset[str]] = {}
        for node, func in nodes_with_function(ctx.tree):
            if func is None or not isinstance(node, ast.Compare) or len(node.ops) != 1:
                continue
            diff = _reversed_elapsed(node)
            if diff is None:
                continue
            if id(func) not in readings:
                readings[id(func)] = _only_clock_readings(func)
            if isinstance(diff.left, ast.Name) and diff.left.id in readings[id(func)]:
                yield self._finding(ctx, func, node, diff)

    def _finding(self, ctx: FileContext, func: Func, test: ast.Compare, diff: ast.BinOp) -> Finding:
        text, earlier = source_of(ctx.lines, test), source_of(ctx.lines, diff.left)
        now = source_of(ctx.lines, diff.right)
        description = (f"In {where(func)}, `{text}` subtracts the current time from `{earlier}`, an earlier "
                       f"clock reading: the difference is never positive, so the test never holds and the "
                       f"late case it was written to catch is never seen.")
        return self.finding(ctx.loc(test), f"`{text}` measures elapsed time backwards", description,
                            recommendation=f"Subtract the earlier reading from the current time "
                                           f"(`{now} - {earlier}`).")


def _reversed_elapsed(test: ast.Compare) -> ast.BinOp | None:
    """The `earlier - clock()` side of `earlier - clock() > limit` / `limit < earlier - clock()`,
    when the limit is not a negative literal; None otherwise."""
    op, left, right = test.ops[0], test.left, test.comparators[0]
    if isinstance(op, (ast.Lt, ast.LtE)):
        left, right = right, left
    elif not isinstance(op, (ast.Gt, ast.GtE)):
        return None
    if not (isinstance(left, ast.BinOp) and isinstance(left.op, ast.Sub) and isinstance(left.right, ast.Call)
            and is_clock(left.right)):
        return None
    if isinstance(right, ast.UnaryOp) and isinstance(right.op, ast.USub):
        return None  # `earlier - now() > -grace`: a negative limit can be passed
    return left


def _only_clock_readings(func: Func) -> frozenset[str]:
    """Locals every binding of which in `func` is a clock call (`started = time.monotonic()`);
    parameters, loop and `with` targets and other assignments disqualify a name."""
    clocked: set[str] = set()
    other: set[str] = {a.arg for a in ast.walk(func.args) if isinstance(a, ast.arg)}
    for node in ast.walk(func):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            clock = isinstance(node.value, ast.Call) and is_clock(node.value)
            (clocked if clock else other).update(names)
        elif isinstance(node, (ast.AugAssign, ast.For, ast.AsyncFor, ast.NamedExpr, ast.withitem)):
            target = node.optional_vars if isinstance(node, ast.withitem) else node.target
            if target is not None:
                other.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return frozenset(clocked - other)
