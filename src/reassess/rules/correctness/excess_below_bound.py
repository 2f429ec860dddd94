"""RA735 logic-error: `overtime = max(0, THRESHOLD - worked)`, an excess over a bound computed as the room
left under it."""
from __future__ import annotations

import ast
from typing import Iterator

from ...facts.visitor import own_nodes
from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import (Func, Resolve, constant, functions_subtracting_from, module_constants, name_words,
                          named_values, own_name, source_of, where)

# names of an amount beyond a bound (`weekly_ot`, `overage`, `excess_kwh`)
_EXCESS = frozenset({"overtime", "ot", "excess", "overage", "surplus", "overflow", "overrun", "over"})
# ... unless the name also says the room left under it (`over_limit_remaining`, `under_over`)
_ROOM = frozenset({"remaining", "left", "headroom", "room", "under", "short", "shortfall", "deficit", "spare",
                   "available", "until", "below", "rest", "credit", "missing"})
# names of the bound the excess is measured from (`WEEKLY_OT_THRESHOLD`, `plan.included_requests`)
_BOUND = frozenset({"threshold", "limit", "cap", "quota", "allowance", "included", "free", "allotment", "max",
                    "maximum", "ceiling"})


@register
class ExcessBelowBound(Rule):
    """An amount over a bound computed as the bound minus the amount: the room left, not the excess.

    What it finds:
        A value named as an excess over a bound (`overtime`, `weekly_ot`, `overage`, `excess`,
        `surplus`; a local, an attribute or the function returning it) computed as `max(0, BOUND -
        amount)` or `BOUND - amount`, where `BOUND` is named as the bound (`WEEKLY_OT_THRESHOLD`,
        `plan.included_requests`, `self.free_minutes`, `quota`) and `amount` is not (nor a number).
        Names that also say the room left (`overage_remaining`) are left alone.

    Why it matters:
        The operands are reversed: the result is how far the amount stays under the bound. Whoever
        is under the bound is charged (or paid) for an excess, and whoever is over it gets none:
        41 hours worked give no overtime, 10 give 30.

    Example:
        weekly_ot = max(ZERO, WEEKLY_OT_THRESHOLD - total)

    Instead:
        Subtract the bound from the amount:

            weekly_ot = max(ZERO, total - WEEKLY_OT_THRESHOLD)
    """

    id = "RA735"
    name = "excess-below-bound"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        resolve = module_constants(ctx.facts, ctx.tree)
        for func in functions_subtracting_from(ctx.tree, _BOUND):
            for node in own_nodes(func.body):
                for name, value in named_values(node, func):
                    diff = _room_left(value, resolve) if _excess_name(name) else None
                    if diff is not None:
                        yield self._finding(ctx, func, name, diff)

    def _finding(self, ctx: FileContext, func: Func, name: str, diff: ast.BinOp) -> Finding:
        text, bound, amount = (source_of(ctx.lines, n) for n in (diff, diff.left, diff.right))
        description = (f"In {where(func)}, `{name}` is the excess over `{bound}`, but `{text}` subtracts `{amount}` "
                       f"from the bound: that is how far `{amount}` stays under it. Every amount under the bound "
                       "gets an excess and every amount over it gets none.")
        return self.finding(ctx.loc(diff), f"`{name}` counts the room under `{bound}`, not the excess: `{text}`",
                            description, recommendation=f"Subtract the bound from the amount: `{amount} - {bound}`.")


def _excess_name(name: str) -> bool:
    words = set(name_words(name))
    return bool(words & _EXCESS) and not words & _ROOM


def _room_left(value: ast.expr, resolve: Resolve) -> ast.BinOp | None:
    """`BOUND - amount` in `max(0, BOUND - amount)` (either order) or alone."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "max" \
            and len(value.args) == 2 and not value.keywords:
        rest = [a for a in value.args if constant(a, resolve) != 0]
        value = rest[0] if len(rest) == 1 else value
    if not (isinstance(value, ast.BinOp) and isinstance(value.op, ast.Sub)):
        return None
    bound, amount = value.left, value.right
    if _BOUND.intersection(name_words(own_name(bound))) and _BOUND.isdisjoint(name_words(own_name(amount))) \
            and constant(amount, resolve) is None:
        return value
    return None
