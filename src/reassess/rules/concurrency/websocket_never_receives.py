"""RA320 websocket-lifecycle: a send-only websocket handler that never notices a disconnect."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import CallSite
from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.resilience import blocks as blk
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._ws import RECEIVE, Handler, handlers, response_handlers
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
        function that may read it (a project method that only files it in a collection,
        `self._alerts[site][ws] = outbox`, does not). A `while ws.client_state == CONNECTED:`
        loop counts as forever. Loops paced by `asyncio.sleep` or by a timed wait
        (`asyncio.wait_for(queue.get(), timeout=...)`, a keepalive on timeout) notice a closed
        connection at their next send and are not reported, unless every send in them is
        conditional (a polled value sent only when it changes, whether the poll awaits or reads
        memory). Reported at the handler. An
        aiohttp handler's connection is the `WebSocketResponse` it prepares: one whose `while
        True` (or `while not ws.closed`) loop sends on it and that never reads it (no
        `receive*()`, no `async for msg in ws`, not handed to code that may) is reported at its
        `prepare()` even when the loop is paced by a sleep, since aiohttp handles the client's
        close frame and its pings only inside `receive()`.

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
            if not handler.route or is_test_path(handler.facts.path) or _reads(ctx.model, handler):
                continue
            found = _send_only_loop(ctx, handler)
            if found is not None:
                yield self._finding(ctx, handler, *found)
        for handler in response_handlers(ctx.model):
            if is_test_path(handler.facts.path) or _reads(ctx.model, handler) or _iterated(handler):
                continue
            found = unread_send_loop(ctx.model, handler)
            if found is not None:
                yield self._response_finding(handler, *found)

    def _response_finding(self, handler: Handler, loop: dict, send: CallSite) -> Finding:
        """At the `prepare()` that opens the aiohttp connection nothing ever reads."""
        path, func, name = handler.facts.path, handler.func, short(handler.fq)
        opened = _socket_call(handler, "prepare")
        start, end = (opened.line, opened.end_line) if opened is not None else (func.line, func.line)
        related = [Location(path, loop["line"], loop["line"], "the loop that only sends"),
                   Location(path, send.line, send.end_line, f"the only use of `{handler.socket}`: sends"),
                   Location(path, func.line, func.line, f"the handler `{name}`")]
        description = (f"`{name}` ({handler.route}) prepares `{handler.socket}` and then only sends on it in the loop "
                       f"at line {loop['line']}; nothing ever reads it (no `receive()`, no `async for msg in "
                       f"{handler.socket}`). aiohttp processes the client's close frame and answers its pings only "
                       "inside `receive()`: the closing handshake is never completed, and the handler learns that "
                       "the client has gone only when a send fails (on a dead peer, once the send buffer fills). "
                       "Until then it keeps running, and doing its per-round work, for a client that is gone.")
        recommendation = ("Send from a task and read in the handler, so a close or a dead peer ends it:\n\n"
                          "    sender = asyncio.create_task(push())  # the sending loop\n"
                          f"    try:\n        async for _msg in {handler.socket}:\n            pass\n"
                          "    finally:\n        sender.cancel()")
        return self.finding(Location(path, start, end),
                            f"aiohttp websocket in `{name}` is never read: closes and dead clients go unnoticed",
                            description, related=related, recommendation=recommendation)

    def _finding(self, ctx: ProjectContext, handler: Handler, wait: CallSite, send: CallSite) -> Finding:
        path, func = handler.facts.path, handler.func
        name = short(handler.fq)
        accepted = _socket_call(handler, "accept")
        related = [Location(path, accepted.line, accepted.end_line, "accepts the connection; nothing reads it after")] \
            if accepted is not None else []
        related += [Location(path, wait.line, wait.end_line, "waits here; a disconnect is not noticed meanwhile"),
                    Location(path, send.line, send.end_line, "the only use of the connection: sends")]
        stores = [s for s in func.extra.get("stores", ()) if s["kind"] == "set" and s["item"]]
        kept = ""
        if stores:
            kept = (f" What it stored in `{stores[0]['target']}` at line {stores[0]['line']} stays there too, "
                    "since no `finally` runs.")
            related.append(Location(path, stores[0]["line"], stores[0]["line"], "per-connection state registered"))
        gate = _gate(func, wait.line, send)
        sending = (f"sends with `{send.name}()` only when the `if` at line {gate['line']} holds" if gate
                   else f"sends each item with `{send.name}()`")
        description = (f"`{name}` ({handler.route}) never receives from `{handler.socket}`: its loop at line "
                       f"{wait.loop_line or wait.line} waits on `{wait.name}()` and {sending}. A "
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


def _socket_call(handler: Handler, method: str) -> CallSite | None:
    """The handler's first call of `method` on its socket: the `accept()` that opens an ASGI
    connection, the `await ws.prepare(request)` that opens an aiohttp one."""
    return next((s for s in handler.func.calls if s.func == (handler.socket, method)), None)


def _iterated(handler: Handler) -> bool:
    """`async for msg in ws:`: aiohttp's reading loop, which receives every frame."""
    return any(info.get("iter") == {"ref": handler.socket} for info in handler.func.extra.get("loops", {}).values())


def unread_send_loop(model, handler: Handler) -> tuple[dict, CallSite] | None:
    """(loop block, send) of a `while True` / `while not ws.closed` loop that awaits a send on the
    socket, paced or not: the aiohttp shape, whose connection only `receive()` keeps informed."""
    func = handler.func
    for block in func.extra.get("blocks", ()):
        if block.get("kind") != "loop" or not (block.get("forever") or _while_open(model, handler, block)):
            continue
        sends = _awaited_sends(handler, blk.calls_in(func, block["line"], block["end"]))
        if sends:
            return block, sends[0]
    return None


def _awaited_sends(handler: Handler, sites: list[CallSite]) -> list[CallSite]:
    """The awaited sends on the handler's socket among `sites` (`await ws.send_json(...)`)."""
    return [s for s in sites if s.func and s.func[0] == handler.socket and s.func[-1] in SENDS
            and s.used_as == "await"]


def _while_open(model, handler: Handler, block: dict) -> bool:
    """`while not ws.closed:`: aiohttp sets `closed` when it handles a close, which only `receive()` does."""
    text = model.line_text(handler.facts.path, block["line"]).strip()
    return text.startswith(f"while not {handler.socket}.closed")


def _reads(model, handler: Handler) -> bool:
    """It receives, or hands the socket to code that may (a reader task, a helper). A project
    function that only files the socket away (`self._alerts[site_id][ws] = outbox`,
    `self._clients.pop(ws, None)`) does not read it."""
    ref = {"ref": handler.socket}
    targets = {id(edge.site): edge.target for edge in model.edges.get(handler.fq, ())}
    for site in handler.func.calls:
        if site.func and site.func[0] == handler.socket \
                and (site.func[-1] in RECEIVE or site.func[-1].startswith("iter_")):
            return True
        passed = ref in site.args or ref in site.kwargs.values()
        if passed and not _only_files(model, targets.get(id(site)), site, ref):
            return True
    return False


_FILING = frozenset({"add", "append", "discard", "remove", "pop", "get", "setdefault", "__contains__"})


def _only_files(model, target, site: CallSite, ref: dict) -> bool:
    """The project function called at `site` uses the socket it is passed only as a key or member
    of its collections (never calls a method on it, never passes it on but to `add`/`pop`/...)."""
    callee = model.callee_function(target) if target is not None else ""
    if not callee or callee not in model.functions or target.kind != "function" or site.star_args:
        return False
    func = model.functions[callee][1]
    params = [p.name for p in func.params if p.kind == "pos"]
    if func.class_name and params[:1] in (["self"], ["cls"]):
        params = params[1:]
    name = next((k for k, v in site.kwargs.items() if v == ref), None) or \
        (params[site.args.index(ref)] if ref in site.args and site.args.index(ref) < len(params) else None)
    if name is None or func.is_nested:
        return False
    mine = {"ref": name}
    return not any(call.func and call.func[0] == name or (mine in call.args or mine in call.kwargs.values())
                   and not (call.func and call.func[-1] in _FILING) for call in func.calls)


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
        if not block.get("forever") and stream is None and not _while_connected(ctx, handler, block):
            continue
        sends = _awaited_sends(handler, inside)
        sleeps = [s for s in inside if targets.get(id(s)) in _SLEEPS]
        if (sleeps or any(_timed_wait(targets, s) for s in inside)) \
                and not all(_conditional(func, block, s) for s in sends):
            continue  # paced by a sleep or a timed wait, sending every round: a send notices a closed connection
        waits = [stream] if stream else [s for s in inside if s.func[0] != handler.socket and s.used_as == "await"
                                         and targets.get(id(s)) not in _SLEEPS]
        if not waits and sends:  # a value polled without an await, sent only when it changes: the sleep is the wait
            waits = [s for s in sleeps if s.used_as == "await"]
        if sends and waits:
            return waits[0], sends[0]
    return None


def _timed_wait(targets: dict, site: CallSite) -> bool:
    """`asyncio.wait_for(queue.get(), timeout=15)`: the wait ends by itself (a keepalive is sent, or
    the handler ends), so an idle connection is not waited on forever."""
    timeout = site.kwargs.get("timeout", site.args[1] if len(site.args) > 1 else None)
    return targets.get(id(site)) == "asyncio.wait_for" and timeout is not None


def _while_connected(ctx: ProjectContext, handler: Handler, block: dict) -> bool:
    """`while websocket.client_state == WebSocketState.CONNECTED:`: the state changes only when the
    handler receives the disconnect (or a send fails), so without a receive it loops like `while True`."""
    text = ctx.model.line_text(handler.facts.path, block["line"]).strip()
    return text.startswith(f"while {handler.socket}.") and ("client_state" in text or "application_state" in text)


def _conditional(func, loop: dict, send: CallSite) -> bool:
    """The send runs only when an `if` inside the loop holds (a polled value changed): rounds
    without a send do not notice a closed connection."""
    return _gate(func, loop["line"], send) is not None


def _gate(func, after: int, send: CallSite) -> dict | None:
    """The first `if` opened after line `after` whose body holds `send`."""
    return next((b for b in func.extra.get("blocks", ()) if b.get("kind") == "if"
                 and after < b["line"] < send.line <= b["end"]), None)


def _stream(ctx: ProjectContext, handler: Handler, block: dict, inside: list[CallSite]) -> CallSite | None:
    """The iterator of `async for message in pubsub.listen():`: a stream that runs until the
    producer stops, not the socket's own `iter_*` and not a project generator paced by a sleep
    (whose next send notices a closed connection)."""
    site = next((s for s in inside if s.line == block["line"] and s.used_as == "async-for"
                 and s.func[0] != handler.socket), None)
    if site is None:
        return None
    edge = ctx.model.edge_of(handler.fq, site)
    callee = ctx.model.callee_function(edge.target) if edge else None
    if callee and any(e.target.name in _SLEEPS for e in ctx.model.edges.get(callee, ())):
        return None
    return site
