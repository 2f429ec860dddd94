"""Sends whose one failure loses the work for good, with no retry: an item a background loop
skips, a False result its caller drops, a delivery only logged, a detached task that logs and
ends, an item a background handler gives up."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...model.app import is_test_path, project_callers
from ...model.resilience import analysis
from ...model.resilience import blocks as blk
from ...model.resilience.calls import ExternalCall, catching_handlers
from ...model.resilience.guards import handed_callers
from ...model.resilience.runtime import entries_reaching
from ...model.resilience.triggers import background, background_or_main
from ...model.project import ProjectModel
from ..scalability._locks import claims_by_insert
from ._deps import fresh_dedupe_key, read_only_post, request_entries, retry_safe, spawned_by_requests
from ._failure_handlers import (gives_up, hands_back, logs_and_goes_on, passes_item,
                                reports_failure, skipped_on_failure, translated_errors)

if TYPE_CHECKING:
    from ...model.project import Edge


def skipped_items(model: ProjectModel, calls: list[ExternalCall]) -> tuple[ExternalCall, list] | None:
    """A call that is safe to send again (idempotent, or carrying an idempotency key) made once for
    each item of a loop in background code, whose failure that loop catches and skips with
    `continue`: one transient error leaves the item undone until someone runs the job again."""
    ran_in_background = background(model)
    for call in calls:
        if call.retry or call.handled or not retry_safe(call):
            continue
        skipping = [e for e in model.callers.get(call.fq, ()) if e.caller in ran_in_background and e.site.loop_line
                    and not is_test_path(model.functions[e.caller][0].path)
                    and skipped_on_failure(model, e, call.library)]
        if skipping:
            return call, skipping
    return None


def ignored_failures(model: ProjectModel, calls: list[ExternalCall]) -> tuple[ExternalCall, list] | None:
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


def logged_and_dropped(model: ProjectModel, calls: list[ExternalCall]) -> tuple[ExternalCall, list] | None:
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
        callers = project_callers(model, call.fq)
        translated = translated_errors(model, tracer, call)
        dropping = [e for e in callers if logs_and_goes_on(model, tracer, e, call.library, translated)]
        if dropping and len(dropping) == len(callers) and (request_entries(model, [call])
                                                           or spawned_by_requests(model, [call])
                                                           or _unreached(model, call)):
            return call, dropping
    return None


def detached_and_logged(model: ProjectModel, calls: list[ExternalCall]) -> tuple[ExternalCall, dict, list] | None:
    """(call, handler, task entries) for an HTTP send (not a read, nor one minting a fresh dedupe key per
    attempt) retried nowhere, made by a function that is itself a one-shot task nothing waits for
    (`create_task(self._deliver(sub, body))`) and hands back no response data, whose own handler around
    the send catches its failure, logs it and ends: no caller exists to retry or keep the delivery, so
    the log line is all that is left of it. A handler that re-raises, reports a result, hands the item
    on or back, or leaves a loop for the next item is not giving the delivery up silently."""
    tasks = _one_shot_tasks(model)
    tracer = analysis(model).tracer
    for call in calls:
        if call.fq not in tasks or not _caught_delivery(call):
            continue
        found = next(catching_handlers(tracer, call.facts, call.func, call.site.line, call.library,
                                       innermost_first=True), None)
        if found is None:
            continue
        if _logs_and_ends(call, found[1]):
            return call, found[1], tasks[call.fq]
    return None


def _one_shot_tasks(model: ProjectModel) -> dict[str, list]:
    """function fq -> the tasks that run it once, nothing waiting for them (not started at startup, not a loop)."""
    tasks: dict[str, list] = {}
    for entry in model.app.of_kind("task"):
        if not entry.details.get("at_startup") and not entry.details.get("loop") and not is_test_path(entry.path):
            tasks.setdefault(entry.function, []).append(entry)
    return tasks


def _caught_delivery(call: ExternalCall) -> bool:
    """An HTTP send retried nowhere and caught where it is made (not a read, nor a read-only POST, nor one
    minting a fresh dedupe key per attempt), in a function handing back no response data."""
    return not (call.retry or not call.handled or call.kind != "http-client"
                or not delivers(call) or read_only_post(call) or fresh_dedupe_key(call)
                or any(v is not None for v in call.func.returns_values))


def _logs_and_ends(call: ExternalCall, handler: dict) -> bool:
    """The handler logs the failure and ends there: it neither re-raises, nor reports a result, nor leaves a
    loop for the next item, nor hands the item on or back."""
    func = call.func
    sites = blk.calls_in(func, handler["line"], handler["end"])
    return blk.handler_logs(func, handler) and not blk.handler_reraises(func, handler) \
        and handler.get("exit") not in ("break", "continue") and not reports_failure(func, handler) \
        and not any(hands_back(site) or passes_item(site, call.site) for site in sites)


def given_up_call(model: ProjectModel, calls: list[ExternalCall],
                  marked_only: bool = False) -> tuple[ExternalCall, Edge] | None:
    """A send (not a read) retried nowhere whose background caller catches its failure (the library's
    errors, or the project exception the client translates them into) and gives the item up: the
    handler neither re-raises, nor hands the item back (re-queue, release, nack), nor leaves its loop
    for the next round (unless it first marks the item failed for good). A poll that fails is asked again
    next round; a send given up is lost. A caller handing the send to a breaker (`breaker.call(client.submit,
    job)`) counts: its handler meets the failure."""
    ran_in_background = background_or_main(model)
    tracer = analysis(model).tracer
    for call in calls:
        if call.retry or call.handled or not delivers(call) or read_only_post(call):
            continue
        callers = [e for e in [*model.callers.get(call.fq, ()), *handed_callers(model, call.fq)]
                   if e.caller in ran_in_background and not is_test_path(model.functions[e.caller][0].path)]
        translated = translated_errors(model, tracer, call) if callers else frozenset()
        edge = next((e for e in callers if gives_up(model, tracer, e, call.library, translated, marked_only)), None)
        if edge is not None:
            return call, edge
    return None


def claimed_before_send(model: ProjectModel, calls: list[ExternalCall]) -> tuple[ExternalCall, str, object, int] | None:
    """(call, function, claim, the function's line sending towards the call) for a send (not a read)
    retried nowhere and caught nowhere on the way, made after a function on its way in (the call's
    own, or a caller up to two calls above it) claimed a dedupe key (`SET ... NX`, a record written
    under a dedupe key, an insert that does nothing on conflict) and returned early when the key was
    taken: when the send fails the key stays, and every later attempt at the same item stops at the
    claim, so one transient error loses the delivery for good."""
    for call in calls:
        if call.retry or call.handled or call.kind != "http-client" or not delivers(call) or read_only_post(call):
            continue
        ways = [(call.fq, call.site.line)]
        for _depth in range(3):  # the call's own function, then two callers up
            for fq, line in ways:
                facts, func = model.functions[fq]
                claim = _claim_gate(model, fq, func, line)
                if claim is not None and not blk.enclosing(func, line, "try") and not is_test_path(facts.path):
                    return call, fq, claim, line
            # a function whose call sits in a `try` may catch the failure: the way stops there
            ways = [(e.caller, e.site.line) for fq, line in ways
                    if not blk.enclosing(model.functions[fq][1], line, "try")
                    for e in model.callers.get(fq, ()) if e.caller in model.functions]
    return None


def _claim_gate(model: ProjectModel, fq: str, func, before: int):
    """The claim (`SET key value NX`, a record keyed by a dedupe key, a project function inserting with
    `ON CONFLICT DO NOTHING RETURNING`) before `before` whose failure to claim the key the function
    answers by leaving (`if not await redis.set(key, 1, nx=True, ex=ttl): return False`)."""
    inserts = _claiming_inserts(model, fq)
    for site in func.calls:
        if site.line >= before or not site.func or not (
                _set_nx(site) or site.awaited and (_keyed_by_dedupe(site) or id(site) in inserts)):
            continue
        names = {site.name, *(n for n, v in func.bound_on(site.line) if "call" in v)}
        if any(b.get("exits") and site.line <= b["line"] and b["end"] < before and names & set(b.get("absent", ()))
               for b in blk.blocks(func, "if")):
            return site
    return None


def _claiming_inserts(model: ProjectModel, fq: str) -> set[int]:
    """The ids of `fq`'s call sites into a project function that claims by insert: asked for the same
    function by every send on its way, so remembered per run."""
    known: dict[str, set[int]] = model.memo("resilience.claiming_inserts", dict)
    if fq not in known:
        known[fq] = {id(e.site) for e in model.edges.get(fq, ())
                     if (callee := model.callee_function(e.target)) in model.functions
                     and claims_by_insert(model, callee)}
    return known[fq]


def _set_nx(site) -> bool:
    """`redis.set(key, value, nx=True)`: set only if absent, the answer says whether it was."""
    return site.func[-1] == "set" and site.kwargs.get("nx") is True


_DEDUPE_KEY = re.compile(r"^(?:idempotency|dedupe?|deduplication)_?(?:key|id)$", re.I)
_RECORDS = ("insert", "create", "add", "record", "claim", "save", "register")


def _keyed_by_dedupe(site) -> bool:
    """A record written under a dedupe key (`repo.insert(..., dedupe_key)`, `create(idempotency_key=k)`):
    the store refuses it twice, and its None answer means the item was claimed before."""
    if not site.func[-1].lstrip("_").startswith(_RECORDS):
        return False
    refs = [v.get("ref") for v in (*site.args, *site.kwargs.values()) if isinstance(v, dict)]
    return any(isinstance(r, str) and _DEDUPE_KEY.match(r.rsplit(".", 1)[-1]) for r in refs) \
        or any(_DEDUPE_KEY.match(k) for k in site.kwargs)


def _unreached(model: ProjectModel, call: ExternalCall) -> bool:
    """No entry point can be followed to the call (a loop handed to a supervisor, a handler looked
    up in a dict): unlike known background work, no schedule or queue of its own is known to try
    it again."""
    return not entries_reaching(model, {call.fq}, limit=1)


def _unretried_delivery(call: ExternalCall) -> bool:
    """An HTTP send (not a read, nor a read-only POST, nor one minting a fresh dedupe key per attempt)
    that no retry covers and that is not caught where it is made, in a function handing back no
    response data."""
    if call.retry or call.handled or call.kind != "http-client" or not delivers(call) or read_only_post(call) \
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


def delivers(call: ExternalCall) -> bool:
    return call.method not in ("get", "head", "options") and not call.operation.endswith(".get")
