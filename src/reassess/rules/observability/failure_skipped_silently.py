"""RA603 logging-gap: a background job skips an item whose remote call failed, without a trace."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.passed import passed_and_called
from ...model.project import ProjectModel
from ...model.resilience import analysis, by_function, reaching_remote
from ...model.resilience import blocks as blk
from ...model.resilience.guards import forwarders, handed_chain, resolved_name
from ...model.resilience.runtime import forward, short
from ...model.resilience.triggers import background, process_mains
from ..api import ProjectContext, Rule, register
from ..errors.handlers import CLEANUP_CALLS, commented, keepalive_function
from ..resilience._stream_replies import stream_exchanges
from ...knowledge.exceptions import (BROAD, CANCEL_SIGNALS, DECODE_ERRORS, DEPENDENCY_ERRORS, RECORD_DECODE_ERRORS,
                                     is_broad, last_name, only)


@register
class FailureSkippedSilently(Rule):
    """A background job catches the error that reports a failed remote call and moves on, logging nothing.

    What it finds:
        `except SomeError: continue` (or `pass`, `return`, a flag) in code that background
        workers run, where `SomeError` is the project's own exception that a function called in
        the `try` raises while handling a failed HTTP or database call (`except httpx.HTTPError
        as exc: raise UpstreamError(...) from exc`), or on the answer to a request it wrote to an
        asyncio stream (`writer.write(...)`, then `raise RegistryError(...)` on an error code). The handler neither logs nor re-raises, so
        the item is skipped and the outage leaves no record. A broad handler (`except
        Exception: continue`) inside a loop of such code is reported here too: every failure of
        the job is skipped without a trace (the code review still names the same handler as a
        broad or swallowed exception), and so is a broad handler that drops the failure
        (`pass`, `return`) in a helper such a loop calls once per item (`await
        self._handle(event)`; not a `try` that calls nothing, `return value in allowed`, nor the
        helper calling itself), or a dependency's error dropped the same way in such a helper
        called from a `for` loop or a per-item `gather` (`except httpx.HTTPError: pass` in
        `_notify(user)`; not from a keep-alive `while` loop, where it only skips a round). A
        dependency's failure caught around the job's remote work and answered with `pass` is
        reported too - its library's base error, or the builtin `ConnectionError` /
        `TimeoutError` standing for it when the `try` reaches a remote call (`try: await
        asyncio.gather(*(self._send(row) for row in rows)) except (ConnectionError,
        TimeoutError): pass`); other errors caught with `pass` are the swallowed-exception
        rule's subject. A dependency's base error (`SQLAlchemyError`,
        `httpx.HTTPError`) caught there and answered with a bare `return` (the rest of the job
        dropped) or a `continue` in a loop (the item skipped) is reported here, also when
        builtin errors are caught beside it (`except (asyncpg.PostgresError, LookupError)`). Handlers
        that log, re-raise or use the
        exception are fine, and so are those that answer it with a result of their own (`except
        IsPlaylist: kind = Kind.PLAYLIST`, `kind` read further down, or `return url, Kind.PLAYLIST`):
        the exception chose another path, nothing failed; noting the item in a collection (`failed.append(item.id)`) is not a
        trace of why it failed. A broad handler whose `try` loses no work is not reported: a
        keep-alive loop (`_ping_loop`), best-effort teardown (`await conn.close()`), or local
        computation that awaits nothing and reaches no remote call (a URL formatter, a gauge set on
        a metric; RA102 names that handler). Also
        the `except (KeyError, ValueError): continue` handler around the item's processing itself
        (`try: await self._process(event)`): an item whose processing fails is dropped without a
        trace. Items a loop cannot decode (`try: record = _parse(msg) except (ValueError,
        KeyError): continue`) are RA110's (swallowed-exception), in background code too.

    Why it matters:
        A job that silently skips what it could not fetch reports success: a release that was
        never mirrored, a report row that was never sent. Nobody sees the upstream failing until
        the missing results are noticed downstream, and there is no error count or message to
        tell a flaky upstream from a permanent one.

    Example:
        try:
            data = await self._cdn.download(entry["path"], max_bytes=MAX_IMAGE_BYTES)
        except UpstreamError:
            continue

    Instead:
        Keep skipping, but say what was skipped and why (and count it in the run's summary):

            except UpstreamError as exc:
                log.warning("skipping release %s: %s", entry["version"], exc)
                skipped += 1
                continue
    """

    id = "RA603"
    name = "failure-skipped-silently"
    category = "logging-gap"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        calls = analysis(model).calls
        streams = stream_exchanges(model)  # a request written to a raw asyncio stream is a remote call too
        remote = {call.fq for call in calls} | set(streams)
        http = first_http_call(calls)
        http.update({fq: min(line, http.get(fq, line)) for fq, line in streams.items()})
        jobs = background(model)
        daemons = process_mains(model) - jobs
        for fq in sorted(jobs | daemons):
            facts, func = model.functions[fq]
            if is_test_path(facts.path):
                continue
            for handler in blk.blocks(func, "except"):
                if silent(func, handler) and not handler.get("other_path"):
                    finding = self._judge(model, fq, func, handler, fq in daemons, jobs, remote, http)
                    if finding is not None:
                        yield finding

    def _judge(self, model: ProjectModel, fq: str, func, handler: dict, daemon: bool, jobs: set[str],
               remote: set[str], http) -> Finding | None:
        """The finding for one silent handler of background code, by the first situation that fits."""
        if undecodable_skipped(func, handler) is not None or collected_skip(model, fq, func, handler) is not None:
            return None  # an unreadable item dropped: RA110's (swallowed-exception), wherever it runs
        if (work := _processing_skipped(model, fq, func, handler)) is not None:
            return self._processing_finding(model, fq, handler, work)
        if daemon:  # only the broad skip is judged in a worker process's own loop
            return self._broad_finding(model, fq, handler) if _broad_skip(func, handler) else None
        caught = caught_project_errors(model, fq, handler)
        found = wrapping_raise(model, fq, handler, caught, remote, http) if caught else None
        if found is not None:
            return self._finding(model, fq, handler, found)
        if _no_work_lost(model, fq, func, handler, remote):
            return None
        if _broad_skip(func, handler):
            return self._broad_finding(model, fq, handler)
        if (loop_edge := _per_item_drop(model, fq, func, handler, jobs)) is not None:
            return self._item_finding(model, fq, handler, loop_edge)
        if caught:
            return None
        site = _library_failure_dropped(model, fq, handler) or _failure_passed(model, fq, handler)
        return self._library_finding(model, fq, handler, site) if site is not None else None

    def _broad_finding(self, model: ProjectModel, fq: str, handler: dict) -> Finding:
        facts, func = model.functions[fq]
        loop = _enclosing_loop(func, handler["line"])
        calls = _try_calls(func, handler)
        what = f"`{calls[0].name}()`" if calls else "the loop body"
        caught = ", ".join(handler["types"]) or "everything (bare except)"
        description = (
            f"`{short(fq)}` runs in the background and, in the loop at line {loop['line']}, catches {caught} around "
            f"{what} and goes on to the next item{_how_on(handler)}: every failure (a bug, a dropped "
            "connection, a bad row) is skipped without a log line or a traceback, so a job that fails "
            "for every item still looks healthy and nobody can tell why items fail."
        )
        name = handler.get("name") or "exc"
        recommendation = (
            "Keep going, but leave a trace of each skipped item (with the traceback) and count them:\n\n"
            f"    except {handler['types'][0] if handler['types'] else 'Exception'} as {name}:\n"
            f"        log.exception(\"{short(fq)}: item failed, skipping\")\n"
            "        failed += 1\n"
            + (f"        {handler['exit']}" if handler.get("exit") else "")
        ).rstrip()
        related = [Location(facts.path, calls[0].line, calls[0].end_line, "the call whose failures are skipped")] \
            if calls else []
        return self.finding(Location(facts.path, handler["line"], handler["line"]),
                            f"Failures skipped silently in background job {short(fq)}", description,
                            related=related, recommendation=recommendation, severity=_documented(model, facts, handler))

    def _processing_finding(self, model: ProjectModel, fq: str, handler: dict, work) -> Finding:
        facts, func = model.functions[fq]
        loop = _enclosing_loop(func, handler["line"])
        caught = ", ".join(handler["types"])
        description = (
            f"`{short(fq)}` runs in the background and, in the loop at line {loop['line']}, catches {caught} "
            f"around `{work.name}()` (line {work.line}) and goes on with `continue`: an item that raises one of "
            "them - a record that does not exist, a malformed field, a bug deep in the processing - is dropped "
            "with no log line, counter or dead-letter copy, so lost items go unnoticed."
        )
        recommendation = _logged_skip("Keep skipping, but record what was dropped and why", handler,
                                      f"{short(fq)}: dropping item")
        related = [Location(facts.path, work.line, work.end_line, "the processing whose failures are dropped")]
        return self.finding(Location(facts.path, handler["line"], handler["line"]),
                            f"Items that fail processing dropped silently in background job {short(fq)}",
                            description, related=related, recommendation=recommendation)

    def _item_finding(self, model: ProjectModel, fq: str, handler: dict, loop_edge) -> Finding:
        facts, func = model.functions[fq]
        caller_path = model.functions[loop_edge.caller][0].path
        calls = _try_calls(func, handler)
        what = f"`{calls[0].name}()`" if calls else "the work in its `try`"
        caught = ", ".join(handler["types"]) or "everything (bare except)"
        description = (
            f"`{short(loop_edge.caller)}` runs in the background and calls `{short(fq)}` for each item of its loop "
            f"(line {loop_edge.site.line}); there the handler at line {handler['line']} catches {caught} around "
            f"{what}{_how_on(handler)}: every failure of that step "
            + ("(a bug, a dropped connection, a bad item) " if is_broad(handler["types"]) else
               "(the dependency down, refusing or timing out) ")
            + "vanishes without a log line or a traceback, so the item is silently left half done."
        )
        recommendation = (
            "Keep going, but leave a trace of the failed step (with the traceback):\n\n"
            f"    except {handler['types'][0] if handler['types'] else 'Exception'}:\n"
            f"        log.exception(\"{short(fq)}: step failed\")"
        )
        related = [Location(caller_path, loop_edge.site.line, loop_edge.site.end_line,
                            f"`{short(loop_edge.caller)}` calls `{short(fq)}` once per item here")]
        if calls:
            related.insert(0, Location(facts.path, calls[0].line, calls[0].end_line, "the call whose failures vanish"))
        return self.finding(Location(facts.path, handler["line"], handler["line"]),
                            f"Failures dropped silently in background step {short(fq)}", description,
                            related=related, recommendation=recommendation, severity=_documented(model, facts, handler))

    def _library_finding(self, model: ProjectModel, fq: str, handler: dict, site) -> Finding:
        facts, _func = model.functions[fq]
        caught = ", ".join(handler["types"])
        description = (
            f"`{short(fq)}` runs in the background and catches {caught} from `{site.name}()` (line {site.line}) "
            + (f"with a bare `{handler['exit']}`" if handler["exit"] else "and goes on to the next item")
            + f" at line {handler['line']}: when the dependency fails, "
            + ("the rest of the job is dropped" if handler["exit"] == "return" else "that item is skipped")
            + " and nothing is logged, so the outage and the lost work leave no trace."
        )
        name = handler.get("name") or "exc"
        recommendation = (
            "Keep going, but say what was dropped and why:\n\n"
            f"    except {caught if len(handler['types']) == 1 else '(' + caught + ')'} as {name}:\n"
            f"        log.warning(\"{short(fq)}: {site.name} failed, "
            f"{'giving up' if handler['exit'] == 'return' else 'skipping'}: %s\", {name})"
            + (f"\n        {handler['exit']}" if handler["exit"] not in ("pass", "") else "")
        )
        return self.finding(Location(facts.path, handler["line"], handler["line"]),
                            f"{caught} from {site.name}() dropped silently in {short(fq)}", description,
                            related=[Location(facts.path, site.line, site.end_line,
                                              "the call whose failure is dropped")],
                            recommendation=recommendation)

    def _finding(self, model: ProjectModel, fq: str, handler: dict, found: tuple) -> Finding:
        facts, _func = model.functions[fq]
        site, raiser, raise_line = found
        caught = ", ".join(handler["types"])
        description = (
            f"`{short(fq)}` calls `{site.name}()` (line {site.line}), which raises {caught} when its remote call "
            f"fails (`{short(raiser)}`, {model.functions[raiser][0].path}:{raise_line}), and the handler at line "
            f"{handler['line']} moves on without logging or re-raising it: the item is skipped and the failure "
            "leaves no trace in a job nobody watches."
        )
        related = [Location(facts.path, site.line, site.end_line, "the call whose failure is skipped"),
                   Location(model.functions[raiser][0].path, raise_line, raise_line,
                            f"{caught} raised for the failed call")]
        name = handler.get("name") or "exc"
        noted = blk.calls_in(model.functions[fq][1], handler["line"] + 1, handler["end"])
        if noted:
            description += (f" `{noted[0].name}(...)` at line {noted[0].line} notes that the item failed, "
                            "but not why.")
        recommendation = (
            "Keep the skip, but leave a trace of what was skipped and why:\n\n"
            f"    except {caught} as {name}:\n"
            f"        log.warning(\"{site.name} failed, skipping: %s\", {name})\n"
            + (f"        {noted[0].name}(...)" if noted else "        continue")
        )
        return self.finding(Location(facts.path, handler["line"], handler["line"]),
                            f"{caught} from {site.name}() skipped silently in {short(fq)}", description,
                            related=related, recommendation=recommendation)



def _broad_skip(func, handler: dict) -> bool:
    """A broad (or bare) handler inside a loop that only moves on to the next item. In a
    background job this is a logging gap (the job's failures vanish); the same handler in a
    request is the swallowed-exception rule's."""
    loop = _enclosing_loop(func, handler["line"])
    if not is_broad(handler["types"]) or loop is None:
        return False
    return handler.get("exit") in ("continue", "pass") or _ends_round(func, handler, loop)


# `Decimal("n/a")` raises `decimal.InvalidOperation`: a number field that could not be read
_FIELD_ERRORS = DECODE_ERRORS | {"InvalidOperation"}


def _decode_skip_loop(func, handler: dict, exits: tuple[str, ...] = ("continue",)) -> dict | None:
    """The loop a silent `except (ValueError, KeyError): continue` skips to the next item of."""
    types = handler["types"]
    if not types or handler.get("exit") not in exits or not only(types, _FIELD_ERRORS) \
            or not silent(func, handler):
        return None
    return _enclosing_loop(func, handler["line"])


def undecodable_skipped(func, handler: dict):
    """The awaited processing call a skipped item misses: `try: record = _parse(msg.value)
    except (ValueError, KeyError): continue` in a background loop, then `await handle(record)`.
    The loop goes on, but the item is gone with no trace. A handler that logs, substitutes a
    default or sits around the processing itself is not this."""
    loop = _decode_skip_loop(func, handler)
    if loop is None or not _try_calls(func, handler):
        return None
    later = [c for c in blk.calls_in(func, handler["end"] + 1, loop["end"]) if c.awaited]
    return later[0] if later else None


_COLLECT = frozenset({"append", "add", "extend", "appendleft"})


def collected_skip(model: ProjectModel, fq: str, func, handler: dict):
    """The project call whose result the loop collects, when a silent `except (KeyError,
    ValueError): continue` leaves the item out of the collection: `try:
    records.append(map_record(raw)) except (KeyError, ValueError): continue`. The batch comes out
    shorter with no trace of what was dropped. Only a record's missing field (`KeyError` caught)
    with the project's own builder is judged: conversions of plain values (`int(v)`, an enum of
    a query key) skipped on `ValueError` are parsing, not lost records. `pass` leaves the item out
    the same way when the `try` holds nothing but the collecting call; and a `continue` skips the
    collection further down the loop of the fields the `try` read (`cost = Decimal(row["cost"])`,
    then `rows.append({"cost": cost, ...})`): that collecting call is answered."""
    loop = _decode_skip_loop(func, handler, ("continue", "pass"))
    if loop is None:
        return None
    fields = "KeyError" in map(last_name, handler["types"])
    if not fields and (later := _record_collected_later(func, handler, loop)) is not None:
        return later
    calls = _try_body_calls(func, handler)
    lines = {line for c in calls if _collects(c) for line in range(c.line, c.end_line + 1)}
    body = try_body(func, handler)
    if handler.get("exit") == "pass" and not _only_collecting(body, lines):
        return None
    built = _collected_build(model, fq, calls, lines, fields)
    if not fields:
        return built
    if built is None and handler.get("exit") == "continue" and body is not None:
        built = _collected_later(func, body, handler, loop)
    return built


def _only_collecting(body: dict | None, lines: set[int]) -> bool:
    """The `try` holds nothing but the collecting call (`lines`): only then does `pass` drop the item
    the way `continue` does (with more in the body, `pass` goes on to the rest of the loop)."""
    return bool(body and set(range(body["line"] + 1, body["end"] + 1)) <= lines)


def _collected_build(model: ProjectModel, fq: str, calls: list, lines: set[int], fields: bool):
    """The project call inside a collecting call that builds the item (`map_record(raw)` in
    `records.append(...)`); without `KeyError` caught, only one that reads a record's fields."""
    targets = {(e.site.line, e.site.col): e.target for e in model.edges.get(fq, ())}
    return next((c for c in calls if c.line in lines and not _collects(c)
                 and (t := targets.get((c.line, c.col))) is not None and t.is_project
                 and (fields or _record_of_fields(model, c, t))), None)


def _record_of_fields(model: ProjectModel, call, target) -> bool:
    """`SettlementRow(raw["ref"], Decimal(raw["amount"]), ...)`: a project record (a class, not an enum)
    built from two or more values, so a conversion failing on one field (`ValueError`) drops a whole
    record; `Color(value)` converting one value is parsing."""
    return target.kind == "class" and not model.is_enum(target.name) and len(call.args) + len(call.kwargs) >= 2


def _record_collected_later(func, handler: dict, loop: dict):
    """`try: record = parse(json.loads(fields["payload"])) except json.JSONDecodeError: continue`, then
    `records.append(record)` further down the loop: a message that could not be decoded as a whole is
    left out of the batch with no trace. A plain value's conversion (`int(v)` on `ValueError`) is not."""
    body = try_body(func, handler)
    if handler.get("exit") != "continue" or body is None \
            or not any(last_name(t) in RECORD_DECODE_ERRORS for t in handler["types"]):
        return None
    return _collected_later(func, body, handler, loop)


def _collected_later(func, body: dict, handler: dict, loop: dict):
    """The collecting call after the handler, in the same loop, that takes a name the `try` bound
    (`rows.append({"cost": cost, ...})`): the record the skipped item would have become."""
    read = set().union(*(func.names_bound_on(line) for line in range(body["line"], body["end"] + 1)))
    return next((c for c in blk.calls_in(func, handler["end"] + 1, loop["end"])
                 if _collects(c) and read & _refs((c.args, c.kwargs))), None) if read else None


def _refs(value) -> set[str]:
    """The plain names an argument description refers to (`{"ref": "cost"}` in a dict literal)."""
    if isinstance(value, dict):
        found = {value["ref"]} if isinstance(value.get("ref"), str) else set()
        return found.union(*(_refs(v) for v in value.values()))
    if isinstance(value, (list, tuple)):
        return set().union(*(_refs(v) for v in value))
    return set()


def _collects(call) -> bool:
    """`out.append(...)`, `seen.add(...)`: the call puts an item into a collection."""
    return bool(call.func) and len(call.func) > 1 and call.func[-1] in _COLLECT and not call.awaited


def _processing_skipped(model: ProjectModel, fq: str, func, handler: dict):
    """The awaited call into the project's own processing that `except (KeyError, ValueError):
    continue` wraps in a background loop (`try: await self._process(event)`): whatever the item's
    processing raises of those types - a missing record, a bad field, a bug - drops it silently."""
    if _decode_skip_loop(func, handler) is None:
        return None
    targets = {(e.site.line, e.site.col): e.target for e in model.edges.get(fq, ())}
    return next((c for c in _try_body_calls(func, handler)
                 if c.awaited and (t := targets.get((c.line, c.col))) is not None and t.is_project), None)


def _no_work_lost(model: ProjectModel, fq: str, func, handler: dict, remote: set[str]) -> bool:
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


def _per_item_drop(model: ProjectModel, fq: str, func, handler: dict, jobs: set[str]):
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
    if _enclosing_loop(func, handler["line"]) is not None or not _try_body_calls(func, handler):
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
    awaited = [c for c in _try_body_calls(func, handler) if c.awaited]
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


def _how_on(handler: dict) -> str:
    return f" with `{handler['exit']}`" if handler.get("exit") else f" (the handler ends at line {handler['end']})"


def _enclosing_loop(func, line: int) -> dict | None:
    loops = [b for b in blk.blocks(func, "loop") if b["line"] < line <= b["end"]]
    return max(loops, key=lambda b: b["line"]) if loops else None


def try_body(func, handler: dict) -> dict | None:
    """The `try` block the handler belongs to."""
    return next((b for b in blk.blocks(func, "try") if b["line"] == handler["try_line"]), None)


def _try_body_calls(func, handler: dict) -> list:
    body = try_body(func, handler)
    return blk.calls_in(func, body["line"], body["end"]) if body else []


def _try_calls(func, handler: dict) -> list:
    """The awaited calls of the handler's `try` body (all its calls when none is awaited)."""
    calls = _try_body_calls(func, handler)
    awaited = [c for c in calls if c.awaited]
    return awaited or calls


def _library_failure_dropped(model: ProjectModel, fq: str, handler: dict) -> object | None:
    """The first call in the try body when the handler catches only a dependency library's base
    error (`SQLAlchemyError`, `httpx.HTTPError`), possibly next to the project's own errors, and
    returns without a trace, or skips to the next
    item of its loop with `continue` (a carrier's daily manifest silently not closed), or by
    ending the body of an item loop so the next item follows (`except httpx.HTTPError: failed +=
    1`). `pass` is `_failure_passed`'s; a `continue` outside a loop is RA102's (swallowed-exception) subject."""
    types = handler["types"]
    facts, func = model.functions[fq]
    loop = _enclosing_loop(func, handler["line"])
    skips = loop is not None and (handler.get("exit") == "continue" or _ends_item_loop(handler, loop))
    if not (handler.get("exit") == "return" or skips) or not types:
        return None
    if not _dependency_failure(model, fq, func, types):
        return None
    calls = _try_body_calls(func, handler)
    return next((c for c in calls if c.awaited or c.used_as), calls[0] if calls else None)


def _ends_item_loop(handler: dict, loop: dict) -> bool:
    """The handler falls through as the last statement of a loop over items (not a keep-alive
    `while True`): like `continue`, the failed item is left behind and the next one taken."""
    return not handler.get("exit") and not loop.get("forever") and handler["end"] == loop["end"]


def _failure_passed(model: ProjectModel, fq: str, handler: dict) -> object | None:
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


def caught_project_errors(model: ProjectModel, fq: str, handler: dict) -> list[str]:
    """The project exception classes a narrow handler names ([] for broad, library or
    cancellation handlers)."""
    types = handler["types"]
    if not types or any(last_name(t) in BROAD | DEPENDENCY_ERRORS | CANCEL_SIGNALS for t in types):
        return []
    facts, func = model.functions[fq]
    found = [resolved_name(model, facts, func, t) for t in types]
    return [name for name in found if name in model.classes] if all(n in model.classes for n in found) else []


_BOOKKEEPING = frozenset({"append", "add", "extend", "appendleft", "discard"})


def silent(func, handler: dict) -> bool:
    """No call (log, metric, callback) and no raise in the handler body. Noting the item in a
    local collection (`failed.append(recipient.id)`) is bookkeeping, not a trace: the item is
    marked, but why it failed is lost, unless the exception itself is what gets stored."""
    calls = blk.calls_in(func, handler["line"] + 1, handler["end"])
    return (all(_bookkeeping(site, handler.get("name") or "") or _tidy_up(site) for site in calls) and
            not blk.handler_reraises(func, handler))


_TIDY_UPS = CLEANUP_CALLS | {"rollback"}


def _tidy_up(site) -> bool:
    """`await session.rollback()`, `conn.close()`: undoing or closing after the failure, with no
    argument - it leaves no more trace of the failure than `pass`."""
    return bool(site.func) and len(site.func) > 1 and site.func[-1] in _TIDY_UPS and not (site.args or site.kwargs)


def _bookkeeping(site, exc_name: str) -> bool:
    """`name.append(x)` / `self._failed.add(x)` with arguments that do not carry the exception."""
    chain = tuple(site.func or ())
    if len(chain) not in (2, 3) or chain[-1] not in _BOOKKEEPING or (len(chain) == 3 and chain[0] != "self"):
        return False
    written = repr((site.args, site.kwargs))
    return not exc_name or (f"'{exc_name}'" not in written and f"'{exc_name}." not in written)


def first_http_call(calls: list) -> dict[str, int]:
    """fq -> line of the first HTTP request the function makes."""
    first: dict[str, int] = {}
    for call in calls:
        if call.kind == "http-client":
            first[call.fq] = min(first.get(call.fq, call.site.line), call.site.line)
    return first


def wrapping_raise(model: ProjectModel, fq: str, handler: dict, caught: list[str],
                    remote: set[str], http: dict[str, int]) -> tuple | None:
    """(call site in the try, raising function, line) when a function called in the try body
    makes remote calls and raises one of the caught classes from inside an `except`, or after
    an HTTP request of its own (`if response.status_code >= 400: raise GatewayError(...)`)."""
    func = model.functions[fq][1]
    body = try_body(func, handler)
    if body is None:
        return None
    own = _own_failed_response(model, fq, func, body, caught)
    if own is not None:
        return own
    for edge in model.edges.get(fq, ()):
        callee = model.callee_function(edge.target)
        if not callee or not body["line"] <= edge.site.line <= body["end"]:
            continue
        reach = _reach(model, callee)
        if reach.isdisjoint(remote):
            continue
        for raiser in sorted(reach):
            line = _raises_while_handling(model, raiser, caught, http.get(raiser, 0))
            if line:
                return edge.site, raiser, line
        for raiser, line in _response_checks(model, reach, caught, http):
            return edge.site, raiser, line
    return None


def _own_failed_response(model: ProjectModel, fq: str, func, body: dict, caught: list[str]) -> tuple | None:
    """(request site, fq, line) when the `try` body makes an HTTP request itself and raises one of
    the caught classes on its response (`if resp.status >= 400: raise BoardRejected(...)`): the
    handler drops the dependency's failure exactly as if a client helper had raised it."""
    requests = [c.site for c in analysis(model).calls
                if c.fq == fq and c.kind == "http-client" and body["line"] <= c.site.line <= body["end"]]
    if not requests:
        return None
    first = min(requests, key=lambda site: site.line)
    line = _raises_while_handling(model, fq, caught, first.line, (first.line, body["end"]))
    return (first, fq, line) if line else None


def _reach(model: ProjectModel, callee: str) -> set[str]:
    """The functions a call reaches, also through a breaker or retry helper it hands a method to
    (`await self._breaker.call(self._post_label, req)` runs `_post_label`)."""
    reach = forward(model, [callee], limit=200)
    passing = forwarders(model)
    handed = set()
    for caller in reach:
        facts, func = model.functions[caller]
        for edge in model.edges.get(caller, ()):
            helper = model.callee_function(edge.target)
            if helper in passing:
                handed |= {fq for _ref, fq in handed_chain(model, facts, func, edge.site, passing[helper]) if fq}
            elif helper and (edge.site.args or edge.site.kwargs):
                handed |= set(passed_and_called(model, edge, helper))
    return reach | forward(model, sorted(handed - reach), limit=200) if handed - reach else reach


def _response_checks(model: ProjectModel, reach: set[str], caught: list[str], http: dict[str, int]):
    """(helper, line) for a helper a function calls after its own HTTP request to turn the
    response into one of the caught errors (`return _raise_for_provider(response)` with
    `if response.is_error: raise PaymentProviderError(...)`): the error reports the failed call."""
    for fq in sorted(f for f in reach if f in http):
        for edge in model.edges.get(fq, ()):
            helper = model.callee_function(edge.target)
            if helper and edge.site.line >= http[fq] and helper not in http:
                line = _raises_while_handling(model, helper, caught, requested_at=-1)
                if line:
                    yield helper, line


def _raises_while_handling(model: ProjectModel, fq: str, caught: list[str], requested_at: int = 0,
                           span: tuple[int, int] = (0, 1 << 30)) -> int:
    facts, func = model.functions[fq]
    for block in blk.blocks(func, "raise"):
        if not block.get("exc") or not span[0] <= block["line"] <= span[1]:
            continue
        if not blk.enclosing(func, block["line"], "except") and not 0 < requested_at < block["line"] \
                and requested_at != -1:  # -1: the function checks a response received by its caller
            continue
        raised = resolved_name(model, facts, func, block["exc"])
        if raised in model.classes and any(c in model.mro(raised) for c in caught):
            return block["line"]
    return 0


def _logged_skip(intro: str, handler: dict, message: str) -> str:
    """A recommendation that keeps the `continue` of a skipping handler and logs what it drops."""
    name = handler.get("name") or "exc"
    return (f"{intro}:\n\n"
            f"    except ({', '.join(handler['types'])}) as {name}:\n"
            f"        log.warning(\"{message}: %r\", {name})\n"
            "        continue")


def _documented(model: ProjectModel, facts, handler: dict) -> str | None:
    """LOW for a broad drop whose comment says it is meant (`pass  # telemetry is best effort`):
    a decision written down, still worth a look, not an oversight; else the rule's severity."""
    return "LOW" if commented(model.lines(facts.path), handler) else None
