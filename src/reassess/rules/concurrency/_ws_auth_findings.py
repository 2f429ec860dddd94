"""The findings RA317 writes, one builder per situation: kept apart from the rule, which decides
which situation fits, so that each reads on its own.
"""
from __future__ import annotations

from ...facts.types import CallSite
from ...findings import Finding, Location
from ...model.app import EntryPoint
from ...model.project import Edge, ProjectModel
from ..api import Rule
from ._blocking import short
from ._text import call_source
from ._ws import Handler
from ._ws_routes import is_send, subscribes_socket


class WebsocketAuthFindings(Rule):
    """The finding builders of `WebsocketWithoutAuth`: title, description, related locations and
    recommendation for each way a websocket route serves clients it never authenticated."""

    def _subscription_finding(self, handler: Handler, entry: EntryPoint, site: CallSite, param: str,
                              first: int) -> Finding:
        name, socket = short(handler.fq), handler.socket
        route = entry.route or entry.name
        subscribes = subscribes_socket(handler, site)
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
        send = next((s for s in handler.func.calls if is_send(handler, s)), None)
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
        send = next((s for s in handler.func.calls if is_send(handler, s)), None) or forwarder
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
