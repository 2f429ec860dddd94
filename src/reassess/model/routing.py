"""HTTP and WebSocket routes with their full paths, from FastAPI and Starlette code.

Apps (`FastAPI()`, `Starlette()`) and routers (`APIRouter(prefix=...)`) are found where
they are created; every registration on them (`@router.get`, `add_api_route`,
`include_router`, `mount`, `Route(...)` lists) is attributed to the object it is called on
by following the receiver to its creation (see origins.py), across modules and through
factory functions. A route's full path is every prefix on the way from an app down to the
router that declares it. What cannot be followed (a router built in a loop, a registration
on an object of unknown origin) is kept with `mounted=False` and said in `unresolved`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..knowledge.servers import AIOHTTP_APP_TYPES, AIOHTTP_TABLE_TYPES, APP_REGISTRATIONS
from ..knowledge.webframes import SYNC_ON_LOOP
from .app import is_offline_scope, scope_facts, served_edges
from .constants import Constants
from .depends import Declared, Dependencies
from .aiohttp_routes import is_aiohttp_call, is_signal_add, register
from .origins import Creation, Origins
from .route_records import Asgi, Declares, Include, RouteDecl

if TYPE_CHECKING:
    from .project import Edge, ProjectModel

APP_TYPES = ("fastapi.FastAPI", "fastapi.applications.FastAPI", "starlette.applications.Starlette")
ROUTER_TYPES = ("fastapi.APIRouter", "fastapi.routing.APIRouter", "starlette.routing.Router")
HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
ANY_VERBS = ("api_route", "route")
WS_VERBS = ("websocket", "websocket_route")
ADDERS = {"add_api_route": "http", "add_route": "http", "add_api_websocket_route": "websocket",
          "add_websocket_route": "websocket"}
_OTHER_VERBS = ("add_middleware", "middleware", "exception_handler", "add_exception_handler", "on_event",
                "add_event_handler")
# the last name of every call `_registration` acts on
_ROUTING_VERBS = HTTP_VERBS + ANY_VERBS + WS_VERBS + tuple(ADDERS) + ("include_router", "mount") + APP_REGISTRATIONS
_REGISTERING = frozenset(_ROUTING_VERBS + _OTHER_VERBS + ("view",))
# every type whose objects are apps (the rest are routers: APIRouter, aiohttp's RouteTableDef)
_APPS = APP_TYPES + AIOHTTP_APP_TYPES
_KNOWN_TYPES = _APPS + ROUTER_TYPES + AIOHTTP_TABLE_TYPES
ROUTE_CLASSES = {"Route": "http", "APIRoute": "http", "WebSocketRoute": "websocket",
                 "APIWebSocketRoute": "websocket", "Mount": "mount"}
ENDPOINT_METHODS = ("get", "post", "put", "patch", "delete", "head", "options")




@dataclass
class Routing:
    objects: dict[str, Asgi] = field(default_factory=dict)
    routes: list[RouteDecl] = field(default_factory=list)
    registrations: list[tuple[str, "Edge", list[str]]] = field(default_factory=list)  # (scope, edge, owners)
    unresolved: list[str] = field(default_factory=list)
    open_includes: int = 0  # `include_router`/`mount` calls whose router was not resolved: any unmounted one may be it


def _type_name(model: "ProjectModel", target_kind: str, name: str) -> str:
    """The fastapi/starlette type a call creates ("" when none): external, or a project
    class deriving from one."""
    if target_kind == "external":
        return name if name in _KNOWN_TYPES else ""
    if target_kind == "class":
        for cls in model.mro(name):
            facts, cls_facts = model.classes[cls]
            for base in cls_facts.bases:
                found = model.resolver.type_of_chain(facts, None, tuple(base.split("."))) if base else None
                if found and found[0] == "ext" and found[1] in _KNOWN_TYPES:
                    return found[1]
    return ""


class RoutingBuilder:
    def __init__(self, model: "ProjectModel") -> None:
        self.model = model
        self._types: dict[tuple[str, str], str] = {}
        self.origins = Origins(model, self._creates_asgi)
        self.constants = Constants(model, self.origins)
        self.depends = Dependencies(model, self.origins)
        self.routing = Routing()
        self.decorated = self._decorator_index()
        self.declared_above: dict[str, list[Declared]] = {}  # handler fq -> providers declared above its routes

    def _creates_asgi(self, edge: "Edge") -> bool:
        key = (edge.target.kind, edge.target.name)
        if key not in self._types:
            self._types[key] = _type_name(self.model, *key)
        return bool(self._types[key])

    def _decorator_index(self) -> dict[tuple[str, int, str], str]:
        """(file, line, decorator) -> the function, or class (`@routes.view("/v")`), it decorates."""
        index: dict[tuple[str, int, str], str] = {}
        for fq, facts, func in self.model.iter_functions():
            for deco in func.decorators:
                if deco.is_call:
                    index[(facts.path, deco.line, deco.func)] = fq
        for fq, (facts, cls) in self.model.classes.items():
            for deco in cls.decorators:
                if deco.is_call:
                    index.setdefault((facts.path, deco.line, deco.func), fq)
        return index

    # ----- build ------------------------------------------------------------------------------
    def build(self) -> Routing:
        for creation in self.origins.creations:
            if not is_offline_scope(self.model, creation.scope):
                self._add_object(creation)
        for scope, edges in served_edges(self.model):
            for edge in edges:
                if edge.site.func and edge.site.func[-1] in _REGISTERING:  # skip the other calls cheaply
                    self._registration(scope, edge)
                elif is_signal_add(edge.site.func):  # `app.on_startup.append(hook)`
                    self._other(scope, edge, "signal")
        for obj in list(self.routing.objects.values()):
            self._constructor_routes(obj)
        return self.routing

    def _add_object(self, creation: Creation) -> None:
        created = self._types[_target_key(self.origins, creation)]
        kind = "app" if created in _APPS else "router"
        site = creation.site
        prefix = self.constants.of_value(creation.scope, site.kwargs.get("prefix", ""))
        declared = self.depends.declared(creation.scope, site.kwargs.get("dependencies")) + \
            self._declared_in_init(creation)
        obj = Asgi(creation, kind, _bound_name(self.model, creation),
                   prefix=_path_text(prefix), prefix_text=prefix.text if "prefix" in site.kwargs else "",
                   declared=declared, framework="aiohttp" if created.startswith("aiohttp.") else "")
        if "lifespan" in site.kwargs:  # FastAPI calls lifespan(app) with this object
            facts, func = self.origins.scope_facts(creation.scope)
            found = self.model.resolver.type_of_value(facts, func, site.kwargs["lifespan"], 1)
            if found and found[0] == "function":
                self.origins.injected.setdefault((found[1], 0), set()).add(creation)
        if "prefix" in site.kwargs and not prefix.known:
            self.routing.unresolved.append(f"{creation.path}:{creation.line}: router prefix "
                                           f"`{prefix.text}` is not a constant; shown as {obj.prefix}")
        self.routing.objects[obj.key] = obj

    def _declared_in_init(self, creation: Creation) -> list[Declared]:
        """`class UserRouter(APIRouter)` whose `__init__` calls `super().__init__(dependencies=[...])`:
        every router the class creates runs those providers."""
        kind, name = _target_key(self.origins, creation)
        init = self.model.method_of(name, "__init__") if kind == "class" else ""
        if not init:
            return []
        _, func = self.model.functions[init]
        for site in func.calls:
            if site.func == ("()", "__init__") and site.callee_is_call == "super" and "dependencies" in site.kwargs:
                return self.depends.declared(init, site.kwargs["dependencies"])
        return []

    def owners(self, scope: str, chain: tuple[str, ...]) -> list[str]:
        keys = sorted(c.key for c in self.origins.of_chain(scope, chain))
        return [k for k in keys if k in self.routing.objects]

    def _registration(self, scope: str, edge: "Edge") -> None:
        chain = edge.site.func
        if not chain or len(chain) < 2:
            return
        verb = chain[-1]
        if verb not in _ROUTING_VERBS + ("view",):
            self._other(scope, edge, verb)
            return
        owners = self.owners(scope, chain[:-1])
        if not owners and len(chain) > 2 and chain[-2] == "router":  # `app.router.add_get(...)`: the app's own
            owners = self.owners(scope, chain[:-2]) or self._app_stored_as(scope, chain[:-2])
        if not owners and not _looks_asgi(edge):
            return
        if (verb in APP_REGISTRATIONS or verb in HTTP_VERBS + ("add_route", "route", "view")) and \
                is_aiohttp_call(self, edge, owners):
            register(self, scope, edge, owners, verb)
        elif verb in APP_REGISTRATIONS or verb == "view":
            return
        elif verb == "include_router":
            self.include(scope, edge, owners, "include")
        elif verb == "mount":
            self.include(scope, edge, owners, "mount")
        elif verb in ADDERS:
            self._adder(scope, edge, owners, ADDERS[verb])
        else:
            self._decorated_route(scope, edge, owners, verb)

    def _app_stored_as(self, scope: str, receiver: tuple[str, ...]) -> list[str]:
        """`self.host.web.app.router.add_get(...)` where nothing types `self.host.web` (a plugin
        handed its host untyped): the app is the aiohttp app a project class stores under that
        attribute name, when exactly one class does; none when the holder has a type of its own."""
        if len(receiver) < 2:
            return []
        facts, func = self.origins.scope_facts(scope)
        if self.model.resolver.type_of_chain(facts, func, receiver[:-1]) is not None:
            return []
        found = [obj.key for obj in self.routing.objects.values()
                 if obj.framework == "aiohttp" and obj.kind == "app" and _stored_on_class(self.model, obj, receiver[-1])]
        return found if len(found) == 1 else []

    def _other(self, scope: str, edge: "Edge", verb: str) -> None:
        """Registrations the lifespan analysis reads (middleware, handlers, events, aiohttp signals)."""
        if verb == "signal":
            owners = self.owners(scope, edge.site.func[:-2])
            if owners or _looks_asgi(edge):
                self.routing.registrations.append((scope, edge, owners))
        elif verb in _OTHER_VERBS:
            owners = self.owners(scope, edge.site.func[:-1])
            if owners or _looks_asgi(edge):
                self.routing.registrations.append((scope, edge, owners))

    # ----- routes -----------------------------------------------------------------------------
    def _decorated_route(self, scope: str, edge: "Edge", owners: list[str], verb: str) -> None:
        site = edge.site
        facts, _ = self.origins.scope_facts(scope)
        handler = self.decorated.get((facts.path, site.line, site.name), "")
        if not handler:
            return  # `router.get(...)` that is not a decorator (e.g. a dict's .get on a router-typed name)
        kind = "websocket" if verb in WS_VERBS else "http"
        path = self.route_path(scope, site.args[0] if site.args else site.kwargs.get("path", ""), site)
        if verb in HTTP_VERBS:
            methods = [verb.upper()]
        elif kind == "http":
            methods = _methods(site.kwargs.get("methods"))
        else:
            methods = []
        declared = self.depends.declared(scope, site.kwargs.get("dependencies"))
        for owner in owners or [""]:
            self.routing.routes.append(RouteDecl(kind, owner, path, methods, handler, facts.path, site.line,
                                                 "decorator", declared))

    def _adder(self, scope: str, edge: "Edge", owners: list[str], kind: str) -> None:
        site = edge.site
        facts, func = self.origins.scope_facts(scope)
        path = self.route_path(scope, site.args[0] if site.args else site.kwargs.get("path", ""), site)
        endpoint = site.args[1] if len(site.args) > 1 else site.kwargs.get("endpoint")
        handler, methods = self._endpoint(facts, func, endpoint)
        if kind == "http" and "methods" in site.kwargs:
            methods = _methods(site.kwargs["methods"])
        declared = self.depends.declared(scope, site.kwargs.get("dependencies"))
        if not handler:
            self.routing.unresolved.append(f"{facts.path}:{site.line}: endpoint of {site.name}() not resolved")
        for owner in owners or [""]:
            self.routing.routes.append(RouteDecl(kind, owner, path, methods if kind == "http" else [], handler,
                                                 facts.path, site.line, site.func[-1], declared))

    def _endpoint(self, facts: Any, func: Any, value: Any) -> tuple[str, list[str]]:
        """A route endpoint: a function, or an HTTPEndpoint/WebSocketEndpoint class."""
        found = self.model.resolver.type_of_value(facts, func, value, 1)
        if not found:
            return "", ["GET"]
        if found[0] == "function":
            return found[1], ["GET"]
        if found[0] == "class":
            verbs = [m for m in ENDPOINT_METHODS if f"{found[1]}.{m}" in self.model.functions]
            for name in ("on_receive", "on_connect", *verbs):
                if f"{found[1]}.{name}" in self.model.functions:
                    return f"{found[1]}.{name}", [v.upper() for v in verbs] or ["GET"]
            return found[1], [v.upper() for v in verbs] or ["GET"]
        return "", ["GET"]

    def route_path(self, scope: str, value: Any, site: Any) -> str:
        """A route's path as the code spells it (unresolved ones noted); aiohttp_routes uses it too."""
        traced = self.constants.of_value(scope, value)
        if not traced.known:
            facts, _ = self.origins.scope_facts(scope)
            self.routing.unresolved.append(f"{facts.path}:{site.line}: route path `{traced.text}` is not a constant")
        return _path_text(traced)

    def _constructor_routes(self, obj: Asgi) -> None:
        """`Starlette(routes=[Route(...), Mount(...)])` and `APIRouter(routes=[...])`."""
        value = obj.creation.site.kwargs.get("routes")
        if value is not None:
            self._route_list(obj, obj.creation.scope, value, "", 0)

    def _route_list(self, obj: Asgi, scope: str, value: Any, prefix: str, depth: int) -> None:
        items_scope, items = self.origins.list_items(scope, value)
        if items is None or depth > 4:
            if value is not None:
                self.routing.unresolved.append(f"{obj.creation.path}:{obj.creation.line}: routes list not resolved")
            return
        for item in items:
            if isinstance(item, dict) and "star" in item:  # `[*health.routes, Mount(...)]`
                self._route_list(obj, items_scope, item["star"], prefix, depth + 1)
                continue
            if not isinstance(item, dict) or "call" not in item:
                continue
            edge = self.origins.edge_at(items_scope, item.get("line", 0), item["call"])
            kind = ROUTE_CLASSES.get(item["call"].rsplit(".", 1)[-1])
            if edge is None or kind is None:
                continue
            self._route_object(obj, items_scope, edge, kind, prefix, depth)

    def _route_object(self, obj: Asgi, scope: str, edge: "Edge", kind: str, prefix: str, depth: int) -> None:
        site = edge.site
        facts, func = self.origins.scope_facts(scope)
        path = prefix + self.route_path(scope, site.args[0] if site.args else site.kwargs.get("path", ""), site)
        if kind == "mount":
            if "routes" in site.kwargs:
                self._route_list(obj, scope, site.kwargs["routes"], path, depth + 1)
            else:
                target = site.args[1] if len(site.args) > 1 else site.kwargs.get("app")
                for child in sorted(c.key for c in self.origins.of_value(scope, target)):
                    if child in self.routing.objects:
                        self.link(Include(obj.key, child, path, facts.path, site.line, "mount"))
            return
        handler, methods = self._endpoint(facts, func,
                                          site.args[1] if len(site.args) > 1 else site.kwargs.get("endpoint"))
        if kind == "http" and "methods" in site.kwargs:
            methods = _methods(site.kwargs["methods"])
        declared = self.depends.declared(scope, site.kwargs.get("dependencies"))
        self.routing.routes.append(RouteDecl(kind, obj.key, path, methods if kind == "http" else [], handler,
                                             facts.path, site.line, site.func[-1] if site.func else "Route",
                                             declared))

    # ----- includes -------------------------------------------------------------------------
    def include(self, scope: str, edge: "Edge", owners: list[str], kind: str) -> None:
        """An `include_router`/`mount`/`add_subapp` call: the router it hangs under its owners."""
        site = edge.site
        facts, _ = self.origins.scope_facts(scope)
        if kind == "include":
            child_value = site.args[0] if site.args else site.kwargs.get("router")
            prefix = self.constants.of_value(scope, site.kwargs.get("prefix", ""))
        else:  # `mount(path, app)`, aiohttp's `add_subapp(prefix, subapp)`
            child_value = site.args[1] if len(site.args) > 1 else site.kwargs.get("app", site.kwargs.get("subapp"))
            prefix = self.constants.of_value(scope, site.args[0] if site.args else site.kwargs.get(
                "path", site.kwargs.get("prefix", "")))
        children = sorted(c.key for c in self.origins.of_value(scope, child_value))
        children = [c for c in children if c in self.routing.objects]
        if not children:
            if kind == "include" or _asgi_like(child_value):
                self.routing.open_includes += 1
                self.routing.unresolved.append(
                    f"{facts.path}:{site.line}: {site.name}({_value_text(child_value)}) not resolved to a router")
            return
        if not prefix.known:
            self.routing.unresolved.append(f"{facts.path}:{site.line}: prefix `{prefix.text}` is not a constant")
        declared = self.depends.declared(scope, site.kwargs.get("dependencies"))
        text = _path_text(prefix).rstrip("/") if kind == "subapp" else _path_text(prefix)  # aiohttp drops it
        for parent in owners:
            for child in children:
                if parent == child and kind == "subapp":
                    self.routing.objects[child].self_mount = text
                self.link(Include(parent, child, text, facts.path, site.line,
                                   "mount" if kind == "subapp" else kind, declared))

    def link(self, include: Include) -> None:
        """Record `include` on its child (a router mounted under itself is ignored)."""
        child = self.routing.objects[include.child]
        if include.parent != include.child:
            child.parents.append(include)


# ----- full paths ------------------------------------------------------------------------------
@dataclass
class Mounting(Declares):
    """One way an object is reachable from an app: the prefix before its own prefix, the
    dependencies added on the way and the chain of objects (app first)."""

    base: str
    chain: list[str]
    declared: list[Declared] = field(default_factory=list)


def mountings(routing: Routing, key: str, seen: frozenset[str] = frozenset()) -> list[Mounting]:
    """Every path from an app to the object; [] when no app includes it. The dependencies are those
    FastAPI runs for the object's routes: an app's own (also of a sub-app mounted in another), and
    those of the routers and `include_router` calls on the way; a `mount` hands requests to the
    mounted app as they are, so nothing declared above it applies there."""
    obj = routing.objects.get(key)
    if obj is None or key in seen:
        return []
    own = obj.kind == "app"
    if own and not obj.parents:
        return [Mounting(obj.self_mount, [key], list(obj.declared))]
    out: list[Mounting] = []
    for include in obj.parents:
        parent = routing.objects[include.parent]
        router = parent.kind == "router" and include.kind != "mount"
        for above in mountings(routing, include.parent, seen | {key}):
            if include.kind == "mount":
                above = Mounting(above.base, above.chain)
            out.append(Mounting(above.base + parent.prefix + include.prefix, above.chain + [key],
                                above.declared + parent.declared * router + include.declared + obj.declared * own))
    return out


def join_path(*parts: str) -> str:
    path = "".join(parts)
    return path or "/"


# ----- small helpers -----------------------------------------------------------------------------
def _target_key(origins: Origins, creation: Creation) -> tuple[str, str]:
    edge = origins.edge_at(creation.scope, creation.line, creation.site.name)
    return (edge.target.kind, edge.target.name) if edge else ("external", creation.callee)


def _looks_asgi(edge: "Edge") -> bool:
    name = edge.target.name
    return edge.target.kind == "external" and any(name.startswith(t + ".") for t in _KNOWN_TYPES)


def _asgi_like(value: Any) -> bool:
    return isinstance(value, dict) and ("ref" in value or "call" in value) and \
        "StaticFiles" not in str(value.get("call", ""))


def _methods(value: Any) -> list[str]:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.upper() for v in value]
    return ["GET"] if value is None else ["?"]


def _path_text(traced: Any) -> str:
    if traced.known and isinstance(traced.value, str):
        return traced.value
    if traced.text.startswith('f"'):
        return traced.text[2:-1]
    return "{" + traced.text + "}"


def _value_text(value: Any) -> str:
    if isinstance(value, dict):
        return value.get("ref") or f"{value.get('call', '?')}(...)"
    return repr(value)


def _stored_on_class(model: "ProjectModel", obj: Asgi, attr: str) -> bool:
    """The object is kept as `self.<attr>` of a project class (its bound name `module.Class.attr`)."""
    holder, _, name = obj.name.rpartition(".")
    return name == attr and holder in model.classes


def _bound_name(model: "ProjectModel", creation: Creation) -> str:
    """The name the object is stored under: `module.var`, `func.var`, `Class.attr`."""
    facts, func = scope_facts(model, creation.scope)
    wanted = {"call": creation.site.name, "line": creation.line}
    if func is None:
        for name, assign in facts.assigns.items():
            if _same_call(assign.value, wanted):
                return f"{facts.module}.{name}"
        return f"{facts.module}.<{creation.site.name}@{creation.line}>"
    for name, value in func.local_types.items():
        if _same_call(value, wanted):
            return f"{creation.scope}.{name}" if "<locals>" not in creation.scope else f"{creation.scope}:{name}"
    for name, value in func.self_attrs.items():
        if _same_call(value, wanted):
            return f"{facts.module}.{func.class_name}.{name}"
    return f"{creation.scope}.<{creation.site.name}@{creation.line}>"


# ----- entry points ---------------------------------------------------------------------------
def route_entries(builder: RoutingBuilder) -> list[Any]:
    """One EntryPoint per (route, way it is mounted); unmounted routes once, mounted=False."""
    from .app import EntryPoint

    routing, model = builder.routing, builder.model
    out: list[EntryPoint] = []
    for decl in routing.routes:
        owner = routing.objects.get(decl.owner)
        own_prefix = owner.prefix if owner is not None and owner.kind == "router" else ""
        own_deps = owner.dependencies if owner is not None and owner.kind == "router" else []
        mounts = mountings(routing, decl.owner) if owner is not None else []
        _declared_above(builder, decl, owner, mounts)
        for mount in mounts or [Mounting("", [decl.owner] if decl.owner else [])]:
            declared = unique(mount.dependencies + own_deps + decl.dependencies)
            roots = declared + ([decl.function] if decl.function else [])
            deps = unique(declared + builder.depends.chain(roots))
            full = join_path(mount.base, own_prefix, decl.path)
            out.append(_route_entry(model, decl, full, deps, owner, mount, bool(mounts)))
    return out


def _declared_above(builder: RoutingBuilder, decl: RouteDecl, owner: Asgi | None, mounts: list[Mounting]) -> None:
    """Record, for the route's handler, the `Depends()` declared above it (`builder.declared_above`):
    on each way an app mounts its router (the app, the routers and `include_router` calls on the way,
    the router itself) and on an `add_api_route(..., dependencies=...)` (a decorator's list is the
    handler's own, `link_providers`). A router no app includes serves nothing: its list runs for
    no request (unless an `include_router` the routing could not follow may include it)."""
    if not decl.function:
        return
    included = bool(mounts) or builder.routing.open_includes > 0
    own = owner.declared if owner is not None and owner.kind == "router" and included else []
    found = [d for mount in mounts for d in mount.declared] + own + (decl.declared if decl.how != "decorator" else [])
    if found:
        builder.declared_above.setdefault(decl.function, []).extend(found)


def _route_entry(model: "ProjectModel", decl: RouteDecl, full: str, deps: list[str], owner: Asgi | None,
                 mount: Mounting, mounted: bool) -> Any:
    from .app import EntryPoint

    if decl.function in model.functions:
        facts, func = model.functions[decl.function]
        path, line, is_async = facts.path, func.line, func.is_async
    else:
        path, line, is_async = decl.file, decl.line, True
    framework = decl.framework or (owner.framework if owner is not None else "")
    runs_in = "event-loop" if is_async or decl.kind == "websocket" or framework in SYNC_ON_LOOP else "threadpool"
    label = f"{','.join(decl.methods)} {full}" if decl.kind == "http" else f"websocket {full}"
    group_prefix = join_path(mount.base, owner.prefix if owner is not None and owner.kind == "router" else "")
    details = {
        "router": owner.name if owner is not None else "", "router_key": decl.owner,
        "group": f"{group_prefix}|{decl.owner}", "group_prefix": group_prefix,
        "mounted": mounted, "registered_at": f"{decl.file}:{decl.line}", "how": decl.how,
        "framework": framework,
        "include_chain": [model_name for model_name in mount.chain],
        "dependency_runs_in": {fq: provider_runs_in(model, fq) for fq in deps},
    }
    return EntryPoint(decl.kind, decl.function, path, line, label, runs_in=runs_in, methods=list(decl.methods),
                      route=full, dependencies=deps, details=details)


def provider_runs_in(model: "ProjectModel", fq: str) -> str:
    """Where a route's dependency provider runs: a coroutine on the loop, a sync function or a
    class (constructed per request) in the threadpool; "" for what is not a project callable."""
    if fq in model.classes:
        return "threadpool"
    if fq in model.functions:
        return "event-loop" if model.functions[fq][1].is_async else "threadpool"
    return ""


def unique(items: list[str]) -> list[str]:
    """The non-empty items in first-seen order, each once (dependency chains repeat providers)."""
    out: list[str] = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out


def _same_call(value: Any, wanted: dict) -> bool:
    """A bound value is the call at `wanted` (extra keys such as "entered" aside)."""
    return isinstance(value, dict) and value.get("call") == wanted["call"] and value.get("line") == wanted["line"]
