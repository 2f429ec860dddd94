"""The project model: every module's facts joined into one queryable whole, built once.

Holds modules, bindings, the import graph and its cycles, classes with their
project bases, and the call graph with each call site resolved (or marked
unresolved). Rules ask questions of this model; nothing here knows about rules.

`ProjectModel` builds the whole in its constructor and answers through the parts
it extends, each a module of its own: the source text and call-site locations
(`locations`), classes (`hierarchy`), the call graph and its walks (`call_graph`),
functions and call sites by name (`function_index`, `call_index`) and what is built
on first use (`derived`).
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Iterable

from ..facts.types import ClassFacts, FunctionFacts, ModuleFacts
from .call_graph import CallGraph
from .call_index import CallSiteIndex
from .depends import link_providers
from .dispatch import link_dispatch
from .edges import Edge, Hop
from .import_graph import build_import_graph, runtime_cycles
from .locations import SourceLocations
from .passed import link_passed_functions
from .properties import link_properties
from .refine import refine_call_graph
from .resolve import Resolver
from .symbols import module_bindings

__all__ = ["Edge", "Hop", "ProjectModel"]  # the call-graph shapes, where rules have always imported them


class ProjectModel(SourceLocations, CallGraph, CallSiteIndex):
    """The model of one project, complete once constructed; its questions live in the parts it
    extends, so that each can be read and changed alone."""

    def __init__(self, modules: list[ModuleFacts], sources: dict[str, bytes] | None = None,
                 root: Path | None = None, outside_migrations: list[ModuleFacts] | None = None) -> None:
        # revisions of a migrations folder beside the root: read for their indexes only (sibling_migrations)
        self.outside_migrations: list[ModuleFacts] = list(outside_migrations or ())
        self.modules: dict[str, ModuleFacts] = {}
        self.by_path: dict[str, ModuleFacts] = {}
        for facts in sorted(modules, key=lambda m: m.path):
            if facts.module in self.modules:  # e.g. a.py beside a/__init__.py: first one wins
                continue
            self.modules[facts.module] = facts
            self.by_path[facts.path] = facts
        self._sources = sources or {}
        self.root = root
        self._lines = {}
        self.functions: dict[str, tuple[ModuleFacts, FunctionFacts]] = {}
        self.classes: dict[str, tuple[ModuleFacts, ClassFacts]] = {}
        for facts in self.modules.values():
            for qualname, func in facts.functions.items():
                self.functions[f"{facts.module}.{qualname}"] = (facts, func)
            for qualname, cls in facts.classes.items():
                self.classes[f"{facts.module}.{qualname}"] = (facts, cls)
        names = set(self.modules)
        self.top_packages = {name.split(".")[0] for name in names}
        self.bindings = {m: module_bindings(f, names) for m, f in self.modules.items()}
        self.state_assigns = _state_assigns(self.modules.values())
        self.import_graph = build_import_graph(self.modules.values(), names)
        self._attr_writers = {}
        self.resolver = Resolver(self)
        self.edges = {}
        self.callers = defaultdict(list)
        self.module_edges = {}
        self._build_call_graph()
        refine_call_graph(self)
        link_passed_functions(self)  # callbacks: `get_or_load(key, self._load)` runs `_load`
        # FastAPI runs a function's `Depends()` providers before it: caller -> provider edges (see there)
        self.depends_edges = link_providers(self)
        self.dispatch_edges = link_dispatch(self)  # `HANDLERS[kind](payload)`
        self._mros: dict[str, list[str]] = {}  # from here on `mro` answers are final
        self.property_edges = link_properties(self)  # `obj.prop` runs the getter: edges marked "property"
        self._app = None
        self._building_app = False

    def import_cycles(self) -> list[list[str]]:
        """Strongly connected groups of modules importing each other at import time, sorted."""
        return runtime_cycles(self)

    def stats(self) -> dict[str, int]:
        resolved = unresolved = 0
        for edges in self.edges.values():
            for edge in edges:
                if edge.target.kind == "unresolved":
                    unresolved += 1
                else:
                    resolved += 1
        return {
            "modules": len(self.modules), "classes": len(self.classes), "functions": len(self.functions),
            "import_edges": self.import_graph.number_of_edges(), "call_sites": resolved + unresolved,
            "call_sites_resolved": resolved, "call_sites_unresolved": unresolved,
        }


def _state_assigns(modules: Iterable[ModuleFacts]) -> dict[str, list]:
    """`app.state.X = value` anywhere: X -> [(module facts, function facts, value)]."""
    found: dict[str, list] = defaultdict(list)
    for facts in modules:
        for chain, value, _line in facts.extra.get("state_assigns", []):
            found[chain.rsplit(".", 1)[-1]].append((facts, None, value))
        for func in facts.functions.values():
            for chain, value, _line in func.extra.get("state_assigns", []):
                found[chain.rsplit(".", 1)[-1]].append((facts, func, value))
    return found
