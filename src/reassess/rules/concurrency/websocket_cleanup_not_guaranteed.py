"""RA316 websocket-lifecycle: per-connection state not released on every exit path."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.app import is_test_path
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._ws import CATCH_ALL, CLEANUP, Handler, handled_by, handlers, in_finally
from .websocket_disconnect_unhandled import unhandled_receive


@register
class WebsocketCleanupNotGuaranteed(Rule):
    """A websocket handler that registers its connection (a manager's `connect`, a set's
    `add`) and releases it only on some exit paths.

    What it finds:
        Handlers that call `register`/`connect`/`add`/`subscribe` with the websocket and
        whose matching `disconnect`/`remove`/`discard` is not in a `finally` block: it runs only
        in an `except WebSocketDisconnect` clause, only after the loop, or nowhere. Handlers
        whose receive loop has no disconnect handling at all are reported by RA315 instead.

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
            if not handler.registrations or is_test_path(handler.facts.path) or unhandled_receive(handler):
                continue
            if not handler.cleanups and _delegated(ctx.model, handler):
                continue
            if any(in_finally(handler.func, c) for c in handler.cleanups):
                continue
            if any(handled_by(handler.func, c.line, CATCH_ALL) or _in_catch_all(handler, c) for c in handler.cleanups):
                continue
            yield self._finding(handler)

    def _finding(self, handler: Handler) -> Finding:
        path = handler.facts.path
        reg = handler.registrations[0]
        name = short(handler.fq)
        if handler.cleanups:
            clean = handler.cleanups[0]
            how = (f"is released by `{clean.name}(...)` at line {clean.line} only on that path, not in a `finally`: "
                   f"any other exception (invalid JSON, a failed send, cancellation) skips it")
            related = [Location(path, clean.line, clean.end_line, "cleanup that not every exit path reaches")]
            call = clean.name
        else:
            how = "is never released in this handler"
            related = []
            call = f"{reg.name.rsplit('.', 1)[0]}.disconnect"
        description = (f"`{name}` registers the connection with `{reg.name}(...)` at line {reg.line}; it {how}. The "
                       f"dead connection then stays registered: broadcasts keep failing on it and it is never freed.")
        recommendation = ("Release per-connection state in `finally`, which runs on every exit:\n\n"
                          "    try:\n        ...\n    except WebSocketDisconnect:\n        pass\n"
                          f"    finally:\n        {call}({handler.socket}, ...)")
        return self.finding(Location(path, reg.line, reg.end_line),
                            f"WebSocket connection registered in `{name}` is not released on every exit path",
                            description, related=related, recommendation=recommendation)


def _delegated(model, handler: Handler) -> bool:
    """The handler hands the connection (or what registering it returned) to a coroutine that
    does its own cleanup: the lifecycle is managed there."""
    refs = [{"ref": handler.socket}] + [{"ref": name} for name, value in handler.func.local_types.items()
                                        if isinstance(value, dict) and any(value.get("line") == r.line
                                                                           for r in handler.registrations)]
    for edge in model.edges.get(handler.fq, ()):
        callee = model.callee_function(edge.target)
        if callee and any(ref in edge.site.args or ref in edge.site.kwargs.values() for ref in refs) \
                and edge.site not in handler.registrations:
            if any(s.func and s.func[-1] in CLEANUP for s in model.functions[callee][1].calls):
                return True
    return False


def _in_catch_all(handler: Handler, cleanup) -> bool:
    """The cleanup sits in an `except Exception:` (or bare) clause."""
    return any(b.get("kind") == "except" and b["line"] <= cleanup.line <= b["end"]
               and (not b.get("types") or any(t.rsplit(".", 1)[-1] in CATCH_ALL for t in b["types"]))
               for b in handler.func.extra.get("blocks", ()))
