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
        data: the same sort runs on every pass. Also a list re-sorted on every pass only to
        take its first or last item (`pending.sort(...)`, then `pending[0]` / `pending.pop()`):
        a priority queue written as a full sort per step. A list appended to and re-sorted on
        every pass though the loop never reads it (one sort after the loop does), also a group's
        list taken from a dict for each item (`lane = lanes.setdefault(key, [])`, `lane.append(row)`,
        `lane.sort(...)`: each group is sorted again per item it gets). And a helper
        of the same file that sorts a parameter (`ranked = sorted(values)`), called in a loop
        with the same, unchanged collection on every pass. Not an attribute of the object
        (`sorted(self._subscribers)`) in a `while` loop that waits on each pass (`await`,
        `queue.get(timeout=...)`): other tasks or threads change it while the loop waits.

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
        if smell.data.get("pick"):
            return self._pick(ctx, smell, name)
        if smell.data.get("grown"):
            return self._grown(ctx, smell, name)
        if smell.data.get("call_line"):
            return self._per_call(ctx, smell, name)
        return self.in_loop(
            ctx, smell,
            f"`{name}` sorted on every pass of a loop in {self.where(smell)}",
            f"{self.where(smell)} sorts `{name}` inside the loop at line {smell.data['loop_line']}, but the loop "
            f"does not change `{name}`: the same sort is repeated for every item.",
            recommendation=f"Sort once before the loop and reuse the result:\n\n    ordered = sorted({name})\n"
                           f"    for ...:\n        ... ordered ...",
        )

    def _pick(self, ctx: FileContext, smell: Smell, name: str) -> Finding:
        return self.in_loop(
            ctx, smell,
            f"`{name}` re-sorted on every pass to take one end of it in {self.where(smell)}",
            f"{self.where(smell)} sorts all of `{name}` on each pass of the loop at line {smell.data['loop_line']} "
            f"and then uses only its first (or last) item: n passes over m items cost n x m log m where a heap "
            f"costs log m per pass (or `min`/`max`, one pass over m, when the order keys change every pass).",
            recommendation=f"Keep `{name}` as a heap and pop the smallest item each pass:\n\n"
                           f"    heap = [(key(item), i, item) for i, item in enumerate({name})]\n"
                           f"    heapq.heapify(heap)\n    while heap:\n        _, _, item = heapq.heappop(heap)\n"
                           f"        ...  # heapq.heappush(heap, (new_key, i, item)) to put it back",
        )

    def _grown(self, ctx: FileContext, smell: Smell, name: str) -> Finding:
        if smell.data.get("bucket"):
            return self._grown_bucket(ctx, smell, name, smell.data["bucket"])
        return self.in_loop(
            ctx, smell,
            f"`{name}` re-sorted after every item added in {self.where(smell)}",
            f"{self.where(smell)} adds to `{name}` and sorts all of it on each pass of the loop at line "
            f"{smell.data['loop_line']}, but nothing in the loop reads the order: n passes cost n sorts of a growing "
            f"list (quadratic or worse) where one sort after the loop gives the same result.",
            recommendation=f"Collect first, sort once after the loop:\n\n    for ...:\n        {name}.append(item)\n"
                           f"    {name}.sort(key=...)",
        )

    def _grown_bucket(self, ctx: FileContext, smell: Smell, name: str, groups: str) -> Finding:
        return self.in_loop(
            ctx, smell,
            f"each list of `{groups}` re-sorted after every item added in {self.where(smell)}",
            f"{self.where(smell)} appends each item to its group's list `{name}` (from `{groups}`) and sorts that "
            f"whole list again on every pass of the loop at line {smell.data['loop_line']}, though nothing in the "
            f"loop reads the order: a group of k items is sorted k times (quadratic or worse) where one sort per "
            f"group after the loop gives the same result.",
            recommendation=f"Group first, sort each group once after the loop:\n\n    for ...:\n"
                           f"        {groups}.setdefault(key, []).append(item)\n"
                           f"    for group in {groups}.values():\n        group.sort(key=...)",
        )

    def _per_call(self, ctx: FileContext, smell: Smell, name: str) -> Finding:
        arg, call = smell.data["arg"], smell.data["call_line"]
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line),
            f"`{name}` sorted on every call of {self.where(smell)}, called per item of a loop",
            f"{self.where(smell)} sorts its parameter `{name}`, and the loop at line {smell.data['loop_line']} calls "
            f"it (line {call}) for every item with the same `{arg}`, which the loop does not change: the same sort "
            f"is repeated for every item, n x m log m instead of one sort.",
            related=[ctx.line_loc(call, note=f"called per item with the same `{arg}`"),
                     ctx.line_loc(smell.data["loop_line"], note="the loop")],
            recommendation=f"Sort `{arg}` once before the loop and pass the sorted list in (the helper then uses it "
                           f"as is, e.g. with `bisect`):\n\n    ranked = sorted({arg})\n    for ...:\n"
                           f"        ... helper(..., ranked)",
        )
