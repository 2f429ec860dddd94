"""RA604 logging-gap: a dependency's failure written to the store as a status, with no log line."""
from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding, Location
from ...knowledge.exceptions import CANCEL_SIGNALS, last_name
from ...model.app import is_test_path
from ...model.project import ProjectModel
from ...model.resilience import analysis, by_function, reaching_remote
from ...model.resilience import blocks as blk
from ...model.resilience.guards import resolved_name
from ...model.resilience.runtime import short
from ...model.resilience.trace import argument_for
from ...model.statements import is_tooling_path
from ..api import ProjectContext, Rule, register
from .failure_skipped_silently import try_body

# Calls in a handler that tidy up after the failure rather than record it.
_CLEANUP = frozenset({"rollback", "close", "aclose", "cancel", "release", "discard", "remove", "reset", "sleep",
                      "delete", "unlink", "expunge"})

# Calls that write what the handler changed on loaded rows (a session's commit).
_WRITES = frozenset({"commit", "flush"})


@register
class FailureRecordedWithoutLog(Rule):
    """A call to a dependency fails, and the handler marks the item failed in the store without logging.

    What it finds:
        An `except` handler around a call that reaches a remote service or database (a payment
        gateway's `payout(...)`, a partner API client) that answers the failure by writing a
        status through another remote call whose result it drops (`await repo.mark_failed(id)`,
        `await repo.set_status(id, "rejected")`, or a helper changing the loaded row that the
        handler then commits), then goes on, and never logs, reports or
        re-raises. Handlers that only clean up (`rollback()`, `close()`) are not reported, nor
        ones whose caught exception is a cancellation signal, nor get-or-create handlers that bind
        again what the `try` was to produce (`except NotFound: user = User(id); await repo.insert(user)`:
        the missing row is the normal first-time branch), nor ones that store the caught
        exception with the status (`mark_failed(id, reason=str(exc))`: the reason is kept), unless
        the function logs its successful outcome after the handler (`logger.info("synced ...")`):
        its runs are followed in the logs, where the failures then never appear.
        When the reason goes to a project helper (`await self._reschedule(id, attempts, str(exc))`)
        that logs it on the path that tries again but has an early-return branch that gives up
        (`if attempts >= limit: await db.execute("UPDATE outbox SET status = 'dead' ..."); return`)
        writing the final status with no log call and without the parameters that log reports,
        the write on that branch is cited: the retries are logged, the abandoned item is not.

    Why it matters:
        The row says "failed" but nothing says why: no exception type, message, status code or
        traceback reaches the logs, so on-call cannot tell a rejected card from a gateway outage,
        alerts on error logs never fire, and the failure rate is invisible until someone queries
        the table.

    Example:
        try:
            ref = await self.gateway.payout(batch.id, amount)
        except GatewayError:
            await self.repo.mark_failed(batch.id)
            return

    Instead:
        Record it and log it (with the reason):

            except GatewayError as exc:
                log.warning("payout for batch %s failed: %s", batch.id, exc)
                await self.repo.mark_failed(batch.id)
                return
    """

    id = "RA604"
    name = "failure-recorded-without-log"
    category = "logging-gap"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        remote, direct = reaching_remote(model), by_function(analysis(model).calls)
        given_up: set[str] = set()  # helpers already reported for a silent give-up branch
        for fq, facts, func in model.iter_functions():
            if is_test_path(facts.path) or is_tooling_path(facts.path):
                continue
            quiet = _untraced_handlers(func)
            sites = _remote_sites(model, fq, remote, direct.get(fq, ())) if quiet else []
            for handler, body in quiet:
                record = _recording(func, handler, sites)
                if record is not None and _keeps_reason(model, facts.path, record, handler.get("name")) \
                        and not _logs_success(func, handler):
                    found = _silent_give_up(model, fq, func, record, handler.get("name"))
                    if found is not None and found[0] not in given_up:
                        given_up.add(found[0])
                        yield self._give_up_finding(model, facts.path, fq, handler, *found)
                    continue
                if record is None:
                    continue
                failing = _failing(model, facts, func, handler, body, sites, remote)
                if failing is not None and not blk.supplies_value(func, handler, failing.line):
                    yield self._finding(facts.path, fq, handler, failing, record)

    def _finding(self, path: str, fq: str, handler: dict, failing, record) -> Finding:
        caught = ", ".join(handler["types"]) or "everything (bare except)"
        description = (
            f"In `{short(fq)}`, when `{failing.name}()` (line {failing.line}) fails with {caught}, the handler at "
            f"line {handler['line']} records it with `{record.name}()` (line {record.line}) and goes on without a "
            "log line, a report or a re-raise: the stored status says the item failed, but the reason (exception, "
            "message, status code) is lost and no error-rate alert can see it."
        )
        name = handler.get("name") or "exc"
        recommendation = ("Log the failure where it is recorded:\n\n"
                          f"    except {caught if handler['types'] else 'Exception'} as {name}:\n"
                          f"        log.warning(\"{failing.name} failed: %s\", {name})\n"
                          f"        await {record.name}(...)")
        return self.finding(Location(path, handler["line"], handler["line"]),
                            f"`{failing.name}()` failure recorded without a log line in {short(fq)}", description,
                            related=[Location(path, record.line, record.end_line, "the failure recorded here"),
                                     Location(path, failing.line, failing.end_line, "the call that fails")],
                            recommendation=recommendation)

    def _give_up_finding(self, model: ProjectModel, path: str, fq: str, handler: dict, helper: str, write,
                         log_site) -> Finding:
        helper_facts, helper_func = model.functions[helper]
        description = (
            f"`{short(fq)}` hands the failure to `{short(helper)}()`, which logs it when it tries again (line "
            f"{log_site.line}) but, on the branch that gives up, only writes the final status (line {write.line}) "
            "and returns: the one failure that needs a human (retries exhausted, the item abandoned) is the one "
            "that leaves no log line, and the reason passed in is dropped."
        )
        return self.finding(Location(helper_facts.path, write.line, write.end_line),
                            f"Giving up in `{short(helper)}()` leaves no log line", description,
                            related=[Location(helper_facts.path, log_site.line, log_site.end_line,
                                              "the retry path logs the failure"),
                                     Location(path, handler["line"], handler["line"], "the failure handed over here")],
                            recommendation="Log (at error level) where the item is given up, with the reason:\n\n"
                                           "    log.error(\"giving up on %s after %d attempts: %s\", ...)")


def _silent_give_up(model: ProjectModel, fq: str, caller, record, caught: str | None):
    """(helper, write, log) when the project helper a handler hands the failure to (`await
    self._reschedule(id, attempts, str(exc))`) has an early-return branch that writes the final status
    (`if attempts >= limit: await db.execute("UPDATE ... SET status = 'dead'"); return`) with no log
    call and without the reason handed in, while the path past that branch logs the reason: the retry
    is logged, giving up is silent."""
    edge = next((e for e in model.edges.get(fq, ()) if e.site.line == record.line and e.site.func == record.func), None)
    helper = model.callee_function(edge.target) if edge is not None else None
    if not helper or helper not in model.functions or not caught:
        return None
    func = model.functions[helper][1]
    params = _reason_params(caller, record, func, caught)
    for block in blk.ifs(func):
        if not block.get("exits") or block.get("else_line") or blk.raises_in(func, block["line"], block["end"]):
            continue
        inside = blk.calls_in(func, block["line"] + 1, block["end"])
        write = next((s for s in inside if _records(s)), None)
        if write is None or any(blk.logs(s) for s in inside):
            continue
        used = {a.get("ref") for s in inside for a in (*s.args, *s.kwargs.values()) if isinstance(a, dict)}
        log_site = next((s for s in func.calls if s.line > block["end"] and blk.logs(s)
                         and {a.get("ref") for a in s.args if isinstance(a, dict)} & (params - used)), None)
        if log_site is not None:
            return helper, write, log_site
    return None


def _reason_params(caller, record, helper, caught: str) -> set[str]:
    """The helper's parameters the handler passes the caught exception to (`exc`, `str(exc)`)."""
    wrapped = {site.line for site in caller.calls if site.line == record.line and site.func in (("str",), ("repr",))
               and {"ref": caught} in site.args}
    found = set()
    for param in helper.params:
        value, passed = argument_for(record, helper, param.name, False)
        if passed and isinstance(value, dict) and (
                value.get("ref") == caught or value.get("call") in ("str", "repr") and value.get("line") in wrapped):
            found.add(param.name)
    return found


def _remote_sites(model: ProjectModel, fq: str, remote: frozenset[str], direct) -> list:
    """The call sites of `fq` that reach a remote service: calls of project functions that do, and
    its own library calls."""
    sites = [e.site for e in model.edges.get(fq, ()) if (model.callee_function(e.target) or "") in remote]
    return sites + [call.site for call in direct]


def _untraced_handlers(func) -> list[tuple[dict, dict]]:
    """(handler, its `try` body) for the function's handlers that leave no trace of the failure."""
    return [(handler, body) for handler in blk.blocks(func, "except")
            if not _leaves_trace(func, handler) and (body := try_body(func, handler)) is not None]


def _leaves_trace(func, handler: dict) -> bool:
    """The handler logs or re-raises, or catches a cancellation signal (nothing to record)."""
    return any(last_name(t) in CANCEL_SIGNALS for t in handler["types"]) or blk.handler_logs(func, handler) \
        or blk.handler_reraises(func, handler)


def _keeps_reason(model: ProjectModel, path: str, record, name: str | None) -> bool:
    """The recording call is handed the caught exception (`mark_failed(id, reason=str(exc))`): the
    reason is stored with the status, so it is not lost."""
    if not name:
        return False
    text = "\n".join(model.lines(path)[record.line - 1:record.end_line])
    call = text.split("(", 1)[1] if "(" in text else ""
    return re.search(rf"\b{re.escape(name)}\b", call) is not None


def _logs_success(func, handler: dict) -> bool:
    """The function logs the outcome once the handler is passed (`logger.info("synced %s", ...)`):
    its runs are followed in the logs, where a failure kept only in a row never shows up."""
    return any(site.line > handler["end"] and blk.logs(site) for site in func.calls)


def _remote_errors(model: ProjectModel, remote: frozenset[str]) -> frozenset[str]:
    """The project's exception classes raised only by functions that reach a remote service (a
    node client's `NodeError`): catching one says the `try` calls that dependency, even when the
    call itself goes through an untyped receiver (`self.nodes[chain].broadcast(...)`)."""
    def build() -> frozenset[str]:
        raisers: dict[str, set[str]] = {}
        for fq, facts, func in model.iter_functions():
            for block in blk.blocks(func, "raise"):
                name = resolved_name(model, facts, func, block.get("exc", ""))
                if name in model.classes:
                    raisers.setdefault(name, set()).add(fq)
        return frozenset(name for name, fqs in raisers.items() if fqs <= remote)
    return model.memo("failure_recorded_without_log.remote_errors", build)


def _recording(func, handler: dict, sites: list):
    """The remote call in the handler writing the failure: arguments given, result dropped, no
    cleanup verb (`await repo.mark_failed(id)`); or such a call to a helper that only changes the
    loaded row (`await orders.set_status(session, order, REJECTED)`) before the handler commits it
    (`await session.commit()`)."""
    found = next((s for s in sites if handler["line"] < s.line <= handler["end"] and _records(s)), None)
    commits = [s.line for s in blk.calls_in(func, handler["line"], handler["end"])
               if s.func and s.func[-1] in _WRITES and not (s.args or s.kwargs)]
    if found is None and commits:
        found = next((s for s in blk.calls_in(func, handler["line"], max(commits) - 1) if _records(s)), None)
    return found


def _records(site) -> bool:
    """Arguments given, result dropped, no cleanup verb."""
    return site.await_dropped and bool(site.func) and site.func[-1] not in _CLEANUP and bool(site.args or site.kwargs)


def _failing(model: ProjectModel, facts, func, handler: dict, body: dict, sites: list, remote: frozenset[str]):
    """The awaited remote call in the `try` body, else a sync one (a blocking SDK client called from
    the coroutine fails the same way); when there is none and the handler catches only the project's
    errors of remote dependencies, any awaited call there (it goes through a receiver the analysis
    cannot follow)."""
    inside = [s for s in sites if body["line"] <= s.line <= body["end"]]
    failing = next((s for s in inside if s.awaited), None) or next(iter(inside), None)
    if failing is not None:
        return failing
    types, errors = handler["types"], _remote_errors(model, remote)
    if types and all(resolved_name(model, facts, func, t) in errors for t in types):
        return next((s for s in blk.calls_in(func, body["line"], body["end"]) if s.awaited), None)
    return None
