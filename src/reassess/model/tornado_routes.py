"""Tornado request and websocket handlers as entry points.

A handler is a project class deriving (directly or through project base classes) from
`tornado.web.RequestHandler` or `tornado.websocket.WebSocketHandler`. Its paths are read from the
route tables the code writes: a list of `(r"/path", Handler, ...)` rows or `url(r"/path", Handler)`
calls, wherever it stands (a module variable, a local, the argument of `Application([...])`,
`handlers.extend([...])` or `add_handlers(host, [...])`). Each verb method the class defines or
inherits from a project class (`get`, `post`, ...; `open`, `on_message`, `on_close` for a
websocket) is one entry point per path, with a coroutine `prepare` as its dependency. Tornado calls them all on the IOLoop
thread, sync or async (knowledge/webframes.py): they run on the event loop unless decorated with
`@run_on_executor`. A leaf handler class no table names is still an entry, unmounted: the table may
be built in a way this reader does not follow (a user's configuration, a loop).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from ..knowledge.webframes import (
    TORNADO_HANDLERS, TORNADO_OFFLOAD_DECORATORS, TORNADO_PER_REQUEST, TORNADO_URL_SPECS, TORNADO_VERBS,
    TORNADO_WEBSOCKET_METHODS, TORNADO_WEBSOCKETS,
)
from .app import is_offline_module, scope_facts, served_edges
from .passed import tuple_parts
from .routing import provider_runs_in

if TYPE_CHECKING:
    from .app import EntryPoint
    from .project import ProjectModel


def tornado_entries(model: "ProjectModel") -> list["EntryPoint"]:
    """One entry per (handler method, path) of every routed or leaf Tornado handler class."""
    handlers = _handler_classes(model)
    if not handlers:
        return []
    routed = _route_paths(model, handlers)
    out: list["EntryPoint"] = []
    seen: set[tuple[str, str, str]] = set()
    for cls in sorted(handlers):
        paths = routed.get(cls)
        if paths is None and (model.subclasses(cls) or not _defines_handler_method(model, cls, handlers[cls])):
            continue  # a base class: its methods run as its routed subclasses' methods
        for path in sorted(paths or {""}):
            for entry in _class_entries(model, cls, handlers[cls], path, paths is not None):
                # with no path read, the class is the endpoint: handler classes sharing inherited
                # `open`/`on_message` under paths built at run time are each an entry of their own
                key = (entry.function, entry.route, "" if paths else cls)
                if key not in seen:
                    seen.add(key)
                    out.append(entry)
    return out


def _handler_classes(model: "ProjectModel") -> dict[str, str]:
    """Project handler classes outside tests -> "http" or "websocket"."""
    out: dict[str, str] = {}
    for cls, (facts, _) in model.classes.items():
        if is_offline_module(facts):
            continue
        bases = set(model.inherited_library_bases(cls))
        if bases & set(TORNADO_WEBSOCKETS):
            out[cls] = "websocket"
        elif bases & set(TORNADO_HANDLERS):
            out[cls] = "http"
    return out


def _defines_handler_method(model: "ProjectModel", cls: str, kind: str) -> bool:
    return any(model.method_of(cls, name) for name in (TORNADO_WEBSOCKET_METHODS if kind == "websocket"
                                                       else TORNADO_VERBS))


def _class_entries(model: "ProjectModel", cls: str, kind: str, path: str, mounted: bool) -> Iterator["EntryPoint"]:
    """The class's verb (or websocket) methods; a coroutine `prepare` Tornado awaits before each of
    them is listed as their dependency, as a FastAPI `Depends()` provider is: it runs on the loop
    per request (a sync `prepare` is left out: dependencies that are not coroutines read as threaded)."""
    from .app import EntryPoint

    prepare = model.method_of(cls, *TORNADO_PER_REQUEST)
    deps = [prepare] if prepare and model.functions[prepare][1].is_async else []
    for name in TORNADO_WEBSOCKET_METHODS if kind == "websocket" else TORNADO_VERBS:
        fq = model.method_of(cls, name)
        if not fq:
            continue
        facts, func = model.functions[fq]
        where = path or cls.rsplit(".", 1)[-1]
        if kind == "websocket":
            entry_kind, label, methods = "websocket", f"websocket {where} ({name})", []
        else:
            entry_kind, label, methods = "http", f"{name.upper()} {where}", [name.upper()]
        yield EntryPoint(entry_kind, fq, facts.path, func.line, label, runs_in=_runs_in(model, fq),
                         methods=methods, route=path, dependencies=list(deps),
                         details={"framework": "tornado", "handler_class": cls, "router": cls, "mounted": mounted,
                                  "group": f"{path}|{cls}", "group_prefix": path, "how": "handler-class",
                                  "dependency_runs_in": {d: provider_runs_in(model, d) for d in deps}})


def _runs_in(model: "ProjectModel", fq: str) -> str:
    """Tornado runs every handler method on the IOLoop thread; `@run_on_executor` hands it to a thread."""
    facts, func = model.functions[fq]
    for deco in func.decorators:
        found = model.resolver.type_of_chain(facts, None, tuple(deco.func.split(".")))
        if found and found[0] == "ext" and found[1] in TORNADO_OFFLOAD_DECORATORS:
            return "thread"
    return "event-loop"


# ----- route tables ---------------------------------------------------------------------------------
def _route_paths(model: "ProjectModel", handlers: dict[str, str]) -> dict[str, set[str]]:
    """Handler class -> the paths route tables give it."""
    out: dict[str, set[str]] = {}
    for facts, func, value in _written_values(model):
        for path, target in _rows(value):
            _add_route(model, out, handlers, facts, func, path, target)
    for scope, edges in served_edges(model):
        for edge in edges:
            if edge.target.kind == "external" and edge.target.name in TORNADO_URL_SPECS and len(edge.site.args) > 1:
                facts, func = scope_facts(model, scope)
                _add_route(model, out, handlers, facts, func, edge.site.args[0], edge.site.args[1])
    return out


def _add_route(model: "ProjectModel", out: dict[str, set[str]], handlers: dict[str, str], facts: Any, func: Any,
               path: Any, target: Any) -> None:
    """Give `path` to the handler class `target` names: only a literal path, and only a value resolved
    to one of the handler classes (a row naming anything else is no route of a handler we know)."""
    found = model.resolver.type_of_value(facts, func, target, 1)
    if isinstance(path, str) and found and found[0] == "class" and found[1] in handlers:
        out.setdefault(found[1], set()).add(path)


def _written_values(model: "ProjectModel") -> Iterator[tuple[Any, Any, Any]]:
    """(module facts, function facts or None, value) for module variables, locals and call
    arguments of the served code: the places a route table is written."""
    for facts in model.modules.values():
        if is_offline_module(facts):
            continue
        for value in (*(assign.value for assign in facts.assigns.values()), *_arguments(facts.module_calls)):
            yield facts, None, value
    for _fq, facts, func in model.iter_functions():
        if is_offline_module(facts):
            continue
        for value in (*func.local_types.values(), *_arguments(func.calls)):
            yield facts, func, value


def _arguments(sites: Any) -> Iterator[Any]:
    """Every argument value of the calls, positional then keyword: a table may be passed inline
    (`Application([...])`) rather than bound to a name first."""
    for site in sites:
        yield from (*site.args, *site.kwargs.values())


def _rows(value: Any) -> Iterator[tuple[str, Any]]:
    """(path, handler value) of each `(r"/path", Handler, ...)` row of a list or tuple literal."""
    if not isinstance(value, dict):
        return
    # a row passed alone (`handlers.append((...))`), or a table of them
    rows = [value] if value.get("literal") == "tuple" or "parts" in value \
        else value.get("items", []) if value.get("literal") == "list" else []
    for row in rows:
        parts = tuple_parts(row)
        if parts and len(parts) >= 2 and isinstance(parts[0], str) and isinstance(parts[1], dict) \
                and "ref" in parts[1]:
            yield parts[0], parts[1]

