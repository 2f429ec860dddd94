"""RA410 no-retry: remote calls never retried where a transient failure loses work."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...knowledge.exceptions import is_broad
from ...knowledge.logs import LOG_METHODS
from ...model.app import is_test_path
from ...model.resilience import analysis
from ...model.resilience import blocks as blk
from ...model.resilience.calls import ExternalCall, catching_handlers
from ...model.resilience.guards import handed_over, resolved_name, retry_loop_line
from ...model.resilience.runtime import entries_reaching, short
from ...model.resilience.triggers import background, worker_reach
from ...model.project import ProjectModel
from ..api import ProjectContext, Rule, register
from ._deps import (IDEMPOTENT, TRANSIENT_ERRORS, Group, QueueUse, chain_ends, client_locations, detached_uses,
                    example_function, fetches,
                    fresh_dedupe_key, groups, left_out, queue_uses, read_only_post, request_entries,
                    retry_safe, spawned_by_requests, values_gather)
from ._code import single_send_documented
from ._helpers import through_helpers

_MAX_RELATED = 10
# calls in a handler that hand the failed item back for another attempt
_HANDED_BACK = frozenset({"requeue", "release", "nack", "reject", "retry", "reschedule", "enqueue", "put", "put_nowait",
                          "rpush", "lpush", "xadd", "zadd", "push", "schedule", "retry_later", "defer",
                          "backoff"})  # (`schedule_backoff(row)`: a later attempt is planned)


@register
class DependencyWithoutRetry(Rule):
    """A remote service whose calls are never retried where one transient failure loses work:
    idempotent calls on request paths, or calls made for each item of an in-process queue.

    What it finds:
        One finding per remote dependency and situation (request path, background work; one
        client, one address, or several implementations of one interface grouped together; a
        call the request-path finding cites is not reported again as background work) whose idempotent
        calls (GET, HEAD, PUT, DELETE, or a send carrying an idempotency key or a dedupe field derived
        from the item) run for
        HTTP or WebSocket requests and are retried nowhere: no tenacity/backoff/stamina decorator
        or retrying block on the way, no hand-written loop that catches and tries again, no
        retrying transport (httpx `retries=`, urllib3 `Retry`, aiohttp-retry); a hand-written loop
        around one call (as often a stream's reconnect as a retry) leaves the dependency's other
        calls unjudged only when no declared policy (a tenacity decorator), nor a loop counting the
        attempts of a send (`for attempt in range(5): try: await post(...)`), retries another of them. Non-idempotent calls
        (POST) are listed but never counted as missing a retry there: retrying them needs an
        idempotency key first; neither are calls whose failure is caught where they are made and
        answered with a degraded result (best-effort work that chose to give up). Also reported,
        whatever the method: calls a background worker makes for each item it takes off an
        in-process queue (webhooks, notifications) with no retry and no re-queueing, where one transient
        failure loses the item for good. When
        most functions calling a dependency (at least two) are retried, the one left out is
        reported if it is safe to send again (an idempotent method, an `Idempotency-Key` header,
        or a dedupe field in the body such as `external_ref` or `idempotency_key` derived from
        the item, not minted per attempt). Also reported: a call safe to send again that a
        background loop makes once per long period (hourly, daily, or a sleep until a computed
        time), where one failed attempt loses that period's run. Also reported: a dependency retried
        nowhere whose request-path call sits in a module where another client's call with the same
        method (for reads, any verb: a lookup POSTed to one provider, a GET to the other) is retried by
        a declared policy (a tenacity decorator): the module decided such requests are worth repeating,
        and this client was left out. Also reported: a delivery (a POST or PUT
        from a function that returns no response data, such as a webhook or a push notification,
        or only a status object built from what it sent) retried nowhere, whose every caller
        catches its failure (or the project exception the client translates it into), logs it and
        goes on, or collects it from `gather(..., return_exceptions=True)` and only logs it: the log
        line records the loss, but the delivery is gone (on request paths, in tasks a request starts
        without waiting for them, and where no entry point can be followed to it, such as a handler
        looked up in a dict; known background work is judged by the checks above, and a handler
        that leaves a loop with `break`/`continue` leaves the rest for the next round; a handler passing
        the item it failed to send to another call, `self.submit(event)`, hands it back). A background
        catch-all around the send alone, made for each item of a collection (`try: await push(...)` /
        `except Exception: pass`), gives that item up too. Retry decorators built by a project function
        (`def http_retry(): return retry(...)`, applied as `@http_retry()`) and project policies
        returning a retrying block (`async for attempt in retrying():`) count as retries. A client
        method handed to a wrapper that calls it with the rest of its arguments
        (`await self._breaker.call(self._http.delete, url)`) counts as a call made there. A client
        whose methods all send through one private helper (`_request(method, path)`, called
        directly or handed to a breaker) is judged per method when some of them are retried: each
        way into the helper is a call of its own, with the verb passed to it (`"GET"`) and the
        retry that holds on that way in, so the one method left out of the retry is cited (safe to
        send again when the helper sends an idempotency key). A project function that calls what it
        is handed inside a retry loop (`await retry_async(self._fetch_once, key)`) retries it; forwarders nest (`self._breaker.call(retry_async, self._post, rows)`). A call
        left out of a declared retry policy (not a hand-written loop) most functions of its module put on the same dependency is
        also reported when no request path can be followed to it (background work, a handler looked
        up in a dict, a service built by a factory), as long as project code calls it
        or hands it to a wrapper. Also reported: a client method the project retries with a declared
        policy at some ways in (`retry_async(lambda: self.bank.transfer(...))`: calls in a lambda handed
        to a retry helper are retried) and calls once at no more other ways: the project judged that very
        request safe to send again, and the way left out loses its work to one transient failure. Also
        reported: a send (POST, PUT, ...) retried nowhere whose function tests the answer's status and only
        logs a warning or error when it failed (no raise, no result object handed back, no data read from
        the answer returned on success (a lookup answering None is its caller's choice), the response not
        passed to a checking helper, and no request waiting for a value): a 503 or 429 is treated as final.
        Also reported: a send a background worker makes for each item, whose handler records the item as
        failed for good (`mark_failed(id)`, `job.status = "failed"`) instead of putting it back (a call asked
        to requeue, `fail(job.id, requeue=True)`, puts it back); the project exception the client raises for a
        failed answer (`if resp.status != 202: raise SmsError(...)`) counts as the call's failure.
        Also reported: a call safe to send again that a method of a client class makes directly where
        two or more of the class's methods send through the class's own retrying helper - the same verb,
        or, for a read, any verb, also when the helper's request sits in a closure it hands to a breaker
        (`@with_retry async def _post(...)` defining `send()`): the class settled that this service's
        transient failures are worth another attempt, and the read left out is the safest to repeat.

    Why it matters:
        Connection resets, 502/503 from a restarting upstream and DNS hiccups are routine; a
        single attempt turns each of them into a user-visible error, and during a deploy of the
        dependency every request in flight fails instead of succeeding a few hundred
        milliseconds later.

    Example:
        response = await self._client.get(f"/v1/quotes/{symbol.upper()}")

    Instead:
        Retry transient failures of idempotent calls a few times with exponential backoff and
        jitter, inside the caller's overall timeout:

            @retry(retry=retry_if_exception_type(httpx.TransportError),
                   wait=wait_exponential_jitter(initial=0.2, max=2), stop=stop_after_attempt(3))
            async def get_quote(self, symbol: str) -> QuoteOut:
                ...
    """

    id = "RA410"
    name = "dependency-without-retry"
    category = "no-retry"
    severity = "LOW"
    scope = "project"
    base_effort = 2.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        found = groups(model)
        ctx.examine("remote dependencies", len(found))
        policies = _module_policies(found)
        for group in found:
            calls = group.calls
            if not calls:
                continue
            request = self._request_finding(model, group, calls)
            # the background checks ask about the calls nothing retries, also in a service whose
            # other calls are retried (a client that retries its reads but not its writes); a call
            # the request-path finding already cites is not reported again as background work
            cited = _cited(request)
            finding = self._background_finding(
                model, group, [c for c in calls if not c.retry and (c.path, c.site.line) not in cited])
            if request is None and finding is None:
                finding = self._left_out_elsewhere(model, group, calls, policies)
            yield from (f for f in (request, finding) if f is not None and not _documented(model, f))

    def _left_out_elsewhere(self, model: ProjectModel, group: Group, calls: list[ExternalCall],
                            policies: dict[str, list[tuple[Group, ExternalCall]]]) -> Finding | None:
        """With no request-path or background finding: a call left out of the retry its module's
        other clients, its helper's other ways in or its twins carry, by the first check that fits."""
        finding = self._sibling_finding(model, group, calls, policies)
        if finding is not None:
            return finding
        lifted = through_helpers(model, calls)
        if lifted is not calls and any(c.retry for c in lifted):
            # a shared request helper whose public methods are retried, all but one: each
            # method calling it is a call of its own (with none retried, the helper's own
            # call was judged above)
            finding = self._request_finding(model, group, lifted)
        return finding or self._bypass_finding(model, group, lifted) or self._unreached_left_out(model, group, lifted) \
            or self._twin_finding(model, group, lifted) or self._error_answer_finding(model, group, calls)

    def _bypass_finding(self, model: ProjectModel, group: Group, lifted: list[ExternalCall]) -> Finding | None:
        """A method that makes its call directly where two or more methods of its class send the same
        verb through the class's own retrying helper (`_post_with_retry`): the class settled that these
        sends are repeated, and the one bypassing the helper was left out."""
        call = _bypasses_retrying_helper(model, group.calls, lifted)
        if call is None:
            return None
        return self._left_out_finding(group, [call], lifted, request_entries(model, [call]))

    def _error_answer_finding(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """A delivery whose error answer (a 503, a 429) its own function only logs, retried nowhere: the
        transient failure is treated as final and the message, webhook or upload is gone. A send that is not
        idempotent (a POST: an event, a confirmation) is cited before a PUT, whose next push of the same
        state replaces the one lost."""
        for call in sorted(calls, key=lambda c: c.method in IDEMPOTENT):
            block = _error_answer_dropped(model, call)
            if block is None or any(v is not None for v in call.func.returns_values) and request_entries(model, [call]):
                continue  # a request that gets the failure back can tell its user, who can try again
            answers = _answers_data(call.func)
            description = (
                f"`{short(call.fq)}` sends `{call.method.upper()}` to {group.name} ({group.library}) once; when the "
                f"answer is an error (line {block['line']}) it logs it and goes on without raising, and nothing "
                "retries the call: a 502/503 while the receiver deploys or a 429 under load is treated as final, "
                + ("so the caller gets an empty or default answer (unless it has another source to try) where a "
                   "second attempt would likely have succeeded." if answers else
                   "so that delivery is lost and the caller carries on as if it had been made.")
            )
            recommendation = (
                f"Retry transient answers (5xx, 429) and connection errors inside `{call.func.name}` with backoff "
                "before giving up, and let the caller know when it finally fails (raise, or keep the item for a "
                "later attempt):\n\n"
                + tenacity_example(TRANSIENT_ERRORS.get(group.library, "ConnectionError"), call.func.name,
                                   call.func.is_async, initial=0.5, cap=10, attempts=4, reraise=True)
            )
            related = [Location(call.path, block["line"], block["end"], "error answer logged and dropped here")]
            return self.finding(Location(call.path, call.site.line, call.site.end_line),
                                f"{short(call.fq)} {'turns' if answers else 'drops'} error answers "
                                f"from {group.name}{' into an empty result' if answers else ''} without a retry",
                                description, related=related, recommendation=recommendation)
        return None

    def _unreached_left_out(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """A call safe to send again left out of the retry (a decorator, or a loop counting attempts) that two
        or more other functions of its module calling the same dependency carry, made from project code no request path can be
        followed to (background work, a handler looked up in a dict, a service built by a factory)
        and judged by no other check: the module's own policy says its calls are worth retrying."""
        by_module: dict[str, list[ExternalCall]] = {}
        for call in calls:
            if _declared(call.retry) or _attempts_loop(call) or (not call.retry and _worth_retrying(call, calls)):
                by_module.setdefault(call.path, []).append(call)
        for _path, declared in sorted(by_module.items()):
            missing = [c for c in left_out(declared, lambda c: c.retry) if not c.handled
                       and _used(model, c) and not request_entries(model, [c])]
            if missing:
                return self._left_out_finding(group, missing, calls, [])
        return None

    def _twin_finding(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """A client method the project retries with a declared policy at one way in and calls once at
        another, where the retried ways are not outnumbered (`pay_one_with_retry` wraps
        `bank.transfer` in `retry_async`, `pay_one` next to it does not): the project judged this very
        request safe and worth sending again, and the way left out loses its work to one transient
        failure."""
        twin = _twin_left_out(model, calls)
        if twin is None:
            return None
        call, retried = twin
        description = (
            f"`{short(retried[0].fq)}` retries `{short(call.details['helper'])}` ({retried[0].retry}), so the "
            f"project treats that request to {group.name} ({group.library}) as safe to send again, but "
            f"`{short(call.fq)}` makes the same call once: one connection reset or 503 fails its work for good, "
            "where the retried twin would have succeeded on the next attempt."
        )
        related = [Location(c.path, c.site.line, c.site.end_line, f"{short(c.fq)}, retried: {c.retry}")
                   for c in retried[:3]]
        recommendation = (
            f"Send it through the same retry as `{retried[0].func.name}` (or call that function instead):\n\n"
            + tenacity_example(TRANSIENT_ERRORS.get(group.library, "ConnectionError"), call.func.name,
                               call.func.is_async, initial=0.5, cap=5, attempts=3, reraise=True)
        )
        return self.finding(Location(call.path, call.site.line, call.site.end_line),
                            f"{short(call.fq)} calls {short(call.details['helper'])} once, unlike its retried twin",
                            description, related=related, recommendation=recommendation)

    def _sibling_finding(self, model: ProjectModel, group: Group, calls: list[ExternalCall],
                         policies: dict[str, list[tuple[Group, ExternalCall]]]) -> Finding | None:
        """A dependency retried nowhere, made from a module whose other clients retry the same
        kind of request with a declared policy (an email provider's POST is retried, the SMS
        provider's POST next to it is not): the module settled that these sends are safe and
        worth repeating, and this client was left out."""
        if any(c.retry for c in calls):
            return None
        for call in calls:
            if call.handled:
                continue
            peers = [(g, c) for g, c in policies.get(call.path, ()) if g is not group and _alike(c, call)]
            entries = request_entries(model, [call]) if peers else []
            if entries:
                return self._sibling_policy_finding(group, call, peers, entries)
        return None

    def _sibling_policy_finding(self, group: Group, call: ExternalCall, peers: list, entries: list) -> Finding:
        peer_group, peer = peers[0]
        names = sorted({e.name for e, _c in entries})
        description = (
            f"`{short(call.fq)}` sends `{call.method.upper()}` to {group.name} ({group.library}) once, while "
            f"`{short(peer.fq)}` in the same module retries its `{peer.method.upper()}` to {peer_group.name} "
            f"({peer.retry}). Nothing retries {group.name}: one connection reset or 503 from the provider fails "
            f"{', '.join(names[:5])}{', ...' if len(names) > 5 else ''}, where the sibling client would have "
            "succeeded on the next attempt."
        )
        related = [Location(peer.path, peer.site.line, peer.site.end_line, f"{short(peer.fq)}, retried: {peer.retry}")]
        related += client_locations(group, "the client this call uses")
        error = TRANSIENT_ERRORS.get(group.library, "ConnectionError") if call.method in IDEMPOTENT else \
            _CONNECT_ERRORS.get(group.library, "ConnectionError")
        recommendation = (
            f"Give `{call.func.name}` a retry like its sibling's, limited to errors raised before the request "
            f"reached {group.name} (connection failures) when the request is not idempotent, so a send is never "
            "repeated after it was accepted:\n\n"
            + tenacity_example(error, call.func.name, call.func.is_async, initial=0.5, cap=5, attempts=3,
                               reraise=True)
        )
        return self.finding(Location(call.path, call.site.line, call.site.end_line),
                            f"{short(call.fq)} is not retried, unlike its sibling client", description,
                            related=related, recommendation=recommendation)

    def _request_finding(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """Idempotent calls on request paths retried nowhere, or left out of the service's retry."""
        if any(c.retry for c in calls):
            left = self._left_out_on_request(model, group, calls)
            if left is not None or any(retry_loop_line(c.retry) for c in calls) \
                    and not any(_declared(c.retry) or _send_attempts(c) for c in calls):
                return left  # a hand-written loop alone is as often a stream's reconnect: no policy to compare with
            # a GET on a request path is worth retrying whether or not a sibling call is: a retry
            # around the refund does not make the status read next to it survive a reset (only the
            # reads requests reach are cited: a scheduled job's read is the background checks')
            calls = [c for c in calls if not c.retry]
        return self._unretried_reads(model, group, calls)

    def _left_out_on_request(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """Calls on request paths left out of the retry their siblings have."""
        candidates = [c for c in calls if c.retry or _worth_retrying(c, calls)]
        missing = left_out(candidates, lambda c: c.retry) or _left_out_in_module(candidates)
        entries = request_entries(model, missing) if missing else []
        return self._left_out_finding(group, missing, calls, entries) if entries else None

    def _unretried_reads(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """Idempotent calls on request paths that nothing retries."""
        # a call whose failure is caught where it is made and answered with a degraded result
        # (a best-effort preview returning None) does not turn into an error for the caller
        # a send carrying an idempotency key (or a dedupe field derived from the item) is as safe to
        # repeat as a GET: its author made it so, and a lost answer is what the key is for
        # (idempotent methods cited first: a read is the plainest case of a call worth repeating)
        idempotent = sorted((c for c in calls if retry_safe(c) and not c.handled),
                            key=lambda c: c.method not in IDEMPOTENT and not c.operation.endswith(".get"))
        entries = request_entries(model, idempotent) if idempotent and (
            group.shared or len({c.fq for c in idempotent}) >= 2) else []
        if entries and len(calls) < len(group.calls):
            ends = chain_ends(model, entries)
            idempotent = [c for c in idempotent if c.fq in ends] or idempotent
        return self._finding(group, idempotent, calls, entries) if entries else None

    def _background_finding(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """Calls made by background work where one transient failure loses what the work was doing."""
        if not calls:
            return None
        dropped = queue_uses(model, calls)
        if dropped:
            return self._queue_finding(model, group, dropped)
        ignored = _ignored_failures(model, calls)
        if ignored:
            return self._ignored_finding(model, group, *ignored)
        detached = detached_uses(model, calls)
        skipped = _skipped_items(model, calls)
        # an item marked failed is lost for good: reported before another call's skip, which the next run redoes
        given_up = None if detached else _given_up(model, calls, marked_only=True)
        if given_up and not (skipped and skipped[0] is given_up[0]):
            return self._given_up_finding(model, group, *given_up)
        if skipped:
            return self._skipped_finding(model, group, *skipped)
        if detached:
            return self._detached_finding(group, detached)
        logged = _detached_and_logged(model, calls)
        if logged:
            return self._detached_logged_finding(group, *logged)
        dropped = _logged_and_dropped(model, calls)
        if dropped:
            return self._dropped_finding(model, group, *dropped)
        given_up = _given_up(model, calls)
        if given_up:
            return self._given_up_finding(model, group, *given_up)
        scheduled = _scheduled_reads(model, calls)
        return self._scheduled_finding(group, scheduled) if scheduled else None

    def _finding(self, group: Group, idempotent: list, calls: list, entries: list) -> Finding:
        first = idempotent[0]
        others = len(calls) - len(idempotent)
        names = sorted({e.name for e, _c in entries})
        description = (
            f"{group.name} ({group.library}) is called from {len(calls)} place{'s' if len(calls) != 1 else ''}; "
            f"{len(idempotent)} idempotent call{'s' if len(idempotent) != 1 else ''} "
            f"({', '.join(sorted({short(c.fq) for c in idempotent})[:5])}) serve{'s' if len(idempotent) == 1 else ''} "
            f"{', '.join(names[:5])}{', ...' if len(names) > 5 else ''}, and none is retried: one transient "
            "failure of the dependency becomes an error for the caller."
            + (f" {others} non-idempotent call{'s are' if others != 1 else ' is'} not counted." if others else "")
        )
        related = _not_retried(idempotent[1:_MAX_RELATED])
        related += client_locations(group, "the client these calls use")
        name, is_async = example_function(idempotent)
        error = TRANSIENT_ERRORS.get(group.library, "ConnectionError")
        recommendation = (
            "Retry transient failures of the idempotent calls a few times with exponential backoff and jitter, "
            "inside the caller's overall time budget (tenacity shown):\n\n"
            + tenacity_example(error, name, is_async, initial=0.2, cap=2, attempts=3)
        )
        return self.finding(Location(first.path, first.site.line, first.site.end_line),
                            f"no retry for {group.name}", description, related=related,
                            recommendation=recommendation)

    def _left_out_finding(self, group: Group, missing: list, calls: list, entries: list) -> Finding:
        first = missing[0]
        retried = sorted({c.fq: c for c in calls if c.retry}.values(), key=lambda c: (c.path, c.site.line))
        names = sorted({e.name for e, _c in entries})
        description = (
            f"{len(retried)} of the functions calling {group.name} ({group.library}) "
            f"retr{'ies' if len(retried) == 1 else 'y'} "
            "transient failures "
            f"({', '.join(f'`{short(c.fq)}`: {c.retry}' for c in retried[:4])}), but `{short(first.fq)}` sends its "
            f"`{first.method.upper()}` once, although it is safe to send again"
            f"{_why_safe(first)}. " + (
                f"It serves {', '.join(names[:5])}{', ...' if len(names) > 5 else ''}: one connection reset fails "
                "that request" if names else "One connection reset fails the work that calls it")
            + " while every other call to the same service would have succeeded on the next attempt."
        )
        related = _not_retried(missing[1:_MAX_RELATED])
        related += [Location(c.path, c.site.line, c.site.end_line, f"{short(c.fq)}, retried: {c.retry}")
                    for c in retried[:3]]
        model_retry = next((c.retry for c in retried if c.retry.startswith("@")), "")
        recommendation = (
            f"Give `{first.func.name}` the same retry as its siblings"
            + (f" ({model_retry}, with the same `retry=` filter for transient errors)" if model_retry else "") + ":\n\n"
            + tenacity_example(TRANSIENT_ERRORS.get(group.library, "ConnectionError"), first.func.name,
                               first.func.is_async, initial=0.2, cap=4, attempts=3, reraise=True)
        )
        return self.finding(Location(first.path, first.site.line, first.site.end_line),
                            f"{short(first.fq)} is the one call to {group.name} that is not retried", description,
                            related=related, recommendation=recommendation)

    def _ignored_finding(self, model: ProjectModel, group: Group, call: ExternalCall, callers: list) -> Finding:
        name = short(call.fq)
        where, related = _callers_at(model, callers, "the result (False on failure) is dropped here")
        description = (
            f"`{name}` sends `{call.method.upper()}` to {group.name} ({group.library}) once, catches the failure and "
            f"returns False, and the background code that calls it, {where}, drops that result: a failed delivery "
            "(a connection reset, a 502 while the receiver deploys) is neither retried nor put back, and the job "
            "goes on as if it had succeeded."
        )
        recommendation = (
            f"Retry transient failures inside `{call.func.name}` with backoff, and let the caller act on a final "
            "failure (keep the work pending for the next round instead of marking it done):\n\n"
            + tenacity_example(TRANSIENT_ERRORS.get(group.library, "ConnectionError"), call.func.name,
                               call.func.is_async, initial=0.5, cap=10, attempts=4) + "\n\n"
            f"    if not await {callers[0].site.name}(...):\n"
            "        continue  # leave it unsent; the next round tries again"
        )
        return self.finding(Location(call.path, call.site.line, call.site.end_line),
                            f"failed calls to {group.name} in {name} are dropped, never retried", description,
                            related=related, recommendation=recommendation)

    def _skipped_finding(self, model: ProjectModel, group: Group, call: ExternalCall, callers: list) -> Finding:
        name = short(call.fq)
        where, related = _callers_at(model, callers, "a failure here skips the item")
        key = "" if call.method in IDEMPOTENT else " with an idempotency key"
        description = (
            f"`{name}` sends `{call.method.upper()}` to {group.name} ({group.library}){key}, so it is safe to send "
            f"again, yet nothing retries it: the background loop calling it, {where}, catches a failure and skips to "
            "the next item. One connection reset or 502 while the service deploys leaves that item undone until "
            "someone runs the job again."
        )
        related += client_locations(group, "the client this call uses")
        error = TRANSIENT_ERRORS.get(group.library, "ConnectionError")
        recommendation = (
            f"Retry transient failures inside `{call.func.name}` (the request is safe to repeat), and skip the item "
            "only after the last attempt:\n\n"
            + tenacity_example(error, call.func.name, call.func.is_async, initial=0.5, cap=10, attempts=4,
                               reraise=True)
        )
        return self.finding(Location(call.path, call.site.line, call.site.end_line),
                            f"{name} is never retried; a transient failure skips the item", description,
                            related=related, recommendation=recommendation)

    def _detached_finding(self, group: Group, uses: list) -> Finding:
        call = uses[0][0]
        calls = sorted({(c.path, c.site.line): c for c, _e in uses}.values(), key=lambda c: (c.path, c.site.line))
        runs = sorted({_detached_name(e) for _c, e in uses})
        safe = retry_safe(call)
        description = (
            f"`{short(call.fq)}` sends `{call.method.upper()}` to {group.name} ({group.library}) once, from work "
            f"nothing waits for or runs again: {', '.join(runs[:4])}{', ...' if len(runs) > 4 else ''}. When the call "
            "fails (a connection reset, a 502 or 503 while the provider deploys) the error ends that work, nothing "
            "retries it or puts it back, and what it was sending is lost without anyone being told."
        )
        related = _not_retried(calls[1:_MAX_RELATED])
        related += [Location(e.started_at[0], e.started_at[1], e.started_at[1], f"{_detached_name(e)} starts here")
                    for e in sorted({id(e): e for _c, e in uses}.values(), key=lambda e: e.name)
                    if e.started_at][:4]
        error = TRANSIENT_ERRORS.get(group.library, "ConnectionError")
        key = "" if safe else (
            f" `{call.method.upper()}` is not idempotent: send an idempotency key where {group.name} supports one, "
            "so a retry after a lost response does not deliver twice (for a message such as an e-mail receipt a rare "
            "duplicate is usually tolerable, a lost one is not).")
        recommendation = (
            "Retry transient failures with exponential backoff before the work gives up, and record a final failure "
            f"where it can be replayed (a job queue with retries, an outbox row).{key}\n\n"
            + tenacity_example(error, call.func.name, call.func.is_async, initial=0.5, cap=10, attempts=4,
                               reraise=True)
        )
        return self.finding(Location(call.path, call.site.line, call.site.end_line),
                            f"calls to {group.name} in detached background work are never retried", description,
                            related=related, recommendation=recommendation)

    def _detached_logged_finding(self, group: Group, call: ExternalCall, handler: dict, entries: list) -> Finding:
        """Cited at the send: the retry belongs around it, inside the task."""
        starts = sorted({e.started_at for e in entries if e.started_at})
        description = (
            f"`{short(call.fq)}` runs as a task nothing waits for ({_detached_name(entries[0])}) and sends "
            f"`{call.method.upper()}` to {group.name} ({group.library}) once; when the send fails it logs the error "
            f"(line {handler['line']}) and ends. Nothing retries the task or keeps what it was sending: one connection "
            "reset or 502 while the receiver deploys loses that delivery for good, and only a log line says so."
        )
        related = [Location(call.path, handler["line"], handler["end"], "the failure is logged and dropped here")]
        related += [Location(path, line, line, "the task is started here") for path, line in starts[:3]]
        recommendation = _send_once_recommendation(
            group, call, f"Retry transient failures inside `{call.func.name}` with backoff before logging the loss.",
            "an outbox a worker retries", cap=10, attempts=4)
        return self.finding(Location(call.path, call.site.line, call.site.end_line),
                            f"{short(call.fq)} sends once from a detached task; a failure is only logged",
                            description, related=related, recommendation=recommendation)

    def _given_up_finding(self, model: ProjectModel, group: Group, call: ExternalCall, edge) -> Finding:
        """Cited where the background work gives the item up: that line shows the loss."""
        facts, caller = model.functions[edge.caller]
        description = (
            f"`{short(edge.caller)}` (background work) sends `{call.method.upper()}` to {group.name} "
            f"({group.library}) once through `{short(call.fq)}`; when it fails, the handler gives the item up "
            "(logs it or marks it failed) without retrying or putting it back: one connection reset or 502 "
            "while the service deploys loses that work for good."
        )
        related = [Location(call.path, call.site.line, call.site.end_line, "the request, retried nowhere")]
        related += client_locations(group, "the client this call uses")
        recommendation = (
            f"Retry transient failures of `{call.func.name}` with backoff before giving up, and leave the item for "
            "a later attempt (re-queue it, keep it pending) when the last attempt fails:\n\n"
            + tenacity_example(TRANSIENT_ERRORS.get(group.library, "ConnectionError"), call.func.name,
                               call.func.is_async, initial=0.5, cap=10, attempts=4, reraise=True)
        )
        return self.finding(Location(facts.path, edge.site.line, edge.site.end_line),
                            f"{short(caller.name)} gives up on {group.name} after one failed attempt", description,
                            related=related, recommendation=recommendation)

    def _dropped_finding(self, model: ProjectModel, group: Group, call: ExternalCall, callers: list) -> Finding:
        name = short(call.fq)
        where, related = _callers_at(model, callers, "the failure is logged and dropped here")
        description = (
            f"`{name}` delivers a `{call.method.upper()}` to {group.name} ({group.library}) once and returns no response data, "
            f"and its caller{'s' if len(callers) != 1 else ''}, {where}, catch{'es' if len(callers) == 1 else ''} "
            "the failure, log it and go on: one connection reset or 502 while the receiver deploys loses that "
            "delivery for good. The log line records the loss; nothing retries it or keeps it for a later attempt."
        )
        related += client_locations(group, "the client this call uses")
        recommendation = _send_once_recommendation(
            group, call, f"Retry transient failures inside `{call.func.name}` with backoff before the caller gives up.",
            "an outbox table that a worker retries", cap=5, attempts=3)
        return self.finding(Location(call.path, call.site.line, call.site.end_line),
                            f"{name} is sent once; a failed delivery is only logged", description,
                            related=related, recommendation=recommendation)

    def _scheduled_finding(self, group: Group, uses: list) -> Finding:
        call, entry = uses[0]
        loop = entry.details["loop"]
        description = (
            f"`{short(call.fq)}` sends `{call.method.upper()}` to {group.name} ({group.library}) once per run of "
            f"`{short(entry.function)}`, a background loop that runs again only after `sleep({loop['sleep']})` "
            f"({loop['path']}:{loop['sleep_line']}), and nothing retries the call: one connection reset or 502 "
            "while the provider deploys loses that whole run (and the error ends the loop if nothing catches it), "
            + ("although the request is safe to send again." if retry_safe(call) else
               f"although the other methods of `{call.func.class_name}` calling the same client are retried."
               if _left_out_of_class_policy(call, group.calls) else
               "although a retry limited to connection errors (raised before the request reached the service) "
               "is safe even for this request, which is not idempotent.")
        )
        related = _not_retried([c for c, _e in uses[1:_MAX_RELATED]])
        related.append(Location(loop["path"], loop["sleep_line"], loop["sleep_line"],
                                "the next run only starts after this"))
        recommendation = (
            f"Retry transient failures inside `{call.func.name}` with backoff before the run gives up (a scheduled "
            "run has minutes to spare, a lost one waits for the next period)"
            + (":\n\n" if retry_safe(call) else ", limited to errors raised before the request reached the "
               "service, since the request is not idempotent:\n\n")
            + tenacity_example(TRANSIENT_ERRORS.get(group.library, "ConnectionError") if retry_safe(call) else
                               _CONNECT_ERRORS.get(group.library, "ConnectionError"), call.func.name,
                               call.func.is_async, initial=1, cap=30, attempts=5, reraise=True)
        )
        return self.finding(Location(call.path, call.site.line, call.site.end_line),
                            f"{short(call.fq)} is never retried in a run that comes back only after a long sleep",
                            description, related=related, recommendation=recommendation)

    def _queue_finding(self, model: ProjectModel, group: Group, uses: list[QueueUse]) -> Finding:
        first = uses[0]
        call, channel = first.call, first.channel
        calls = sorted({(u.call.path, u.call.site.line): u.call for u in uses}.values(),
                       key=lambda c: (c.path, c.site.line))
        workers = sorted({short(u.worker) for u in uses})
        description = (
            f"`{short(call.fq)}` sends `{call.method.upper()}` to {group.name} ({group.library}) once for each item "
            f"that {', '.join(f'`{w}`' for w in workers)} take{'s' if len(workers) == 1 else ''} from the in-process "
            f"queue created at {channel['path']}:{channel['line']}, and nothing retries it: when the call fails "
            "(a connection reset, a 502 during the receiver's deploy) the item has already left the queue and "
            "nothing puts it back, so that delivery is lost for good."
        )
        related = _not_retried(calls[1:_MAX_RELATED])
        related.append(Location(channel["path"], channel["line"], channel["line"], "the queue the items come from"))
        facts, func = model.functions[first.worker]
        related.append(Location(facts.path, func.line, func.line, "the worker that takes them off the queue"))
        error = TRANSIENT_ERRORS.get(group.library, "ConnectionError")
        recommendation = (
            "Retry transient failures a few times with backoff before giving the item up (send an idempotency key "
            "with non-idempotent requests so a retried delivery is not applied twice), or put the item back on the "
            "queue with an attempt count:\n\n"
            + tenacity_example(error, call.func.name, call.func.is_async, initial=0.5, cap=10, attempts=4)
        )
        impact = ("Routine transient failures (a reset connection, a 502 while the receiver deploys) silently drop "
                  "deliveries: the webhook, page or message never arrives, and nothing records that it should have.")
        return self.finding(Location(call.path, call.site.line, call.site.end_line),
                            f"calls to {group.name} for queued items are never retried", description, related=related,
                            recommendation=recommendation, impact=impact)


# errors raised before a request reached the server: safe to retry even for a POST
_CONNECT_ERRORS = {"httpx": "httpx.ConnectError", "aiohttp": "aiohttp.ClientConnectorError"}


def _declared(retry: str) -> bool:
    """A declared retry policy (a decorator, a retrying block or wrapper), not a hand-written loop,
    which is as often a stream's reconnect."""
    return bool(retry) and not retry_loop_line(retry)


def _attempts_loop(call: ExternalCall) -> bool:
    """A hand-written retry counted in attempts (`for attempt in range(4): try: ... except: sleep`):
    a bounded loop that tries one request again is a retry policy its author chose, not the
    reconnect loop of a stream (which runs until shutdown)."""
    line = retry_loop_line(call.retry)
    iterable = call.func.extra.get("loops", {}).get(line, {}).get("iter") if line else None
    return isinstance(iterable, dict) and iterable.get("call") in ("range", "itertools.count")


def _send_attempts(call: ExternalCall) -> bool:
    """A loop counting attempts around a send (`for attempt in range(5): try: await post(...)` /
    `except TransportError: sleep`): a stream's reconnect or a poll reads again, it does not send
    again, so this is a retry policy the author chose for the dependency."""
    return call.method not in ("get", "head") and _attempts_loop(call)


def _twin_left_out(model: ProjectModel, calls: list[ExternalCall]) -> tuple[ExternalCall, list] | None:
    """(call left out, the retried ways) for a client method reached from several project
    functions, some through a declared retry policy and no more of them without one; a way whose
    failure is answered where it is made, or that no project code uses, is not counted."""
    by_helper: dict[str, list[ExternalCall]] = {}
    for call in calls:
        if call.details.get("helper"):
            by_helper.setdefault(call.details["helper"], []).append(call)
    for _helper, ways in sorted(by_helper.items()):
        retried = [c for c in ways if _declared(c.retry)]
        bare = [c for c in ways if not c.retry and not c.handled and _used(model, c)]
        bare_fqs, retried_fqs = {c.fq for c in bare}, {c.fq for c in retried}
        if bare and retried and len(bare_fqs) <= len(retried_fqs) and bare_fqs.isdisjoint(retried_fqs):
            return bare[0], retried
    return None


# Response attributes that tell a failed answer from a good one.
_STATUS_ATTRS = ("status_code", "status", "is_error", "is_success", "ok", "is_server_error")


def _error_answer_dropped(model: ProjectModel, call: ExternalCall) -> dict | None:
    """The `if` after an unretried HTTP send that tests the response's status and only logs (no
    raise, no `raise_for_status`), in a function no retry wrapper is handed: the error answer
    ends there."""
    if call.retry or call.kind != "http-client" or not _delivers(call) or call.fq in handed_over(model):
        return None
    func, name = call.func, _response_name(call)
    if not name or any(site.func == (name, "raise_for_status") or {"ref": name} in site.args for site in func.calls):
        return None  # checked by raising, or handed to a helper that checks it
    if _hands_back_answer(func, name):
        return None  # a lookup: its caller gets nothing back on an error answer and chooses what to do
    tests = {f"{name}.{attr}" for attr in _STATUS_ATTRS}
    for block in blk.blocks(func, "if"):
        if block["line"] > call.site.line and tests & set(block.get("chains", ())):
            if blk.raises_in(func, block["line"], block["end"]) or _reports_failure(func, block) \
                    or not _logs_failure(func, block):
                return None
            return block
    return None


def _hands_back_answer(func, name: str) -> bool:
    """A `return` hands back what the answer holds (`return await response.json()`, `return
    response.text`; not only its status code): the function reads data, it does not deliver any."""
    def from_answer(value) -> bool:
        text = value.get("call") or value.get("ref") if isinstance(value, dict) else None
        return isinstance(text, str) and (text == name or text.startswith(f"{name}.")) \
            and text.split(".", 1)[-1] not in _STATUS_ATTRS
    return any(from_answer(value) for value in func.returns_values)


def _answers_data(func) -> bool:
    """A `return` hands back a collection (`return query, results`, `return {}`), not a status
    (`return False`, `return resp.status_code`): a read that answers empty on an error answer,
    not a delivery that is lost."""
    return any(isinstance(value, dict) and value.get("literal") in ("tuple", "list", "dict", "set")
               for value in func.returns_values)


def _response_name(call: ExternalCall) -> str:
    """The local the call's response is bound to (`resp = await client.post(...)`), "" when none."""
    return next((n for n, v in call.func.bound_on(call.site.line) if "call" in v), "")


def _logs_failure(func, block: dict) -> bool:
    """A warning or error is logged inside the block (not a success or debug line)."""
    return any(site.func and len(site.func) >= 2 and site.func[-1] in _FAILURE_LOGS
               for site in blk.calls_in(func, block["line"], block["end"]))


_FAILURE_LOGS = frozenset({"warning", "warn", "error", "exception", "critical"})


def _documented(model: ProjectModel, finding: Finding) -> bool:
    """A cited call whose author wrote down, beside it, that it is made once on purpose
    (`# sent once; the reconciler resolves a lost answer`): a decision, not an oversight."""
    where = finding.location
    return single_send_documented(model, where.path, where.start_line)


def _bypasses_retrying_helper(model: ProjectModel, calls: list[ExternalCall],
                              lifted: list[ExternalCall]) -> ExternalCall | None:
    """The first call, safe to send again and not caught where it is made, made directly by a method
    of a class two or more of whose own methods send the same verb to the same client through a shared
    helper of the class that retries (its own loop or decorator): the helper is the class's retry
    policy for that verb. (A hand-written loop in a helper many methods share is a policy, not a
    stream's reconnect.)"""
    via_helper = [c for c in lifted if c.retry and c.details.get("helper")]
    return next((call for call in calls if _bypass_candidate(model, call)
                 and len(_helper_peers(call, via_helper) or _closure_peers(model, call, calls)) >= 2), None)


def _closure_peers(model: ProjectModel, call: ExternalCall, calls: list[ExternalCall]) -> set[str]:
    """For a read: the methods of its class calling a retried helper of that class whose request is
    made by a function nested in it (`@with_retry async def _post(...)` defining `send()` for its
    breaker): the helper is the class's retry policy even though its call sits in the closure."""
    if not fetches(call):
        return set()
    owner = _owner_class(call.fq)
    helpers = {c.fq.split(".<locals>.", 1)[0] for c in calls if c.retry and c.client is not None
               and c.client == call.client and ".<locals>." in c.fq and _owner_class(c.fq) == owner}
    return {e.caller for helper in helpers for e in model.callers.get(helper, ())
            if e.caller != helper and _owner_class(e.caller) == owner and e.caller != call.fq}


def _bypass_candidate(model: ProjectModel, call: ExternalCall) -> bool:
    """A used method's own call, not retried, not caught where it is made, and safe to send again."""
    return not call.retry and not call.handled and bool(call.func.class_name) and retry_safe(call) \
        and _used(model, call)


def _helper_peers(call: ExternalCall, via_helper: list[ExternalCall]) -> set[str]:
    """The methods of the call's class sending its verb to its client through a retrying helper of that
    class; for a read, any verb: a class that retries its sends (`@with_retry` on `_post`) has settled
    that this service's transient failures are worth another attempt, and a read is the safest to repeat."""
    owner = _owner_class(call.fq)
    return {c.fq for c in via_helper if (c.method == call.method or fetches(call)) and c.client is not None
            and c.client == call.client and _owner_class(c.details["helper"]) == _owner_class(c.fq) == owner
            and c.details["helper"] != call.fq}


def _used(model: ProjectModel, call: ExternalCall) -> bool:
    """Project code calls the call's function, or hands it to a forwarder to run."""
    return bool(model.callers.get(call.fq)) or call.fq in handed_over(model)


def _module_policies(found: list[Group]) -> dict[str, list[tuple[Group, ExternalCall]]]:
    """path -> the calls made there that a declared policy retries (a decorator, a retrying block;
    not a hand-written loop, which is as often a stream's reconnect)."""
    out: dict[str, list[tuple[Group, ExternalCall]]] = {}
    for group in found:
        for call in group.calls:
            if _declared(call.retry) and not is_test_path(call.path):
                out.setdefault(call.path, []).append((group, call))
    return out


def _alike(peer: ExternalCall, call: ExternalCall) -> bool:
    """A request the peer's retry vouches for: a read beside any retried read (a rate lookup POSTed to
    one provider, fetched with a GET from the other) or a retried send of its verb; a send only beside
    a retried send of its verb (a retried read says nothing about repeating a send)."""
    if fetches(call):
        return fetches(peer) or peer.method == call.method
    return peer.method == call.method and not fetches(peer)


def _not_retried(calls: list[ExternalCall]) -> list[Location]:
    """Related locations for the other calls a finding is about."""
    return [Location(c.path, c.site.line, c.site.end_line, f"`{c.method}` in {short(c.fq)}, not retried")
            for c in calls]


def _cited(finding: Finding | None) -> set[tuple[str, int]]:
    """The call sites a finding names (its location and related locations)."""
    if finding is None:
        return set()
    return {(loc.path, loc.start_line) for loc in [finding.location, *finding.related_locations]}


def _why_safe(call: ExternalCall) -> str:
    if call.method in IDEMPOTENT:
        return ""
    return " (it only asks for an answer: a ranking, a search)" if read_only_post(call) else \
        " (it carries an idempotency key)"


def _left_out_in_module(calls: list[ExternalCall]) -> list[ExternalCall]:
    """The calls that are safe to repeat but not retried, in a module whose other functions
    calling the same dependency retry it with a declared policy (a decorator, a tenacity block)
    and are at least as many: one client module that retries `similar_courses` but not
    `ranked_courses` forgot the second. A hand-written loop does not count: it is as often the
    reconnect loop of a stream as a retry of one request, so it neither counts as the module's
    policy nor leaves its call unretried."""
    by_module: dict[str, list[ExternalCall]] = {}
    for call in calls:
        by_module.setdefault(call.path, []).append(call)
    for _path, group in sorted(by_module.items()):
        declared = [c for c in group if not c.retry or _declared(c.retry)]
        missing = left_out(declared, lambda c: c.retry, shared_state=True)
        if missing:
            return missing
    return []


def _skipped_items(model: ProjectModel, calls: list[ExternalCall]) -> tuple[ExternalCall, list] | None:
    """A call that is safe to send again (idempotent, or carrying an idempotency key) made once for
    each item of a loop in background code, whose failure that loop catches and skips with
    `continue`: one transient error leaves the item undone until someone runs the job again."""
    ran_in_background = background(model)
    for call in calls:
        if call.retry or call.handled or not retry_safe(call):
            continue
        skipping = [e for e in model.callers.get(call.fq, ()) if e.caller in ran_in_background and e.site.loop_line
                    and not is_test_path(model.functions[e.caller][0].path)
                    and _skipped_on_failure(model, e, call.library)]
        if skipping:
            return call, skipping
    return None


def _skipped_on_failure(model: ProjectModel, edge, library: str) -> bool:
    """The call site sits in a `try` inside its loop whose handler for the library's errors ends in `continue`."""
    facts, func = model.functions[edge.caller]
    return any(block["line"] >= edge.site.loop_line and handler.get("exit") == "continue"
               for block, handler in catching_handlers(analysis(model).tracer, facts, func, edge.site.line, library))


def _ignored_failures(model: ProjectModel, calls: list[ExternalCall]) -> tuple[ExternalCall, list] | None:
    """A call whose failure its function catches and reports only by returning False, where the
    background code calling that function drops the result (`await hooks.deliver(...)`)."""
    ran_in_background = background(model)
    for call in calls:
        if not call.handled or call.retry or not any(v is False for v in call.func.returns_values):
            continue
        callers = [e for e in model.callers.get(call.fq, ()) if (e.site.await_dropped or e.site.discarded)
                   and e.caller in ran_in_background and not is_test_path(model.functions[e.caller][0].path)]
        if callers:
            return call, callers
    return None


def _logged_and_dropped(model: ProjectModel, calls: list[ExternalCall]) -> tuple[ExternalCall, list] | None:
    """A delivery (a request that sends, in a function returning no response data: nothing, or
    a success flag) that no retry covers, made for HTTP or WebSocket requests (or in a task one
    starts without waiting for it), whose callers all
    catch its failure, log it and go on: a webhook or push notification lost on the first
    transient error. Reads are left out (the caller chose a degraded answer), as are calls caught
    where they are made, sends that mint a fresh dedupe key per attempt, and background work
    (its queue, schedule or next round is judged by the other checks)."""
    tracer = analysis(model).tracer
    for call in calls:
        if not _unretried_delivery(call):
            continue
        callers = [e for e in model.callers.get(call.fq, ()) if not is_test_path(model.functions[e.caller][0].path)]
        translated = _translated(model, tracer, call)
        dropping = [e for e in callers if _logs_and_goes_on(model, tracer, e, call.library, translated)]
        if dropping and len(dropping) == len(callers) and (request_entries(model, [call])
                                                           or spawned_by_requests(model, [call])
                                                           or _unreached(model, call)):
            return call, dropping
    return None


def _detached_and_logged(model: ProjectModel, calls: list[ExternalCall]) -> tuple[ExternalCall, dict, list] | None:
    """(call, handler, task entries) for an HTTP send (not a read, nor one minting a fresh dedupe key per
    attempt) retried nowhere, made by a function that is itself a one-shot task nothing waits for
    (`create_task(self._deliver(sub, body))`) and hands back no response data, whose own handler around
    the send catches its failure, logs it and ends: no caller exists to retry or keep the delivery, so
    the log line is all that is left of it. A handler that re-raises, reports a result, hands the item
    on or back, or leaves a loop for the next item is not giving the delivery up silently."""
    tasks: dict[str, list] = {}
    for entry in model.app.of_kind("task"):
        if not entry.details.get("at_startup") and not entry.details.get("loop") and not is_test_path(entry.path):
            tasks.setdefault(entry.function, []).append(entry)
    tracer = analysis(model).tracer
    for call in calls:
        if call.fq not in tasks or call.retry or not call.handled or call.kind != "http-client" \
                or not _delivers(call) or read_only_post(call) or fresh_dedupe_key(call) \
                or any(v is not None for v in call.func.returns_values):
            continue
        found = next(catching_handlers(tracer, call.facts, call.func, call.site.line, call.library,
                                       innermost_first=True), None)
        if found is None:
            continue
        handler, func = found[1], call.func
        sites = blk.calls_in(func, handler["line"], handler["end"])
        if blk.handler_logs(func, handler) and not blk.handler_reraises(func, handler) \
                and handler.get("exit") not in ("break", "continue") and not _reports_failure(func, handler) \
                and not any(_hands_back(site) or _passes_item(site, call.site) for site in sites):
            return call, handler, tasks[call.fq]
    return None


def _given_up(model: ProjectModel, calls: list[ExternalCall], marked_only: bool = False):
    """A send (not a read) retried nowhere whose background caller catches its failure (the library's
    errors, or the project exception the client translates them into) and gives the item up: the
    handler neither re-raises, nor hands the item back (re-queue, release, nack), nor leaves its loop
    for the next round (unless it first marks the item failed for good). A poll that fails is asked again
    next round; a send given up is lost."""
    ran_in_background = background(model)
    tracer = analysis(model).tracer
    for call in calls:
        if call.retry or call.handled or not _delivers(call) or read_only_post(call):
            continue
        callers = [e for e in model.callers.get(call.fq, ()) if e.caller in ran_in_background
                   and not is_test_path(model.functions[e.caller][0].path)]
        translated = _translated(model, tracer, call) if callers else frozenset()
        edge = next((e for e in callers if _gives_up(model, tracer, e, call.library, translated, marked_only)), None)
        if edge is not None:
            return call, edge
    return None


def _gives_up(model: ProjectModel, tracer, edge, library: str, translated: frozenset[str],
              marked_only: bool = False) -> bool:
    """The innermost handler around the call site catches its failure and ends the item there (with
    `marked_only`, only by recording it as failed)."""
    func = model.functions[edge.caller][1]
    found = _innermost_catch(model, tracer, edge, library, translated)
    if found is None or is_broad(found[1].get("types") or []) and not _wraps_only(func, found[0], edge.site):
        return False  # (a catch-all around several steps is best-effort cleanup, not a choice about this call)
    handler = found[1]
    calls = blk.calls_in(func, handler["line"], handler["end"])
    if blk.handler_reraises(func, handler) or any(_hands_back(site) or _passes_item(site, edge.site) for site in calls):
        return False
    # leaving the loop for the next round gives nothing up, unless the handler first records the
    # item as failed for good (`mark(doc.id, "failed")`, then `continue`): no round takes it again
    marked = any(_marks_failed(site) for site in calls) or _records_failed(func, handler)
    return marked or not marked_only and handler.get("exit") not in ("break", "continue")


def _wraps_only(func, block, site) -> bool:
    """The `try` body is the call's own statement and nothing else, made for each item of a collection
    (`for account in due: try: await push(...)` / `except Exception: pass`): a catch-all there is a
    choice about this one send, not cleanup of a batch nor a periodic loop's next round."""
    return block.get("kind") == "try" and site.line == block["line"] + 1 and site.end_line == block["end"] \
        and block["line"] > site.loop_line > 0 and any(
            b["line"] == site.loop_line and b.get("ends_on_success") and not b.get("forever")
            for b in blk.blocks(func, "loop"))


# words in a call's name, or status values it is given, that record an item as failed for good
_FAILED_WORDS = frozenset({"fail", "failed", "failure", "dead", "abandon", "abandoned", "errored"})


def _marks_failed(site) -> bool:
    """A call recording the item as failed (`mark_failed(id)`, `set_status(id, "failed")`)."""
    words = set(site.func[-1].lower().split("_")) if site.func else set()
    values = [*site.args, *site.kwargs.values()]
    return bool(words & _FAILED_WORDS) or any(isinstance(v, str) and v.lower() in _FAILED_WORDS for v in values)


def _records_failed(func, handler) -> bool:
    """The handler writes a failure status on the item (`delivery.status = "failed"`): no round
    selecting pending items takes it again."""
    return any(str(store.get("const", "")).lower() in _FAILED_WORDS for store in func.extra.get("stores", ())
               if handler["line"] <= store["line"] <= handler["end"] and not store["item"])


def _hands_back(site) -> bool:
    """A call whose name says it puts the item back for another attempt (`_reschedule`, `requeue_item`, `rpush`),
    or one told to by a keyword (`fail(job.id, requeue=job.attempts < 5)`)."""
    asked = any(set(key.lower().split("_")) & _HANDED_BACK and value is not False
                for key, value in site.kwargs.items())
    return asked or bool(site.func) and any(word in _HANDED_BACK for word in site.func[-1].lower().split("_"))


def _passes_item(site, failed) -> bool:
    """A call in the handler (not a log line, nor one marking it failed) given the very object the failed
    call was sent (`self.submit(event)`): the item is handed on for another attempt, not given up (an id
    passed to `set_status(row.id, "failed")` only records the loss)."""
    if not site.func or site.func[-1] in LOG_METHODS or _marks_failed(site):
        return False
    sent = {v["ref"] for v in (*failed.args, *failed.kwargs.values())
            if isinstance(v, dict) and "." not in str(v.get("ref", "."))}
    return any(isinstance(v, dict) and v.get("ref") in sent for v in (*site.args, *site.kwargs.values()))


def _unreached(model: ProjectModel, call: ExternalCall) -> bool:
    """No entry point can be followed to the call (a loop handed to a supervisor, a handler looked
    up in a dict): unlike known background work, no schedule or queue of its own is known to try
    it again."""
    return not entries_reaching(model, {call.fq}, limit=1)


def _unretried_delivery(call: ExternalCall) -> bool:
    """An HTTP send (not a read, nor a read-only POST, nor one minting a fresh dedupe key per attempt)
    that no retry covers and that is not caught where it is made, in a function handing back no
    response data."""
    if call.retry or call.handled or call.kind != "http-client" or not _delivers(call) or read_only_post(call) \
            or fresh_dedupe_key(call) or call.func.self_attrs:
        return False  # (a function keeping state from the answer, `self._token = ...`, fetches)
    # no response data handed back: no `return` with a value, or only a success flag
    # (None in the facts also stands for an expression they do not keep, so it is not enough)
    return call.func.returns in ("None", "bool") or all(isinstance(value, bool) for value in call.func.returns_values) \
        or _status_objects(call.func)


def _status_objects(func) -> bool:
    """Every `return` builds a result object from the arguments sent and literals only
    (`return PushResult(token, ok=True)`): a delivery status, no response data."""
    params = {p.name for p in func.params}
    sites = {(s.name, s.line): s for s in func.calls}

    def sent(value) -> bool:
        return not isinstance(value, (dict, list)) or isinstance(value, dict) and value.get("ref") in params

    def status(value) -> bool:
        site = sites.get((value.get("call"), value.get("line"))) if isinstance(value, dict) else None
        return site is not None and site.name.rsplit(".", 1)[-1][:1].isupper() \
            and all(sent(v) for v in (*site.args, *site.kwargs.values()))
    return bool(func.returns_values) and all(status(v) for v in func.returns_values)


def _delivers(call: ExternalCall) -> bool:
    return call.method not in ("get", "head", "options") and not call.operation.endswith(".get")


def _reports_failure(func, handler) -> bool:
    """The handler hands a result object back (`return InvoiceResponse(ok=False, error=...)`):
    the caller learns of the failure and answers for it."""
    return any(isinstance(value, dict) and "call" in value and handler["line"] <= value.get("line", 0) <= handler["end"]
               for value in func.returns_values)


def _translated(model: ProjectModel, tracer, call: ExternalCall) -> frozenset[str]:
    """The project exception classes the call's own function raises from its handler for the
    library's errors (`except aiohttp.ClientError as exc: raise RoamingUnavailable(...) from exc`)
    or after the call for a failed answer (`raise SmsError(resp.status)`), with their project bases:
    a caller catching one of them catches the call's failure."""
    out: set[str] = set()
    for _block, handler in catching_handlers(tracer, call.facts, call.func, call.site.line, call.library):
        if not blk.handler_reraises(call.func, handler):
            continue
        for site in blk.calls_in(call.func, handler["line"], handler["end"]):
            name = resolved_name(model, call.facts, call.func, site.name)
            if name in model.classes:
                out.update(model.mro(name))
    for raised in blk.blocks(call.func, "raise"):  # `if resp.status != 202: raise SmsError(...)` after the call
        name = resolved_name(model, call.facts, call.func, raised.get("exc", "")) if raised["line"] >= call.site.line else ""
        if name in model.classes:
            out.update(model.mro(name))
    return frozenset(out)


def _innermost_catch(model: ProjectModel, tracer, edge, library: str, translated: frozenset[str]):
    """(try, handler): the innermost handler around the call site catching the library's errors,
    or else one catching the project exception the callee translates them into; None if none."""
    facts, func = model.functions[edge.caller]
    found = next(catching_handlers(tracer, facts, func, edge.site.line, library, innermost_first=True), None)
    if found is None and translated:
        found = _catches_translated(model, facts, func, edge.site.line, translated)
    return found


def _catches_translated(model: ProjectModel, facts, func, line: int, translated: frozenset[str]):
    """The innermost handler around `line` catching one of the translated exceptions, if any."""
    for block in reversed(blk.enclosing(func, line, "try")):
        for handler in blk.handlers_of(func, block["line"]):
            if any(resolved_name(model, facts, func, t) in translated for t in handler.get("types") or ()):
                return block, handler
    return None


def _logs_and_goes_on(model: ProjectModel, tracer, edge, library: str, translated: frozenset[str] = frozenset()) -> bool:
    """The call site sits in a `try` whose handler catches the library's errors (or the project
    exception the callee translates them into), logs and does not re-raise; or it is one of the
    calls of a `gather(..., return_exceptions=True)` after which its function logs and raises
    nothing (the failures come back as values, logged and dropped)."""
    func = model.functions[edge.caller][1]
    found = _innermost_catch(model, tracer, edge, library, translated)
    if found is not None:  # (a handler leaving a loop leaves the rest for the next round: not dropped)
        return blk.handler_logs(func, found[1]) and not blk.handler_reraises(func, found[1]) \
            and found[1].get("exit") not in ("break", "continue") and not _reports_failure(func, found[1]) \
            and not any(_passes_item(s, edge.site) for s in blk.calls_in(func, found[1]["line"], found[1]["end"]))
    gather = values_gather(func, edge.site.line)
    if gather is None:
        return False
    after = {"line": gather.end_line + 1, "end": func.end_line}
    return blk.handler_logs(func, after) and not blk.handler_reraises(func, after)


def _detached_name(entry) -> str:
    """How the detached work is started: a task spawned by a function, or a job of a queue."""
    if entry.kind == "job":
        return f"the {entry.details.get('framework', '')} job `{short(entry.function)}` (no retry on failure)"
    starter = entry.details.get("started_in", "")
    return f"a task spawned by `{short(starter)}`" if starter else f"the task `{short(entry.function)}`"


def tenacity_example(error: str, name: str, is_async: bool, *, initial: float, cap: int, attempts: int,
                     reraise: bool = False) -> str:
    """The tenacity decorator every recommendation of this rule shows, on the function to retry."""
    return (f"    @retry(retry=retry_if_exception_type({error}),\n"
            f"           wait=wait_exponential_jitter(initial={initial}, max={cap}), "
            f"stop=stop_after_attempt({attempts}){', reraise=True' if reraise else ''})\n"
            f"    {'async ' if is_async else ''}def {name}(...):\n        ...")


_LONG_PERIOD = 3600.0  # seconds: a run missed is not made up within the hour


def _scheduled_reads(model: ProjectModel, calls: list[ExternalCall]) -> list[tuple[ExternalCall, object]]:
    """Calls safe to send again (and not caught where they are made) that a background loop makes
    once per long period: an endless hourly or daily run, or one (also run until shutdown) that sleeps
    until a time a call computes (`delay = seconds_until(entry.at)`, then `wait_for(stop.wait(),
    timeout=delay)`). A failed attempt loses the period's work; a loop polling
    every few seconds does it again at once and is left out. A call that is not idempotent counts
    too (the nightly upload of a batch, a report sent once a day): a retry limited to connection
    errors is safe for any request, and the run has hours to spare where a lost one waits a whole
    period."""
    safe = [c for c in calls if not c.handled]
    if not safe:
        return []
    out = []
    for entry in model.app.of_kind("worker"):
        loop = entry.details.get("loop") or {}
        periodic = loop.get("forever") and _long_period(loop.get("sleep", "")) or _computed_wait(model, loop)
        if is_test_path(entry.path) or not periodic:
            continue
        reached = worker_reach(model, entry.function)
        out += [(c, entry) for c in safe if c.fq in reached]
    return sorted(out, key=lambda use: not retry_safe(use[0]))  # stable: a call safe to resend is cited first


def _worth_retrying(call: ExternalCall, peers: list[ExternalCall]) -> bool:
    """Safe to send again, or left out of the retry decorator its class's sibling methods carry."""
    return retry_safe(call) or _left_out_of_class_policy(call, peers)


def _left_out_of_class_policy(call: ExternalCall, peers: list[ExternalCall]) -> bool:
    """A sibling method of the same class, on the same client, is retried by a decorator and this one is
    not (a call in a helper nested in a method, `async def _send()`, belongs to that method's class)."""
    owner = _owner_class(call.fq) if call.func.class_name or call.func.is_nested else ""
    if call.retry or not owner:
        return False
    return any(p.retry.startswith("@") and p.path == call.path and _owner_class(p.fq) == owner
               and p.fq != call.fq and p.client is not None and p.client == call.client for p in peers if p.retry)


def _owner_class(fq: str) -> str:
    """The dotted prefix naming the class of a method, or of the method a nested function sits in."""
    return fq.split(".<locals>.", 1)[0].rsplit(".", 1)[0]


def _long_period(sleep: str) -> bool:
    """`3600`, `86400 (self._interval)`, or a computed wait (`_seconds_until(...)`); a backoff
    delay is not a period."""
    if not sleep or "backoff" in sleep:
        return False
    head = sleep.split(" ", 1)[0]
    try:
        return float(head) >= _LONG_PERIOD
    except ValueError:
        return head.endswith("(...)")


def _computed_wait(model: ProjectModel, loop: dict) -> bool:
    """The loop sleeps for a local computed by a call (`delay = seconds_until(entry.at)`, then
    `wait_for(stop.wait(), timeout=delay)`): a wait until a time of day, not a polling interval."""
    name = loop.get("sleep", "").split(" ", 1)[0]
    found = model.functions.get(loop.get("function", ""))
    bound = found[1].local_types.get(name) if found is not None and name.isidentifier() else None
    return isinstance(bound, dict) and bool(bound.get("call")) and "backoff" not in name \
        and bound["call"].rsplit(".", 1)[-1] not in ("min", "max", "random", "uniform")


def _callers_at(model: ProjectModel, callers: list, note: str) -> tuple[str, list[Location]]:
    """The callers named in a description, and their call lines as related locations."""
    where = ", ".join(sorted({f"`{short(e.caller)}` (line {e.site.line})" for e in callers}))
    return where, [Location(model.site_path(e), e.site.line, e.site.end_line, note)
                   for e in callers[:_MAX_RELATED]]


def _send_once_recommendation(group: Group, call: ExternalCall, lead: str, outbox: str, cap: int,
                              attempts: int) -> str:
    """Retry advice for a send made once: without an idempotency key only connect errors are safe to retry."""
    safe = retry_safe(call)
    key = "" if safe else (
        " The request carries no idempotency key, so retry only errors raised before it reached the receiver "
        f"(connection failures) unless the receiver deduplicates, or keep the delivery in {outbox}.")
    error = (TRANSIENT_ERRORS if safe else _CONNECT_ERRORS).get(group.library, "ConnectionError")
    return (f"{lead}{key}\n\n"
            + tenacity_example(error, call.func.name, call.func.is_async, initial=0.5, cap=cap, attempts=attempts,
                               reraise=True))
