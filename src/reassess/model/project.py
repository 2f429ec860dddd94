"""The project model: every module's facts joined into one queryable whole, built once.

Holds modules, bindings, the import graph and its cycles, classes with their
project bases, and the call graph with each call site resolved (or marked
unresolved). Rules ask questions of this model; nothing here knows about rules.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

import networkx as nx

from ..facts.types import CallSite, ClassFacts, FunctionFacts, ModuleFacts
from ..source import decode, split_lines
from .app import AppModel
from .depends import link_providers
from .dispatch import link_dispatch
from .passed import link_passed_functions
from .refine import refine_call_graph
from .resolve import Resolver, Target
from .symbols import Binding, imported_module, module_bindings

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Edge:
    """One resolved call: caller function (fq), the call site, and its target. `path` is the file
    of the site when it is not the caller's own: a `Depends()` a router, `include_router` or the
    app declares for the caller's route (see `site_path`)."""

    caller: str
    site: CallSite
    target: Target
    path: str = ""


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a call chain: the function and the call site it makes next."""

    function: str
    path: str
    line: int
    text: str


class ProjectModel:
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
        self._lines: dict[str, list[str]] = {}
        self.functions: dict[str, tuple[ModuleFacts, FunctionFacts]] = {}
        self.classes: dict[str, tuple[ModuleFacts, ClassFacts]] = {}
        for facts in self.modules.values():
            for qualname, func in facts.functions.items():
                self.functions[f"{facts.module}.{qualname}"] = (facts, func)
            for qualname, cls in facts.classes.items():
                self.classes[f"{facts.module}.{qualname}"] = (facts, cls)
        names = set(self.modules)
        self.top_packages = {name.split(".")[0] for name in names}
        self.bindings: dict[str, dict[str, Binding]] = {m: module_bindings(f, names) for m, f in self.modules.items()}
        self.state_assigns = self._collect_state_assigns()
        self.import_graph = self._import_graph()
        self._attr_writers: dict[str, dict[str, list[tuple[str, ModuleFacts, FunctionFacts]]]] = {}
        self.resolver = Resolver(self)
        self.edges: dict[str, list[Edge]] = {}
        self.callers: dict[str, list[Edge]] = defaultdict(list)
        self.module_edges: dict[str, list[Edge]] = {}
        self._build_call_graph()
        refine_call_graph(self)
        link_passed_functions(self)  # callbacks: `get_or_load(key, self._load)` runs `_load`
        # FastAPI runs a function's `Depends()` providers before it: caller -> provider edges (see there)
        self.depends_edges: dict[str, list[Edge]] = link_providers(self)
        self.dispatch_edges: dict[str, list[Edge]] = link_dispatch(self)  # `HANDLERS[kind](payload)`
        self._mros: dict[str, list[str]] = {}  # from here on `mro` answers are final
        self._app: AppModel | None = None
        self._building_app = False

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """A value derived from the model (an index, an analysis), built on first use and
        shared by every rule and the system description: the model never changes after
        construction, so each derived whole is computed once per run instead of per rule."""
        store = self.__dict__.setdefault("_derived", {})
        if key not in store:
            store[key] = build()
        return store[key]

    @property
    def app(self) -> "AppModel":
        """Entry points and resources, built on first use."""
        if self._app is None:
            from .app import build_app

            self._building_app = True
            try:
                self._app = build_app(self)
            finally:
                self._building_app = False
        return self._app

    def _routes_linked(self) -> None:
        """The routing adds call edges (the `Depends()` a router or the app declares for its routes,
        `add_route_depends`): build it before a walk, unless the walk is part of building it."""
        if self._app is None and not self._building_app:
            self.app

    def add_route_depends(self, edge: Edge) -> None:
        """One edge from a route's handler to a provider declared above the route, added once the
        routing is resolved: walked like the providers a function names itself (`depends_edges`,
        `callers`), so every reach question sees both the same way."""
        self.depends_edges.setdefault(edge.caller, []).append(edge)
        callee = self.callee_function(edge.target)
        if callee:
            self.callers[callee].append(edge)
            self.memo("sorted_callers", dict).pop(callee, None)

    # ----- sources -------------------------------------------------------------------------
    def lines(self, path: str) -> list[str]:
        """Source lines of a file (decoded once, on first use)."""
        if path not in self._lines:
            data = self._sources.get(path)
            if data is None:
                data = self._read_other(path)
            if data is None:
                return []
            text, _ = decode(data)
            self._lines[path] = split_lines(text)
        return self._lines[path]

    def _read_other(self, path: str) -> bytes | None:
        """Non-Python files rules cite (SQL migrations): read from the root, never outside it."""
        if self.root is None or ".." in path.split("/"):
            return None
        full = self.root / path
        try:
            if full.is_symlink() or not full.is_file() or full.stat().st_size > 5_000_000:
                return None
            return full.read_bytes()
        except OSError:
            return None

    def line_text(self, path: str, line: int) -> str:
        lines = self.lines(path)
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""

    # ----- imports -------------------------------------------------------------------------
    def _import_graph(self) -> nx.DiGraph:
        graph = nx.DiGraph()
        names = set(self.modules)
        graph.add_nodes_from(sorted(names))
        for facts in self.modules.values():
            for imp in facts.imports:
                target = imported_module(facts, imp, names)
                if target is None or target == facts.module:
                    continue
                runtime = not (imp.in_function or imp.type_checking or imp.main_guard)
                if graph.has_edge(facts.module, target):
                    data = graph.edges[facts.module, target]
                    data["runtime"] = data["runtime"] or runtime
                    if runtime and (not data["line_runtime"] or imp.line < data["line_runtime"]):
                        data["line_runtime"] = imp.line
                else:
                    graph.add_edge(facts.module, target, line=imp.line, runtime=runtime,
                                   line_runtime=imp.line if runtime else 0)
        return graph

    def import_cycles(self) -> list[list[str]]:
        """Strongly connected groups of modules importing each other at import time, sorted."""
        runtime = nx.DiGraph()
        runtime.add_edges_from((a, b) for a, b, d in self.import_graph.edges(data=True) if d["runtime"])
        cycles = [sorted(c) for c in nx.strongly_connected_components(runtime) if len(c) > 1]
        return sorted(cycles)

    # ----- classes -------------------------------------------------------------------------
    def mro(self, class_fq: str) -> list[str]:
        """The class and its project base classes, depth first, each once. Once the model is
        built the answer is kept per class (rules ask it for every attribute they follow)."""
        known = self.__dict__.get("_mros")
        if known is None:  # still resolving the call graph: base types may not be final yet
            return self._mro(class_fq)
        if class_fq not in known:
            known[class_fq] = self._mro(class_fq)
        return list(known[class_fq])

    def is_enum(self, class_fq: str) -> bool:
        """A project class that is an `Enum` (`class Priority(IntEnum)`, or a subclass of a project
        enum base): a closed set of members, so a key or a count over it is bounded."""
        return any(base.rsplit(".", 1)[-1].endswith("Enum") for cls in self.mro(class_fq) if cls in self.classes
                   for base in self.classes[cls][1].bases)

    def subclasses(self, class_fq: str) -> list[str]:
        """The project classes having `class_fq` among their bases (at any depth), in model order:
        indexed once per run instead of computing every class's mro per question."""
        def build() -> dict[str, list[str]]:
            out: dict[str, list[str]] = {}
            for sub in self.classes:
                for base in self.mro(sub)[1:]:
                    out.setdefault(base, []).append(sub)
            return out
        return self.memo("subclasses", build).get(class_fq, [])

    def _mro(self, class_fq: str) -> list[str]:
        order: list[str] = []
        stack = deque([class_fq])
        while stack:
            current = stack.popleft()
            if current in order or current not in self.classes:
                continue
            order.append(current)
            facts, cls = self.classes[current]
            for base in cls.bases:
                if base.startswith("*"):  # `class App(*COMMANDS)`: the mixins a module lists
                    stack.extend(self._listed_classes(facts, base[1:]))
                    continue
                head = base.removesuffix(".[]")  # `Base[T]` is written "Base.[]"
                found = self.resolver.type_of_chain(facts, None, tuple(head.split("."))) if head else None
                if found and found[0] == "class":
                    stack.append(found[1])
        return order

    def _listed_classes(self, facts: ModuleFacts, name: str, depth: int = 0) -> list[str]:
        """The project classes a module-level list or tuple literal names, following imports
        (`from .commands import __all__ as commands`)."""
        binding = self.bindings.get(facts.module, {}).get(name)
        if binding is None or depth > 4:
            return []
        if binding.kind == "import":
            module, _, target = binding.target.rpartition(".")
            found = self.modules.get(module)
            return self._listed_classes(found, target, depth + 1) if found is not None else []
        value = facts.assigns[name].value if binding.kind == "variable" and name in facts.assigns else None
        items = value.get("items") if isinstance(value, dict) else None
        out = []
        for item in items or ():
            ref = item.get("ref") if isinstance(item, dict) else None
            found = self.resolver.type_of_chain(facts, None, tuple(ref.split("."))) if ref else None
            if found and found[0] == "class":
                out.append(found[1])
        return out

    def self_attr_writers(self, class_fq: str) -> dict[str, list[tuple[str, ModuleFacts, FunctionFacts]]]:
        """attr -> (method fq, its module, its facts) of the class's own methods that assign `self.<attr>`, in
        method order. Indexed once per class: the resolver and the value tracers ask for every
        attribute, and scanning all methods each time made attribute lookups O(methods)."""
        found = self._attr_writers.get(class_fq)
        if found is None:
            found = self._attr_writers[class_fq] = {}
            for method in self.classes[class_fq][1].methods:
                fq = f"{class_fq}.{method}"
                entry = self.functions.get(fq)
                for attr in (entry[1].self_attrs if entry is not None else ()):
                    found.setdefault(attr, []).append((fq, entry[0], entry[1]))
        return found

    def _collect_state_assigns(self) -> dict[str, list]:
        """`app.state.X = value` anywhere: X -> [(module facts, function facts, value)]."""
        found: dict[str, list] = defaultdict(list)
        for facts in self.modules.values():
            for chain, value, _line in facts.extra.get("state_assigns", []):
                found[chain.rsplit(".", 1)[-1]].append((facts, None, value))
            for func in facts.functions.values():
                for chain, value, _line in func.extra.get("state_assigns", []):
                    found[chain.rsplit(".", 1)[-1]].append((facts, func, value))
        return found

    # ----- call graph ----------------------------------------------------------------------
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

    def implied_edges(self, fq: str) -> list[Edge]:
        """The edges from `fq` the code does not write as calls of their targets: its `Depends()`
        providers and the handlers its dict lookups may call (both also in `callers`), for forward
        walks that should follow everything `reach` does."""
        self._routes_linked()
        return [*self.depends_edges.get(fq, ()), *self.dispatch_edges.get(fq, ())]

    def called_at_import(self, kind: str = "function") -> frozenset[str]:
        """Targets of `kind` ("function", "class") that module-level code calls: they run (or are
        instantiated) while modules are imported. One index per run, shared by the rules that ask."""
        return self.memo(f"called_at_import.{kind}", lambda: frozenset(
            e.target.name for edges in self.module_edges.values() for e in edges if e.target.kind == kind))

    def nested_in(self, fq: str) -> list[str]:
        """The functions defined inside `fq`, at any depth (`fq.<locals>.probe`, ...)."""
        def build() -> dict[str, list[str]]:
            out: dict[str, list[str]] = {}
            for name in self.functions:
                parts = name.split(".<locals>.")
                for depth in range(1, len(parts)):
                    out.setdefault(".<locals>.".join(parts[:depth]), []).append(name)
            return out
        return self.memo("nested_functions", build).get(fq, [])

    def callee_function(self, target: Target) -> str:
        """The project function a call runs: the function itself or a class's `__init__`."""
        if target.kind == "function":
            return target.name
        if target.kind == "class":
            return self.method_of(target.name, "__init__")
        return ""

    def method_of(self, class_fq: str, *names: str) -> str:
        """The fq of the first of `names` (`__enter__`, `__aenter__`) that the class defines or
        inherits from a project class, "" when none does."""
        for cls in self.mro(class_fq):
            for name in names:
                if f"{cls}.{name}" in self.functions:
                    return f"{cls}.{name}"
        return ""

    def function_of(self, fq: str) -> tuple[ModuleFacts, FunctionFacts]:
        return self.functions[fq]

    def iter_functions(self, within: "set[str] | None" = None) -> Iterator[tuple[str, ModuleFacts, FunctionFacts]]:
        """Every function in fq order (the triples listed once: rules walk this dozens of times
        per run, and iterating a list costs far less than a generator); only those `within` a set
        when one is given (see `functions_calling`)."""
        functions = self.functions
        if within is None:
            return iter(self.memo("function_triples",
                                  lambda: [(fq, *functions[fq]) for fq in self._function_order()]))
        return iter([(fq, *functions[fq]) for fq in sorted(fq for fq in within if fq in functions)])

    def functions_under(self, prefix: str) -> list[str]:
        """The fqs starting with `prefix` (a class's `mod.Cls.`: its methods and what nests in
        them), in fq order: a slice of the sorted list instead of a scan of every function."""
        order = self._function_order()
        start = bisect_left(order, prefix)
        end = start
        while end < len(order) and order[end].startswith(prefix):
            end += 1
        return order[start:end]

    def _function_order(self) -> list[str]:
        return self.memo("sorted_functions", lambda: sorted(self.functions))

    # ----- call-site indexes (built on first use, once per run) ----------------------------------
    def calls_named(self, *names: str) -> list[Edge]:
        """Calls made in functions whose callee as written ends in one of `names` (`self.q.put(...)`
        for "put"), in caller fq order, then the caller's call order. Rules looking for a few
        callees read this instead of walking every call site of the project."""
        return self._from_index(self._call_indexes()[0], names)

    def calls_to(self, *targets: str) -> list[Edge]:
        """Calls made in functions whose resolved target is named one of `targets` (an external
        dotted name, a builtin or a project fq), in the same order as `calls_named`."""
        return self._from_index(self._call_indexes()[1], targets)

    def target_names(self) -> list[str]:
        """Every distinct target name of the calls made in functions (for prefix and suffix
        searches over `calls_to`)."""
        return list(self._call_indexes()[1])

    def functions_calling(self, named: "Iterable[str]" = (), to: "Iterable[str]" = ()) -> set[str]:
        """Functions with a call whose callee as written ends in one of `named`, or whose target
        is one of `to`: a superset a rule narrows with its own tests, so that it walks these
        functions only (`iter_functions(within=...)`) and not the whole project."""
        named, to = tuple(named), tuple(to)
        found = {edge.caller for edge in self.calls_named(*named)} if named else set()
        if to:
            found.update(edge.caller for edge in self.calls_to(*to))
        return found

    @staticmethod
    def _from_index(index: dict[str, list[tuple[int, Edge]]], names: tuple[str, ...]) -> list[Edge]:
        if len(names) == 1:
            return [edge for _, edge in index.get(names[0], ())]
        found = sorted((item for name in set(names) for item in index.get(name, ())), key=lambda item: item[0])
        return [edge for _, edge in found]

    def _call_indexes(self) -> tuple[dict[str, list[tuple[int, Edge]]], dict[str, list[tuple[int, Edge]]]]:
        """Function calls by the last name of the callee as written, and by target name:
        name -> (position of the call in fq order then call order, edge). One pass for both."""
        return self.memo("call_indexes", self._index_calls)

    def _index_calls(self) -> tuple[dict[str, list[tuple[int, Edge]]], dict[str, list[tuple[int, Edge]]]]:
        by_last: dict[str, list[tuple[int, Edge]]] = {}
        by_target: dict[str, list[tuple[int, Edge]]] = {}
        edges = self.edges
        position = 0
        for fq in self._function_order():
            for edge in edges[fq]:
                item = (position, edge)
                chain = edge.site.func
                if chain:
                    found = by_last.get(chain[-1])
                    if found is None:
                        by_last[chain[-1]] = [item]
                    else:
                        found.append(item)
                found = by_target.get(edge.target.name)
                if found is None:
                    by_target[edge.target.name] = [item]
                else:
                    found.append(item)
                position += 1
        return by_last, by_target

    def hop(self, edge: Edge) -> Hop:
        path = self.site_path(edge)
        return Hop(edge.caller, path, edge.site.line, self.line_text(path, edge.site.line))

    def site_path(self, edge: Edge) -> str:
        """The file an edge's site is written in: the caller's, or where a router, `include_router`
        or the app declares the `Depends()` (`Edge.path`)."""
        return edge.path or self.functions[edge.caller][0].path

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

    # ----- figures -------------------------------------------------------------------------
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
