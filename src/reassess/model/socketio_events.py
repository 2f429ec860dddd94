"""python-socketio event handlers as websocket entry points.

A Socket.IO server carries its traffic as named events on one connection per client: each handler
is an entry point of kind "websocket", one per (event, namespace), with `route` the namespace and
`details` naming the framework, the event and the server. Registrations read:

- `@sio.on("event")`, `@sio.on("event", namespace="/chat")`, `@sio.event` (the function's name is
  the event) on a `socketio.AsyncServer()` / `socketio.Server()` (or a project subclass), wherever
  `sio` is defined: the resolver gives the decorator's receiver as such a server;
- `sio.on("event", handler)` as a call;
- the `on_<event>` methods of a project subclass of `socketio.AsyncNamespace` / `socketio.Namespace`,
  under the namespace its instance is created with where `sio.register_namespace(Ns("/chat"))` is
  written ("/" otherwise).

Where a handler runs follows python-socketio (knowledge/socketio.py): every handler of an
AsyncServer (or AsyncNamespace) on the event loop, sync or async; every handler of the sync
Server in a thread (or greenlet) of its own.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from ..knowledge.socketio import (
    ASYNC_NAMESPACES, ASYNC_SERVERS, HANDLER_REGISTRARS, REGISTER_NAMESPACE, SYNC_NAMESPACES, SYNC_SERVERS,
)
from .app import offline_modules, scope_facts, served_edges
from .passed import call_argument

if TYPE_CHECKING:
    from .app import EntryPoint
    from .project import ProjectModel


def socketio_entries(model: "ProjectModel") -> list["EntryPoint"]:
    """One websocket entry per socket.io event handler (decorated, registered by a call, or a
    namespace class's `on_<event>` method)."""
    out: list["EntryPoint"] = []
    seen: set[tuple[str, str, str]] = set()
    for entry in (*_decorated(model), *_registered(model), *_namespace_methods(model)):
        key = (entry.function, entry.details["event"], entry.details["namespace"])
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out


def server_kind(model: "ProjectModel", found: Any) -> str:
    """"async" or "sync" for a resolved socket.io server instance (library or project subclass),
    "" for anything else."""
    if not found:
        return ""
    if found[0] == "ext_instance":
        name = found[1]
    elif found[0] == "instance" and found[1] in model.classes:
        bases = set(model.inherited_library_bases(found[1]))
        name = next(iter(sorted(bases & {*ASYNC_SERVERS, *SYNC_SERVERS})), "")
    else:
        return ""
    return "async" if name in ASYNC_SERVERS else "sync" if name in SYNC_SERVERS else ""


def _decorated(model: "ProjectModel") -> Iterator["EntryPoint"]:
    """`@sio.on("event", namespace=...)` and `@sio.event` on a function."""
    for fq, facts, func in model.iter_functions():
        if not func.decorators or facts.module in offline_modules(model):
            continue
        for deco in func.decorators:
            chain = tuple(deco.func.split("."))
            if len(chain) < 2 or chain[-1] not in HANDLER_REGISTRARS:
                continue
            kind = server_kind(model, model.resolver.type_of_chain(facts, None, chain[:-1]))
            if not kind:
                continue
            if chain[-1] == "on":
                event = call_argument(deco, 0, "event")
            else:
                event = func.name
            namespace = deco.kwargs.get("namespace") or "/"
            yield _entry(model, fq, event, namespace, kind, f"{facts.path}:{deco.line}", "decorator")


def _registered(model: "ProjectModel") -> Iterator["EntryPoint"]:
    """`sio.on("event", handler, namespace=...)`: the call form of the decorator."""
    for scope, edges in served_edges(model):
        for edge in edges:
            site = edge.site
            if not site.func or site.func[-1] != "on" or len(site.args) < 2 and "handler" not in site.kwargs:
                continue
            facts, func = scope_facts(model, scope)
            kind = server_kind(model, model.resolver.type_of_chain(facts, func, tuple(site.func[:-1])))
            handler = site.args[1] if len(site.args) > 1 else site.kwargs.get("handler")
            found = model.resolver.type_of_value(facts, func, handler, 1) if kind else None
            if found and found[0] == "function" and found[1] in model.functions:
                event = call_argument(site, 0, "event")
                yield _entry(model, found[1], event, site.kwargs.get("namespace") or "/", kind,
                             f"{facts.path}:{site.line}", "call")


def _namespace_methods(model: "ProjectModel") -> Iterator["EntryPoint"]:
    """The `on_<event>` methods of every project namespace class outside tests."""
    registered = _registered_namespaces(model)
    for cls, (facts, _) in model.classes.items():
        kind = "" if facts.module in offline_modules(model) else _serving_kind(model, cls, registered)
        if not kind:
            continue
        where = registered.get(cls, {"/": ""})
        for fq, method_facts, method in _event_methods(model, cls):
            for namespace, at in sorted(where.items()):
                yield _entry(model, fq, method.name[3:], namespace, kind, at or f"{method_facts.path}:{method.line}",
                             "namespace-class")


def _serving_kind(model: "ProjectModel", cls: str, registered: dict[str, dict[str, str]]) -> str:
    """"async" or "sync" for a namespace class whose own methods serve events; "" for any other
    class, and for a base class never registered itself: its handlers run as its registered
    subclasses' methods, reported there."""
    bases = set(model.inherited_library_bases(cls))
    kind = "async" if bases & set(ASYNC_NAMESPACES) else "sync" if bases & set(SYNC_NAMESPACES) else ""
    if not kind or model.subclasses(cls) and cls not in registered:
        return ""
    return kind


def _event_methods(model: "ProjectModel", cls: str) -> Iterator[tuple[str, Any, Any]]:
    """(fq, facts, method) of the `on_<event>` methods `cls` itself defines (not nested classes'):
    python-socketio dispatches an event to the method named after it."""
    for name in model.classes[cls][1].methods:
        fq = f"{cls}.{name}"
        if name.startswith("on_") and fq in model.functions:
            yield (fq, *model.functions[fq])


def _registered_namespaces(model: "ProjectModel") -> dict[str, dict[str, str]]:
    """Namespace class -> {namespace: where it is registered}, from `sio.register_namespace(Ns("/x"))`
    (or an instance bound first: `ns = Ns("/x")`)."""
    out: dict[str, dict[str, str]] = {}
    for scope, edges in served_edges(model):
        for edge in edges:
            site = edge.site
            if not site.func or site.func[-1] != REGISTER_NAMESPACE or not site.args:
                continue
            facts, func = scope_facts(model, scope)
            value = site.args[0]
            found = model.resolver.type_of_value(facts, func, value, 1)
            if not found or found[0] != "instance" or found[1] not in model.classes:
                continue
            made = _constructor(edges, facts, func, value, found[1])
            namespace = call_argument(made, 0, "namespace") if made else None
            out.setdefault(found[1], {})[namespace if isinstance(namespace, str) else "/"] = f"{facts.path}:{site.line}"
    return out


def _constructor(edges: list, facts: Any, func: Any, value: Any, cls: str) -> Any:
    """The call site that built the registered instance: written in the argument itself, or
    bound to the local or module name the argument reads."""
    if isinstance(value, dict) and "ref" in value:
        bound = (func.local_types.get(value["ref"]) if func is not None else None) \
            or getattr(facts.assigns.get(value["ref"]), "value", None)
        value = bound if isinstance(bound, dict) else value
    if not isinstance(value, dict) or "call" not in value:
        return None
    line = value.get("line")
    return next((e.site for e in edges if e.site.line == line and e.target.name == cls), None)


def _entry(model: "ProjectModel", fq: str, event: Any, namespace: Any, kind: str, registered_at: str,
           how: str) -> "EntryPoint":
    from .app import EntryPoint

    facts, func = model.functions[fq]
    event = event if isinstance(event, str) else "?"
    namespace = namespace if isinstance(namespace, str) else "/"
    return EntryPoint("websocket", fq, facts.path, func.line, f"socket.io {event} ({namespace})",
                      runs_in="event-loop" if kind == "async" else "thread", route=namespace,
                      details={"framework": "socketio", "event": event, "namespace": namespace, "server": kind,
                               "registered_at": registered_at, "how": how, "mounted": True,
                               "router": f"socket.io {namespace}", "group_prefix": namespace})
