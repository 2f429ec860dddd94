"""RA218 inefficient-algorithm: sorting the same collection on every pass of a loop."""
from __future__ import annotations

from ...findings import Finding
from ..api import FileContext, register
from ._filescan import Smell
from ._smells import SmellRule


@register
class SortInLoop(SmellRule):
    """`sorted(x)` or `x.sort()` inside a loop, where `x` does not change in the loop.

    What it finds:
        Sorting a collection that the loop neither rebinds nor mutates, inside a loop over
        data: the same sort runs on every pass.

    Why it matters:
        Each pass pays O(m log m) for a result that does not change, so the loop costs
        n x m log m instead of one sort.

    Example:
        for alert in alerts:
            best = sorted(prices, key=lambda p: p.ts)[-1]

    Instead:
        Sort once before the loop (or use `max`/`min` when one element is needed):

            latest = max(prices, key=lambda p: p.ts)
            for alert in alerts:
                ...
    """

    id = "RA218"
    name = "sort-in-loop"
    category = "inefficient-algorithm"
    severity = "LOW"
    base_effort = 0.5
    kinds = ("sort-in-loop",)

    def describe(self, ctx: FileContext, smell: Smell) -> Finding:
        name = smell.data["name"]
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line),
            f"`{name}` sorted on every pass of a loop in {self.where(smell)}",
            f"{self.where(smell)} sorts `{name}` inside the loop at line {smell.data['loop_line']}, but the loop "
            f"does not change `{name}`: the same sort is repeated for every item.",
            related=[ctx.line_loc(smell.data["loop_line"], note="the loop")],
            recommendation=f"Sort once before the loop and reuse the result:\n\n    ordered = sorted({name})\n"
                           f"    for ...:\n        ... ordered ...",
        )
