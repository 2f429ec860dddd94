"""The component graph: clients, middleware, route groups, websocket endpoints, workers,
services, the data layer, queues, stores and external services, with the arrows the
call graph proves.

Every project function belongs to at most one component (an entry point's group, a
service or data-layer class or module, a worker); functions that belong to none are
transparent helpers, so an arrow A -> B exists when some function of A reaches a function
of B (or a resource of B) through helpers only. Nothing is drawn from names alone.

The graph holds the components and who owns which function; filling it is split by what is
decided where: `component_boxes` (stores, entry points, workers, queues), `component_layers`
(services and the data layer) and `component_arrows` (the proved arrows).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .app import is_offline_scope
from .component_arrows import Arrows
from .component_boxes import HANDLER_KINDS, STORE_KINDS, add_entries, add_queues, add_stores
from .component_layers import LayerClaims
from .workers import forward_reach

if TYPE_CHECKING:
    from .app import AppModel, Resource
    from .project import ProjectModel

KIND_ORDER = ("client", "middleware", "lifespan", "route-group", "websocket", "worker", "service", "data-layer",
              "queue", "database", "cache", "broker", "search", "storage", "external-service")
__all__ = ["KIND_ORDER", "STORE_KINDS", "Component", "ComponentGraph", "order_key"]


@dataclass
class Component:
    id: str
    name: str
    kind: str
    paths: list[str] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)
    uses: list[str] = field(default_factory=list)  # ids of components this one calls (proved)
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "paths": sorted(set(self.paths)),
                "uses": sorted(set(self.uses), key=order_key), "details": self.details}


def order_key(component_id: str) -> tuple[int, str]:
    """Sort key of a component id: by kind, from the clients down to external services."""
    kind = component_id.split(":", 1)[0]
    prefix = {"client": 0, "middleware": 1, "lifespan": 2, "routes": 3, "ws": 4, "worker": 5, "service": 6,
              "data": 7, "queue": 8, "store": 9, "external": 10}
    return prefix.get(kind, 99), component_id


class ComponentGraph:
    """The components of `model.app` and the function -> component ownership; `build` fills
    it (boxes, then layers, then arrows: each step only claims what is still unowned)."""

    def __init__(self, model: "ProjectModel") -> None:
        self.model = model
        self.app: "AppModel" = model.app
        self.components: dict[str, Component] = {}
        self.owner: dict[str, str] = {}  # function fq -> component id
        self.resource_component: dict[str, str] = {}  # resource key -> component id
        self.uses_by_function: dict[str, list[tuple["Resource", dict]]] = {}
        self._apps: set[str] | None = None

    def build(self) -> "ComponentGraph":
        self._index_uses()
        add_stores(self)
        add_entries(self)
        LayerClaims(self).run()
        add_queues(self)
        Arrows(self).draw()
        self._finish_arrows()
        return self

    def add(self, cid: str, name: str, kind: str, paths: list[str] | None = None, **details: Any) -> Component:
        """The component `cid`, created on first mention (later mentions keep its first details)."""
        if cid not in self.components:
            self.components[cid] = Component(cid, name, kind, list(paths or []), details=dict(details))
        return self.components[cid]

    def claim(self, fq: str, cid: str) -> None:
        """Make `cid` own the function unless another component already does."""
        if fq and fq not in self.owner:
            self.owner[fq] = cid
            self.components[cid].functions.append(fq)

    def handler_box(self, class_fq: str) -> str:
        """The route group or websocket box owning some of a class's methods ("" when none): the
        class is a handler, so its helpers and loops belong to that box's request path."""
        _, cls = self.model.classes.get(class_fq, (None, None))
        owners = sorted({self.owner[f"{class_fq}.{m}"] for m in (cls.methods if cls is not None else ())
                         if f"{class_fq}.{m}" in self.owner})
        return next((cid for cid in owners if self.components[cid].kind in HANDLER_KINDS), "")

    def app_keys(self) -> set[str]:
        """Keys of the application objects (asked per route: collected once)."""
        if self._apps is None:
            self._apps = {r["key"] for r in self.app.routers if r["kind"] == "app"}
        return self._apps

    def _index_uses(self) -> None:
        for resource in self.app.resources:  # operations only: close()/aclose() is not a use
            for op in resource.details.get("operations", ()):
                self.uses_by_function.setdefault(op["function"], []).append((resource, op))

    def _finish_arrows(self) -> None:
        """Each component's arrows once, in kind order, none to itself or to a dropped box;
        then stores and services only scripts or startup code touch leave the served system's
        graph (they stay in the resource inventory). A store none of whose uses the model could
        attribute stays: its users are unknown, not absent (an engine handed to a framework's
        plugin that injects sessions into the handlers)."""
        for comp in self.components.values():
            comp.uses = sorted(set(u for u in comp.uses if u != comp.id and u in self.components), key=order_key)
        used = {u for comp in self.components.values() for u in comp.uses}
        if not used:
            return
        known = self._with_known_users()
        for cid in [c.id for c in self.components.values()
                    if c.kind in STORE_KINDS + ("external-service",) and c.id not in used and c.id in known]:
            del self.components[cid]

    def _with_known_users(self) -> set[str]:
        """Store and service boxes with at least one resource whose using functions are known: it
        has users and, for a store, none is a method nothing served is seen to reach (a database
        plugin's `put`, run through a list of plugins a loader filled): such a method is called from
        where the call graph does not see, so that store's users are unknown too. External services
        keep the plain test: each plugin's own endpoint would be a box of its own."""
        reached = self._entry_reach()
        keys = {r.details["key"] for r in self.app.resources
                if r.users and (r.kind not in STORE_KINDS or not any(self._unseen_method(fq, reached)
                                                                     for fq in r.users))}
        return {cid for key, cid in self.resource_component.items() if key in keys}

    def _unseen_method(self, fq: str, reached: set[str]) -> bool:
        """A method no served code is seen to reach: its callers hold the object untyped. A module
        function nobody calls is a command's or a script's own code instead."""
        found = self.model.functions.get(fq)
        return found is not None and bool(found[1].class_name) and fq not in reached

    def _entry_reach(self) -> set[str]:
        """Functions every entry point, and the served modules' import-time code, reach by resolved
        calls (no cap: a missed function would read as a method nothing reaches)."""
        model = self.model
        roots = {e.function for e in self.app.entrypoints} | {
            model.callee_function(e.target) for module, edges in model.module_edges.items()
            if not is_offline_scope(model, module) for e in edges}
        return forward_reach(model, roots, limit=sys.maxsize)

    def ordered(self) -> list[Component]:
        return sorted(self.components.values(), key=lambda c: (KIND_ORDER.index(c.kind), c.name))
