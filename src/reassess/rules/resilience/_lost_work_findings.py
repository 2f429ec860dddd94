"""The findings RA410 writes for background work one failed send loses: an error answer only
logged, a claimed key left set, a False result dropped, an item skipped, given up or taken off a
queue, a detached task's send. Kept apart from the rule, which decides which situation fits."""
from __future__ import annotations

from ...findings import Finding, Location
from ...model.resilience.calls import ExternalCall
from ...model.resilience.runtime import short
from ...model.project import ProjectModel
from ._deps import IDEMPOTENT, TRANSIENT_ERRORS, Group, QueueUse, client_locations, request_entries, retry_safe
from ._error_answers import answers_data, error_answer_dropped
from ._lost_work import claimed_before_send
from ._retry_advice import (MAX_RELATED, callers_at, detached_name, not_retried, send_once_recommendation,
                            tenacity_example)
from ._scheduled_report import scheduled_report
from ._sent_once_findings import SentOnceFindings


class LostWorkFindings(SentOnceFindings):
    """The finding builders of `DependencyWithoutRetry` for work lost to one failed send (on top of
    `SentOnceFindings`, whose `_at_call` they cite the send with)."""

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
