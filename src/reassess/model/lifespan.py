"""Middleware, exception handlers, lifespan and startup/shutdown handlers as entry points.

Read from the registrations the routing analysis attributed to an app or router
(`add_middleware`, `@app.middleware("http")`, `@app.exception_handler`,
`add_exception_handler`, `@app.on_event`, `add_event_handler`) and from the app
constructor's keywords (`lifespan=`, `middleware=[Middleware(...)]`, `on_startup=[...]`,
`exception_handlers={...}`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..knowledge.servers import SIGNALS
from .aiohttp_routes import is_signal_add
from .passed import literal_items
from .routing import RoutingBuilder

if TYPE_CHECKING:
    from .app import EntryPoint
    from .project import Edge


def lifecycle_entries(builder: RoutingBuilder) -> list["EntryPoint"]:
    out: list["EntryPoint"] = []
    for scope, edge, owners in builder.routing.registrations:
        entry = _registration(builder, scope, edge)
        if entry is not None:
            entry.details["app"] = owners[0] if owners else ""
            out.append(entry)
    for obj in builder.routing.objects.values():
        for entry in _constructor(builder, obj.creation.scope, obj.creation.site, obj.kind):
            entry.details["app"] = obj.key
            out.append(entry)
    for order, entry in enumerate(e for e in out if e.kind == "middleware"):
        entry.details["order"] = order
    return out


def _registration(builder: RoutingBuilder, scope: str, edge: "Edge") -> "EntryPoint | None":
    site = edge.site
    verb = site.func[-1]
    facts, func = builder.origins.scope_facts(scope)
    decorated = builder.decorated.get((facts.path, site.line, site.name), "")
    if is_signal_add(site.func):
        return _signal(builder, scope, site, facts.path)
    if verb == "add_middleware":
        return _middleware(builder, scope, site.args[0] if site.args else site.kwargs.get("middleware_class"),
                           site, facts.path)
    if verb == "middleware" and not decorated:
        decorated = _applied_to(builder, scope, site)
    if verb == "middleware" and decorated:
        return _entry(builder, "middleware", decorated, facts.path, site.line,
                      f"middleware {_short(decorated)} (@{site.name}({_arg_text(site.args)}))",
                      {"registered_at": f"{facts.path}:{site.line}", "kind": "function"})
    if verb == "exception_handler" and decorated:
        return _entry(builder, "exception-handler", decorated, facts.path, site.line,
                      f"exception handler {_arg_text(site.args)} -> {_short(decorated)}",
                      {"exception": _arg_text(site.args), "registered_at": f"{facts.path}:{site.line}"})
    if verb == "add_exception_handler" and len(site.args) > 1:
        handler = _function(builder, scope, site.args[1]) or _external(builder, scope, site.args[1])
        if handler:
            return _entry(builder, "exception-handler", handler, facts.path, site.line,
                          f"exception handler {_arg_text(site.args[:1])} -> {_short(handler)}",
                          {"exception": _arg_text(site.args[:1]), "registered_at": f"{facts.path}:{site.line}"})
    if verb in ("on_event", "add_event_handler") and site.args and site.args[0] in ("startup", "shutdown"):
        handler = decorated if verb == "on_event" else (
            _function(builder, scope, site.args[1]) if len(site.args) > 1 else "")
        if handler:
            return _entry(builder, site.args[0], handler, facts.path, site.line,
                          f"{site.args[0]} {_short(handler)}", {"registered_at": f"{facts.path}:{site.line}"})
    return None


def _constructor(builder: RoutingBuilder, scope: str, site: Any, kind: str) -> list["EntryPoint"]:
    """The entries an app constructor's keywords register: lifespan, startup/shutdown hooks,
    middleware (aiohttp's and Starlette's) and exception handlers."""
    path = builder.origins.scope_facts(scope)[0].path
    return [*_lifespans(builder, scope, site, kind, path), *_event_hooks(builder, scope, site, path),
            *_constructor_middleware(builder, scope, site, path),
            *_constructor_exception_handlers(builder, scope, site, path)]


def _lifespans(builder: RoutingBuilder, scope: str, site: Any, kind: str, path: str) -> list["EntryPoint"]:
    """`lifespan=handler`, or `lifespan=manager.build()` and the hooks that build runs."""
    if "lifespan" not in site.kwargs:
        return []
    handler = _function(builder, scope, site.kwargs["lifespan"])
    found = [(handler, "")] if handler else []
    found += _built_lifespan(builder, scope, site.kwargs["lifespan"])
    return [_entry(builder, "lifespan", handler, path, site.line, f"lifespan {_short(handler)}",
                   {"registered_at": at or f"{path}:{site.line}", "on": kind}) for handler, at in found]


def _event_hooks(builder: RoutingBuilder, scope: str, site: Any, path: str) -> list["EntryPoint"]:
    """`on_startup=[...]` / `on_shutdown=[...]`."""
    out: list["EntryPoint"] = []
    for event in ("startup", "shutdown"):
        for item in literal_items(site.kwargs.get(f"on_{event}")):
            handler = _function(builder, scope, item)
            if handler:
                out.append(_entry(builder, event, handler, path, site.line, f"{event} {_short(handler)}",
                                  {"registered_at": f"{path}:{site.line}"}))
    return out


def _constructor_middleware(builder: RoutingBuilder, scope: str, site: Any, path: str) -> list["EntryPoint"]:
    """aiohttp's `Application(middlewares=[...])` and Starlette's `middleware=[Middleware(cls)]`."""
    out = [_aiohttp_middleware(builder, scope, item, site, path)
           for item in literal_items(site.kwargs.get("middlewares"))]
    for item in literal_items(site.kwargs.get("middleware")):
        if isinstance(item, dict) and str(item.get("call", "")).endswith("Middleware"):
            edge = builder.origins.edge_at(scope, item.get("line", 0), item["call"])
            if edge is not None and edge.site.args:
                out.append(_middleware(builder, scope, edge.site.args[0], edge.site, path))
    return [entry for entry in out if entry is not None]


def _constructor_exception_handlers(builder: RoutingBuilder, scope: str, site: Any, path: str) -> list["EntryPoint"]:
    """`exception_handlers={Exc: handler}`."""
    out: list["EntryPoint"] = []
    for key, value in _pairs(builder, scope, site.kwargs.get("exception_handlers")):
        handler = _function(builder, scope, value)
        if handler:
            out.append(_entry(builder, "exception-handler", handler, path, site.line,
                              f"exception handler {_arg_text((key,))} -> {_short(handler)}",
                              {"exception": _arg_text((key,)), "registered_at": f"{path}:{site.line}"}))
    return out


_REGISTRY_ADDS = frozenset({"append", "add", "insert", "extend", "appendleft"})


def _built_lifespan(builder: RoutingBuilder, scope: str, value: Any) -> list[tuple[str, str]]:
    """`FastAPI(lifespan=manager.build())`: the project function the call returns (a nested
    `@asynccontextmanager`), and, when that function runs each item of a registry on `self`
    (`for hook in self._hooks[stage]: ... hook(app)`), the functions another method of the same
    class adds to that registry (`@manager.register`, `manager.register(hook)`): they run as part
    of the lifespan. (function, where registered) pairs."""
    maker = _lifespan_maker(builder, scope, value)
    if not maker:
        return []
    returned = [f for v in builder.model.functions[maker][1].returns_values if (f := _function(builder, maker, v))]
    out = [(f, "") for f in returned]
    owner = maker.rsplit(".", 1)[0]
    registries = _registries(builder, returned)
    if not registries or owner not in builder.model.classes:
        return out
    targets = {f"{owner}.{name}" for name in _adders(builder, owner, registries)}
    out += _decorated_with(builder, targets)
    out += _registered_by_call(builder, targets)
    return list(dict.fromkeys(out))


def _lifespan_maker(builder: RoutingBuilder, scope: str, value: Any) -> str:
    """The project function a `lifespan=` call runs (`manager.build()`), "" for anything else."""
    if not isinstance(value, dict) or "call" not in value:
        return ""
    edge = builder.origins.edge_at(scope, value.get("line", 0), value["call"])
    maker = edge.target.name if edge is not None and edge.target.kind == "function" else ""
    return maker if maker in builder.model.functions else ""


def _registries(builder: RoutingBuilder, returned: list[str]) -> set[str]:
    """The `self` attributes the lifespan functions loop over calling each item (`for hook in
    self._hooks[stage]: hook(app)`): registries of hooks that run in the lifespan."""
    out: set[str] = set()
    for fq in returned:
        func = builder.model.functions[fq][1]
        for info in func.extra.get("loops", {}).values():
            held = info.get("iter")
            if isinstance(held, dict) and str(held.get("ref", "")).startswith("self.") \
                    and any(c.func == (info.get("target"),) for c in func.calls):
                out.add(held["ref"].split(".")[1])
    return out


def _adders(builder: RoutingBuilder, owner: str, registries: set[str]) -> set[str]:
    """Names of the owner's methods that add to one of its registries (`self._hooks[stage].append(fn)`),
    read from the functions under the class (a method's nested functions count as the method)."""
    return {fq[len(owner) + 1:].split(".")[0].split("@")[0] for fq in builder.model.functions_under(owner + ".")
            if any(c.func and len(c.func) > 2 and c.func[0] == "self" and c.func[1] in registries
                   and c.func[-1] in _REGISTRY_ADDS for c in builder.model.functions[fq][1].calls)}


def _decorated_with(builder: RoutingBuilder, targets: set[str]) -> list[tuple[str, str]]:
    """Functions decorated with one of the adders (`@manager.register`), where the decorator stands."""
    out: list[tuple[str, str]] = []
    names = {target.rsplit(".", 1)[-1] for target in targets}
    for fq, (facts, func) in builder.model.functions.items():
        for dec in func.decorators:
            if dec.func.rsplit(".", 1)[-1] in names and "." in dec.func:
                found = builder.model.resolver.type_of_chain(facts, None, tuple(dec.func.split(".")))
                if found is not None and found[0] == "function" and found[1] in targets:
                    out.append((fq, f"{facts.path}:{dec.line}"))
    return out


def _registered_by_call(builder: RoutingBuilder, targets: set[str]) -> list[tuple[str, str]]:
    """Functions handed to one of the adders by a call (`manager.register(hook)`), where it is called."""
    out: list[tuple[str, str]] = []
    for target in sorted(targets):
        for call in builder.origins.callers(target):
            handler = _function(builder, call.caller, call.site.args[0]) if call.site.args else ""
            if handler:
                out.append((handler, f"{builder.origins.scope_facts(call.caller)[0].path}:{call.site.line}"))
    return out


def _signal(builder: RoutingBuilder, scope: str, site: Any, path: str) -> "EntryPoint | None":
    """`app.on_startup.append(hook)` (the last argument: `insert` takes an index first) or
    `extend([hook])`: aiohttp awaits the hook with the app at startup or shutdown; a
    `cleanup_ctx` generator runs as a lifespan."""
    kind = SIGNALS[site.func[-2]]
    value = site.args[-1] if site.args else None
    values = literal_items(value) if site.func[-1] == "extend" else [value]
    handler = next((found for found in (_function(builder, scope, v) for v in values) if found), "")
    if not handler:
        return None
    return _entry(builder, kind, handler, path, site.line, f"{kind} {_short(handler)} ({site.func[-2]})",
                  {"registered_at": f"{path}:{site.line}"})


def _aiohttp_middleware(builder: RoutingBuilder, scope: str, value: Any, site: Any,
                        path: str) -> "EntryPoint | None":
    """An aiohttp middleware: a `@web.middleware` coroutine, or an object whose `__call__` is one."""
    handler = _function(builder, scope, value)
    if not handler:
        facts, func = builder.origins.scope_facts(scope)
        found = builder.model.resolver.type_of_value(facts, func, value, 1)
        call = f"{found[1]}.__call__" if found and found[0] in ("instance", "class") else ""
        handler = call if call in builder.model.functions else ""
    if not handler:
        return None
    return _entry(builder, "middleware", handler, path, site.line, f"middleware {_short(handler)}",
                  {"registered_at": f"{path}:{site.line}", "kind": "function"})


def _middleware(builder: RoutingBuilder, scope: str, value: Any, site: Any, path: str) -> "EntryPoint | None":
    facts, func = builder.origins.scope_facts(scope)
    found = builder.model.resolver.type_of_value(facts, func, value, 1)
    config = {k: v for k, v in site.kwargs.items() if k != "middleware_class"}
    details = {"registered_at": f"{path}:{site.line}", "config": config}
    if found and found[0] == "class":
        for method in ("dispatch", "__call__"):
            if f"{found[1]}.{method}" in builder.model.functions:
                return _entry(builder, "middleware", f"{found[1]}.{method}", path, site.line,
                              f"middleware {found[1].rsplit('.', 1)[-1]}", {**details, "kind": "class"})
        return _entry(builder, "middleware", found[1], path, site.line, f"middleware {found[1].rsplit('.', 1)[-1]}",
                      {**details, "kind": "class"})
    name = found[1] if found and found[0] in ("ext", "ext_instance") else _arg_text((value,))
    return _entry(builder, "middleware", name, path, site.line, f"middleware {name.rsplit('.', 1)[-1]}",
                  {**details, "kind": "library", "external": True})


def _entry(builder: RoutingBuilder, kind: str, function: str, path: str, line: int, name: str,
           details: dict[str, Any]) -> "EntryPoint":
    from .app import EntryPoint

    model = builder.model
    if function in model.functions:
        facts, func = model.functions[function]
        return EntryPoint(kind, function, facts.path, func.line, name,
                          runs_in="event-loop" if func.is_async else "threadpool", details=details)
    return EntryPoint(kind, function, path, line, name, details=details)


def _applied_to(builder: RoutingBuilder, scope: str, site: Any) -> str:
    """`app.middleware("http")(error_envelope)`: the decorator applied by a call, not with `@`."""
    facts, func = builder.origins.scope_facts(scope)
    for other in (func.calls if func is not None else facts.module_calls):
        if other.line == site.line and other.func is None and other.col <= site.col and other.args:
            return _function(builder, scope, other.args[0])
    return ""


def _function(builder: RoutingBuilder, scope: str, value: Any, depth: int = 0) -> str:
    facts, func = builder.origins.scope_facts(scope)
    found = builder.model.resolver.type_of_value(facts, func, value, 1)
    if found == ("ext_result", "functools.partial") and depth < 3:
        return _partial_of(builder, scope, value, depth)
    return found[1] if found and found[0] == "function" else ""


def _partial_of(builder: RoutingBuilder, scope: str, value: Any, depth: int) -> str:
    """The function a local built with `functools.partial(handler, code=410)` calls: registering
    the partial registers that function (with some arguments filled in)."""
    _facts, func = builder.origins.scope_facts(scope)
    bound = func.local_types.get(value.get("ref", "")) if func is not None and isinstance(value, dict) else None
    line = bound.get("line") if isinstance(bound, dict) else None
    site = next((s for s in func.calls if s.line == line and s.func and s.func[-1] == "partial" and s.args), None) \
        if line else None
    return _function(builder, scope, site.args[0], depth + 1) if site is not None else ""


def _pairs(builder: RoutingBuilder, scope: str, value: Any) -> list:
    """Key/value pairs of a dict literal, written in place or held in a module variable."""
    if isinstance(value, dict) and "ref" in value and "." not in value["ref"]:
        facts, _ = builder.origins.scope_facts(scope)
        assign = facts.assigns.get(value["ref"])
        value = assign.value if assign is not None else None
    if isinstance(value, dict) and value.get("literal") == "dict":
        return [tuple(p) for p in literal_items(value) if isinstance(p, list) and len(p) == 2]
    return []


def _external(builder: RoutingBuilder, scope: str, value: Any) -> str:
    facts, func = builder.origins.scope_facts(scope)
    found = builder.model.resolver.type_of_value(facts, func, value, 1)
    return found[1] if found and found[0] in ("ext", "ext_instance") else ""


def _arg_text(args: Any) -> str:
    parts = []
    for arg in args:
        if isinstance(arg, dict):
            parts.append(arg.get("ref") or f"{arg.get('call', '?')}(...)")
        else:
            parts.append(repr(arg))
    return ", ".join(parts)


def _short(fq: str) -> str:
    return fq.rsplit(".", 1)[-1]
