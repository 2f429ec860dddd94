"""Litestar route handlers, controllers, routers and app hooks as entry points.

A function decorated with one of Litestar's handler decorators (`@get("/x")`, `@litestar.post`,
`@websocket`, `@websocket_listener`, `@route(..., http_method=[...])`) is a route handler: the
decorator builds an object whose only use is to be registered, so the function is an entry point
even where the registration cannot be followed (a plugin's `on_app_init` extending the list). A
method is a handler of its `Controller` subclass and sits under the class's `path`; a
`Router(path=..., route_handlers=[...])` puts the path before each handler, controller or router it
lists. `Litestar(on_startup=[...], on_shutdown=[...], lifespan=[...])` adds the app's hooks.

How a handler runs follows Litestar (knowledge/webframes.py): `async def` on the event loop; a sync
function in a worker thread only with `sync_to_thread=True`, otherwise on the event loop. A
`Provide(...)` dependency is listed with the handlers that name it when it runs on the loop as a
coroutine or in a thread (`sync_to_thread=True`): the two ways the rules read a route's dependencies.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..knowledge.webframes import (
    LITESTAR_APP, LITESTAR_APP_CONFIG, LITESTAR_CONTROLLER, LITESTAR_HANDLER_LIST, LITESTAR_HOOKS, LITESTAR_HTTP,
    LITESTAR_INIT_HOOK, LITESTAR_MODULES, LITESTAR_ROUTER, LITESTAR_WEBSOCKET,
)
from .app import offline_modules, scope_facts, served_edges
from .origins import positional_params
from .passed import call_argument, call_arguments, literal_items
from .resolve import annotated_type
from .routing import provider_runs_in, unique

if TYPE_CHECKING:
    from .app import EntryPoint
    from .project import ProjectModel


@dataclass
class _Owner:
    """A Router or Litestar app as created: its path and what it lists."""

    path: str
    listed: list[str] = field(default_factory=list)  # fq of handlers and controllers, keys of routers
    dependencies: list[str] = field(default_factory=list)
    is_app: bool = False


def litestar_entries(model: "ProjectModel") -> list["EntryPoint"]:
    """Route entries of every Litestar handler (one per full path), then the app hooks."""
    handlers = _handlers(model)
    if not handlers:
        return []
    owners, apps = _owners(model)
    out: list["EntryPoint"] = []
    for fq in sorted(handlers):
        deco, verb = handlers[fq]
        cls = _controller(model, fq)
        out += _handler_routes(model, fq, deco, verb, cls, _mounts(owners, cls or fq, frozenset()))
    out += _hooks(model, apps)
    return out


def _handler_dependencies(model: "ProjectModel", fq: str, deco: Any, cls: str) -> list[str]:
    """The providers a handler is given by its decorator, after those its controller class declares:
    Litestar layers them controller first, so a handler's own entry overrides the class's."""
    facts, func = model.functions[fq]
    deps = _provided(model, facts, func, deco.kwargs.get("dependencies"))
    if cls:
        cls_facts, cls_info = model.classes[cls]
        deps = _provided(model, cls_facts, None, cls_info.class_attrs.get("dependencies")) + deps
    return deps


def _handler_routes(model: "ProjectModel", fq: str, deco: Any, verb: str, cls: str,
                    mounts: list[tuple[str, list[str]]]) -> list["EntryPoint"]:
    """One entry per full path a handler is served at: each router prefix it is mounted under (or
    none, unmounted), its controller's path, and each path its decorator names."""
    facts = model.functions[fq][0]
    deps = _handler_dependencies(model, fq, deco, cls)
    own = _paths(call_argument(deco, 0, "path", ""))
    base = _class_path(model, cls) if cls else ""
    out: list["EntryPoint"] = []
    for prefix, above in mounts or [("", [])]:
        for path in own:
            route = _join(prefix, base, path)
            entry = _entry(model, fq, deco, verb, route, bool(mounts), unique(above + deps))
            # one route group per controller (or module of plain handlers) under each prefix
            entry.details.update(router=cls or facts.module, group_prefix=_join(prefix, base) if cls else
                                 (_join(prefix) if prefix else route), group=f"{_join(prefix, base)}|{cls or facts.module}")
            out.append(entry)
    return out


def _handlers(model: "ProjectModel") -> dict[str, tuple[Any, str]]:
    """fq -> (the Litestar handler decorator, "GET"/.../"" for `route`, or "websocket")."""
    out: dict[str, tuple[Any, str]] = {}
    for fq, facts, func in model.iter_functions():
        if facts.module in offline_modules(model):
            continue
        for deco in func.decorators:
            found = model.resolver.type_of_chain(facts, None, tuple(deco.func.split(".")))
            if not found or found[0] != "ext":
                continue
            module, _, name = found[1].rpartition(".")
            if module in LITESTAR_MODULES and name in LITESTAR_HTTP:
                out[fq] = (deco, LITESTAR_HTTP[name])
            elif module in LITESTAR_MODULES and name in LITESTAR_WEBSOCKET:
                out[fq] = (deco, "websocket")
    return out


def _controller(model: "ProjectModel", fq: str) -> str:
    """The Controller subclass a handler method belongs to ("" for a plain function)."""
    _, func = model.functions[fq]
    if not func.class_name:
        return ""
    cls = fq.rsplit(".", 1)[0]
    if cls not in model.classes:
        return ""
    bases = set(model.inherited_library_bases(cls))
    return cls if bases & set(LITESTAR_CONTROLLER) else ""


def _class_path(model: "ProjectModel", cls: str) -> str:
    """A controller's `path` class attribute, from the class or a project base."""
    for above in model.mro(cls):
        value = model.classes[above][1].class_attrs.get("path")
        if isinstance(value, str):
            return value
    return ""


def _entry(model: "ProjectModel", fq: str, deco: Any, verb: str, route: str, mounted: bool,
           deps: list[str]) -> "EntryPoint":
    from .app import EntryPoint

    facts, func = model.functions[fq]
    if verb == "websocket":
        kind, methods, label = "websocket", [], f"websocket {route}"
    else:
        methods = [verb] if verb else _route_methods(deco.kwargs.get("http_method"))
        kind, label = "http", f"{','.join(methods)} {route}"
    runs_in = "event-loop" if func.is_async or deco.kwargs.get("sync_to_thread") is not True else "threadpool"
    return EntryPoint(kind, fq, facts.path, func.line, label, runs_in=runs_in, methods=methods, route=route,
                      dependencies=deps,
                      details={"framework": "litestar", "mounted": mounted, "how": "decorator",
                               "registered_at": f"{facts.path}:{deco.line}",
                               "dependency_runs_in": {d: provider_runs_in(model, d) for d in deps}})


def _route_methods(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.upper()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.upper() for v in value]
    return ["?"]


# ----- routers and apps -------------------------------------------------------------------------------
def _owners(model: "ProjectModel") -> tuple[dict[str, _Owner], list[tuple[Any, Any, Any]]]:
    """Routers and apps keyed "module:line" of their creation; and (facts, function, call site) of
    each `Litestar(...)` app, whose hooks are entries of their own."""
    out: dict[str, _Owner] = {}
    apps: list[tuple[Any, Any, Any]] = []
    for scope, edges in served_edges(model):
        for edge in edges:
            if not _creates_owner(edge):
                continue
            facts, func = scope_facts(model, scope)
            is_app = edge.target.name in LITESTAR_APP
            out[f"{facts.module}:{edge.site.line}"] = _owner_at(model, facts, func, edge.site, is_app)
            if is_app:
                apps.append((facts, func, edge.site))
    out.update(_plugin_owners(model))
    return out, apps


def _creates_owner(edge: Any) -> bool:
    """A call of Litestar's own `Router(...)` or `Litestar(...)`: only those carry a path prefix and a
    handler list that handlers are mounted under (a project class of the same name does not)."""
    return edge.target.kind == "external" and edge.target.name in LITESTAR_ROUTER + LITESTAR_APP


def _owner_at(model: "ProjectModel", facts: Any, func: Any, site: Any, is_app: bool) -> _Owner:
    """The router (app) one creation call makes: an app has no path of its own, a router takes its
    path and its handler list positionally or by keyword; the dependencies it provides go to every
    handler under it."""
    path = "" if is_app else call_argument(site, 0, "path", "")
    listed = site.kwargs.get("route_handlers", site.args[1] if not is_app and len(site.args) > 1 else None)
    owner = _Owner(path if isinstance(path, str) else "", is_app=is_app,
                   dependencies=_provided(model, facts, func, site.kwargs.get("dependencies")))
    owner.listed.extend(_listed_keys(model, [(facts, func, item) for item in literal_items(listed)]))
    return owner


def _listed_keys(model: "ProjectModel", items: list[tuple[Any, Any, Any]]) -> list[str]:
    """The keys of the handlers, controllers and routers (facts, function, item) name, in order;
    an item the analysis cannot tie to one of them is left out rather than guessed."""
    keys = (_listed_key(model, facts, func, item) for facts, func, item in items)
    return [key for key in keys if key]


def _plugin_owners(model: "ProjectModel") -> dict[str, _Owner]:
    """`app_config.route_handlers.extend([...])` / `.append(x)` on the `AppConfig` an init plugin's
    `on_app_init` is handed (or a helper it passes the config to): the app's own handler list. A list
    the helper takes as a parameter is read from each call of the helper."""
    out: dict[str, _Owner] = {}
    for fq, facts, func in model.iter_functions():
        if facts.module in offline_modules(model):
            continue
        configs = {p.name for p in func.params if _is_app_config(model, facts, func, p)}
        for site in func.calls if configs else ():
            if not _grows_handler_list(site, configs):
                continue
            owner = _Owner("", is_app=True)
            owner.listed.extend(_listed_keys(model, _listed_values(model, fq, site.args[0], site.func[2] == "append")))
            out[f"{facts.module}:{site.line}"] = owner
    return out


def _grows_handler_list(site: Any, configs: set[str]) -> bool:
    """`config.route_handlers.extend(...)` / `.append(...)` with an argument, on one of the `AppConfig`
    parameters (`configs`): the only change to an app's handler list an init plugin makes that adds
    handlers (other methods of the list, or lists of other objects, add none)."""
    chain = site.func or ()
    return len(chain) == 3 and chain[0] in configs and chain[1] == LITESTAR_HANDLER_LIST and bool(site.args) \
        and chain[2] in ("extend", "append")


def _is_app_config(model: "ProjectModel", facts: Any, func: Any, param: Any) -> bool:
    """A parameter annotated `AppConfig`, or the config parameter of an `on_app_init` method."""
    if param.annotation:
        found = model.resolver.instance_of_annotation(facts, annotated_type(param.annotation))
        if found and found[0] == "ext_instance" and found[1] in LITESTAR_APP_CONFIG:
            return True
    names = positional_params(func)
    return func.name == LITESTAR_INIT_HOOK and bool(func.class_name) and names[:1] == [param.name]


def _listed_values(model: "ProjectModel", fq: str, value: Any, single: bool) -> list[tuple[Any, Any, Any]]:
    """(facts, function, item) for each handler an `extend`/`append` argument stands for: the items
    of a list literal, or of the list each caller passes for the parameter the argument names."""
    facts, func = model.functions[fq]
    if single:
        return [(facts, func, value)]
    if literal_items(value):
        return [(facts, func, item) for item in literal_items(value)]
    ref = value.get("ref") if isinstance(value, dict) else None
    if not isinstance(ref, str) or ref in func.local_types or ref not in {p.name for p in func.params}:
        return []
    out: list[tuple[Any, Any, Any]] = []
    for edge in model.callers.get(fq, ()):
        if edge.target.kind != "function" or edge.target.name != fq or edge.caller not in model.functions:
            continue
        caller_facts, caller = model.functions[edge.caller]
        passed = dict(call_arguments(func, edge.site))
        out += [(caller_facts, caller, item) for item in literal_items(passed.get(ref))]
    return out


def _listed_key(model: "ProjectModel", facts: Any, func: Any, item: Any) -> str:
    """A `route_handlers` item: a handler function or controller class (fq), or a router ("module:line")."""
    found = model.resolver.type_of_value(facts, func, item, 1)
    if found and found[0] in ("function", "class"):
        return found[1]
    if not isinstance(item, dict) or "." in item.get("ref", "."):
        return ""
    return _created_at(model, facts, func, item["ref"], 0)


def _created_at(model: "ProjectModel", facts: Any, func: Any, name: str, depth: int) -> str:
    """"module:line" of the call a variable holds, following an import of it."""
    value = func.local_types.get(name) if func is not None else None
    if value is None:
        binding = model.bindings.get(facts.module, {}).get(name)
        if binding is not None and binding.kind == "import" and depth < 4:
            module, _, target = binding.target.rpartition(".")
            found = model.modules.get(module)
            return _created_at(model, found, None, target, depth + 1) if found is not None else ""
        assign = facts.assigns.get(name)
        value = assign.value if assign is not None else None
    if isinstance(value, dict) and "call" in value and "line" in value:
        return f"{facts.module}:{value['line']}"
    return ""


def _mounts(owners: dict[str, _Owner], key: str, seen: frozenset[str]) -> list[tuple[str, list[str]]]:
    """(prefix, dependencies declared above) for each way an app reaches `key`; [] when none does."""
    out: list[tuple[str, list[str]]] = []
    for owner_key, owner in owners.items():
        if key not in owner.listed or owner_key in seen:
            continue
        if owner.is_app:
            out.append(("", list(owner.dependencies)))
            continue
        for prefix, above in _mounts(owners, owner_key, seen | {owner_key}):
            out.append((_join(prefix, owner.path), above + owner.dependencies))
    return out


# ----- dependencies and hooks ----------------------------------------------------------------------------
def _provided(model: "ProjectModel", facts: Any, func: Any, value: Any) -> list[str]:
    """The project providers of a `dependencies={"name": Provide(fn, ...)}` mapping that run as a
    coroutine or in a worker thread (`sync_to_thread=True`)."""
    out: list[str] = []
    for pair in literal_items(value):
        provide = pair[1] if isinstance(pair, list) and len(pair) == 2 else None
        site = _call_at(facts, func, provide)
        if site is None or not site.args:
            continue
        found = model.resolver.type_of_value(facts, func, site.args[0], 1)
        if found and found[0] == "function" and found[1] in model.functions:
            if model.functions[found[1]][1].is_async or site.kwargs.get("sync_to_thread") is True:
                out.append(found[1])
    return out


def _call_at(facts: Any, func: Any, value: Any) -> Any:
    if not isinstance(value, dict) or not str(value.get("call", "")).endswith("Provide"):
        return None
    calls = list(func.calls) if func is not None else list(facts.module_calls)
    return next((s for s in calls if s.line == value.get("line") and s.func and s.func[-1] == "Provide"), None)


def _hooks(model: "ProjectModel", apps: list[tuple[Any, Any, Any]]) -> list["EntryPoint"]:
    """`Litestar(on_startup=[...], on_shutdown=[...], lifespan=[...])` of the apps `_owners` found."""
    from .app import EntryPoint

    out: list[EntryPoint] = []
    for facts, func, site in apps:
        for keyword, kind in LITESTAR_HOOKS.items():
            for item in literal_items(site.kwargs.get(keyword)):
                found = model.resolver.type_of_value(facts, func, item, 1)
                if not found or found[0] != "function" or found[1] not in model.functions:
                    continue
                hook_facts, hook = model.functions[found[1]]
                label = f"{kind} {found[1].rsplit('.', 1)[-1]}"
                out.append(EntryPoint(kind, found[1], hook_facts.path, hook.line, label,
                                      runs_in="event-loop" if hook.is_async else "threadpool",
                                      details={"framework": "litestar", "registered_at": f"{facts.path}:{site.line}"}))
    return out


# ----- small helpers -------------------------------------------------------------------------------------
def _paths(value: Any) -> list[str]:
    """A handler's path argument: one string or a list of them ("" when not a constant)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return list(value)
    return [""]


def _join(*parts: str) -> str:
    """Litestar joins path segments with one slash each and serves "" as "/"."""
    pieces = [p.strip("/") for p in parts if p and p.strip("/")]
    return "/" + "/".join(pieces)
