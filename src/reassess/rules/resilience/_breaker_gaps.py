"""Calls a circuit breaker leaves out although the project set one up nearby (RA411): a sibling
service class, a second client of the service, a shared request helper, a call made bare beside a
breaker, and fan-outs outside any breaker."""
from __future__ import annotations

from ...model.resilience import analysis
from ...model.resilience.guards import breaker_edge, breaker_runs
from ...model.resilience.runtime import entries_reaching
from ...model.project import ProjectModel
from ._deps import REQUEST_KINDS, Group, left_out, request_entries
from ._helpers import through_helpers


def bare_beside_breaker(model: ProjectModel, group: Group, entries: list):
    """(edge, breaker edge, entries through it) for a request path's call into this unguarded
    dependency made by a function that hands another class's method to a circuit breaker
    (`self._breaker.call(self._deepl.translate, ...)`, then `self._google.translate(...)`): that
    function decided a provider on this path needs a breaker, and called this one bare."""
    methods = {c.fq for c in group.calls if not c.breaker}
    for _entry, chain in entries:
        edge = next((e for e in chain if model.callee_function(e.target) in methods), None)
        peer = _handing_breaker(model, edge) if edge is not None else None
        if peer is not None:
            through = [(e, c) for e, c in entries if any(hop.caller == edge.caller for hop in c)]
            return edge, peer, through
    return None


def _handing_breaker(model: ProjectModel, edge):
    """The caller's breaker call (`self._breaker.call(self._deepl.translate, texts)`) that runs a
    project method of another class than the one `edge` calls, if any."""
    facts, func = model.functions[edge.caller]
    owner = (model.callee_function(edge.target) or "").rsplit(".", 1)[0]
    for other in model.edges.get(edge.caller, ()):
        if other is edge or not breaker_edge(other):
            continue
        target = breaker_runs(model, facts, func, other)
        if target and target.rsplit(".", 1)[0] not in (owner, edge.caller):
            return other
    return None


def guarded_by_path(found: list[Group]) -> dict[str, list]:
    """Module path -> the calls a circuit breaker guards there."""
    out: dict[str, list] = {}
    for group in found:
        for call in group.calls:
            if call.breaker:
                out.setdefault(call.path, []).append(call)
    return out


def unguarded_sibling(model: ProjectModel, calls: list, guarded_in: dict[str, list]):
    """(call, guarded peer, shared request entries) for a service class none of whose calls has a
    breaker, next to another service class in the same module whose call has one, both reached
    by the same request: the module put breakers on this path, and this service was left out."""
    with_breaker = {c.func.class_name for c in calls if c.breaker}
    for call in calls:
        if call.breaker or not call.func.class_name:
            continue
        peers = [p for p in guarded_in.get(call.path, ()) if p.func.class_name and
                 p.func.class_name != call.func.class_name]
        if not peers or call.func.class_name in with_breaker:
            continue
        mine = request_entries(model, [call])
        for peer in peers:
            theirs = _peer_requests(model, peer)
            shared = [(e, c) for e, c in mine if e.function in theirs]
            if shared:
                return call, peer, shared
    return None


def _peer_requests(model: ProjectModel, peer) -> set[str]:
    """The request entry points reaching any method of the guarded peer's class (its guarded
    method may only be handed to the breaker by reference). Memoised per peer: every unguarded
    call of the module asks again."""
    known = model.memo("resilience.breaker_peer_requests", dict)
    if peer.fq not in known:
        owner = peer.fq.rsplit(".", 1)[0]
        methods = {f"{owner}.{m}" for m in model.classes[owner][1].methods} if owner in model.classes else {peer.fq}
        known[peer.fq] = {e.function for e, _c in entries_reaching(model, methods, limit=50)
                          if e.kind in REQUEST_KINDS}
    return known[peer.fq]


def left_out_through_helper(model: ProjectModel, calls: list) -> tuple[list, list, list] | None:
    """(missing, calls, entries) for a public method that calls the client's shared request helper
    directly while its siblings hand the helper to the breaker (`self._breaker.call(self._json,
    "GET", ...)` in most methods, `await self._json("POST", ...)` in one), on a request path."""
    lifted = through_helpers(model, calls)
    if lifted is calls:
        return None
    missing = left_out(lifted, lambda c: c.breaker, shared_state=True)
    entries = request_entries(model, missing) if missing else []
    return (missing, lifted, entries) if entries else None


def left_out_per_client(calls: list) -> list:
    """The calls a breaker leaves out on the very client object it guards (`self._http`), when the
    service is reached through several clients (a second one for slow refunds): the breaker was
    set up for that client, and a sibling method calling the same client directly bypasses it."""
    by_client: dict[tuple, list] = {}
    for call in calls:
        if call.client is not None:
            by_client.setdefault((call.client.facts.path, call.client.site.line), []).append(call)
    if len(by_client) < 2:
        return []
    for _key, same in sorted(by_client.items()):
        missing = left_out(same, lambda c: c.breaker, shared_state=True)
        if missing:
            return missing
    return []


def fanned_out(model: ProjectModel, edge):
    """The `gather(*...)` whose star argument holds `edge`'s call, made once per item of a collection."""
    guards = analysis(model).guards
    if not edge.site.loop_line or id(edge.site) in guards.broken_sites \
            or edge.caller in guards.breakered:
        return None  # (a fan-out through the breaker is what the breaker is for)
    func = model.functions[edge.caller][1]
    return next((s for s in func.calls if (s.func or ())[-1:] == ("gather",) and s.star_args
                 and s.line <= edge.site.line <= s.end_line and s.line <= edge.site.loop_line), None)
