"""The ways request chains enter a remote client, and where a finding is cited among them: the one
way in every request takes (the call a breaker wraps), or, among several, the one that reads: where a
dependency serves reads and writes through different callers, a degraded answer exists only for
the read (a stored copy, the page without that panel), while a failed write can only be reported;
so the read's caller is where the fallback goes."""
from __future__ import annotations

from ...findings import Location
from ._deps import Group, fetches
from ._retry_policies import owner_class

_READ_METHODS = frozenset({"GET", "HEAD"})


def into_client(model, group: Group, chain: list):
    """The hop of a request chain that enters the client from outside it: a client method sending
    through its own helper (`fetch_current` calling `self._get`) is one call of the client, and its
    caller (the service that uses the answer) is where a degraded answer can be given."""
    owners = {f"{c.facts.module}.{c.func.class_name}." for c in group.calls if c.func.class_name}
    for hop in reversed(chain or ()):
        if not any(hop.caller.startswith(owner) for owner in owners):
            return hop
    return chain[-1] if chain else None


def read_way_in(model, group: Group, entries: list) -> tuple[str, int, int] | None:
    """(path, line, end line) of the one way into a client class, among two or more, whose answer is
    used and whose requests to the service all fetch, through a client method no other way in calls and
    that already retries or guards its call (`wholesale = await self._registry.price(tld, op)`, beside
    `await self._registry.publish_ds(...)`); of several such reads, the one only read-only requests (GET)
    make, where one serving a state change has to fail with it. The client has done its part for that
    read: the degraded answer (a stored copy, the page without that panel) is all that is left to add,
    and only the caller that uses the answer can give it. None when the ways in cannot be told apart."""
    if any(not chain for _entry, chain in entries) or len({owner_class(c.fq) for c in group.calls}) != 1:
        return None  # a route making the call itself; a transport several client classes share
    ways: dict[tuple[str, int, int], list] = {}
    for entry, chain in entries:
        hop = into_client(model, group, chain)
        way = ways.setdefault((model.site_path(hop), hop.site.line, hop.site.end_line), [hop, [], set()])
        way[1].append(entry)
        way[2].add(model.callee_function(chain[-1].target) or "")
    if len(ways) < 2:
        return None
    reads = {span: way for span, way in ways.items() if _uses_answer(way[0]) and _fetches_only(_made(group, way[2]))}
    if len(reads) > 1:
        reads = {span: way for span, way in reads.items() if all(_read_only(entry) for entry in way[1])}
    if len(reads) != 1:
        return None
    (span, (_hop, _entries, ends)), = reads.items()
    shared = any(ends & way[2] for other, way in ways.items() if other != span)
    guarded = all(c.retry or c.breaker for c in _made(group, ends))
    return span if guarded and not shared else None


def _uses_answer(hop) -> bool:
    return not (hop.site.await_dropped or hop.site.discarded) and hop.site.used_as in ("await", "")


def _fetches_only(made: list) -> bool:
    return bool(made) and all(fetches(c) for c in made)


def _made(group: Group, ends) -> list:
    """The calls of the group made by the functions the chains end in, or by closures they define (`_get`
    handed to a retry helper)."""
    return [c for c in group.calls if any(c.fq == end or c.fq.startswith(end + ".<locals>.") for end in ends if end)]


def _read_only(entry) -> bool:
    return entry.kind == "http" and bool(entry.methods) and set(m.upper() for m in entry.methods) <= _READ_METHODS


def cited_where_entered(model, group: Group, found, entries: list, reached: list,
                        from_routes: bool = True):
    """The finding cited where the request path enters the dependency's client from other code
    (`await self._kyc.submit_check(...)` in the service), when every path enters it there: that is
    the call the missing breaker has to wrap, and the decision to call the service bare was made
    there. The client's own call moves to the related locations. Without `from_routes`, a route
    calling the client itself keeps the client's call (the route only forwards the request)."""
    if not entries or not all(chain for _entry, chain in entries):
        return found
    hops = [into_client(model, group, chain) for _entry, chain in entries]
    entered = {(model.site_path(hop), hop.site.line, hop.site.end_line) for hop in hops}
    if len(entered) != 1 or next(iter(entered))[0] in {c.path for c in reached} \
            or not from_routes and hops[0].caller in {entry.function for entry, _chain in entries}:
        return found
    path, line, end = next(iter(entered))
    moved = Location(found.location.path, found.location.start_line, found.location.end_line,
                     "the call to the dependency")
    found.related_locations = [moved] + [r for r in found.related_locations
                                         if (r.path, r.start_line) != (path, line)]
    found.location = Location(path, line, end)
    return found
