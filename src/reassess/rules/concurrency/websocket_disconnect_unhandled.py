"""RA315 websocket-lifecycle: a receive loop with no disconnect handling."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import CallSite
from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.project import ProjectModel
from ...model.resilience.blocks import caught_names
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._ws import HANDLES_DISCONNECT, Handler, handled_by, handlers, in_finally


def unhandled_receive(model: ProjectModel, handler: Handler) -> CallSite | None:
    """The first receive in a loop that no enclosing try catches a disconnect for (also through
    a tuple constant of disconnect exceptions the project defines)."""
    def names(types: list[str]) -> list[str]:
        return caught_names(model, handler.facts, types)
    for site in handler.receives:
        if not handled_by(handler.func, site.line, HANDLES_DISCONNECT, names):
            return site
    return None


@register
class WebsocketDisconnectUnhandled(Rule):
    """A websocket handler whose receive loop does not handle the client going away.

    What it finds:
        A `websocket.receive_*()` awaited in a loop of a websocket endpoint (or of a coroutine
        that accepts the connection itself) with no enclosing `try` that catches
        `WebSocketDisconnect` (or `Exception`). `async for message in websocket.iter_*()`
        ends cleanly on disconnect and is not reported. Cited at the receive (the await that raises
        on disconnect), with its loop related; when the handler also
        registers its connection and has no `try` at all (it releases it nowhere, or only on an
        explicit path such as a "bye" message: nothing of the connection's lifecycle is
        handled), the handler itself is reported too, with the registration and the loop.

    Why it matters:
        Every client that closes a tab or loses its network ends the handler with an
        exception: the server logs a traceback per disconnect, and the cleanup after the loop
        never runs, so connections registered in a manager or set stay there. Broadcasts keep
        sending to dead sockets and fail, and memory grows with every reconnect.

    Example:
        await manager.connect(websocket, channel)
        while True:
            message = await websocket.receive_json()

    Instead:
        Catch the disconnect and clean up on every exit path:

            await manager.connect(websocket, channel)
            try:
                while True:
                    message = await websocket.receive_json()
                    ...
            except WebSocketDisconnect:
                pass
            finally:
                manager.disconnect(websocket, channel)
    """

    id = "RA315"
    name = "websocket-disconnect-unhandled"
    category = "websocket-lifecycle"
    severity = "HIGH"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        found = handlers(ctx.model)
        ctx.examine("websocket handlers", len(found))
        for handler in found:
            if is_test_path(handler.facts.path):
                continue
            site = unhandled_receive(ctx.model, handler)
            if site is not None:
                yield self._finding(handler, site)
                if _unmanaged(handler):
                    yield self._unmanaged_finding(handler, site)

    def _finding(self, handler: Handler, site) -> Finding:
        path = handler.facts.path
        name = short(handler.fq)
        where = f" ({handler.route})" if handler.route else ""
        description = (f"`{name}`{where} awaits `{site.name}()` in the loop at line {site.loop_line} with no `try` "
                       f"catching `WebSocketDisconnect`: every client disconnect ends the handler with an exception "
                       f"and a logged traceback.")
        related = [Location(path, handler.func.line, handler.func.line, f"the handler `{name}`"),
                   Location(path, site.loop_line, site.loop_line, "the receive loop")]
        leaked = [r for r in handler.registrations if not any(in_finally(handler.func, c) for c in handler.cleanups)]
        if leaked:
            reg = leaked[0]
            description += (f" The connection registered by `{reg.name}(...)` at line {reg.line} is never removed on "
                            f"that path, so it stays in the registry after the client is gone.")
            related.append(Location(path, reg.line, reg.end_line, "registered here, not removed when the loop ends"))
        cleanup = (f"{leaked[0].name.rsplit('.', 1)[0]}.disconnect({handler.socket}, ...)" if leaked
                   else "...  # release per-connection state")
        recommendation = ("Wrap the loop, catch the disconnect and release per-connection state in `finally`:\n\n"
                          "    try:\n"
                          "        while True:\n"
                          f"            message = await {site.name}()\n"
                          "            ...\n"
                          "    except WebSocketDisconnect:\n"
                          "        pass\n"
                          "    finally:\n"
                          f"        {cleanup}")
        return self.finding(Location(path, site.line, site.end_line),
                            f"WebSocket receive loop in `{name}` does not handle disconnects", description,
                            related=related, recommendation=recommendation)

    def _unmanaged_finding(self, handler: Handler, site) -> Finding:
        path, name, reg = handler.facts.path, short(handler.fq), handler.registrations[0]
        released = (f"a release only at line {handler.cleanups[0].line}, on the path that reaches it"
                    if handler.cleanups else "no release of what it registered")
        description = (f"`{name}` registers its connection with `{reg.name}(...)` (line {reg.line}), then runs the "
                       f"receive loop at line {site.loop_line} with no `try` anywhere in the handler and {released}: "
                       "no other exit of the connection (disconnect, bad message, failed send, cancellation) is "
                       "handled, and every connection closed that way stays registered.")
        related = [Location(path, reg.line, reg.end_line, "registered, not released on disconnect"),
                   Location(path, site.loop_line, site.loop_line, "receive loop with no disconnect handling")]
        receiver = reg.receiver or reg.name.rsplit(".", 1)[0]
        recommendation = ("Give the handler a lifecycle: release in `finally`, which runs on every exit:\n\n"
                          f"    {reg.name}(..., {handler.socket})\n"
                          "    try:\n        while True:\n            ...\n"
                          "    except WebSocketDisconnect:\n        pass\n"
                          f"    finally:\n        {receiver}.disconnect(..., {handler.socket})")
        return self.finding(Location(path, handler.func.line, handler.func.line),
                            f"WebSocket handler `{name}` handles no exit of its connection",
                            description, related=related, recommendation=recommendation)


def _unmanaged(handler: Handler) -> bool:
    """It registers the connection and has no `try` block at all: whatever it releases, it
    releases only on an explicit path (a "bye" message), never on a disconnect or an error."""
    return bool(handler.registrations) \
        and not any(b.get("kind") == "try" for b in handler.func.extra.get("blocks", ()))
