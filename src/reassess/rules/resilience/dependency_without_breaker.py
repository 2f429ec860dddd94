"""RA411 no-circuit-breaker: callers that keep waiting on a failing dependency."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.resilience.components import uncalled_roots
from ...model.resilience.runtime import short
from ...model.app import is_test_path
from ...model.project import ProjectModel
from ..api import ProjectContext, register
from ._breaker_bypass import looped_bypass
from ._breaker_callers import CallerBypass, caller_bypass, describe
from ._breaker_entries import entry_hops, entry_names, unhandled_first, worker_entries
from ._breaker_findings import BreakerFindings
from ._breaker_gaps import (bare_beside_breaker, fanned_out, guarded_by_path, left_out_per_client,
                            left_out_through_helper, unguarded_sibling)
from ._breaker_neighbours import bare_beside_guarded
from ._breaker_waits import one_service, slow_call, unbounded, wait_of, waits_long, waits_slow
from ._deps import Group, chain_ends, groups, left_out, queue_uses, request_entries, spawned_by_requests
from ._helpers import through_helpers
from ._read_ways import cited_where_entered

_POLICY_PEERS = 2  # other dependencies behind breakers that make breakers the project's rule


@register
class DependencyWithoutBreaker(BreakerFindings):
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
        guarded_in = guarded_by_path(groups(model))
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
        missing = left_out(calls, lambda c: c.breaker, shared_state=True) or left_out_per_client(calls)
        entries = request_entries(model, missing) if missing else []
        if entries:
            return self._left_out_finding(group, missing, calls, entries)
        if (sibling := unguarded_sibling(model, calls, guarded_in)) is not None:
            return self._sibling_finding(model, group, *sibling)
        if (bypass := left_out_through_helper(model, calls)) is not None:
            return self._left_out_finding(group, *bypass)
        return self._retried_bypass(model, group, calls) or self._fan_out_finding(model, group) \
            or self._looped_bypass_finding(model, group)

    def _caller_bypass_finding(self, model: ProjectModel, group: Group, bypass: CallerBypass) -> Finding:
        """Cited at the bare call, where the caller's class left the breaker out."""
        title, description = describe(bypass, group, wait_of(bypass.call))
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
        title, description, related, recommendation = found.text(group, wait_of(found.call))
        return self.finding(Location(model.site_path(found.edge), found.edge.site.line, found.edge.site.end_line),
                            title, description, related=related, recommendation=recommendation)

    def _retried_bypass(self, model: ProjectModel, group: Group, calls: list) -> Finding | None:
        """A call left out of the breaker most functions calling the dependency (two or more, each
        way into a shared request helper counted) go through, that retries on its own: wherever it
        runs, its attempts keep hitting the service the breaker is there to spare."""
        lifted = through_helpers(model, calls)
        retried = [c for c in left_out(lifted, lambda c: c.breaker) if c.retry]
        return self._left_out_finding(group, retried, lifted, worker_entries(model, retried)) if retried else None

    def _unguarded(self, model: ProjectModel, group: Group, guarded_in: dict[str, list]) -> Finding | None:
        """A dependency no breaker guards, by the first situation that fits."""
        entries = request_entries(model, group.calls)
        if (beside := bare_beside_breaker(model, group, entries)) is not None:
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
        found = bare_beside_guarded(model, group, one_service)
        if found is None:
            return None
        title, description, related, recommendation = found.text(group, wait_of(found.call))
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
        reached = [c for c in group.calls if c.fq in ends and one_service(c)]
        if not reached:
            return None
        names = entry_names(model, entries)
        description = (
            f"{group.name} ({group.library}) is called on the path of {', '.join(names[:4])}"
            f"{', ...' if len(names) > 4 else ''} with no circuit breaker, while the project guards its other "
            f"remote services with one ({', '.join(f'`{p}`' for p in peers[:3])}{', ...' if len(peers) > 3 else ''}): "
            f"while {group.name} is down or slow each of those requests still waits out its timeout "
            f"({wait_of(reached[0])}) and then fails, the cost the other breakers were added to avoid."
        )
        found = self._no_breaker_finding(group, unhandled_first(model, reached), description,
                                         entry_hops(model, entries))
        return cited_where_entered(model, group, found, entries, reached)

    def _fan_out_finding(self, model: ProjectModel, group: Group) -> Finding | None:
        """Project code that sends one call to the dependency for every item of a collection at once
        (`gather(*(sms.send(p, text) for p in phones))`), outside any breaker (also beside calls that go
        through one): while the service is down or slow, every one of them waits out its timeout, and the
        next batch does the same; a breaker would fail them fast."""
        for call in (c for c in group.calls if one_service(c)):
            for edge in model.callers.get(call.fq, ()):
                gather = fanned_out(model, edge)
                if gather is None or is_test_path(model.functions[edge.caller][0].path):
                    continue
                description = (
                    f"`{short(edge.caller)}` sends `{call.func.name}` to {group.name} ({group.library}) once for each item "
                    f"of {f'`{edge.site.loop_iter}`' if edge.site.loop_iter else 'a collection'}, all at once (`gather` at line {gather.line}), and no circuit breaker "
                    f"guards it: while {group.name} is down or slow every one of those calls waits out its timeout "
                    f"({wait_of(call)}), holding its connection, and the next batch piles on in the same way."
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
        workers = worker_entries(model, retried) if retried else []
        return self._retry_finding(model, group, retried, workers, background=True) if workers else None

    def _outside_requests(self, model: ProjectModel, group: Group, entries: list,
                          guarded_in: dict[str, list]) -> Finding | None:
        """No request reaches it (yet): public methods called from outside this code, or a call left
        unguarded beside a guarded sibling."""
        calls = group.calls
        roots = uncalled_roots(model, {c.fq for c in calls}) if not entries else {}
        if len(roots) >= 2 and (group.shared or len(calls) >= 3):
            return self._uncalled_finding(model, group, calls, roots)
        if (sibling := unguarded_sibling(model, calls, guarded_in)) is not None:
            return self._sibling_finding(model, group, *sibling)
        return None

    def _request_paths(self, model: ProjectModel, group: Group, entries: list) -> Finding | None:
        """Two or more request entry points reach the dependency, or one reaches a call that can wait for ever
        (or for half a minute or more: the same pile-up, only slower to clear), or 15 s or more on any client."""
        calls = group.calls
        ends = chain_ends(model, entries)
        reached = [c for c in calls if c.fq in ends] or calls
        if len({e.function for e, _c in entries}) >= 2 and (group.shared or len(calls) >= 3):
            return self._finding(model, group, unhandled_first(model, reached + [c for c in calls if c not in reached]),
                                 entries)
        if entries and (unbounded(group) or slow_call(group, reached)):  # cite the call that can wait longest
            return self._finding(model, group, sorted(reached, key=lambda c: (not waits_long(c), not waits_slow(c))),
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
