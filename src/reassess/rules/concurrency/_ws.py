"""WebSocket handlers and what they do with their connection, for the lifecycle rules."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...facts.types import CallSite, FunctionFacts, ModuleFacts

if TYPE_CHECKING:
    from ...model.project import ProjectModel

RECEIVE = frozenset({"receive", "receive_text", "receive_json", "receive_bytes"})
REGISTER = frozenset({"connect", "register", "add", "subscribe", "join", "append", "attach", "add_connection",
                      "add_client", "add_websocket"})
CLEANUP = frozenset({"disconnect", "unregister", "remove", "discard", "unsubscribe", "leave", "detach",
                     "remove_connection", "remove_client", "remove_websocket", "pop"})
HANDLES_DISCONNECT = ("WebSocketDisconnect", "Exception", "BaseException", "ConnectionClosed", "ConnectionClosedOK",
                      "ConnectionClosedError", "ClientDisconnected")
CATCH_ALL = ("Exception", "BaseException")


@dataclass
class Handler:
    fq: str
    facts: ModuleFacts
    func: FunctionFacts
    socket: str  # the parameter holding the connection
    route: str = ""
    receives: list[CallSite] = field(default_factory=list)  # receive calls in loops
    registrations: list[CallSite] = field(default_factory=list)
    cleanups: list[CallSite] = field(default_factory=list)


def handlers(model: "ProjectModel") -> list[Handler]:
    """Websocket entry points, and coroutines that accept a WebSocket parameter themselves."""
    routes = {e.function: e.name for e in model.app.entrypoints if e.kind == "websocket"}
    found: list[Handler] = []
    for fq, facts, func in model.iter_functions():
        if not func.is_async:
            continue
        socket = _socket_param(func, fq in routes)
        if not socket:
            continue
        handler = Handler(fq, facts, func, socket, routes.get(fq, ""))
        for site in func.calls:
            _classify(handler, site)
        accepts = any(s.func == (socket, "accept") for s in func.calls)
        if fq in routes or (accepts and handler.receives):
            found.append(handler)
    return found


def _socket_param(func: FunctionFacts, is_route: bool) -> str:
    for param in func.params:
        if param.annotation.rsplit(".", 1)[-1] == "WebSocket":
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
    elif ref in site.args or ref in site.kwargs.values():
        if site.func[-1] in REGISTER:
            handler.registrations.append(site)
        elif site.func[-1] in CLEANUP:
            handler.cleanups.append(site)


def enclosing(func: FunctionFacts, line: int, kind: str) -> list[dict]:
    return [b for b in func.extra.get("blocks", ()) if b.get("kind") == kind and b["line"] <= line <= b["end"]]


def handled_by(func: FunctionFacts, line: int, wanted: tuple[str, ...]) -> list[dict]:
    """The except clauses, of trys around `line`, that catch one of `wanted` (bare catches all)."""
    tries = {b["line"] for b in enclosing(func, line, "try")}
    return [b for b in func.extra.get("blocks", ()) if b.get("kind") == "except" and b.get("try_line") in tries
            and (not b.get("types") or any(t.rsplit(".", 1)[-1] in wanted for t in b["types"]))]


def in_finally(func: FunctionFacts, site: CallSite) -> bool:
    return bool(enclosing(func, site.line, "finally"))
