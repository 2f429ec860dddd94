"""RA202 n-plus-one: a lazy ORM relationship read for every item of a loop."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.data import of_context
from ..api import ProjectContext, Rule, register
from ._common import n1_doc, doc_location, requests_reaching, short


@register
class LazyLoadInLoop(Rule):
    """A lazy-loaded SQLAlchemy relationship read inside a loop over ORM objects.

    What it finds:
        `for participant in incident.participants: participant.individual.email` where
        `individual` is a `relationship()` with the default `lazy="select"` (or `"dynamic"`),
        the loop's items are known to be instances of the mapped class (a relationship
        collection, also of an object loaded with `session.get(Model, id)`, a typed parameter,
        a function returning `list[Model]` or a query on the model) and neither the query nor the
        function asks for it to be loaded (for a typed parameter, nor any caller handing the
        items over, also through `run_in_threadpool(render, rows)`, nor a function such a caller
        calls to load them)
        (`selectinload`, `joinedload`, `subqueryload`, `contains_eager`). In async code only
        `await item.awaitable_attrs.rel` (SQLAlchemy's AsyncAttrs) is reported: a plain
        access there raises instead of querying.

    Why it matters:
        SQLAlchemy emits one SELECT the first time each object's relationship is read, so
        the loop runs one query per item on top of the query that produced the items.

    Example:
        for participant in incident.participants:
            emails.append(participant.individual.email)

    Instead:
        Load the relationship with the items:

            select(Participant).options(selectinload(Participant.individual))

        or declare it `lazy="selectin"` when every reader needs it.
    """

    id = "RA202"
    name = "lazy-load-in-loop"
    category = "n-plus-one"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0
    effort_per_location = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        data = of_context(ctx)
        ctx.examine("ORM relationships", sum(len(r) for r in data.schema.relationships.values()))
        requests = requests_reaching(ctx)
        loops: dict[tuple[str, int], list] = {}
        for lazy in data.lazy:
            loops.setdefault((lazy.function, lazy.loop_line), []).append(lazy)
        for key in sorted(loops):
            yield self._finding(ctx, data, sorted(loops[key], key=lambda x: x.line), requests)

    def _finding(self, ctx: ProjectContext, data, group: list, requests: dict) -> Finding:
        lazy = group[0]
        rel = lazy.relationship
        model = short(lazy.model, 1)
        item, attr = lazy.access.split(".", 1)[0], rel.name
        entry = requests.get(lazy.function)
        single = _many_to_one(data, lazy.model, rel)
        per = (f"one SELECT per {item} whose `{attr}` is not already in the session" if single
               else f"one SELECT per {item}")
        others = [g for g in group[1:]]
        description = (
            f"`{short(lazy.function)}` loops over `{model}` objects ({lazy.source}, line {lazy.loop_line}) and "
            f"reads `{lazy.access}` for each; `{model}.{attr}` is a lazy relationship (lazy=\"{rel.lazy}\", "
            f"{rel.path}:{rel.line}), so SQLAlchemy runs {per}"
            + (f"; the loop also lazy-loads {', '.join(f'`{g.access}`' for g in others)}" if others else "")
            + "." + (f" Reached from {entry.name.strip()}." if entry is not None else "")
        )
        related = [Location(lazy.path, lazy.loop_line, lazy.loop_line, "the loop"),
                   Location(rel.path, rel.line, rel.line, f"`{model}.{attr}` is lazy")]
        related += [Location(g.path, g.line, g.line, f"`{g.access}` is lazy-loaded too") for g in others[:4]]
        related.extend(doc_location(n1_doc(ctx, ["selectinload", "joinedload"])))
        loads = ", ".join(f"selectinload({short(g.model, 1)}.{g.relationship.name})"
                          for g in [lazy, *others][:3])
        return self.finding(
            Location(lazy.path, lazy.line, lazy.line),
            f"N+1: `{lazy.access}` lazy-loads once per {item} in `{short(lazy.function)}`", description,
            severity="HIGH" if entry is not None else "MEDIUM", related=related,
            recommendation=(f"Load the relationship{'s' if others else ''} together with the {model} rows, in the "
                            f"query that produces them:\n\n    .options({loads})\n\n"
                            f"or set `lazy=\"selectin\"` on `{model}.{attr}` if every reader needs it."),
        )


def _many_to_one(data, model_fq: str, rel) -> bool:
    """A scalar reference (the item's table has `<name>_id`): SQLAlchemy looks it up in the
    session's identity map first, so only distinct, not yet loaded targets cost a query."""
    table = data.schema.tables.get(data.schema.models.get(model_fq, ""))
    return table is not None and f"{rel.name}_id" in table.columns
