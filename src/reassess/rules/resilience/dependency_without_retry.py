"""RA410 no-retry: remote calls never retried where a transient failure loses work."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.resilience.calls import ExternalCall
from ...model.resilience.guards import retry_loop_line
from ...model.resilience.runtime import short
from ...model.project import ProjectModel
from ..api import ProjectContext, Rule, register
from ._bypassed_retries import bypasses_retrying_helper, implementation_left_out, twin_left_out
from ._code import single_send_documented
from ._deps import (IDEMPOTENT, TRANSIENT_ERRORS, Group, QueueUse, chain_ends, client_locations, detached_uses,
                    example_function, fetches, groups, left_out, queue_uses, request_entries, retry_safe)
from ._error_answers import answers_data, error_answer_dropped
from ._helpers import through_helpers
from ._lost_work import (claimed_before_send, detached_and_logged, given_up_call, ignored_failures, logged_and_dropped,
                         skipped_items)
from ._retry_advice import (CONNECT_ERRORS, MAX_RELATED, callers_at, detached_name, not_retried,
                            send_once_recommendation, tenacity_example, why_safe)
from ._retry_policies import (alike, attempts_loop, class_left_out, declared_policy, left_out_in_module,
                              module_policies, owner_class, send_attempts, used_by_project, worth_retrying)
from ._scheduled_report import scheduled_report
from ._scheduled_runs import scheduled_reads


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

    def _at_call(self, call: ExternalCall, title: str, description: str, **fields: object) -> Finding:
        """A finding cited at the call that is sent once."""
        return self.finding(Location(call.path, call.site.line, call.site.end_line), title, description,
                            **fields)  # type: ignore[arg-type]

    def _class_sibling_finding(self, model: ProjectModel, group: Group, calls: list[ExternalCall],
                               cited: set[tuple[str, int]]) -> Finding | None:
        """A method of a client class sending once where a sibling method of the class retries the same
        kind of request on the same client: reported beside the group's other findings, since it is a
        decision of the class (this request is worth repeating) that one method missed."""
        left = class_left_out(model, calls)
        if left is None or (left[0].path, left[0].site.line) in cited:
            return None
        call, peer = left
        method, sibling = (short(c.fq.split(".<locals>.", 1)[0]) for c in (call, peer))
        related = [Location(peer.path, peer.site.line, peer.site.end_line, f"{short(peer.fq)}, retried: {peer.retry}")]
        lead = f"Give `{call.func.name}` the retry its sibling `{sibling.rsplit('.', 1)[-1]}` has."
        if fetches(peer) and not fetches(call):
            title, description = _send_beside_reads_text(group, call, peer, method, sibling)
            lead = f"Retry `{call.func.name}`, at least on failures to connect."
        else:
            title = f"{method} is not retried, unlike {sibling} beside it"
            description = (
                f"`{sibling}` sends its `{peer.method.upper()}` to {group.name} ({group.library}) through a retry "
                f"({peer.retry}), but `{method}`, a method of the same class on the same client, sends its "
                f"`{call.method.upper()}` once: the class judged that this service's transient failures (a "
                "connection reset, a 502/503 while it deploys, a 429) are worth another attempt, and one "
                "connection reset fails the work that calls this method.")
        recommendation = send_once_recommendation(
            group, call, lead, "an outbox a worker retries", cap=5, attempts=3)
        return self._at_call(call, title, description, related=related, recommendation=recommendation)

    def _bypass_finding(self, model: ProjectModel, group: Group, lifted: list[ExternalCall]) -> Finding | None:
        """A method that makes its call directly where two or more methods of its class send the same
        verb through the class's own retrying helper (`_post_with_retry`): the class settled that these
        sends are repeated, and the one bypassing the helper was left out."""
        call = bypasses_retrying_helper(model, group.calls, lifted)
        if call is None:
            return None
        return self._left_out_finding(group, [call], lifted, request_entries(model, [call]))

    def _error_answer_finding(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """A delivery whose error answer (a 503, a 429) its own function only logs, retried nowhere: the
        transient failure is treated as final and the message, webhook or upload is gone. A send that is not
        idempotent (a POST: an event, a confirmation) is cited before a PUT, whose next push of the same
        state replaces the one lost."""
        for call in sorted(calls, key=lambda c: c.method in IDEMPOTENT):
            block = error_answer_dropped(model, call)
            if block is None or any(v is not None for v in call.func.returns_values) and request_entries(model, [call]):
                continue  # a request that gets the failure back can tell its user, who can try again
            answers = answers_data(call.func)
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
            return self._at_call(call,
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
            if declared_policy(call.retry) or attempts_loop(call) or (not call.retry and worth_retrying(call, calls)):
                by_module.setdefault(call.path, []).append(call)
        for _path, declared in sorted(by_module.items()):
            missing = [c for c in left_out(declared, lambda c: c.retry) if not c.handled
                       and used_by_project(model, c) and not request_entries(model, [c])]
            if missing:
                return self._left_out_finding(group, missing, calls, [])
        return None

    def _claimed_finding(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """A send made once after its way in claimed a dedupe key (`SET ... NX`): a failure leaves the key
        set, so no later attempt sends it again."""
        claimed = claimed_before_send(model, calls)
        if claimed is None:
            return None
        call, fq, claim, line = claimed
        path = model.functions[fq][0].path
        related = [Location(path, claim.line, claim.end_line, "the dedupe key claimed first")]
        if fq != call.fq:
            related.append(Location(path, line, line, "the send made once after the claim"))
        description = (
            f"`{short(fq)}` claims a dedupe key (`{claim.name}`, line {claim.line}) and returns early when it is "
            f"taken, then sends `{call.method.upper()}` to {group.name} ({group.library}) once through "
            f"`{short(call.fq)}`: when that send fails (a 502, a reset, a 429) the key stays set, every later "
            "attempt at the same item stops at the claim, and the delivery is lost for good."
        )
        recommendation = (
            f"Retry transient failures of `{call.func.name}` with backoff, and release the claim when the last "
            "attempt fails (`await redis.delete(key)` in an `except` that re-raises) so a later run sends it:\n\n"
            + tenacity_example(TRANSIENT_ERRORS.get(group.library, "ConnectionError"), call.func.name,
                               call.func.is_async, initial=0.5, cap=10, attempts=4, reraise=True)
        )
        return self._at_call(call,
                             f"{short(call.fq)} is sent once after its dedupe key is claimed", description,
                             related=related, recommendation=recommendation)

    def _implementation_finding(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """One implementation of an interface sending once where two or more others retry every call with a
        declared policy (the GCP and Azure billing clients go through `retry_async`, the AWS one posts once):
        the same operation, the same failures, and this backend was left out."""
        left = implementation_left_out(model, calls)
        if left is None:
            return None
        call, retried = left
        owners = sorted({short(owner_class(c.fq)) for c in retried})
        description = (
            f"`{short(owner_class(call.fq))}` implements the same interface as {', '.join(f'`{o}`' for o in owners)}, "
            f"whose calls are all retried ({', '.join(c.retry for c in retried[:3])}), but `{short(call.fq)}` sends "
            f"its `{call.method.upper()}` once: the project judged this operation's transient failures (a throttle, "
            "a 503, a connection reset) worth another attempt, and this backend fails its work on the first one."
        )
        return self._at_call(call,
                             f"{short(call.fq)} is the one implementation of its interface not retried",
                             description, related=_retried_at(retried),
                             recommendation=_same_retry(group, call, "the other implementations"))

    def _twin_finding(self, model: ProjectModel, group: Group, calls: list[ExternalCall]) -> Finding | None:
        """A client method the project retries with a declared policy at one way in and calls once at
        another, where the retried ways are not outnumbered (`pay_one_with_retry` wraps
        `bank.transfer` in `retry_async`, `pay_one` next to it does not): the project judged this very
        request safe and worth sending again, and the way left out loses its work to one transient
        failure."""
        twin = twin_left_out(model, calls)
        if twin is None:
            return None
        call, retried = twin
        description = (
            f"`{short(retried[0].fq)}` retries `{short(call.details['helper'])}` ({retried[0].retry}), so the "
            f"project treats that request to {group.name} ({group.library}) as safe to send again, but "
            f"`{short(call.fq)}` makes the same call once: one connection reset or 503 fails its work for good, "
            "where the retried twin would have succeeded on the next attempt."
        )
        return self._at_call(call,
                             f"{short(call.fq)} calls {short(call.details['helper'])} once, unlike its retried twin",
                             description, related=_retried_at(retried),
                             recommendation=_same_retry(group, call,
                                                       f"`{retried[0].func.name}` (or call that function instead)"))

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
            CONNECT_ERRORS.get(group.library, "ConnectionError")
        recommendation = (
            f"Give `{call.func.name}` a retry like its sibling's, limited to errors raised before the request "
            f"reached {group.name} (connection failures) when the request is not idempotent, so a send is never "
            "repeated after it was accepted:\n\n"
            + tenacity_example(error, call.func.name, call.func.is_async, initial=0.5, cap=5, attempts=3,
                               reraise=True)
        )
        return self._at_call(call,
                             f"{short(call.fq)} is not retried, unlike its sibling client", description,
                             related=related, recommendation=recommendation)

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
        related = not_retried(idempotent[1:MAX_RELATED])
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
            f"{why_safe(first)}. " + (
                f"It serves {', '.join(names[:5])}{', ...' if len(names) > 5 else ''}: one connection reset fails "
                "that request" if names else "One connection reset fails the work that calls it")
            + " while every other call to the same service would have succeeded on the next attempt."
        )
        related = not_retried(missing[1:MAX_RELATED])
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
        where, related = callers_at(model, callers, "the result (False on failure) is dropped here")
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
        return self._at_call(call,
                             f"failed calls to {group.name} in {name} are dropped, never retried", description,
                             related=related, recommendation=recommendation)

    def _skipped_finding(self, model: ProjectModel, group: Group, call: ExternalCall, callers: list) -> Finding:
        name = short(call.fq)
        where, related = callers_at(model, callers, "a failure here skips the item")
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
        return self._at_call(call,
                             f"{name} is never retried; a transient failure skips the item", description,
                             related=related, recommendation=recommendation)

    def _detached_finding(self, group: Group, uses: list) -> Finding:
        call = uses[0][0]
        calls = sorted({(c.path, c.site.line): c for c, _e in uses}.values(), key=lambda c: (c.path, c.site.line))
        runs = sorted({detached_name(e) for _c, e in uses})
        safe = retry_safe(call)
        description = (
            f"`{short(call.fq)}` sends `{call.method.upper()}` to {group.name} ({group.library}) once, from work "
            f"nothing waits for or runs again: {', '.join(runs[:4])}{', ...' if len(runs) > 4 else ''}. When the call "
            "fails (a connection reset, a 502 or 503 while the provider deploys) the error ends that work, nothing "
            "retries it or puts it back, and what it was sending is lost without anyone being told."
        )
        related = not_retried(calls[1:MAX_RELATED])
        related += [Location(e.started_at[0], e.started_at[1], e.started_at[1], f"{detached_name(e)} starts here")
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
        return self._at_call(call,
                             f"calls to {group.name} in detached background work are never retried", description,
                             related=related, recommendation=recommendation)

    def _detached_logged_finding(self, group: Group, call: ExternalCall, handler: dict, entries: list) -> Finding:
        """Cited at the send: the retry belongs around it, inside the task."""
        starts = sorted({e.started_at for e in entries if e.started_at})
        description = (
            f"`{short(call.fq)}` runs as a task nothing waits for ({detached_name(entries[0])}) and sends "
            f"`{call.method.upper()}` to {group.name} ({group.library}) once; when the send fails it logs the error "
            f"(line {handler['line']}) and ends. Nothing retries the task or keeps what it was sending: one connection "
            "reset or 502 while the receiver deploys loses that delivery for good, and only a log line says so."
        )
        related = [Location(call.path, handler["line"], handler["end"], "the failure is logged and dropped here")]
        related += [Location(path, line, line, "the task is started here") for path, line in starts[:3]]
        recommendation = send_once_recommendation(
            group, call, f"Retry transient failures inside `{call.func.name}` with backoff before logging the loss.",
            "an outbox a worker retries", cap=10, attempts=4)
        return self._at_call(call,
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
        where, related = callers_at(model, callers, "the failure is logged and dropped here")
        description = (
            f"`{name}` delivers a `{call.method.upper()}` to {group.name} ({group.library}) once and returns no response data, "
            f"and its caller{'s' if len(callers) != 1 else ''}, {where}, catch{'es' if len(callers) == 1 else ''} "
            "the failure, log it and go on: one connection reset or 502 while the receiver deploys loses that "
            "delivery for good. The log line records the loss; nothing retries it or keeps it for a later attempt."
        )
        related += client_locations(group, "the client this call uses")
        recommendation = send_once_recommendation(
            group, call, f"Retry transient failures inside `{call.func.name}` with backoff before the caller gives up.",
            "an outbox table that a worker retries", cap=5, attempts=3)
        return self._at_call(call,
                             f"{name} is sent once; a failed delivery is only logged", description,
                             related=related, recommendation=recommendation)

    def _scheduled_finding(self, model: ProjectModel, group: Group, uses: list) -> Finding:
        """Cited at the call, or where the run catches its failure and skips the item (the loss)."""
        where, title, description, related, recommendation = scheduled_report(model, group, uses)
        return self.finding(where, title, description, related=related, recommendation=recommendation)

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
        related = not_retried(calls[1:MAX_RELATED])
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
        return self._at_call(call,
                             f"calls to {group.name} for queued items are never retried", description, related=related,
                             recommendation=recommendation, impact=impact)


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


def _retried_at(retried: list) -> list[Location]:
    """The retried calls a finding points to, as related locations."""
    return [Location(c.path, c.site.line, c.site.end_line, f"{short(c.fq)}, retried: {c.retry}") for c in retried[:3]]


def _same_retry(group: Group, call: ExternalCall, like: str) -> str:
    """A recommendation to send `call` through the retry the project already gives `like`."""
    return (f"Send it through the same retry as {like}:\n\n"
            + tenacity_example(TRANSIENT_ERRORS.get(group.library, "ConnectionError"), call.func.name,
                               call.func.is_async, initial=0.5, cap=5, attempts=3, reraise=True))


def _send_beside_reads_text(group: Group, call: ExternalCall, peer: ExternalCall, method: str,
                            sibling: str) -> tuple[str, str]:
    """Title and description for a send that goes out once beside reads the class retries. Retrying
    reads and not a send is often deliberate (a second POST may act twice), so the text claims only
    what holds for any send: a failure to connect, raised before the request reached the service, can
    be tried again safely; a reset while the answer is read cannot."""
    title = f"{method} sends its {call.method.upper()} once; {sibling}'s reads are retried"
    description = (
        f"`{sibling}` reads from {group.name} ({group.library}) through a retry ({peer.retry}), but `{method}`, "
        f"a method of the same class on the same client, sends its `{call.method.upper()}` once, with no retry "
        "of any kind. A send is not always safe to repeat, but a failure to connect (raised before the request "
        "reached the service) is: retrying only those errors would spare the work that calls this method a "
        "failure on one refused or timed-out connection.")
    return title, description
