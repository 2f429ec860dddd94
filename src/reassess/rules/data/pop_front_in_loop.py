"""RA216 inefficient-algorithm: `list.pop(0)` / `list.insert(0, x)` inside a loop."""
from __future__ import annotations

from ...findings import Finding
from ..api import FileContext, register
from ._filescan import Smell
from ._smells import SmellRule


@register
class PopFrontInLoop(SmellRule):
    """Removing or inserting at the front of a list inside a loop.

    What it finds:
        `items.pop(0)` and `items.insert(0, x)` in a `for` or `while` loop, where `items` is a
        list built in the function, or `self.items` when every method of the class binds that
        attribute to a list. A front operation followed by `return`, `break` or `raise` in its
        block (it runs at most once per loop) is not reported.

    Why it matters:
        Every front operation shifts all remaining elements, so draining a list of n items
        this way costs O(n^2) instead of O(n).

    Example:
        while queue:
            job = queue.pop(0)

    Instead:
        Use `collections.deque`, whose `popleft()` and `appendleft()` are O(1):

            queue = deque(jobs)
            while queue:
                job = queue.popleft()
    """

    id = "RA216"
    name = "pop-front-in-loop"
    category = "inefficient-algorithm"
    severity = "LOW"
    base_effort = 0.5
    kinds = ("pop-front",)

    def describe(self, ctx: FileContext, smell: Smell) -> Finding:
        name, method = smell.data["name"], smell.data["method"]
        better = "popleft()" if method == "pop" else "appendleft(x)"
        call = f"{name}.pop(0)" if method == "pop" else f"{name}.insert(0, ...)"
        return self.in_loop(
            ctx, smell,
            f"`{call}` in a loop in {self.where(smell)}",
            f"{self.where(smell)} calls `{call}` on every pass of the loop at line "
            f"{smell.data['loop_line']}; each call shifts the whole list, so the loop is quadratic.",
            recommendation=(f"Make `{name}` a `collections.deque` and use `{name}.{better}`:\n\n"
                            + (f"    {name} = deque()  # where it is bound now\n" if name.startswith("self.")
                               else f"    {name} = deque({name})\n")
                            + f"    ... {name}.{better} ..."),
        )
