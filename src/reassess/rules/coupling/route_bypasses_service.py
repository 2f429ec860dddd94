"""RA871 tight-coupling: handlers calling the data layer directly while services wrap it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from ...findings import Finding, Location
from ...metrics.layers import layers_of
from ..api import ProjectContext, Rule, register
from ..quality.sizing import plural

if TYPE_CHECKING:
    from ...model.app import EntryPoint
    from ...model.project import Edge, ProjectModel

MAX_RELATED = 40


@dataclass
class Call:
    entry: "EntryPoint"
    edge: "Edge"
    callee: str
    owner: str


@register
class RouteBypassesService(Rule):
    """Route handlers that call the data layer directly although a service layer wraps it.

    What it finds:
        Applies when the project has service classes that themselves call a data-layer
        class (a repository, a `DataManager`: a class whose methods run the database
        operations), and some route or websocket handlers already go through them. Where
        the data layer is a set of plain modules of query functions, calling them from
        routes is the design, and nothing is reported. It then lists the
        handlers that call data-layer methods themselves (in the handler body or a helper
        of the route module), with the counts on both sides. Data-layer methods that a
        service also calls are named: for those the same operation is reachable with and
        without the service's rules (validation, authorisation, events, cache updates).
        It is MEDIUM when such shared methods exist, LOW otherwise.

    Why it matters:
        Business rules live in the services only if every path goes through them: a
        handler that writes through the data layer directly skips them, and the two paths
        drift apart (the service publishes an event or invalidates a cache; the direct
        call does not). Routes coupled to the data layer also break whenever its
        signatures change.

    Example:
        @router.delete("/{order_id}")
        async def cancel_order(order_id: int, dm: DataManager = Depends(get_db)):
            await dm.cancel_order(order_id)  # OrderService.cancel_order also checks and publishes

    Instead:
        @router.delete("/{order_id}")
        async def cancel_order(order_id: int, svc: OrderService = Depends(get_order_service)):
            return await svc.cancel_order(order_id)
    """

    id = "RA871"
    name = "route-bypasses-service"
    category = "tight-coupling"
    severity = "LOW"
    scope = "project"
    base_effort = 1.0
    effort_per_location = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        graph = layers_of(model).graph
        owner = graph.owner
        data_classes = {c.id for c in graph.components.values() if c.kind == "data-layer" and c.details.get("class")}
        service_classes = {c.id for c in graph.components.values() if c.kind == "service" and c.details.get("class")}
        wrapping = _wrapping_services(model, owner, data_classes, service_classes)
        handlers = model.app.of_kind("http", "websocket")
        ctx.examine("route handlers checked for layering", len(handlers))
        if not wrapping:
            return
        direct: list[Call] = []
        via_service: set[str] = set()
        for entry in handlers:
            for call in _calls(model, owner, entry):
                if call.owner in data_classes:
                    direct.append(call)
                elif call.owner in wrapping:
                    via_service.add(entry.function)
        if not direct or not via_service:
            return
        yield self._finding(model, owner, handlers, direct, via_service, wrapping)

    def _finding(self, model: "ProjectModel", owner: dict[str, str], handlers: list, direct: list[Call],
                 via_service: set[str], wrapping: dict[str, set[str]]) -> Finding:
        shared_by = {callee: sorted(svc for svc, callees in wrapping.items() if callee in callees)
                     for callee in {c.callee for c in direct}}
        shared = {callee: svcs for callee, svcs in shared_by.items() if svcs}
        entries = sorted({c.entry.function for c in direct})
        first = next((c for c in direct if c.callee in shared), direct[0])
        facts, _ = model.functions[first.edge.caller]
        data_names = sorted({owner[c.callee].split(":", 1)[1].rsplit(".", 1)[-1] for c in direct})
        service_names = sorted({s.split(":", 1)[1].rsplit(".", 1)[-1] for s in wrapping})
        description = (f"{len(entries)} of {plural(len(handlers), 'handler')} call the data layer "
                       f"({', '.join(f'`{n}`' for n in data_names)}) directly, {plural(len(direct), 'call')} in all, "
                       f"while {len(via_service)} {'goes' if len(via_service) == 1 else 'go'} through services "
                       "that wrap it "
                       f"({', '.join(f'`{n}`' for n in service_names)}).")
        if shared:
            names = "; ".join(f"`{_short(c)}` (also called by {', '.join(f'`{_short_owner(s)}`' for s in svcs)})"
                              for c, svcs in sorted(shared.items())[:6])
            description += (f" {plural(len(shared), 'data-layer method')} {'is' if len(shared) == 1 else 'are'} "
                            f"reached both ways: {names}, so the "
                            "service's checks and side effects do not apply on the direct path.")
        return self.finding(
            Location(facts.path, first.edge.site.line, first.edge.site.line,),
            f"{len(entries)} handlers call the data layer directly, bypassing the service layer",
            description, recommendation=_recommendation(model, first, wrapping, owner),
            severity="MEDIUM" if shared else "LOW",
            related=[Location(model.site_path(c.edge), c.edge.site.line, c.edge.site.line,
                              f"{c.entry.name} calls `{_short(c.callee)}`")
                     for c in sorted(direct, key=lambda c: (model.site_path(c.edge), c.edge.site.line))
                     if c is not first][:MAX_RELATED],
            extra={"handlers_direct": len(entries), "handlers_via_service": len(via_service),
                   "shared_methods": sorted(shared)},
        )


def _wrapping_services(model: "ProjectModel", owner: dict[str, str], data_classes: set[str],
                       service_classes: set[str]) -> dict[str, set[str]]:
    """Service classes whose methods call data-layer class methods: service id -> those callees."""
    out: dict[str, set[str]] = {}
    for fq, comp in owner.items():
        if comp not in service_classes:
            continue
        for edge in model.edges.get(fq, ()):
            callee = model.callee_function(edge.target)
            if callee and owner.get(callee) in data_classes and edge.target.kind == "function":
                out.setdefault(comp, set()).add(callee)
    return out


def _calls(model: "ProjectModel", owner: dict[str, str], entry: "EntryPoint") -> Iterator[Call]:
    """Calls into components made by the handler or by helpers of its own module it calls."""
    module = model.functions[entry.function][0].module if entry.function in model.functions else ""
    seen = {entry.function}
    stack = [entry.function]
    while stack:
        fq = stack.pop()
        for edge in sorted(model.edges.get(fq, ()), key=lambda e: e.site.line):
            callee = model.callee_function(edge.target)
            if not callee or edge.target.kind != "function":
                continue
            if callee in owner:
                yield Call(entry, edge, callee, owner[callee])
            elif callee not in seen and model.functions[callee][0].module == module:
                seen.add(callee)
                stack.append(callee)


def _short(fq: str) -> str:
    parts = fq.split(".")
    return ".".join(parts[-2:])


def _short_owner(component: str) -> str:
    return component.split(":", 1)[1].rsplit(".", 1)[-1]


def _recommendation(model: "ProjectModel", call: Call, wrapping: dict[str, set[str]], owner: dict[str, str]) -> str:
    services = sorted(svc for svc, callees in wrapping.items() if call.callee in callees) or sorted(wrapping)
    service = _short_owner(services[0])
    method = call.callee.rsplit(".", 1)[-1]
    handler = model.functions[call.entry.function][1]
    prefix = "async def" if handler.is_async else "def"
    code = (f"# {service}: one method per use case, holding the rules\n"
            f"{prefix} {method}(self, ...):\n    ...  # checks, then self.dm.{method}(...), then events/cache\n\n"
            f"# {model.functions[call.entry.function][0].path}\n"
            f"{prefix} {handler.name}(..., svc: {service} = Depends(...)):\n"
            f"    return {'await ' if handler.is_async else ''}svc.{method}(...)")
    return ("Route every handler through the service layer: add the missing use-case methods to the service and "
            "have handlers depend on the service instead of the data layer (routes and payloads stay as they "
            f"are):\n\n```python\n{code}\n```")
