"""RA238 unnecessary-copy: `acc = acc + [item]` rebuilds the accumulated list or bytes on every pass."""
from __future__ import annotations

from ...findings import Finding
from ..api import FileContext, register
from ._filescan import Smell
from ._smells import SmellRule


@register
class ConcatCopyInLoop(SmellRule):
    """A list or bytes accumulator grown with `acc = acc + more` inside a loop over data.

    What it finds:
        `batch = batch + [point]` or `body = body + chunk` in a loop over data (a `for` over
        items, a `while` consuming a queue or a stream), where the function started `batch` as a
        list or `body` as bytes (`[]`, `b""`). Repetition loops (`for _ in range(n)`) are left
        out. Strings grown with `+=` are RA217's.

    Why it matters:
        `acc + more` builds a new object holding everything gathered so far and then drops the
        old one: every pass copies the whole accumulator, so gathering n items costs n x n / 2
        element copies and the peak memory is twice the result. `append`/`extend`/`+=` on a
        list, or a `bytearray`, grow in place.

    Example:
        batch = []
        while True:
            batch = batch + [await queue.get()]

    Instead:
        Grow it in place (or collect the chunks and join once):

            batch.append(await queue.get())
            body = bytearray(); body += chunk   # or b"".join(chunks)
    """

    id = "RA238"
    name = "concat-copy-in-loop"
    category = "unnecessary-copy"
    severity = "LOW"
    base_effort = 0.25
    kinds = ("concat-copy",)

    def describe(self, ctx: FileContext, smell: Smell) -> Finding:
        name, kind = smell.data["name"], smell.data["shape"]
        instead = (f"{name}.extend({smell.data['added']})  # or {name}.append(item)" if kind == "list"
                   else f"{name} = bytearray() before the loop, then {name} += {smell.data['added']}")
        return self.in_loop(
            ctx, smell,
            f"`{name} = {name} + ...` copies the whole {kind} on every pass in {self.where(smell)}",
            f"{self.where(smell)} grows the {kind} `{name}` with `{name} = {name} + ...` on every pass of the loop "
            f"at line {smell.data['loop_line']}: each pass builds a new {kind} holding everything gathered so far, "
            f"so the copies grow quadratically with the number of items.",
            recommendation=f"Grow it in place:\n\n    {instead}",
        )
