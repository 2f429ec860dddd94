"""The arrows between components, each one proved: the HTTP chain (client, each app's
middleware outermost first, the route group), calls that reach another component's
function or resource through helpers only, dependencies, worker starts and queues.

Arrows are appended as found; the graph dedupes and orders them once all are drawn.
"""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .components import Component, ComponentGraph


class Arrows:
    """Draws the arrows of a graph whose ownership is final; reachability from a function is
    kept per (function, component), since every route of a group asks again for its
    dependencies."""

    def __init__(self, graph: "ComponentGraph") -> None:
        self.graph = graph
        self.model = graph.model
        self.components = graph.components
        self.owner = graph.owner
        self._reached: dict[tuple[str, str], list[str]] = {}

    def draw(self) -> None:
        components = self.components
        if "client:http" in components:
            self._http_arrows()
        if "client:websocket" in components:
            components["client:websocket"].uses.extend(c.id for c in components.values() if c.kind == "websocket")
        for comp in list(components.values()):
            for fq in comp.functions:
                comp.uses.extend(self._reached_from(fq, comp.id))
        self._dependency_arrows()
        self._worker_starts()
        self._queue_arrows()

    def _middleware_chains(self) -> dict[str, list[str]]:
        """Per app: its middleware ids, outermost (registered last) first."""
        apps = sorted(self.graph.app_keys())
        chains: dict[str, list[Component]] = {}
        for comp in self.components.values():
            if comp.kind == "middleware":
                app = comp.details.get("app") or (apps[0] if apps else "")
                chains.setdefault(app, []).append(comp)
        return {app: [c.id for c in sorted(items, key=lambda c: -c.details.get("order", 0))]
                for app, items in chains.items()}

    def _http_arrows(self) -> None:
        """client -> each app's middleware, outermost first -> (mounted app's middleware) -> route group."""
        components = self.components
        chains = self._middleware_chains()
        for chain in chains.values():
            for first, second in zip(chain, chain[1:]):
                components[first].uses.append(second)
        for group in (c for c in components.values() if c.kind == "route-group"):
            source = "client:http"
            apps = group.details.get("apps") or sorted(set(chains) - self.graph.app_keys())[:1]
            for app in apps:
                if chains.get(app):
                    components[source].uses.append(chains[app][0])
                    source = chains[app][-1]
            components[source].uses.append(group.id)

    def _dependency_arrows(self) -> None:
        """An endpoint uses the components its dependencies belong to or reach."""
        for entry in self.graph.app.of_kind("http", "websocket"):
            source = self.owner.get(entry.function)
            if not source:
                continue
            for dep in entry.dependencies:
                target = self.owner.get(dep) or self.owner.get(f"{dep}.__init__", "")
                if target and target != source:
                    self.components[source].uses.append(target)
                if dep in self.model.functions:
                    self.components[source].uses.extend(self._reached_from(dep, source))

    def _reached_from(self, fq: str, own: str) -> list[str]:
        """Components reached from one function through helpers that belong to no component."""
        key = (fq, own)
        if key not in self._reached:
            self._reached[key] = self._walk_from(fq, own)
        return self._reached[key]

    def _walk_from(self, fq: str, own: str) -> list[str]:
        model, owners = self.model, self.owner
        uses_by_function, resource_component = self.graph.uses_by_function, self.graph.resource_component
        found: list[str] = []
        seen = {fq}
        queue = deque([fq])
        while queue:
            current = queue.popleft()
            for resource, _op in uses_by_function.get(current, ()):
                found.append(resource_component[resource.details["key"]])
            for edge in model.edges.get(current, ()):
                callee = model.callee_function(edge.target)
                if not callee or callee in seen or edge.target.kind == "class":
                    continue  # constructing an object is not using it
                seen.add(callee)
                owner = owners.get(callee)
                if owner and owner != own:
                    found.append(owner)
                elif not owner or owner == own:
                    queue.append(callee)
        return found

    def _worker_starts(self) -> None:
        components = self.components
        for entry in self.graph.app.of_kind("worker", "job", "task"):
            started_in = entry.details.get("started_in", "")
            source = self.owner.get(started_in) or (
                "lifespan:app" if entry.details.get("at_startup") and "lifespan:app" in components else "")
            target = self.owner.get(entry.function)
            if source and target and source != target:
                components[source].uses.append(target)

    def _queue_arrows(self) -> None:
        for comp in self.components.values():
            if comp.kind != "queue":
                continue
            for producer in comp.details["producers"]:
                if producer in self.owner:
                    self.components[self.owner[producer]].uses.append(comp.id)
            for consumer in comp.details["consumers"]:
                if consumer in self.owner:
                    comp.uses.append(self.owner[consumer])
