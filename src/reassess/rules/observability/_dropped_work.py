"""Whether a silent handler of background code loses work: a broad skip in a loop, a drop in a
step called once per item, a dependency's failure answered with `pass`, `return` or
`continue`; and the `try`s that lose nothing (keep-alive rounds, teardown, local computation)."""
from __future__ import annotations

from ...model.project import ProjectModel
from ...model.resilience import analysis, by_function, reaching_remote
from ...model.resilience import blocks as blk
from ...model.resilience.guards import resolved_name
from ..errors.handlers import CLEANUP_CALLS, keepalive_function
from ...knowledge.exceptions import DECODE_ERRORS, DEPENDENCY_ERRORS, is_broad, last_name
from ._silent_handlers import enclosing_loop, try_body, try_body_calls


def broad_skip(func, handler: dict) -> bool:
    """A broad (or bare) handler inside a loop that only moves on to the next item. In a
    background job this is a logging gap (the job's failures vanish); the same handler in a
    request is the swallowed-exception rule's."""
    loop = enclosing_loop(func, handler["line"])
    if not is_broad(handler["types"]) or loop is None:
        return False
    return handler.get("exit") in ("continue", "pass") or _ends_round(func, handler, loop)


def no_work_lost(model: ProjectModel, fq: str, func, handler: dict, remote: set[str]) -> bool:
    """The `try` does no work whose failure loses an item: a keep-alive loop (`_ping_loop`: a
    failed ping skips a round, the connection's reader reports the dead socket), best-effort
    teardown (`await conn.close()` before reconnecting), or, outside a loop of its own, local
    computation that awaits nothing and reaches no remote call (a URL formatter, a label built
    from an item, a gauge set on a metric object), in a loop too: nothing failed upstream, the
    failure to log is the code's own, and the swallowed-exception rule (RA102) names the same
    handler, so one defect is not reported twice. Records that cannot be decoded are RA110's."""
    if keepalive_function(fq):
        return True
    body = try_body(func, handler)
    calls = blk.calls_in(func, body["line"], body["end"]) if body else []
    if calls and all(c.func and c.func[-1] in CLEANUP_CALLS for c in calls):
        return True
    if body is None or any(c.awaited for c in calls) or fq in remote and _remote_in(model, fq, body):
        return False
    reaching = reaching_remote(model)
    return not any(body["line"] <= edge.site.line <= body["end"] and edge.target.name in reaching
                   for edge in model.edges.get(fq, ()))


def _remote_in(model: ProjectModel, fq: str, body: dict) -> bool:
    """A remote call (HTTP, database, cache, broker) made in the `try` body itself."""
    calls = model.memo("failure_skipped_silently.calls_by_function", lambda: by_function(analysis(model).calls))
    return any(body["line"] <= call.site.line <= body["end"] for call in calls.get(fq, ()))


def per_item_drop(model: ProjectModel, fq: str, func, handler: dict, jobs: set[str]):
    """A broad handler that drops the failure (`pass`, a bare `return`, `continue`) outside any
    loop of its own, in a function a background job calls once per item from inside its loop
    (`while True: event = await queue.get(); await self._handle(event)`): each item's failure of
    that step vanishes, as with a broad skip written in the loop itself. Returns the call edge
    from the loop (None when the handler is not such a drop)."""
    if handler.get("exit") not in ("pass", "continue", "return") and not _falls_past_work(func, handler):
        return None
    broad = is_broad(handler["types"])
    if not broad and not _dependency_failure(model, fq, func, handler["types"]):
        return None
    if enclosing_loop(func, handler["line"]) is not None or not try_body_calls(func, handler):
        return None  # (a `try` calling nothing guards an expression, `value in allowed`: no step of work)
    in_loops = [edge for edge in model.callers.get(fq, ()) if edge.site.loop_line and edge.caller in jobs
                and edge.caller != fq and (broad or _over_items(model, edge))]
    return min(in_loops, key=lambda edge: (edge.caller, edge.site.line)) if in_loops else None


def _falls_past_work(func, handler: dict) -> bool:
    """The handler only notes the failure (`self.failed += 1`) and falls through to what follows
    the `try` (acknowledging the message), when the `try` did the item's work for its effect
    (`await self._service.notify(...)`, its result unused): the item is dropped as surely as
    with `pass`. A `try` that fetched a value (`cached = await ...`) falling through to a
    default is a fallback, not a drop."""
    if handler.get("exit"):
        return False
    awaited = [c for c in try_body_calls(func, handler) if c.awaited]
    return bool(awaited) and all(c.await_dropped for c in awaited)


def _over_items(model: ProjectModel, edge) -> bool:
    """The call sits in a `for` loop or a comprehension over a collection (`gather(*(self._send(u)
    for u in users))`), not in a worker's keep-alive `while` loop: each call is one item's work,
    so a failure it drops is an item silently lost rather than a round retried."""
    text = model.line_text(model.functions[edge.caller][0].path, edge.site.loop_line).lstrip()
    return not text.startswith("while")


def _ends_round(func, handler: dict, loop: dict) -> bool:
    """The handler only does bookkeeping (`failed += 1`: `silent` rules out calls) and its
    `try` statement closes the loop body, so the loop simply goes on to the next item."""
    ends = [b["end"] for b in blk.blocks(func) if b["kind"] in ("except", "finally")
            and b.get("try_line") == handler["try_line"]]
    return bool(ends) and max(ends) == loop["end"]


def library_failure_dropped(model: ProjectModel, fq: str, handler: dict) -> object | None:
    """The first call in the try body when the handler catches only a dependency library's base
    error (`SQLAlchemyError`, `httpx.HTTPError`), possibly next to the project's own errors, and
    returns without a trace, or skips to the next
    item of its loop with `continue` (a carrier's daily manifest silently not closed), or by
    ending the body of an item loop so the next item follows (`except httpx.HTTPError: failed +=
    1`). `pass` is `_failure_passed`'s; a `continue` outside a loop is RA102's (swallowed-exception) subject."""
    types = handler["types"]
    facts, func = model.functions[fq]
    loop = enclosing_loop(func, handler["line"])
    skips = loop is not None and (handler.get("exit") == "continue" or _ends_item_loop(handler, loop))
    if not (handler.get("exit") == "return" or skips) or not types:
        return None
    if not _dependency_failure(model, fq, func, types):
        return None
    calls = try_body_calls(func, handler)
    return next((c for c in calls if c.awaited or c.used_as), calls[0] if calls else None)


def _ends_item_loop(handler: dict, loop: dict) -> bool:
    """The handler falls through as the last statement of a loop over items (not a keep-alive
    `while True`): like `continue`, the failed item is left behind and the next one taken."""
    return not handler.get("exit") and not loop.get("forever") and handler["end"] == loop["end"]


def failure_passed(model: ProjectModel, fq: str, handler: dict) -> object | None:
    """The first call in the try body that reaches a remote call, when the handler catches the
    dependency's failure - its library's base error, or the builtin network errors
    (`ConnectionError`, `TimeoutError`) standing for it - and ends in `pass`, in code background
    work runs (`try: await asyncio.gather(*(self._send(row) for row in rows)) except
    (ConnectionError, TimeoutError): pass`): the job's remote work failed and nothing anywhere
    says so (a request would have answered an error; a job only has its log)."""
    if handler.get("exit") != "pass" or not handler["types"]:
        return None
    facts, func = model.functions[fq]
    library = _dependency_failure(model, fq, func, handler["types"])
    if not library and not set(handler["types"]) & _NETWORK_BUILTINS:
        return None
    body = try_body(func, handler)
    if body is None:
        return None
    remote = reaching_remote(model)
    reached = [e for e in model.edges.get(fq, ()) if body["line"] <= e.site.line <= body["end"]
               and (model.callee_function(e.target) or "") in remote]
    # the job's work, not a heartbeat: calls fanned out over items (`gather(*(... for row in
    # rows))`, a loop inside the `try`) or whose result the job keeps (`report.purged = await ...`)
    reached = [e for e in reached if not (e.site.await_dropped or e.site.discarded)
               or (e.site.loop_line and e.site.loop_line >= body["line"])]
    if not reached:
        return None
    return min(reached, key=lambda e: e.site.line).site


_NETWORK_BUILTINS = frozenset({"ConnectionError", "TimeoutError", "OSError", "asyncio.TimeoutError"})


# builtin errors caught next to a dependency's (`except (asyncpg.PostgresError, LookupError)`,
# `except (OSError, asyncpg.PostgresError)`): they widen the handler, they do not make it deliberate
_BUILTIN_COMPANIONS = DECODE_ERRORS | {"OSError", "IOError", "ConnectionError", "TimeoutError", "RuntimeError"}


def _dependency_failure(model: ProjectModel, fq: str, func, types: list[str]) -> bool:
    """The handler names a dependency library's base error (`httpx.HTTPError`, `PostgresError`),
    alone or next to the project's own errors or builtin ones: when the dependency fails, this
    handler is what decides whether anyone hears of it."""
    if not types:
        return False
    facts = model.functions[fq][0]
    own = [resolved_name(model, facts, func, written) in model.classes for written in types]
    library = [not mine and last_name(written) in DEPENDENCY_ERRORS and written != "ConnectionError"
               for written, mine in zip(types, own)]
    return any(library) and all(mine or lib or written in _BUILTIN_COMPANIONS
                                for written, mine, lib in zip(types, own, library))
