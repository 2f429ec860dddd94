"""RA219 inefficient-algorithm: `sorted(x)[0]` / `sorted(x)[-1]` where `min`/`max` is enough."""
from __future__ import annotations

from ...findings import Finding
from ..api import FileContext, register
from ._filescan import Smell
from ._smells import SmellRule


@register
class SortedForMinMax(SmellRule):
    """Sorting a whole collection to take its first or last element.

    What it finds:
        `sorted(x)[0]`, `sorted(x)[-1]` and `sorted(x, key=..., reverse=True)[0]`.

    Why it matters:
        Sorting is O(n log n) and builds a new list; `min`/`max` find the element in one
        O(n) pass without copying.

    Example:
        latest = sorted(fills, key=lambda f: f.ts)[-1]

    Instead:
        latest = max(fills, key=lambda f: f.ts)
    """

    id = "RA219"
    name = "sorted-for-min-max"
    category = "inefficient-algorithm"
    severity = "LOW"
    base_effort = 0.25
    kinds = ("sorted-first",)

    def describe(self, ctx: FileContext, smell: Smell) -> Finding:
        pick, arg, key = smell.data["pick"], smell.data["arg"], smell.data["key"]
        call = f"{pick}({arg}" + (f", key={key}" if key else "") + ")"
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line),
            f"`sorted(...)` used to take one element in {self.where(smell)}",
            f"{self.where(smell)} sorts `{arg}` (O(n log n), a new list) only to take one end of it; "
            f"`{pick}` finds it in one pass.",
            recommendation=f"Use `{pick}`:\n\n    {call}",
        )
