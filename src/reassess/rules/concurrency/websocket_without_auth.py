"""RA317 websocket-lifecycle: a websocket endpoint that changes data for clients it never authenticated."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import CallSite
from ...findings import Finding
from ...model.app import EntryPoint, is_test_path
from ...model.data import DataModel, of_context
from ...model.project import ProjectModel
from ..api import ProjectContext, register
from ._ws import Handler, handlers
from ._ws_auth_findings import WebsocketAuthFindings
from ._ws_bypass import unchecked_branch
from ._ws_credentials import (auth_middleware, authenticates_client, checked_params, credential_locals,
                              per_message_checks, reached_functions, unenforced_check)
from ._ws_exposure import (first_write, forwarding_call, get_route_ids, keyed_channels, keyed_reads,
                           keyed_subscriptions, lone_open_route, served_publicly)
from ._ws_routes import (cite_accept, first_message, first_receive, privileged, route_area, sends_on_socket,
                         subscribes_socket)


@register
class WebsocketWithoutAuth(WebsocketAuthFindings):
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
        """A handler that checks no credential is cited at its `accept()` (`cite_accept`); one that
        checks a credential and ignores the answer keeps its own citation."""
        model = ctx.model
        routes = {e.function: e for e in model.app.entrypoints if e.kind == "websocket"}
        found = [h for h in handlers(model) if h.fq in routes and not is_test_path(h.facts.path)]
        ctx.examine("websocket routes", len(found))
        if not found or auth_middleware(model):
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
            if authenticates_client(model, handler, entry):
                areas.add(route_area(entry))
                authenticated.add(entry.path)
                guarded.update((entry.path, p) for p in checked_params(handler) | credential_locals(model, handler))
                unenforced = unenforced_check(model, handler, entry)
                if unenforced is not None:
                    yield self._unenforced_finding(model, handler, entry, *unenforced)
                checks = per_message_checks(model, handler, entry)
                data = data or of_context(ctx) if checks else data
                skipped = unchecked_branch(model, data, handler, checks, reached_functions) if checks else None
                if skipped is not None:
                    reported.add(handler.fq)
                    yield cite_accept(handler, self._skipped_finding(handler, entry, checks[0], *skipped))
                continue
            unchecked.append(handler)
            data = data or of_context(ctx)
            finding = self._unchecked_route(model, data, handler, entry)
            if finding is not None:
                reported.add(handler.fq)
                yield finding
            else:
                first = first_message(handler)
                open_subscriptions.extend((handler, *sub, first) for sub in keyed_subscriptions(handler)
                                          or keyed_reads(handler, first) or keyed_channels(model, handler))
        yield from self._open_subscriptions(model, routes, open_subscriptions, authenticated, guarded, areas,
                                            reported)
        lone = lone_open_route(model, found, unchecked, reported, routes)
        if lone is not None:
            yield cite_accept(lone, self._lone_finding(lone, routes[lone.fq], len(found) - 1))

    def _unchecked_route(self, model: ProjectModel, data: DataModel, handler: Handler,
                         entry: EntryPoint) -> Finding | None:
        """The finding for a route that checks no credential when its messages lead to a data write
        (also through a queue a worker drains) or its path names an administrative area."""
        first = first_receive(handler)
        reached = reached_functions(model, [e for e in model.edges.get(handler.fq, ()) if e.site.line >= first],
                         handoffs=True)
        write = first_write(model, data, reached, handler.fq, first)
        if write is not None:
            return cite_accept(handler, self._finding(model, handler, entry, write, reached))
        if not privileged(entry):
            return None
        forwarder = forwarding_call(model, handler)
        if sends_on_socket(handler) or handler.registrations or forwarder is not None:
            return cite_accept(handler, self._privileged_finding(handler, entry, forwarder))
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
        private, public = get_route_ids(model) if candidates else (set(), set())
        candidates = [c for c in candidates if c[2] not in public and not served_publicly(model, c[0], c[2])]
        if len({handler.fq for handler, *_rest in candidates}) != 1:
            areas = set()  # only the one keyed socket that checks nothing stands out beside those that do
        for handler, site, param, first in candidates:
            subscribes = subscribes_socket(handler, site)
            # A push loop re-reading one resource's data is a standing subscription to it, too.
            standing = subscribes or not first
            path = routes[handler.fq].path
            if path in authenticated and (standing or (path, param) in guarded) \
                    or standing and (param in private or route_area(routes[handler.fq]) in areas):
                reported.add(handler.fq)
                yield cite_accept(handler, self._subscription_finding(handler, routes[handler.fq], site, param,
                                                                            first))
