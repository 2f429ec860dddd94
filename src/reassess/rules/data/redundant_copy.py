"""RA222 unnecessary-copy: a copy of a value that is already a fresh list."""
from __future__ import annotations

from ...findings import Finding
from ..api import FileContext, register
from ._filescan import Smell
from ._smells import SmellRule


@register
class RedundantCopy(SmellRule):
    """`list(sorted(x))`, `list(list(x))`, `sorted(list(x))`, `list([... for ...])`.

    What it finds:
        A `list()`/`sorted()` call around a value that is already a new list: the result of
        `sorted()`, `list()` or a list comprehension.

    Why it matters:
        The inner call already built a fresh list; the outer one copies every element again.

    Example:
        names = list(sorted(users, key=lambda u: u.name))

    Instead:
        names = sorted(users, key=lambda u: u.name)
    """

    id = "RA222"
    name = "redundant-copy"
    category = "unnecessary-copy"
    severity = "LOW"
    base_effort = 0.25
    kinds = ("double-copy",)

    def describe(self, ctx: FileContext, smell: Smell) -> Finding:
        outer, inner = smell.data["outer"], smell.data["inner"]
        inner_text = f"`{inner}(...)`" if inner != "a list comprehension" else inner
        return self.finding(
            ctx.line_loc(smell.line, smell.end_line),
            f"`{outer}(...)` copies the new list from {inner_text}",
            f"{self.where(smell)} wraps {inner_text}, which already returns a new list, in `{outer}(...)`: every "
            f"element is copied a second time.",
            recommendation=("Drop the outer call" + (" (or sort the comprehension's result in place with `.sort()`)"
                                                     if outer == "sorted" else "") + "."),
        )
