"""RA713 logic-error: `sorted(items)` as a statement, a new value built and thrown away."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ..api import ProjectContext, Rule, register

# builtins that return a new value and change nothing: called as a statement, they do no work
_NEW_VALUE = {"sorted": "items.sort(key=...)", "reversed": "items.reverse()",
              "round": "value = round(value, 2)", "abs": "value = abs(value)"}


@register
class DiscardedNewValue(Rule):
    """A call that only returns a new value (`sorted`, `reversed`, `round`, `abs`) used as a
    whole statement, so its result is dropped.

    What it finds:
        An expression statement calling the builtin `sorted(...)`, `reversed(...)`, `round(...)` or
        `abs(...)` (resolved as the builtin: a project function of that name is not reported).
        These never change their argument; the statement has no effect.

    Why it matters:
        The code after it works on the unchanged value: a timeline meant to be in time order is
        returned in whatever order the query produced, an amount meant to be rounded is stored
        unrounded. It reads as correct, so reviews and tests that use already-ordered data miss it.

    Example:
        events = list(await repo.events_for(attempt_id))
        sorted(events, key=lambda e: e.created_at)
        return [e.as_dict() for e in events]

    Instead:
        Keep the result, or change the list in place:

            events.sort(key=lambda e: e.created_at)
    """

    id = "RA713"
    name = "discarded-new-value"
    category = "logic-error"
    severity = "HIGH"
    scope = "project"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        for fq, edges in model.edges.items():
            for edge in edges:
                name = edge.target.name.removeprefix("builtins.")
                if edge.site.discarded and edge.target.kind == "builtin" and name in _NEW_VALUE:
                    yield self._finding(model, fq, edge, name)

    def _finding(self, model, fq: str, edge, name: str) -> Finding:
        path = model.functions[fq][0].path
        description = (f"In `{fq.rsplit('.', 1)[-1]}`, `{name}(...)` (line {edge.site.line}) builds a new value and "
                       f"the statement drops it: `{name}` never changes its argument, so the code after it still "
                       "works on the unchanged value.")
        return self.finding(Location(path, edge.site.line, edge.site.end_line),
                            f"Result of `{name}(...)` is discarded", description,
                            recommendation=f"Assign the result, or change the value in place, e.g. "
                                           f"`{_NEW_VALUE[name]}`.")
