"""WebSocket handlers and what they do with their connection, for the lifecycle rules."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...facts.walkers.appkeys import APP_HOLDERS
from ...knowledge.exceptions import BROAD, is_broad
from ...knowledge.servers import AIOHTTP_VIEW_TYPES, WEBSOCKET_RESPONSES
from ...knowledge.websockets import annotated_websocket
from ...model.resilience.components import singletons
from ._calls import bound_local, bound_site, param_receiving
from ._ws_url_reads import url_locals

if TYPE_CHECKING:
    from ...model.project import ProjectModel

RECEIVE = frozenset({"receive", "receive_text", "receive_json", "receive_bytes", "receive_str"})  # aiohttp: `receive_str`
REGISTER = frozenset({"connect", "register", "add", "subscribe", "join", "append", "attach", "add_connection",
                      "add_client", "add_websocket", "watch"})
CLEANUP = frozenset({"disconnect", "unregister", "remove", "discard", "unsubscribe", "leave", "detach",
                     "remove_connection", "remove_client", "remove_websocket", "pop", "unwatch"})
HANDLES_DISCONNECT = ("WebSocketDisconnect", "Exception", "BaseException", "ConnectionClosed", "ConnectionClosedOK",
                      "ConnectionClosedError", "ClientDisconnected")
CATCH_ALL = tuple(sorted(BROAD))


ADDS_TO = frozenset({"add", "append", "appendleft", "setdefault", "insert"})
# Method names that register a subscriber without being handed the socket (`hub.subscribe(key)`);
# narrower than REGISTER, whose `add`/`append` would also match `history.add_message(...)`.
_HUB_REGISTER = ("subscribe", "register", "connect", "join", "attach", "listen", "watch", "follow")


@dataclass(frozen=True)
class Step:
    """A registration or a release in a handler: a call, or a store into a shared container."""

    name: str  # "manager.connect", "hub.subscribe", "CLIENTS[...]"
    line: int
    end_line: int
    receiver: str = ""  # "hub" for `hub.subscribe(...)`, the container for a store
    result: str = ""  # the local bound to what registering returned ("queue")
    holds: str = ""  # where the state is kept, when known ("TrackingHub._by_tracking_number")
    count: bool = False  # a shared connection count (`viewer_counts[lot_id] += 1`), released by `-= 1`


@dataclass
class Handler:
    fq: str
    facts: ModuleFacts
    func: FunctionFacts
    socket: str  # the parameter holding the connection
    route: str = ""
    receives: list[CallSite] = field(default_factory=list)  # receive calls in loops
    registrations: list[Step] = field(default_factory=list)
    cleanups: list[Step] = field(default_factory=list)
    made: bool = False  # the connection is a response the handler creates (aiohttp's `WebSocketResponse()`)
    url_ids: dict[str, bool] = field(default_factory=dict)  # locals read from its URL -> converted to a UUID


def handlers(model: "ProjectModel") -> list[Handler]:
    """Websocket entry points, and coroutines that accept a WebSocket parameter themselves
    (found once per run, shared by the lifecycle rules)."""
    return model.memo("concurrency.ws_handlers", lambda: _find_handlers(model))


def _find_handlers(model: "ProjectModel") -> list[Handler]:
    routes = {e.function: e.name for e in model.app.entrypoints if e.kind == "websocket"}
    found: list[Handler] = []
    for fq, facts, func in model.iter_functions():
        if not func.is_async:
            continue
        socket = _socket_param(func, fq in routes)
        if not socket:
            continue
        handler = Handler(fq, facts, func, socket, routes.get(fq, ""))
        accepts = any(s.func == (socket, "accept") for s in func.calls)
        for site in func.calls:
            _classify(handler, site)
        if fq in routes or (accepts and handler.receives):
            _shared_state(model, handler)
            handler.url_ids = url_locals(model, handler) if fq in routes else {}
            found.append(handler)
    return found


def response_handlers(model: "ProjectModel") -> list[Handler]:
    """Websocket entry points whose connection is a response they create and prepare themselves
    (`ws = web.WebSocketResponse(); await ws.prepare(request)`), not a parameter: aiohttp's shape.
    Kept apart from `handlers`, whose rules read Starlette's receive calls and disconnect exception."""
    return model.memo("concurrency.ws_response_handlers", lambda: _find_response_handlers(model))


def _find_response_handlers(model: "ProjectModel") -> list[Handler]:
    found: dict[str, Handler] = {}
    for entry in model.app.entrypoints:
        if entry.kind != "websocket" or entry.function in found or entry.function not in model.functions:
            continue
        facts, func = model.functions[entry.function]
        socket = _made_socket(model, entry.function, func)
        if not socket or not func.is_async or _socket_param(func, True):
            continue
        handler = Handler(entry.function, facts, func, socket, entry.name, made=True)
        for site in func.calls:
            _classify(handler, site)
        _shared_state(model, handler)
        found[entry.function] = handler
    return list(found.values())


def _made_socket(model: "ProjectModel", fq: str, func: FunctionFacts) -> str:
    """The local bound to the `WebSocketResponse()` the function creates, "" when none."""
    made = (bound_local(func, edge.site.line, edge.site.name) for edge in model.edges.get(fq, ())
            if edge.target.name in WEBSOCKET_RESPONSES)
    return next((name for name in made if name), "")


def _socket_param(func: FunctionFacts, is_route: bool) -> str:
    for param in func.params:
        if annotated_websocket(param.annotation):
            return param.name
    if is_route:
        for param in func.params:
            if param.name in ("websocket", "ws"):
                return param.name
    return ""


def _classify(handler: Handler, site: CallSite) -> None:
    if not site.func:
        return
    ref = {"ref": handler.socket}
    if site.func[0] == handler.socket and site.func[-1] in RECEIVE and site.loop_line and site.used_as == "await":
        handler.receives.append(site)
    elif ref in site.args or ref in site.kwargs.values() or _outbox_filed(handler, site):
        _file_step(handler, site)


def _file_step(handler: Handler, site: CallSite) -> None:
    """A call handed the connection: a registration or a release, by its verb."""
    if _verb(site.func[-1], REGISTER):
        handler.registrations.append(_step(handler.func, site))
    elif _verb(site.func[-1], CLEANUP):
        handler.cleanups.append(_step(handler.func, site))


def _verb(method: str, verbs: frozenset[str]) -> bool:
    """`watch`, or a verb qualified by what is watched (`watch_trip(trip_id, websocket)`,
    `unwatch_campaign`): the socket is an argument, so `add_message(websocket)`-style helpers
    are excluded by keeping the generic collection verbs exact."""
    head = method.split("_", 1)[0]
    return method in verbs or head in verbs and head not in ADDS_TO and head != "pop"


def _outbox_filed(handler: Handler, site: CallSite) -> bool:
    """`feed.add(match_id, outbox)`: a queue the handler made for this connection, handed to an
    object kept on `app.state` (through a local alias): per-connection state in a shared registry."""
    func = handler.func
    made = {name for name, value in func.local_types.items()
            if isinstance(value, dict) and str(value.get("call", "")).rsplit(".", 1)[-1].endswith("Queue")}
    return len(site.func) == 2 and any({"ref": name} in site.args or {"ref": name} in site.kwargs.values()
                                       for name in made) and _on_app_state(func, site.func[0])


def _on_app_state(func: FunctionFacts, name: str, depth: int = 0) -> bool:
    """`name` is a local bound to something on `app.state` (`hub = websocket.app.state.hub`, or
    `state = websocket.app.state` then `hub = state.hub`), or kept in an aiohttp app's storage
    (`hub = request.app[HUB]`): one object every connection shares."""
    if name in func.extra.get("app_key_locals", ()):
        return True
    value = func.local_types.get(name)
    ref = value.get("ref", "") if isinstance(value, dict) else ""
    parts = str(ref).split(".")
    if "app" in parts and "state" in parts[parts.index("app"):]:
        return True
    return depth < 3 and len(parts) > 1 and _on_app_state(func, parts[0], depth + 1)


def _step(func: FunctionFacts, site: CallSite, holds: str = "") -> Step:
    result = bound_local(func, site.line, site.name)
    return Step(site.name, site.line, site.end_line, ".".join(site.func[:-1]) if site.func else "", result, holds)


def _shared_state(model: "ProjectModel", handler: Handler) -> None:
    """Per-connection state put in a shared registry without the socket itself: a queue from
    `hub.subscribe(key)` on a module-level or app-level object whose method adds to one of its
    containers, a store into a module-level container (`CLIENTS[key] = websocket`), or a shared
    connection count; and the calls, deletions or decrements that release it."""
    _hub_registrations(model, handler)
    _store_registrations(model, handler)
    _wrapper_registrations(model, handler)
    _keeping_registrations(model, handler)
    _shared_cleanups(handler)
    _handle_releases(handler)


# what ends a handle a registration returned (`watcher = watch(ws)` ... `watcher.cancel()`)
_HANDLE_ENDS = frozenset({"cancel", "close", "aclose", "stop", "release", "dispose", "shutdown", *CLEANUP})


def _handle_releases(handler: Handler) -> None:
    """`watcher = watch_disconnect(websocket)` ... `finally: watcher.cancel()`: ending the handle
    the registration returned releases what it holds for the connection."""
    results = {r.result for r in handler.registrations if r.result}
    known = {c.line for c in handler.cleanups}
    for site in handler.func.calls:
        if site.func and len(site.func) == 2 and site.func[0] in results and site.func[-1] in _HANDLE_ENDS \
                and site.line not in known:
            handler.cleanups.append(_step(handler.func, site))


def socket_wrappers(handler: Handler) -> dict[str, CallSite]:
    """Locals holding an object built around the socket (`client = FeedClient(websocket, hotel_id)`),
    with the constructor call: registering one registers the connection."""
    func, ref = handler.func, {"ref": handler.socket}
    found = {}
    for name, value in func.local_types.items():
        if not isinstance(value, dict) or not str(value.get("call", "")).rsplit(".", 1)[-1][:1].isupper():
            continue
        site = bound_site(func, value)
        if site is not None and (ref in site.args or ref in site.kwargs.values()):
            found[name] = site
    return found


def _wrapper_registrations(model: "ProjectModel", handler: Handler) -> None:
    """`feed.add(client)` / `feed.remove(client)` on a shared object, given such a wrapper."""
    wrappers = socket_wrappers(handler)
    if not wrappers:
        return
    known = {r.line for r in handler.registrations} | {c.line for c in handler.cleanups}
    for site in handler.func.calls:
        refs = {v.get("ref") for v in (*site.args, *site.kwargs.values()) if isinstance(v, dict)}
        if site.line in known or not site.func or len(site.func) < 2 or not refs & wrappers.keys() \
                or not _shared_receiver(model, handler, site.func[:-1]):
            continue
        _file_step(handler, site)


def _keeping_registrations(model: "ProjectModel", handler: Handler) -> None:
    """`registry.add_proctor(exam_id, websocket)` on a shared object, whatever the method is named,
    when the method keeps the socket it is handed in one of its object's containers (as an item or
    a key): the call registers the connection, as `connect` would."""
    known = {s.line for s in (*handler.registrations, *handler.cleanups)}
    for edge in model.edges.get(handler.fq, ()):
        site = edge.site
        callee = model.callee_function(edge.target)
        if site.line in known or not callee or not site.func or len(site.func) < 2 \
                or site.func[-1].startswith(tuple(CLEANUP)) or not _shared_receiver(model, handler, site.func[:-1]):
            continue
        facts, func = model.functions[callee]
        param = param_receiving(func, site, handler.socket)
        holds = _keeps(model, facts, func, param) if param and not _serves(func) else ""
        if holds:
            handler.registrations.append(_step(handler.func, site, holds))
            known.add(site.line)


def _serves(func: FunctionFacts) -> bool:
    """The method runs the connection itself (receives on it, or releases something): it manages
    the lifecycle, as a handler that delegates to it expects."""
    return any(site.func and (site.func[-1] in RECEIVE or site.func[-1].startswith(tuple(CLEANUP)))
               for site in func.calls)


def _keeps(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, param: str) -> str:
    """`Class.attr` when the method stores `param` into `self.attr` (`self.by_key[k] = param`,
    `self.queues[param] = q`, `self.rooms[k].add(param)`), "" when it keeps it nowhere."""
    owner = (func.class_name or "").rsplit(".", 1)[-1]
    word = re.compile(rf"\b{re.escape(param)}\b")
    for store in func.extra.get("stores", ()):
        target = store["target"]
        if owner and store["item"] and store["kind"] == "set" and target.startswith("self.") \
                and target.count(".") == 1 and word.search(model.line_text(facts.path, store["line"])):
            return f"{owner}.{target[5:]}"
    for site in func.calls:
        chain = _added_to(site)
        if owner and len(chain) > 1 and chain[0] == "self" and {"ref": param} in site.args:
            return f"{owner}.{chain[1]}"
    return ""


def _hub_registrations(model: "ProjectModel", handler: Handler) -> None:
    """`queue = hub.subscribe(key)` on a shared object whose method adds to one of its containers,
    then `queue = subscribe()`, a module function adding to a module-level registry."""
    func = handler.func
    known = {r.line for r in handler.registrations}
    targets = {id(edge.site): edge.target for edge in model.edges.get(handler.fq, ())}
    calls = [(site, callee) for site in func.calls
             if site.line not in known and site.func and site.func[-1].startswith(_HUB_REGISTER)
             and id(site) in targets and (callee := model.callee_function(targets[id(site)]))]
    for site, callee in calls:
        if len(site.func) >= 2 and not _context_manager(func, site) \
                and _shared_receiver(model, handler, site.func[:-1]) and (holds := _container_added(model, callee)):
            handler.registrations.append(_step(func, site, holds))
    for site, callee in calls:
        if len(site.func) == 1 and (holds := _module_container_added(model, callee)) \
                and bound_local(func, site.line, site.name):
            handler.registrations.append(_step(func, site, holds))


def _store_registrations(model: "ProjectModel", handler: Handler) -> None:
    """`CLIENTS[key] = websocket` into a shared container, `viewer_counts[lot_id] += 1` on a shared
    count, and the `-= 1` that releases a count."""
    stores = handler.func.extra.get("stores", ())
    for store in stores:
        target = store["target"]
        if store["item"] and store["kind"] == "set" and _stores_socket(model, handler, store["line"]) \
                and _shared_container(model, handler, target):
            handler.registrations.append(Step(f"{target}[...]", store["line"], store["line"], target))
        elif _counts(model, handler, store, "+=") and _shared_count(model, handler, store):
            name = f"{target}[...]" if store["item"] else target
            handler.registrations.append(Step(name, store["line"], store["line"], target, count=True))
    counted = {r.receiver for r in handler.registrations if r.count}
    handler.cleanups += [Step(f"{store['target']} -=", store["line"], store["line"], store["target"])
                         for store in stores if store["target"] in counted and _counts(model, handler, store, "-=")]


def _shared_count(model: "ProjectModel", handler: Handler, store: dict) -> bool:
    """A count every connection's handler shares: an item of a module-level or shared container
    (`viewer_counts[lot_id]`), a module-level number (`global active; active += 1`), or an
    attribute of a shared object (`stats.connected`, `app.state.viewers`)."""
    facts, func, target = handler.facts, handler.func, store["target"]
    if store["item"]:
        return _shared_container(model, handler, target)
    if "." not in target:
        return target in facts.assigns and func.local_types.get(target) is None \
            and not any(p.name == target for p in func.params)  # `global active`: no local value
    return _shared_attribute(model, handler, target)


def _shared_container(model: "ProjectModel", handler: Handler, target: str) -> bool:
    """A container at module level (here or imported) or on a shared object."""
    return module_container(model, handler.facts, handler.func, target) or _shared_attribute(model, handler, target)


def _counts(model: "ProjectModel", handler: Handler, store: dict, op: str) -> bool:
    """`viewer_counts[lot_id] += 1` (or `-= 1`): a shared per-key connection count."""
    return store["kind"] == "aug" and op in model.line_text(handler.facts.path, store["line"])


def _shared_cleanups(handler: Handler) -> None:
    """Releases of the shared registrations: a release-named call on the same object or given
    what registering returned, or `del CONTAINER[key]`."""
    shared = [r for r in handler.registrations if r.holds or r.name.endswith("[...]")]
    # `hub.register(session_id, websocket)` released by key: `hub.unregister(session_id)`.
    keyed = [r for r in handler.registrations if r.receiver and not r.holds and not r.name.endswith("[...]")]
    if not shared and not keyed:
        return
    known = {c.line for c in handler.cleanups}
    receivers = {r.receiver for r in (*shared, *keyed)}
    receivers |= {r.receiver.rsplit(".", 1)[0] for r in shared if r.name.endswith("[...]") and "." in r.receiver}
    results = [{"ref": r.result} for r in shared if r.result]
    for site in handler.func.calls:
        if site.line in known or not site.func or not site.func[-1].startswith(tuple(CLEANUP)):
            continue
        if ".".join(site.func[:-1]) in receivers or any(ref in site.args or ref in site.kwargs.values()
                                                         for ref in results):
            handler.cleanups.append(_step(handler.func, site))
    for store in handler.func.extra.get("stores", ()):
        if store["kind"] == "del" and store["target"] in receivers:
            handler.cleanups.append(Step(f"del {store['target']}[...]", store["line"], store["line"],
                                         store["target"]))


def _stores_socket(model: "ProjectModel", handler: Handler, line: int) -> bool:
    """`CLIENTS[key] = websocket`, or `_prefs[websocket] = {...}` / `_meta[id(ws)] = ...`: the line
    stores the connection itself, or an entry keyed by it (state that exists per connection)."""
    value = model.line_text(handler.facts.path, line).partition("=")[2]
    key = stored_key(model, handler.facts.path, line)
    return any(handler.socket in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", part) for part in (value, key))


def stored_key(model: "ProjectModel", path: str, line: int) -> str:
    """The subscript of `container[key] = value` on that line as written (`[key]`), "" for none."""
    target = model.line_text(path, line).partition("=")[0]
    return target[target.find("["):] if "[" in target else ""


def _shared_attribute(model: "ProjectModel", handler: Handler, target: str) -> bool:
    """`hub.connections` of a module-level or `app.state` object, or `self._sockets` in a method of
    a class the process creates once: a container every connection's handler shares."""
    parts = tuple(target.split("."))
    if len(parts) < 2:
        return False
    if parts[0] == "self":
        cls = handler.fq.rsplit(".", 1)[0]
        return len(parts) == 2 and bool(handler.func.class_name) \
            and (cls in singletons(model) or handler.made and _bound_route(model, cls))
    return _shared_receiver(model, handler, parts[:-1])


def _bound_route(model: "ProjectModel", cls: str) -> bool:
    """An aiohttp route handler that is a method of a class other than a `web.View` is registered
    as the bound method of one object (`router.add_get(path, self.handler)`): every connection runs
    on that object, so its attributes are shared by all of them. A view is made per request."""
    return not any(base in AIOHTTP_VIEW_TYPES for base in model.inherited_library_bases(cls))


def _context_manager(func: FunctionFacts, site: CallSite) -> bool:
    """`async with hub.subscription(key) as queue:` releases on exit by itself."""
    return site.used_as == "async-with" or any(
        b.get("kind") == "with" and b["line"] == site.line and b.get("expr") == site.name
        for b in func.extra.get("blocks", ()))


def _shared_receiver(model: "ProjectModel", handler: Handler, receiver: tuple[str, ...]) -> bool:
    """A module-level object (defined here or imported), or one kept on `app.state` or in an
    aiohttp app's storage (`request.app[HUB]`)."""
    root, func = receiver[0], handler.func
    if "state" in receiver[1:] and "app" in receiver or any(
            a in APP_HOLDERS and b == "[]" for a, b in zip(receiver, receiver[1:])):
        return True
    if root in func.local_types:  # `hub = websocket.app.state.hub`, or `svc = ...state.services; svc.feed`
        return _on_app_state(func, root)
    if any(p.name == root for p in func.params):
        return False
    binding = model.bindings.get(handler.facts.module, {}).get(root)
    return binding is not None and binding.kind in ("variable", "import")


def _container_added(model: "ProjectModel", callee: str) -> str:
    """`Class.attr` when the method adds to a container held in an attribute of `self`."""
    _, func = model.functions[callee]
    owner = func.class_name or callee.rsplit(".", 1)[0]
    for site in func.calls:
        chain = _added_to(site)
        if len(chain) > 1 and chain[0] == "self":
            return f"{owner.rsplit('.', 1)[-1]}.{chain[1]}"
    for store in func.extra.get("stores", ()):
        target = store["target"]
        if store["item"] and store["kind"] == "set" and target.startswith("self.") and target.count(".") == 1:
            return f"{owner.rsplit('.', 1)[-1]}.{target[5:]}"
    return ""


def _module_container_added(model: "ProjectModel", callee: str) -> str:
    """The module-level container a plain function adds to (`_subscribers.append(queue)`)."""
    facts, func = model.functions[callee]
    if func.class_name:
        return ""
    for site in func.calls:
        chain = _added_to(site)
        if len(chain) == 1 and module_container(model, facts, func, chain[0]):
            return chain[0]
    return ""


def _added_to(site: CallSite) -> tuple[str, ...]:
    """The container a call adds to (`self._rooms[k].add`, `_subscribers.append`), also through the
    entry it fetches or creates (`self.by_key.setdefault(key, set()).add(ws)`); () for none."""
    if not site.func or site.func[-1] not in ADDS_TO:
        return ()
    if site.func[0] == "()" and len(site.func) == 2:  # a method of what an inner call returns
        owner, fetch = owner_of_result(site)
        return owner if fetch in ("setdefault", "get") else ()
    return site.func[:2] if site.func[0] == "self" and len(site.func) > 2 else site.func[:-1]


def owner_of_result(site: CallSite) -> tuple[tuple[str, ...], str]:
    """(receiver chain, method) of the inner call whose result `site` calls a method of:
    `rooms.setdefault(room, set()).add(sid)` -> (("rooms",), "setdefault"); ((), "") for none."""
    owner, _, method = (site.callee_is_call or "").rpartition(".")
    return (tuple(owner.split(".")) if owner else ()), method


def module_container(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, name: str) -> bool:
    """A mutable container bound at module level (here or imported), not a local."""
    if "." in name or name in func.local_types or any(p.name == name for p in func.params):
        return False
    assign = facts.assigns.get(name)
    if assign is not None:
        return assign.mutable
    binding = model.bindings.get(facts.module, {}).get(name)
    if binding is None or binding.kind != "import":
        return False
    owner, _, attr = binding.target.rpartition(".")
    other = model.modules.get(owner)
    found = other.assigns.get(attr) if other is not None else None
    return found is not None and found.mutable


def enclosing(func: FunctionFacts, line: int, kind: str) -> list[dict]:
    return [b for b in func.extra.get("blocks", ()) if b.get("kind") == kind and b["line"] <= line <= b["end"]]


def catches_all(clause: dict) -> bool:
    """An `except Exception:`, `except BaseException:` or bare `except:` clause."""
    return is_broad(clause.get("types") or [])


def handled_by(func: FunctionFacts, line: int, wanted: tuple[str, ...], names=lambda types: types) -> list[dict]:
    """The except clauses, of trys around `line`, that catch one of `wanted` (bare catches all);
    `names` expands what a clause names (a tuple constant into its members)."""
    tries = {b["line"] for b in enclosing(func, line, "try")}
    return [b for b in func.extra.get("blocks", ()) if b.get("kind") == "except" and b.get("try_line") in tries
            and (not b.get("types") or any(t.rsplit(".", 1)[-1] in wanted for t in names(b["types"])))]


def in_finally(func: FunctionFacts, site: CallSite | Step) -> bool:
    return bool(enclosing(func, site.line, "finally"))
