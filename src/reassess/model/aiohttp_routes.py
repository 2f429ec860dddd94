"""aiohttp.web routes, sub-applications and signals, read into the routing model FastAPI's use.

`web.Application()` is an app and `web.RouteTableDef()` a router without prefix (routing.py
finds both where they are created). Registrations on them become the same `RouteDecl` and
`Include` records `add_api_route` and `include_router` produce, so route entries, full paths and
the rules gated on "runs on a request path" need nothing aiohttp-specific:

- `app.add_routes([web.get("/x", handler), web.route("*", "/y", other), web.view("/v", View)])`,
  and `app.add_routes(routes)` of a RouteTableDef (linked like an `include_router` without prefix);
- `app.router.add_get("/x", handler)`, `add_post`..., `add_route("GET", "/x", handler)`, `add_view`;
- `@routes.get("/x")` on a RouteTableDef (the FastAPI decorator path), `@routes.route("GET", "/x")`
  and `@routes.view("/v")` on a class;
- `app.add_subapp("/api/", sub)`: a mount whose prefix loses its trailing slash, as aiohttp does;
- a handler that creates a `web.WebSocketResponse()` is a websocket entry;
- `app.on_startup.append(hook)` & co are kept as registrations for lifespan.py.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..facts.types import KEPT_RETURNS
from ..knowledge.servers import (
    AIOHTTP_APP_TYPES, AIOHTTP_TABLE_TYPES, METHOD_ANY, METHOD_PREFIX, ROUTE_DEF_MODULES, ROUTE_DEF_VERBS,
    ROUTER_ADDERS, SIGNAL_ADDS, SIGNALS,
    WEBSOCKET_RESPONSES,
)
from .passed import call_argument
from .registrar_routes import loop_routes
from .route_records import Include, RouteDecl

if TYPE_CHECKING:
    from .project import Edge
    from .routing import RoutingBuilder


def is_aiohttp_call(builder: "RoutingBuilder", edge: "Edge", owners: list[str]) -> bool:
    """The call registers on an aiohttp app or route table: its receiver was created as one, or
    the resolver names the call on aiohttp's types (`aiohttp.web.Application.router.add_get`)."""
    if any(builder.routing.objects[o].framework == "aiohttp" for o in owners):
        return True
    name = edge.target.name
    return edge.target.kind == "external" and name.startswith(AIOHTTP_APP_TYPES + AIOHTTP_TABLE_TYPES)


def is_signal_add(chain: tuple[str, ...] | None) -> bool:
    """`app.on_startup.append(hook)`, `app.cleanup_ctx.extend([...])`."""
    return bool(chain) and len(chain) > 2 and chain[-1] in SIGNAL_ADDS and chain[-2] in SIGNALS


def register(builder: "RoutingBuilder", scope: str, edge: "Edge", owners: list[str], verb: str) -> None:
    """One aiohttp registration call (see the module docstring)."""
    site = edge.site
    if verb == "add_routes":
        _add_routes(builder, scope, edge, owners)
    elif verb == "add_subapp":
        builder.include(scope, edge, owners, "subapp")
    elif verb in (*ROUTER_ADDERS, "add_route") and _registrar(builder, scope, edge, owners, verb,
                                                              _registrar_positions(verb, site)):
        return
    elif verb in ROUTER_ADDERS:
        _declare(builder, scope, owners, call_argument(site, 0, "path", ""), [ROUTER_ADDERS[verb]],
                 call_argument(site, 1, "handler"), site, verb)
    elif verb == "add_route":
        _declare(builder, scope, owners, call_argument(site, 1, "path", ""), [_method(site)],
                 call_argument(site, 2, "handler", ""), site, verb)
    elif verb == "add_view":
        _declare(builder, scope, owners, call_argument(site, 0, "path", ""), [], call_argument(site, 1, "handler", ""),
                 site, verb)
    elif verb in (*ROUTE_DEF_VERBS, "route", "view"):
        _decorated(builder, scope, edge, owners, verb)


def _registrar(builder: "RoutingBuilder", scope: str, edge: "Edge", owners: list[str], verb: str,
               positions: dict[str, Any]) -> bool:
    """`for method, path, handler in <project collection>: add_route(method, path, handler)`: one route
    per tuple the collection holds (see registrar_routes.py); False when the call is not such a loop."""
    found = loop_routes(builder, scope, edge, positions)
    for method, path_value, handler, file, line, written in found:
        path = builder.route_path(written, path_value if path_value is not None else "", edge.site)
        methods = [_method_text(method)] if method is not None else ["GET"]
        _emit(builder, owners, path, methods, handler, file, line, verb)
    return bool(found)


def _registrar_positions(verb: str, site: Any) -> dict[str, Any]:
    """What `add_get(path, handler)` (its method fixed by the verb) or `add_route(method, path, handler)`
    passes for each part of a route."""
    if verb in ROUTER_ADDERS:
        return {"method": ROUTER_ADDERS[verb], "path": call_argument(site, 0, "path"),
                "handler": call_argument(site, 1, "handler")}
    return {"method": call_argument(site, 0, "method"), "path": call_argument(site, 1, "path"),
            "handler": call_argument(site, 2, "handler")}


def _method_text(value: Any) -> str:
    if isinstance(value, dict):
        name = str(value.get("ref", "")).rpartition(".")[2]
        return ("*" if name == METHOD_ANY else name[len(METHOD_PREFIX):]) if name.startswith(METHOD_PREFIX) else "?"
    return str(value).upper()


def _add_routes(builder: "RoutingBuilder", scope: str, edge: "Edge", owners: list[str]) -> None:
    """`add_routes([web.get(...), ...])` declares each route; `add_routes(routes)` of a
    RouteTableDef hangs that table's routes on the app."""
    site = edge.site
    value = site.args[0] if site.args else site.kwargs.get("routes")
    tables = [c.key for c in builder.origins.of_value(scope, value) if c.key in builder.routing.objects]
    if tables:
        facts, _ = builder.origins.scope_facts(scope)
        for parent in owners:
            for table in sorted(tables):
                builder.link(Include(parent, table, "", facts.path, site.line))
        return
    items_scope, items = builder.origins.list_items(scope, value)
    if items is None:
        facts, _ = builder.origins.scope_facts(scope)
        builder.routing.unresolved.append(f"{facts.path}:{site.line}: routes of {site.name}() not resolved")
        return
    seen: dict[tuple[int, str], int] = {}
    for item in items:
        if isinstance(item, dict) and "call" in item:
            key = (item.get("line", 0), item["call"])
            seen[key] = seen.get(key, -1) + 1
            route = _nth_call(builder, items_scope, *key, seen[key])
            if route is not None and _route_def(route):
                _route_def_item(builder, items_scope, owners, route)


def _nth_call(builder: "RoutingBuilder", scope: str, line: int, name: str, nth: int) -> "Edge | None":
    """The `nth` call named `name` on a line (`[web.get("", a), web.get("/b", b)]` on one line: the
    list keeps only each element's name and line, in the order the calls are written)."""
    same = [edge for edge in builder.origins.sites_at(scope, line) if edge.site.name == name]
    same.sort(key=lambda edge: edge.site.col)
    return same[nth] if nth < len(same) else None


def _route_def(edge: "Edge") -> bool:
    """`web.get(...)`, `web.route(...)`, `web.view(...)` as aiohttp defines them."""
    module, _, verb = edge.target.name.rpartition(".")
    return edge.target.kind == "external" and module in ROUTE_DEF_MODULES and verb in (*ROUTE_DEF_VERBS, "route",
                                                                                      "view")


def _route_def_item(builder: "RoutingBuilder", scope: str, owners: list[str], edge: "Edge") -> None:
    site = edge.site
    verb = edge.target.name.rpartition(".")[2]
    if verb == "route":
        path, handler = call_argument(site, 1, "path", ""), call_argument(site, 2, "handler", "")
        methods = [_method(site)]
    else:
        path, handler = call_argument(site, 0, "path", ""), call_argument(site, 1, "handler", "")
        methods = [] if verb == "view" else [verb.upper()]
    _declare(builder, scope, owners, path, methods, handler, site, "add_routes")


def _decorated(builder: "RoutingBuilder", scope: str, edge: "Edge", owners: list[str], verb: str) -> None:
    """`@routes.get("/x")` or `@routes.route("GET", "/x")` on a function, `@routes.view("/v")` on a class."""
    site = edge.site
    facts, _ = builder.origins.scope_facts(scope)
    target = builder.decorated.get((facts.path, site.line, site.name), "")
    if not target:
        return
    path = builder.route_path(scope, call_argument(site, 1 if verb == "route" else 0, "path", ""), site)
    if verb == "route":
        _emit(builder, owners, path, [_method(site)], target, facts.path, site.line, "decorator")
    elif verb in ROUTE_DEF_VERBS:
        _emit(builder, owners, path, [verb.upper()], target, facts.path, site.line, "decorator")
    else:
        _emit_view(builder, owners, path, target, facts.path, site.line, "decorator")


def _declare(builder: "RoutingBuilder", scope: str, owners: list[str], path_value: Any, methods: list[str],
             handler_value: Any, site: Any, how: str) -> None:
    """A route given as (path, handler): the handler resolved to a function, or a class-based
    view (one route per verb method it defines)."""
    facts, func = builder.origins.scope_facts(scope)
    path = builder.route_path(scope, path_value, site)
    found = builder.model.resolver.type_of_value(facts, func, handler_value, 1) if handler_value is not None else None
    if found and found[0] == "class":
        _emit_view(builder, owners, path, found[1], facts.path, site.line, how)
    elif found and found[0] == "function":
        _emit(builder, owners, path, methods or ["GET"], found[1], facts.path, site.line, how)
    else:
        builder.routing.unresolved.append(f"{facts.path}:{site.line}: handler of {site.name}() not resolved")
        _emit(builder, owners, path, methods or ["GET"], "", facts.path, site.line, how)


def _emit_view(builder: "RoutingBuilder", owners: list[str], path: str, cls: str, file: str, line: int,
               how: str) -> None:
    """`class OrderView(web.View)`: aiohttp calls the method named after the request's verb."""
    for verb in ROUTE_DEF_VERBS:
        method = builder.model.method_of(cls, verb)
        if method:
            _emit(builder, owners, path, [verb.upper()], method, file, line, how)


def _emit(builder: "RoutingBuilder", owners: list[str], path: str, methods: list[str], handler: str, file: str,
          line: int, how: str) -> None:

    kind = "websocket" if handler and _answers_websocket(builder, handler) else "http"
    for owner in owners or [""]:
        builder.routing.routes.append(RouteDecl(kind, owner, path, methods if kind == "http" else [], handler,
                                                file, line, how, framework="aiohttp"))


def _answers_websocket(builder: "RoutingBuilder", handler: str) -> bool:
    """The handler creates the `web.WebSocketResponse()` it answers with, itself, in the constructor
    of a project client object it creates (`client = WsClient(self, request); await client.handle()`)
    or in the helper whose answer is its every answer (`return await node.open_console(request)`).
    A helper it calls on one branch only is not enough: a proxy handler calls one for upgrade requests."""
    edges = builder.model.edges.get(handler, ())
    if _creates_websocket(builder, handler):
        return True
    for edge in edges:
        callee = builder.model.method_of(edge.target.name, "__init__") if edge.target.kind == "class" else ""
        if callee and _creates_websocket(builder, callee):
            return True
    return _returns_websocket_helper(builder, handler)


def _creates_websocket(builder: "RoutingBuilder", fq: str) -> bool:
    return any(edge.target.name in WEBSOCKET_RESPONSES for edge in builder.model.edges.get(fq, ()))


def _returns_websocket_helper(builder: "RoutingBuilder", handler: str) -> bool:
    """Every value the handler returns is a call whose callees all create a `WebSocketResponse`."""
    _, func = builder.model.functions[handler]
    values = func.returns_values
    if not values or len(values) >= KEPT_RETURNS:  # the facts keep only the first returns: all unknown
        return False
    for value in values:
        callees = _returned_callees(builder, handler, value)
        if not callees or not all(_creates_websocket(builder, callee) for callee in callees):
            return False
    return True


def _returned_callees(builder: "RoutingBuilder", handler: str, value: Any) -> list[str]:
    """The project functions a returned call runs: the resolved target, else, for a method called on
    an object nothing types (`vm = manager.get_node(id)`), every project method of that name."""
    if not isinstance(value, dict) or "call" not in value:
        return []
    edge = builder.origins.edge_at(handler, value.get("line", 0), value["call"])
    if edge is None:
        return []
    if edge.target.kind == "function":
        return [edge.target.name]
    chain = edge.site.func or ()
    if edge.target.kind != "unresolved" or len(chain) < 2 or "()" in chain or "[]" in chain:
        return []
    return _methods_named(builder.model).get(chain[-1], [])


def _methods_named(model: Any) -> dict[str, list[str]]:
    """Short name -> the project methods carrying it, indexed once per run."""
    def build() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for fq, (_facts, func) in model.functions.items():
            if func.class_name:
                out.setdefault(fq.rpartition(".")[2], []).append(fq)
        return out
    return model.memo("aiohttp.methods_by_short_name", build)


def _method(site: Any) -> str:
    """The HTTP method of `add_route(method, path, handler)` / `route(method, path, handler)`: a string,
    or aiohttp's `hdrs.METH_POST` / `hdrs.METH_ANY` constant ("POST", "*"); "?" for any other name."""
    return _method_text(call_argument(site, 0, "method", ""))
