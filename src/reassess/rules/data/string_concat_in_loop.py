"""RA217 inefficient-algorithm: building a string with `+=` in a loop."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ..api import FileContext, register
from ._filescan import Smell
from ._smells import SmellRule


@register
class StringConcatInLoop(SmellRule):
    """A string built piece by piece with `+=` inside a loop over data.

    What it finds:
        `text += ...` in a `for` loop over data where `text` starts as a string literal, an
        f-string or a string built from one (`",".join(COLUMNS) + "\\n"`, `"{}".format(n)`) in the
        same function. Repetition loops (`for _ in range(n)`: padding, a random suffix) are not
        data and are left out, as are loops over a written-out collection of the project
        (`for tool, text in TOOL_HELP.items()`, imported or not, that no function grows), over the
        first or last k items (`turns[-n:]`), and strings the loop cuts again (`event, buffer =
        buffer.split(END, 1)` keeps only what is not consumed yet). Several `+=` on one string in
        one loop make one finding.

    Why it matters:
        Strings are immutable: each `+=` may copy everything built so far, which makes the
        loop quadratic in the output size (CPython only sometimes avoids the copy, other
        interpreters never do).

    Example:
        body = ""
        for row in rows:
            body += f"{row['id']},{row['name']}\\n"

    Instead:
        Collect the parts and join once:

            body = "".join(f"{row['id']},{row['name']}\\n" for row in rows)
    """

    id = "RA217"
    name = "string-concat-in-loop"
    category = "inefficient-algorithm"
    severity = "LOW"
    base_effort = 0.5
    kinds = ("str-concat",)

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        """One finding per loop and string: the other `+=` lines of that loop are related lines."""
        groups: dict[tuple, list[Finding]] = {}
        for finding in super().check(ctx):
            groups.setdefault(finding.extra["group"], []).append(finding)
        for findings in groups.values():
            first = findings[0]
            for other in findings[1:]:
                first.related_locations.append(ctx.line_loc(other.location.start_line, other.location.end_line,
                                                            note=f"`{first.extra['group'][1]}` grows here too"))
            yield first

    def describe(self, ctx: FileContext, smell: Smell) -> Finding:
        name = smell.data["name"]
        return self.in_loop(
            ctx, smell,
            f"String `{name}` built with `+=` in a loop in {self.where(smell)}",
            f"{self.where(smell)} appends to the string `{name}` on every pass of the loop at line "
            f"{smell.data['loop_line']}. Unless CPython can grow it in place (it tries while this local holds the "
            f"only reference; other interpreters never do), each `+=` copies the whole string built so far."
            + (" The loop reads a stream (`async for`): the text is bounded by what the peer sends, and the "
               "copying weighs little next to waiting for it." if smell.data.get("streamed") else ""),
            recommendation=(f"Collect the pieces in a list and join once after the loop:\n\n"
                            f"    parts = []\n    for ...:\n        parts.append(...)\n    {name} = \"\".join(parts)"),
            extra={"group": (smell.function, name, smell.data["loop_line"])},
        )
