"""RA215 inefficient-algorithm: `x in some_list` (or `.index`/`.count`) inside a loop."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ..api import FileContext, register
from ._filescan import Smell
from ._smells import SmellRule


@register
class ListMembershipInLoop(SmellRule):
    """A membership test or lookup on a list, repeated for every item of a loop.

    What it finds:
        `x in names` / `x not in names`, `names.index(x)` and `names.count(x)` inside a loop
        over data, where `names` is a list built in the function (a list literal,
        comprehension, `list(...)`, `sorted(...)`, a redis reply that is a list such as
        `await redis.lrange(key, 0, -1)`, what a function of the same file returns when it builds
        the list from data, `muted = await self._muted_ids()` over `return [r.id for r in rows]`;
        of another file, `active = await self._repo.active_ids(site)` over `-> list[str]`, when the
        project resolves the call)
        or a parameter annotated `list[...]`, or any collection
        the loop itself grows with `.append` (`bucket["seen"]`, `self.keys`). Also a list built
        in the test (`x in [u.id for u in c.users]`) that an outer loop over data rebuilds unchanged
        on each of its passes, and `[x.name for x in rows].count(r.name)` per row.
        Also `.count(x)` / `.index(x)` of each of a collection's own items (`for w in
        set(words): words.count(w)`), whatever the collection is: both scan from the start.
        Tests against literals or constants (a local bound to a written-out list of
        constants or named values, `exts = [".csv", ".tsv"]`, `[Kind.A, Kind.B]`, is as short
        as the code), tests of a constant (`"test" in splits`, the same question on every pass)
        and loops over constants are not reported, nor loops over a written-out collection of
        the project (`for tool in TOOL_HELP.items()`, imported or not, that no function grows)
        or over the first or last k items (`history[-n:]`).

    Why it matters:
        Each test scans the list, so the loop costs len(items) x len(names): 10,000 items
        against 10,000 names is 100 million comparisons where a set needs 10,000.

    Example:
        seen = []
        for order in orders:
            if order["id"] not in seen:
                seen.append(order["id"])

    Instead:
        Keep a set (or a dict for `.index`) for the lookups:

            seen = set()
            for order in orders:
                if order["id"] not in seen:
                    seen.add(order["id"])
    """

    id = "RA215"
    name = "list-membership-in-loop"
    category = "inefficient-algorithm"
    severity = "LOW"
    base_effort = 0.5
    kinds = ("list-membership",)

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        """One finding per function and list: repeated tests on the same list are related lines."""
        groups: dict[tuple[str, str], list[Finding]] = {}
        for finding in super().check(ctx):
            groups.setdefault((finding.extra["function"], finding.extra["name"]), []).append(finding)
        for findings in groups.values():
            first = findings[0]
            for other in findings[1:]:
                first.related_locations.append(ctx.line_loc(other.location.start_line, other.location.end_line,
                                                            note="the same lookup again"))
            yield first

    def describe(self, ctx: FileContext, smell: Smell) -> Finding:
        name = smell.data["name"]
        how = f"`{name}.{smell.data['method']}(...)`" if smell.data.get("method") else f"`... in {name}`"
        if smell.data.get("rebuilt"):
            method = smell.data.get("method")
            return self.in_loop(
                ctx, smell,
                f"List rebuilt and scanned on every pass of a loop in {self.where(smell)}",
                f"{self.where(smell)} builds `{name}` and scans it with "
                f"{f'`.{method}(...)`' if method else '`in`'} on every pass of the loop "
                f"at line {smell.data['loop_line']}: the list is rebuilt and searched once per item, which is "
                "quadratic.",
                recommendation=("Count every value once before the loop and look the counts up:\n\n"
                                "    counts = collections.Counter(t.name for t in ...)\n    ... counts[tag.name] ..."
                                if method == "count" else
                                "Build a set (or a dict of positions) once before the loop and look it up:\n\n"
                                "    ids = {t.id for t in ...}\n    ... if tag.id not in ids ..."),
                extra={"function": smell.function, "name": name},
            )
        if smell.data.get("own"):
            return self._own_items(ctx, smell, name, how)
        extra: dict = {"function": smell.function, "name": name}
        if smell.data.get("callee_line"):  # bound to another file's result: kept when that is a list
            extra["unless"] = [{"check": "not-list-result", "function": smell.function,
                                "line": smell.data["callee_line"]}]
        return self.in_loop(
            ctx, smell,
            f"List lookup {how} inside a loop in {self.where(smell)}",
            f"{self.where(smell)} tests {how} for every item of the loop at line {smell.data['loop_line']}; "
            f"`{name}` is a list, so each test scans it: the loop costs one scan of `{name}` per item "
            f"(items x its length), where a set answers each test at once.",
            recommendation=(f"Build a set once before the loop and test against it:\n\n"
                            f"    {name}_set = set({name})\n    ... if item in {name}_set ..."),
            extra=extra,
        )

    def _own_items(self, ctx: FileContext, smell: Smell, name: str, how: str) -> Finding:
        counting = smell.data["method"] == "count"
        return self.in_loop(
            ctx, smell,
            f"{how} for each item of `{name}` in {self.where(smell)}",
            f"{self.where(smell)} looks up each item of `{name}` with {how} in the loop at line "
            f"{smell.data['loop_line']}; each call scans `{name}` from the start, so the loop is quadratic in its "
            f"length.",
            recommendation=("Count every item in one pass:\n\n    counts = collections.Counter(" + name + ")"
                            if counting else "Iterate with the positions instead:\n\n    for i, item in enumerate("
                            + name + "):"),
            extra={"function": smell.function, "name": name},
        )
