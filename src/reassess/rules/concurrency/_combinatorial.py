"""A combinatorial search: every subset or ordering of a collection the code was handed.

`itertools.combinations(tables, 4)` over the free tables of a restaurant is C(n, 4) turns of a
Python loop: 487,635 for 60 tables. Small and fixed sizes are cheap, so only a size of 3 or
more (or one that varies, `combinations(items, size)` inside `for size in range(2, MAX + 1)`)
over data (not a literal) counts, as does `permutations(items)` with no size: n! orderings.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...knowledge.blocking import COMBINATORIAL, COMBINATORIAL_SEARCH, Blocking
from ...knowledge.clients import canonical
from ._stretching import constant_value

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel

_CHEAP_SIZE = 2  # pairs: n² / 2 turns, what a nested loop costs


def combinatorial_search(model: "ProjectModel", edge: "Edge") -> Blocking | None:
    """COMBINATORIAL_SEARCH when `edge` walks the subsets or orderings of data with a size above a pair."""
    site = edge.site
    if edge.target.kind != "external" or site.star_args or not site.args:
        return None
    name = canonical(edge.target.name)
    if name not in COMBINATORIAL or _literal(site.args[0]):
        return None
    size = site.args[1] if len(site.args) > 1 else site.kwargs.get("r")
    if size is None:
        return COMBINATORIAL_SEARCH if name == "itertools.permutations" else None
    value = constant_value(model, edge.caller, size)
    if isinstance(value, int) and not isinstance(value, bool):
        return COMBINATORIAL_SEARCH if value > _CHEAP_SIZE else None
    return COMBINATORIAL_SEARCH if isinstance(size, dict) and "ref" in size else None


def _literal(value: object) -> bool:
    """A collection written in the code: its size is fixed."""
    return not isinstance(value, dict) or "literal" in value
