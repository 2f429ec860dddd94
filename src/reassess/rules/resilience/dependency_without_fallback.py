"""RA412 no-fallback: a dependency failure that reaches request handlers unhandled."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.resilience import analysis
from ...model.resilience.calls import catching_handlers
from ...model.resilience.runtime import overrides_of
from ..api import ProjectContext, Rule, register
from ._deps import (LIBRARY_ERRORS, Group, catches_named, catches_raised, caught_at, chain_ends, fetches, global_handler,
                    groups, raised_below, raised_by_client, reported_entries, request_entries)
from ._helpers import through_helpers
from ._read_ways import into_client, read_way_in

_MAX_RELATED = 8


@register
class DependencyWithoutFallback(Rule):
    """Request handlers that let a remote dependency's failure escape as a server error.

    What it finds:
        One finding per remote dependency listing the HTTP/WebSocket entry points from which a
        call to it can fail with nothing on the way catching the library's errors (`httpx.
        HTTPError`, `requests.RequestException`, `aiohttp.ClientError`, `Exception`) and
        carrying on - no handler in the call chain and no app-wide exception handler for them (a
        catch-all that only logs and answers 500 is none: the client gets the same 500).
        Handlers that only re-raise, or only answer the request with an error response (`except
        Exception as exc: return JSONResponse({"detail": str(exc)}, status_code=400)`), and handlers
        for the project's own exception types, do not
        count. The finding cites where the fallback would go: when every request reaches the dependency
        through one call made by project code that is not the route itself and uses the answer (a service's
        `layout = await self._fleet.cabin_layout(...)`), that call, which knows what a degraded answer would
        be; otherwise the first unhandled call (a read before a write: a degraded answer exists
        for a read, a failed delivery can only be reported) (when a
        sibling method of the same class with the same parameters already has a fallback, the
        one left out of it; when every request reaches the dependency through a call on an
        interface several project classes implement - a `typing.Protocol` or a base class -
        that call, where one fallback covers every implementation; when the same service class
        answers another read of the same client with a fallback and the client method read
        already retries or guards its call, or neither read's client method does, the read left
        out of it), with
        the client's constructor as a related location. A handler for the project's own errors
        that the client raises on the way (`raise UpstreamError(...)` in its helper, a breaker's
        `CircuitOpen`) counts as the fallback the others were left out of, as long as the error is
        raised for this call (a service translating the payment call's failure into `CheckoutFailed`
        does not cover the rate lookup it makes outside that `try`); a request helper only
        handed to a breaker or retry wrapper is followed up to the methods that hand it on. When the
        requests enter one client class through several calls and only one of them reads (its answer
        used, its requests to the service all fetches) through a client method no other way in calls and
        that already retries or guards its request (`wholesale = await self._registry.price(tld, op)`
        beside `await self._registry.publish_ds(...)`), or only one such read serves read-only (GET)
        requests, that call is cited: the client did its part, and the degraded answer is the caller's
        to give, while a failed write can only be reported.

    Why it matters:
        A timeout or a 503 from the dependency becomes an unhandled exception: the client gets
        a generic 500 (or a dropped WebSocket) instead of a degraded answer - a cached value, a
        partial result, a clear 503 with Retry-After - and error rates alert on the wrong service.

    Example:
        @router.get("/candles/{symbol}")
        async def candles(symbol: str, ticker: TickerClient = Depends(get_ticker)):
            return await ticker.get_candles(symbol)  # httpx errors escape as 500

    Instead:
        Catch the dependency's errors where a degraded answer exists, and map the rest to 503:

            try:
                return await ticker.get_candles(symbol)
            except httpx.HTTPError as exc:
                raise HTTPException(503, "market data temporarily unavailable") from exc
    """

    id = "RA412"
    name = "dependency-without-fallback"
    category = "no-fallback"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 2.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        found: list[tuple[Group, list, list]] = []
        for group in groups(model):
            calls = group.calls
            if not calls or global_handler(model, group.library):
                continue
            entries = reported_entries(model, group, calls)
            if not entries and not request_entries(model, calls) \
                    and (lifted := through_helpers(model, calls, least=1)) is not calls:
                # a helper only handed to a breaker or retry wrapper (no request reaches it through
                # the call graph): the public methods are the calls; a helper the requests do reach,
                # with every way in handled, stays handled
                calls, entries = lifted, reported_entries(model, group, lifted)
            if entries:
                found.append((group, calls, entries))
        hops = {id(group): _interface_hop(model, entries) for group, _calls, entries in found}
        done: set = set()
        for group, calls, entries in found:
            hop = hops[id(group)]
            if hop is not None and hop in done:
                continue  # one finding per interface call: it names every implementation's service
            done.add(hop)
            same = [g.name for g, _c, _e in found if hop is not None and hops[id(g)] == hop and g is not group]
            yield self._finding(model, group, calls, entries, hop, same)

    def _finding(self, model, group: Group, calls: list, entries: list, hop=None, same=()) -> Finding:
        sibling = _sibling_fallback(model, group, entries)
        same_call = sibling is not None
        sibling = sibling or _class_fallback(model, group, entries)
        anchor = _anchor(model, group, calls, chain_ends(model, entries))
        way_in = hop or _caller_side(model, group, entries)
        read_way = None if sibling or way_in else read_way_in(model, group, entries)
        path, line, end = sibling[0] if sibling else (way_in or read_way or anchor)
        names = [e.name for e, _c in entries]
        services = ", ".join([group.name, *same])
        description = (
            f"A failure of {services} ({group.library} errors) can escape {len(names)} request entry point"
            f"{'s' if len(names) != 1 else ''} unhandled ({', '.join(names[:6])}{', ...' if len(names) > 6 else ''}): "
            "no handler between the route and the call catches it and answers with a fallback or a 503, and no "
            "app-wide exception handler covers it, so clients get a 500."
        )
        if sibling:
            what = "the same call" if same_call else f"another read of {group.name} in the same class"
            description += (f" A degraded answer already exists: {what} at {sibling[1][0]}:{sibling[1][1]} "
                            f"is caught and answered with a fallback, but the one at line {line} is not.")
        elif read_way:
            description += (" It is cited at the one way into the client that reads for a request, through a client "
                            "method that already retries or guards its call: the other ways send writes or serve "
                            "requests that change state, which can only report the failure, while this answer can "
                            "be replaced by a stored copy or left out of the response, which only its caller knows.")
        related = []
        for entry, chain in entries[:_MAX_RELATED]:
            if chain:
                hop = chain[0]
                related.append(Location(model.site_path(hop), hop.site.line, hop.site.end_line,
                                        f"{entry.name}: unhandled call towards {group.name}"))
        if sibling:
            related += _sibling_notes(model, entries, sibling[1], same_call, (path, line))
        elif anchor != (path, line, end):
            related.append(Location(*anchor, f"the {group.name} call that fails"))
        client = group.anchor()
        if client != (path, line, end):
            related.append(Location(*client, f"the {group.name} client"))
        error = LIBRARY_ERRORS.get(group.library, "Exception")
        entry, chain = entries[0]
        call = chain[0].site.name if chain else "..."
        recommendation = (
            "Catch the dependency's errors where a degraded answer exists (a cached value, a partial result), and "
            f"map the rest to a 503, e.g. in `{entry.function.rsplit('.', 1)[-1]}`:\n\n"
            f"    try:\n        result = await {call}(...)\n    except {error} as exc:\n"
            f"        raise HTTPException(503, \"{group.name} temporarily unavailable\") from exc\n\n"
            f"or register one `@app.exception_handler({error})` that answers 503 for every route."
        )
        return self.finding(Location(path, line, end), f"no fallback when a call to {services} fails",
                            description,
                            related=related, recommendation=recommendation)


def _sibling_fallback(model, group: Group, entries: list) -> tuple[tuple[str, int, int], tuple[str, int, int]] | None:
    """(unhandled site, handled site) when a request chain's last hop calls a client function
    that another caller already wraps in a fallback for the library's errors: the fallback
    exists, and this caller was left out of it, so that is where it goes. Asked of the last hops
    first, then of the hops above them (`verify()` calls `self._fetch(p)` bare, where `summary()`
    next to it catches what `_fetch` raises and answers from stored data)."""
    depth = max((len(chain) for _entry, chain in entries), default=0)
    for back in range(1, depth + 1):
        hops = [chain[-back] for _entry, chain in entries if len(chain) >= back]
        found = [(hop, handled) for hop in hops if (handled := _handled_callers(model, group, hop))]
        if found:
            hop, handled = min(found, key=lambda pair: not _degrades_elsewhere(model, group, pair[0]))
            return _edge_span(model, hop), _edge_span(model, handled[0])
    return None


def _degrades_elsewhere(model, group: Group, hop) -> bool:
    """The caller's own class already answers another read of the same client with a fallback
    (`prices_for` serves last-known prices when `spot_many` fails, `value_of` lets `spot` fail):
    of several callers left out of a fallback, the one whose class decided this client's reads
    degrade is the clearest omission."""
    read = _class_read(model, hop)
    return read is not None and _handled_sibling_read(model, group, hop, *read) is not None


def _class_read(model, hop) -> tuple[str, str] | None:
    """(owner class, method) when `hop` calls a method of a project class and uses the answer (a
    read: a result dropped is a write)."""
    if hop.site.await_dropped or hop.site.discarded:
        return None
    target = model.callee_function(hop.target)
    owner = target.rsplit(".", 1)[0] if target else ""
    return (owner, target) if owner in model.classes else None


def _handled_callers(model, group: Group, hop) -> list:
    """Other calls of the function `hop` calls, made inside a fallback for the library's errors
    (or for the project errors raised in their place on the way: in a handler of the library's
    errors, or by the client's own code; a rejection raised for another service or another
    reason, caught by a caller, is no fallback for this outage)."""
    target = model.callee_function(hop.target)
    if not target:
        return []
    return [e for e in model.callers.get(target, ()) if e.caller != hop.caller
            and (caught_at(model, e, group.library) or catches_raised(model, e, target, within=group.library)
                 or catches_named(model, e, raised_by_client(model, group) & raised_below(model, target))
                 or _answers_degraded(model, e, group.library))]


def _answers_degraded(model, edge, library: str) -> bool:
    """A handler around the call site catches the library's errors and ends by returning a
    degraded answer (`except httpx.HTTPError: if base != self._base: raise ...; return stored`):
    it may still re-raise when it has nothing to serve, but the fallback exists."""
    facts, func = model.functions[edge.caller]
    return any(handler.get("exit") == "return"
               for _block, handler in catching_handlers(analysis(model).tracer, facts, func, edge.site.line, library))


def _edge_span(model, edge) -> tuple[str, int, int]:
    """(path, line, end line) of a call edge's site."""
    return model.site_path(edge), edge.site.line, edge.site.end_line


def _left_out_too(model, entries: list, path: str, line: int) -> list[tuple[str, int, int]]:
    """The other request chains' hops calling the same function as the cited one, unhandled."""
    hops = [hop for _e, chain in entries for hop in chain or ()]
    cited = [hop for hop in hops if hop.site.line == line and model.site_path(hop) == path]
    if not cited:
        return []
    target = cited[0].target
    out = {_edge_span(model, hop) for hop in hops if hop.target == target} - {_edge_span(model, cited[0])}
    return sorted(out)[:_MAX_RELATED]


def _class_fallback(model, group: Group, entries: list) -> tuple[tuple[str, int, int], tuple[str, int, int]] | None:
    """(unhandled site, handled site) when a request chain's last hop reads from a client method
    and uses the answer (`similar = await self._search.more_like_this(...)`), while the same
    service class already answers another read of the same client with a fallback (`try: return
    await self._search.query(...) except httpx.HTTPError: ...`): the class decided that this
    service's reads degrade, and this one was left out. Asked when the client method already
    guards its call (a retry or a breaker), or when neither client method does: the degraded
    answer is then all that differs, and only the caller can give it. A client method left out
    of the guard its sibling's has is cited at the client instead. Writes (a result dropped) are
    not asked."""
    for _entry, chain in entries:
        last = into_client(model, group, chain)
        read = _class_read(model, last) if last is not None else None
        if read is None:
            continue
        owner, target = read
        guarded = _guarded_client_method(model, group, target)
        there = _handled_sibling_read(model, group, last, owner, target)
        # an unguarded client call left out of the guard its sibling has is itself where the
        # resilience work goes; with both unguarded the caller's fallback is all that differs
        if there is not None and (guarded or not _guarded_client_method(model, group, _callee(model, there))):
            return _edge_span(model, last), _edge_span(model, there)
    return None


def _callee(model, edge) -> str:
    return model.callee_function(edge.target) or ""


def _guarded_client_method(model, group: Group, target: str) -> bool:
    """Every call of the group made in `target` (or through its helper) is retried or broken."""
    guarded = [c for c in group.calls if c.fq == target] or \
        [c for c in through_helpers(model, group.calls, least=1) if c.fq == target]
    return bool(guarded) and all(c.breaker or c.retry for c in guarded)


def _handled_sibling_read(model, group: Group, last, owner: str, target: str):
    """The first call, from the same class and module as `last`, of another method of `owner`
    whose result is used and whose failure is caught there."""
    here_facts, here_func = model.functions[last.caller]
    if not here_func.class_name:
        return None
    for sibling in sorted({f"{owner}.{m}" for m in model.classes[owner][1].methods} - {target}):
        for e in model.callers.get(sibling, ()):
            if e.caller == last.caller or e.site.await_dropped or e.site.discarded:
                continue
            facts, func = model.functions[e.caller]
            if func.class_name == here_func.class_name and facts.path == here_facts.path and \
                    (caught_at(model, e, group.library) or catches_raised(model, e, sibling, within=group.library)):
                return e
    return None


def _interface_hop(model, entries: list) -> tuple[str, int, int] | None:
    """The call through an interface (`await source.tracking_events(ref)` on a Protocol or base
    class that several project classes implement) where every request chain reaches the
    dependency: one fallback there covers each implementation, so that is where it goes."""
    overrides = overrides_of(model)
    hops = []
    for _entry, chain in entries:
        for hop in chain or ():
            target = model.callee_function(hop.target)
            if target and len(overrides.get(target, ())) > 1:
                hops.append(hop)
                break
        else:
            return None
    return _edge_span(model, min(hops, key=lambda h: (h.caller, h.site.line)))


def _sibling_notes(model, entries: list, answered: tuple, same_call: bool, cited: tuple[str, int]) -> list[Location]:
    """The call a sibling already answers with a fallback, and the others left out of that fallback
    besides the one cited."""
    notes = [Location(*answered, ("the same call" if same_call else "a sibling read") + " answered with a fallback here")]
    return notes + [Location(*site, "also left out of that fallback")
                    for site in _left_out_too(model, entries, *cited) if site != answered]


def _caller_side(model, group: Group, entries: list) -> tuple[str, int, int] | None:
    """The one call, made by project code that is not itself a request handler, through which every
    request reaches the dependency, when it uses the answer (`layout = await self._fleet.cabin_layout(...)`
    in a service): that caller knows what the answer is for and what a degraded one would be (a
    stored copy, the page without that part), where the client method only knows the request failed.
    Several ways in, or a route calling the client itself, keep the client's own call."""
    ends = {_edge_span(model, hop): hop for _entry, chain in entries if (hop := into_client(model, group, chain))}
    if len(ends) != 1 or any(not chain for _entry, chain in entries):
        return None
    (span, last), = ends.items()
    if last.site.await_dropped or last.site.discarded or last.site.used_as not in ("await", ""):
        return None
    if last.caller in {entry.function for entry, _chain in entries} or _answers_degraded(model, last, group.library):
        return None  # a route calling the client itself; a caller that already serves a stored answer
    return span


def _anchor(model, group: Group, calls: list, reached: set[str]) -> tuple[str, int, int]:
    """The first unhandled call a request reaches, where the fallback would go (the client's
    constructor only when none is found)."""
    unhandled = [c for c in calls if not c.handled]
    unhandled = [c for c in unhandled if c.fq in reached] or unhandled
    unhandled = _like_handled(model, calls, unhandled) or unhandled
    unhandled = sorted(unhandled, key=lambda c: not fetches(c))  # stable: reads first
    if unhandled:
        first = unhandled[0]
        return first.path, first.site.line, first.site.end_line
    return group.anchor()


def _like_handled(model, calls: list, unhandled: list) -> list:
    """The unhandled calls made by a sibling of a function that has a fallback: same class, same
    parameters (`offers(region)` catches the errors and serves a cached copy, `featured(region)`
    does not). The fallback that exists fits them as it is, so they are the ones left out of it."""
    shapes = {_shape(c) for c in calls if c.handled or _caught(model, c)}
    return [c for c in unhandled if _shape(c) in shapes and not _caught(model, c)] if shapes else []


def _caught(model, call) -> bool:
    """A handler around the call catches the library's errors (it may still raise when the
    fallback has nothing to serve)."""
    handlers = catching_handlers(analysis(model).tracer, call.facts, call.func, call.site.line, call.library)
    return next(handlers, None) is not None


def _shape(call) -> tuple:
    return (call.path, call.func.class_name, tuple(p.name for p in call.func.params if p.name not in ("self", "cls")))
