"""A combinatorial search: every subset or ordering of a collection the code was handed.

`itertools.combinations(tables, 4)` over the free tables of a restaurant is C(n, 4) turns of a
Python loop: 487,635 for 60 tables. Small and fixed sizes are cheap, so only a size of 3 or
more (or one that varies, `combinations(items, size)` inside `for size in range(2, MAX + 1)`)
over data (not a literal) counts, as does `permutations(items)` with no size: n! orderings.
`itertools.product(alphabet, repeat=length)` walks len(alphabet) ** length tuples: heavy when the
repeat varies (a parameter with no constant default), when it is above a pair over data, or when
a written-out alphabet and a constant repeat come to tens of thousands of turns (`"ACGT"` to the
8th is 65,536; `"01"` to the 8th, 256, is not).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...knowledge.blocking import COMBINATORIAL, COMBINATORIAL_SEARCH, Blocking
from ...knowledge.clients import canonical
from ._stretching import constant_value

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel

_CHEAP_SIZE = 2  # pairs: n² / 2 turns, what a nested loop costs
_MANY_TURNS = 50_000  # tuples of a product over written-out alphabets: a Python loop of this many turns


def combinatorial_search(model: "ProjectModel", edge: "Edge") -> Blocking | None:
    """COMBINATORIAL_SEARCH when `edge` walks the subsets or orderings of data with a size above a pair."""
    site = edge.site
    if edge.target.kind != "external" or site.star_args or not site.args:
        return None
    name = canonical(edge.target.name)
    if name == "itertools.product":
        return _repeated_product(model, edge)
    if name not in COMBINATORIAL or _literal(site.args[0]):
        return None
    size = site.args[1] if len(site.args) > 1 else site.kwargs.get("r")
    if size is None:
        return COMBINATORIAL_SEARCH if name == "itertools.permutations" else None
    value = constant_value(model, edge.caller, size)
    if isinstance(value, int) and not isinstance(value, bool):
        return COMBINATORIAL_SEARCH if value > _CHEAP_SIZE else None
    return COMBINATORIAL_SEARCH if isinstance(size, dict) and "ref" in size else None


def _repeated_product(model: "ProjectModel", edge: "Edge") -> Blocking | None:
    """COMBINATORIAL_SEARCH for `product(*iterables, repeat=r)` whose tuples grow exponentially
    with `r`; a product without `repeat` is a nested loop over its inputs, not a search."""
    repeat = edge.site.kwargs.get("repeat")
    if repeat is None:
        return None
    value = constant_value(model, edge.caller, repeat)
    if not isinstance(value, int) or isinstance(value, bool):
        return COMBINATORIAL_SEARCH if isinstance(repeat, dict) and "ref" in repeat else None
    sizes = [_literal_size(arg) for arg in edge.site.args]
    if any(size is None for size in sizes):  # data: as many turns as the input has items, to the r-th
        return COMBINATORIAL_SEARCH if value > _CHEAP_SIZE else None
    turns = 1
    for size in sizes:
        turns *= size
    return COMBINATORIAL_SEARCH if turns ** value >= _MANY_TURNS else None


def _literal_size(value: object) -> int | None:
    """How many items a written-out iterable has (`"ACGT"`, `(0, 1)`), None for data."""
    if isinstance(value, (str, list, tuple)):  # a tuple of constants is recorded as their list
        return len(value)
    if isinstance(value, dict) and "literal" in value and isinstance(value.get("size"), int) and value["size"] >= 0:
        return value["size"]
    return None


def _literal(value: object) -> bool:
    """A collection written in the code: its size is fixed."""
    return not isinstance(value, dict) or "literal" in value
