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
        The same difference is found when written another way: through `.total_seconds()`
        (`(received - utcnow()).total_seconds() > limit`) or kept in a local first (`elapsed =
        started - time.monotonic()` then `if elapsed >= limit:`, when that is the local's only
        binding).

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
        kept: dict[int, dict[str, ast.BinOp]] = {}
        for node, func in nodes_with_function(ctx.tree):
            if func is None or not isinstance(node, ast.Compare) or len(node.ops) != 1:
                continue
            if id(func) not in kept:
                kept[id(func)] = _kept_differences(func)
            diff = _reversed_elapsed(node, kept[id(func)])
            if diff is None:
                continue
            if id(func) not in readings:
                readings[id(func)] = _only_clock_readings(func)
            if isinstance(diff.left, ast.Name) and diff.left.id in readings[id(func)]:
                yield self._finding(ctx, func, node, diff)

    def _finding(self, ctx: FileContext, func: Func, test: ast.Compare, diff: ast.BinOp) -> Finding:
        text, earlier = source_of(ctx.lines, test), source_of(ctx.lines, diff.left)
        now = source_of(ctx.lines, diff.right)
        kept = "" if _contains(test, diff) else f" (the difference `{source_of(ctx.lines, diff)}`, line {diff.lineno})"
        description = (f"In {where(func)}, `{text}`{kept} subtracts the current time from `{earlier}`, an earlier "
                       f"clock reading: the difference is never positive, so the test never holds and the "
                       f"late case it was written to catch is never seen.")
        return self.finding(ctx.loc(test), f"`{text}` measures elapsed time backwards", description,
                            recommendation=f"Subtract the earlier reading from the current time "
                                           f"(`{now} - {earlier}`).")


def _reversed_elapsed(test: ast.Compare, kept: dict[str, ast.BinOp]) -> ast.BinOp | None:
    """The `earlier - clock()` side of `earlier - clock() > limit` / `limit < earlier - clock()`
    (directly, through `.total_seconds()` or through a local in `kept`), when the limit is not a
    negative literal; None otherwise."""
    op, left, right = test.ops[0], test.left, test.comparators[0]
    if isinstance(op, (ast.Lt, ast.LtE)):
        left, right = right, left
    elif not isinstance(op, (ast.Gt, ast.GtE)):
        return None
    diff = _difference(left, kept)
    if diff is None:
        return None
    if isinstance(right, ast.UnaryOp) and isinstance(right.op, ast.USub):
        return None  # `earlier - now() > -grace`: a negative limit can be passed
    return diff


def _difference(side: ast.expr, kept: dict[str, ast.BinOp]) -> ast.BinOp | None:
    """`earlier - clock()` when `side` is that subtraction, its `.total_seconds()`, or a local
    holding it."""
    if isinstance(side, ast.Name):
        return kept.get(side.id)
    if isinstance(side, ast.Call) and not side.args and not side.keywords \
            and isinstance(side.func, ast.Attribute) and side.func.attr == "total_seconds":
        side = side.func.value  # `(earlier - now()).total_seconds()`: the same sign
    if isinstance(side, ast.BinOp) and isinstance(side.op, ast.Sub) and isinstance(side.right, ast.Call) \
            and is_clock(side.right):
        return side
    return None


def _kept_differences(func: Func) -> dict[str, ast.BinOp]:
    """Locals whose one binding in `func` is `earlier - clock()` (or its `.total_seconds()`):
    `elapsed = started - time.monotonic()`. A name bound twice, or by a loop, `with` or augmented
    assignment, may hold anything at the comparison and is left out."""
    found: dict[str, ast.BinOp] = {}
    counts: dict[str, int] = {}
    for node in ast.walk(func):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in (n.id for n in ast.walk(target) if isinstance(n, ast.Name)):
                    counts[name] = counts.get(name, 0) + 1
                    diff = _difference(node.value, {}) if isinstance(target, ast.Name) and node.value else None
                    if diff is not None:
                        found[name] = diff
        elif isinstance(node, (ast.AugAssign, ast.For, ast.AsyncFor, ast.NamedExpr, ast.withitem)):
            target = node.optional_vars if isinstance(node, ast.withitem) else node.target
            for name in (n.id for n in ast.walk(target) if isinstance(n, ast.Name)) if target is not None else ():
                counts[name] = counts.get(name, 0) + 2
    params = {a.arg for a in ast.walk(func.args) if isinstance(a, ast.arg)}
    return {name: diff for name, diff in found.items() if counts.get(name) == 1 and name not in params}


def _contains(outer: ast.AST, inner: ast.AST) -> bool:
    return any(node is inner for node in ast.walk(outer))


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
