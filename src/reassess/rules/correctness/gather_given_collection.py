"""RA731 wrong-call: `asyncio.gather([...])`, one collection of awaitables where each must be its own argument."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import CallSite, FunctionFacts
from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.resilience.blocks import expects_failure
from ..api import ProjectContext, Rule, register

_GATHERS = frozenset({"asyncio.gather", "asyncio.tasks.gather"})
# what `value_of` records for a list, tuple or set display and for a list, set or dict comprehension
_COLLECTIONS = frozenset({"list", "tuple", "set", "listcomp", "setcomp", "dictcomp"})


@register
class GatherGivenCollection(Rule):
    """`asyncio.gather(...)` handed a list of awaitables as one argument instead of unpacked.

    What it finds:
        A call of `asyncio.gather` with a positional argument that is a list, tuple or set display
        or a list, set or dict comprehension (`asyncio.gather([probe(n) for n in nodes])`), or a
        local bound once to one of those (`tasks = [fetch(u) for u in urls]`, then
        `asyncio.gather(tasks)`), not unpacked with `*`. `asyncio.wait(tasks)`, which takes one
        collection, is not concerned.

    Why it matters:
        `gather` takes each awaitable as its own argument: handed a list, it raises `TypeError:
        An asyncio.Future, a coroutine or an awaitable is required` every time the line runs, and
        the coroutines inside the list are never run (each leaves a "never awaited" warning). The
        path usually looks fine in review and fails on its first real call.

    Example:
        results = await asyncio.gather([self._probe(node) for node in self._nodes])

    Instead:
        Unpack the awaitables:

            results = await asyncio.gather(*(self._probe(node) for node in self._nodes))
    """

    id = "RA731"
    name = "gather-given-collection"
    category = "wrong-call"
    severity = "HIGH"
    scope = "project"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        for fq, edges in sorted(model.edges.items()):
            facts, func = model.functions[fq]
            if is_test_path(facts.path):
                continue
            for edge in edges:
                if edge.target.kind != "external" or edge.target.name not in _GATHERS \
                        or expects_failure(func, edge.site.line):
                    continue
                given = _collection_given(func, edge.site)
                if given:
                    yield self._finding(facts.path, fq, func, edge.site, given)

    def _finding(self, path: str, fq: str, func: FunctionFacts, site: CallSite, given: str) -> Finding:
        description = (f"`{func.qualname}` calls `{site.name}({given})` (line {site.line}): `gather` takes each "
                       f"awaitable as its own argument, so the {_what(given)} itself is what it tries to await. "
                       "The call raises `TypeError` every time it runs, and the coroutines inside are never run.")
        return self.finding(Location(path, site.line, site.end_line),
                            f"`{site.name}()` is given one collection instead of the awaitables in it",
                            description, recommendation=f"Unpack the awaitables: `{site.name}(*{given})`.")


def _collection_given(func: FunctionFacts, site: CallSite) -> str:
    """How the collection handed to `gather` is written ("[...]", or the local's name), "" if none is."""
    for arg in site.args:
        if not isinstance(arg, dict):
            continue
        if arg.get("literal") in _COLLECTIONS:
            return _display(arg["literal"])
        name = arg.get("ref", "")
        bound = func.local_types.get(name) if name and "." not in name else None
        if isinstance(bound, dict) and bound.get("literal") in _COLLECTIONS \
                and name not in func.extra.get("rebound", ()):
            return name
    return ""


def _display(kind: str) -> str:
    return {"tuple": "(...)", "set": "{...}", "setcomp": "{...}", "dictcomp": "{...}"}.get(kind, "[...]")


def _what(given: str) -> str:
    return "collection" if given[:1] in "[({" else f"collection `{given}`"
