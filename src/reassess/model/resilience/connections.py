"""Loops that live as long as one connection: a keepalive that tests `ws.closed`, a transport's
read loop. When the connection fails, ending the loop is the right outcome, not a dead worker:
what matters is that the end is handled (the connection torn down, its owner told)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...knowledge.exceptions import last_name
from . import blocks as blk
from .guards import resolved_name

if TYPE_CHECKING:
    from ..project import ProjectModel

# awaits that only a stream, socket or websocket offers: reading the next message of a connection
RECEIVES = frozenset({"recv", "receive", "receive_text", "receive_bytes", "receive_json", "receive_str",
                      "readexactly", "readuntil", "readline"})
# annotations of a connection handed to a function
_STREAM_TYPES = frozenset({"StreamReader", "StreamWriter", "WebSocket", "WebSocketResponse",
                           "ClientWebSocketResponse", "ClientConnection", "ServerConnection",
                           "WebSocketClientProtocol", "WebSocketServerProtocol"})
_BROAD = frozenset({"Exception", "BaseException", "ConnectionError", "OSError", "EOFError",
                    "IncompleteReadError", "ConnectionClosed", "WebSocketDisconnect"})


def tested_connection(func: FunctionFacts, loop: dict[str, Any]) -> str:
    """The object whose liveness the loop's test reads (`while not ws.closed:` -> "ws")."""
    return func.extra.get("loops", {}).get(loop["line"], {}).get("alive", "")


def on_connection(site: CallSite, connection: str) -> bool:
    """The await acts on the tested connection itself (`await ws.close()`, `await self._send(ws,
    frame)`): when it fails the connection is gone, and the loop that serves it ends with it."""
    if not connection or not site.func:
        return False
    if _on(".".join(site.func[:-1]), connection):
        return True
    values = (*site.args, *site.kwargs.values())  # `wait_for(ws.send_json(m), 5)` sends on it too
    return {"ref": connection} in values or any(
        isinstance(v, dict) and _on(str(v.get("call", "")).rpartition(".")[0], connection) for v in values)


def _on(receiver: str, connection: str) -> bool:
    return receiver == connection or receiver.startswith(connection + ".")


def teardown(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, loop: dict[str, Any]) -> str:
    """A connection's read loop (it awaits the next message of a stream, socket or websocket the
    function was handed, not one it opened) inside a try whose broad handler or `finally` calls
    the project's own teardown (`self._mark_closed(...)`, `self._disconnect_state()`): the loop is
    meant to end with its connection, and its end is acted on. Where, or ""."""
    params = _handed(func)
    if not any(_reads_handed_connection(func, params, s) for s in blk.calls_in(func, loop["line"], loop["end"])):
        return ""
    for block in blk.enclosing(func, loop["line"], "try"):
        if block["end"] < loop["end"]:
            continue
        for part in _teardown_parts(func, block):
            line = _project_call_in(model, facts, func, part)
            if line:
                return f"the connection's end is handled at line {line}"
    return ""


def _handed(func: FunctionFacts) -> dict[str, bool]:
    """The function's parameters, each with whether it is annotated as a connection."""
    return {p.name: last_name(p.annotation.strip("'\"")) in _STREAM_TYPES for p in func.params}


def _reads_handed_connection(func: FunctionFacts, params: dict[str, bool], site: CallSite) -> bool:
    """An awaited read of a connection the function did not open: `self._socket.recv()`, a
    parameter's `readexactly(...)`, or a connection-typed parameter handed to a reader."""
    if not (site.awaited or site.used_as == "await") or not site.func:
        return False
    if site.func[-1] in RECEIVES and len(site.func) >= 2:
        root = site.func[0]
        return root == "self" or root in params and root not in func.local_types
    return any(isinstance(a, dict) and params.get(a.get("ref")) for a in site.args)


def _teardown_parts(func: FunctionFacts, block: dict[str, Any]) -> list[dict[str, Any]]:
    """The try's handlers that catch a connection's failure, and its finally."""
    parts = [h for h in blk.handlers_of(func, block["line"])
             if not h.get("types") or any(last_name(str(t)) in _BROAD for t in h["types"])]
    return parts + [f for f in blk.blocks(func, "finally") if f.get("try_line") == block["line"]]


def _project_call_in(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, part: dict[str, Any]) -> int:
    for site in blk.calls_in(func, part["line"], part["end"]):
        if site.func and resolved_name(model, facts, func, site.name) in model.functions:
            return site.line
    return 0
