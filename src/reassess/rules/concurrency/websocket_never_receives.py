"""RA320 websocket-lifecycle: a send-only websocket handler that never notices a disconnect."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import CallSite
from ...findings import Finding, Location
from ...model.app import is_test_path
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._ws import RECEIVE, Handler, handlers
from .sequential_broadcast import SENDS

_SLEEPS = frozenset({"asyncio.sleep", "anyio.sleep", "trio.sleep"})


@register
class WebsocketNeverReceives(Rule):
    """A websocket endpoint that only sends, in a `while True` loop that waits on something
    else (a queue, a pub/sub channel), and never reads from its connection.

    What it finds:
        Websocket routes whose forever loop awaits a non-timer call (`await queue.get()`,
        `await pubsub.get_message()`), or whose `async for` iterates a stream other than the
        socket (`async for message in pubsub.listen():`), and then sends on the socket, while nothing in the
        handler receives from it (`receive*`, `iter_*`) and the socket is handed to no other
        function (a reader task would receive). Loops paced by `asyncio.sleep` notice a
        closed connection at their next send and are not reported. Reported at the handler.

    Why it matters:
        A client's disconnect arrives as a message on the receive side. A handler that never
        receives learns of it only when a send fails, and while it waits on an empty queue no
        send happens: the coroutine, its queue and whatever it registered for the connection
        live on after the client has gone, for as long as no event arrives for it, possibly
        until the process restarts. Each reconnect adds another.

    Example:
        await websocket.accept()
        queue = asyncio.Queue()
        app.state.queues[user_id] = queue
        while True:
            await websocket.send_json(await queue.get())

    Instead:
        Read from the socket concurrently, stop on disconnect and release in `finally`:

            async def pump() -> None:
                while True:
                    await websocket.send_json(await queue.get())

            sender = asyncio.create_task(pump())
            try:
                async for _ in websocket.iter_text():
                    pass
            finally:
                sender.cancel()
                app.state.queues.pop(user_id, None)
    """

    id = "RA320"
    name = "websocket-never-receives"
    category = "websocket-lifecycle"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        for handler in handlers(ctx.model):
            if not handler.route or is_test_path(handler.facts.path) or _reads(handler):
                continue
            found = _send_only_loop(ctx, handler)
            if found is not None:
                yield self._finding(ctx, handler, *found)

    def _finding(self, ctx: ProjectContext, handler: Handler, wait: CallSite, send: CallSite) -> Finding:
        path, func = handler.facts.path, handler.func
        name = short(handler.fq)
        related = [Location(path, wait.line, wait.end_line, "waits here; a disconnect is not noticed meanwhile"),
                   Location(path, send.line, send.end_line, "the only use of the connection: sends")]
        stores = [s for s in func.extra.get("stores", ()) if s["kind"] == "set" and s["item"]]
        kept = ""
        if stores:
            kept = (f" What it stored in `{stores[0]['target']}` at line {stores[0]['line']} stays there too, "
                    "since no `finally` runs.")
            related.append(Location(path, stores[0]["line"], stores[0]["line"], "per-connection state registered"))
        description = (f"`{name}` ({handler.route}) never receives from `{handler.socket}`: its loop at line "
                       f"{wait.loop_line or wait.line} waits on `{wait.name}()` and sends each item with "
                       f"`{send.name}()`. A "
                       "client's disconnect is only noticed when a send fails, so while no item arrives the "
                       f"handler keeps waiting after the client has gone.{kept}")
        recommendation = ("Send from a task and receive in the handler, so the disconnect ends it, and release "
                          "per-connection state in `finally`:\n\n"
                          f"    sender = asyncio.create_task(pump())  # the `{wait.name}()` / `{send.name}()` loop\n"
                          "    try:\n"
                          f"        async for _ in {handler.socket}.iter_text():\n            pass\n"
                          "    finally:\n        sender.cancel()")
        return self.finding(Location(path, func.line, func.line),
                            f"WebSocket handler `{name}` never reads from its connection and misses disconnects",
                            description, related=related, recommendation=recommendation)


def _reads(handler: Handler) -> bool:
    """It receives, or hands the socket to code that may (a reader task, a helper)."""
    ref = {"ref": handler.socket}
    return any(site.func and site.func[0] == handler.socket
               and (site.func[-1] in RECEIVE or site.func[-1].startswith("iter_"))
               or ref in site.args or ref in site.kwargs.values() for site in handler.func.calls)


def _send_only_loop(ctx: ProjectContext, handler: Handler) -> tuple[CallSite, CallSite] | None:
    """(the awaited wait, the send) of a `while True` loop that waits on something other than a
    timer and sends on the socket; None when the loop is paced by a sleep or does not send."""
    func = handler.func
    targets = {id(edge.site): edge.target.name for edge in ctx.model.edges.get(handler.fq, ())}
    for block in func.extra.get("blocks", ()):
        if block.get("kind") != "loop":
            continue
        inside = [s for s in func.calls if block["line"] <= s.line <= block["end"] and s.func]
        stream = _stream(ctx, handler, block, inside)
        if not block.get("forever") and stream is None:
            continue
        if any(targets.get(id(s)) in _SLEEPS for s in inside):
            continue
        sends = [s for s in inside if s.func[0] == handler.socket and s.func[-1] in SENDS and s.used_as == "await"]
        waits = [stream] if stream else [s for s in inside if s.func[0] != handler.socket and s.used_as == "await"]
        if sends and waits:
            return waits[0], sends[0]
    return None


def _stream(ctx: ProjectContext, handler: Handler, block: dict, inside: list[CallSite]) -> CallSite | None:
    """The iterator of `async for message in pubsub.listen():`: a stream that runs until the
    producer stops, not the socket's own `iter_*` and not a project generator paced by a sleep
    (whose next send notices a closed connection)."""
    site = next((s for s in inside if s.line == block["line"] and s.used_as == "async-for"
                 and s.func[0] != handler.socket), None)
    if site is None:
        return None
    edge = next((e for e in ctx.model.edges.get(handler.fq, ()) if e.site is site), None)
    callee = ctx.model.callee_function(edge.target) if edge else None
    if callee and any(e.target.name in _SLEEPS for e in ctx.model.edges.get(callee, ())):
        return None
    return site
