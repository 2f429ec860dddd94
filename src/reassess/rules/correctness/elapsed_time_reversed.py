"""RA727 logic-error: `if started - time.monotonic() > limit:`, an elapsed time subtracted the wrong way."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ...knowledge.clocks import CLOCKS
from ..api import FileContext, Rule, register
from ._conditions import Bindings, Func, binding_sites, group_bindings, is_clock, nodes_with_function, source_of, \
    where


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
        known: dict[int, tuple[dict[str, ast.BinOp], frozenset[str]]] = {}
        for node, func in nodes_with_function(ctx.tree):
            if func is None or not isinstance(node, ast.Compare) or len(node.ops) != 1:
                continue
            if id(func) not in known:
                known[id(func)] = _locals_of(func)
            kept, readings = known[id(func)]
            diff = _reversed_elapsed(node, kept)
            if diff is not None and isinstance(diff.left, ast.Name) and diff.left.id in readings:
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


def _locals_of(func: Func) -> tuple[dict[str, ast.BinOp], frozenset[str]]:
    """The kept differences and the clock readings of `func`, from one walk of its bindings."""
    sites = binding_sites(func)
    return _kept_differences(group_bindings(sites)), _only_clock_readings(group_bindings(sites, unpacked=False))


def _kept_differences(bindings: Bindings) -> dict[str, ast.BinOp]:
    """Locals whose one binding is `earlier - clock()` (or its `.total_seconds()`): `elapsed =
    started - time.monotonic()`. A name bound twice, or by a parameter, loop, `with`, augmented or
    unpacking assignment, may hold anything at the comparison and is left out."""
    found: dict[str, ast.BinOp] = {}
    for name, values in bindings.items():
        diff = _difference(values[0], {}) if len(values) == 1 and values[0] is not None else None
        if diff is not None:
            found[name] = diff
    return found


def _contains(outer: ast.AST, inner: ast.AST) -> bool:
    return any(node is inner for node in ast.walk(outer))


def _only_clock_readings(bindings: Bindings) -> frozenset[str]:
    """Locals every binding of which is a clock call (`started = time.monotonic()`); a
    parameter, loop or `with` target or any other assignment disqualifies a name (bindings
    inside a wider target are not in `bindings`: they neither count nor disqualify)."""
    return frozenset(name for name, values in bindings.items()
                     if all(isinstance(value, ast.Call) and is_clock(value) for value in values))
