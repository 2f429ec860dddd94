"""Services and the data layer: the classes and function modules that served code reaches,
claimed as one component each (a class with all its methods, a module with its functions).

A function that runs SQL is data layer; one from which a resource use is reachable, or a
method of a class kept alive for the process, is a service. Data classes (models, settings,
enums, exceptions) and entry modules' own helpers are never services.
"""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from .component_boxes import HANDLER_KINDS

if TYPE_CHECKING:
    from .components import ComponentGraph

_DATA_BASES = frozenset({"BaseModel", "BaseSettings", "Enum", "IntEnum", "StrEnum", "Exception", "BaseException",
                         "TypedDict", "NamedTuple", "SQLModel", "DeclarativeBase", "Base", "RootModel"})


class LayerClaims:
    """One pass over the functions served code reaches, claiming data-layer and service units
    in a fixed order (data layer first) so that the first claim wins the same way each run."""

    def __init__(self, graph: "ComponentGraph") -> None:
        self.graph = graph
        self.model = graph.model
        self.app = graph.app
        self.reach: set[str] = set()
        self._entry_paths: set[str] | None = None

    def run(self) -> None:
        # scripts and tests are not components; startup-only helpers belong to the lifespan box
        owner = self.graph.owner
        entry_fns = {e.function for e in self.app.of_kind("http", "websocket", "worker", "job", "task")}
        reach = self.reach = self._entry_reach(entry_fns)
        database_users = {op["function"] for r in self.app.resources if r.kind == "database"
                          for op in r.details.get("operations", ())}
        for fq in sorted(database_users):
            if fq in owner or fq not in reach:
                continue
            self._claim_unit(fq, "data-layer")
        reaching = self._reaching(set(self.graph.uses_by_function))
        long_lived = self._long_lived_classes()
        for fq in sorted(reach):
            if fq in owner or fq not in self.model.functions:
                continue
            if self._is_service(fq, reaching, long_lived):
                self._claim_unit(fq, "service")

    def _is_service(self, fq: str, reaching: set[str], long_lived: set[str]) -> bool:
        facts, func = self.model.functions[fq]
        if func.name.startswith("__") and func.name.endswith("__"):
            return False
        if func.class_name:
            class_fq = f"{facts.module}.{func.class_name}"
            return (fq in reaching or class_fq in long_lived) and not self._is_data_class(class_fq)
        return fq in reaching and self._is_provider_or_helper(fq)

    def _is_data_class(self, class_fq: str) -> bool:
        """Models, settings, enums, exceptions and dataclasses hold data; they are not services."""
        model = self.model
        for cls_fq in model.mro(class_fq):
            facts, cls = model.classes[cls_fq]
            if any(d.func.rsplit(".", 1)[-1] in ("dataclass", "define", "attrs") for d in cls.decorators):
                return True
            for base in cls.bases:
                found = model.resolver.type_of_chain(facts, None, tuple(base.split("."))) if base else None
                name = found[1] if found and found[0] in ("ext", "ext_instance") else base
                if name.rsplit(".", 1)[-1] in _DATA_BASES or name.startswith(("pydantic.", "enum.", "sqlmodel.")):
                    return True
        return False

    def _claim_unit(self, fq: str, kind: str) -> None:
        """Claim a function's class (all its methods) or, for module functions, the module."""
        graph = self.graph
        nested, outer = fq, fq.split(".<locals>.", 1)[0]  # a nested function is of the unit around it
        if outer != fq and outer in self.model.functions:
            if outer in graph.owner:
                graph.claim(fq, graph.owner[outer])
                return
            fq = outer
        facts, func = self.model.functions[fq]
        prefix = "data" if kind == "data-layer" else "service"
        unit = f"{facts.module}.{func.class_name}" if func.class_name else facts.module
        existing = _unit_box(graph, unit, "class" if func.class_name else "module") or \
            (graph.handler_box(unit) if func.class_name else "")  # a controller's SQL helper
        if existing:  # one box per class or module: a worker class's SQL stays in the worker's box
            if func.class_name and graph.components[existing].kind not in HANDLER_KINDS:
                self._claim_class(unit, existing)
            graph.claim(fq, existing)
            graph.claim(nested, existing)
            return
        if func.class_name:
            class_fq = f"{facts.module}.{func.class_name}"
            cid = f"{prefix}:{func.class_name}"
            if cid in graph.components and graph.components[cid].details.get("class") != class_fq:
                cid = f"{prefix}:{class_fq}"
            graph.add(cid, func.class_name, kind, [facts.path], **{"class": class_fq})
            self._claim_class(class_fq, cid)
            graph.claim(nested, cid)
            return
        cid = f"{prefix}:{facts.module}"  # a module of functions is one component: all its functions join it
        graph.add(cid, facts.module, kind, [facts.path], module=facts.module)
        for qualname, func_facts in facts.functions.items():
            if not func_facts.class_name and "<locals>" not in qualname:
                candidate = f"{facts.module}.{qualname}"
                if candidate in self.reach and candidate not in graph.owner:
                    graph.claim(candidate, cid)
        graph.claim(nested, cid)

    def _claim_class(self, class_fq: str, cid: str) -> None:
        if class_fq not in self.model.classes:
            return
        _, cls = self.model.classes[class_fq]
        for method in cls.methods:
            self.graph.claim(f"{class_fq}.{method}", cid)

    def _is_provider_or_helper(self, fq: str) -> bool:
        """Module-level functions outside entry modules (e.g. a notifier, the dependencies)."""
        facts, _ = self.model.functions[fq]
        if self._entry_paths is None:  # asked per function: the entry files are collected once
            self._entry_paths = {e.path for e in self.app.of_kind("http", "websocket")}
        return facts.path not in self._entry_paths

    def _entry_reach(self, entry_fns: set[str]) -> set[str]:
        roots = set(entry_fns)
        for entry in self.app.of_kind("http", "websocket"):
            roots.update(d for d in entry.dependencies if d in self.model.functions)
        seen = set(r for r in roots if r in self.model.functions)
        queue = deque(sorted(seen))
        while queue:
            for edge in self.model.edges.get(queue.popleft(), ()):
                callee = self.model.callee_function(edge.target)
                if callee and callee not in seen:
                    seen.add(callee)
                    queue.append(callee)
        return seen

    def _reaching(self, users: set[str]) -> set[str]:
        """Functions from which a resource use is reachable."""
        return set(self.model.reach({u: None for u in users if u in self.model.functions}, lambda e: True))

    def _long_lived_classes(self) -> set[str]:
        """Classes with an instance kept at module level, on app.state or created at startup."""
        out: set[str] = set()
        startup = {e.function for e in self.app.of_kind("lifespan", "startup")}
        for module, edges in self.model.module_edges.items():
            out.update(e.target.name for e in edges if e.target.kind == "class")
        for fq in startup:
            out.update(e.target.name for e in self.model.edges.get(fq, ()) if e.target.kind == "class")
        return out


def _unit_box(graph: "ComponentGraph", unit: str, key: str) -> str:
    """The box already made for a class or module (a worker class, a service), "" when none."""
    return next((cid for cid, comp in graph.components.items() if comp.details.get(key) == unit), "")
