"""RA316 websocket-lifecycle: per-connection state not released on every exit path."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.app import is_test_path
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._ws import CATCH_ALL, CLEANUP, Handler, Step, handled_by, handlers, in_finally
from .websocket_disconnect_unhandled import unhandled_receive


@register
class WebsocketCleanupNotGuaranteed(Rule):
    """A websocket handler that registers its connection, or state made for it, in a shared
    registry and releases it only on some exit paths.

    What it finds:
        Registrations in a websocket handler: a `register`/`connect`/`add`/`subscribe` call
        given the websocket; a `subscribe`/`register`/`join`-style call on a module-level or
        `app.state` object whose method adds to one of its containers (`queue =
        hub.subscribe(key)`); or `CLIENTS[key] = websocket` into a module-level container.
        Reported at the registration when the matching release (`disconnect`, `unsubscribe`,
        `remove`, `discard`, `pop`, `del`, on the same object or given what registering
        returned) is not in a `finally`: it runs only in an `except WebSocketDisconnect`
        clause, only after the loop, or nowhere. Not reported: a release in `finally` or in
        an `except Exception` clause, a registration made by a context manager (`async with
        hub.subscription(key) as queue:`), or a connection handed to a coroutine that
        releases it itself. A receive loop with no disconnect handling is reported by RA315
        as well: it is why the release after the loop is skipped.

    Why it matters:
        Any other exit (invalid JSON from `receive_json`, a failed send, a cancelled task, a
        bug in message handling) skips the cleanup. The dead connection stays registered:
        broadcasts keep failing on it, per-connection memory is never freed, and connection
        counts drift upward until restart.

    Example:
        await manager.connect(websocket)
        try:
            while True:
                await handle(await websocket.receive_json())
        except WebSocketDisconnect:
            manager.disconnect(websocket)

    Instead:
        Release in `finally`, which runs on every exit:

            try:
                ...
            except WebSocketDisconnect:
                pass
            finally:
                manager.disconnect(websocket)
    """

    id = "RA316"
    name = "websocket-cleanup-not-guaranteed"
    category = "websocket-lifecycle"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        for handler in handlers(ctx.model):
            if not handler.registrations or is_test_path(handler.facts.path):
                continue
            if not handler.cleanups and _delegated(ctx.model, handler):
                continue
            if any(in_finally(handler.func, c) for c in handler.cleanups):
                continue
            if any(handled_by(handler.func, c.line, CATCH_ALL) or _in_catch_all(handler, c) for c in handler.cleanups):
                continue
            yield self._finding(ctx.model, handler)

    def _finding(self, model, handler: Handler) -> Finding:
        path = handler.facts.path
        reg = handler.registrations[0]
        name = short(handler.fq)
        receive = unhandled_receive(handler)
        related = []
        if handler.cleanups:
            clean = handler.cleanups[0]
            how = (f"is released by `{clean.name}(...)` at line {clean.line} only on that path, not in a `finally`: "
                   f"any other exit (a disconnect, invalid JSON, a failed send, cancellation) skips it")
            if receive is not None:
                how += (f"; the receive at line {receive.line} raises `WebSocketDisconnect` when the client leaves, "
                        f"so a disconnect never reaches line {clean.line}")
            related.append(Location(path, clean.line, clean.end_line, "release that not every exit path reaches"))
            release = model.line_text(path, clean.line) if clean.line == clean.end_line else f"{clean.name}(...)"
        else:
            how = "is never released in this handler"
            release = _release(model, handler, reg)
        if receive is not None:
            related.append(Location(path, receive.line, receive.end_line, "raises WebSocketDisconnect on disconnect"))
        description = (f"`{name}` registers {_registered(reg)} at line {reg.line}; it {how}. The dead connection's "
                       f"state then stays registered: broadcasts keep going to it and it is never freed.")
        recommendation = ("Release per-connection state in `finally`, which runs on every exit:\n\n"
                          "    try:\n        ...\n    except WebSocketDisconnect:\n        pass\n"
                          f"    finally:\n        {release}")
        return self.finding(Location(path, reg.line, reg.end_line),
                            f"WebSocket connection state registered in `{name}` is not released on every exit path",
                            description, related=related, recommendation=recommendation)


def _release(model, handler: Handler, reg: Step) -> str:
    """The release to write in `finally`: `CLIENTS.pop(key, None)` for a store, else the
    registry's own release method (`rooms.leave`), `disconnect` when it has none."""
    if reg.name.endswith("[...]"):
        key = model.line_text(handler.facts.path, reg.line).partition("=")[0]
        key = key[key.find("[") + 1:key.rfind("]")] if "[" in key else "key"
        return f"{reg.receiver}.pop({key}, None)"
    receiver = reg.receiver or reg.name.rsplit(".", 1)[0]
    verb = "unsubscribe" if reg.holds else "disconnect"
    for edge in model.edges.get(handler.fq, ()):
        callee = model.callee_function(edge.target) if edge.site.line == reg.line else ""
        owner = model.classes.get(callee.rsplit(".", 1)[0]) if callee else None
        if owner is not None:
            verb = next((m for word in CLEANUP for m in owner[1].methods if m.startswith(word)), verb)
            break
    return f"{receiver}.{verb}(..., {reg.result or handler.socket})"


def _registered(reg: Step) -> str:
    """What the registration puts in the shared registry, in words."""
    if reg.holds:
        kept = f"`{reg.result}`, kept in `{reg.holds}`" if reg.result else f"kept in `{reg.holds}`"
        return f"per-connection state with `{reg.name}(...)` ({kept})"
    if reg.name.endswith("[...]"):
        return f"the connection in the module-level `{reg.receiver}`"
    return f"the connection with `{reg.name}(...)`"


def _delegated(model, handler: Handler) -> bool:
    """The handler hands the connection (or what registering it returned) to a coroutine that
    does its own cleanup: the lifecycle is managed there."""
    refs = [{"ref": handler.socket}] + [{"ref": name} for name, value in handler.func.local_types.items()
                                        if isinstance(value, dict) and any(value.get("line") == r.line
                                                                           for r in handler.registrations)]
    for edge in model.edges.get(handler.fq, ()):
        callee = model.callee_function(edge.target)
        if callee and any(ref in edge.site.args or ref in edge.site.kwargs.values() for ref in refs) \
                and edge.site.line not in {r.line for r in handler.registrations}:
            if any(s.func and s.func[-1] in CLEANUP for s in model.functions[callee][1].calls):
                return True
    return False


def _in_catch_all(handler: Handler, cleanup) -> bool:
    """The cleanup sits in an `except Exception:` (or bare) clause."""
    return any(b.get("kind") == "except" and b["line"] <= cleanup.line <= b["end"]
               and (not b.get("types") or any(t.rsplit(".", 1)[-1] in CATCH_ALL for t in b["types"]))
               for b in handler.func.extra.get("blocks", ()))
