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
    getters, setters = accessors(model)
    names = frozenset({attr for _, attr in getters} | {attr for _, attr in setters})
    out: dict[str, list[Edge]] = {}
    if not names:
        return out
    for fq, (facts, func) in model.functions.items():
        edges = _property_edges(model, fq, facts, func, (getters, setters, names))
        if edges:
            out[fq] = edges
    return out


def _property_edges(model: "ProjectModel", fq: str, facts, func: FunctionFacts,
                    accessors: tuple[Accessors, Accessors, frozenset[str]]) -> list[Edge]:
    """The edges of one function's attribute reads, each also added to `model.callers`. One accessor
    is linked once per enclosing loop (`linked`): reading the same property twice in a loop body runs
    the same code, and a second edge would count it as a second call."""
    out: list[Edge] = []
    linked: set[tuple[str, int]] = set()
    for read in func.extra.get("attr_reads") or ():
        chain, loop_line = read[0], read[4]
        for index in _accessor_positions(chain, read[3], accessors[2]):
            setting = index == len(chain) - 1 and read[3] == "s"
            target = _accessor_read(model, facts, func, chain, index, accessors[1] if setting else accessors[0])
            if not target or target == fq or (target, loop_line) in linked:
                continue
            linked.add((target, loop_line))
            edge = _property_edge(fq, read, index, target, setting)
            out.append(edge)
            model.callers[target].append(edge)
    return out


def _accessor_positions(chain: tuple[str, ...], role: str, names: frozenset[str]) -> list[int]:
    """Indexes in `chain` of the attributes some property is named: the only ones that can run an
    accessor. The last attribute of a written call (`obj.prop()`, role "c") is left out: that call
    is already an edge of its own."""
    last = len(chain) - 1
    return [index for index in range(1, len(chain))
            if chain[index] in names and not (index == last and role == "c")]


def _accessor_read(model: "ProjectModel", facts, func: FunctionFacts, chain: tuple[str, ...], index: int,
                   accessors: Accessors) -> str:
    """The getter (setter) `chain[index]` runs, "" unless what comes before it is resolved to an
    instance of a class: on a module, a class or an unknown receiver the name says nothing."""
    receiver = model.resolver.type_of_chain(facts, func, chain[:index])
    if receiver is None or receiver[0] != "instance":
        return ""
    return _accessor(model, accessors, receiver[1], chain[index])


def _property_edge(fq: str, read: tuple, index: int, target: str, setting: bool) -> Edge:
    """The call edge a read (assignment) stands for, placed where the attribute is written, with the
    loop, `try` and locks around it, as a written call there would be."""
    chain, line, col, _role, loop_line, loop_iter, in_try, locks = read
    site = CallSite(func=chain[:index + 1], line=line, end_line=line, col=col, loop_line=loop_line,
                    loop_iter=loop_iter, in_try=in_try, locks_held=locks)
    return Edge(fq, site, Target("function", target), kind="setter" if setting else "property")


def _accessor(model: "ProjectModel", accessors: Accessors, class_fq: str, attr: str) -> str:
    """The getter (setter) of `attr` the class defines or inherits, "" when the first class of its
    MRO defining `attr` as a function defines a plain method instead. A class with an accessor
    defines `attr` as a function (the getter, or whatever `@attr.setter` decorates, comes first),
    so that first class is the one `method_of` finds."""
    found = model.method_of(class_fq, attr)
    return accessors.get((found[:-len(attr) - 1], attr), "") if found else ""


def setter_of(model: "ProjectModel", class_fq: str, attr: str) -> str:
    """The setter `obj.attr = v` runs on an instance of the class, "" when the assignment stores
    on the instance (no property `attr`, or a plain method of that name found first in the MRO)."""
    return _accessor(model, accessors(model)[1], class_fq, attr)


def accessors(model: "ProjectModel") -> tuple[Accessors, Accessors]:
    """Every project property's getter and setter, by (class fq, attribute name): built once per
    run, shared by the property edges and the module-state rules asking where a store lands."""
    return model.memo("properties.accessors", lambda: _accessors(model))


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
