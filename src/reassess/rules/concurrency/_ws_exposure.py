"""What an unauthenticated websocket route exposes: a write its messages reach, one resource's data
picked by an id in its URL, or a stream the app's other routes guard.

Kept apart from RA317 (`websocket_without_auth`), which decides which of these to report.
"""
from __future__ import annotations

import re

from ...facts.types import CallSite
from ...knowledge.logs import LOG_METHODS
from ...model.app import EntryPoint
from ...model.data import DataModel
from ...model.project import Edge, ProjectModel
from ._calls import param_receiving
from ._ws import Handler, socket_wrappers
from ._ws_credentials import dependency_checks
from ._ws_routes import (CHANNEL_SUBSCRIBES, body_lines_naming, id_like, is_send, path_ids, refers, refs_by_line,
                         sends_on_socket, turns_away)


_SQL_WRITES = frozenset({"insert", "update", "delete"})
_ORM_WRITES = frozenset({"add", "add_all", "delete", "merge", "commit", "flush", "bulk_save_objects",
                         "insert_one", "insert_many", "update_one", "update_many", "replace_one", "delete_one",
                         "delete_many"})
_ORM_SESSIONS = ("sqlalchemy.", "sqlmodel.")
_CACHE_WRITES = frozenset({"set", "setex", "setnx", "mset", "hset", "hmset", "hdel", "delete", "unlink", "incr",
                           "incrby", "decr", "lpush", "rpush", "sadd", "srem", "zadd", "zrem", "xadd", "publish",
                           "expire", "getdel", "getset"})


def get_route_ids(model: ProjectModel) -> tuple[set[str], set[str]]:
    """Id-like path parameters of HTTP GET routes, (private, public). Private: those of routes that
    check a credential (`GET /accounts/{account_id}` with `Depends(current_customer)`): the app serves
    what they name only to signed-in callers. Public: business numbers (`tracking_number`) a route
    serves with no credential check: the app treats the number as a capability shared with whoever
    holds it (a parcel's tracking page), so a socket following it without one is consistent, not an
    oversight."""
    private: set[str] = set()
    public: set[str] = set()
    for entry in model.app.entrypoints:
        if entry.kind != "http" or "GET" not in entry.methods:
            continue
        names = [name for name in re.findall(r"\{(\w+)", entry.route or entry.name) if id_like(name)]
        if names and dependency_checks(model, entry):
            private.update(names)
        else:
            public.update(name for name in names if not name.lower().endswith("_id"))
    return private, public


def served_publicly(model: ProjectModel, handler: Handler, param: str) -> bool:
    """An HTTP GET route that checks no credential hands the same path parameter to the same
    project function the socket does (`svc.for_day(location_id, ...)` behind both): the app serves
    that data to anyone already, so the socket streaming it is public by design."""
    given = {callee for edge in model.edges.get(handler.fq, ())
             if (callee := model.callee_function(edge.target)) and refers(edge.site, param)}
    for entry in model.app.entrypoints if given else ():
        if entry.kind != "http" or "GET" not in entry.methods or "{" + param not in (entry.route or entry.name) \
                or dependency_checks(model, entry) or entry.function not in model.functions:
            continue
        if any(model.callee_function(edge.target) in given and refers(edge.site, param)
               for edge in model.edges.get(entry.function, ())):
            return True
    return False


def forwarding_call(model: ProjectModel, handler: Handler) -> CallSite | None:
    """The handler's call handing its socket to a project function that sends on it (a forwarding
    task, `asyncio.create_task(_forward(redis, websocket))`): the handler streams through it."""
    for edge in model.edges.get(handler.fq, ()):
        callee = model.callee_function(edge.target)
        if not callee:
            continue
        func = model.functions[callee][1]
        param = param_receiving(func, edge.site, handler.socket)
        if param and any(site.func and site.func[0] == param and site.func[-1].startswith("send")
                         for site in func.calls):
            return edge.site
    return None


def lone_open_route(model: ProjectModel, found: list[Handler], unchecked: list[Handler], reported: set[str],
                     routes: dict[str, EntryPoint]) -> Handler | None:
    """The one websocket route that checks no credential while every other one does (and streams
    data or registers for a stream): an oversight more often than a public feed by design. None
    when two or more routes are open (the app has public sockets) or a finding names it already,
    and for a route keyed by an id in its path: whether that id needs a credential is judged by
    whether the app asks for one elsewhere (`_open_subscriptions`). A path parameter that is no id
    (`/ws/map/{airport}`, an area or a channel) picks a stream, not someone's data: it is judged like
    the route without it; so is an id the handler only names in log lines (`/ws/noc/cells/{cell_id}`
    registering the socket for the whole feed): it selects nothing."""
    if len(found) < 2 or len(unchecked) != 1 or unchecked[0].fq in reported:
        return None
    lone = unchecked[0]
    ids = path_ids(lone, uuids=True)
    if ids and ids - _only_logged(model, lone, ids):
        return None
    if not all(turns_away(h) for h in found if h is not lone):
        return None  # only where every other route visibly refuses clients is the check the app's rule
    return lone if sends_on_socket(lone) or lone.registrations else None


def _only_logged(model: ProjectModel, handler: Handler, ids: set[str]) -> set[str]:
    """The path `ids` the handler's body names on log-call lines only (`logger.info("cell %s left",
    cell_id)`): they select nothing it serves. A handler with nested functions (a pump closure that
    may filter by the id) keeps every id."""
    if model.nested_in(handler.fq):
        return set()
    logged = {line for site in handler.func.calls if site.func and site.func[-1] in LOG_METHODS
              for line in range(site.line, site.end_line + 1)}
    return {name for name in ids
            if all(line in logged for line in body_lines_naming(model, handler, name))}


def keyed_subscriptions(handler: Handler) -> list[tuple[CallSite, str]]:
    """Registrations of the socket under an id-like path parameter (`hub.attach_ride(ride_id, ws)`),
    or of a queue a shared hub hands back for it (`queue = hub.subscribe(claim_number)`): a
    subscription to one resource's updates, picked by whoever writes the URL. Ids typed as UUIDs
    count too: whoever holds one follows that resource's updates for as long as they like."""
    ids = sorted(path_ids(handler, uuids=True))
    lines = {step.line for step in handler.registrations}
    queues = {step.line for step in handler.registrations if step.holds and step.result}
    wrappers = socket_wrappers(handler)
    found = []
    for site in handler.func.calls:
        refs = {a.get("ref") for a in site.args if isinstance(a, dict)}
        for made in refs & wrappers.keys():  # `feed.add(client)`, `client = FeedClient(websocket, hotel_id)`
            refs |= {a.get("ref") for a in wrappers[made].args if isinstance(a, dict)}
        param = next((p for p in ids if p in refs), None)
        if site.line in lines and param and (handler.socket in refs or site.line in queues):
            found.append((site, param))
    return found[:1]


def keyed_channels(model: ProjectModel, handler: Handler) -> list[tuple[CallSite, str]]:
    """A pub/sub subscription to a channel named after an id-like path parameter
    (`await pubsub.subscribe(f"events:{org_id}")`) whose messages the handler then keeps sending,
    itself or from a pump it defines (`async def pump(): ... await websocket.send_json(...)`):
    one resource's stream, picked by whoever writes the URL."""
    ids = sorted(path_ids(handler))
    refs_at = refs_by_line(handler)
    sends = [s.line for s in handler.func.calls if is_send(handler, s) and s.loop_line]
    pumped = any(is_send(handler, s) for nested in model.nested_in(handler.fq)
                 for s in model.functions[nested][1].calls)
    for site in handler.func.calls:
        if site.awaited and site.func and site.func[-1] in CHANNEL_SUBSCRIBES and site.func[0] != handler.socket:
            param = next((p for p in ids if p in refs_at.get(site.line, ())), None)
            if param and (pumped or any(line > site.line for line in sends)):
                return [(site, param)]
    return []


def keyed_reads(handler: Handler, first: int) -> list[tuple[CallSite, str]]:
    """An awaited lookup, made for a received message, of the resource an id-like path parameter
    names (`await redis.zrank(f"queue:...", str(booking_id))`), whose result the handler then
    sends: a per-message read of data the URL picks; in a push loop, also a sync read of
    in-process state (`hub.totals_for(show_id)`); with no message answered, also the snapshot
    read once and sent to a socket then kept open (`first = await board.snapshot(site_id)`). With no
    message answered, ids typed as UUIDs count: the push is a standing subscription to that resource."""
    ids = sorted(path_ids(handler, uuids=not first))
    socket = handler.socket
    sends = [s.line for s in handler.func.calls if is_send(handler, s)]
    refs_at = refs_by_line(handler)
    stays = handler.receives or any(s.loop_line for s in handler.func.calls if is_send(handler, s))
    for site in handler.func.calls:
        if not site.func or _on_socket(site, socket) or site.line < first or not _lookup(site, bool(first)):
            continue
        if not first and not site.loop_line and not (site.awaited and stays):
            continue  # no message answered: a lookup repeated in the push loop, or sent first to a socket kept open
        param = next((p for p in ids if p in refs_at.get(site.line, ())), None)
        if param and any(line >= site.line for line in sends):
            return [(site, param)]
    return []


def _on_socket(site: CallSite, socket: str) -> bool:
    """A method of the connection itself (`ws.send_json`), not of app state reached through it
    (`ws.app.state.overview.snapshot(site_id)`)."""
    return site.func[0] == socket and (len(site.func) < 3 or site.func[1] != "app")


def _lookup(site: CallSite, answers: bool) -> bool:
    """A call that may look data up: awaited, or, in a push loop (not `answers` to messages), a
    method of a held object (`hub.totals_for(show_id)`, in-process state), not a log line."""
    return site.awaited or not answers and len(site.func) > 1 and site.func[-1] not in LOG_METHODS


def first_write(model: ProjectModel, data: DataModel, reached: dict[str, Edge | None], handler: str,
                 after: int) -> tuple[str, CallSite, str] | None:
    """The nearest write: in the handler after its first receive, else in the reached functions
    in breadth-first order. (function, call, what)"""
    for fq in [handler, *reached]:
        unit = _unit_of_work_write(model, fq, after if fq == handler else 0)
        if unit is not None:
            return unit
        for trip in data.trips.get(fq, ()):
            if fq == handler and trip.site.line < after:
                continue
            stmt = trip.statement
            if stmt is not None and stmt.kind in _SQL_WRITES:
                return fq, trip.site, f"an SQL {stmt.kind.upper()}" + (f" on `{stmt.tables[0]}`" if stmt.tables else "")
            if trip.trip.kind in ("orm", "mongo") and trip.trip.method in _ORM_WRITES:
                return fq, trip.site, f"an ORM `{trip.trip.method}()`"
            if trip.trip.kind == "cache" and trip.trip.method in _CACHE_WRITES and not _cache_fill(data, fq, trip):
                return fq, trip.site, f"a redis `{trip.trip.method}`"
    return None


def _cache_fill(data: DataModel, fq: str, trip) -> bool:
    """`set(key, value, ex=ttl)` after a `get(key)` of the same key in the same function: a
    read-through cache stores what a read computed; the client changes no data by it."""
    if trip.trip.method not in ("set", "setex") or not trip.site.args:
        return False
    key = trip.site.args[0]
    return any(t.trip.kind == "cache" and t.trip.method == "get" and t.site.line < trip.site.line
               and t.site.args[:1] == (key,) for t in data.trips.get(fq, ()))


def _unit_of_work_write(model: ProjectModel, fq: str, after: int) -> tuple[str, CallSite, str] | None:
    """`session.add(row)` / `await session.commit()` on a SQLAlchemy session: no round trip of
    its own (the flush makes it), but a write all the same."""
    for edge in model.edges.get(fq, ()):
        name = edge.target.name
        if (edge.target.kind == "external" and name.startswith(_ORM_SESSIONS) and edge.site.line >= after
                and name.rsplit(".", 1)[-1] in _ORM_WRITES):
            return fq, edge.site, f"an ORM `{name.rsplit('.', 1)[-1]}()`"
    return None
