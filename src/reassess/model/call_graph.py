"""The call graph: every call site resolved once, callers indexed per callee, and the walk that
answers interprocedural questions ("can this coroutine reach a blocking call?") in one breadth
first pass over reversed edges instead of each rule following calls again."""
from __future__ import annotations

from collections import deque
from typing import Callable

from ..facts.types import CallSite, FunctionFacts
from .edges import Edge
from .hierarchy import ClassHierarchy
from .resolve import Target


class CallGraph(ClassHierarchy):
    """Edges out of each function (`edges`) and module body (`module_edges`), edges into each
    project function (`callers`), and the edges the code implies without writing the call
    (`depends_edges`, `dispatch_edges`)."""

    edges: dict[str, list[Edge]]
    callers: dict[str, list[Edge]]
    module_edges: dict[str, list[Edge]]
    depends_edges: dict[str, list[Edge]]
    dispatch_edges: dict[str, list[Edge]]
    property_edges: dict[str, list[Edge]]

    def _build_call_graph(self) -> None:
        resolver = self.resolver
        for fq, (facts, func) in self.functions.items():
            edges = [Edge(fq, site, resolver.resolve_call(facts, func, site)) for site in func.calls]
            self.edges[fq] = edges
            for edge in edges:
                callee = self.callee_function(edge.target)
                if callee:
                    self.callers[callee].append(edge)
        for module, facts in self.modules.items():
            self.module_edges[module] = [Edge(module, site, resolver.resolve_call(facts, None, site))
                                         for site in facts.module_calls]

    def add_route_depends(self, edge: Edge) -> None:
        """One edge from a route's handler to a provider declared above the route, added once the
        routing is resolved: walked like the providers a function names itself (`depends_edges`,
        `callers`), so every reach question sees both the same way."""
        self.depends_edges.setdefault(edge.caller, []).append(edge)
        callee = self.callee_function(edge.target)
        if callee:
            self.callers[callee].append(edge)
            self.memo("sorted_callers", dict).pop(callee, None)

    def callee_function(self, target: Target) -> str:
        """The project function a call runs: the function itself or a class's `__init__`."""
        if target.kind == "function":
            return target.name
        if target.kind == "class":
            if "_mros" not in self.__dict__:  # still resolving: base types may not be final yet
                return self.method_of(target.name, "__init__")
            inits = self.memo("class_inits", dict)  # asked for every edge of every walk
            if target.name not in inits:
                inits[target.name] = self.method_of(target.name, "__init__")
            return inits[target.name]
        return ""

    def edge_of(self, caller: str, site: CallSite) -> Edge | None:
        """The edge of one of `caller`'s call sites (None when `caller` records none): edges follow
        the function's calls one to one, so a site is looked up by identity, not by line and name."""
        return next((e for e in self.edges.get(caller, ()) if e.site is site), None)

    def local_returned(self, fq: str) -> str:
        """The fq of the local function `fq` returns (`def outer(): def inner(): ... return inner`,
        the wrapper a decorator builds), "" unless `fq` has that one return: asked by the rules that
        look inside a decorator's wrapper (not checked to exist: callers look it up)."""
        entry = self.functions.get(fq)
        values = entry[1].returns_values if entry is not None else []
        if len(values) != 1 or not isinstance(values[0], dict) or "ref" not in values[0]:
            return ""
        return f"{fq}.<locals>.{values[0]['ref']}"

    def decorator_wrapper(self, fq: str, factory: bool = False) -> tuple[str, FunctionFacts] | None:
        """For the project decorator `fq` (with `factory`, the decorator the factory `fq` returns:
        `@with_retry(attempts=3)`), the name its wrapper knows the decorated function by (the
        decorator's first parameter, "" without one) and the wrapper's facts; None unless `fq`
        returns one local wrapper (`def deco(fn): @wraps(fn) def wrapper(...): ...; return wrapper`).
        Asked by the rules that judge a decorator by what its wrapper does with the function."""
        if factory:
            fq = self.local_returned(fq)
        entry = self.functions.get(fq)
        wrapper = self.functions.get(self.local_returned(fq))
        if entry is None or wrapper is None:
            return None
        params = entry[1].params
        return (params[0].name if params else "", wrapper[1])

    def method_of(self, class_fq: str, *names: str) -> str:
        """The fq of the first of `names` (`__enter__`, `__aenter__`) that the class defines or
        inherits from a project class, "" when none does."""
        for cls in self.mro(class_fq):
            for name in names:
                if f"{cls}.{name}" in self.functions:
                    return f"{cls}.{name}"
        return ""

    def edges_with_property_reads(self, fq: str) -> list[Edge]:
        """The calls `fq` writes and the property getters (setters) its attribute reads (assignments)
        run: what it runs as it goes, for rules asking what a function or loop body does itself
        (not the `Depends()` providers or dispatch handlers `implied_edges` adds)."""
        return [*self.edges.get(fq, ()), *self.property_edges.get(fq, ())]

    def implied_edges(self, fq: str) -> list[Edge]:
        """The edges from `fq` the code does not write as calls of their targets: its `Depends()`
        providers, the handlers its dict lookups may call and the property getters (setters) its
        attribute reads (assignments) run (all also in `callers`), for forward
        walks that should follow everything `reach` does."""
        self._routes_linked()
        return [*self.depends_edges.get(fq, ()), *self.dispatch_edges.get(fq, ()), *self.property_edges.get(fq, ())]

    def called_at_import(self, kind: str = "function") -> frozenset[str]:
        """Targets of `kind` ("function", "class") that module-level code calls: they run (or are
        instantiated) while modules are imported. One index per run, shared by the rules that ask."""
        return self.memo(f"called_at_import.{kind}", lambda: frozenset(
            e.target.name for edges in self.module_edges.values() for e in edges if e.target.kind == kind))

    def reach(self, seeds: dict[str, object], follow: Callable[[Edge], bool]) -> dict[str, list[Edge]]:
        """For every function that can reach a seed function through edges `follow` accepts,
        the shortest chain of edges to it (seeds map to []). Computed once, breadth first,
        over reversed edges, so each rule's interprocedural question costs O(edges)."""
        self._routes_linked()
        chains: dict[str, list[Edge]] = {fq: [] for fq in seeds}
        queue = deque(sorted(seeds))
        while queue:
            callee = queue.popleft()
            for edge in self._sorted_callers(callee):
                if edge.caller in chains or not follow(edge):
                    continue
                chains[edge.caller] = [edge, *chains[callee]]
                queue.append(edge.caller)
        return chains

    def _sorted_callers(self, callee: str) -> list[Edge]:
        """`callers[callee]` by (caller, line), sorted once per run: rules run `reach` often."""
        done = self.memo("sorted_callers", dict)
        found = done.get(callee)
        if found is None:
            found = done[callee] = sorted(self.callers.get(callee, ()), key=lambda e: (e.caller, e.site.line))
        return found
