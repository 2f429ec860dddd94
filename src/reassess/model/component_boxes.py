"""The components that exist whatever the code between them does: stores and external
services (one per resource), clients, middleware, the lifespan, route groups, websocket
endpoints, workers, and queues with both a producer and a consumer.

Each box claims the functions that define it (a route's handler, a worker's loop), so the
service and data-layer pass that follows only sees what is still unowned.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import EntryPoint
    from .components import ComponentGraph

STORE_KINDS = ("database", "cache", "broker", "search", "storage")
HANDLER_KINDS = ("route-group", "websocket")  # the boxes a request handler's methods belong to


def add_stores(graph: "ComponentGraph") -> None:
    """One box per store (database, cache, ...) or external service a resource talks to."""
    for resource in graph.app.resources:
        if resource.kind in STORE_KINDS:
            name = resource.details.get("store") or resource.library
            cid = f"store:{name}"
            comp = graph.add(cid, name, resource.kind)
        else:
            name = resource.details.get("service") or "external service"
            if name.endswith("(address not known)"):  # one box for every client whose address is not known
                name = "HTTP endpoints (addresses not known statically)"
            cid = f"external:{name}"
            comp = graph.add(cid, name, "external-service", url=resource.details.get("url", ""))
        comp.paths.append(resource.path)
        comp.details.setdefault("resources", []).append(f"{resource.factory} at {resource.path}:{resource.line}")
        graph.resource_component[resource.details["key"]] = cid


def add_entries(graph: "ComponentGraph") -> None:
    """Clients, middleware, lifespan, route groups, websocket endpoints and workers."""
    app = graph.app
    http = app.of_kind("http")
    sockets = app.of_kind("websocket")
    if http:
        graph.add("client:http", "HTTP clients", "client", routes=len(http))
    if sockets:
        graph.add("client:websocket", "WebSocket clients", "client", endpoints=len(sockets))
    for entry in app.of_kind("middleware"):
        name = entry.name.split(" ", 1)[-1].split(" (")[0]
        where = entry.details.get("registered_at", "")
        cid = f"middleware:{name}@{where}"
        graph.add(cid, name, "middleware", [entry.path], order=entry.details.get("order", 0),
                  registered_at=where, app=entry.details.get("app", ""))
        graph.claim(entry.function, cid)
    for entry in app.of_kind("lifespan", "startup", "shutdown"):
        comp = graph.add("lifespan:app", "Lifespan / startup", "lifespan", [entry.path])
        comp.details.setdefault("handlers", []).append(entry.function)
        graph.claim(entry.function, "lifespan:app")
    for entry in http:
        _route_group(graph, entry)
    for entry in sockets:
        # a socket.io server's event handlers share one connection per namespace: one box per namespace
        if entry.details.get("framework") == "socketio":
            label = f"socket.io {entry.route}"
            cid = f"ws:{label}"
        else:
            label, cid = f"websocket {entry.route}", f"ws:{entry.route}"
        graph.add(cid, label, "websocket", [entry.path], handler=entry.function)
        graph.claim(entry.function, cid)
    for entry in app.of_kind("worker", "job"):
        _worker(graph, entry)


def _route_group(graph: "ComponentGraph", entry: "EntryPoint") -> None:
    apps = [k for k in entry.details.get("include_chain", []) if k in graph.app_keys()]
    prefix = entry.details.get("group_prefix", "") or "/"
    router = entry.details.get("router", "") or "unresolved router"
    cid = f"routes:{prefix}|{router}"
    short = router.rsplit(".", 2)
    label = ".".join(short[-2:]) if len(short) > 1 else router
    comp = graph.add(cid, f"{prefix} ({label})", "route-group", [entry.path], prefix=prefix, router=router,
                     routes=0, threadpool=0, mounted=entry.details.get("mounted", False), apps=apps)
    comp.details["routes"] += 1
    comp.details["threadpool"] += entry.runs_in == "threadpool"
    comp.details.setdefault("entries", []).append(entry.name)
    graph.claim(entry.function, cid)


def _worker(graph: "ComponentGraph", entry: "EntryPoint") -> None:
    """A worker class is one box (its loop and the methods only it calls); a loop a request
    handler starts (`ensure_future(self.keepalive())` in `get`) is a box of its own, named after
    the method: the handler class is its route group."""
    facts, func = graph.model.functions[entry.function]
    group = f"{facts.module}.{func.class_name}" if func.class_name else entry.function
    func_class = "" if func.class_name and graph.handler_box(group) else func.class_name
    label = (func_class or func.qualname).replace(".<locals>.", ".")
    cid = f"worker:{label}"
    details = {"class": group} if func_class else {}
    comp = graph.add(cid, label, "worker", [entry.path], entries=[], **details)
    comp.details["entries"].append(entry.name)
    graph.claim(entry.function, cid)
    if func_class:
        _claim_private(graph, group, cid)


def _claim_private(graph: "ComponentGraph", class_fq: str, cid: str) -> None:
    """A worker class's other methods, when only the class itself calls them (a cache
    whose one method runs as a loop stays a service for its other callers)."""
    model = graph.model
    if class_fq not in model.classes:
        return
    _, cls = model.classes[class_fq]
    for method in cls.methods:
        fq = f"{class_fq}.{method}"
        callers = model.callers.get(fq, ())
        if all(edge.caller.startswith(class_fq + ".") for edge in callers):
            graph.claim(fq, cid)


def add_queues(graph: "ComponentGraph") -> None:
    """In-process queues that have both producers and consumers."""
    for channel in graph.app.channels:
        if not channel["producers"] or not channel["consumers"]:
            continue
        name = f"{channel['type'].rsplit('.', 1)[-1]} {channel['binding'] or channel['key']}"
        comp = graph.add(f"queue:{channel['key']}", name, "queue", [channel["path"]],
                         bounded=channel["bounded"], maxsize=channel["maxsize"])
        comp.details["producers"] = sorted({p["function"] for p in channel["producers"]})
        comp.details["consumers"] = sorted({c["function"] for c in channel["consumers"]})
