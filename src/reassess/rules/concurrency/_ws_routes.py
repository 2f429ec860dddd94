"""What a websocket route's path and handler show: its ids, receives, sends and `accept()`.

The facts RA317 (`websocket_without_auth`) reads of every route, kept apart from its judgements.
"""
from __future__ import annotations

import re

from ...facts.types import CallSite, Param
from ...findings import Finding, Location
from ...model.app import EntryPoint
from ...model.project import ProjectModel
from ._blocking import short
from ._ws import RECEIVE, Handler


# Path segments that name an area only operators may see.
_PRIVILEGED_SEGMENTS = frozenset({"admin", "admins", "internal", "backoffice", "back-office", "staff", "ops",
                                  "superuser", "management", "operator", "operators"})
_SCALARS = frozenset({"int", "str", "uuid.UUID", "UUID"})
CHANNEL_SUBSCRIBES = frozenset({"subscribe", "psubscribe", "ssubscribe"})


def route_area(entry: EntryPoint) -> str:
    """The route's first path segment (`ws` of `/ws/orgs/{org_id}`): the part of the app it belongs to."""
    return (entry.route or entry.name).strip("/").split("/", 1)[0]


def privileged(entry: EntryPoint) -> bool:
    """A route whose path names an administrative or internal area (`/ws/admin/sales`)."""
    segments = {part.strip("{}").lower() for part in (entry.route or entry.name).split("/")}
    return bool(segments & _PRIVILEGED_SEGMENTS)


def is_send(handler: Handler, site: CallSite) -> bool:
    return bool(site.func) and site.func[0] == handler.socket and site.func[-1].startswith("send")


def sends_on_socket(handler: Handler) -> bool:
    return any(is_send(handler, site) for site in handler.func.calls)


def body_lines_naming(model: ProjectModel, handler: Handler, name: str) -> list[int]:
    """The lines of the handler's body (its signature left out) that name `name` as a word."""
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    start = handler.func.body_line or handler.func.line + 1
    return [line for line in range(start, handler.func.end_line + 1)
            if pattern.search(model.line_text(handler.facts.path, line))]


def turns_away(handler: Handler) -> bool:
    """The handler closes its socket before accepting it: it refuses some clients."""
    closes = [s.line for s in handler.func.calls if s.func == (handler.socket, "close")]
    accepts = [s.line for s in handler.func.calls if s.func == (handler.socket, "accept")]
    return bool(closes and accepts) and min(closes) < min(accepts)


def cite_accept(handler: Handler, finding: Finding) -> Finding:
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


def refers(site: CallSite, local: str) -> bool:
    return any(isinstance(v, dict) and v.get("ref", "").split(".")[0] == local
               for v in (*site.args, *site.kwargs.values()))


def subscribes_socket(handler: Handler, site: CallSite) -> bool:
    """The call registers the socket for a stream, or subscribes to a pub/sub channel for it."""
    return site.line in {step.line for step in handler.registrations} or \
        bool(site.func) and site.func[-1] in CHANNEL_SUBSCRIBES


def refs_by_line(handler: Handler) -> dict[int, set[str]]:
    """The names each line's calls are given, nested calls included (`CHANNEL.format(org_id=org_id)`)."""
    refs_at: dict[int, set[str]] = {}
    for site in handler.func.calls:
        values = (*site.args, *site.kwargs.values())
        refs_at.setdefault(site.line, set()).update(v["ref"] for v in values if isinstance(v, dict) and "ref" in v)
    return refs_at


def path_ids(handler: Handler, uuids: bool = False) -> set[str]:
    """Id-like path parameters of the route, and locals the handler reads from its URL itself
    (Starlette's `websocket.query_params["rider_id"]`). Ids typed as UUIDs are left out unless
    `uuids`: they cannot be enumerated, but they are identifiers, not secrets (they travel in
    links, logs and API payloads), so a standing subscription to one still needs a credential."""
    return {p.name for p in handler.func.params if id_like(p.name)
            and (uuids or "uuid" not in p.annotation.lower())
            and ("{" + p.name in handler.route or _query_scalar(p))} | {
        name for name, is_uuid in handler.url_ids.items() if id_like(name) and (uuids or not is_uuid)}


def _query_scalar(param: Param) -> bool:
    """`tenant_id: int` (or `= Query(...)`) on a websocket route, not in its path and with no
    dependency default: FastAPI reads it from the query string, as freely chosen by the client as a
    path segment."""
    return (not param.default_call or param.default_call.rsplit(".", 1)[-1] == "Query") \
        and param.kind in ("pos", "kwonly") and param.annotation in _SCALARS


# Name endings of a resource's identifier: `order_id`, and the business numbers that name one as
# well (`claim_number`, `invoice_no`), handed out in emails and letters and often sequential.
_ID_ENDINGS = ("_id", "_number", "_no", "_num")


def id_like(name: str) -> bool:
    lowered = name.lower()
    return lowered == "id" or lowered.endswith(_ID_ENDINGS)


def first_message(handler: Handler) -> int:
    """The line of the handler's first receive that may drive what it does (0 when none): a
    receive whose result is dropped (`await ws.receive_text()` as a statement) with no send after
    it in its loop only waits for the disconnect while the data goes out elsewhere (a pump task)."""
    calls = handler.func.calls
    waits = {s.line for s in calls if s.await_dropped and s.func and s.func[0] == handler.socket and s.loop_line
             and not any(is_send(handler, o) and o.loop_line == s.loop_line and o.line > s.line for o in calls)}
    return min((line for line in _receive_lines(handler) if line not in waits), default=0)


def _receive_lines(handler: Handler) -> list[int]:
    return [s.line for s in handler.func.calls if s.func and s.func[0] == handler.socket and s.func[-1] in RECEIVE]


def first_receive(handler: Handler) -> int:
    """The line of the handler's first receive: the calls from there on act on client messages
    (0 when the receive happens further down, and any call may)."""
    return min(_receive_lines(handler), default=0)
