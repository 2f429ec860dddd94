"""RA221 unnecessary-copy: copying a collection only to iterate over it."""
from __future__ import annotations

from ...findings import Finding
from ..api import FileContext, register
from ._filescan import Smell
from ._smells import SmellRule


@register
class CopyForIteration(SmellRule):
    """`for k in list(d.keys())` (or `list(d)`, `list(items)`) when the loop body never
    changes the collection.

    What it finds:
        A `list(...)`/`tuple(...)` copy in a `for` statement whose body does not add to,
        remove from or assign into the copied collection and cannot be suspended (no `await`
        or `yield`, so no other task can change it meanwhile), nor hands the item to a method
        named for removing it (`ledger.remove_position(key)`: what it empties cannot be seen), nor
        calls a method of the object that changes the copied attribute (`self._expire(key)` popping
        from `self._leases`, directly or through its own `self.` calls, also when the loop copies a local
        bound to the attribute, `leases = self._leases`), nor copies an attribute whose removal method the
        class hands out as a callback (`task.add_done_callback(self._tasks.discard)`), nor a local whose removal
        method its function (or a closure in it) hands out so (`task.add_done_callback(tasks.discard)`). And `for x in copy.deepcopy(items)`
        when the body only reads each item (fields read, counted, logged; nothing changed,
        stored or passed on) and cannot be suspended, or the items are a local's that no other
        task holds (what an awaited call just returned, a list built here).

    Why it matters:
        The copy allocates and fills a new list of every element before the first iteration;
        for large collections on a hot path that is memory and time for nothing.

    Example:
        for symbol in list(self._quotes.keys()):
            total += self._quotes[symbol]

    Instead:
        Iterate the collection itself (copy only when the body mutates it):

            for symbol in self._quotes:
                total += self._quotes[symbol]
    """

    id = "RA221"
    name = "copy-for-iteration"
    category = "unnecessary-copy"
    severity = "LOW"
    base_effort = 0.25
    kinds = ("copy-for-iteration",)

    def describe(self, ctx: FileContext, smell: Smell) -> Finding:
        collection, copy = smell.data["collection"], smell.data["copy"]
        if smell.data.get("deep"):
            title = f"`{copy}` deep-copies `{collection}` only to read its items"
            description = (f"{self.where(smell)} deep-copies `{collection}` (every item and everything inside it) "
                           "before looping, but the loop only reads the items and never yields control: nothing is "
                           "changed, so the copy protects nothing and costs a full rebuild of the collection on "
                           "every call.")
        else:
            title = f"`{copy}` copies `{collection}` only to iterate it"
            description = (f"{self.where(smell)} copies `{collection}` into a new sequence before looping, but the "
                           f"loop body never changes `{collection}` and never yields control, so the copy is not "
                           "needed.")
        calls, attr = smell.data.get("self_calls") or [], smell.data.get("attr")
        extra = {"unless": [{"check": "self-calls-change", "function": smell.function, "lines": calls,
                             "attr": attr}]} if attr else None
        return self.finding(ctx.line_loc(smell.line, smell.end_line), title, description, extra=extra,
                            recommendation=f"Iterate `{collection}` directly:\n\n"
                                           f"    for item in {collection}:\n        ...")
