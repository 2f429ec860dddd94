"""RA411 no-circuit-breaker: callers that keep waiting on a failing dependency."""
from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding, Location
from ...knowledge import clients as lib
from ...model.resilience import analysis
from ...model.resilience.components import uncalled_methods, uncalled_roots
from ...model.resilience.guards import breaker_edge, breaker_runs
from ...model.resilience.runtime import entries_reaching, short, spawned_sites
from ...model.app import is_test_path
from ...model.project import ProjectModel
from ..api import ProjectContext, Rule, register
from ._breaker_bypass import looped_bypass
from ._breaker_callers import CallerBypass, caller_bypass, describe
from ._breaker_neighbours import bare_beside_guarded
from ._deps import (REQUEST_KINDS, Group, QueueUse, chain_ends, cited_call, client_locations, example_function, groups,
                    left_out, queue_uses, request_entries, spawned_by_requests, unhandled_entries)
from ._helpers import through_helpers
from ._read_ways import cited_where_entered

_MAX_RELATED = 10
_POLICY_PEERS = 2  # other dependencies behind breakers that make breakers the project's rule
_BACKGROUND_KINDS = frozenset({"worker"})  # long-running loops: a scheduled job or one-off task ends


@register
class DependencyWithoutBreaker(Rule):
    """A remote dependency with nothing to stop calls piling up when it fails: on request paths,
    behind retries, or for each item of an in-process queue.

    What it finds:
        One finding per remote dependency (sibling implementations of one interface grouped)
        that no circuit breaker guards - no pybreaker / aiobreaker / purgatory / circuitbreaker
        decorator or wrapper on the way, and no hand-written breaker (a `breaker`/`circuit`
        object consulted before the call) - when calls can pile up behind it: it serves two or
        more HTTP or WebSocket entry points; or a request path reaches a call on a shared client
        that can wait for ever or for 30 s or more (timeout disabled or that long, nothing shorter bounding
        it: aiohttp's 300 s default counts; streamed responses such as
        long polls are expected to stay open and do not count), or on any client (one made per call or
        handed in too, when it sends to one service - a written address, or a configured base and a
        written path, `f"{self._base}/v1/forecast"` in a function given no address - rather than a URL
        handed in) a call whose written timeout holds the request 15 s or more, which is then the call cited; or a
        request path retries it (every request then
        waits for all attempts, and the retries multiply the load on the failing service); or a
        background worker calls it for each item of an in-process queue (one dead receiver holds
        up the whole queue); or a background worker retries it per item (every item for a dead
        receiver still spends all its attempts). The finding cites the call and gives the effective timeout each
        caller waits before failing. When a dependency has a breaker and the functions that bypass
        it do not outnumber those that use it, a request-path call that bypasses it is reported
        on its own (a breaker tracks the whole service, so every call should go through it);
        when the service is reached through several client objects, this is asked per client
        (a sibling method calling `self._http` directly bypasses the breaker set up for it), and
        per public method when they all send through one private helper (most hand it to the
        breaker, `self._breaker.call(self._json, "GET", ...)`, one calls `self._json(...)`
        directly: that call is cited), and per caller class when the breaker lives on the client and
        callers hand it the client's methods (`self.runner.breaker.call(self.runner.submit_job, job)`): a
        request-path call of another method of that client made bare by the same class (`await
        self.runner.get_status(job_id)`), its bare calls not outnumbering the guarded ones, is cited
        there. A call left out of the breaker that most functions calling
        the dependency (two or more) go through is also reported off request paths when it retries
        on its own (`@retry` on a method calling `self._http` directly): its attempts keep hitting
        the service the breaker is there to spare. Forwarders nest (`retry_async(self._breaker.call,
        self._get, url)` puts `_get` behind the breaker). When the dependency serves several requests, the call
        cited is one whose failure reaches a request with no fallback on the way, if any.
        A dependency no request path reaches yet counts when two or more public methods of a
        class the app keeps one instance of call it and nothing in the project calls them (a
        task queue registering them by name, an admin script: their callers lie outside this code).
        Also a service class with no breaker next to another service class in the same module
        whose call has one, when the same request reaches both (geo lookups guarded on the bid
        path, brand-safety lookups left out). A request path's call made, bare, by a function that
        hands another class's method to a breaker (`self._breaker.call(self._deepl.translate, ...)`
        for one provider, `await self._google.translate(...)` for the other) is cited at that call:
        the function chose a breaker for this path and left one dependency out; a breaker handed a
        method guards that method, not its caller's other calls. When nothing else fits, a task a request starts
        without waiting for it (`create_task(self._alerts.evaluate(...))` in the ingest route)
        counts as that request's path: one task per request piles up all the same. Last, in a project
        that puts two or more of its other remote services behind breakers, a request path's call to
        one service (a written path, not a URL handed in) with none is reported even on one route:
        breakers are the team's rule there and this dependency was left out; it is cited where the
        request path calls into the client (`await self._kyc.submit(...)`), the call a breaker wraps.
        A client that sends once (no retry of its own) to the address it is handed (a webhook sender) is
        cited where every request path calls it from other code (`await self._sender.send(endpoint.url,
        ...)`): the caller picks the receiver, and a breaker kept per receiver belongs there. Also
        reported, off request paths: background work (a worker or a job) calling the dependency once for
        each item of a loop through a client method left out of the breaker another call of the
        dependency goes through (`for row in rows: await self.client.post_event(...)` beside
        `pull_lot_master` behind `master_breaker`), cited at that call: while the service is down every
        item still waits out its timeout. Also reported, last: a long-running worker's path calling a service
        with no breaker from a function that, beside it, calls into another client class whose every request
        goes through a breaker (`await self._email.send(...)`, `EmailClient` guarding itself, then a bare
        `await self._slack.post_message(...)`), cited at the bare call: the function's services were meant to
        fail fast, and while this one hangs each item, and the items behind it, waits out its timeout.

    Why it matters:
        When the dependency slows down or fails, every request still waits the full timeout for
        it: in-flight requests, pool connections and worker slots pile up, latency climbs for
        unrelated endpoints, and the retries and reconnects of all callers keep hammering the
        dependency while it tries to recover.

    Example:
        response = await self._client.get(f"/v1/quotes/{symbol.upper()}")  # every request waits 5 s

    Instead:
        Wrap the client's calls in a breaker that opens after repeated failures and fails fast
        (serving a fallback) until a trial call succeeds:

            quotes_breaker = aiobreaker.CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))

            @quotes_breaker
            async def get_quote(self, symbol: str) -> QuoteOut:
                ...
    """

    id = "RA411"
    name = "dependency-without-breaker"
    category = "no-circuit-breaker"
    severity = "LOW"
    scope = "project"
    base_effort = 3.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        guarded_in = _guarded_by_path(groups(model))
        for group in groups(model):
            if not group.calls:
                continue
            judge = self._partly_guarded if any(c.breaker for c in group.calls) else self._unguarded
            finding = judge(model, group, guarded_in)
            if finding is not None:
                yield finding

    def _partly_guarded(self, model: ProjectModel, group: Group, guarded_in: dict[str, list]) -> Finding | None:
        """A dependency some of whose calls go through a breaker: the request-path call left out."""
        calls = group.calls
        if (skipped := caller_bypass(model, group)) is not None:  # the callers' class chose the breaker: cited there
            return self._caller_bypass_finding(model, group, skipped)
        missing = left_out(calls, lambda c: c.breaker, shared_state=True) or _left_out_per_client(calls)
        entries = request_entries(model, missing) if missing else []
        if entries:
            return self._left_out_finding(group, missing, calls, entries)
        if (sibling := _unguarded_sibling(model, calls, guarded_in)) is not None:
            return self._sibling_finding(model, group, *sibling)
        if (bypass := _left_out_through_helper(model, calls)) is not None:
            return self._left_out_finding(group, *bypass)
        return self._retried_bypass(model, group, calls) or self._fan_out_finding(model, group) \
            or self._looped_bypass_finding(model, group)

    def _caller_bypass_finding(self, model: ProjectModel, group: Group, bypass: CallerBypass) -> Finding:
        """Cited at the bare call, where the caller's class left the breaker out."""
        title, description = describe(bypass, group, _wait(bypass.call))
        related = [Location(model.site_path(e), e.site.line, e.site.end_line, "a call through the breaker")
                   for e in bypass.guarded[:3]]
        related.append(Location(bypass.call.path, bypass.call.site.line, bypass.call.site.end_line, "the request"))
        recommendation = (f"Hand `{bypass.call.func.name}` to the same breaker as the class's other calls "
                          f"(`...breaker.call(....{bypass.call.func.name}, ...)`), and answer from a fallback or a 503 "
                          "while it is open.")
        edge = bypass.edge
        return self.finding(Location(model.site_path(edge), edge.site.line, edge.site.end_line), title, description,
                            related=related, recommendation=recommendation)

    def _looped_bypass_finding(self, model: ProjectModel, group: Group) -> Finding | None:
        """Background work calling the dependency once per item, bypassing the breaker it already has:
        cited at the call made for each item, where the breaker has to be consulted."""
        found = looped_bypass(model, group)
        if found is None:
            return None
        title, description, related, recommendation = found.text(group, _wait(found.call))
        return self.finding(Location(model.site_path(found.edge), found.edge.site.line, found.edge.site.end_line),
                            title, description, related=related, recommendation=recommendation)

    def _retried_bypass(self, model: ProjectModel, group: Group, calls: list) -> Finding | None:
        """A call left out of the breaker most functions calling the dependency (two or more, each
        way into a shared request helper counted) go through, that retries on its own: wherever it
        runs, its attempts keep hitting the service the breaker is there to spare."""
        lifted = through_helpers(model, calls)
        retried = [c for c in left_out(lifted, lambda c: c.breaker) if c.retry]
        return self._left_out_finding(group, retried, lifted, _worker_entries(model, retried)) if retried else None

    def _unguarded(self, model: ProjectModel, group: Group, guarded_in: dict[str, list]) -> Finding | None:
        """A dependency no breaker guards, by the first situation that fits."""
        entries = request_entries(model, group.calls)
        if (beside := _bare_beside_breaker(model, group, entries)) is not None:
            return self._beside_finding(model, group, *beside)
        if (found := self._request_paths(model, group, entries)) is not None:
            return found
        retried = [c for c in group.calls if c.retry]
        if (found := self._retried_or_queued(model, group, retried)) is not None:
            return found
        if (found := self._started_by_requests(model, group, entries, retried)) is not None:
            return found
        return self._outside_requests(model, group, entries, guarded_in) or self._fan_out_finding(model, group) \
            or self._against_policy(model, group, entries) or self._background_beside_finding(model, group)

    def _background_beside_finding(self, model: ProjectModel, group: Group) -> Finding | None:
        """Background work calling this dependency bare beside a client that guards itself with a
        breaker: cited at the bare call, where the function left it out."""
        found = bare_beside_guarded(model, group, _one_service)
        if found is None:
            return None
        title, description, related, recommendation = found.text(group, _wait(found.call))
        return self.finding(Location(model.site_path(found.edge), found.edge.site.line, found.edge.site.end_line),
                            title, description, related=related, recommendation=recommendation)

    def _against_policy(self, model: ProjectModel, group: Group, entries: list) -> Finding | None:
        """A request path's call to one service with no breaker, in a project that puts its other
        remote services behind circuit breakers (two or more of them: a convention, not a one-off):
        the team made breakers its rule for a dependency a request waits on, and this one was left
        out (one route is enough: the request holds its connection and worker for the full timeout
        while the service is down)."""
        guarded = [g for g in groups(model) if g is not group and any(c.breaker for c in g.calls)]
        if len(guarded) < _POLICY_PEERS:
            return None
        peers = sorted({short(c.fq) for g in guarded for c in g.calls if c.breaker})
        entries = entries or spawned_by_requests(model, group.calls)
        ends = chain_ends(model, entries)
        reached = [c for c in group.calls if c.fq in ends and _one_service(c)]
        if not reached:
            return None
        names = _entry_names(model, entries)
        description = (
            f"{group.name} ({group.library}) is called on the path of {', '.join(names[:4])}"
            f"{', ...' if len(names) > 4 else ''} with no circuit breaker, while the project guards its other "
            f"remote services with one ({', '.join(f'`{p}`' for p in peers[:3])}{', ...' if len(peers) > 3 else ''}): "
            f"while {group.name} is down or slow each of those requests still waits out its timeout "
            f"({_wait(reached[0])}) and then fails, the cost the other breakers were added to avoid."
        )
        found = self._no_breaker_finding(group, _unhandled_first(model, reached), description,
                                         _entry_hops(model, entries))
        return cited_where_entered(model, group, found, entries, reached)

    def _fan_out_finding(self, model: ProjectModel, group: Group) -> Finding | None:
        """Project code that sends one call to the dependency for every item of a collection at once
        (`gather(*(sms.send(p, text) for p in phones))`), outside any breaker (also beside calls that go
        through one): while the service is down or slow, every one of them waits out its timeout, and the
        next batch does the same; a breaker would fail them fast."""
        for call in (c for c in group.calls if _one_service(c)):
            for edge in model.callers.get(call.fq, ()):
                gather = _fanned_out(model, edge)
                if gather is None or is_test_path(model.functions[edge.caller][0].path):
                    continue
                description = (
                    f"`{short(edge.caller)}` sends `{call.func.name}` to {group.name} ({group.library}) once for each item "
                    f"of {f'`{edge.site.loop_iter}`' if edge.site.loop_iter else 'a collection'}, all at once (`gather` at line {gather.line}), and no circuit breaker "
                    f"guards it: while {group.name} is down or slow every one of those calls waits out its timeout "
                    f"({_wait(call)}), holding its connection, and the next batch piles on in the same way."
                )
                facts = model.functions[edge.caller][0]
                fanned = [Location(facts.path, edge.site.line, edge.site.end_line, "the calls are fanned out here")]
                return self._no_breaker_finding(group, [call], description, fanned)
        return None

    def _retried_or_queued(self, model: ProjectModel, group: Group, retried: list) -> Finding | None:
        """Retries on a request path, a queue's workers waiting on it, or retries in a background worker."""
        retried_entries = request_entries(model, retried) if retried else []
        if retried_entries:
            return self._retry_finding(model, group, retried, retried_entries)
        queued = queue_uses(model, group.calls)
        if queued:
            return self._queue_finding(model, group, queued)
        workers = _worker_entries(model, retried) if retried else []
        return self._retry_finding(model, group, retried, workers, background=True) if workers else None

    def _outside_requests(self, model: ProjectModel, group: Group, entries: list,
                          guarded_in: dict[str, list]) -> Finding | None:
        """No request reaches it (yet): public methods called from outside this code, or a call left
        unguarded beside a guarded sibling."""
        calls = group.calls
        roots = uncalled_roots(model, {c.fq for c in calls}) if not entries else {}
        if len(roots) >= 2 and (group.shared or len(calls) >= 3):
            return self._uncalled_finding(model, group, calls, roots)
        if (sibling := _unguarded_sibling(model, calls, guarded_in)) is not None:
            return self._sibling_finding(model, group, *sibling)
        return None

    def _request_paths(self, model: ProjectModel, group: Group, entries: list) -> Finding | None:
        """Two or more request entry points reach the dependency, or one reaches a call that can wait for ever
        (or for half a minute or more: the same pile-up, only slower to clear), or 15 s or more on any client."""
        calls = group.calls
        ends = chain_ends(model, entries)
        reached = [c for c in calls if c.fq in ends] or calls
        if len({e.function for e, _c in entries}) >= 2 and (group.shared or len(calls) >= 3):
            return self._finding(model, group, _unhandled_first(model, reached + [c for c in calls if c not in reached]),
                                 entries)
        if entries and (_unbounded(group) or _slow_call(group, reached)):  # cite the call that can wait longest
            return self._finding(model, group, sorted(reached, key=lambda c: (not _waits_long(c), not _waits_slow(c))),
                                 entries)
        return None

    def _started_by_requests(self, model: ProjectModel, group: Group, entries: list, retried: list) -> Finding | None:
        """The request-path checks again, counting the tasks requests start (`create_task(...)` per
        request): the request does not wait for them, but they pile up with the requests all the same."""
        started = spawned_by_requests(model, group.calls)
        if not started:
            return None
        if (found := self._request_paths(model, group, entries + started)) is not None:
            return found
        retried_started = spawned_by_requests(model, retried) if retried else []
        return self._retry_finding(model, group, retried, retried_started) if retried_started else None

    def _beside_finding(self, model: ProjectModel, group: Group, edge, peer, entries: list) -> Finding:
        """The bare call cited where it sits beside the breaker its caller gives another dependency."""
        names = sorted({e.name for e, _c in entries})
        caller = short(edge.caller)
        description = (
            f"`{caller}` hands one dependency to a circuit breaker (line {peer.site.line}) but calls {group.name} "
            f"({group.library}) at line {edge.site.line} directly, on the path of {', '.join(names[:4])}"
            f"{', ...' if len(names) > 4 else ''}: when {group.name} is slow or down every one of those requests "
            f"still waits out its timeout ({', '.join(sorted({_wait(c) for c in group.calls}))}) on it, and nothing "
            "fails fast - the pile-up the breaker beside it was added to prevent."
        )
        related = [Location(model.site_path(peer), peer.site.line, peer.site.end_line, "the other dependency, behind a breaker")]
        related += [Location(c.path, c.site.line, c.site.end_line, f"`{c.method}` in {short(c.fq)}") for c in group.calls[:3]]
        related += client_locations(group, "the client this call uses")
        recommendation = (f"Put the call at line {edge.site.line} behind a breaker of its own, as `{caller}` does for "
                          f"the call at line {peer.site.line}, and answer from the fallback while it is open.")
        return self.finding(Location(model.site_path(edge), edge.site.line, edge.site.end_line),
                            f"{group.name} called without the breaker its neighbour has in {caller}", description,
                            related=related, recommendation=recommendation)

    def _sibling_finding(self, model: ProjectModel, group: Group, call, peer, entries: list) -> Finding:
        names = sorted({e.name for e, _c in entries})
        service = call.func.class_name or short(call.fq)
        description = (
            f"`{short(call.fq)}` calls its service ({group.library}) with no circuit breaker, while "
            f"`{short(peer.fq)}` in the same module, on the same request path "
            f"({', '.join(names[:4])}{', ...' if len(names) > 4 else ''}), goes through one ({peer.breaker}). "
            f"When the {service} service is down, every one of those requests still waits out its timeout "
            f"({_wait(call)}) on it - exactly the cost the breaker next to it was added to avoid."
        )
        related = [Location(peer.path, peer.site.line, peer.site.end_line,
                            f"{short(peer.fq)}, guarded: {peer.breaker}")]
        related += [Location(model.site_path(chain[0]), chain[0].site.line, chain[0].site.end_line,
                             f"{entry.name} reaches it") for entry, chain in entries[:3] if chain]
        recommendation = (
            f"Give `{call.func.name}` a breaker of its own, like its sibling's, and answer from the fallback while "
            f"it is open:\n\n" + _same_guard(call, peer.breaker)
        )
        return self.finding(Location(call.path, call.site.line, call.site.end_line),
                            f"no circuit breaker for {service}, unlike its sibling "
                            f"{peer.func.class_name or short(peer.fq)}",
                            description, related=related, recommendation=recommendation)

    def _finding(self, model: ProjectModel, group: Group, calls: list, entries: list) -> Finding:
        names = _entry_names(model, entries)
        waits = sorted({_wait(c) for c in group.calls})
        who = "request (or the task it starts)" if any(_started(model, c) for _e, c in entries) else "request"
        description = (
            f"{group.name} ({group.library}, {len(group.calls)} call site{'s' if len(group.calls) != 1 else ''}) is "
            f"called for {len(names)} request entry point{'s' if len(names) != 1 else ''} ({', '.join(names[:5])}"
            f"{', ...' if len(names) > 5 else ''}) and no circuit breaker guards it: while it is down or slow each "
            f"{who} still waits for it (effective timeouts: {', '.join(waits)})."
        )
        found = self._no_breaker_finding(group, calls, description, _entry_hops(model, entries))
        if any(_one_service(c) or c.retry for c in group.calls):
            return found  # (a client retrying on its own is where the breaker wraps the attempts)
        # a client sending once to the address it is handed: the caller picks the receiver, and a
        # breaker kept per receiver belongs there
        return cited_where_entered(model, group, found, entries, calls, from_routes=False)

    def _uncalled_finding(self, model: ProjectModel, group: Group, calls: list, roots: dict) -> Finding:
        """No request path reaches the dependency yet, but two or more public methods of a service
        the app keeps one instance of do, called from outside this code (a queue's handlers
        registered by name, a route module not wired yet): they pile up behind it the same way."""
        reached = {model.callee_function(chain[-1].target) if chain else root for root, chain in roots.items()}
        cited = [c for c in calls if c.fq in reached] or calls
        names = sorted(short(fq) for fq in roots)
        owners = sorted({fq.rsplit(".", 1)[0] for fq in roots})
        where = uncalled_methods(model)
        waits = sorted({_wait(c) for c in group.calls})
        description = (
            f"{group.name} ({group.library}, {len(group.calls)} call site{'s' if len(group.calls) != 1 else ''}) is "
            f"called by {len(names)} public methods ({', '.join(f'`{n}`' for n in names[:5])}"
            f"{', ...' if len(names) > 5 else ''}) of {', '.join(f'`{short(o)}`' for o in owners[:3])}, kept as one "
            f"instance for the process ({where[next(iter(sorted(roots)))]}) and called from outside this code, and no "
            "circuit breaker guards it: while it is down or slow every caller still waits for it "
            f"(effective timeouts: {', '.join(waits)})."
        )
        return self._no_breaker_finding(group, cited, description)

    def _no_breaker_finding(self, group: Group, cited: list, description: str,
                            reached: list[Location] | tuple = ()) -> Finding:
        """Cites the first of `cited`, with the group's other calls, its client and the request paths'
        first calls towards it (`reached`) as related locations."""
        first = cited[0]
        related = [Location(c.path, c.site.line, c.site.end_line, f"`{c.method}` in {short(c.fq)}")
                   for c in group.calls if c is not first][:_MAX_RELATED]
        related += client_locations(group, "the client these calls use") + list(reached)
        return self.finding(Location(first.path, first.site.line, first.site.end_line),
                            f"no circuit breaker for {group.name}", description, related=related,
                            recommendation=_recommendation(group, cited))

    def _left_out_finding(self, group: Group, missing: list, calls: list, entries: list) -> Finding:
        first = missing[0]
        guarded = sorted({c.fq: c for c in calls if c.breaker}.values(), key=lambda c: (c.path, c.site.line))
        names = sorted({e.name for e, _c in entries})
        retried = f" and retries it ({first.retry}), so each attempt waits in turn" if first.retry else ""
        serves = (f"It serves {', '.join(names[:5])}{', ...' if len(names) > 5 else ''}: while" if names else
                  "While")
        description = (
            f"{len(guarded)} of the functions calling {group.name} ({group.library}) go through its circuit breaker "
            f"({', '.join(f'`{short(c.fq)}`: {c.breaker}' for c in guarded[:4])}), but `{short(first.fq)}` calls it "
            f"directly{retried}. {serves} the breaker is open because the service is down, this call still waits "
            "out its timeout" + (", its retries keep hitting the service the breaker is there to spare," if
                                  first.retry else "")
            + " and its failures are not counted towards opening the breaker."
        )
        related = [Location(c.path, c.site.line, c.site.end_line, f"`{c.method}` in {short(c.fq)}, no breaker")
                   for c in missing[1:_MAX_RELATED]]
        related += [Location(c.path, c.site.line, c.site.end_line, f"{short(c.fq)}, guarded: {c.breaker}")
                    for c in guarded[:3]]
        recommendation = (
            f"Put the call in `{first.func.name}` behind the same breaker as its siblings ({guarded[0].breaker}), "
            "inside the retry so that an open circuit is not retried:\n\n" + _same_guard(first, guarded[0].breaker)
        )
        return self.finding(Location(first.path, first.site.line, first.site.end_line),
                            f"{short(first.fq)} bypasses the circuit breaker for {group.name}", description,
                            related=related, recommendation=recommendation)

    def _retry_finding(self, model: ProjectModel, group: Group, retried: list, entries: list,
                       background: bool = False) -> Finding:
        cited = cited_call(retried)
        names = _entry_names(model, entries)
        started = all(_started(model, c) for _e, c in entries)
        lead = (f"`{short(cited.fq)}` calls {group.name} ({group.library}) for {', '.join(names[:5])}"
                f"{', ...' if len(names) > 5 else ''} and retries")
        if background:
            title = f"background retries of {group.name} with no circuit breaker"
            description = (
                f"{lead} each failure ({cited.retry}), with no circuit breaker: while the receiver is down every "
                f"item still spends all its attempts (timeout per attempt: {_wait(cited)}), so the worker's "
                "throughput collapses to dead receivers' timeouts and the items for healthy ones wait behind them.")
        else:
            title = f"retried calls to {group.name} with no circuit breaker"
            who = "task a request starts (they pile up with the requests)" if started else "request"
            description = (
                f"{lead} failures ({cited.retry}), but no circuit breaker stops the attempts: while {group.name} is "
                f"down every {who} waits for each attempt in turn (timeout per attempt: {_wait(cited)}) plus the "
                "back-off between them, and the retries of all callers multiply the load on the dependency as it "
                "tries to recover.")
        related = [Location(c.path, c.site.line, c.site.end_line, f"`{c.method}` in {short(c.fq)}, retried: {c.retry}")
                   for c in retried if c is not cited][:_MAX_RELATED]
        related += client_locations(group, "the client these calls use")
        return self.finding(Location(cited.path, cited.site.line, cited.site.end_line), title, description,
                            related=related, recommendation=_recommendation(group, [cited], outer=True))

    def _queue_finding(self, model: ProjectModel, group: Group, uses: list[QueueUse]) -> Finding:
        first = uses[0]
        call, channel = first.call, first.channel
        workers = sorted({short(u.worker) for u in uses})
        description = (
            f"{', '.join(f'`{w}`' for w in workers)} take{'s' if len(workers) == 1 else ''} items one at a time "
            f"from the in-process queue created at {channel['path']}:{channel['line']} and `{short(call.fq)}` calls "
            f"{group.name} ({group.library}) for each of them with no circuit breaker: while the receiver is down "
            f"or slow every item waits out the timeout ({_wait(call)}) before the next one is taken, so the whole "
            "queue, including items for healthy receivers, backs up behind it."
        )
        others = sorted({(u.call.path, u.call.site.line): u.call for u in uses if u.call is not call}.values(),
                        key=lambda c: (c.path, c.site.line))
        related = [Location(c.path, c.site.line, c.site.end_line, f"`{c.method}` in {short(c.fq)}")
                   for c in others[:_MAX_RELATED]]
        related.append(Location(channel["path"], channel["line"], channel["line"], "the queue that backs up"))
        facts, func = model.functions[first.worker]
        related.append(Location(facts.path, func.line, func.line, "the worker that waits on each call"))
        impact = ("One dead or slow receiver delays every item behind it: the queue grows, deliveries to healthy "
                  "receivers arrive minutes late, and items still queued are lost on restart.")
        return self.finding(Location(call.path, call.site.line, call.site.end_line),
                            f"queued calls to {group.name} with no circuit breaker", description, related=related,
                            recommendation=_recommendation(group, [call]), impact=impact)


def _entry_hops(model: ProjectModel, entries: list) -> list[Location]:
    """Where each request path sets off towards the dependency, and where it enters the client."""
    hops = {(model.site_path(edge), edge.site.line, edge.site.end_line, entry.name)
            for entry, chain in entries for edge in chain[:1] + chain[-1:]}
    return [Location(path, line, end, f"{name} calls towards it here")
            for path, line, end, name in sorted(hops)][:_MAX_RELATED]


def _started(model: ProjectModel, chain: list) -> bool:
    """The chain runs through a task the request starts (`create_task(...)`), not a call it waits for."""
    handed_off = spawned_sites(model)
    return any(id(edge.site) in handed_off for edge in chain)


def _entry_names(model: ProjectModel, entries: list) -> list[str]:
    """The entry points' names, sorted; those that only start a task reaching the call say so."""
    return sorted({e.name + (" (in a task it starts)" if _started(model, c) else "") for e, c in entries})


def _bare_beside_breaker(model: ProjectModel, group: Group, entries: list):
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


def _guarded_by_path(found: list[Group]) -> dict[str, list]:
    """Module path -> the calls a circuit breaker guards there."""
    out: dict[str, list] = {}
    for group in found:
        for call in group.calls:
            if call.breaker:
                out.setdefault(call.path, []).append(call)
    return out


def _unguarded_sibling(model: ProjectModel, calls: list, guarded_in: dict[str, list]):
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


def _unhandled_first(model: ProjectModel, calls: list) -> list:
    """The calls whose failure reaches a request with nothing on the way answering it (no
    fallback) first, else the order given: there a dead dependency costs each request its full
    timeout and then an error, while a call with a degraded path only costs the wait (a call
    reached through an interface method counts, which the chain ends of the entries miss)."""
    if not 2 <= len(calls) <= _MAX_RELATED:  # one reachability walk per call: kept to small groups
        return calls
    bare = {c.fq for c in calls if unhandled_entries(model, [c])}
    return sorted(calls, key=lambda c: c.fq not in bare)


def _left_out_through_helper(model: ProjectModel, calls: list) -> tuple[list, list, list] | None:
    """(missing, calls, entries) for a public method that calls the client's shared request helper
    directly while its siblings hand the helper to the breaker (`self._breaker.call(self._json,
    "GET", ...)` in most methods, `await self._json("POST", ...)` in one), on a request path."""
    lifted = through_helpers(model, calls)
    if lifted is calls:
        return None
    missing = left_out(lifted, lambda c: c.breaker, shared_state=True)
    entries = request_entries(model, missing) if missing else []
    return (missing, lifted, entries) if entries else None


def _left_out_per_client(calls: list) -> list:
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


def _worker_entries(model: ProjectModel, calls: list) -> list:
    """Background workers (not requests: those are asked first) whose loop reaches the calls."""
    return [(e, c) for e, c in entries_reaching(model, {call.fq for call in calls}, limit=50)
            if e.kind in _BACKGROUND_KINDS]


def _recommendation(group: Group, calls: list, outer: bool = False) -> str:
    name, is_async = example_function(calls)
    var = re.sub(r"\W+", "_", group.name.lower()).strip("_")[:30] or "dependency"
    where = (" Put it inside the retry and keep the retry to transient errors, so that an open circuit fails the "
             "request at once instead of being retried:" if outer else "")
    decorators = (f"    @retry(...)\n    @{var}_breaker\n" if outer else f"    @{var}_breaker\n")
    return (
        "Guard the calls with a circuit breaker that opens after repeated failures and fails fast (serving a "
        f"fallback or a 503) until a trial call succeeds.{where}\n\n"
        f"    {var}_breaker = aiobreaker.CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))\n\n"
        f"{decorators}    {'async ' if is_async else ''}def {name}(...):\n        ..."
    )


def _fanned_out(model: ProjectModel, edge):
    """The `gather(*...)` whose star argument holds `edge`'s call, made once per item of a collection."""
    guards = analysis(model).guards
    if not edge.site.loop_line or id(edge.site) in guards.broken_sites \
            or edge.caller in guards.breakered:
        return None  # (a fan-out through the breaker is what the breaker is for)
    func = model.functions[edge.caller][1]
    return next((s for s in func.calls if (s.func or ())[-1:] == ("gather",) and s.star_args
                 and s.line <= edge.site.line <= s.end_line and s.line <= edge.site.loop_line), None)


def _one_service(call) -> bool:
    """The call goes to one service: a path under the client's `base_url` or a written address, not a
    URL handed in per item (a crawler fanning out over many hosts has no one dependency to break)."""
    target = call.site.args[0] if call.site.args else call.site.kwargs.get("url")
    if isinstance(target, dict):
        target = target.get("fstring")
        if isinstance(target, str) and target.startswith("{}/") and "{" not in target[3:].split("?", 1)[0][:1] \
                and not any(_ADDRESS_PARAM.search(p.name) for p in call.func.params):
            return True  # a configured base and a written path (`f"{self._base}/v1/forecast"`), no address handed in
    return isinstance(target, str) and target.startswith(("/", "http://", "https://"))


# a parameter that hands the function the address it sends to (`url`, `callback_url`, `host`, `endpoint`)
_ADDRESS_PARAM = re.compile(r"(?:^|_)(?:url|uri|host|endpoint|address|base)$", re.I)


def _unbounded(group: Group) -> bool:
    """A process-lived client with a call that waits without any limit, or a long one (timeout disabled
    or 30 s and more, nothing bounding it from the caller): one request path is enough for requests to
    pile up."""
    return group.shared and any(_waits_long(c) for c in group.calls)


def _slow_call(group: Group, reached: list) -> bool:
    """A call the request reaches whose written timeout holds it 15 s or more: on a process-lived
    client, or on one made per call when it goes to one service (not a URL handed in per call)."""
    return any(_waits_slow(c) and (group.shared or _one_service(c)) for c in reached)


# A request that may wait this long (seconds) on one call holds its handler, connection and memory
# that long too: behind a dead dependency they pile up as surely as with no limit at all.
_LONG_WAIT = 30.0


def _waits_long(call) -> bool:
    """The call waits for ever, or its effective timeout is half a minute or more (an aiohttp
    session's 300 s default, `httpx.Timeout(30.0)`), with nothing shorter bounding it."""
    return _waits_forever(call) or _holds_at_least(call, _LONG_WAIT)


# A request held this long (seconds) by one call is already past what a user waits for: behind a
# slow dependency one route is enough for handlers and connections to pile up.
_SLOW_WAIT = 15.0


def _waits_slow(call) -> bool:
    """A timeout written in the code (on the call or its client) holds the caller 15 s or more, with
    nothing shorter bounding it: the code chose to wait that long. Streamed responses do not count;
    a library default or no limit at all on a client made per call is the missing timeout's finding."""
    return _holds_at_least(call, _SLOW_WAIT) and "default" not in call.timeout_source


def _holds_at_least(call, seconds: float) -> bool:
    """The call's effective timeout is `seconds` or more, with nothing shorter bounding it, and it
    is not a streamed response (long polls and event streams are expected to stay open)."""
    return isinstance(call.timeout, (int, float)) and call.timeout >= seconds and not call.bounded_by \
        and not _streamed(call)


def _streamed(call) -> bool:
    return tuple(call.site.func or ())[-1:] == ("stream",)


def _waits_forever(call) -> bool:
    """No timeout and nothing bounding it; a streamed response (long poll, event stream) is
    expected to stay open and does not count."""
    return call.timeout is None and not call.bounded_by and not _streamed(call)


def _wait(call) -> str:
    if call.bounded_by:
        return "bounded by its caller"
    if call.timeout == lib.UNKNOWN:
        return "set from configuration"
    return lib.describe_seconds(call.timeout)


def _same_guard(call, breaker: str) -> str:
    """The sibling's breaker applied to `call`'s function, as a decorator or a with-block."""
    prefix = "async " if call.func.is_async else ""
    if breaker.startswith("@"):
        return f"    {breaker}\n    {prefix}def {call.func.name}(...):\n        ..."
    match = re.match(r"`(?:async )?with ([^`]+)`", breaker)
    guard = match.group(1) if match else "breaker"
    return f"    {prefix}def {call.func.name}(...):\n        {prefix}with {guard}:\n            ..."
