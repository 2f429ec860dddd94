"""Property reads as calls: `obj.prop` where `prop` is a `@property` (or `cached_property`) of the
class the receiver is typed as runs the getter, and `obj.prop = v` runs the setter, though the code
writes no call. Without these edges a handler reaching a blocking call only through a getter looks
clean, and a getter read everywhere looks as if nothing called it.

Each edge is linked only when the receiver's class is resolved and the attribute is a property of
it through the MRO (a plain method or nothing found first stops the search), from the attribute
chains the per-file facts record (`extra["attr_reads"]`), so no rule walks a tree for it. The
edges are marked (`Edge.kind` "property" / "setter") for rules that ask about calls as written,
kept by caller in `model.property_edges` (walked forward through `model.implied_edges`) and added
to `model.callers`, so `reach` and "who calls this" see them as they see the `Depends()` providers.
A getter read many times in one place is linked once per enclosing loop: the same call, not more.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..facts.types import CallSite, FunctionFacts
from ..knowledge.descriptors import is_property
from .edges import Edge
from .resilience.blocks import ifs, inside
from .resolve import Target

if TYPE_CHECKING:
    from .project import ProjectModel

Accessors = dict[tuple[str, str], str]  # (class fq, attribute) -> getter / setter fq


def link_properties(model: "ProjectModel") -> dict[str, list[Edge]]:
    """caller fq -> an edge per property getter (setter) its attribute reads (assignments) run."""
    getters, setters = _accessors(model)
    names = {attr for _, attr in getters} | {attr for _, attr in setters}
    out: dict[str, list[Edge]] = {}
    if not names:
        return out
    for fq, (facts, func) in model.functions.items():
        reads = func.extra.get("attr_reads")
        if not reads:
            continue
        linked: set[tuple[str, int]] = set()
        for chain, line, col, role, loop_line, loop_iter, in_try, locks in reads:
            last = len(chain) - 1
            for index in range(1, len(chain)):
                attr = chain[index]
                if attr not in names or index == last and role == "c":  # a written call has its own edge
                    continue
                setting = index == last and role == "s"
                receiver = model.resolver.type_of_chain(facts, func, chain[:index])
                if receiver is None or receiver[0] != "instance":
                    continue
                target = _accessor(model, setters if setting else getters, receiver[1], attr)
                if not target or target == fq or (target, loop_line) in linked:
                    continue
                linked.add((target, loop_line))
                site = CallSite(func=chain[:index + 1], line=line, end_line=line, col=col, loop_line=loop_line,
                                loop_iter=loop_iter, in_try=in_try, locks_held=locks)
                edge = Edge(fq, site, Target("function", target), kind="setter" if setting else "property")
                out.setdefault(fq, []).append(edge)
                model.callers[target].append(edge)
    return out


def _accessor(model: "ProjectModel", accessors: Accessors, class_fq: str, attr: str) -> str:
    """The getter (setter) of `attr` the class defines or inherits, "" when the first class of its
    MRO defining `attr` as a function defines a plain method instead. A class with an accessor
    defines `attr` as a function (the getter, or whatever `@attr.setter` decorates, comes first),
    so that first class is the one `method_of` finds."""
    found = model.method_of(class_fq, attr)
    return accessors.get((found[:-len(attr) - 1], attr), "") if found else ""


def _accessors(model: "ProjectModel") -> tuple[Accessors, Accessors]:
    """Every project property's getter and setter, by (class fq, attribute name)."""
    getters: Accessors = {}
    setters: Accessors = {}
    for fq, (facts, func) in model.functions.items():
        if not func.class_name or not func.decorators:
            continue
        key = (f"{facts.module}.{func.class_name}", func.name)
        if is_property(func, called=False) and not _loads_on_first_use(func):
            getters.setdefault(key, fq)
        if any(not deco.is_call and deco.func == f"{func.name}.setter" for deco in func.decorators):
            setters.setdefault(key, fq)
    return getters, setters


def _loads_on_first_use(func: FunctionFacts) -> bool:
    """`if not self._markets: self.reload_markets()` before `return self._markets`: every call the
    getter makes sits in a branch entered while a `self.` attribute is still unset, a load on first
    use that the owner usually runs at startup (also `if self._client is _UNSET: self._client = ...`,
    a sentinel the branch replaces). Reading the property is not a call of that load, so a coroutine
    reading it is not reported for the blocking work the load does once."""
    stored = {(s["target"], s["line"]) for s in func.extra.get("stores", ()) if s["target"].startswith("self.")}
    lazy = [b for b in ifs(func) if any(name.startswith("self.") for name in b.get("absent", ()))
            or any((chain, line) in stored for chain in b.get("chains", ()) for line in range(b["line"], b["end"] + 1))]
    return bool(lazy and func.calls) and all(any(inside(b, site.line) for b in lazy) for site in func.calls)
