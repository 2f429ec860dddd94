"""RA732 logic-error: `start <= now <= start - timedelta(...)`, a window that ends before it starts."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, binding_sites, group_bindings, nodes_with_function, same_expr, source_of, where

_BELOW, _ABOVE = (ast.Lt, ast.LtE), (ast.Gt, ast.GtE)


@register
class EmptyTimeWindow(Rule):
    """A window test whose end is its start moved back by a duration: no moment is inside it.

    What it finds:
        A chained comparison `start <= t <= end` (or with `<`, or the mirror `end >= t >= start`)
        where one bound is the other shifted the wrong way by a `timedelta(...)`: `end` is `start -
        timedelta(...)`, or `start` is `end + timedelta(...)`, written in the test itself or in a
        local the function binds once (`grace_end = domain.expires_at -
        timedelta(days=grace_days)`). The duration's arguments are literals that are not negative
        or names (a configured period). Cited at the shifted bound.

    Why it matters:
        The window's end comes before its start, so the test is false for every moment: the
        grace period, the booking slot or the renewal window it guards never opens, and the work
        behind it never runs. Nothing fails; the feature just never happens.

    Example:
        grace_end = domain.expires_at - timedelta(days=self._settings.grace_days)
        return domain.expires_at <= now <= grace_end

    Instead:
        Move the end forward from the start:

            grace_end = domain.expires_at + timedelta(days=self._settings.grace_days)
    """

    id = "RA732"
    name = "empty-time-window"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        if not any(site.func and site.func[-1] == "timedelta" for func in ctx.facts.functions.values()
                   for site in func.calls):
            return  # the facts name no duration: no walk
        bound: dict[Func, dict[str, ast.expr]] = {}
        for node, func in nodes_with_function(ctx.tree):
            if func is None or not isinstance(node, ast.Compare) or len(node.ops) != 2:
                continue
            if func not in bound:
                bound[func] = _bound_once(func)
            found = _shifted_bound(node, bound[func])
            if found is not None:
                yield self._finding(ctx, func, node, *found)

    def _finding(self, ctx: FileContext, func: Func, test: ast.Compare, shifted: ast.expr, base: ast.expr,
                 earlier: bool) -> Finding:
        text, moved, start = source_of(ctx.lines, test), source_of(ctx.lines, shifted), source_of(ctx.lines, base)
        end, how = ("end", "minus") if earlier else ("start", "plus")
        description = (f"In {where(func)}, `{text}` tests a window whose {end} is `{moved}`: `{start}` {how} a "
                       f"duration, so the window ends before it starts and no moment is inside it. The test is "
                       f"false every time, and what it guards never runs.")
        related = [] if shifted.lineno == test.lineno else [ctx.loc(test, note="the window test")]
        fixed = "+" if earlier else "-"
        return self.finding(ctx.loc(shifted), f"`{text}` tests a window that ends before it starts", description,
                            related=related,
                            recommendation=f"Shift the bound the other way (`{start} {fixed} timedelta(...)`), so "
                                           "the window runs from its start to its end.")


def _bound_once(func: Func) -> dict[str, ast.expr]:
    """Locals the function binds exactly once, to a plain value."""
    return {name: values[0] for name, values in group_bindings(binding_sites(func)).items()
            if len(values) == 1 and values[0] is not None}


def _shifted_bound(test: ast.Compare, bound: dict[str, ast.expr]) -> tuple[ast.expr, ast.expr, bool] | None:
    """(the shifted bound as written, the bound it is shifted from, True when the end is moved back)
    for `start <= t <= start - timedelta(...)` or `end + timedelta(...) <= t <= end`; None otherwise."""
    kinds = {type(op) for op in test.ops}
    if kinds <= set(_BELOW):
        low, high = test.left, test.comparators[1]
    elif kinds <= set(_ABOVE):
        low, high = test.comparators[1], test.left
    else:
        return None
    value = _value(high, bound)  # the local's binding when the test names a local: the shift is written there
    if _moved(value, ast.Sub, low, bound):
        return value, low, True
    value = _value(low, bound)
    if _moved(value, ast.Add, high, bound):
        return value, high, False
    return None


def _value(node: ast.expr, bound: dict[str, ast.expr]) -> ast.expr:
    return bound.get(node.id, node) if isinstance(node, ast.Name) else node


def _moved(value: ast.expr, op: type, other: ast.expr, bound: dict[str, ast.expr]) -> bool:
    """`value` is `other <op> timedelta(...)` with a duration that is not negative."""
    if not (isinstance(value, ast.BinOp) and isinstance(value.op, op) and _duration(value.right)):
        return False
    return same_expr(value.left, other) or same_expr(value.left, _value(other, bound))


def _duration(node: ast.expr) -> bool:
    """`timedelta(days=n)` / `datetime.timedelta(hours=1)` with non-negative literals or names."""
    if not isinstance(node, ast.Call):
        return False
    name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(node.func, ast.Attribute) \
        else ""
    args = [*node.args, *(k.value for k in node.keywords)]
    return name == "timedelta" and bool(args) and all(
        isinstance(a, (ast.Name, ast.Attribute)) or isinstance(a, ast.Constant) and isinstance(a.value, (int, float))
        and not isinstance(a.value, bool) and a.value >= 0 for a in args)
