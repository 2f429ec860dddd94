"""RA317 websocket-lifecycle: a websocket endpoint that changes data for clients it never authenticated."""
from __future__ import annotations

import re
from collections import deque
from typing import Iterator

from ...facts.types import CallSite, Param
from ...findings import Finding, Location
from ...knowledge.auth import AUTH_WORDS, auth_word
from ...knowledge.logs import LOG_METHODS
from ...model.app import EntryPoint, is_test_path
from ...model.data import DataModel, of_context
from ...model.project import Edge, ProjectModel
from ...model.resilience.triggers import queue_feeds
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._calls import bound_local, param_receiving
from ._text import call_source
from ._ws import RECEIVE, Handler, handlers, socket_wrappers
from ._ws_bypass import unchecked_branch
from ._ws_url_reads import plain_subscripts

# Words that name a credential or a check of one, in parameter and callee names.
_PARAM_WORDS = (*AUTH_WORDS, "session")
_CHECK_DEPTH = 2  # calls followed from the handler when looking for a credential check
# Where a websocket carries credentials: `websocket.headers`, `.cookies`, `.query_params`, `.user`, `.auth`.
_CREDENTIAL_ATTRS = frozenset({"headers", "cookies", "query_params", "user", "auth", "session", "scope"})
_DEPENDENCY_DEFAULTS = frozenset({"Depends", "Security", "Header", "Cookie", "fastapi.Depends", "fastapi.Security",
                                  "fastapi.Header", "fastapi.Cookie"})
# Path segments that name an area only operators may see.
_PRIVILEGED_SEGMENTS = frozenset({"admin", "admins", "internal", "backoffice", "back-office", "staff", "ops",
                                  "superuser", "management", "operator", "operators"})
_SCALARS = frozenset({"int", "str", "uuid.UUID", "UUID"})
_CHANNEL_SUBSCRIBES = frozenset({"subscribe", "psubscribe", "ssubscribe"})
_SQL_WRITES = frozenset({"insert", "update", "delete"})
_ORM_WRITES = frozenset({"add", "add_all", "delete", "merge", "commit", "flush", "bulk_save_objects",
                         "insert_one", "insert_many", "update_one", "update_many", "replace_one", "delete_one",
                         "delete_many"})
_ORM_SESSIONS = ("sqlalchemy.", "sqlmodel.")
_CACHE_WRITES = frozenset({"set", "setex", "setnx", "mset", "hset", "hmset", "hdel", "delete", "unlink", "incr",
                           "incrby", "decr", "lpush", "rpush", "sadd", "srem", "zadd", "zrem", "xadd", "publish",
                           "expire", "getdel", "getset"})


@register
class WebsocketWithoutAuth(Rule):
    """A websocket endpoint that accepts any client and, on its messages, changes data:
    writes rows, publishes commands or updates shared cache entries.

    What it finds:
        A websocket route with no sign of authentication anywhere on its path: no
        `Security`/`Header`/`Cookie` parameter, no `Depends` provider that could check one (a
        provider of a service, `Depends(get_feed)`, does not), no router dependency, no
        parameter named like a credential (`token`, `api_key`), no read of the socket's
        `headers`, `cookies`, `query_params` or `user`, no call into anything named like a
        check (`verify`, `authenticate`, `current_user`, `jwt.decode`), and no
        authentication middleware on the app; yet the calls it makes after receiving a
        message reach a data write: an SQL `INSERT`/`UPDATE`/`DELETE`, an ORM `add`/
        `delete`/`commit`, or a redis write or `publish`. Also a read-only route that
        registers the socket for one resource's updates by an id-like path parameter
        (`hub.attach_ride(ride_id, ws)`) while other websocket routes of the same module
        authenticate, or while the app's HTTP GET routes serve that id only behind a credential
        check: the missing check is then an oversight that exposes other users' data;
        likewise a read-only route that, for each message, looks up data by such a parameter
        (`await redis.zrank(..., str(booking_id))`) and sends the result back, when a sibling
        route hands that same parameter to its credential check (`verify_link(booking_id, sig)`):
        the code itself treats that resource as one that needs proof, or when a sibling binds a
        local of that name from its credential lookup (`tenant_id = await _tenant_for_socket(ws)`,
        a helper handed the socket that reads its headers, cookies or query string). Id-like
        query parameters (`tenant_id: int` not in the path) count like path parameters, and a
        send-only route whose push loop looks the data up counts like one answering messages
        (so does one sending a snapshot read once and then keeping the socket open for pushes; a
        receive whose message is dropped, only waiting for the disconnect, answers nothing).
        Read-only public streams with no id (a price feed) are left alone, unless the route's
        path names an administrative area (`/ws/admin/...`, `/ws/ops/...`, `/ws/operator/...`)
        and it sends to the socket or registers it for a stream, or it is the app's only websocket
        route that checks no credential while all the others check one (and close the socket
        of a client they refuse before accepting it) and no id in its path selects what it serves.
        A check a service runs on a received message's contents (`scan(payload)` verifying a QR
        signature) vouches for that item, not for the connection; so when the handler's only check
        is its own call on a received frame (`await kiosk.verify_pin(..., frame["pin"])`) and an
        earlier branch of the receive loop answers a message with looked-up data and `continue`s
        before reaching it (`{"roster": await _roster(serial)}`), that data goes to any client. Also a route that
        does read a credential but ignores the answer: `staff_id = _staff_id_from(token)`, where
        the check returns None on failure, never tested by any branch while the socket is
        registered for a stream. Middleware counts as authentication unless it is a
        `BaseHTTPMiddleware`, which Starlette never runs for websockets. The finding sits on the
        handler's `accept()` (where the check belongs), or on the handler when it accepts elsewhere.

    Why it matters:
        Browsers do not apply CORS to websockets, and HTTP middleware (`@app.middleware("http")`)
        does not run for them: whoever knows the URL can connect, from any page or script,
        and every message they send is executed with the server's full rights.

    Example:
        @router.websocket("/ws/console/{device_id}")
        async def console_socket(websocket: WebSocket, device_id: uuid.UUID):
            await websocket.accept()
            while True:
                command = CommandIn.model_validate(await websocket.receive_json())
                await commands.send(device_id, command)

    Instead:
        Authenticate before `accept()` (a token in the query string or the first message,
        or a cookie checked by a dependency) and close with policy violation otherwise:

            claims = await verify_token(websocket.query_params.get("token", ""))
            if claims is None:
                await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
                return
    """

    id = "RA317"
    name = "websocket-without-auth"
    category = "websocket-lifecycle"
    severity = "HIGH"
    scope = "project"
    base_effort = 2.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        """A handler that checks no credential is cited at its `accept()` (`_cite_accept`); one that
        checks a credential and ignores the answer keeps its own citation."""
        model = ctx.model
        routes = {e.function: e for e in model.app.entrypoints if e.kind == "websocket"}
        found = [h for h in handlers(model) if h.fq in routes and not is_test_path(h.facts.path)]
        ctx.examine("websocket routes", len(found))
        if not found or _auth_middleware(model):
            return
        data = None
        reported: set[str] = set()  # the routes a finding names
        # (handler, keyed call, path parameter, the line of its first message: 0 when it only pushes)
        open_subscriptions: list[tuple[Handler, CallSite, str, int]] = []
        authenticated: set[str] = set()
        guarded: set[tuple[str, str]] = set()  # (file, path parameter) a sibling's credential check is given
        areas: set[str] = set()  # the first path segments of the routes that authenticate
        unchecked: list[Handler] = []  # the routes that check no credential
        for handler in found:
            entry = routes[handler.fq]
            if _authenticates(model, handler, entry):
                areas.add(_area(entry))
                authenticated.add(entry.path)
                guarded.update((entry.path, p) for p in _checked_params(handler) | _credential_locals(model, handler))
                unenforced = _unenforced_check(model, handler, entry)
                if unenforced is not None:
                    yield self._unenforced_finding(model, handler, entry, *unenforced)
                checks = _per_message_checks(model, handler, entry)
                data = data or of_context(ctx) if checks else data
                skipped = unchecked_branch(model, data, handler, checks, _reach) if checks else None
                if skipped is not None:
                    reported.add(handler.fq)
                    yield _cite_accept(handler, self._skipped_finding(handler, entry, checks[0], *skipped))
                continue
            unchecked.append(handler)
            data = data or of_context(ctx)
            finding = self._unchecked_route(model, data, handler, entry)
            if finding is not None:
                reported.add(handler.fq)
                yield finding
            else:
                first = _first_message(handler)
                open_subscriptions.extend((handler, *sub, first) for sub in _keyed_subscriptions(handler)
                                          or _keyed_reads(handler, first) or _keyed_channels(model, handler))
        yield from self._open_subscriptions(model, routes, open_subscriptions, authenticated, guarded, areas,
                                            reported)
        lone = _lone_open_route(model, found, unchecked, reported, routes)
        if lone is not None:
            yield _cite_accept(lone, self._lone_finding(lone, routes[lone.fq], len(found) - 1))

    def _unchecked_route(self, model: ProjectModel, data: DataModel, handler: Handler,
                         entry: EntryPoint) -> Finding | None:
        """The finding for a route that checks no credential when its messages lead to a data write
        (also through a queue a worker drains) or its path names an administrative area."""
        first = _first_receive(handler)
        reached = _reach(model, [e for e in model.edges.get(handler.fq, ()) if e.site.line >= first],
                         handoffs=True)
        write = _first_write(model, data, reached, handler.fq, first)
        if write is not None:
            return _cite_accept(handler, self._finding(model, handler, entry, write, reached))
        if not _privileged(entry):
            return None
        forwarder = _forwarder(model, handler)
        if _sends(handler) or handler.registrations or forwarder is not None:
            return _cite_accept(handler, self._privileged_finding(handler, entry, forwarder))
        return None

    def _open_subscriptions(self, model: ProjectModel, routes: dict[str, EntryPoint],
                            candidates: list[tuple[Handler, CallSite, str, int]], authenticated: set[str],
                            guarded: set[tuple[str, str]], areas: set[str],
                            reported: set[str]) -> Iterator[Finding]:
        """The unauthenticated sockets keyed by a path id that the app asks a credential for
        elsewhere: its other sockets in the same file, or its HTTP reads of that id; or a standing
        subscription that is the app's only keyed websocket route without a credential check, in
        the URL area (`/ws/...`) of sockets that check one (`areas`; a public `/live/...` beside a
        staff `/desk/...` is another audience)."""
        private, public = _get_route_ids(model) if candidates else (set(), set())
        candidates = [c for c in candidates if c[2] not in public and not _served_publicly(model, c[0], c[2])]
        if len({handler.fq for handler, *_rest in candidates}) != 1:
            areas = set()  # only the one keyed socket that checks nothing stands out beside those that do
        for handler, site, param, first in candidates:
            subscribes = _subscribes(handler, site)
            # A push loop re-reading one resource's data is a standing subscription to it, too.
            standing = subscribes or not first
            path = routes[handler.fq].path
            if path in authenticated and (standing or (path, param) in guarded) \
                    or standing and (param in private or _area(routes[handler.fq]) in areas):
                reported.add(handler.fq)
                yield _cite_accept(handler, self._subscription_finding(handler, routes[handler.fq], site, param,
                                                                            first))

    def _subscription_finding(self, handler: Handler, entry: EntryPoint, site: CallSite, param: str,
                              first: int) -> Finding:
        name, socket = short(handler.fq), handler.socket
        route = entry.route or entry.name
        subscribes = _subscribes(handler, site)
        pushes = not subscribes and not first
        what = (f"subscribes the connection to the live updates of whatever `{param}` the URL names "
                if subscribes else f"keeps sending data looked up for whatever `{param}` the URL names "
                if pushes else f"answers every message with data looked up for whatever `{param}` the URL names ")
        description = (f"`{name}` ({route}) {what}(`{site.name}(...)`, line {site.line}) without authenticating "
                       "the client, while the app asks for a credential elsewhere (its other websocket routes, "
                       f"or its HTTP reads of `{param}`). "
                       f"Anyone can enumerate `{param}` values and "
                       + ("follow other users' data as it changes." if subscribes else "read other users' data."))
        related = [Location(handler.facts.path, site.line, site.end_line,
                            f"the socket registered for `{param}` taken from the path" if subscribes
                            else f"data read for `{param}` taken from the path, sent to the client")]
        recommendation = ("Authenticate before accepting, and check the caller may see this resource:\n\n"
                          f"    claims = await verify_token({socket}.query_params.get(\"token\", \"\"))\n"
                          f"    if claims is None or not await may_follow(claims, {param}):\n"
                          f"        await {socket}.close(code=status.WS_1008_POLICY_VIOLATION)\n"
                          "        return\n"
                          f"    await {socket}.accept()")
        return self.finding(Location(handler.facts.path, handler.func.line, handler.func.line),
                            f"WebSocket `{name}` {'streams' if subscribes else 'serves'} any `{param}`'s "
                            f"{'updates' if subscribes else 'data'} to unauthenticated clients",
                            description, related=related, recommendation=recommendation)

    def _lone_finding(self, handler: Handler, entry: EntryPoint, others: int) -> Finding:
        name, socket = short(handler.fq), handler.socket
        send = next((s for s in handler.func.calls if _is_send(handler, s)), None)
        step = send or handler.registrations[0]
        description = (f"`{name}` ({entry.route or entry.name}) is the only websocket route of the app that "
                       f"accepts every client: the other {others} check a credential before serving, this one reads "
                       "none (no header, cookie or query token, no authentication dependency) and calls nothing "
                       f"that checks one, yet it streams data (`{step.name}(...)`, line {step.line}). Browsers do "
                       "not apply CORS to websockets: any page or script that knows the URL receives the stream.")
        related = [Location(handler.facts.path, step.line, step.end_line, "data streamed to any client")]
        recommendation = ("Check the credential the app's other sockets check, before accepting:\n\n"
                          f"    claims = await verify_token({socket}.query_params.get(\"token\", \"\"))\n"
                          "    if claims is None:\n"
                          f"        await {socket}.close(code=status.WS_1008_POLICY_VIOLATION)\n"
                          "        return\n"
                          f"    await {socket}.accept()\n\n"
                          "If the stream is public by design, say so where the route is declared.")
        return self.finding(Location(handler.facts.path, handler.func.line, handler.func.line),
                            f"WebSocket `{name}` alone serves unauthenticated clients", description,
                            related=related, recommendation=recommendation)

    def _privileged_finding(self, handler: Handler, entry: EntryPoint, forwarder: CallSite | None) -> Finding:
        name, socket = short(handler.fq), handler.socket
        route = entry.route or entry.name
        send = next((s for s in handler.func.calls if _is_send(handler, s)), None) or forwarder
        sent = (f"what it sends (`{send.name}(...)`, line {send.line})" if send is not None else
                f"the stream it registers the socket for (`{handler.registrations[0].name}(...)`, line "
                f"{handler.registrations[0].line})")
        description = (f"`{name}` ({route}) is an administrative endpoint by its path, yet it accepts every "
                       f"client: no authentication dependency, no credential read (header, cookie, query token) "
                       f"and no call that checks one. Whoever knows the URL receives {sent}.")
        line, end = (send.line, send.end_line) if send is not None else (handler.registrations[0].line,
                                                                           handler.registrations[0].end_line)
        related = [Location(handler.facts.path, line, end, "data sent to any client that connects")]
        recommendation = ("Authenticate before accepting and require the admin role:\n\n"
                          f"    claims = await verify_token({socket}.query_params.get(\"token\", \"\"))\n"
                          "    if claims is None or not claims.is_admin:\n"
                          f"        await {socket}.close(code=status.WS_1008_POLICY_VIOLATION)\n"
                          "        return\n"
                          f"    await {socket}.accept()")
        return self.finding(Location(handler.facts.path, handler.func.line, handler.func.line),
                            f"Admin WebSocket `{name}` streams data to unauthenticated clients",
                            description, related=related, recommendation=recommendation)

    def _skipped_finding(self, handler: Handler, entry: EntryPoint, check: Edge, send: CallSite,
                         lookup: CallSite) -> Finding:
        name, path = short(handler.fq), handler.facts.path
        description = (f"`{name}` ({entry.route or entry.name}) checks a credential only on some messages: "
                       f"`{check.site.name}(...)` (line {check.site.line}) vets the frames that reach it, but an "
                       f"earlier branch of the same receive loop answers a message with `{lookup.name}(...)` "
                       f"(line {send.line}) and moves on before the check. Nothing authenticates the connection "
                       "itself, so anyone who knows the URL gets that data.")
        related = [Location(path, send.line, send.end_line, "data sent before any check"),
                   Location(path, check.site.line, check.site.end_line, "the check, reached by other messages only")]
        recommendation = ("Authenticate the connection before accepting it, not per message:\n\n"
                          f"    if not await authenticate({handler.socket}):\n"
                          f"        await {handler.socket}.close(code=status.WS_1008_POLICY_VIOLATION)\n"
                          "        return\n"
                          f"    await {handler.socket}.accept()")
        return self.finding(Location(path, handler.func.line, handler.func.line),
                            f"WebSocket `{name}` serves data to clients its per-message check never sees",
                            description, related=related, recommendation=recommendation)

    def _unenforced_finding(self, model: ProjectModel, handler: Handler, entry: EntryPoint, local: str,
                            edge: Edge, checker: str) -> Finding:
        name, socket, path, check = short(handler.fq), handler.socket, handler.facts.path, edge.site
        accept = next((s for s in handler.func.calls if s.func == (socket, "accept")), None)
        step = handler.registrations[0] if handler.registrations else None
        early = accept is not None and accept.line < check.line
        description = (f"`{name}` ({entry.route or entry.name}) binds `{local}` from `{short(checker)}(...)` "
                       f"(line {check.line}), which returns None for a missing or invalid credential, but no "
                       f"branch ever tests `{local}`: every client is served"
                       + (f", and the connection is accepted (line {accept.line}) before the credential is even "
                          f"read" if early else "")
                       + (f"; the socket is registered with `{step.name}` (line {step.line})" if step else "")
                       + ". The check decides nothing: anyone who knows the URL gets the stream.")
        related = [Location(path, check.line, check.end_line,
                            f"`{local}` may be None here; nothing refuses the client")]
        if accept is not None:
            related.append(Location(path, accept.line, accept.end_line, "connection accepted"))
        if step is not None:
            related.append(Location(path, step.line, step.end_line, "socket registered for the stream"))
        recommendation = ("Refuse the connection when the check fails, before accepting:\n\n"
                          f"    {local} = {call_source(model, edge)}\n"
                          f"    if {local} is None:\n"
                          f"        await {socket}.close(code=status.WS_1008_POLICY_VIOLATION)\n"
                          "        return\n"
                          f"    await {socket}.accept()")
        return self.finding(Location(path, handler.func.line, handler.func.line),
                            f"WebSocket `{name}` checks a credential but never refuses the connection",
                            description, related=related, recommendation=recommendation)

    def _finding(self, model: ProjectModel, handler: Handler, entry: EntryPoint, write: tuple[str, CallSite, str],
                 reached: dict[str, Edge | None]) -> Finding:
        fq, site, what = write
        path = model.functions[fq][0].path
        name = short(handler.fq)
        route = entry.route or entry.name
        hop = reached.get(fq)  # the handler's call that leads to the write (None: the handler writes)
        description = (f"`{name}` ({route}) accepts every client: it has no authentication dependency, reads no "
                       f"credential (header, cookie, query token) and calls nothing that checks one. Yet the "
                       f"messages it receives drive {what} at {path}:{site.line}"
                       + (f" (through `{short(hop.target.name)}`, line {hop.site.line})." if hop else ".")
                       + " Anyone who knows the URL can connect and have those writes made.")
        related = [Location(path, site.line, site.end_line, f"the write a client's message leads to: {what}")]
        if hop is not None:
            related.insert(0, Location(handler.facts.path, hop.site.line, hop.site.end_line,
                                       f"calls `{short(hop.target.name)}` for a received message"))
        socket = handler.socket
        recommendation = ("Authenticate before accepting, and refuse the connection otherwise:\n\n"
                          f"    claims = await verify_token({socket}.query_params.get(\"token\", \"\"))\n"
                          "    if claims is None:\n"
                          f"        await {socket}.close(code=status.WS_1008_POLICY_VIOLATION)\n"
                          "        return\n"
                          f"    await {socket}.accept()")
        return self.finding(Location(handler.facts.path, handler.func.line, handler.func.line),
                            f"WebSocket `{name}` makes writes for clients it never authenticates", description,
                            related=related, recommendation=recommendation)


def _get_route_ids(model: ProjectModel) -> tuple[set[str], set[str]]:
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
        names = [name for name in re.findall(r"\{(\w+)", entry.route or entry.name) if _id_like(name)]
        if names and _dependency_checks(model, entry):
            private.update(names)
        else:
            public.update(name for name in names if not name.lower().endswith("_id"))
    return private, public


def _served_publicly(model: ProjectModel, handler: Handler, param: str) -> bool:
    """An HTTP GET route that checks no credential hands the same path parameter to the same
    project function the socket does (`svc.for_day(location_id, ...)` behind both): the app serves
    that data to anyone already, so the socket streaming it is public by design."""
    given = {callee for edge in model.edges.get(handler.fq, ())
             if (callee := model.callee_function(edge.target)) and _refers(edge.site, param)}
    for entry in model.app.entrypoints if given else ():
        if entry.kind != "http" or "GET" not in entry.methods or "{" + param not in (entry.route or entry.name) \
                or _dependency_checks(model, entry) or entry.function not in model.functions:
            continue
        if any(model.callee_function(edge.target) in given and _refers(edge.site, param)
               for edge in model.edges.get(entry.function, ())):
            return True
    return False


def _area(entry: EntryPoint) -> str:
    """The route's first path segment (`ws` of `/ws/orgs/{org_id}`): the part of the app it belongs to."""
    return (entry.route or entry.name).strip("/").split("/", 1)[0]


def _privileged(entry: EntryPoint) -> bool:
    """A route whose path names an administrative or internal area (`/ws/admin/sales`)."""
    segments = {part.strip("{}").lower() for part in (entry.route or entry.name).split("/")}
    return bool(segments & _PRIVILEGED_SEGMENTS)


def _is_send(handler: Handler, site: CallSite) -> bool:
    return bool(site.func) and site.func[0] == handler.socket and site.func[-1].startswith("send")


def _sends(handler: Handler) -> bool:
    return any(_is_send(handler, site) for site in handler.func.calls)


def _forwarder(model: ProjectModel, handler: Handler) -> CallSite | None:
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


def _authenticates(model: ProjectModel, handler: Handler, entry: EntryPoint) -> bool:
    """A dependency, a credential parameter or read, or a call (two deep) named like a check."""
    return (_dependency_checks(model, entry) or _credentials_in_signature(model, handler)
            or _reads_socket_credentials(handler.func, handler.socket, _plain_subscripts(model, handler))
            or bool(_credential_helpers(model, handler))
            or _calls_check_near(model, handler.fq, _first_receive(handler)))


def _dependency_checks(model: ProjectModel, entry: EntryPoint) -> bool:
    """A route or router dependency named like a check, outside the project, or a provider that checks."""
    return any(auth_word(d.rsplit(".", 1)[-1], _PARAM_WORDS) or d not in model.functions or _provider_checks(model, d)
               for d in entry.dependencies)


def _calls_check_near(model: ProjectModel, fq: str, after: int = 0) -> bool:
    """`fq`, or a function it calls (two deep), calls something named like a credential check.
    With `after` (the handler's first receive), the calls made from then on are not followed: a
    check a service runs on a message's contents (`scan(payload)` verifying a QR signature)
    vouches for that item, not for the connection that sent it."""
    edges = model.edges.get(fq, ())
    near = _reach(model, [e for e in edges if not after or e.site.line < after], _CHECK_DEPTH)
    return any(_auth_named(edge) for name in [fq, *near] for edge in model.edges.get(name, ()))


def _per_message_checks(model: ProjectModel, handler: Handler, entry: EntryPoint) -> list[Edge]:
    """The handler's own credential-check calls made after its first receive, when nothing else
    authenticates it (no dependency, credential read or helper, no check reached before the
    receive): a check of what a message carries. [] otherwise."""
    first = _first_receive(handler)
    edges = model.edges.get(handler.fq, ())
    own = [e for e in edges if first and e.site.line >= first and _auth_named(e)]
    if not own or _dependency_checks(model, entry) or _credentials_in_signature(model, handler) \
            or _reads_socket_credentials(handler.func, handler.socket, _plain_subscripts(model, handler)) \
            or _credential_helpers(model, handler):
        return []
    before = [e for e in edges if e.site.line < first]
    near = _reach(model, before, _CHECK_DEPTH)
    if any(_auth_named(e) for e in before) or any(_auth_named(e) for fq in near for e in model.edges.get(fq, ())):
        return []
    return own


def _lone_open_route(model: ProjectModel, found: list[Handler], unchecked: list[Handler], reported: set[str],
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
    ids = _path_ids(lone, uuids=True)
    if ids and ids - _only_logged(model, lone, ids):
        return None
    if not all(_turns_away(h) for h in found if h is not lone):
        return None  # only where every other route visibly refuses clients is the check the app's rule
    return lone if _sends(lone) or lone.registrations else None


def _only_logged(model: ProjectModel, handler: Handler, ids: set[str]) -> set[str]:
    """The path `ids` the handler's body names on log-call lines only (`logger.info("cell %s left",
    cell_id)`): they select nothing it serves. A handler with nested functions (a pump closure that
    may filter by the id) keeps every id."""
    if model.nested_in(handler.fq):
        return set()
    logged = {line for site in handler.func.calls if site.func and site.func[-1] in LOG_METHODS
              for line in range(site.line, site.end_line + 1)}
    return {name for name in ids
            if all(line in logged for line in _body_lines_naming(model, handler, name))}


def _body_lines_naming(model: ProjectModel, handler: Handler, name: str) -> list[int]:
    """The lines of the handler's body (its signature left out) that name `name` as a word."""
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    start = handler.func.body_line or handler.func.line + 1
    return [line for line in range(start, handler.func.end_line + 1)
            if pattern.search(model.line_text(handler.facts.path, line))]


def _turns_away(handler: Handler) -> bool:
    """The handler closes its socket before accepting it: it refuses some clients."""
    closes = [s.line for s in handler.func.calls if s.func == (handler.socket, "close")]
    accepts = [s.line for s in handler.func.calls if s.func == (handler.socket, "accept")]
    return bool(closes and accepts) and min(closes) < min(accepts)


def _cite_accept(handler: Handler, finding: Finding) -> Finding:
    """Cite the handler's `accept()`: that is where an unchecked client is let in, and the check
    belongs before it; the handler's definition becomes a related location. A handler that
    accepts elsewhere (in a connection manager) stays cited at its definition."""
    accepts = [s for s in handler.func.calls if s.func == (handler.socket, "accept")]
    if not accepts:
        return finding
    accept, defined = accepts[-1], finding.location
    finding.location = Location(handler.facts.path, accept.line, accept.end_line)
    others = [loc for loc in finding.related_locations if loc.start_line != accept.line or loc.path != defined.path]
    finding.related_locations = [Location(defined.path, defined.start_line, defined.end_line,
                                          f"the handler `{short(handler.fq)}`, accepting any client"), *others]
    return finding


def _unenforced_check(model: ProjectModel, handler: Handler, entry: EntryPoint) -> tuple[str, Edge, str] | None:
    """`staff_id = _staff_id_from(token)` where the check returns None on failure and no branch of
    the handler ever tests `staff_id`, while the handler registers the socket for a stream: the
    credential is read, and then ignored. (local, the check's call, the checking function)
    None when anything else could enforce it: an auth dependency or credential parameter, an
    `if` on the check itself, or the local handed to another auth-named call."""
    func = handler.func
    if not handler.registrations or _credentials_in_signature(model, handler) or _dependency_checks(model, entry):
        return None
    tests = [b for b in func.extra.get("blocks", ()) if b.get("kind") == "if"]
    for edge in model.edges.get(handler.fq, ()):
        checker = model.callee_function(edge.target)
        local = bound_local(func, edge.site.line, ".".join(edge.site.func)) if edge.site.func else ""
        if not checker or not local or not _may_return_none(model.functions[checker][1]) \
                or not _checks_credential(model, checker, edge):
            continue
        tested = any(local in b.get("names", ()) or any(c[0] == edge.site.name for c in b.get("calls", ()))
                     for b in tests)
        handed = any(site.func and auth_word(site.func[-1]) and _refers(site, local) for site in func.calls)
        if not tested and not handed:
            return local, edge, checker
    return None


def _may_return_none(func) -> bool:
    annotation = func.returns.replace(" ", "")
    return "None" in annotation.split("|") or annotation.startswith("Optional[") or None in func.returns_values


def _checks_credential(model: ProjectModel, checker: str, edge: Edge) -> bool:
    """The called function checks a credential: by its name, or a call (two deep) named like one."""
    return _auth_named(edge) or _calls_check_near(model, checker)


def _refers(site: CallSite, local: str) -> bool:
    return any(isinstance(v, dict) and v.get("ref", "").split(".")[0] == local
               for v in (*site.args, *site.kwargs.values()))


def _keyed_subscriptions(handler: Handler) -> list[tuple[CallSite, str]]:
    """Registrations of the socket under an id-like path parameter (`hub.attach_ride(ride_id, ws)`),
    or of a queue a shared hub hands back for it (`queue = hub.subscribe(claim_number)`): a
    subscription to one resource's updates, picked by whoever writes the URL. Ids typed as UUIDs
    count too: whoever holds one follows that resource's updates for as long as they like."""
    ids = sorted(_path_ids(handler, uuids=True))
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


def _subscribes(handler: Handler, site: CallSite) -> bool:
    """The call registers the socket for a stream, or subscribes to a pub/sub channel for it."""
    return site.line in {step.line for step in handler.registrations} or \
        bool(site.func) and site.func[-1] in _CHANNEL_SUBSCRIBES


def _keyed_channels(model: ProjectModel, handler: Handler) -> list[tuple[CallSite, str]]:
    """A pub/sub subscription to a channel named after an id-like path parameter
    (`await pubsub.subscribe(f"events:{org_id}")`) whose messages the handler then keeps sending,
    itself or from a pump it defines (`async def pump(): ... await websocket.send_json(...)`):
    one resource's stream, picked by whoever writes the URL."""
    ids = sorted(_path_ids(handler))
    refs_at = _refs_by_line(handler)
    sends = [s.line for s in handler.func.calls if _is_send(handler, s) and s.loop_line]
    pumped = any(_is_send(handler, s) for nested in model.nested_in(handler.fq) for s in model.functions[nested][1].calls)
    for site in handler.func.calls:
        if site.awaited and site.func and site.func[-1] in _CHANNEL_SUBSCRIBES and site.func[0] != handler.socket:
            param = next((p for p in ids if p in refs_at.get(site.line, ())), None)
            if param and (pumped or any(line > site.line for line in sends)):
                return [(site, param)]
    return []


def _refs_by_line(handler: Handler) -> dict[int, set[str]]:
    """The names each line's calls are given, nested calls included (`CHANNEL.format(org_id=org_id)`)."""
    refs_at: dict[int, set[str]] = {}
    for site in handler.func.calls:
        values = (*site.args, *site.kwargs.values())
        refs_at.setdefault(site.line, set()).update(v["ref"] for v in values if isinstance(v, dict) and "ref" in v)
    return refs_at


def _keyed_reads(handler: Handler, first: int) -> list[tuple[CallSite, str]]:
    """An awaited lookup, made for a received message, of the resource an id-like path parameter
    names (`await redis.zrank(f"queue:...", str(booking_id))`), whose result the handler then
    sends: a per-message read of data the URL picks; in a push loop, also a sync read of
    in-process state (`hub.totals_for(show_id)`); with no message answered, also the snapshot
    read once and sent to a socket then kept open (`first = await board.snapshot(site_id)`). With no
    message answered, ids typed as UUIDs count: the push is a standing subscription to that resource."""
    ids = sorted(_path_ids(handler, uuids=not first))
    socket = handler.socket
    sends = [s.line for s in handler.func.calls if _is_send(handler, s)]
    refs_at = _refs_by_line(handler)
    stays = handler.receives or any(s.loop_line for s in handler.func.calls if _is_send(handler, s))
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


def _credential_locals(model: ProjectModel, handler: Handler) -> set[str]:
    """Locals the handler binds from its credential lookup (`tenant_id = await
    _tenant_for_socket(ws)`): a sibling route that takes `tenant_id` from the client instead
    serves whatever tenant the URL names."""
    return {local for edge in _credential_helpers(model, handler)
            if (local := bound_local(handler.func, edge.site.line, ".".join(edge.site.func)))}


def _checked_params(handler: Handler) -> set[str]:
    """Path parameters the handler hands to its credential check (`verify_link(booking_id, sig)`):
    the code itself says access to that resource needs proof."""
    return {a["ref"] for site in handler.func.calls if site.func and auth_word(site.func[-1])
            for a in (*site.args, *site.kwargs.values()) if isinstance(a, dict) and "ref" in a} & _path_ids(handler)


def _path_ids(handler: Handler, uuids: bool = False) -> set[str]:
    """Id-like path parameters of the route, and locals the handler reads from its URL itself
    (Starlette's `websocket.query_params["rider_id"]`). Ids typed as UUIDs are left out unless
    `uuids`: they cannot be enumerated, but they are identifiers, not secrets (they travel in
    links, logs and API payloads), so a standing subscription to one still needs a credential."""
    return {p.name for p in handler.func.params if _id_like(p.name)
            and (uuids or "uuid" not in p.annotation.lower())
            and ("{" + p.name in handler.route or _query_scalar(p))} | {
        name for name, is_uuid in handler.url_ids.items() if _id_like(name) and (uuids or not is_uuid)}


def _query_scalar(param: Param) -> bool:
    """`tenant_id: int` (or `= Query(...)`) on a websocket route, not in its path and with no
    dependency default: FastAPI reads it from the query string, as freely chosen by the client as a
    path segment."""
    return (not param.default_call or param.default_call.rsplit(".", 1)[-1] == "Query") \
        and param.kind in ("pos", "kwonly") and param.annotation in _SCALARS


# Name endings of a resource's identifier: `order_id`, and the business numbers that name one as
# well (`claim_number`, `invoice_no`), handed out in emails and letters and often sequential.
_ID_ENDINGS = ("_id", "_number", "_no", "_num")


def _id_like(name: str) -> bool:
    lowered = name.lower()
    return lowered == "id" or lowered.endswith(_ID_ENDINGS)


def _auth_middleware(model: ProjectModel) -> bool:
    """`app.add_middleware(AuthenticationMiddleware, ...)`, `Middleware(JWTMiddleware)`, a session
    middleware: ASGI middleware sees websocket connections too."""
    edges = [*((model.functions[e.caller][0], e) for e in model.calls_named("add_middleware", "Middleware")),
             *((model.modules[module], e) for module in sorted(model.module_edges) for e in model.module_edges[module]
               if e.site.func and e.site.func[-1] in ("add_middleware", "Middleware"))]
    return any(isinstance(arg, dict) and auth_word(str(arg.get("ref", "")), _PARAM_WORDS)
               and not _http_only(model, facts, str(arg["ref"]))
               for facts, edge in edges for arg in edge.site.args[:1])


def _http_only(model: ProjectModel, facts, name: str) -> bool:
    """A project `BaseHTTPMiddleware` subclass: Starlette runs it for HTTP requests only and
    passes websocket connections straight through, so it authenticates no websocket."""
    found = model.resolver.type_of_chain(facts, None, tuple(name.split(".")))
    if not found or found[0] != "class" or found[1] not in model.classes:
        return False
    return any(base.rsplit(".", 1)[-1] == "BaseHTTPMiddleware"
               for fq in model.mro(found[1]) for base in model.classes[fq][1].bases)


def _credentials_in_signature(model: ProjectModel, handler: Handler) -> bool:
    for param in handler.func.params:
        if param.name == handler.socket:
            continue
        if auth_word(param.name, _PARAM_WORDS) and (param.default_call in _DEPENDENCY_DEFAULTS
                                                     or _read_in_body(model, handler, param.name)):
            return True
        if param.default_call in _DEPENDENCY_DEFAULTS and _dependency_may_check(model, handler, param):
            return True
    return False


def _read_in_body(model: ProjectModel, handler: Handler, name: str) -> bool:
    """The handler's body names the parameter: a `token: str = Query("")` it never reads is
    declared, not checked, and authenticates nobody."""
    return bool(_body_lines_naming(model, handler, name))


def _dependency_may_check(model: ProjectModel, handler: Handler, param: Param) -> bool:
    """`Header`/`Cookie`/`Security` read a credential; `Depends(p)` may check one, unless `p` is
    project code that plainly does not: a provider handing out a service (`Depends(get_feed)`)
    whose name, parameters and calls (two deep) show no credential."""
    if param.default_call.rsplit(".", 1)[-1] != "Depends" or not param.default_args:
        return True
    value = param.default_args[0]
    name = str(value.get("ref") or value.get("call") or "") if isinstance(value, dict) else ""
    if not name or auth_word(name, _PARAM_WORDS):
        return True
    found = model.resolver.type_of_value(handler.facts, handler.func, value, 1)
    if found and found[0] == "function" and found[1] in model.functions:
        return _provider_checks(model, found[1])
    binding = model.bindings.get(handler.facts.module, {}).get(name.split(".")[0])
    return binding is None or binding.target.split(".")[0] not in _project_roots(model)


def _provider_checks(model: ProjectModel, fq: str) -> bool:
    _, func = model.functions[fq]
    if any(auth_word(p.name, _PARAM_WORDS) or p.default_call.rsplit(".", 1)[-1] in ("Header", "Cookie", "Security")
           or (p.default_call.rsplit(".", 1)[-1] == "Depends" and p.default_args) for p in func.params):
        return True
    return _calls_check_near(model, fq)


def _project_roots(model: ProjectModel) -> set[str]:
    return model.memo("project-package-roots", lambda: {module.split(".")[0] for module in model.modules})


def _credential_helpers(model: ProjectModel, handler: Handler) -> list[Edge]:
    """The handler's calls that hand the socket to a project function reading its headers,
    cookies or query parameters (`tenant_id = await _tenant_for_socket(ws)`): the credential
    lookup, moved out of the handler."""
    found = []
    for edge in model.edges.get(handler.fq, ()):
        callee = model.callee_function(edge.target)
        if callee:
            param = param_receiving(model.functions[callee][1], edge.site, handler.socket)
            if param and _reads_socket_credentials(model.functions[callee][1], param):
                found.append(edge)
    return found


def _reads_socket_credentials(func, socket: str, plain_subscripts: bool = False) -> bool:
    """The socket's headers, cookies, query parameters or user read anywhere in `func`:
    as a call (`websocket.headers.get(...)`), an argument or a local's value. A query parameter
    or header fetched by a name that is no credential's (`query_params.get("tracking_code")`,
    `headers.get("origin")`; with `plain_subscripts`, also `query_params["rider_id"]`) is routing
    data, not a credential."""
    plain = {site.line for site in func.calls if _plain_lookup(site, socket)}
    values = [v for site in func.calls for v in (*site.args, *site.kwargs.values())] + list(func.local_types.values())
    chains = [site.func for site in func.calls if site.func and site.line not in plain] + [
        tuple(str(v.get("ref") or v.get("call") or "").split(".")) for v in values
        if isinstance(v, dict) and not ("call" in v and v.get("line") in plain)]
    return any(len(chain) > 1 and chain[0] == socket and chain[1] in _CREDENTIAL_ATTRS
               and not (plain_subscripts and chain[2:] == ("[]",)) for chain in chains)


def _plain_subscripts(model: ProjectModel, handler: Handler) -> bool:
    return plain_subscripts(model, handler, lambda key: auth_word(key, _CREDENTIAL_KEYS))


_LOOKUPS = frozenset({"query_params", "headers"})
_CREDENTIAL_KEYS = (*_PARAM_WORDS, "key", "sig", "sid", "hmac", "nonce", "pass", "protocol", "jwt")


def _plain_lookup(site: CallSite, socket: str) -> bool:
    """`websocket.query_params.get("job")`: a lookup by a literal name that names no credential."""
    return (bool(site.func) and len(site.func) == 3 and site.func[0] == socket and site.func[1] in _LOOKUPS
            and site.func[2] in ("get", "getlist") and bool(site.args) and isinstance(site.args[0], str)
            and not auth_word(site.args[0], _CREDENTIAL_KEYS))


def _first_message(handler: Handler) -> int:
    """The line of the handler's first receive that may drive what it does (0 when none): a
    receive whose result is dropped (`await ws.receive_text()` as a statement) with no send after
    it in its loop only waits for the disconnect while the data goes out elsewhere (a pump task)."""
    calls = handler.func.calls
    waits = {s.line for s in calls if s.await_dropped and s.func and s.func[0] == handler.socket and s.loop_line
             and not any(_is_send(handler, o) and o.loop_line == s.loop_line and o.line > s.line for o in calls)}
    return min((line for line in _receive_lines(handler) if line not in waits), default=0)


def _receive_lines(handler: Handler) -> list[int]:
    return [s.line for s in handler.func.calls if s.func and s.func[0] == handler.socket and s.func[-1] in RECEIVE]


def _first_receive(handler: Handler) -> int:
    """The line of the handler's first receive: the calls from there on act on client messages
    (0 when the receive happens further down, and any call may)."""
    return min(_receive_lines(handler), default=0)


def _reach(model: ProjectModel, starts: "list[Edge] | tuple[Edge, ...]", depth: int = -1,
           handoffs: bool = False) -> dict[str, Edge | None]:
    """Project functions the calls lead to (breadth first, `depth` calls deep when given), each
    with the handler's call that leads there; with `handoffs`, also the background workers consuming
    an in-process queue one of them puts into (`ingest.submit(ping)`, persisted by the worker)."""
    feeds = queue_feeds(model) if handoffs else {}
    found: dict[str, Edge | None] = {}
    queue: deque[tuple[str, int]] = deque()
    for edge in starts:
        callee = model.callee_function(edge.target)
        if callee and callee not in found:
            found[callee] = edge
            queue.append((callee, 1))
    while queue:
        fq, level = queue.popleft()
        if level == depth:
            continue
        callees = [model.callee_function(edge.target) for edge in model.edges.get(fq, ())] + feeds.get(fq, [])
        for callee in callees:
            if callee and callee not in found:
                found[callee] = found[fq]
                queue.append((callee, level + 1))
    return found


def _auth_named(edge: Edge) -> bool:
    names = [edge.target.name.rsplit(".", 1)[-1]] if edge.target.name else []
    if edge.site.func:
        names.append(edge.site.func[-1])
    return any(auth_word(name) for name in names) or edge.target.name in ("jwt.decode", "jose.jwt.decode")


def _first_write(model: ProjectModel, data: DataModel, reached: dict[str, Edge | None], handler: str,
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
