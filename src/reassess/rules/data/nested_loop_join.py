"""RA220 inefficient-algorithm: joining two collections with nested loops."""
from __future__ import annotations

from ...findings import Finding
from ..api import FileContext, register
from ._filescan import Smell
from ._smells import SmellRule


@register
class NestedLoopJoin(SmellRule):
    """A loop inside a loop that matches items of two collections on equal keys.

    What it finds:
        `for a in A: for b in B: if a.key == b.key:` where both loops iterate over data and
        the test compares the outer item with the inner one; and the same search written as
        a comprehension inside the loop (`next(b for b in B if b.key == a.key)`,
        `[b for b in B if ...]`, `any(b.key == a.key for b in B)`). A comprehension over a
        part of the item itself, or over a list fetched anew on each pass, is not a join.

    Why it matters:
        The comparison runs len(A) x len(B) times; with a dict keyed on the join key the
        same result takes len(A) + len(B) steps.

    Example:
        for order in orders:
            for instrument in instruments:
                if instrument["id"] == order["instrument_id"]:
                    ...

    Instead:
        Index one side once:

            by_id = {instrument["id"]: instrument for instrument in instruments}
            for order in orders:
                instrument = by_id.get(order["instrument_id"])
    """

    id = "RA220"
    name = "nested-loop-join"
    category = "inefficient-algorithm"
    severity = "LOW"
    base_effort = 1.0
    kinds = ("nested-join",)

    def describe(self, ctx: FileContext, smell: Smell) -> Finding:
        outer, inner = smell.data["outer"], smell.data["inner"]
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line if smell.end_line - smell.line < 6 else smell.line),
            f"Linear search of `{inner}` for each item of `{outer}` in {self.where(smell)}" if smell.data.get("search")
            else f"Nested-loop join of `{outer}` and `{inner}` in {self.where(smell)}",
            f"{self.where(smell)} scans all of `{inner}` for every item of `{outer}` (line {smell.data['outer_line']}) "
            f"to find matches by equality (line {smell.data['test_line']}): len({outer}) x len({inner}) comparisons.",
            related=[ctx.line_loc(smell.data["outer_line"], note=f"the loop over `{outer}`")]
            if smell.data.get("search")
            else [ctx.line_loc(smell.data["test_line"], note="the equality test")],
            recommendation=(f"Index `{inner}` by the join key once, then look each item up:\n\n"
                            f"    index = {{key_of(x): x for x in {inner}}}\n"
                            f"    for item in {outer}:\n        match = index.get(key_of(item))"),
        )
