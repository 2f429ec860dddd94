"""What the handler around a send does with its failure: catches it (or the project exception
the client translates it into), logs it and goes on, skips or gives the item up, or hands it
back for another attempt."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...knowledge.exceptions import is_broad
from ...knowledge.logs import LOG_METHODS
from ...model.resilience import analysis
from ...model.resilience import blocks as blk
from ...model.resilience.calls import ExternalCall, catching_handlers
from ...model.resilience.guards import resolved_name
from ...model.project import ProjectModel
from ._deps import values_gather
from ._requeue import requeues

if TYPE_CHECKING:
    from ...facts.types import CallSite, FunctionFacts
    from ...model.project import Edge
    from ...model.resilience.trace import Tracer


# calls in a handler that hand the failed item back for another attempt
_HANDED_BACK = frozenset({"requeue", "release", "nack", "reject", "retry", "reschedule", "enqueue", "put", "put_nowait",
                          "rpush", "lpush", "xadd", "zadd", "push", "schedule", "retry_later", "defer",
                          "backoff"})  # (`schedule_backoff(row)`: a later attempt is planned)


def skipped_on_failure(model: ProjectModel, edge: Edge, library: str) -> bool:
    """The call site sits in a `try` inside its loop whose handler for the library's errors ends in `continue`."""
    facts, func = model.functions[edge.caller]
    return any(block["line"] >= edge.site.loop_line and handler.get("exit") == "continue"
               for block, handler in catching_handlers(analysis(model).tracer, facts, func, edge.site.line, library))


def gives_up(model: ProjectModel, tracer: Tracer, edge: Edge, library: str, translated: frozenset[str],
              marked_only: bool = False) -> bool:
    """The innermost handler around the call site catches its failure and ends the item there (with
    `marked_only`, only by recording it as failed)."""
    func = model.functions[edge.caller][1]
    found = innermost_catch(model, tracer, edge, library, translated)
    if found is None:
        return False
    handler = found[1]
    calls = blk.calls_in(func, handler["line"], handler["end"])
    marked = any(_marks_failed(site) for site in calls) or _records_failed(func, handler)
    if is_broad(handler.get("types") or []) and not _wraps_only(func, found[0], edge.site) \
            and not (marked and _sole_statement(found[0], edge.site)):
        return False  # (a catch-all around several steps is best-effort cleanup, not a choice about this call)
    if blk.handler_reraises(func, handler) or any(hands_back(site) or passes_item(site, edge.site)
                                                      or requeues(model, edge.caller, site)
                                                      or _retried_below_cap(site) for site in calls):
        return False
    # leaving the loop for the next round gives nothing up, unless the handler first records the
    # item as failed for good (`mark(doc.id, "failed")`, then `continue`): no round takes it again
    return marked or not marked_only and handler.get("exit") not in ("break", "continue")


def _wraps_only(func, block, site) -> bool:
    """The `try` body is the call's own statement and nothing else, made for each item of a collection
    (`for account in due: try: await push(...)` / `except Exception: pass`): a catch-all there is a
    choice about this one send, not cleanup of a batch nor a periodic loop's next round."""
    return _sole_statement(block, site) and block["line"] > site.loop_line > 0 and any(
        b["line"] == site.loop_line and b.get("ends_on_success") and not b.get("forever")
        for b in blk.blocks(func, "loop"))


def _sole_statement(block, site) -> bool:
    """The `try` body is the call's own statement and nothing else (`try: receipt = await
    hub.upload(...)`), whatever loop it sits in: a catch-all that then records the item as failed for
    good decides about this one send, not about a batch of steps."""
    return block.get("kind") == "try" and site.line == block["line"] + 1 and site.end_line == block["end"]


# words in a call's name, or status values it is given, that record an item as failed for good
_FAILED_WORDS = frozenset({"fail", "failed", "failure", "dead", "abandon", "abandoned", "errored"})


def _marks_failed(site) -> bool:
    """A call recording the item as failed (`mark_failed(id)`, `set_status(id, "failed")`)."""
    words = set(site.func[-1].lower().split("_")) if site.func else set()
    values = [*site.args, *site.kwargs.values()]
    return bool(words & _FAILED_WORDS) or any(isinstance(v, str) and v.lower() in _FAILED_WORDS for v in values)


_RETRY_CAPS = ("max_attempts", "max_retries", "attempt_limit", "retry_limit")


def _retried_below_cap(site) -> bool:
    """A call handed the retry cap (`mark_failed(id, err, dist.attempts, settings.max_attempts)`): it
    decides whether this failure is final and, below the cap, puts the item back for a later attempt."""
    return any(name.endswith(_RETRY_CAPS) for name in site.kwargs) or any(
        isinstance(v, dict) and str(v.get("ref", "")).lower().endswith(_RETRY_CAPS) for v in site.args)


def _records_failed(func, handler) -> bool:
    """The handler writes a failure status on the item (`delivery.status = "failed"`): no round
    selecting pending items takes it again."""
    return any(str(store.get("const", "")).lower() in _FAILED_WORDS for store in func.extra.get("stores", ())
               if handler["line"] <= store["line"] <= handler["end"] and not store["item"])


def hands_back(site: CallSite) -> bool:
    """A call whose name says it puts the item back for another attempt (`_reschedule`, `requeue_item`, `rpush`),
    or one told to by a keyword (`fail(job.id, requeue=job.attempts < 5)`)."""
    asked = any(set(key.lower().split("_")) & _HANDED_BACK and value is not False
                for key, value in site.kwargs.items())
    return asked or bool(site.func) and any(word in _HANDED_BACK for word in site.func[-1].lower().split("_"))


def passes_item(site: CallSite, failed: CallSite) -> bool:
    """A call in the handler (not a log line, nor one marking it failed) given the very object the failed
    call was sent (`self.submit(event)`): the item is handed on for another attempt, not given up (an id
    passed to `set_status(row.id, "failed")` only records the loss, and a builtin turning it into text
    or a number, `str(path)` for that status row, hands nothing on)."""
    if not site.func or site.func[-1] in LOG_METHODS or _marks_failed(site) or _builtin_conversion(site):
        return False
    sent = {v["ref"] for v in (*failed.args, *failed.kwargs.values())
            if isinstance(v, dict) and "." not in str(v.get("ref", "."))}
    return any(isinstance(v, dict) and v.get("ref") in sent for v in (*site.args, *site.kwargs.values()))


_CONVERSIONS = frozenset({"str", "repr", "int", "float", "len", "format", "bytes", "bool"})


def _builtin_conversion(site: CallSite) -> bool:
    """`str(path)`, `len(rows)`: a builtin reading the item into a value, not a call it is handed to."""
    return len(site.func) == 1 and site.func[0] in _CONVERSIONS


def reports_failure(func: FunctionFacts, handler: dict) -> bool:
    """The handler hands a result object back (`return InvoiceResponse(ok=False, error=...)`):
    the caller learns of the failure and answers for it."""
    return any(isinstance(value, dict) and "call" in value and handler["line"] <= value.get("line", 0) <= handler["end"]
               for value in func.returns_values)


def translated_errors(model: ProjectModel, tracer: Tracer, call: ExternalCall) -> frozenset[str]:
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


def innermost_catch(model: ProjectModel, tracer: Tracer, edge: Edge, library: str,
                    translated: frozenset[str]) -> tuple[dict, dict] | None:
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


def logs_and_goes_on(model: ProjectModel, tracer: Tracer, edge: Edge, library: str,
                     translated: frozenset[str] = frozenset()) -> bool:
    """The call site sits in a `try` whose handler catches the library's errors (or the project
    exception the callee translates them into), logs and does not re-raise; or it is one of the
    calls of a `gather(..., return_exceptions=True)` after which its function logs and raises
    nothing (the failures come back as values, logged and dropped)."""
    func = model.functions[edge.caller][1]
    found = innermost_catch(model, tracer, edge, library, translated)
    if found is not None:  # (a handler leaving a loop leaves the rest for the next round: not dropped)
        return blk.handler_logs(func, found[1]) and not blk.handler_reraises(func, found[1]) \
            and found[1].get("exit") not in ("break", "continue") and not reports_failure(func, found[1]) \
            and not any(passes_item(s, edge.site) for s in blk.calls_in(func, found[1]["line"], found[1]["end"]))
    gather = values_gather(func, edge.site.line)
    if gather is None:
        return False
    after = {"line": gather.end_line + 1, "end": func.end_line}
    return blk.handler_logs(func, after) and not blk.handler_reraises(func, after)
