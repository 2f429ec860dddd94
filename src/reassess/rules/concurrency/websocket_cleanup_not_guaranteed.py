"""RA316 websocket-lifecycle: per-connection state not released on every exit path."""
from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.resilience import blocks as blk
from ...model.resilience.state import ModuleState
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._ws import (ADDS_TO, CATCH_ALL, CLEANUP, Handler, Step, catches_all, handled_by, handlers, in_finally,
                  response_handlers)
from ._ws_disconnect_exit import released_on_only_exit
from ._ws_registries import kept_for_good, left_behind, never_removed, session_entries
from ._ws_releases import registered_text, release_text, subscript_key
from .websocket_disconnect_unhandled import unhandled_receive


@register
class WebsocketCleanupNotGuaranteed(Rule):
    """A websocket handler that registers its connection, or state made for it, in a shared
    registry and releases it only on some exit paths.

    What it finds:
        Registrations in a websocket handler: a `register`/`connect`/`add`/`subscribe` call
        given the websocket; a `subscribe`/`register`/`join`-style call on a module-level or
        `app.state` object whose method adds to one of its containers (`queue =
        hub.subscribe(key)`); `CLIENTS[key] = websocket` into a module-level container; or a
        shared per-key connection count (`viewer_counts[lot_id] += 1`, released by `-= 1`).
        Reported at the registration when the matching release (`disconnect`, `unsubscribe`,
        `remove`, `discard`, `pop`, `del`, on the same object or given what registering
        returned) is not in a `finally`: it runs only in an `except WebSocketDisconnect`
        clause, only after the loop, or nowhere. An aiohttp handler's connection is the
        `WebSocketResponse()` it creates; its bound method's `self.` containers are shared by
        every connection. Not reported: a release in `finally`, in an `except Exception` clause
        or after a `try` around the loop whose `except Exception` swallows the error, a release
        in `except WebSocketDisconnect` whose `try` only loops on `await ws.receive_text()` (or
        `receive_bytes()`), dropping each frame (nothing sent, parsed or awaited besides, no
        `break`: the disconnect is the only way out), a
        registration made by a context manager (`async with
        hub.subscription(key) as queue:`), or a connection handed to a coroutine that
        releases it itself. When the handler registers through a method of a project class that
        stores the socket in one of its containers (`self._sockets[key] = websocket`) and the
        class has no way to release one connection (no release-named method, no `pop`/`remove`/
        `del` on that container), the finding sits at that store: the fix starts in the class.
        Also an entry the class keeps per connection, keyed by the socket it is handed
        (`self._last_seen[id(ws)] = now` in `join`), in a container no method of the class ever
        takes an entry out of (no `pop`/`del`/`discard`, no rebinding outside `__init__`): it
        grows with every connection, reported at that store. Likewise an entry the method that
        registers a connection (`sub = hub.subscribe(...)`) stores under the same key as another
        (`self._subs[sub.id] = sub`, `self._filters[sub.id] = ...`), when the class takes entries
        out of the other container but never out of this one: its release forgets it.
        And a record the handler makes once per connection in a module-level container, keyed by
        its path or query parameter (`_device_sessions[device_id] = {"connected_at": ...}` before
        its loop), when nothing in the project ever takes an entry out of that container.
        And a pub/sub subscription the handler opens for its connection (`pubsub =
        redis.pubsub()`, then `await pubsub.subscribe(...)`), which holds a broker connection of
        its own, when no `unsubscribe`/`aclose` of it runs in a `finally` (or a catch-all
        `except`), it is not opened with `async with`, and it is not handed to other code:
        reported at the subscribe.
        A receive loop with no disconnect handling is reported by RA315
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
        seen: set[str] = set()
        for handler in [*handlers(ctx.model), *response_handlers(ctx.model)]:
            if is_test_path(handler.facts.path):
                continue
            for leak in never_removed(ctx.model, handler):
                if leak[2] not in seen:
                    seen.add(leak[2])
                    yield self._entry_finding(ctx.model, handler, *leak)
            for leak in left_behind(ctx.model, handler):
                if leak[2] not in seen:
                    seen.add(leak[2])
                    yield self._sibling_finding(ctx.model, handler, *leak)
            for line, state in session_entries(ctx.model, handler):
                if state.fq not in seen:
                    seen.add(state.fq)
                    yield self._session_finding(ctx.model, handler, line, state)
            for site, local in _orphan_tasks(ctx.model, handler):
                yield self._task_finding(handler, site, local)
            for site, local in _open_subscriptions(ctx.model, handler):
                yield self._subscription_finding(handler, site, local)
            if not handler.registrations or _delegated(ctx.model, handler) and not handler.cleanups:
                continue
            main = self._first_finding(ctx.model, handler)
            if main is not None:
                yield main
            for reg in handler.registrations[1 if main is not None else 0:]:
                if _store_never_released(handler, reg):
                    yield self._finding(ctx.model, handler, reg)

    def _first_finding(self, model, handler: Handler) -> Finding | None:
        """The finding for the handler's first registration, None when its releases run on every exit."""
        if any(in_finally(handler.func, c) for c in handler.cleanups):
            return None
        if any(handled_by(handler.func, c.line, CATCH_ALL) or _in_catch_all(handler, c) for c in handler.cleanups):
            return None
        if any(_after_swallowing_try(handler, c) for c in handler.cleanups):
            return None
        if any(released_on_only_exit(model, handler, c) for c in handler.cleanups):
            return None  # `while True: await ws.receive_text()` can only end by the disconnect it releases on
        kept = None if handler.cleanups else kept_for_good(model, handler)
        return self._kept_finding(model, handler, *kept) if kept else self._finding(model, handler)

    def _task_finding(self, handler: Handler, site, local: str) -> Finding:
        name, path = short(handler.fq), handler.facts.path
        description = (f"`{name}` starts a task per connection (`{local}`, line {site.line}) that works on its socket, "
                       f"and never cancels or awaits it: when the client disconnects the handler returns, but "
                       f"`{local}` keeps running for a client that is gone, until its next send fails with an "
                       "exception nobody retrieves. Each closed connection can leave one behind.")
        related = [Location(path, handler.func.line, handler.func.line, f"the handler `{name}`")]
        recommendation = ("Cancel the task in `finally`, which runs on every exit:\n\n"
                          f"    try:\n        ...\n    finally:\n        {local}.cancel()")
        return self.finding(Location(path, site.line, site.end_line),
                            f"Per-connection task `{local}` in `{name}` outlives its connection",
                            description, related=related, recommendation=recommendation)

    def _subscription_finding(self, handler: Handler, site, local: str) -> Finding:
        name, path = short(handler.fq), handler.facts.path
        description = (f"`{name}` opens a pub/sub subscription per connection (`{local}`, subscribed at line "
                       f"{site.line}), which holds a dedicated connection to the broker, and closes it on no "
                       "guaranteed path: no `unsubscribe`/`aclose` in a `finally` (or an `async with`). When the "
                       "client disconnects, a send fails or the task is cancelled, the subscription and its "
                       "connection stay open; each closed socket can leave one behind until the broker's or the "
                       "pool's connection limit is reached.")
        related = [Location(path, handler.func.line, handler.func.line, f"the handler `{name}`")]
        recommendation = ("Close the subscription in `finally` (or open it with `async with`):\n\n"
                          f"    try:\n        ...\n    finally:\n        await {local}.unsubscribe()\n"
                          f"        await {local}.aclose()")
        return self.finding(Location(path, site.line, site.end_line),
                            f"Per-connection subscription `{local}` in `{name}` is not closed on every exit",
                            description, related=related, recommendation=recommendation)

    def _entry_finding(self, model, handler: Handler, callee: str, line: int, container: str) -> Finding:
        facts, _ = model.functions[callee]
        owner, name = short(callee.rsplit(".", 1)[0]), short(handler.fq)
        text = model.line_text(facts.path, line).strip()
        description = (f"`{short(callee)}` keeps an entry per connection in `{container}` (`{text}`), and no "
                       f"method of `{owner}` ever removes one: no `pop`/`del`/`discard` on it, not even where the "
                       f"connection itself is released. `{name}` passes its socket there at every connection, so "
                       f"`{container}` grows by one entry per connection for the life of the process; keyed by "
                       "`id(...)`, a later socket that reuses the address also inherits the stale entry.")
        related = [Location(handler.facts.path, handler.func.line, handler.func.line,
                            f"`{name}` hands its connection to `{short(callee)}`")]
        recommendation = (f"Remove the entry wherever `{owner}` releases a connection:\n\n"
                          f"    {container}.pop(<the same key>, None)")
        return self.finding(Location(facts.path, line, line),
                            f"Per-connection entry in `{container}` is never removed", description,
                            related=related, recommendation=recommendation)

    def _sibling_finding(self, model, handler: Handler, callee: str, line: int, container: str,
                         sibling: tuple[int, str]) -> Finding:
        facts, _ = model.functions[callee]
        owner, name = short(callee.rsplit(".", 1)[0]), short(handler.fq)
        key = subscript_key(model, facts.path, line)
        description = (f"`{short(callee)}` keeps two entries per connection under `{key}`: one in `{sibling[1]}` "
                       f"(line {sibling[0]}) and one in `{container}` (line {line}). `{owner}` takes the first out "
                       f"when a connection goes, but no method of `{owner}` ever removes from `{container}`: every "
                       f"connection `{name}` registers leaves its entry there for the life of the process, so "
                       f"`{container}` grows with each connection while `{sibling[1]}` stays the right size.")
        related = [Location(facts.path, sibling[0], sibling[0], "the entry under the same key that is released"),
                   Location(handler.facts.path, handler.func.line, handler.func.line,
                            f"`{name}` registers a connection through `{short(callee)}`")]
        recommendation = (f"Remove both entries where `{owner}` releases a connection:\n\n"
                          f"    {sibling[1]}.pop({key}, None)\n    {container}.pop({key}, None)")
        return self.finding(Location(facts.path, line, line),
                            f"Per-connection entry in `{container}` is left behind when the connection is released",
                            description, related=related, recommendation=recommendation)

    def _session_finding(self, model, handler: Handler, line: int, state: ModuleState) -> Finding:
        name, key = short(handler.fq), subscript_key(model, handler.facts.path, line)
        description = (f"`{name}` records each connection in the module-level `{state.name}` under `{key}` (line "
                       f"{line}) and nothing in the project ever takes an entry out: not on disconnect, not on any "
                       f"other exit. A closed connection's entry stays, so `{state.name}` keeps reporting clients that "
                       "are gone and grows with every key that ever connected.")
        related = [Location(handler.facts.path, handler.func.line, handler.func.line, f"the handler `{name}`"),
                   Location(state.facts.path, state.assign.line, state.assign.line, f"`{state.name}` is declared here")]
        recommendation = ("Remove the entry in `finally`, which runs on every exit:\n\n"
                          f"    try:\n        ...\n    finally:\n        {state.name}.pop({key}, None)")
        return self.finding(Location(handler.facts.path, line, line),
                            f"Per-connection entry in `{state.name}` is never removed", description,
                            related=related, recommendation=recommendation)

    def _kept_finding(self, model, handler: Handler, callee: str, line: int, container: str) -> Finding:
        reg = handler.registrations[0]
        facts, _ = model.functions[callee]
        owner = short(callee.rsplit(".", 1)[0])
        name = short(handler.fq)
        description = (f"`{short(callee)}` stores the connection in `{container}` at line {line}, and `{owner}` has "
                       f"no way to take one connection out again (no `disconnect`/`remove`/`detach`-style method, "
                       f"no `pop`/`remove`/`del` on `{container}`). `{name}` registers its socket there at "
                       f"{handler.facts.path}:{reg.line} and cannot release it on any exit: every closed "
                       f"connection stays in `{container}`, later sends go to a dead socket, and the memory is "
                       f"never freed.")
        related = [Location(handler.facts.path, reg.line, reg.end_line, f"`{name}` registers its connection")]
        key = subscript_key(model, facts.path, line)
        recommendation = (f"Give `{owner}` a release that removes only this connection, and call it in `finally` "
                          f"in `{name}`:\n\n"
                          f"    async def detach(self, {key}, websocket) -> None:\n"
                          f"        if {container}.get({key}) is websocket:\n"
                          f"            del {container}[{key}]\n\n"
                          f"    try:\n        ...\n    finally:\n        await {reg.receiver or owner}.detach(..., "
                          f"{handler.socket})")
        return self.finding(Location(facts.path, line, line),
                            f"`{short(callee)}` keeps every connection in `{container}` and nothing removes it",
                            description, related=related, recommendation=recommendation)

    def _finding(self, model, handler: Handler, unreleased: Step | None = None) -> Finding:
        """At the first registration; or at `unreleased`, a registration nothing in the handler
        releases while it does release its others (`_prefs[ws] = ...` beside `manager.disconnect`)."""
        path = handler.facts.path
        reg = unreleased or handler.registrations[0]
        name = short(handler.fq)
        receive = unhandled_receive(model, handler)
        related = []
        if handler.cleanups and unreleased is None:
            clean = handler.cleanups[0]
            shown = clean.name if clean.name.startswith("del ") else f"{clean.name} 1" if clean.name.endswith(" -=") \
                else f"{clean.name}(...)"
            how = (f"is released by `{shown}` "
                   f"at line {clean.line} only on that path, not in a `finally`: any other exit "
                   f"({_other_exits(handler)}) skips it")
            if receive is not None:
                how += (f"; the receive at line {receive.line} raises `WebSocketDisconnect` when the client leaves, "
                        f"so a disconnect never reaches line {clean.line}")
            related.append(Location(path, clean.line, clean.end_line, "release that not every exit path reaches"))
            related += [Location(path, line, line, "the one exception the release is tied to")
                        for line in _handler_around(handler.func, clean.line)]
            release = model.line_text(path, clean.line) if clean.line == clean.end_line else f"{clean.name}(...)"
        else:
            how = "is never released in this handler"
            release = release_text(model, handler, reg)
        if receive is not None:
            related.append(Location(path, receive.line, receive.end_line, "raises WebSocketDisconnect on disconnect"))
        related.append(Location(path, handler.func.line, handler.func.line, f"the handler `{name}`"))
        description = (f"`{name}` registers {registered_text(reg)} at line {reg.line}; it {how}. The dead connection's "
                       f"state then stays registered: broadcasts keep going to it and it is never freed.")
        caught = "" if handler.made else "    except WebSocketDisconnect:\n        pass\n"
        recommendation = ("Release per-connection state in `finally`, which runs on every exit:\n\n"
                          f"    try:\n        ...\n{caught}    finally:\n        {release}")
        return self.finding(Location(path, reg.line, reg.end_line),
                            f"WebSocket connection state registered in `{name}` is not released on every exit path",
                            description, related=related, recommendation=recommendation)


def _after_swallowing_try(handler: Handler, cleanup: Step) -> bool:
    """The release follows a `try` whose `except Exception:` (or bare) clause ends without leaving
    the handler, and that `try` holds every loop between the registration and the release: an
    error while serving the connection lands there and the release after it still runs."""
    func = handler.func
    start = handler.registrations[0].line
    loops = [b for b in blk.blocks(func, "loop") if start < b["line"] < cleanup.line]
    if not loops:
        return False
    for tried in blk.blocks(func, "try"):
        if start < tried["line"] and all(tried["line"] <= loop["line"] and loop["end"] <= tried["end"]
                                         for loop in loops) \
                and any(_swallows(clause) and clause["end"] < cleanup.line
                        for clause in blk.handlers_of(func, tried["line"])):
            return True
    return False


def _swallows(clause: dict) -> bool:
    """A catch-all clause that neither re-raises nor leaves the handler."""
    return catches_all(clause) and not blk.always_raises(clause) and clause.get("exit") not in ("return", "break",
                                                                                                 "continue")


def _other_exits(handler: Handler) -> str:
    """The exits that skip a release written after the loop: a client closing an aiohttp
    `WebSocketResponse` just ends its `async for`, so there a disconnect is not one of them."""
    if handler.made:
        return "an exception while handling a message, a failed send, cancellation"
    return "a disconnect, invalid JSON, a failed send, cancellation"


_SPAWNS = frozenset({("asyncio", "create_task"), ("asyncio", "ensure_future")})


def _orphan_tasks(model, handler: Handler) -> list[tuple[object, str]]:
    """(spawn call, local) for `t = asyncio.create_task(pump(websocket))` in a websocket handler,
    the task's coroutine given the socket, when `t` is never named again in the handler: nothing
    cancels, awaits or hands on the task, so it outlives the connection."""
    func, path, found = handler.func, handler.facts.path, []
    for site in func.calls:
        inner = site.args[0] if site.func in _SPAWNS and site.args else None
        if not isinstance(inner, dict) or "call" not in inner:
            continue
        given = any(c.line == site.line and c.name == inner["call"] and {"ref": handler.socket} in c.args
                    for c in func.calls)
        local = next(iter(func.names_bound_on(site.line)), "")
        if not given or not local or len(func.names_bound_on(site.line)) != 1:
            continue
        word = re.compile(rf"\b{re.escape(local)}\b")
        if not any(word.search(model.line_text(path, line)) for line in range(site.end_line + 1, func.end_line + 1)):
            found.append((site, local))
    return found


# `redis.pubsub()`: a subscription object holding its own broker connection
_SUBSCRIPTION_FACTORIES = frozenset({"pubsub"})
_SUBSCRIBES = frozenset({"subscribe", "psubscribe"})
_SUBSCRIPTION_ENDS = frozenset({"unsubscribe", "punsubscribe", "aclose", "close", "reset"})


def _open_subscriptions(model, handler: Handler) -> list[tuple[object, str]]:
    """(first subscribe call, local) for `ps = redis.pubsub()` made in the handler and subscribed
    there, when nothing closes it on every exit: no release in a `finally` or a catch-all `except`,
    no `async with`, not handed to other code (which may own its release), not released in a
    nested function."""
    func, found = handler.func, []
    for local, value in func.local_types.items():
        if not isinstance(value, dict) or value.get("entered") or not _made_by_factory(func, value):
            continue
        uses = [s for s in func.calls if s.func and s.func[0] == local and len(s.func) == 2]
        subscribe = next((s for s in uses if s.func[-1] in _SUBSCRIBES), None)
        if subscribe is None or _subscription_owned(model, handler, local, uses):
            continue
        found.append((subscribe, local))
    return found


def _made_by_factory(func, value: dict) -> bool:
    """The local's value is `<client>.pubsub()`: `redis.pubsub()`, or on a client a call hands back
    (`get_redis().pubsub()`, whose recorded call is the chain's outer call on that line)."""
    call = value.get("call", "")
    if call:
        return "." in call and call.rsplit(".", 1)[-1] in _SUBSCRIPTION_FACTORIES
    return any(s.line == value.get("line") and s.func and s.func[0] == "()" and len(s.func) == 2
               and s.func[-1] in _SUBSCRIPTION_FACTORIES for s in func.calls)


def _subscription_owned(model, handler: Handler, local: str, uses: list) -> bool:
    """Something takes care of closing `local`: a guaranteed release, a context manager, a hand-off."""
    func, ref = handler.func, {"ref": local}
    if any(s.func[-1] in _SUBSCRIPTION_ENDS and (in_finally(func, s) or _in_catch_all(handler, s)) for s in uses):
        return True
    if any(b.get("kind") == "with" and b.get("expr") == local for b in func.extra.get("blocks", ())):
        return True
    if any(ref in s.args or ref in s.kwargs.values() for s in func.calls):
        return True
    return any(s.func and s.func[0] == local and s.func[-1] in _SUBSCRIPTION_ENDS
               for nested in model.nested_in(handler.fq) for s in model.functions[nested][1].calls)


def _store_never_released(handler: Handler, reg: Step) -> bool:
    """An entry stored per connection (`_prefs[websocket] = ...`), or the connection added to a
    shared collection (`_connections[officer_id].append(ws)`), that nothing in the handler takes
    out, while the handler does release its other registrations."""
    added = reg.receiver and reg.name.rsplit(".", 1)[-1] in ADDS_TO
    return (reg.name.endswith("[...]") or added) and not reg.count and handler.cleanups \
        and not any(c.receiver in (reg.receiver, _base(reg.receiver)) or _base(c.receiver) == reg.receiver
                    for c in handler.cleanups)


def _base(receiver: str) -> str:
    """The container a receiver belongs to: `_connections` for `_connections.[]` or `hub.clients`."""
    return receiver.rsplit(".", 1)[0] if "." in receiver else receiver


def _handler_around(func, line: int) -> list[int]:
    """The `except ...:` clause whose body holds `line` (the release runs only for that exception)."""
    clauses = [b["line"] for b in func.extra.get("blocks", ())
               if b.get("kind") == "except" and b["line"] < line <= b["end"]]
    return [max(clauses)] if clauses else []


def _delegated(model, handler: Handler) -> bool:
    """The handler hands the connection (or what registering it returned) to a coroutine that
    does its own cleanup: the lifecycle is managed there."""
    refs = [{"ref": handler.socket}] + [{"ref": name} for name, value in handler.func.local_types.items()
                                        if isinstance(value, dict) and any(value.get("line") == r.line
                                                                           for r in handler.registrations)]
    registered = {r.line for r in handler.registrations}
    for edge in model.edges.get(handler.fq, ()):
        callee = model.callee_function(edge.target)
        if callee and any(ref in edge.site.args or ref in edge.site.kwargs.values() for ref in refs) \
                and edge.site.line not in registered:
            if any(s.func and s.func[-1] in CLEANUP for s in model.functions[callee][1].calls):
                return True
    return False


def _in_catch_all(handler: Handler, cleanup) -> bool:
    """The cleanup sits in an `except Exception:` (or bare) clause."""
    return any(b["line"] <= cleanup.line <= b["end"] and catches_all(b) for b in blk.blocks(handler.func, "except"))
