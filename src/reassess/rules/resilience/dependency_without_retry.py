"""RA410 no-retry: remote calls never retried where a transient failure loses work."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding
from ...model.resilience.calls import ExternalCall
from ...model.resilience.guards import retry_loop_line
from ...model.project import ProjectModel
from ..api import ProjectContext, register
from ._bypassed_retries import bypasses_retrying_helper
from ._code import single_send_documented
from ._deps import (IDEMPOTENT, Group, chain_ends, detached_uses, groups, left_out, queue_uses, request_entries,
                    retry_safe)
from ._helpers import through_helpers
from ._lost_work import detached_and_logged, given_up_call, ignored_failures, logged_and_dropped, skipped_items
from ._lost_work_findings import LostWorkFindings
from ._retry_policies import (alike, attempts_loop, declared_policy, left_out_in_module, module_policies,
                              send_attempts, used_by_project, worth_retrying)
from ._scheduled_runs import scheduled_reads


@register
class DependencyWithoutRetry(LostWorkFindings):
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
        time, or a polling loop that does the work only when a test of the clock holds, `if now.day == 1
        and now.hour >= 2:`), where one failed attempt loses that period's run; when the run's own code
        calls it for each item of a batch selected for the period (`for rec in await repo.unsubmitted(day)`)
        and catches the failure and goes on to the next item (`except UpstreamError: log; continue`), that
        call is cited: the next run selects another period's items. Also reported: a dependency retried
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
        failed answer (`if resp.status != 202: raise SmsError(...)`) counts as the call's failure, and a worker
        handing the client method to a breaker (`breaker.call(runner.submit_job, job)`) calls it there.
        Also reported: a call safe to send again that a method of a client class makes directly where
        two or more of the class's methods send through the class's own retrying helper - the same verb,
        or, for a read, any verb, also when the helper's request sits in a closure it hands to a breaker
        (`@with_retry async def _post(...)` defining `send()`): the class settled that this service's
        transient failures are worth another attempt, and the read left out is the safest to repeat.
        Also reported: a call of a class implementing a project protocol structurally (it defines the
        protocol's methods without naming it as a base) that retries none of its calls, where two or more
        other implementations, outnumbering those left out, retry all of theirs with a declared policy
        and the call is safe to send again or uses a verb they retry (the GCP and Azure billing clients go
        through `retry_async`, the AWS one posts its query once): the same operation on another backend.
        Also reported: a send retried nowhere and caught nowhere on the way, made after its function (or a
        caller up to two calls above) claimed a dedupe key and returned early when it was taken (`if not
        await redis.set(key, 1, nx=True, ex=ttl): return False`, or a record written under a dedupe key,
        `if await repo.insert(..., dedupe_key) is None: return False`, or a project function inserting with
        `ON CONFLICT DO NOTHING RETURNING`, `if await repo.start_export(...) is None: return`): a failed send
        leaves the key set,
        and every later attempt at the item stops at the claim. Also reported, beside the dependency's other
        findings: a method of a client class sending once where sibling methods of the class, not outnumbered by
        those left out, send the same kind of request on the same client through a declared retry or a loop
        counting the attempts of a send (`capture()` retries its POST, `refund()` posts once; methods nothing
        calls are not counted as left out, and a step the retried method takes first, a token fetch, is not a
        sibling). A retried read vouches for a send only where the send is the one request of the class's
        called methods sent once and the read's retry is declared (a decorator or retrying wrapper, not a loop,
        as often a poll): `fetch_result` goes through `with_backoff`, `submit_order` posts once; a retry of
        connection errors is safe even for a POST. A request spending a single-use credential (an OAuth
        authorization code exchange) is never reported as left out of a retry.

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
        policies = module_policies(found)
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
            sibling = self._class_sibling_finding(model, group, calls, cited | _cited(finding))
            yield from (f for f in (request, finding, sibling) if f is not None and not _documented(model, f))

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
            or self._twin_finding(model, group, lifted) or self._error_answer_finding(model, group, calls) \
            or self._implementation_finding(model, group, calls) or self._claimed_finding(model, group, calls)

    def _bypass_finding(self, model: ProjectModel, group: Group, lifted: list[ExternalCall]) -> Finding | None:
        """A method that makes its call directly where two or more methods of its class send the same
        verb through the class's own retrying helper (`_post_with_retry`): the class settled that these
        sends are repeated, and the one bypassing the helper was left out."""
        call = bypasses_retrying_helper(model, group.calls, lifted)
        if call is None:
            return None
        return self._left_out_finding(group, [call], lifted, request_entries(model, [call]))

    def _unreached_left_out(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """A call safe to send again left out of the retry (a decorator, or a loop counting attempts) that two
        or more other functions of its module calling the same dependency carry, made from project code no request path can be
        followed to (background work, a handler looked up in a dict, a service built by a factory)
        and judged by no other check: the module's own policy says its calls are worth retrying."""
        by_module: dict[str, list[ExternalCall]] = {}
        for call in calls:
            if declared_policy(call.retry) or attempts_loop(call) or (not call.retry and worth_retrying(call, calls)):
                by_module.setdefault(call.path, []).append(call)
        for _path, declared in sorted(by_module.items()):
            missing = [c for c in left_out(declared, lambda c: c.retry) if not c.handled
                       and used_by_project(model, c) and not request_entries(model, [c])]
            if missing:
                return self._left_out_finding(group, missing, calls, [])
        return None

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
            peers = [(g, c) for g, c in policies.get(call.path, ()) if g is not group and alike(c, call)]
            entries = request_entries(model, [call]) if peers else []
            if entries:
                return self._sibling_policy_finding(group, call, peers, entries)
        return None

    def _request_finding(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """Idempotent calls on request paths retried nowhere, or left out of the service's retry."""
        if any(c.retry for c in calls):
            left = self._left_out_on_request(model, group, calls)
            if left is not None or any(retry_loop_line(c.retry) for c in calls) \
                    and not any(declared_policy(c.retry) or send_attempts(c) for c in calls):
                return left  # a hand-written loop alone is as often a stream's reconnect: no policy to compare with
            # a GET on a request path is worth retrying whether or not a sibling call is: a retry
            # around the refund does not make the status read next to it survive a reset (only the
            # reads requests reach are cited: a scheduled job's read is the background checks')
            calls = [c for c in calls if not c.retry]
        return self._unretried_reads(model, group, calls)

    def _left_out_on_request(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """Calls on request paths left out of the retry their siblings have."""
        candidates = [c for c in calls if c.retry or worth_retrying(c, calls)]
        missing = left_out(candidates, lambda c: c.retry) or left_out_in_module(candidates)
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
        return self._lost_item_finding(model, group, calls) or self._lost_send_finding(model, group, calls)

    def _lost_item_finding(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """An item taken for work and lost with one failure: off an in-process queue, a False result dropped,
        marked failed, skipped, or sent from detached work."""
        dropped = queue_uses(model, calls)
        if dropped:
            return self._queue_finding(model, group, dropped)
        ignored = ignored_failures(model, calls)
        if ignored:
            return self._ignored_finding(model, group, *ignored)
        detached = detached_uses(model, calls)
        skipped = skipped_items(model, calls)
        # an item marked failed is lost for good: reported before another call's skip, which the next run redoes
        given_up = None if detached else given_up_call(model, calls, marked_only=True)
        if given_up and not (skipped and skipped[0] is given_up[0]):
            return self._given_up_finding(model, group, *given_up)
        if skipped:
            return self._skipped_finding(model, group, *skipped)
        if detached:
            return self._detached_finding(group, detached)
        return None

    def _lost_send_finding(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """A send whose failure is only logged, given up by its caller, or loses a long period's run."""
        logged = detached_and_logged(model, calls)
        if logged:
            return self._detached_logged_finding(group, *logged)
        dropped = logged_and_dropped(model, calls)
        if dropped:
            return self._dropped_finding(model, group, *dropped)
        # a claim left behind by the failed send stops every later attempt: lost for good, before one
        # caller's given-up attempt
        claimed = self._claimed_finding(model, group, calls)
        if claimed:
            return claimed
        given_up = given_up_call(model, calls)
        if given_up:
            return self._given_up_finding(model, group, *given_up)
        scheduled = scheduled_reads(model, calls)
        return self._scheduled_finding(model, group, scheduled) if scheduled else None


def _documented(model: ProjectModel, finding: Finding) -> bool:
    """A cited call whose author wrote down, beside it, that it is made once on purpose
    (`# sent once; the reconciler resolves a lost answer`): a decision, not an oversight."""
    where = finding.location
    return single_send_documented(model, where.path, where.start_line)


def _cited(finding: Finding | None) -> set[tuple[str, int]]:
    """The call sites a finding names (its location and related locations)."""
    if finding is None:
        return set()
    return {(loc.path, loc.start_line) for loc in [finding.location, *finding.related_locations]}
